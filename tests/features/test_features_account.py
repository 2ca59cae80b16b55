"""Account features on tiny hand-made event tables (DuckDB)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import ibis
import pyarrow as pa
import pytest

from distillwatch.features.account import (
    account_features,
    compute_account_features,
    find_releases,
)
from distillwatch.schema import STORE_EVENT_SCHEMA
from tests_support import with_key_ints

T0 = datetime(2026, 1, 5, tzinfo=UTC)


def _events(rows: list[dict]) -> ibis.Table:
    full = [{f.name: r.get(f.name) for f in STORE_EVENT_SCHEMA} for r in rows]
    for i, r in enumerate(full):
        r["event_key"] = r["event_key"] or f"e{i}"
    table = pa.Table.from_pylist(full, schema=STORE_EVENT_SCHEMA)
    # readable names ("t1") become hex keys, with the stored int64 keys beside them
    return ibis.memtable(with_key_ints(table, hash_names=True))


def test_cadence_templates_and_pivots() -> None:
    rows = []
    # machine: one event every 10 minutes for two days, one template, new item each time,
    # moves to model "new" as soon as it appears on day 3
    for i in range(288 + 144):
        ts = T0 + timedelta(minutes=10 * i)
        rows.append({"ts": ts, "account_id": "bot", "template_key": "t1", "item_key": f"i{i}",
                     "model": "new" if ts >= T0 + timedelta(days=2) else "old",
                     "sig_logprobs": True, "intent_label": "cot_elicitation",
                     "intent_score": 0.9})
    # person: 09:00-17:00 only, two templates, repeats items, stays on "old"
    for d in range(3):
        for h in range(9, 17):
            ts = T0 + timedelta(days=d, hours=h, minutes=7 * d)
            rows.append({"ts": ts, "account_id": "human", "template_key": f"t{h % 2}",
                         "item_key": f"i{h % 3}", "model": "old", "intent_label": "benign",
                         "intent_score": 0.1})
    f = compute_account_features(_events(rows), None, pivot_hours=24.0)
    by = {r["account_id"]: r for r in f.to_pylist()}
    bot, human = by["bot"], by["human"]
    assert bot["exchanges"] == 432 and bot["active_days"] == 3
    assert bot["gap_cv"] == pytest.approx(0.0, abs=1e-9)
    assert bot["diurnal_rest_hours"] == 0 and bot["hour_entropy"] == pytest.approx(1.0)
    assert human["diurnal_rest_hours"] == 16 and human["active_hours"] == 8
    assert bot["top_template_share"] == 1.0 and bot["items_per_template"] == 432.0
    assert bot["repeat_rate"] == 0.0
    assert human["repeat_rate"] == pytest.approx(1 - 6 / 24)
    assert bot["share_logprobs"] == 1.0 and human["share_logprobs"] == 0.0
    assert bot["share_intent_cot"] == 1.0 and human["share_intent_high"] == 0.0
    assert bot["pivot_share"] == 1.0  # all its traffic in the release window is on "new"
    assert human["pivot_share"] == 0.0
    assert bot["account_age_days"] is None or bot["account_age_days"] != bot["account_age_days"]


def test_releases_need_a_late_first_appearance() -> None:
    rows = [{"ts": T0 + timedelta(hours=h), "account_id": "a", "model": "old"}
            for h in range(100)]
    rows += [{"ts": T0 + timedelta(hours=60 + h), "account_id": "a", "model": "new"}
             for h in range(30)]
    rel = find_releases(_events(rows), pivot_hours=48.0, min_events=20)
    assert [r.model for r in rel] == ["new"]
    assert rel[0].first_seen == T0 + timedelta(hours=60)
    assert find_releases(_events(rows), pivot_hours=72.0) == []
    # the feature stage finds the same releases in its network rows (no scan of its own)
    rows += [{"ts": T0 + timedelta(hours=80 + h), "account_id": f"b{h % 3}", "model": m}
             for h in range(25) for m in ("newer", None)]
    for hours, least in ((48.0, 20), (48.0, 26), (72.0, 20), (10.0, 1)):
        computed = account_features(_events(rows), None, pivot_hours=hours,
                                    min_release_events=least)
        assert computed.releases == find_releases(_events(rows), pivot_hours=hours,
                                                  min_events=least)
    assert [r.model for r in computed.releases] == ["new", "newer"]


def test_approx_distinct_is_close_to_exact() -> None:
    rows = [{"ts": T0 + timedelta(minutes=i), "account_id": f"a{i % 3}",
             "client_ip": f"10.0.{i % 7}.{i % 200}", "user_agent": f"ua/{i % 40}"}
            for i in range(3000)]
    ev = _events(rows)
    exact = compute_account_features(ev, None).to_pylist()
    approx = compute_account_features(ev, None, approx_distinct=True).to_pylist()
    for e, a in zip(exact, approx, strict=True):
        assert e["account_id"] == a["account_id"]
        for col in ("distinct_ips", "distinct_user_agents"):
            assert a[col] == pytest.approx(e[col], rel=0.1)
        assert a["exchanges"] == e["exchanges"]

"""The fused engine passes (mask roll-up, integer account index) against plain Python.

Random events with nulls, repeated seconds and shared values across accounts; every feature
the engine computes is recomputed here row by row and must agree exactly
(means to float32 precision, the store keeps scores as float32).
"""

from __future__ import annotations

import itertools
import random
import statistics
from datetime import UTC, datetime, timedelta

import ibis
import pyarrow as pa
import pytest

from distillwatch.features.account import compute_account_features
from distillwatch.features.expressions import ModelRelease
from distillwatch.schema import STORE_EVENT_SCHEMA
from tests_support import with_key_ints

T0 = datetime(2026, 2, 1, tzinfo=UTC)
LABELS = [None, "benign", "cot_elicitation", "reasoning_exposure", "synthetic_data"]


def _rows(seed: int) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for i in range(3000):
        acc = f"acct-{rng.randrange(40):03d}"  # long-ish shared prefix, like real ids
        ts = T0 + timedelta(seconds=rng.randrange(4 * 86400), microseconds=rng.randrange(10**6))
        rows.append({
            "ts": ts, "account_id": acc, "event_key": f"e{i}",
            "model": rng.choice(["old", "new", None]) if ts > T0 + timedelta(days=2) else "old",
            "client_ip": rng.choice([None, *(f"10.0.{j}.{k}" for j in range(3) for k in range(4))]),
            "ip_prefix": rng.choice([None, "10.0.0.0/24", "10.0.1.0/24"]),
            "ip_asn": rng.choice([None, 1, 2, 3]),
            "user_agent": rng.choice([None, "ua1", "ua2", "ua3"]),
            "api_key_id": f"k{rng.randrange(5)}", "end_user": rng.choice([None, "u1", "u2"]),
            "input_tokens": rng.choice([None, rng.randrange(100)]),
            "output_tokens": rng.randrange(500), "reasoning_tokens": None,
            "intent_label": rng.choice(LABELS),
            "intent_score": rng.choice([None, rng.random()]),
            "request_score": rng.random(),
            "sig_logprobs": rng.choice([None, True, False]), "logprobs": rng.choice([None, True]),
            "sig_tools": rng.choice([None, True, False]), "tool_count": rng.choice([None, 0, 2]),
            "status": rng.choice([200, 200, 429, None]),
            "ip_is_hosting": rng.choice([None, True, False]), "ip_is_vpn": rng.choice([None, True]),
            "ip_is_tor": rng.choice([None, False, True]),
            "template_key": rng.choice([None, "t1", "t2", "t3"]),
            "item_key": rng.choice(["i1", "i2", "i3", "i4", None]),
        })
    return rows


@pytest.mark.parametrize("seed", [1, 2])
def test_engine_features_match_python(seed: int) -> None:
    rows = _rows(seed)
    table = pa.Table.from_pylist(
        [{f.name: r.get(f.name) for f in STORE_EVENT_SCHEMA} for r in rows],
        schema=STORE_EVENT_SCHEMA,
    )
    release = ModelRelease(model="new", first_seen=T0 + timedelta(days=2))
    table = with_key_ints(table, hash_names=True)  # "t1" -> a hex key, plus the int64 keys
    f = compute_account_features(ibis.memtable(table), None, releases=[release],
                                 pivot_hours=24.0)
    got = {r["account_id"]: r for r in f.to_pylist()}
    accounts = sorted({r["account_id"] for r in rows})
    assert list(got) == accounts
    for acc in accounts:
        ev = [r for r in rows if r["account_id"] == acc]
        g, n = got[acc], len(ev)

        def share(pred, ev=ev, n=n):
            return sum(1 for r in ev if pred(r)) / n

        def distinct(col, ev=ev):
            return len({r[col] for r in ev if r[col] is not None})

        assert g["exchanges"] == n
        assert g["input_tokens"] == sum(r["input_tokens"] or 0 for r in ev)
        assert g["share_intent_cot"] == pytest.approx(
            share(lambda r: r["intent_label"] == "cot_elicitation"), abs=1e-9)
        assert g["share_intent_high"] == pytest.approx(
            share(lambda r: (r["intent_score"] or 0) >= 0.5), abs=1e-9)
        scores = [r["intent_score"] for r in ev if r["intent_score"] is not None]
        assert g["intent_score_mean"] == pytest.approx(statistics.fmean(scores), abs=1e-6)
        lp = share(lambda r: r["sig_logprobs"] if r["sig_logprobs"] is not None
                   else bool(r["logprobs"]))
        assert g["share_logprobs"] == pytest.approx(lp, abs=1e-9)
        assert g["share_errors"] == pytest.approx(
            share(lambda r: (r["status"] or 0) >= 400), abs=1e-9)
        assert g["share_vpn"] == pytest.approx(
            share(lambda r: bool(r["ip_is_vpn"]) or bool(r["ip_is_tor"])), abs=1e-9)
        assert g["sketched"] == sum(1 for r in ev if r["template_key"] is not None)
        for col, name in [("client_ip", "distinct_ips"), ("ip_prefix", "distinct_prefixes"),
                          ("ip_asn", "distinct_asns"), ("user_agent", "distinct_user_agents"),
                          ("api_key_id", "distinct_api_keys"),
                          ("end_user", "distinct_end_users"), ("model", "distinct_models")]:
            assert g[name] == distinct(col), name
        assert g["active_days"] == len({r["ts"].date() for r in ev})
        in_win = [r for r in ev if release.first_seen <= r["ts"] < release.first_seen
                  + timedelta(hours=24)]
        assert g["release_window_events"] == len(in_win)
        if in_win:
            assert g["pivot_share"] == pytest.approx(
                sum(1 for r in in_win if r["model"] == "new") / len(in_win), abs=1e-9)
        secs = sorted(int(r["ts"].timestamp()) for r in ev)
        gaps = [b - a for a, b in itertools.pairwise(secs)]
        assert g["gap_count"] == len(gaps)
        assert g["gap_mean_s"] == pytest.approx(statistics.fmean(gaps), abs=1e-6)
        assert g["gap_cv"] == pytest.approx(
            statistics.stdev(gaps) / statistics.fmean(gaps), abs=1e-6)
        assert g["active_hours"] == len({r["ts"].hour for r in ev})
        sk = [r for r in ev if r["template_key"] is not None]
        assert g["templates"] == len({r["template_key"] for r in sk})
        assert g["distinct_items"] == len({(r["template_key"], r["item_key"]) for r in sk})

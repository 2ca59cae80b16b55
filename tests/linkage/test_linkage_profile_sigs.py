"""Vectorised risk profile, and which stored MinHash signature near-duplicate banding uses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import ibis
import numpy as np
import pyarrow as pa
import pytest

from distillwatch.linkage import load_linkage_config
from distillwatch.linkage.campaigns import _profile
from distillwatch.linkage.lsh import near_dup_memberships
from distillwatch.schema import STORE_EVENT_SCHEMA
from tests_support import with_key_ints

T0 = datetime(2026, 3, 2, tzinfo=UTC)


def test_profile_is_the_mean_of_the_known_risk_facts() -> None:
    activity = pa.table(
        {
            "account_id": ["a", "b", "c", "d", "e"],
            "first_seen": pa.array([T0] * 5, pa.timestamp("us", "UTC")),
        }
    )
    accounts = pa.table(
        {
            "account_id": ["e", "a", "b", "c"],  # d has no accounts row
            "created_at": pa.array(
                [None, T0 - timedelta(days=3), T0 - timedelta(days=400), None],
                pa.timestamp("us", "UTC"),
            ),
            "verified": [None, False, True, None],
            "email_domain_class": [None, "free", "other", None],
        }
    )
    got = _profile(accounts, activity, young_days=30)
    # a: young, unverified, free mail -> 1; b: old, verified, company domain -> 0;
    # c and e: nothing known; d: no accounts row
    assert got[0] == pytest.approx(1.0)
    assert got[1] == pytest.approx(0.0)
    assert np.isnan(got[2]) and np.isnan(got[3]) and np.isnan(got[4])
    partial = accounts.set_column(2, "verified", pa.array([None, True, True, None]))
    assert _profile(partial, activity, young_days=30)[0] == pytest.approx(2 / 3)
    assert np.isnan(_profile(None, activity, young_days=30)).all()


def _sig(seed: int) -> list[int]:
    return np.random.default_rng(seed).integers(0, 2**32, 64, dtype=np.uint64).tolist()


def _stored(seed: int) -> bytes:
    """:func:`_sig` as older stores hold it (64 uint32 little-endian, 256 bytes)."""
    return np.asarray(_sig(seed), dtype="<u4").tobytes()


def _events(rows: list[dict]) -> ibis.Table:
    full = [{f.name: r.get(f.name) for f in STORE_EVENT_SCHEMA} for r in rows]
    # readable template names become hex keys with their integers, as a store holds them
    table = pa.Table.from_pylist(full, schema=STORE_EVENT_SCHEMA)
    return ibis.memtable(with_key_ints(table, hash_names=True))


def test_near_dup_uses_the_signature_of_the_smallest_event_key() -> None:
    cfg = load_linkage_config()
    rows = []
    for acct in ("x", "y"):
        # the smallest event key carries signature 1, a later one signature 2
        rows.append({"ts": T0, "account_id": acct, "event_key": f"{acct}-0",
                     "template_key": "t", "minhash": _stored(1)})
        rows.append({"ts": T0, "account_id": acct, "event_key": f"{acct}-1",
                     "template_key": "t", "minhash": _stored(2)})
    # z's smallest event for its template has no sketch: no signature for that template
    rows.append({"ts": T0, "account_id": "z", "event_key": "z-0", "template_key": "t"})
    rows.append({"ts": T0, "account_id": "z", "event_key": "z-1", "template_key": "t",
                 "minhash": _stored(1)})
    m = near_dup_memberships(_events(rows), config=cfg)[0]
    by_account: dict[str, set[str]] = {}
    for a, k in zip(m["account_id"].to_pylist(), m["key"].to_pylist(), strict=True):
        by_account.setdefault(a, set()).add(k)
    assert set(by_account) == {"x", "y"}
    assert by_account["x"] == by_account["y"]
    assert len(by_account["x"]) == cfg.lsh.bands
    s1 = [v & 0xFFFF for v in _sig(1)]  # buckets name the low 16 bits of stored values
    assert f"b0:{s1[0]},{s1[1]},{s1[2]},{s1[3]}" in by_account["x"]
    assert set(m["uses"].to_pylist()) == {2}

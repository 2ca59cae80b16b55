"""account_features when two account ids would share a 64-bit hash (forced): the passes fall
back to the account id strings (the network rows are grouped again on them) and give exactly
the features and network rows of the hashed path."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta

import ibis
import pyarrow as pa
import pytest

from distillwatch.features import account as account_mod
from distillwatch.features.account import account_features
from distillwatch.schema import STORE_EVENT_SCHEMA
from tests_support import with_key_ints

T0 = datetime(2026, 4, 1, tzinfo=UTC)


def _events() -> ibis.Table:
    rng = random.Random(7)
    accounts = [f"org-{i:03d}-{rng.getrandbits(40):010x}" for i in range(12)] + ["a"]
    rows = []
    for i in range(1500):
        rows.append({
            "ts": T0 + timedelta(seconds=rng.randrange(4 * 86400)),
            "account_id": rng.choice(accounts), "event_key": f"e{i:05d}",
            "model": rng.choice(["m1", "m2"]), "client_ip": f"198.51.100.{rng.randrange(6)}",
            "ip_prefix": "198.51.100.0/24", "ip_asn": rng.choice([None, 64500, 64501]),
            "ip_is_hosting": rng.choice([None, True, False]),
            "user_agent": rng.choice([None, "ua1", "ua2"]),
            "api_key_id": rng.choice([None, "k1", "k2"]), "end_user": rng.choice([None, "u1"]),
            "template_key": rng.choice([None, "t1", "t2", "t3"]),
            "item_key": rng.choice([None, "i1", "i2", "i3", "i4"]),
            "input_tokens": rng.randrange(10, 500), "output_tokens": rng.randrange(10, 900),
        })
    table = pa.Table.from_pylist(
        [{f.name: r.get(f.name) for f in STORE_EVENT_SCHEMA} for r in rows],
        schema=STORE_EVENT_SCHEMA,
    )
    return ibis.memtable(with_key_ints(table, hash_names=True))


def _same(a: pa.Table, b: pa.Table) -> bool:
    """Equal tables, NaN equal to NaN (Arrow's equals says NaN != NaN)."""
    def rows(t: pa.Table) -> list[dict]:
        return [{k: "NaN" if isinstance(v, float) and math.isnan(v) else v
                 for k, v in r.items()} for r in t.to_pylist()]
    return a.schema == b.schema and rows(a) == rows(b)


def _sorted(t: pa.Table) -> pa.Table:
    t = t.cast(pa.schema([f.with_nullable(True) for f in t.schema]))
    return t.sort_by([(c, "ascending") for c in t.column_names])


def test_a_hash_collision_falls_back_to_the_strings(monkeypatch: pytest.MonkeyPatch) -> None:
    events = _events()
    hashed = account_mod.hashed_accounts(events, events.account_id.to_pyarrow())
    assert hashed is not None  # the normal run takes the hashed passes
    normal = account_features(events, activity=True)
    with monkeypatch.context() as m:
        m.setattr(account_mod, "hashed_accounts", lambda *_a, **_k: None)
        fallback = account_features(events, activity=True)
    assert _same(fallback.features, normal.features)
    assert "_ha" not in fallback.network.column_names
    assert _same(_sorted(fallback.network), _sorted(normal.network))
    assert _same(fallback.intent_cutoffs, normal.intent_cutoffs)
    assert fallback.activity is not None and normal.activity is not None
    assert _same(fallback.activity, normal.activity)

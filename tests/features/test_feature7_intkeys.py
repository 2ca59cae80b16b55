"""Round 7: the feature passes on integer template/item keys and hashed account ids.

``template_usage``, ``distinct_counts`` and the event times' account index group (or join)
on ``template_key64``/``item_key64`` and, on DuckDB, on the 64-bit hash of the account id
(``hashed_accounts``). Both must give exactly the rows of the string keys; evidence's
template support must rank ties in the hex strings' order and write the hex keys.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import ibis
import pyarrow as pa
import pytest

from distillwatch.features.expressions import (
    account_index,
    distinct_counts,
    hashed_accounts,
    name_by_hash,
    network_usage,
    template_usage,
    with_account_index,
)
from distillwatch.findings.evidence import support_tables
from distillwatch.schema import STORE_EVENT_SCHEMA
from tests_support import with_key_ints

T0 = datetime(2026, 4, 1, tzinfo=UTC)
# Keys on both sides of the sign bit: the int64 must order them as the strings sort.
EDGE_KEYS = ["0000000000000001", "7fffffffffffffff", "8000000000000000", "ffffffffffffffff"]


def _table(rows: list[dict]) -> pa.Table:
    table = pa.Table.from_pylist(
        [{f.name: r.get(f.name) for f in STORE_EVENT_SCHEMA} for r in rows],
        schema=STORE_EVENT_SCHEMA,
    )
    return with_key_ints(table)


def _rows(seed: int) -> list[dict]:
    rng = random.Random(seed)
    accounts = [f"org-{rng.getrandbits(80):020x}" for _ in range(30)] + ["a", "b" * 40]
    keys = EDGE_KEYS + [f"{rng.getrandbits(64):016x}" for _ in range(6)]
    rows = []
    for i in range(4000):
        rows.append({
            "ts": T0 + timedelta(seconds=rng.randrange(3 * 86400)),
            "account_id": rng.choice(accounts), "event_key": f"e{i:05d}",
            "template_key": rng.choice([None, *keys]),
            "item_key": rng.choice([None, *keys[:5]]),
            "user_agent": rng.choice([None, "ua1", "ua2", "a long user agent string/1.0"]),
            "api_key_id": rng.choice([None, "k1", "k2"]), "end_user": rng.choice([None, "u1"]),
        })
    return rows


def _sorted(t: pa.Table) -> pa.Table:
    """Rows in a fixed order, columns nullable (the hashed path names its rows from an
    in-memory table, whose id column is nullable where the events' may not be)."""
    t = t.cast(pa.schema([f.with_nullable(True) for f in t.schema]))
    return t.sort_by([(c, "ascending") for c in t.column_names])


@pytest.mark.parametrize("seed", [1, 2])
def test_template_usage_on_ints_matches_python_and_hashed_accounts(seed: int) -> None:
    rows = _rows(seed)
    events = ibis.memtable(_table(rows))
    ids = pa.array(sorted({r["account_id"] for r in rows}))
    hashed = hashed_accounts(events, ids)
    assert hashed is not None  # DuckDB, and 32 ids do not collide in 64 bits
    plain = _sorted(template_usage(events).to_pyarrow())
    by_hash = _sorted(template_usage(events, accounts=hashed).to_pyarrow())
    assert by_hash.equals(plain)
    got = {r["account_id"]: r for r in plain.to_pylist()}
    sketched = [r for r in rows if r["template_key"] is not None]
    assert set(got) == {r["account_id"] for r in sketched}
    for acc, g in got.items():
        ev = [r for r in sketched if r["account_id"] == acc]
        per = Counter(r["template_key"] for r in ev)
        assert g["sketched"] == len(ev)
        assert g["templates"] == len(per)
        assert g["top_template_n"] == max(per.values())
        # (template, item) pairs; a null item is one item of its template, as in the strings
        assert g["distinct_items"] == len({(r["template_key"], r["item_key"]) for r in ev})


@pytest.mark.parametrize("approx", [False, True])
def test_distinct_counts_and_account_index_on_hashed_accounts(approx: bool) -> None:
    rows = _rows(3)
    events = ibis.memtable(_table(rows))
    ids = pa.array(sorted({r["account_id"] for r in rows}))
    hashed = hashed_accounts(events, ids)
    assert hashed is not None
    plain = _sorted(distinct_counts(events, approx_distinct=approx).to_pyarrow())
    by_hash = _sorted(distinct_counts(events, approx_distinct=approx,
                                      accounts=hashed).to_pyarrow())
    assert by_hash.equals(plain)
    if not approx:
        got = {r["account_id"]: r for r in plain.to_pylist()}
        for acc in ids.to_pylist():
            ua = {r["user_agent"] for r in rows if r["account_id"] == acc} - {None}
            assert got[acc]["distinct_user_agents"] == len(ua)
    index = account_index(ids)
    a = _sorted(with_account_index(events, index, ("ts", "event_key")).to_pyarrow())
    b = _sorted(with_account_index(events, index, ("ts", "event_key"),
                                   accounts=hashed).to_pyarrow())
    assert b.equals(a) and a.num_rows == len(rows)


def test_evidence_templates_rank_ties_in_hex_order_and_write_hex_keys() -> None:
    # Every template used equally often by one account: the top k by (count desc, key) are
    # the k smallest hex strings, across the sign bit of the int64.
    rows = []
    keys = ["ffffffffffffffff", "8000000000000000", "7fffffffffffffff", "0000000000000001",
            "80000000000000ff"]
    for j, key in enumerate(keys):
        for i in range(3):
            rows.append({"ts": T0 + timedelta(minutes=10 * j + i), "account_id": "acc",
                         "event_key": f"e{j}-{i}", "template_key": key,
                         "item_key": EDGE_KEYS[i] if j % 2 else None})
    events = ibis.memtable(_table(rows))
    got = support_tables(events, ["acc"], examples=3, needed={"templates": ["acc"]})
    t = got["templates"]
    assert t.column_names == ["account_id", "template_key", "n", "items", "example_event_key"]
    assert t.schema.field("template_key").type == pa.string()
    ranked = t.sort_by([("n", "descending"), ("template_key", "ascending")]).to_pylist()
    assert [r["template_key"] for r in ranked] == sorted(keys)[:3]
    for r in ranked:
        j = keys.index(r["template_key"])
        assert r["n"] == 3
        assert r["items"] == (3 if j % 2 else 0)  # null items are not counted
        assert r["example_event_key"] == f"e{j}-0"


def test_network_rows_by_hash_named_are_the_string_rows() -> None:
    rows = _rows(4)
    for i, r in enumerate(rows):
        r.update(ip_prefix=f"10.0.{i % 3}.0/24", client_ip=f"10.0.{i % 3}.{i % 5}",
                 ip_asn=[None, 1, 2][i % 3], model=["m1", "m2", None][i % 4 % 3],
                 ip_is_hosting=[None, True, False][i % 3])
    events = ibis.memtable(_table(rows))
    ids = pa.array(sorted({r["account_id"] for r in rows}))
    hashed = hashed_accounts(events, ids)
    assert hashed is not None
    keyed = network_usage(events, by_hash=True).to_pyarrow()
    assert "account_id" not in keyed.column_names and "_ha" in keyed.column_names
    named = name_by_hash(keyed, hashed)
    plain = network_usage(events).to_pyarrow()
    assert named.column_names == plain.column_names
    assert _sorted(named).equals(_sorted(plain))
    # a hash that is not an account's is an error, never a row without a name
    with pytest.raises(RuntimeError, match="missing"):
        name_by_hash(keyed, hashed.slice(1))

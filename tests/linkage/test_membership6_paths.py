"""Round 6 template memberships: each faster path equals the one it replaced."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import ibis
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from distillwatch.linkage import load_linkage_config, synchrony
from distillwatch.linkage.config import SynchronyConfig
from distillwatch.linkage.membership import duckdb_sync_bucket
from distillwatch.linkage.pairs import CodedPart, JoinedKeys
from distillwatch.linkage.partition import candidate_codes, candidate_templates
from distillwatch.linkage.synchrony import sync_bucket, synchrony_part
from distillwatch.store.hashed_keys import byte_order


@pytest.mark.parametrize("width", [1, 2, 7, 8, 9, 16, 24, 32, 33])
def test_byte_order_is_sort_indices(width: int) -> None:
    rng = np.random.default_rng(width)
    raw = rng.integers(0, 256, size=(3000, width), dtype=np.uint8)
    hexes = sorted({bytes(r).hex()[:width] for r in raw})
    # a shared prefix makes many values tie on their first 8 bytes
    prefixed = sorted({("org-" + bytes(r).hex())[:width] for r in raw})
    for vals in (hexes, prefixed):
        shuffled = pa.array([vals[i] for i in rng.permutation(len(vals))])
        for a in (shuffled, shuffled.slice(3), shuffled.slice(1, max(0, len(shuffled) - 2))):
            assert byte_order(a).to_pylist() == pc.sort_indices(a).to_pylist()


def test_byte_order_other_strings() -> None:
    multibyte = pa.array(list({chr(0x100 + i % 50) + chr(0x41 + i % 26) + "é"
                               for i in range(2000)}))
    ragged = pa.array(["ab", "a", "abc", "b", ""])
    for a in (multibyte, ragged, pa.array(["z"]), pa.array([], pa.string())):
        assert byte_order(a).to_pylist() == pc.sort_indices(a).to_pylist()


def test_duckdb_sync_bucket_is_sync_bucket() -> None:
    """Bit for bit on DuckDB, at and around bucket boundaries (one or two microseconds
    either side), before 1970 and far ahead, for aware and naive timestamps."""
    base = [datetime(1969, 12, 31, 23, 45, tzinfo=UTC), datetime(1970, 1, 1, tzinfo=UTC),
            datetime(2026, 6, 1, tzinfo=UTC), datetime(2026, 6, 1, 0, 15, tzinfo=UTC),
            datetime(2031, 3, 9, 7, 30, tzinfo=UTC), datetime(2105, 12, 31, 23, 45, tzinfo=UTC)]
    rng = np.random.default_rng(3)
    ts = [b + timedelta(minutes=int(k) * 15, microseconds=int(d))
          for b in base for k in rng.integers(-3000, 3000, 40) for d in (-2, -1, 0, 1, 2)]
    ts += [datetime(2026, 1, 1, tzinfo=UTC) + timedelta(microseconds=int(u))
           for u in rng.integers(0, 10**13, 2000)]
    aware = pa.array(ts, pa.timestamp("us", "UTC"))
    for col in (aware, aware.cast(pa.timestamp("us"))):
        t = ibis.memtable(pa.table({"ts": col}))
        assert t.get_backend().name == "duckdb"
        for minutes in (1, 7, 15, 60):
            sc = SynchronyConfig(bucket_minutes=minutes)
            got = t.select(a=sync_bucket(t.ts, sc), b=duckdb_sync_bucket(t.ts, sc)).to_pyarrow()
            assert got["a"].equals(got["b"]), (col.type, minutes)


def test_candidate_codes_are_candidate_templates() -> None:
    rng = np.random.default_rng(5)
    n, templates = 20_000, 400
    code = rng.integers(0, templates, n)
    uses = rng.integers(1, 12, n)
    keys = pa.array([f"t{i:05d}" for i in range(templates)])
    accounts = pa.array([f"a{i}" for i in range(n)])
    agg = pa.table({"account_id": accounts, "template_key": keys.take(pa.array(code)),
                    "_uses": pa.array(uses)})
    sizes = set()
    for items, accts in ((5, 3), (1, 2), (9, 14), (12, 2)):
        cfg = load_linkage_config(overrides={
            "partition": {"min_items_per_account": items, "min_accounts": accts}})
        want = sorted(candidate_templates(agg, config=cfg)["template_key"].to_pylist())
        got = candidate_codes(code, uses, templates=templates, config=cfg)
        assert keys.take(pa.array(got)).to_pylist() == want
        sizes.add(len(want))
    assert 0 in sizes and templates in sizes and len(sizes) == 3  # none, all, some


def _parts_equal(a: CodedPart, b: CodedPart) -> None:
    assert isinstance(a.keys, JoinedKeys) and isinstance(b.keys, JoinedKeys)
    assert a.account_id.equals(b.account_id)
    for col in ("key", "uses", "mult"):
        x, y = getattr(a, col), getattr(b, col)
        assert x.dtype == y.dtype and np.array_equal(x, y), col
    assert a.account_codes is not None and b.account_codes is not None
    assert np.array_equal(a.account_codes[1], b.account_codes[1])
    for col in ("prefix", "number"):
        assert np.array_equal(getattr(a.keys, col), getattr(b.keys, col)), col
    assert a.keys.prefixes.equals(b.keys.prefixes)


def test_packed_synchrony_equals_the_argsort_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sort of packed (template, bucket, account) values gives the part the argsort of
    the three columns gave (forced by making the packing decline)."""
    rng = np.random.default_rng(7)
    rows, n_t, n_a = 3000, 60, 40
    templates = pa.array([f"t{i:03d}" for i in range(n_t)])
    accounts = pa.array([f"a{i:03d}" for i in range(n_a)])
    tcode = rng.integers(3, n_t, rows)
    acode = rng.integers(2, n_a, rows)
    lists = [list(rng.integers(1_970_000, 1_970_300, int(rng.integers(0, 6))) * 2)
             for _ in range(rows)]
    lists[5] = None
    buckets = pa.array(lists, pa.list_(pa.int64()))
    fast = synchrony_part(buckets, accounts=accounts, account_code=acode,
                          templates=templates, template_code=tcode)
    with monkeypatch.context() as m:
        m.setattr(synchrony, "_packed", lambda *a: None)
        slow = synchrony_part(buckets, accounts=accounts, account_code=acode,
                              templates=templates, template_code=tcode)
    assert fast.num_rows > 1000 and fast.uses.max() > 1
    _parts_equal(fast, slow)

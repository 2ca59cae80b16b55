"""16-bit stored MinHash values: near-duplicate linkage bands a store of 128-byte values, one
of older 256-byte or list values, and a mixed one alike (the same prompts, the same links)."""

from __future__ import annotations

from datetime import UTC, datetime

import ibis
import numpy as np
import pyarrow as pa
import pytest

from distillwatch.linkage import load_linkage_config
from distillwatch.linkage.lsh import near_dup_memberships
from distillwatch.schema import MINHASH_PERMUTATIONS, STORE_EVENT_SCHEMA
from tests_support import with_key_ints

T0 = datetime(2026, 3, 2, tzinfo=UTC)
P = MINHASH_PERMUTATIONS


def _signatures(n: int) -> np.ndarray:
    """32-bit signatures as older stores held them: a few prompts, each sent with a few
    values changed (near duplicates), by many accounts."""
    rng = np.random.default_rng(16)
    pool = rng.integers(0, 2**32, (5, P), dtype=np.uint64).astype(np.uint32)
    sig = pool[rng.integers(0, len(pool), n)]
    for i in range(n):
        k = int(rng.integers(0, 4))
        sig[i, rng.integers(0, P, k)] = rng.integers(0, 2**32, k, dtype=np.uint64)
    return sig


def _stored(s: np.ndarray, form: str) -> object:
    if form == "binary":  # what ingest writes now
        return (s & 0xFFFF).astype("<u2").tobytes()
    if form == "binary32":
        return s.astype("<u4").tobytes()
    return s.tolist()  # list, full 32-bit values


def _events(sig: np.ndarray, forms: list[str]) -> ibis.Table:
    rows = []
    for i, s in enumerate(sig):
        rows.append({"ts": T0, "account_id": f"org-{i % 40:02d}", "event_key": f"k{i:05d}",
                     "template_key": f"t{i % 7}", "minhash": _stored(s, forms[i % len(forms)])})
    minhash_type = pa.list_(pa.uint32()) if "list" in forms else pa.binary()
    schema = pa.schema([f if f.name != "minhash" else pa.field("minhash", minhash_type)
                        for f in STORE_EVENT_SCHEMA])
    table = pa.Table.from_pylist([{f.name: r.get(f.name) for f in schema} for r in rows],
                                 schema=schema)
    return ibis.memtable(with_key_ints(table, hash_names=True))


def _rows(t: pa.Table) -> list[tuple]:
    return sorted(zip(*(t[c].to_pylist() for c in t.column_names), strict=True))


@pytest.mark.parametrize("forms", [["binary32"], ["list"], ["binary32", "binary"]])
def test_old_new_and_mixed_stores_give_the_same_near_dup_memberships(forms: list[str]) -> None:
    cfg = load_linkage_config()
    sig = _signatures(600)
    (new,) = near_dup_memberships(_events(sig, ["binary"]), config=cfg)
    (other,) = near_dup_memberships(_events(sig, forms), config=cfg)
    assert new.num_rows > 100
    assert _rows(other) == _rows(new)
    # buckets name the 16-bit values
    values = [int(v) for k in new["key"].to_pylist() for v in k.split(":")[1].split(",")]
    assert max(values) < 2**16 and max(values) > 2**15

"""Round 9's dedupe kernels give what DuckDB, a Python set and Arrow's cast give."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from distillwatch.ingest import pipeline
from distillwatch.ingest.dedupe import KeySet, hash_keys
from distillwatch.ingest.pipeline import batch_days, existing_hashes
from distillwatch.schema import TS
from distillwatch.store.layout import StoreLayout

ALPHABET = [*"abcxyz-0123\x00\t ", "é", "日", "ÿ", "😀"]


def _random_strings(rng: np.random.Generator, n: int) -> list[str]:
    lengths = rng.integers(0, 70, n)
    return ["".join(rng.choice(ALPHABET, int(k))) for k in lengths]


def _duckdb_hash(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    con = duckdb.connect()
    con.register("t", pa.table({"k": values}))
    out = con.sql("SELECT hash(k) AS h FROM t").to_arrow_table()
    return out.column("h").to_numpy().astype(np.uint64)


def test_key_hash_is_duckdbs_hash() -> None:
    rng = np.random.default_rng(9)
    strings = ["", "a", "req-1", "abcdefgh", "abcdefghijkl", "abcdefghijklm", *_random_strings(
        rng, 20_000
    )]
    arr = pa.array(strings, pa.string())
    for values in (
        arr,
        arr.slice(3),  # an offset into the buffers
        arr.slice(11, 500),
        pa.chunked_array([arr.slice(0, 7), arr.slice(7, 1000), arr.slice(1007)]),
        pa.array(["x" * k for k in range(40)], pa.string()),  # every tail length
    ):
        np.testing.assert_array_equal(hash_keys(values), _duckdb_hash(values))


def test_keyset_matches_a_python_set_across_filter_growth() -> None:
    rng = np.random.default_rng(4)
    ks = KeySet()
    seen: set[int] = set()
    # Small integers (not spread like hashes) and wide random ones; repeats inside a batch
    # and across batches; enough keys that the Bloom filter is rebuilt larger twice.
    for step in range(60):
        if step % 3 == 0:
            batch = rng.integers(0, 40_000, 6_000).astype(np.uint64)
        else:
            batch = rng.integers(0, 2**64 - 1, 6_000, dtype=np.uint64)
            batch[7::7] = batch[6:-1:7]  # repeats inside the batch
            if seen:
                old = np.fromiter(seen, np.uint64, len(seen))
                batch[::5] = rng.choice(old, len(batch[::5]))
        keep = ks.first_new(batch)
        expect = []
        for h in batch.tolist():
            expect.append(h not in seen)
            seen.add(h)
        assert keep.tolist() == expect
        assert len(ks) == len(seen)
    assert len(ks) > 4 * 65_536 // 2
    assert len(ks._runs) <= 12
    for run in ks._runs:  # merged runs stay strictly ascending (no key twice)
        assert (run[1:] > run[:-1]).all()


def test_keyset_add_then_first_new() -> None:
    ks = KeySet()
    stored = np.array([5, 5, 9, 2**63 + 1], np.uint64)
    ks.add(stored)
    assert len(ks) == 3
    keep = ks.first_new(np.array([9, 10, 10, 2**63 + 1, 5, 11], np.uint64))
    assert keep.tolist() == [False, True, False, False, False, True]


def test_batch_days_equal_arrows_date_cast() -> None:
    rng = np.random.default_rng(1)
    us = rng.integers(-3 * 10**17, 3 * 10**17, 50_000)
    day = 86_400_000_000
    us[:6] = [0, -1, day, day - 1, -day, -day - 1]  # the edges of days, before 1970 too
    arr = pa.array(us, pa.int64()).cast(TS)
    for ts in (arr, arr.slice(5), pa.chunked_array([arr.slice(0, 10), arr.slice(10)])):
        want = pa.chunked_array([ts]) if isinstance(ts, pa.Array) else ts
        expect = np.concatenate([c.cast(pa.date32()).to_numpy(zero_copy_only=False)
                                 for c in want.chunks])
        got = batch_days(ts)
        assert got.dtype == expect.dtype
        np.testing.assert_array_equal(got, expect)


def test_existing_hashes_streams_every_stored_key_of_the_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # batches of 7 keys: several per file and one that spans no file boundary evenly
    monkeypatch.setattr(pipeline, "_KEY_BATCH_ROWS", 7)
    layout = StoreLayout.at(tmp_path)
    day = date(2025, 6, 1)
    con = duckdb.connect()
    assert existing_hashes(layout, day, con).size == 0
    rng = np.random.default_rng(5)
    folder = layout.day_dir(day)
    folder.mkdir(parents=True)
    keys: list[str] = []
    for i, n in enumerate([20, 1, 13]):
        part = _random_strings(rng, n)
        keys += part
        pq.write_table(pa.table({"event_key": part, "x": list(range(n))}), folder / f"{i}.parquet")
    other = layout.day_dir(date(2025, 6, 2))
    other.mkdir(parents=True)
    pq.write_table(pa.table({"event_key": ["not-this-day"]}), other / "0.parquet")
    got = existing_hashes(layout, day, con)
    assert got.dtype == np.uint64
    assert np.array_equal(np.sort(got), np.sort(_duckdb_hash(pa.array(keys))))

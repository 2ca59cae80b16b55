"""The stored MinHash column: binary values of the same numbers, the legacy list type still
read and appended to in kind, and `store migrate` converting a store file by file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from distillwatch.cli import app
from distillwatch.exceptions import StoreError
from distillwatch.schema import MINHASH_PERMUTATIONS
from distillwatch.store import StoreLayout
from distillwatch.store.catalog import write_catalog
from distillwatch.store.migrate import _rewrite, migrate_store, store_format_counts
from distillwatch.store.minhash_column import (
    LEGACY_MINHASH_TYPE,
    MINHASH_TYPE,
    signature_column,
    signature_matrix,
    to_binary,
    to_list,
)
from distillwatch.store.writer import PartitionWriter, store_minhash_format

P = MINHASH_PERMUTATIONS


def _sig(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    sig = rng.integers(0, 2**32, (n, P), dtype=np.uint64).astype(np.uint32)
    sig[0] = np.uint32(2**32 - 1)  # the top value survives every conversion
    return sig


def _schema(minhash_type: pa.DataType) -> pa.Schema:
    return pa.schema([
        pa.field("ts", pa.timestamp("us", tz="UTC")),
        pa.field("account_id", pa.string()),
        pa.field("minhash", minhash_type),
    ])


def _table(n: int, seed: int, minhash_type: pa.DataType = MINHASH_TYPE) -> pa.Table:
    valid = np.ones(n, dtype=bool)
    valid[1] = False  # a prompt without words
    col = signature_column(_sig(n, seed), valid)
    ts = pa.array(1_740_787_200_000_000 + np.arange(n) * 1_000_000 + seed,
                  pa.timestamp("us", tz="UTC"))
    return pa.table({"ts": ts, "account_id": [f"a{i % 5}" for i in range(n)],
                     "minhash": col if minhash_type == MINHASH_TYPE else to_list(col)},
                    schema=_schema(minhash_type))


def test_binary_column_holds_the_matrix_bytes_little_endian() -> None:
    sig = _sig(6, 1)
    valid = np.array([True, False, True, True, True, True])
    col = signature_column(sig, valid)
    assert col.type == pa.binary() and col.null_count == 1
    assert col[0].as_py() == sig[0].astype("<u4").tobytes()
    assert col[1].as_py() is None
    # the values buffer is the matrix's own memory: no copy on the ingest path
    assert col.buffers()[2].address == sig.ctypes.data
    assert np.frombuffer(col[5].as_py(), "<u4").tolist() == sig[5].tolist()


def test_conversions_keep_every_value_and_null_both_ways() -> None:
    sig = _sig(40, 2)
    valid = np.arange(40) % 7 != 3
    binary = signature_column(sig, valid)
    legacy = to_list(binary)
    assert legacy.type == LEGACY_MINHASH_TYPE
    assert legacy.to_pylist() == [s.tolist() if v else None
                                  for s, v in zip(sig, valid, strict=True)]
    assert to_binary(legacy).equals(binary)
    # sliced and chunked inputs (Parquet reads give both)
    part = to_binary(pa.chunked_array([legacy.slice(5, 10), legacy.slice(15)]))
    assert part.combine_chunks().equals(binary.slice(5))
    with pytest.raises(ValueError, match="64 values"):
        to_binary(pa.array([[1, 2, 3]], pa.list_(pa.uint32())))
    with pytest.raises(ValueError, match="256 bytes"):
        to_list(pa.array([b"\x00" * 12], pa.binary()))


@pytest.mark.parametrize("kind", ["binary", "fixed", "large", "list", "spark_int64", "sliced"])
def test_signature_matrix_reads_every_stored_form(kind: str) -> None:
    sig = _sig(9, 3)
    valid = np.ones(9, dtype=bool)
    valid[4] = False
    col: pa.Array = signature_column(sig, valid)
    rows = np.flatnonzero(valid)
    if kind == "fixed":
        col = col.cast(pa.binary(4 * P))
    elif kind == "large":
        col = col.cast(pa.large_binary())
    elif kind == "list":
        col = to_list(col)
    elif kind == "spark_int64":  # Spark reads the legacy uint32 list as bigint
        col = to_list(col).cast(pa.list_(pa.int64()))
    elif kind == "sliced":
        col, sig, rows = col.slice(2), sig[2:], np.flatnonzero(valid[2:])
    got, row = signature_matrix(col, 16)
    assert row.tolist() == rows.tolist()
    assert got.dtype == np.uint32 and np.array_equal(got, sig[rows, :16])
    full, _ = signature_matrix(col, P)
    assert np.array_equal(full, sig[rows])


def test_signature_matrix_leaves_out_short_values() -> None:
    col = pa.array([b"\x01\x00\x00\x00" * P, b"\x02\x00\x00\x00" * 3, None], pa.binary())
    got, row = signature_matrix(col, 4)
    assert row.tolist() == [0] and got.tolist() == [[1, 1, 1, 1]]


def test_new_store_is_binary_with_its_own_zstd_leaf(tmp_path: Path) -> None:
    layout = StoreLayout(tmp_path)
    w = PartitionWriter(layout, run_id="r1", schema=_schema(MINHASH_TYPE))
    w.write(date(2025, 3, 1), _table(300, 1))
    (path,) = w.commit()
    meta = pq.ParquetFile(path).metadata.row_group(0)
    cols = {meta.column(i).path_in_schema: meta.column(i) for i in range(meta.num_columns)}
    assert cols["minhash"].physical_type == "BYTE_ARRAY"
    assert cols["minhash"].compression == "ZSTD"
    assert "RLE_DICTIONARY" not in cols["minhash"].encodings
    assert store_minhash_format(layout) == "binary"
    got = duckdb.sql(f"select minhash from '{path}'").fetchall()
    assert [r[0] for r in got] == _table(300, 1)["minhash"].to_pylist()


def test_list_typed_store_gets_list_typed_parts_never_a_mix(tmp_path: Path) -> None:
    layout = StoreLayout(tmp_path)
    old = PartitionWriter(layout, run_id="old", schema=_schema(LEGACY_MINHASH_TYPE))
    old.write(date(2025, 3, 1), _table(100, 1, LEGACY_MINHASH_TYPE))
    old.commit()
    assert store_minhash_format(layout) == "list"
    # today's ingest hands the writer binary signatures; the store keeps its type
    new = PartitionWriter(layout, run_id="new", schema=_schema(MINHASH_TYPE))
    new.write(date(2025, 3, 2), _table(80, 2))
    (path,) = new.commit()
    assert pq.read_schema(path).field("minhash").type == LEGACY_MINHASH_TYPE
    assert pq.read_table(path).equals(_table(80, 2, LEGACY_MINHASH_TYPE))
    assert store_format_counts(layout) == {"binary": 0, "list": 2, "none": 0}
    write_catalog(layout)
    con = duckdb.connect(str(layout.catalog_path))
    assert con.sql("select count(*) from events where minhash is not null").fetchall() == [(178,)]


def test_migrate_converts_file_by_file_and_finishes_a_cut_short_run(tmp_path: Path) -> None:
    layout = StoreLayout(tmp_path)
    w = PartitionWriter(layout, run_id="old", schema=_schema(LEGACY_MINHASH_TYPE))
    for day in (1, 2, 3):
        for k in range(2):  # two row groups per file
            w.write(date(2025, 3, day), _table(50 + day, 10 * day + k, LEGACY_MINHASH_TYPE))
    paths = sorted(w.commit())
    before = {p: pq.read_table(p) for p in paths}
    # cut short: only the oldest file converted, as an interrupted migration leaves it
    pf = pq.ParquetFile(paths[0])
    _rewrite(paths[0], pf, to="binary")
    pf.close()
    with pytest.raises(StoreError, match="store migrate"):
        PartitionWriter(layout, run_id="x", schema=_schema(MINHASH_TYPE))
    (paths[1].parent / ".migrate-part-stale.parquet.tmp").write_bytes(b"half a file")

    report = migrate_store(layout)
    assert (report.converted, report.skipped, report.rows) == (2, 1, 2 * 52 + 2 * 53)
    assert store_format_counts(layout) == {"binary": 3, "list": 0, "none": 0}
    assert not list(layout.events_dir.glob("day=*/.migrate-*"))
    for p, old in before.items():
        new = pq.ParquetFile(p)
        assert new.metadata.num_row_groups == 2  # the same row groups
        t = new.read()
        assert t.column("minhash").type == MINHASH_TYPE
        assert t.drop(["minhash"]).equals(old.drop(["minhash"]))
        assert to_list(t.column("minhash")).to_pylist() == old.column("minhash").to_pylist()
    # the catalog is rewritten and reads the new type
    con = duckdb.connect(str(layout.catalog_path))
    assert con.sql("select typeof(minhash) from events limit 1").fetchall() == [("BLOB",)]
    con.close()
    assert migrate_store(layout).converted == 0  # nothing left to do
    # and back, for a reader that needs the older type
    assert migrate_store(layout, to="list").converted == 3
    for p, old in before.items():
        assert pq.read_table(p).equals(old)
    with pytest.raises(StoreError, match="unknown MinHash format"):
        migrate_store(layout, to="fixed")


def test_store_migrate_command(tmp_path: Path) -> None:
    layout = StoreLayout(tmp_path / "store")
    w = PartitionWriter(layout, run_id="old", schema=_schema(LEGACY_MINHASH_TYPE))
    w.write(date(2025, 3, 1), _table(30, 1, LEGACY_MINHASH_TYPE))
    w.commit()
    runner = CliRunner()
    res = runner.invoke(app, ["store", "migrate", str(layout.root), "--json"])
    assert res.exit_code == 0, res.output
    got = json.loads(res.stdout)
    assert (got["converted"], got["skipped"], got["rows"], got["to"]) == (1, 0, 30, "binary")
    res = runner.invoke(app, ["store", "migrate", str(layout.root)])
    assert res.exit_code == 0 and "1 already current (binary minhash" in res.stdout
    # library errors: main() prints them and exits 2
    res = runner.invoke(app, ["store", "migrate", str(tmp_path / "nowhere")])
    assert isinstance(res.exception, StoreError)
    res = runner.invoke(app, ["store", "migrate", str(layout.root), "--to", "fixed"])
    assert isinstance(res.exception, StoreError)

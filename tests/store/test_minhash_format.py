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
    """Full 32-bit values, as older stores hold them."""
    rng = np.random.default_rng(seed)
    sig = rng.integers(0, 2**32, (n, P), dtype=np.uint64).astype(np.uint32)
    sig[0] = np.uint32(2**32 - 1)  # the top value survives every conversion
    return sig


def _low(sig: np.ndarray) -> np.ndarray:
    """What every reader takes of a value: its low 16 bits."""
    return (sig & 0xFFFF).astype(np.uint16)


def _wide(sig: np.ndarray, valid: np.ndarray) -> pa.Array:
    """The 256-byte binary values stores held before 16-bit values (64 uint32 LE)."""
    return pa.array([s.astype("<u4").tobytes() if v else None
                     for s, v in zip(sig, valid, strict=True)], pa.binary())


def _full_list(sig: np.ndarray, valid: np.ndarray) -> pa.Array:
    """The legacy list type holding full 32-bit values (stores before the binary type)."""
    return pa.FixedSizeListArray.from_arrays(pa.array(sig.reshape(-1), pa.uint32()), P,
                                             mask=pa.array(~valid))


def _schema(minhash_type: pa.DataType) -> pa.Schema:
    return pa.schema([
        pa.field("ts", pa.timestamp("us", tz="UTC")),
        pa.field("account_id", pa.string()),
        pa.field("minhash", minhash_type),
    ])


def _table(n: int, seed: int, minhash_type: pa.DataType = MINHASH_TYPE,
           form: str = "binary") -> pa.Table:
    """Rows of signatures ``_sig(n, seed)``: ``form`` "binary" (the 128-byte values ingest
    writes now), "binary32" (256-byte) or, with the list type, "list" (full 32-bit values)
    or "binary" (the low 16 bits, as the writer appends to a list store)."""
    valid = np.ones(n, dtype=bool)
    valid[1] = False  # a prompt without words
    sig = _sig(n, seed)
    if form == "binary32":
        col = _wide(sig, valid)
    elif form == "list":
        col = _full_list(sig, valid)
    else:
        col = signature_column(_low(sig), valid)
        if minhash_type != MINHASH_TYPE:
            col = to_list(col)
    ts = pa.array(1_740_787_200_000_000 + np.arange(n) * 1_000_000 + seed,
                  pa.timestamp("us", tz="UTC"))
    return pa.table({"ts": ts, "account_id": [f"a{i % 5}" for i in range(n)],
                     "minhash": col}, schema=_schema(minhash_type))


def test_binary_column_holds_the_matrix_bytes_little_endian() -> None:
    sig = _low(_sig(6, 1))
    valid = np.array([True, False, True, True, True, True])
    col = signature_column(sig, valid)
    assert col.type == pa.binary() and col.null_count == 1
    assert col[0].as_py() == b"\xff" * 128  # 64 uint16, the top value
    assert col[0].as_py() == sig[0].astype("<u2").tobytes()
    assert col[1].as_py() is None
    # the values buffer is the matrix's own memory: no copy on the ingest path
    assert col.buffers()[2].address == sig.ctypes.data
    assert np.frombuffer(col[5].as_py(), "<u2").tolist() == sig[5].tolist()
    # a matrix of full 32-bit values is stored as their low 16 bits
    assert signature_column(_sig(6, 1), valid).equals(col)


def test_conversions_keep_the_low_16_bits_and_nulls_every_way() -> None:
    sig = _sig(40, 2)
    valid = np.arange(40) % 7 != 3
    binary = signature_column(_low(sig), valid)
    assert {len(v) for v in binary.to_pylist() if v is not None} == {128}
    legacy = to_list(binary)
    assert legacy.type == LEGACY_MINHASH_TYPE
    want = [s.tolist() if v else None for s, v in zip(_low(sig), valid, strict=True)]
    assert legacy.to_pylist() == want
    assert to_binary(legacy).equals(binary)
    # the older forms with full 32-bit values: exactly their low 16 bits
    assert to_binary(_full_list(sig, valid)).equals(binary)
    assert to_binary(_wide(sig, valid)).equals(binary)
    assert to_list(_wide(sig, valid)).to_pylist() == want
    assert to_binary(binary) is binary  # already current: returned as it is
    # sliced and chunked inputs (Parquet reads give both)
    part = to_binary(pa.chunked_array([legacy.slice(5, 10), legacy.slice(15)]))
    assert part.combine_chunks().equals(binary.slice(5))
    mixed = pa.chunked_array([_wide(sig, valid).slice(0, 20), binary.slice(20)])
    assert to_binary(mixed).combine_chunks().equals(binary)
    with pytest.raises(ValueError, match="64 values"):
        to_binary(pa.array([[1, 2, 3]], pa.list_(pa.uint32())))
    with pytest.raises(ValueError, match="128 bytes"):
        to_list(pa.array([b"\x00" * 12], pa.binary()))
    with pytest.raises(ValueError, match="128 bytes"):
        to_binary(pa.array([b"\x00" * 128, b"\x00" * 12], pa.binary()))


@pytest.mark.parametrize("kind", ["binary", "fixed", "large", "list", "spark_int64", "sliced",
                                  "binary32", "fixed32", "list32", "mixed", "chunked_mixed"])
def test_signature_matrix_reads_every_stored_form(kind: str) -> None:
    sig = _sig(9, 3)
    valid = np.ones(9, dtype=bool)
    valid[4] = False
    col: pa.Array | pa.ChunkedArray = signature_column(sig, valid)
    rows = np.flatnonzero(valid)
    if kind == "fixed":
        col = col.cast(pa.binary(2 * P))
    elif kind == "large":
        col = col.cast(pa.large_binary())
    elif kind == "list":
        col = to_list(col)
    elif kind == "spark_int64":  # Spark reads the legacy uint32 list as bigint
        col = _full_list(sig, valid).cast(pa.list_(pa.int64()))
    elif kind == "sliced":
        col, sig, rows = col.slice(2), sig[2:], np.flatnonzero(valid[2:])
    elif kind == "binary32":
        col = _wide(sig, valid)
    elif kind == "fixed32":
        col = _wide(sig, valid).cast(pa.binary(4 * P))
    elif kind == "list32":
        col = _full_list(sig, valid)
    elif kind == "mixed":  # old and new values in one array, rows interleaved
        wide = _wide(sig, valid).to_pylist()
        col = pa.array([w if i % 2 else n for i, (w, n) in
                        enumerate(zip(wide, col.to_pylist(), strict=True))], pa.binary())
    elif kind == "chunked_mixed":  # an old part and a new part read together
        col = pa.chunked_array([_wide(sig, valid).slice(0, 5), col.slice(5)])
    got, row = signature_matrix(col, 16)
    assert row.tolist() == rows.tolist()
    assert got.dtype == np.uint32 and np.array_equal(got, _low(sig)[rows, :16])
    full, _ = signature_matrix(col, P)
    assert np.array_equal(full, _low(sig)[rows])


def test_signature_matrix_leaves_out_short_values() -> None:
    col = pa.array([b"\x01\x00" * P, b"\x02\x00" * 3, None, b"\x03\x00\x01\x00" * P],
                   pa.binary())
    got, row = signature_matrix(col, 4)
    # a 256-byte value holds uint32 values: 0x00010003 read as its low 16 bits
    assert row.tolist() == [0, 3] and got.tolist() == [[1, 1, 1, 1], [3, 3, 3, 3]]
    got, row = signature_matrix(col.take([1]), 4)
    assert got.shape == (0, 4) and row.tolist() == []


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
            w.write(date(2025, 3, day),
                    _table(50 + day, 10 * day + k, LEGACY_MINHASH_TYPE, form="list"))
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
        # exact: the low 16 bits of the full 32-bit values, nulls kept
        assert to_list(t.column("minhash")).to_pylist() == [
            None if v is None else [x & 0xFFFF for x in v]
            for v in old.column("minhash").to_pylist()]
    # the catalog is rewritten and reads the new type
    con = duckdb.connect(str(layout.catalog_path))
    assert con.sql("select typeof(minhash) from events limit 1").fetchall() == [("BLOB",)]
    con.close()
    assert migrate_store(layout).converted == 0  # nothing left to do
    # and back, for a reader that needs the older type
    assert migrate_store(layout, to="list").converted == 3
    for p, old in before.items():
        back = pq.read_table(p)
        assert back.column("minhash").type == LEGACY_MINHASH_TYPE
        assert back.drop(["minhash"]).equals(old.drop(["minhash"]))
        assert np.array_equal(signature_matrix(back.column("minhash"), P)[0],
                              signature_matrix(old.column("minhash"), P)[0])
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
    assert got["minhash_from"] == {"list": 1}
    res = runner.invoke(app, ["store", "migrate", str(layout.root)])
    assert res.exit_code == 0 and "1 already current (binary minhash" in res.stdout
    # library errors: main() prints them and exits 2
    res = runner.invoke(app, ["store", "migrate", str(tmp_path / "nowhere")])
    assert isinstance(res.exception, StoreError)
    res = runner.invoke(app, ["store", "migrate", str(layout.root), "--to", "fixed"])
    assert isinstance(res.exception, StoreError)


def test_mixed_store_reads_alike_and_migrates_only_its_old_files(tmp_path: Path) -> None:
    """A store of 256-byte values, appended to by today's ingest (128-byte values, same
    type): both read as the same numbers; migrate rewrites only the old file, exactly."""
    layout = StoreLayout(tmp_path)
    old = PartitionWriter(layout, run_id="old", schema=_schema(MINHASH_TYPE))
    old.write(date(2025, 3, 1), _table(60, 4, form="binary32"))
    (old_path,) = old.commit()
    assert store_minhash_format(layout) == "binary"
    new = PartitionWriter(layout, run_id="new", schema=_schema(MINHASH_TYPE))
    new.write(date(2025, 3, 2), _table(60, 4))  # the same prompts, sketched today
    (new_path,) = new.commit()
    assert {len(v) for v in pq.read_table(new_path)["minhash"].to_pylist() if v} == {128}
    write_catalog(layout)
    con = duckdb.connect(str(layout.catalog_path))
    got = con.sql("select ts, minhash from events order by ts").to_arrow_table()
    con.close()
    sig, row = signature_matrix(got["minhash"], P)
    assert len(row) == 2 * 59
    assert np.array_equal(sig[0::2], sig[1::2])  # day 1 and day 2 rows interleave by ts
    assert np.array_equal(sig[0::2], _low(_sig(60, 4))[np.arange(60) != 1])

    report = migrate_store(layout)
    assert (report.converted, report.skipped, report.minhash_from) == (1, 1, {"binary32": 1})
    assert report.files == [str(old_path)] and report.bytes_after < report.bytes_before
    assert pq.read_table(old_path).equals(pq.read_table(new_path).set_column(
        0, "ts", pq.read_table(old_path)["ts"]))
    assert migrate_store(layout).converted == 0

"""Part files as the writer encodes them: the MinHash column's encoding, and that DuckDB and
Spark read every value back exactly."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from distillwatch.schema import MINHASH_PERMUTATIONS
from distillwatch.store import StoreLayout
from distillwatch.store.minhash_column import MINHASH_TYPE, signature_column
from distillwatch.store.writer import PartitionWriter
from tests_support import need

SCHEMA = pa.schema(
    [
        pa.field("ts", pa.timestamp("us", tz="UTC")),
        pa.field("account_id", pa.string()),
        pa.field("minhash", MINHASH_TYPE),
    ]
)


def _table(n: int, seed: int) -> pa.Table:
    rng = np.random.default_rng(seed)
    values = rng.integers(0, 2**32, n * MINHASH_PERMUTATIONS, dtype=np.uint64).astype(np.uint32)
    values[:MINHASH_PERMUTATIONS] = np.uint32(2**32 - 1)  # the top value survives the split
    mask = np.zeros(n, dtype=bool)
    mask[3] = True  # a prompt without words: null signature
    minhash = signature_column(values.reshape(n, MINHASH_PERMUTATIONS), ~mask)
    ts = pa.array(1_740_787_200_000_000 + np.arange(n) * 1_000_000, pa.timestamp("us", tz="UTC"))
    return pa.table(
        {"ts": ts, "account_id": [f"a{i % 7}" for i in range(n)], "minhash": minhash},
        schema=SCHEMA,
    )


@pytest.mark.parametrize("compression", ["zstd", "none"])
def test_minhash_round_trips_through_duckdb(tmp_path: Path, compression: str) -> None:
    w = PartitionWriter(StoreLayout(tmp_path), run_id="r1", schema=SCHEMA, compression=compression)
    tables = [_table(500, 1), _table(300, 2)]
    for t in tables:
        w.write(date(2025, 3, 1), t)
    (path,) = w.commit()
    expected = pa.concat_tables(tables)

    assert pq.read_table(path).equals(expected)
    got = duckdb.sql(f"select ts, account_id, minhash from '{path}'").fetchall()
    assert got == [tuple(r.values()) for r in expected.to_pylist()]

    meta = pq.ParquetFile(path).metadata.row_group(0)
    cols = {meta.column(i).path_in_schema: meta.column(i) for i in range(meta.num_columns)}
    mh = cols["minhash"]
    assert "RLE_DICTIONARY" not in mh.encodings  # random values: a dictionary never pays
    # Spark's vectorized reader refuses BYTE_STREAM_SPLIT (see the Spark test below).
    assert "BYTE_STREAM_SPLIT" not in mh.encodings
    assert "RLE_DICTIONARY" in cols["account_id"].encodings
    # Statistics only where readers prune row groups by them (time ranges).
    assert cols["ts"].is_stats_set
    assert not cols["account_id"].is_stats_set
    assert not mh.is_stats_set
    assert mh.compression == ("ZSTD" if compression == "zstd" else "UNCOMPRESSED")


def test_time_range_query_skips_row_groups_by_ts_statistics(tmp_path: Path) -> None:
    w = PartitionWriter(StoreLayout(tmp_path), run_id="r1", schema=SCHEMA)
    first, second = _table(400, 1), _table(400, 2)
    later = pa.array(
        first.column("ts").cast(pa.int64()).to_numpy() + 86_400_000_000 // 2,
        pa.timestamp("us", tz="UTC"),
    )
    second = second.set_column(0, "ts", later)
    w.write(date(2025, 3, 1), first)
    w.write(date(2025, 3, 1), second)  # its own row group (one per write)
    (path,) = w.commit()
    meta = pq.ParquetFile(path).metadata
    assert meta.num_row_groups == 2
    cut = later[0].as_py()
    got = pq.read_table(path, filters=[("ts", ">=", cut)])
    assert got.num_rows == 400  # the first row group is excluded by its ts maximum
    stats = meta.row_group(0).column(0).statistics
    assert stats.max < cut


@pytest.mark.spark
@pytest.mark.slow
def test_minhash_reads_back_on_spark(tmp_path: Path) -> None:
    pytest.importorskip("pyspark")
    need("java")
    from pyspark.sql import SparkSession

    w = PartitionWriter(StoreLayout(tmp_path), run_id="r1", schema=SCHEMA)
    expected = _table(200, 3)
    w.write(date(2025, 3, 1), expected)
    (path,) = w.commit()
    # Shared with other tests in the process (getOrCreate): not stopped.
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    rows = spark.read.parquet(str(path)).orderBy("account_id").collect()

    def order(r: tuple[str, list[int] | None]) -> tuple[str, bool, list[int]]:
        return r[0], r[1] is None, r[1] or []

    got = sorted(((r["account_id"], r["minhash"]) for r in rows), key=order)
    want = sorted(((r["account_id"], r["minhash"]) for r in expected.to_pylist()), key=order)
    assert got == want

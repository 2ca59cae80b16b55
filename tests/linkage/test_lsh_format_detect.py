"""Near-duplicate linkage and detect give the same results on a store with the binary MinHash
column and on the same store in the legacy list type (a store written by older releases)."""

from __future__ import annotations

import shutil
from pathlib import Path

import ibis
import pyarrow.parquet as pq
import pytest
from linkage_synth import write_store

from distillwatch.linkage import load_linkage_config
from distillwatch.linkage.lsh import near_dup_memberships
from distillwatch.pipeline.detect import detect
from distillwatch.store import Store, StoreLayout
from distillwatch.store.migrate import migrate_store, store_format_counts
from tests_support import need

FINDINGS = ("accounts.parquet", "features.parquet", "links.parquet", "campaigns.parquet",
            "evidence.jsonl")


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("formats")
    binary = root / "binary"
    write_store(binary)
    legacy = root / "list"
    shutil.copytree(binary, legacy)
    assert migrate_store(StoreLayout.at(legacy), to="list").converted > 0
    assert store_format_counts(StoreLayout.at(binary))["list"] == 0
    assert store_format_counts(StoreLayout.at(legacy))["binary"] == 0
    return binary, legacy


def _events(store: Path) -> ibis.Table:
    return ibis.duckdb.connect().read_parquet(str(store / "events" / "*" / "*.parquet"),
                                              hive_partitioning=True)


def test_near_dup_memberships_identical_on_both_types(stores: tuple[Path, Path]) -> None:
    cfg = load_linkage_config()
    binary, legacy = (near_dup_memberships(_events(s), config=cfg)[0] for s in stores)
    assert binary.num_rows > 0
    assert binary.sort_by([("key", "ascending"), ("account_id", "ascending")]).equals(
        legacy.sort_by([("key", "ascending"), ("account_id", "ascending")])
    )


def test_detect_findings_byte_identical_on_both_types(
    stores: tuple[Path, Path], tmp_path: Path
) -> None:
    outs = [tmp_path / "binary", tmp_path / "list"]
    for store, out in zip(stores, outs, strict=True):
        detect(store, out)
    assert pq.read_table(outs[0] / "links.parquet").num_rows > 0
    for name in FINDINGS:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


@pytest.mark.spark
@pytest.mark.slow
def test_spark_reads_both_types_like_duckdb(stores: tuple[Path, Path]) -> None:
    pytest.importorskip("pyspark")
    need("java")
    from distillwatch.store.engines import connect

    cfg = load_linkage_config()
    order = [("key", "ascending"), ("account_id", "ascending")]
    want = near_dup_memberships(_events(stores[0]), config=cfg)[0].sort_by(order)
    spark = connect("spark", spark_master="local[1]", spark_partitions=2)
    for store in stores:  # binary: bytes; list: Spark's int64 lists of the uint32 values
        got = near_dup_memberships(Store.open(store).events(spark), config=cfg)[0]
        assert got.sort_by(order).equals(want)

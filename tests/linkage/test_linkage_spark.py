"""The same linkage code on PySpark local mode gives the same candidates and campaigns."""

from __future__ import annotations

from pathlib import Path

import ibis
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from linkage_synth import build

from distillwatch.linkage import find_campaigns, load_linkage_config
from tests_support import need

pytestmark = [pytest.mark.spark, pytest.mark.slow]

KEEP = {"hyd": 12, "par": 8, "stu": 10, "ben": 8, "evl": 4, "res": 8}


def _small_store(root: Path) -> pa.Table:
    ev, accounts, _truth, scores = build(11)
    keep = [a for a in accounts["account_id"].to_pylist() if int(a[4:]) < KEEP.get(a[:3], 0)]
    ev = ev.filter(pc.is_in(ev["account_id"], pa.array(keep)))
    accounts = accounts.filter(pc.is_in(accounts["account_id"], pa.array(keep)))
    (root / "events").mkdir(parents=True)
    pq.write_table(ev, root / "events" / "part-0.parquet")
    pq.write_table(accounts, root / "accounts.parquet")
    return scores.filter(pc.is_in(scores["account_id"], pa.array(keep)))


def _spark() -> ibis.BaseBackend:
    pytest.importorskip("pyspark")
    need("java")  # PySpark needs Java
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    return ibis.pyspark.connect(session)


def test_duckdb_and_spark_agree(tmp_path: Path) -> None:
    scores = _small_store(tmp_path)
    cfg = load_linkage_config()
    results = {}
    for name, con in (("duckdb", ibis.duckdb.connect()), ("spark", _spark())):
        ev = con.read_parquet(str(tmp_path / "events" / "part-0.parquet"))
        ac = con.read_parquet(str(tmp_path / "accounts.parquet"))
        results[name] = find_campaigns(ev, ac, scores, config=cfg)
    d_r, s_r = results["duckdb"], results["spark"]
    # Every link type produced the same candidate rows; the campaigns, their links (with
    # keys, shared-key counts and weights as evidence) are identical.
    assert d_r.stats == s_r.stats
    assert len(d_r.stats["candidate_rows_by_type"]) >= 8
    assert d_r.membership.num_rows > 0
    assert d_r.membership.equals(s_r.membership)
    assert d_r.campaigns.equals(s_r.campaigns)
    assert d_r.links.equals(s_r.links)

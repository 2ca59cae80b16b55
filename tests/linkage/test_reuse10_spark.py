"""On PySpark the ``ip`` and ``prefix`` memberships rolled up from the network rows give the
graph the events' own group-bys give (and the one DuckDB gives)."""

from __future__ import annotations

from pathlib import Path

import ibis
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from linkage_synth import build

from distillwatch.features.expressions import network_usage
from distillwatch.linkage import load_linkage_config
from distillwatch.linkage.campaigns import link_graph
from tests_support import need

pytestmark = [pytest.mark.spark, pytest.mark.slow]

KEEP = {"hyd": 12, "par": 8, "stu": 10, "ben": 8, "evl": 4, "res": 8}


def _small_events(root: Path) -> tuple[Path, Path]:
    ev, accounts, _truth, _scores = build(11)
    keep = pa.array([a for a in accounts["account_id"].to_pylist()
                     if int(a[4:]) < KEEP.get(a[:3], 0)])
    ev = ev.filter(pc.is_in(ev["account_id"], keep))
    # some events without an IP (and prefix): left out of both types
    no_ip = pa.array(np.random.default_rng(3).random(ev.num_rows) < 0.1)
    for col in ("client_ip", "ip_prefix"):
        ev = ev.set_column(ev.schema.get_field_index(col), col,
                           pc.if_else(no_ip, pa.nulls(ev.num_rows, pa.string()), ev[col]))
    pq.write_table(ev, root / "events.parquet")
    pq.write_table(accounts.filter(pc.is_in(accounts["account_id"], keep)),
                   root / "accounts.parquet")
    return root / "events.parquet", root / "accounts.parquet"


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


def test_spark_graph_from_network_rows_equals_the_scan_and_duckdb(tmp_path: Path) -> None:
    events, accounts = _small_events(tmp_path)
    cfg = load_linkage_config()
    graphs = {}
    for name, con in (("duckdb", ibis.duckdb.connect()), ("spark", _spark())):
        ev = con.read_parquet(str(events))
        ac = con.read_parquet(str(accounts))
        graphs[name, "scan"] = link_graph(ev, ac, config=cfg)
        graphs[name, "rows"] = link_graph(ev, ac, config=cfg,
                                          network=network_usage(ev).to_pyarrow())
    ref = graphs["spark", "scan"]
    assert ref.stats["candidate_rows_by_type"].get("ip", 0) > 0
    for key, g in graphs.items():
        assert g.stats == ref.stats, key
        assert g.links.equals(ref.links), key
        assert g.totals.equals(ref.totals), key
        # (activity's timestamps carry the engine's time zone type: compared per engine)
        assert g.activity.equals(graphs[key[0], "scan"].activity), key
        assert g.activity.select(["account_id", "exchanges", "ips"]).equals(
            ref.activity.select(["account_id", "exchanges", "ips"])), key
        assert np.array_equal(g.labels, ref.labels), key

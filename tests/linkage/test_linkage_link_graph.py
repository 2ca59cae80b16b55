"""link_graph (no scores) + campaigns_from (scores) compose to find_campaigns."""

from __future__ import annotations

import ibis
import pyarrow as pa
import pytest
from linkage_synth import SynthStore, write_store

from distillwatch.exceptions import LinkageError
from distillwatch.linkage import find_campaigns
from distillwatch.linkage.campaigns import campaigns_from, link_graph


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> SynthStore:
    return write_store(tmp_path_factory.mktemp("graphstore"))


def _tables(store: SynthStore) -> tuple[ibis.Table, ibis.Table]:
    con = ibis.duckdb.connect()
    ev = con.read_parquet(str(store.root / "events" / "*" / "*.parquet"), hive_partitioning=True)
    ac = con.read_parquet(str(store.root / "accounts" / "accounts.parquet"))
    return ev, ac


def _same(a: object, b: object) -> None:
    for name in ("membership", "campaigns", "links"):
        assert getattr(a, name).equals(getattr(b, name)), name
    assert a.evidence == b.evidence  # type: ignore[attr-defined]
    assert a.stats == b.stats  # type: ignore[attr-defined]


def test_one_graph_scored_twice_equals_find_campaigns_each_time(store: SynthStore) -> None:
    ev, ac = _tables(store)
    graph = link_graph(ev, ac)
    assert graph.stats["strong_pairs"] == len(graph.src) > 0
    zero = pa.table({"account_id": store.scores["account_id"],
                     "score": pa.array([0.0] * store.scores.num_rows)})
    with_scores = campaigns_from(graph, store.scores)
    with_zero = campaigns_from(graph, zero)  # the graph is not changed by scoring it
    _same(with_scores, find_campaigns(ev, ac, store.scores))
    _same(with_zero, find_campaigns(ev, ac, zero))
    assert with_scores.campaigns.num_rows > 0
    # per-step CPU of both steps, graph steps first
    steps = list(with_scores.cpu_seconds)
    assert steps.index("communities") < steps.index("campaign_scores") < steps.index("evidence")


def test_campaigns_from_checks_the_scores(store: SynthStore) -> None:
    ev, ac = _tables(store)
    graph = link_graph(ev, ac)
    with pytest.raises(LinkageError, match="score"):
        campaigns_from(graph, store.scores.drop_columns(["score"]))

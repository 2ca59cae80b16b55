"""The link graph keeps its candidate rows and pair totals as codes: ``LinkGraph.links`` and
``LinkGraph.totals`` write every row's strings on first use, ``link_table(rows)`` only the
rows asked for, and they agree with each other and with the link evidence campaigns_from
emits."""

from __future__ import annotations

import ibis
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from linkage_synth import build

from distillwatch.linkage import load_linkage_config
from distillwatch.linkage.campaigns import LinkGraph, campaigns_from, link_graph
from distillwatch.linkage.pairs import CANDIDATES_SCHEMA
from distillwatch.linkage.rarity import PairTotals, pair_totals, strong_pairs, totals_table
from distillwatch.store.engines import connect


@pytest.fixture(scope="module")
def graph_and_scores(tmp_path_factory: pytest.TempPathFactory) -> tuple[LinkGraph, pa.Table]:
    ev, accounts, _truth, scores = build(23)
    path = tmp_path_factory.mktemp("links10") / "events.parquet"
    pq.write_table(ev, path)
    con = connect("duckdb", threads=2)
    try:
        graph = link_graph(con.read_parquet(str(path)), ibis.memtable(accounts),
                           config=load_linkage_config())
    finally:
        con.disconnect()
    return graph, scores


def test_link_table_rows_equal_the_whole_table_taken(
    graph_and_scores: tuple[LinkGraph, pa.Table],
) -> None:
    graph, _ = graph_and_scores
    links = graph.links
    n = links.num_rows
    assert n > 100 and n == graph.stats["candidate_rows"]
    assert links.schema.names == [*CANDIDATES_SCHEMA.names, "weight"]
    assert len(set(links["link_type"].to_pylist())) > 2  # several link types' key strings
    rng = np.random.default_rng(0)
    for rows in (np.sort(rng.choice(n, 40, replace=False)),  # ascending, as campaigns take
                 rng.choice(n, 40, replace=False),  # any order
                 np.array([n - 1, 0, n - 1]),  # repeats, both ends
                 np.zeros(0, dtype=np.int64)):
        got = graph.link_table(rows)
        assert got.schema.equals(links.schema)
        assert got.equals(links.take(pa.array(rows, pa.int64()))), rows[:5]
    assert graph.link_table().equals(links)


def test_campaign_links_are_rows_of_the_whole_table(
    graph_and_scores: tuple[LinkGraph, pa.Table],
) -> None:
    graph, scores = graph_and_scores
    result = campaigns_from(graph, scores)
    assert result.links.num_rows > 10
    whole = graph.links
    by_pair = {(s, d, lt): (k, w) for s, d, lt, k, w in zip(
        *(whole[c].to_pylist() for c in ("src", "dst", "link_type", "key", "weight")),
        strict=True)}
    for row in result.links.to_pylist():
        _key, weight = by_pair[(row["src"], row["dst"], row["link_type"])]
        assert row["weight"] == pytest.approx(weight)


def test_lazy_totals_equal_the_totals_of_the_links(
    graph_and_scores: tuple[LinkGraph, pa.Table],
) -> None:
    """``totals`` (strings written on first use) and ``strong`` (written from the masked
    codes) are the table that the links' own totals give, and its strong rows."""
    graph, _ = graph_and_scores
    cfg = graph.config
    want = pair_totals(graph.links, content_cap=cfg.content_cap)
    assert want.num_rows == graph.stats["pairs"] > 50
    assert graph.totals.equals(want)
    strong = strong_pairs(want, threshold=cfg.edge_threshold)
    assert 0 < strong.num_rows < want.num_rows
    assert graph.strong.equals(strong)


def test_masked_totals_table_keeps_the_id_type() -> None:
    """No pair selected still gives the accounts' id type (what filtering gave), and no
    pairs at all the string-typed empty table, as before."""
    t = PairTotals(np.array([0, 1]), np.array([1, 2]), np.array([1.5, 0.2]),
                   np.array([1.0, 0.2]), np.array([2, 1]))
    for accounts in (pa.array(["a", "b", "c"]), pa.array([10, 20, 30], pa.int64())):
        whole = totals_table(accounts, t)
        for mask in (np.array([True, False]), np.array([False, False])):
            got = totals_table(accounts, t, mask)
            assert got.equals(whole.filter(pa.array(mask)))
            assert got.schema.field("src").type == accounts.type
    none = PairTotals(*(np.zeros(0, dtype=np.int64) for _ in range(5)))
    assert totals_table(pa.array([10], pa.int64()), none, np.zeros(0, dtype=bool)).schema.field(
        "src").type == pa.string()

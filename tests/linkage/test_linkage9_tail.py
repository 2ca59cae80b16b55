"""Round 9, linkage's tail on two threads: the pairs step with a pool (parts capped on two
threads, link types weighed and paired in two runs), the graph steps with the string tables
written beside the weights and communities, the link evidence JSON beside the campaign
evidence, and the compiled attachment passes give exactly what the single-threaded steps
give; ``[linkage] concurrent = false`` runs them in order."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import ibis
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from linkage_synth import build

from distillwatch.linkage import load_linkage_config
from distillwatch.linkage.campaigns import _keep_tied_attachments, campaigns_from, link_graph
from distillwatch.linkage.pairs import (
    CodedPart,
    PairRows,
    _link_type_cut,
    candidate_rows,
    candidates_coded,
    coded,
    encode_capped,
    pair_table,
    sorted_codes,
)
from distillwatch.linkage.rarity import attach, coded_totals, totals_table
from distillwatch.store.engines import connect


def _part(link_type: str, rng: np.random.Generator, n: int, n_acct: int, n_key: int,
          *, codes: bool = False) -> pa.Table | CodedPart:
    """One link type's memberships, one row per (account, key); ``codes``: as a CodedPart
    with its own account numbering (as lsh and the hashed infrastructure parts are)."""
    pairs = rng.choice(n_acct * n_key, size=min(n, n_acct * n_key), replace=False)
    acct, key = pairs // n_key, pairs % n_key
    t = pa.table({
        "link_type": pa.array([link_type] * len(pairs), pa.string()),
        "key": pa.array([f"{link_type}:{k}" for k in key], pa.string()),
        "account_id": pa.array([f"a{a:04d}" for a in acct], pa.string()),
        "uses": pa.array(rng.integers(1, 9, len(pairs)), pa.int64()),
        "mult": pa.array(rng.random(len(pairs)), pa.float64()),
    })
    if not codes:
        return t
    c = coded(t)
    return CodedPart(c.link_type, c.account_id, c.keys, c.key, c.uses, c.mult,
                     account_codes=sorted_codes(c.account_id))


def _parts(seed: int) -> list[pa.Table | CodedPart]:
    rng = np.random.default_rng(seed)
    return [
        _part("ip", rng, 900, 120, 60, codes=True),
        _part("prefix", rng, 700, 120, 25, codes=True),
        _part("asn_ua", rng, 1500, 120, 40),
        _part("template", rng, 4000, 120, 200),
        _part("near_dup", rng, 0, 1, 1),  # empty: left out
        _part("synchrony", rng, 3000, 120, 500, codes=True),
        _part("payment", rng, 60, 120, 30),
    ]


def _young(seed: int) -> pa.Table:
    rng = np.random.default_rng(seed)
    ids = [f"a{a:04d}" for a in range(0, 120, 2)]
    young = rng.random(len(ids))
    young[::7] = np.nan  # unknown
    return pa.table({"account_id": ids, "young": young})


def _same_rows(a: PairRows, b: PairRows) -> None:
    assert a.accounts.equals(b.accounts) and a.link_types == b.link_types
    for name in ("src", "dst", "lt", "shared", "raw", "key", "group_size"):
        x, y = getattr(a, name), getattr(b, name)
        assert x.dtype == y.dtype and np.array_equal(x, y), name


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_pairs_step_on_two_threads_equals_the_one_in_order(seed: int) -> None:
    cfg = load_linkage_config()
    parts, young = _parts(seed), _young(seed)
    alone = candidate_rows(parts, young, config=cfg)
    with ThreadPoolExecutor(max_workers=1) as pool:
        both = candidate_rows(parts, young, config=cfg, pool=pool)
        capped = encode_capped(parts, 3, pool=pool)
    assert alone.num_rows > 1000 and len(set(alone.lt.tolist())) >= 5
    _same_rows(alone, both)
    # the rows with their strings are candidates_coded's table, column for column
    assert pair_table(both).equals(candidates_coded(parts, young, config=cfg).table)
    plain = encode_capped(parts, 3)
    for name in ("lt", "key", "acct", "uses", "mult"):
        assert np.array_equal(getattr(plain, name), getattr(capped, name)), name
    assert plain.accounts.equals(capped.accounts)


def test_one_link_type_or_none_needs_no_cut() -> None:
    cfg = load_linkage_config()
    assert _link_type_cut(np.zeros(10, dtype=np.int64)) == 0
    assert _link_type_cut(np.zeros(0, dtype=np.int64)) == 0
    assert _link_type_cut(np.array([0, 0, 0, 1, 2, 2, 2, 2, 2, 2])) == 4
    assert _link_type_cut(np.array([0, 1, 1, 1, 1, 1, 1, 2])) == 1
    parts = _parts(4)[3:4]  # template only
    with ThreadPoolExecutor(max_workers=1) as pool:
        _same_rows(candidate_rows(parts, None, config=cfg, pool=pool),
                   candidate_rows(parts, None, config=cfg))
        empty = candidate_rows([], None, config=cfg, pool=pool)
    assert empty.num_rows == 0 and pair_table(empty).num_rows == 0


def _attach_plain(labels, src, dst, weight, other, *, min_size, min_total, min_other,  # type: ignore[no-untyped-def]
                  min_partners, min_mean_other):
    # the interleaved-array version attach had before the compiled pass
    sizes = np.bincount(labels)
    big = sizes[labels] >= min_size
    out = labels.copy()
    node = np.stack([src, dst], axis=1).ravel()
    other_end = np.stack([dst, src], axis=1).ravel()
    w2 = np.repeat(np.asarray(weight, dtype=np.float64), 2)
    o2 = np.repeat(np.asarray(other, dtype=np.float64), 2)
    sel = ~big[node] & big[other_end]
    if not sel.any():
        return out
    node, comm = node[sel], labels[other_end[sel]]
    n_comm = int(labels.max()) + 1
    groups, inv = np.unique(node * n_comm + comm, return_inverse=True)
    tot = np.bincount(inv, weights=w2[sel])
    oth = np.bincount(inv, weights=o2[sel])
    cnt = np.bincount(inv).astype(np.float64)
    g_node, g_comm = groups // n_comm, groups % n_comm
    ok = (tot >= min_total) & (oth >= min_other) & (cnt >= min_partners)
    ok &= oth / cnt >= min_mean_other
    g_node, g_comm, tot = g_node[ok], g_comm[ok], tot[ok]
    order = np.lexsort((g_comm, -tot, g_node))
    g_node, g_comm = g_node[order], g_comm[order]
    first = np.ones(len(g_node), dtype=bool)
    first[1:] = g_node[1:] != g_node[:-1]
    out[g_node[first]] = g_comm[first]
    return out


def _tied_plain(before, after, src, dst, weight, *, min_pair_weight):  # type: ignore[no-untyped-def]
    moved = np.flatnonzero(before != after)
    if moved.size == 0:
        return after
    node = np.stack([src, dst], axis=1).ravel()
    other = np.stack([dst, src], axis=1).ravel()
    w2 = np.repeat(np.asarray(weight, dtype=np.float64), 2)
    tie = (before[node] != after[node]) & (before[other] == after[node])
    best = np.zeros(len(after))
    np.maximum.at(best, node[tie], w2[tie])
    out = after.copy()
    weak = moved[best[moved] < min_pair_weight]
    out[weak] = before[weak]
    return out


@pytest.mark.parametrize("seed", [5, 6, 7])
def test_compiled_attachment_equals_the_interleaved_arrays(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 400
    labels = rng.integers(0, 60, n)  # some communities of 3+, many singletons
    alone = rng.random(n) < 0.6
    labels[alone] = 60 + np.flatnonzero(alone)
    _, labels = np.unique(labels, return_inverse=True)
    m = 5000
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    # weights on a coarse grid: equal sums, ties between communities
    w = rng.integers(1, 8, m) / 8.0
    o = w * rng.integers(0, 2, m)
    opts = {"min_size": 3, "min_total": 0.5, "min_other": 0.25, "min_partners": 2,
            "min_mean_other": 0.1}
    want = _attach_plain(labels, src, dst, w, o, **opts)
    got = attach(labels, src, dst, w, o, **opts)
    assert np.array_equal(want, got) and (got != labels).sum() > 5
    for floor in (0.3, 0.6, 0.9):
        assert np.array_equal(_keep_tied_attachments(labels, got, src, dst, w,
                                                     min_pair_weight=floor),
                              _tied_plain(labels, got, src, dst, w, min_pair_weight=floor))
    # nobody outside: nothing attached
    big = np.zeros(n, dtype=np.int64)
    assert np.array_equal(attach(big, src, dst, w, o, **opts), big)


def test_totals_from_codes_sum_per_pair() -> None:
    src = np.array([0, 0, 1, 0, 2])
    dst = np.array([1, 1, 2, 1, 3])
    t = coded_totals(np.array([0.5, 0.4, 1.0, 0.3, 0.2]), 4, src, dst,
                     ("ip", "template", "near_dup"), np.array([0, 1, 0, 2, 1]), content_cap=0.6)
    assert t.src.tolist() == [0, 1, 2] and t.dst.tolist() == [1, 2, 3]
    assert np.allclose(t.weight, [0.5 + 0.6, 1.0, 0.2])
    assert np.allclose(t.other, [0.5, 1.0, 0.0]) and t.link_types.tolist() == [3, 1, 1]



def test_no_candidates_give_the_typed_empty_totals() -> None:
    # what the graph steps wrote for no candidate rows before the guard moved here
    rows = candidate_rows([], None, config=load_linkage_config(None))
    none = np.zeros(0, dtype=np.int64)
    t = coded_totals(np.zeros(0), len(rows.accounts), rows.src, rows.dst, rows.link_types,
                     rows.lt, content_cap=0.7)
    for got, want in zip((t.src, t.dst, t.weight, t.other, t.link_types),
                         (none, none, np.zeros(0), np.zeros(0), none), strict=True):
        assert got.shape == (0,) and got.dtype == want.dtype
    schema = pa.schema([("src", pa.string()), ("dst", pa.string()), ("weight", pa.float64()),
                        ("other", pa.float64()), ("link_types", pa.int64())])
    for accounts in (rows.accounts, pa.array([], pa.large_string()), pa.array(["a", "b"])):
        table = totals_table(accounts, t)
        assert table.num_rows == 0 and table.schema == schema

@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pa.Table, pa.Table]:
    ev, accounts, _truth, scores = build(13)
    path = tmp_path_factory.mktemp("tail9") / "events.parquet"
    pq.write_table(ev, path)
    return path, accounts, scores


def test_the_graph_and_campaigns_on_two_threads_equal_the_ones_in_order(
    world: tuple[Path, pa.Table, pa.Table], tmp_path: Path,
) -> None:
    path, accounts, scores = world
    (tmp_path / "linkage.toml").write_text("concurrent = false\n")
    in_order_cfg = load_linkage_config(tmp_path / "linkage.toml")
    both_cfg = load_linkage_config()
    assert both_cfg.concurrent and not in_order_cfg.concurrent
    con = connect("duckdb", threads=2)
    try:
        ev = con.read_parquet(str(path))
        graphs = [link_graph(ev, ibis.memtable(accounts), config=c)
                  for c in (in_order_cfg, both_cfg)]
    finally:
        con.disconnect()
    a, b = graphs
    for name in ("links", "totals", "strong", "activity"):
        assert getattr(a, name).equals(getattr(b, name)), name
    for name in ("src", "dst", "weight", "labels"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    for x, y in zip([*a.link_rows, *a.strong_rows], [*b.link_rows, *b.strong_rows],
                    strict=True):
        assert np.array_equal(x, y)
    assert a.stats == b.stats and a.stats["candidate_rows"] > 100
    ra, rb = campaigns_from(a, scores), campaigns_from(b, scores)
    assert ra.campaigns.num_rows >= 1 and ra.links.num_rows > 10
    assert ra.campaigns.equals(rb.campaigns) and ra.membership.equals(rb.membership)
    assert ra.links.equals(rb.links) and ra.evidence == rb.evidence
    assert ra.stats == rb.stats

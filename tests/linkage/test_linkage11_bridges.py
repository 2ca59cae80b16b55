"""Cutting wide bridges before thresholded components: one chance pair must not chain two
groups into one community. ``wide_bridges`` against removing each edge in turn."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from distillwatch.linkage.graph import communities, wide_bridges


def _labels(n: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    m = coo_matrix((np.ones(len(src)), (src, dst)), shape=(n, n))
    return np.asarray(connected_components(m, directed=False)[1])


def _plain(n: int, src: np.ndarray, dst: np.ndarray, min_side: int) -> np.ndarray:
    """Each edge removed in turn: a bridge when its two ends fall apart, with the two
    parts of its component at least ``min_side`` nodes each."""
    whole = _labels(n, src, dst)
    out = np.zeros(len(src), dtype=bool)
    for i in range(len(src)):
        keep = np.arange(len(src)) != i
        lab = _labels(n, src[keep], dst[keep])
        a, b = lab[src[i]], lab[dst[i]]
        if a != b:
            out[i] = min((lab == a).sum(), (lab == b).sum()) >= min_side
            assert whole[src[i]] == whole[dst[i]]
    return out


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_wide_bridges_match_removing_each_edge(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 60
    # dense clusters of 3-12 nodes chained by single edges, trees hanging off, isolated nodes
    pairs: set[tuple[int, int]] = set()
    start = 0
    while start < n - 12:
        size = int(rng.integers(3, 12))
        nodes = np.arange(start, start + size)
        for _ in range(size * 2):
            a, b = rng.choice(nodes, 2, replace=False)
            pairs.add((int(min(a, b)), int(max(a, b))))
        if start:
            pairs.add((int(rng.integers(0, start)), int(start)))  # a bridge to what came before
        start += size
    for v in range(start, n - 3):  # a tree
        pairs.add((int(rng.integers(0, v)), v))
    src, dst = (np.array(x, dtype=np.int64) for x in zip(*sorted(pairs), strict=True))
    for min_side in (1, 3, 8):
        want = _plain(n, src, dst, min_side)
        assert np.array_equal(wide_bridges(n, src, dst, min_side), want), min_side
    assert _plain(n, src, dst, 3).any()


def test_two_groups_joined_by_one_pair_are_two_communities() -> None:
    def clique(nodes: range) -> list[tuple[int, int]]:
        return [(a, b) for a in nodes for b in nodes if a < b]

    edges = [*clique(range(0, 5)), *clique(range(5, 12)), (4, 5)]
    src, dst = (np.array(x) for x in zip(*edges, strict=True))
    w = np.ones(len(src))
    assert len(set(communities(14, src, dst, w).tolist())) == 3  # + nodes 12 and 13 alone
    split = communities(14, src, dst, w, bridge_min_side=5)
    assert len(set(split[:5].tolist())) == 1 and len(set(split[5:12].tolist())) == 1
    assert split[0] != split[5]
    # a side below the floor stays attached
    kept = communities(14, src, dst, w, bridge_min_side=6)
    assert kept[0] == kept[5]

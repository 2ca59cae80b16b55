"""Communities on the weighted account graph, in memory, on accounts and candidate edges only.

Edges come from :mod:`distillwatch.linkage.candidates` already combined per pair (one weight per
pair: the sum over link types). Only pairs whose weight reaches ``edge_threshold`` enter the
graph. Methods:

- ``components`` (default): connected components of the thresholded graph (scipy's
  union-find; no objective that merges small groups; exact and deterministic). With
  ``bridge_min_side`` (``LinkageConfig``), a *bridge* (an edge whose removal disconnects its
  component) with at least that many accounts on each side is cut first: one chance pair
  must not chain two groups into one community (alibaba-scale 0.01: one ASN + user agent +
  template pair joined a 30-account campaign to a 199-account one). Found by one iterative
  depth-first search (Tarjan's low-link) in O(accounts + edges); each bridge's sides are
  measured in its whole component.
- ``leiden``: networkit ParallelLeiden run on each thresholded component larger than 50
  accounts, to split chains of distinct groups joined by a few edges; small components are
  kept whole.
- ``leiden-cpm``: igraph + leidenalg with the Constant Potts Model (GPL, optional extra
  ``graph-gpl``). CPM has no resolution limit: a group is a community when its internal
  edge density exceeds ``cpm_resolution``.

Bound: memory is O(accounts + edges): the sparse matrix (or networkit graph) holds ~16-24
bytes per edge plus ~50 bytes per node; 1M edges and 100k accounts stay well under 100 MB.
Edges are bounded by candidates: at most ``window`` pairs per (key, member), so at most
accounts x link types x
``max_keys_per_account`` x ``window`` rows before thresholding.
"""

from __future__ import annotations

import numba
import numpy as np

from distillwatch.exceptions import LinkageError

LEIDEN_MIN_COMPONENT = 50


def _components(n: int, src: np.ndarray, dst: np.ndarray, w: np.ndarray) -> np.ndarray:
    # scipy's union-find over a sparse matrix: the same partition networkit's
    # ConnectedComponents gives, without networkit's import cost (it loads scikit-learn and
    # pandas: 3-15 s, more than the whole graph step on 100k accounts).
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    m = coo_matrix((np.ones(len(src)), (src, dst)), shape=(n, n))
    _, labels = connected_components(m, directed=False)
    return np.asarray(labels, dtype=np.int64)


@numba.njit(cache=True, nogil=True)
def wide_bridges(n: int, src: np.ndarray, dst: np.ndarray, min_side: int) -> np.ndarray:
    """Per edge: a bridge of the undirected graph (nodes ``0..n-1``, edges ``src``/``dst``,
    no repeated pairs) with at least ``min_side`` nodes on each side."""
    m = len(src)
    indptr = np.zeros(n + 1, dtype=np.int64)
    for i in range(m):
        indptr[src[i] + 1] += 1
        indptr[dst[i] + 1] += 1
    for v in range(n):
        indptr[v + 1] += indptr[v]
    adj = np.empty(2 * m, dtype=np.int64)
    eid = np.empty(2 * m, dtype=np.int64)
    pos = indptr[:-1].copy()
    for i in range(m):
        a, b = src[i], dst[i]
        adj[pos[a]], eid[pos[a]] = b, i
        pos[a] += 1
        adj[pos[b]], eid[pos[b]] = a, i
        pos[b] += 1
    tin = np.full(n, -1, dtype=np.int64)
    low = np.zeros(n, dtype=np.int64)
    size = np.ones(n, dtype=np.int64)
    up = np.full(n, -1, dtype=np.int64)  # the tree edge a node was reached by
    nxt = np.zeros(n, dtype=np.int64)  # its next adjacency slot to look at
    stack = np.empty(n, dtype=np.int64)
    cand_edge = np.empty(n, dtype=np.int64)  # tree edges that are bridges, their lower side
    cand_size = np.empty(n, dtype=np.int64)
    cand_root = np.empty(n, dtype=np.int64)
    nc = 0
    clock = 0
    for r in range(n):
        if tin[r] != -1 or indptr[r] == indptr[r + 1]:
            continue
        sp = 0
        stack[0] = r
        tin[r] = low[r] = clock
        clock += 1
        nxt[r] = indptr[r]
        while sp >= 0:
            v = stack[sp]
            if nxt[v] < indptr[v + 1]:
                u, e = adj[nxt[v]], eid[nxt[v]]
                nxt[v] += 1
                if e == up[v]:
                    continue
                if tin[u] == -1:
                    up[u] = e
                    tin[u] = low[u] = clock
                    clock += 1
                    nxt[u] = indptr[u]
                    sp += 1
                    stack[sp] = u
                elif tin[u] < low[v]:
                    low[v] = tin[u]
            else:
                sp -= 1
                if sp >= 0:
                    p = stack[sp]
                    if low[v] < low[p]:
                        low[p] = low[v]
                    size[p] += size[v]
                    if low[v] > tin[p]:
                        cand_edge[nc], cand_size[nc], cand_root[nc] = up[v], size[v], r
                        nc += 1
    out = np.zeros(m, dtype=np.bool_)
    for k in range(nc):
        side = cand_size[k]
        if side >= min_side and size[cand_root[k]] - side >= min_side:
            out[cand_edge[k]] = True
    return out


def _leiden_networkit(
    n: int, src: np.ndarray, dst: np.ndarray, w: np.ndarray, *, seed: int
) -> np.ndarray:
    import networkit as nk

    comp = _components(n, src, dst, w)
    labels = comp.copy()
    next_label = int(comp.max()) + 1 if n else 0
    sizes = np.bincount(comp, minlength=int(comp.max()) + 1 if n else 0)
    for c in np.flatnonzero(sizes > LEIDEN_MIN_COMPONENT):
        nodes = np.flatnonzero(comp == c)
        local = np.full(n, -1, dtype=np.int64)
        local[nodes] = np.arange(len(nodes))
        keep = comp[src] == c
        sg = nk.Graph(len(nodes), weighted=True, directed=False)
        sg.addEdges(
            (
                w[keep].astype(np.float64),
                (local[src[keep]].astype(np.uint64), local[dst[keep]].astype(np.uint64)),
            )
        )
        nk.setSeed(seed, False)
        algo = nk.community.ParallelLeiden(sg, randomize=False)
        algo.run()
        part = np.asarray(algo.getPartition().getVector(), dtype=np.int64)
        _, local_labels = np.unique(part, return_inverse=True)
        labels[nodes] = next_label + local_labels
        next_label += int(local_labels.max()) + 1
    return labels


def _leiden_cpm(
    n: int, src: np.ndarray, dst: np.ndarray, w: np.ndarray, *, resolution: float, seed: int
) -> np.ndarray:
    try:
        import igraph as ig
        import leidenalg
    except ImportError as exc:
        raise LinkageError(
            "method 'leiden-cpm' needs the optional GPL extra: "
            "pip install 'distillwatch[graph-gpl]'"
        ) from exc
    g = ig.Graph(n=n, edges=list(zip(src.tolist(), dst.tolist(), strict=True)), directed=False)
    g.es["weight"] = w.tolist()
    part = leidenalg.find_partition(
        g,
        leidenalg.CPMVertexPartition,
        weights="weight",
        resolution_parameter=resolution,
        seed=seed,
    )
    return np.asarray(part.membership, dtype=np.int64)


def communities(
    n: int,
    src: np.ndarray,
    dst: np.ndarray,
    weight: np.ndarray,
    *,
    method: str = "components",
    resolution: float = 0.05,
    seed: int = 0,
    bridge_min_side: int = 0,
) -> np.ndarray:
    """A community label per node ``0..n-1`` for the given (already thresholded) edges;
    ``bridge_min_side`` (``components`` only; 0: none): cut the bridges with at least that
    many nodes on each side first (:func:`wide_bridges`).

    Labels are renumbered so that communities are ordered by their smallest node index,
    which makes them independent of the algorithm's internal numbering.
    """
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if method == "components":
        if bridge_min_side > 0 and len(src):
            keep = ~wide_bridges(n, np.asarray(src, dtype=np.int64),
                                 np.asarray(dst, dtype=np.int64), int(bridge_min_side))
            src, dst, weight = src[keep], dst[keep], weight[keep]
        raw = _components(n, src, dst, weight)
    elif method == "leiden":
        raw = _leiden_networkit(n, src, dst, weight, seed=seed)
    elif method == "leiden-cpm":
        raw = _leiden_cpm(n, src, dst, weight, resolution=resolution, seed=seed)
    else:
        raise LinkageError(f"unknown community method {method!r}")
    # Renumber by first occurrence (smallest node index) for stable labels.
    _, first = np.unique(raw, return_index=True)
    order = np.argsort(first, kind="stable")
    remap = np.empty(len(first), dtype=np.int64)
    remap[order] = np.arange(len(first))
    _, inv = np.unique(raw, return_inverse=True)
    return remap[inv]

"""Communities on the weighted account graph, in memory, on accounts and candidate edges only.

Edges come from :mod:`distillwatch.linkage.candidates` already combined per pair (one weight per
pair: the sum over link types). Only pairs whose weight reaches ``edge_threshold`` enter the
graph. Methods:

- ``components`` (default): connected components of the thresholded graph (scipy's
  union-find; no objective that merges small groups; exact and deterministic).
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
) -> np.ndarray:
    """A community label per node ``0..n-1`` for the given (already thresholded) edges.

    Labels are renumbered so that communities are ordered by their smallest node index,
    which makes them independent of the algorithm's internal numbering.
    """
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if method == "components":
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

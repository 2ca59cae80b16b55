"""In-memory half of linkage: link weights, content cap, communities, attachment."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from distillwatch.exceptions import LinkageError
from distillwatch.linkage import load_linkage_config
from distillwatch.linkage.graph import communities
from distillwatch.linkage.rarity import attach, link_weights, pair_totals


def _links(rows: list[tuple[str, str, str, float]]) -> pa.Table:
    src, dst, lt, w = zip(*rows, strict=True)
    return pa.table({"src": src, "dst": dst, "link_type": lt, "weight": list(w)})


def test_link_weights_saturate_per_type() -> None:
    cfg = load_linkage_config()
    t = pa.table({"link_type": ["payment", "synchrony", "synchrony"], "raw": [1.0, 1.0, 1000.0]})
    w = link_weights(t, config=cfg)["weight"].to_pylist()
    pay, syn = cfg.links["payment"], cfg.links["synchrony"]
    assert w[0] == pytest.approx(pay.weight * (1 - np.exp(-pay.per_key)))
    assert w[1] < w[2] <= syn.weight  # many shared buckets never exceed the type's cap
    assert w[2] < w[0]


def test_content_alone_is_capped_below_the_edge_threshold() -> None:
    links = _links(
        [
            ("a", "b", "template", 0.6),
            ("a", "b", "near_dup", 0.5),
            ("a", "b", "partition", 0.6),
            ("a", "c", "template", 0.6),
            ("a", "c", "near_dup", 0.5),
            ("a", "c", "ip", 0.5),
        ]
    )
    t = pair_totals(links, content_cap=0.7).to_pylist()
    by = {(r["src"], r["dst"]): r for r in t}
    assert by[("a", "b")]["weight"] == pytest.approx(0.7)
    assert by[("a", "b")]["other"] == 0.0
    assert by[("a", "c")]["weight"] == pytest.approx(1.2)
    assert by[("a", "c")]["link_types"] == 3


def test_components_are_renumbered_by_smallest_member() -> None:
    src = np.array([5, 1, 3])
    dst = np.array([6, 2, 4])
    labels = communities(7, src, dst, np.ones(3))
    assert labels.tolist() == [0, 1, 1, 2, 2, 3, 3]
    again = communities(7, src[::-1], dst[::-1], np.ones(3))
    assert again.tolist() == labels.tolist()
    with pytest.raises(LinkageError, match="unknown"):
        communities(3, src[:0], dst[:0], np.ones(0), method="louvain")


def test_leiden_splits_two_cliques_joined_by_one_edge() -> None:
    # Two 40-cliques joined by a single strong edge: one component, two communities.
    edges = [(i, j) for g in (0, 40) for i in range(g, g + 40) for j in range(i + 1, g + 40)]
    edges.append((0, 40))
    src, dst = (np.array(x) for x in zip(*edges, strict=True))
    comp = communities(80, src, dst, np.ones(len(src)), method="components")
    assert len(set(comp.tolist())) == 1
    leiden = communities(80, src, dst, np.ones(len(src)), method="leiden")
    assert len(set(leiden[:40].tolist())) == 1
    assert len(set(leiden[40:].tolist())) == 1
    assert leiden[0] != leiden[40]


def test_attach_needs_many_non_content_ties_per_partner() -> None:
    labels = np.array([0, 0, 0, 0, 1, 2, 3])  # community 0 = nodes 0-3; 4, 5, 6 loose
    src = np.array([4, 4, 4, 5, 5, 5, 5, 6])
    dst = np.array([1, 2, 3, 0, 1, 2, 3, 0])
    weight = np.array([0.7, 0.6, 0.5, 0.6, 0.6, 0.6, 0.6, 0.9])
    other = np.array([0.4, 0.4, 0.3, 0.0, 0.0, 0.0, 0.0, 0.9])
    out = attach(
        labels,
        src,
        dst,
        weight,
        other,
        min_size=3,
        min_total=1.5,
        min_other=0.6,
        min_partners=2,
        min_mean_other=0.3,
    )
    assert out[4] == 0  # three moderate ties with shared infrastructure: joins
    assert out[5] == 2  # content-only ties (popular templates): stays out
    assert out[6] == 3  # one tie is not enough

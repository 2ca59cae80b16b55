"""Identity evidence: the part of the link weight that is not content or synchrony
(``BEHAVIOUR_LINK_TYPES``). Per pair it is what attachment reads (``[attach] identity_only``);
per community it decides whether a small community tied only by content and timing is a
campaign (``[campaign] behaviour_only_min_accounts`` / ``min_identity_per_member``)."""

from __future__ import annotations

import dataclasses

import ibis
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from linkage_synth import build

from distillwatch.linkage import load_linkage_config
from distillwatch.linkage.campaigns import LinkGraph, campaigns_from, link_graph
from distillwatch.linkage.config import BEHAVIOUR_LINK_TYPES, LinkageConfig
from distillwatch.linkage.rarity import attach, coded_totals
from distillwatch.store.engines import connect


def _graph(path: str, accounts: pa.Table, cfg: LinkageConfig) -> LinkGraph:
    con = connect("duckdb", threads=2)
    try:
        return link_graph(con.read_parquet(path), ibis.memtable(accounts), config=cfg)
    finally:
        con.disconnect()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, pa.Table, pa.Table]:
    ev, accounts, _truth, scores = build(31)
    path = tmp_path_factory.mktemp("ident11") / "events.parquet"
    pq.write_table(ev, path)
    return str(path), accounts, scores


def _with(cfg: LinkageConfig, **parts: dict[str, object]) -> LinkageConfig:
    return cfg.model_copy(update={k: getattr(cfg, k).model_copy(update=v)
                                  for k, v in parts.items()})


def test_pair_identity_is_the_sum_of_the_identity_link_types() -> None:
    rng = np.random.default_rng(5)
    names = ["ip", "template", "synchrony", "payment", "near_dup"]
    n = 400
    src, dst = rng.integers(0, 30, n), rng.integers(30, 60, n)
    lt, w = rng.integers(0, len(names), n), rng.random(n)
    t = coded_totals(w, 60, src, dst, names, lt, content_cap=0.7, identity=True)
    assert t.identity is not None
    want: dict[tuple[int, int], float] = {}
    for s, d, k, x in zip(src.tolist(), dst.tolist(), lt.tolist(), w.tolist(), strict=True):
        want[(s, d)] = want.get((s, d), 0.0) + (0.0 if names[k] in BEHAVIOUR_LINK_TYPES else x)
    got = dict(zip(zip(t.src.tolist(), t.dst.tolist(), strict=True), t.identity.tolist(),
                   strict=True))
    assert got.keys() == want.keys()
    assert all(got[k] == pytest.approx(want[k]) for k in want)
    assert 0 < sum(v == 0 for v in want.values()) < len(want)  # behaviour-only pairs too
    assert coded_totals(w, 60, src, dst, names, lt).identity is None


def test_community_identity_counts_every_pair_of_members(
    world: tuple[str, pa.Table, pa.Table],
) -> None:
    path, accounts, _ = world
    g = _graph(path, accounts, load_linkage_config())
    links = g.links
    a, b = g.index_of(links["src"]), g.index_of(links["dst"])
    ident = np.array([t not in BEHAVIOUR_LINK_TYPES for t in links["link_type"].to_pylist()])
    w = links["weight"].to_numpy()
    inside = (a >= 0) & (b >= 0)
    inside[inside] &= g.labels[a[inside]] == g.labels[b[inside]]
    want = np.bincount(g.labels[a[inside & ident]], weights=w[inside & ident],
                       minlength=len(g.identity))
    np.testing.assert_allclose(g.identity, want, rtol=1e-12, atol=1e-12)
    assert (g.identity > 0).any()


def test_synchrony_ties_attach_only_when_counted_as_other() -> None:
    """A heavy account tied to three members of a community by template and synchrony only
    (a benchmark harness beside a farm) attaches on the non-content part, not on the
    identity part that ``[attach] identity_only`` hands to attach."""
    names = ["template", "synchrony", "ip"]
    # community 0 = accounts 0-2 (a strong triangle), account 3 outside, tied to each member
    src = np.array([0, 0, 1, 0, 3, 1, 3, 2, 3])
    dst = np.array([1, 2, 2, 3, 0, 3, 1, 3, 2])
    lt = np.array([2, 2, 2, 0, 1, 0, 1, 0, 1])
    w = np.array([1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5])
    t = coded_totals(w, 4, src, dst, names, lt, content_cap=0.7, identity=True)
    assert t.identity is not None
    labels = np.array([0, 0, 0, 1])
    ac = load_linkage_config().attach
    kw = {"min_size": 3, "min_total": ac.min_total, "min_other": ac.min_other,
          "min_partners": ac.min_partners, "min_mean_other": ac.min_mean_other}
    assert attach(labels, t.src, t.dst, t.weight, t.other, **kw).tolist() == [0, 0, 0, 0]
    assert attach(labels, t.src, t.dst, t.weight, t.identity, **kw).tolist() == [0, 0, 0, 1]


def test_behaviour_only_rule_drops_small_communities_without_identity(
    world: tuple[str, pa.Table, pa.Table],
) -> None:
    path, accounts, scores = world
    off = _with(load_linkage_config(), campaign={"behaviour_only_min_accounts": 0})
    g = _graph(path, accounts, off)
    res = campaigns_from(g, scores)
    assert res.stats["behaviour_only_communities"] == 0
    members = res.membership.group_by("campaign_id").aggregate([("account_id", "count")])
    # the smallest reported campaign and its identity weight per member
    cid, size = min(zip(members["campaign_id"].to_pylist(),
                        members["account_id_count"].to_pylist(), strict=True),
                    key=lambda x: (x[1], x[0]))
    row = g.index_of(res.membership.filter(
        pa.compute.equal(res.membership["campaign_id"], cid))["account_id"])[0]
    per_member = float(g.identity[g.labels[row]]) / size

    def found(min_accounts: int, min_identity: float) -> tuple[bool, int]:
        cfg = _with(off, campaign={"behaviour_only_min_accounts": min_accounts,
                                   "min_identity_per_member": min_identity})
        r = campaigns_from(dataclasses.replace(g, config=cfg), scores)
        return cid in r.campaigns["campaign_id"].to_pylist(), r.stats[
            "behaviour_only_communities"]

    assert found(size + 1, per_member + 0.01) == (False, 1)  # small and too little identity
    assert found(size, per_member + 0.01) == (True, 0)  # large enough
    assert found(size + 1, per_member) == (True, 0)  # identity enough


def test_totals_without_content_or_identity_rows_are_floats() -> None:
    """Only one kind of link type present: the other parts are float zeros (numpy's bincount
    of no rows is int64), and the content cap applies to them as to any."""
    for names in (["ip"], ["template"], ["synchrony"]):
        t = coded_totals(np.array([0.5, 0.25]), 3, np.array([0, 1]), np.array([1, 2]), names,
                         np.array([0, 0]), content_cap=0.7, identity=True)
        assert t.identity is not None
        for arr in (t.weight, t.other, t.identity):
            assert arr.dtype == np.float64
        np.testing.assert_allclose(t.weight, [0.5, 0.25])

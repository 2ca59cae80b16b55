"""The per-(account, template) aggregate run once (detect's feature stage) and handed to
linkage: it equals linkage's own, the feature roll-up from it equals ``template_usage``, and
memberships / the link graph made from it equal those linkage groups itself (null template
and item keys, a time window, hashed and string accounts, synchrony on and off)."""

from __future__ import annotations

from pathlib import Path

import ibis
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from linkage_synth import build, read_events

from distillwatch.features.expressions import (
    hashed_accounts,
    template_items,
    template_usage,
    template_usage_from,
)
from distillwatch.linkage import candidates, load_linkage_config
from distillwatch.linkage.campaigns import link_graph
from distillwatch.linkage.candidates import membership_parts, template_groups
from distillwatch.linkage.config import LinkageConfig
from distillwatch.linkage.pairs import CodedPart
from distillwatch.store.engines import connect
from tests_support import null_where, template_usage_reference


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pa.Table]:
    """The synthetic linkage world with ~6% of template keys and ~10% of item keys null
    (template_key64/item_key64 null with them), as a Parquet file."""
    ev, accounts, _truth, _scores = build(17)
    rng = np.random.default_rng(11)
    n = ev.num_rows
    no_t = rng.random(n) < 0.06
    no_i = rng.random(n) < 0.10
    ev = null_where(ev, {"template_key": no_t, "template_key64": no_t,
                         "item_key": no_i, "item_key64": no_i})
    path = tmp_path_factory.mktemp("fusion11") / "events.parquet"
    pq.write_table(ev, path)
    return path, accounts


@pytest.fixture
def con() -> ibis.BaseBackend:
    c = connect("duckdb", threads=2)
    yield c
    c.disconnect()


def _without_synchrony(cfg: LinkageConfig) -> LinkageConfig:
    links = {**cfg.links, "synchrony": cfg.links["synchrony"].model_copy(update={"enabled": False})}
    return cfg.model_copy(update={"links": links})


def _rows(t: pa.Table) -> list[tuple[object, ...]]:
    """Rows in a fixed order; list columns (the sampled buckets) as sorted tuples, since
    synchrony counts a list's values, not their order."""
    cols = []
    for name in sorted(t.column_names):
        vals = t[name].to_pylist()
        if pa.types.is_list(t[name].type):
            vals = [tuple(sorted(v)) if v is not None else () for v in vals]
        cols.append(vals)
    return sorted(zip(*cols, strict=True), key=repr)


def _coded_rows(p: CodedPart | pa.Table) -> tuple[str, list[tuple[object, ...]]]:
    if isinstance(p, CodedPart):
        keys = p.keys.take(pa.array(p.key)).cast(pa.string()).to_pylist()
        acct = p.account_id.cast(pa.string()).to_pylist()
        rows = list(zip(keys, acct, p.uses.tolist(), p.mult.tolist(), strict=True))
        return p.link_type, sorted(rows, key=repr)
    lt = p["link_type"][0].as_py() if p.num_rows else "?"
    cols = [p[c].to_pylist() for c in ("key", "account_id", "uses", "mult")]
    return lt, sorted(zip(*cols, strict=True), key=repr)


@pytest.mark.parametrize("window", [False, True], ids=["all", "window"])
@pytest.mark.parametrize("hashed", [True, False], ids=["hashed-accounts", "string-accounts"])
def test_feature_rollup_from_the_aggregate_equals_template_usage(
    world: tuple[Path, pa.Table], con: ibis.BaseBackend, window: bool, hashed: bool,
) -> None:
    path, _ = world
    ev = read_events(con, path, window)
    ids = ev.select("account_id").distinct().to_pyarrow()["account_id"]
    acc = hashed_accounts(ev, ids) if hashed else None
    assert (acc is not None) == hashed
    old = template_usage(ev, accounts=acc).to_pyarrow()
    groups = template_groups(ev, config=load_linkage_config(), hashed=hashed)
    assert groups is not None
    new = template_usage_from(groups.to_pyarrow(), template_items(ev, accounts=acc).to_pyarrow(),
                              accounts=acc)
    assert new.schema.names == old.schema.names
    assert new.sort_by("account_id").equals(old.sort_by("account_id").cast(new.schema))
    assert old.num_rows > 20


def test_feature_rollup_counts_the_events_directly(
    world: tuple[Path, pa.Table], con: ibis.BaseBackend,
) -> None:
    """Against plain Python over the Parquet rows (a null item counts as one item)."""
    path, _ = world
    raw = pq.read_table(path).to_pylist()
    ev = read_events(con, path, False)
    groups = template_groups(ev, config=load_linkage_config(), hashed=False)
    assert groups is not None
    got = template_usage_from(groups.to_pyarrow(), template_items(ev).to_pyarrow())
    want = template_usage_reference(raw)
    # null items counted
    assert any(r["template_key64"] is not None and r["item_key64"] is None for r in raw)
    rows = {r.pop("account_id"): r for r in got.to_pylist()}
    assert rows == want


@pytest.mark.parametrize("window", [False, True], ids=["all", "window"])
@pytest.mark.parametrize("hashed", [True, False], ids=["hashed-accounts", "string-accounts"])
@pytest.mark.parametrize("concurrent", [True, False], ids=["two-threads", "in-order"])
@pytest.mark.parametrize("sync", [True, False], ids=["synchrony", "no-synchrony"])
def test_memberships_from_the_handed_aggregate_equal_their_own(
    world: tuple[Path, pa.Table], con: ibis.BaseBackend, monkeypatch: pytest.MonkeyPatch,
    window: bool, hashed: bool, concurrent: bool, sync: bool,
) -> None:
    path, accounts = world
    ev = read_events(con, path, window)
    cfg = load_linkage_config()
    if not sync:
        cfg = _without_synchrony(cfg)
    if not hashed:  # the string group-bys (what Spark runs)
        monkeypatch.setattr(candidates, "hashes_on", lambda t: False)
    expr = template_groups(ev, config=cfg, hashed=hashed)
    assert expr is not None
    given = expr.to_pyarrow()
    assert ("_bs" in given.column_names) == sync
    ac = ibis.memtable(accounts)
    own = membership_parts(ev, ac, config=cfg, concurrent=concurrent)
    calls: list[object] = []
    real = candidates.int_template_groups
    monkeypatch.setattr(candidates, "int_template_groups",
                        lambda *a, **k: calls.append(a) or real(*a, **k))
    new = membership_parts(ev, ac, config=cfg, concurrent=concurrent, templates=given)
    assert calls == []  # the handed aggregate was used, not grouped again
    assert [_coded_rows(p)[0] for p in new] == [_coded_rows(p)[0] for p in own]
    for a, b in zip(own, new, strict=True):
        assert _coded_rows(b) == _coded_rows(a), _coded_rows(a)[0]
    assert {"template", "near_dup"} <= {_coded_rows(p)[0] for p in new}
    assert ("synchrony" in {_coded_rows(p)[0] for p in new}) == sync


def test_handed_aggregate_equals_linkages_own(
    world: tuple[Path, pa.Table], con: ibis.BaseBackend, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What the feature stage runs is row for row the aggregate membership_parts groups
    (hashed: the ids' hashes), buckets compared as multisets."""
    path, _ = world
    ev = read_events(con, path, True)
    cfg = load_linkage_config()
    seen: list[object] = []
    real = candidates._template_aggregate

    def spy(*a: object, **k: object) -> object:
        out = real(*a, **k)  # type: ignore[arg-type]
        seen.append(out)
        return out

    monkeypatch.setattr(candidates, "_template_aggregate", spy)
    membership_parts(ev, None, config=cfg, concurrent=False)
    own = seen[0]
    assert isinstance(own, candidates._TemplateAggregate) and own.buckets is not None
    expr = template_groups(ev, config=cfg, hashed=True)
    assert expr is not None
    given = expr.to_pyarrow()
    assert set(given.column_names) == {"_ha", "_t", "_uses", "_bs"}
    mine = pa.table({"_ha": own.table["_ha"], "_t": own.table["template_key64"],
                     "_uses": own.table["_uses"], "_bs": own.buckets})
    assert _rows(given) == _rows(mine)
    assert given.num_rows > 100


def test_mismatched_aggregate_is_not_used(
    world: tuple[Path, pa.Table], con: ibis.BaseBackend,
) -> None:
    """Keyed on the other account column, or without the buckets synchrony needs: linkage
    groups its own, and the parts are the same."""
    path, _accounts = world
    ev = read_events(con, path, False)
    cfg = load_linkage_config()
    own = membership_parts(ev, None, config=cfg, concurrent=False)
    for hashed, c in ((False, cfg), (True, _without_synchrony(cfg))):
        expr = template_groups(ev, config=c, hashed=hashed)
        assert expr is not None
        got = membership_parts(ev, None, config=cfg, concurrent=False,
                               templates=expr.to_pyarrow())
        assert [_coded_rows(p) for p in got] == [_coded_rows(p) for p in own]


@pytest.mark.parametrize("window", [False, True], ids=["all", "window"])
def test_link_graph_with_the_handed_aggregate_equals_its_own(
    world: tuple[Path, pa.Table], con: ibis.BaseBackend, window: bool,
) -> None:
    path, accounts = world
    ev = read_events(con, path, window)
    ac = ibis.memtable(accounts)
    expr = template_groups(ev, config=load_linkage_config(), hashed=True)
    assert expr is not None
    old = link_graph(ev, ac)
    new = link_graph(ev, ac, templates=expr.to_pyarrow())
    assert new.links.equals(old.links)
    assert new.totals.equals(old.totals)
    assert np.array_equal(new.labels, old.labels)
    assert new.stats == old.stats


def test_no_aggregate_when_no_link_type_needs_it(
    world: tuple[Path, pa.Table], con: ibis.BaseBackend,
) -> None:
    path, _ = world
    cfg = load_linkage_config()
    off = {lt: cfg.links[lt].model_copy(update={"enabled": False})
           for lt in ("template", "near_dup", "partition", "synchrony")}
    cfg = cfg.model_copy(update={"links": {**cfg.links, **off}})
    assert template_groups(read_events(con, path, False), config=cfg, hashed=True) is None


@pytest.mark.parametrize("background", [True, False], ids=["second-cursor", "in-order"])
def test_started_aggregate_equals_the_expression(
    world: tuple[Path, pa.Table], con: ibis.BaseBackend, background: bool,
) -> None:
    """Started on a second cursor (beside a query of the first connection) or in order: the
    rows of the expression; the threads setting restored and the cursor closed after."""
    path, _ = world
    ev = read_events(con, path, True)
    cfg = load_linkage_config()
    expr = template_groups(ev, config=cfg, hashed=True)
    assert expr is not None
    pending = candidates.start_template_groups(ev, config=cfg, hashed=True,
                                               background=background)
    assert pending is not None
    beside = ev.count().to_pyarrow()  # the first connection busy meanwhile
    got = pending.result()
    assert beside.as_py() > 0
    assert _rows(got) == _rows(expr.to_pyarrow())
    assert int(con.con.execute("SELECT current_setting('threads')").fetchall()[0][0]) == 2
    # closing after the result (the caller's error path) does nothing more
    pending.close()
    stopped = candidates.start_template_groups(ev, config=cfg, hashed=True,
                                               background=background)
    assert stopped is not None
    stopped.close()
    assert int(con.con.execute("SELECT current_setting('threads')").fetchall()[0][0]) == 2

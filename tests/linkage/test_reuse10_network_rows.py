"""``ip`` and ``prefix`` memberships rolled up from the feature stage's network rows equal the
ones the engine groups from the events (null IPs, several models per IP, a time window)."""

from __future__ import annotations

from pathlib import Path

import ibis
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from linkage_synth import build, read_events

from distillwatch.features.expressions import network_usage
from distillwatch.linkage import candidates, load_linkage_config
from distillwatch.linkage.campaigns import link_graph
from distillwatch.linkage.candidates import candidates_from_parts, membership_parts
from distillwatch.linkage.infrastructure import address_parts_from_network
from distillwatch.linkage.pairs import CodedPart
from distillwatch.store.engines import connect
from tests_support import null_where


def _coded_rows(p: CodedPart | pa.Table) -> tuple[str, list[tuple[object, ...]]]:
    """A part's rows (key, account, uses, mult) in its own row order (not sorted)."""
    if isinstance(p, CodedPart):
        keys = p.keys.take(pa.array(p.key)).cast(pa.string()).to_pylist()
        acct = p.account_id.cast(pa.string()).to_pylist()
        return p.link_type, list(zip(keys, acct, p.uses.tolist(), p.mult.tolist(), strict=True))
    lt = p["link_type"][0].as_py() if p.num_rows else "?"
    cols = [p[c].to_pylist() for c in ("key", "account_id", "uses", "mult")]
    return lt, list(zip(*cols, strict=True))


def _sorted(p: CodedPart | pa.Table) -> tuple[str, list[tuple[object, ...]]]:
    lt, rows = _coded_rows(p)
    return lt, sorted(rows, key=repr)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pa.Table]:
    """The synthetic linkage world with some IPs (and their prefixes) null, some prefixes
    alone null, and several models per IP, as a Parquet file."""
    ev, accounts, _truth, _scores = build(13)
    rng = np.random.default_rng(5)
    n = ev.num_rows
    no_ip = rng.random(n) < 0.08
    no_prefix = no_ip | (rng.random(n) < 0.05)
    models = pa.array(rng.choice(["m-large", "m-small", "m-code"], n).tolist())
    ev = ev.set_column(ev.schema.get_field_index("model"), "model", models)
    ev = null_where(ev, {"client_ip": no_ip, "ip_prefix": no_prefix,
                         "model": rng.random(n) < 0.03})
    path = tmp_path_factory.mktemp("reuse10") / "events.parquet"
    pq.write_table(ev, path)
    return path, accounts


@pytest.fixture
def con() -> ibis.BaseBackend:
    c = connect("duckdb", threads=2)
    yield c
    c.disconnect()


def _network(ev: ibis.Table) -> pa.Table:
    """The feature stage's network rows of ``ev``, named by account id (as detect has them)."""
    return network_usage(ev).to_pyarrow()


@pytest.mark.parametrize("window", [False, True], ids=["all", "window"])
@pytest.mark.parametrize("hashed", [True, False], ids=["hashed-accounts", "string-accounts"])
@pytest.mark.parametrize("concurrent", [True, False], ids=["two-threads", "in-order"])
def test_memberships_from_network_rows_equal_the_events_group_by(
    world: tuple[Path, pa.Table], con: ibis.BaseBackend, monkeypatch: pytest.MonkeyPatch,
    window: bool, hashed: bool, concurrent: bool,
) -> None:
    path, accounts = world
    ev = read_events(con, path, window)
    cfg = load_linkage_config()
    if not hashed:  # the string group-bys (what Spark runs)
        monkeypatch.setattr(candidates, "hashes_on", lambda t: False)
    net = _network(ev)
    assert net.filter(pc.is_null(net["client_ip"])).num_rows > 0  # null IPs to leave out
    ac = ibis.memtable(accounts)
    old = membership_parts(ev, ac, config=cfg, concurrent=concurrent)
    new = membership_parts(ev, ac, config=cfg, concurrent=concurrent, network=net)
    assert [_coded_rows(p)[0] for p in new] == [_coded_rows(p)[0] for p in old]
    for a, b in zip(old, new, strict=True):
        lt = _coded_rows(a)[0]
        if hashed and lt in ("ip", "prefix"):
            # the hashed group-bys come in (account, key) order: the same rows in that order
            assert _coded_rows(b) == _coded_rows(a), lt
        else:
            assert _sorted(b) == _sorted(a), lt
        if lt in ("ip", "prefix") and isinstance(a, CodedPart):
            assert isinstance(b, CodedPart)
            assert a.keys.equals(b.keys), lt  # keys numbered alike
            assert np.array_equal(a.key, b.key), lt
    ips = next(r for lt, r in map(_coded_rows, new) if lt == "ip")
    assert ips and all(k is not None for k, *_ in ips)
    assert candidates_from_parts(new, None, config=cfg).equals(
        candidates_from_parts(old, None, config=cfg))


def test_address_parts_sum_the_events_per_account_and_key(
    world: tuple[Path, pa.Table], con: ibis.BaseBackend,
) -> None:
    """Counted directly from the events (pyarrow), not by the code under test's engine path."""
    path, _accounts = world
    ev = pq.read_table(path)
    parts = address_parts_from_network(_network(read_events(con, path, False)),
                                       config=load_linkage_config())
    for lt, col in (("ip", "client_ip"), ("prefix", "ip_prefix")):
        t = ev.filter(pc.is_valid(ev[col])).group_by(["account_id", col]).aggregate(
            [("account_id", "count")])
        want = sorted(zip(t[col].to_pylist(), t["account_id"].to_pylist(),
                          t["account_id_count"].to_pylist(), strict=True))
        got = sorted((k, a, u) for k, a, u, _m in _coded_rows(parts[lt])[1])
        assert got == want, lt
        # rows in (account, key) byte order, keys numbered in byte order
        rows = _coded_rows(parts[lt])[1]
        assert [(a, k) for k, a, *_ in rows] == sorted((a, k) for k, a, *_ in rows)
        assert parts[lt].keys.to_pylist() == sorted(set(ev[col].drop_null().to_pylist()))


def test_disabled_types_and_empty_rows(world: tuple[Path, pa.Table],
                                       con: ibis.BaseBackend) -> None:
    path, _ = world
    net = _network(read_events(con, path, False))
    cfg = load_linkage_config()
    links = {**cfg.links, "prefix": cfg.links["prefix"].model_copy(update={"enabled": False})}
    off = cfg.model_copy(update={"links": links})
    assert not off.enabled("prefix")
    assert set(address_parts_from_network(net, config=off)) == {"ip"}
    empty = address_parts_from_network(net.slice(0, 0), config=cfg)
    assert {lt: p.num_rows for lt, p in empty.items()} == {"ip": 0, "prefix": 0}


@pytest.mark.parametrize("window", [False, True], ids=["all", "window"])
def test_link_graph_with_network_rows_equals_the_scan(
    world: tuple[Path, pa.Table], con: ibis.BaseBackend, window: bool,
) -> None:
    path, accounts = world
    ev = read_events(con, path, window)
    ac = ibis.memtable(accounts)
    old = link_graph(ev, ac)
    new = link_graph(ev, ac, network=_network(ev))
    assert new.links.equals(old.links)
    assert new.totals.equals(old.totals)
    assert new.activity.equals(old.activity)  # ips from the ip memberships
    assert np.array_equal(new.labels, old.labels)
    assert new.stats == old.stats


@pytest.mark.parametrize("in_memory", [True, False], ids=["memtable-accounts", "parquet-accounts"])
def test_two_threads_with_network_rows_equal_in_order(
    world: tuple[Path, pa.Table], con: ibis.BaseBackend, tmp_path: Path, in_memory: bool,
) -> None:
    """The account keys run on the second cursor when the accounts are in memory, on this
    one when they are a table of the database; the parts as in order either way, and the
    threads setting the second thread gives back early is the one found."""
    path, accounts = world
    ev = read_events(con, path, False)
    if in_memory:
        ac = ibis.memtable(accounts)
    else:
        pq.write_table(accounts, tmp_path / "accounts.parquet")
        ac = con.read_parquet(str(tmp_path / "accounts.parquet"))
    cfg = load_linkage_config()
    net = _network(ev)
    seq = membership_parts(ev, ac, config=cfg, concurrent=False, network=net)
    par = membership_parts(ev, ac, config=cfg, concurrent=True, network=net)
    assert [_coded_rows(p)[0] for p in par] == [_coded_rows(p)[0] for p in seq]
    for a, b in zip(seq, par, strict=True):
        assert _sorted(a) == _sorted(b)
    assert "payment" in {_coded_rows(p)[0] for p in par}
    assert int(con.con.execute("SELECT current_setting('threads')").fetchall()[0][0]) == 2

"""Memberships on two threads (a second DuckDB cursor) equal the ones made in order, and the
second cursor sees what the first one sees."""

from __future__ import annotations

from pathlib import Path

import ibis
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from linkage_synth import build, part_rows

from distillwatch.linkage import candidates, load_linkage_config
from distillwatch.linkage.candidates import candidates_from_parts, membership_parts
from distillwatch.linkage.clock import CpuClock
from distillwatch.linkage.membership import on_cursor
from distillwatch.store.engines import connect

_rows = part_rows  # a part as its link type and its sorted rows


def _threads(con: ibis.BaseBackend) -> int:
    return int(con.con.execute("SELECT current_setting('threads')").fetchall()[0][0])


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pa.Table, pa.Table]:
    """The synthetic linkage world's events as a Parquet file (read through a TEMP view, as
    stores are), and its accounts and young rows."""
    ev, accounts, _truth, _scores = build(11)
    path = tmp_path_factory.mktemp("tmpl8") / "events.parquet"
    pq.write_table(ev, path)
    return path, accounts, ev


@pytest.fixture
def con() -> ibis.BaseBackend:
    c = connect("duckdb", threads=2)
    yield c
    c.disconnect()


@pytest.mark.parametrize("hashed", [True, False], ids=["hashed-accounts", "string-accounts"])
def test_concurrent_memberships_equal_the_ones_in_order(
    world: tuple[Path, pa.Table, pa.Table], con: ibis.BaseBackend, hashed: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, accounts, _ev = world
    ev = con.read_parquet(str(path))
    ac = ibis.memtable(accounts)
    cfg = load_linkage_config()
    if not hashed:  # the string group-bys (what Spark runs), still on two DuckDB cursors
        monkeypatch.setattr(candidates, "hashes_on", lambda t: False)
    in_order, both = CpuClock(), CpuClock()
    seq = membership_parts(ev, ac, config=cfg, concurrent=False, clock=in_order)
    par = membership_parts(ev, ac, config=cfg, concurrent=True, clock=both)
    assert [_rows(p)[0] for p in par] == [_rows(p)[0] for p in seq]  # the same order
    for a, b in zip(seq, par, strict=True):
        assert _rows(a) == _rows(b)
    assert {lt for lt, rows in map(_rows, par) if rows} >= {
        "ip", "prefix", "asn_ua", "template", "near_dup", "synchrony", "partition", "payment"}
    # the candidates made from them: the same table, row for row
    assert candidates_from_parts(par, None, config=cfg).equals(
        candidates_from_parts(seq, None, config=cfg))
    assert set(both.seconds) == {"memberships.concurrent"}
    assert {"memberships.templates", "memberships.partition"} <= set(in_order.seconds)
    assert _threads(con) == 2  # restored after the concurrent steps


def test_a_failing_step_in_the_second_thread_is_raised_and_the_threads_restored(
    world: tuple[Path, pa.Table, pa.Table], con: ibis.BaseBackend,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, accounts, _ev = world
    ev = con.read_parquet(str(path))

    def broken(*args: object, **kwargs: object) -> list[pa.Table]:
        raise OSError("disk gone")

    monkeypatch.setattr(candidates, "_partition", broken)
    with pytest.raises(OSError, match="disk gone"):
        membership_parts(ev, ibis.memtable(accounts), config=load_linkage_config())
    assert _threads(con) == 2
    # the connection still answers
    assert ev.count().to_pyarrow().as_py() > 0


def test_the_cursor_sees_the_views_and_the_local_settings_of_the_first(
    world: tuple[Path, pa.Table, pa.Table], con: ibis.BaseBackend,
) -> None:
    path, _accounts, ev_arrow = world
    con.raw_sql("SET TimeZone = 'America/New_York'")
    con.raw_sql("SET parquet_metadata_cache = true")  # local to a connection too
    ev = con.read_parquet(str(path))
    windowed = ev.filter(ev.ts >= ev_arrow["ts"][len(ev_arrow) // 2].as_py()).mutate(h=ev.ts.hour())
    side = on_cursor(windowed)
    assert side is not None
    with side:
        side.lower_threads()
        assert _threads(con) == 1  # one background worker fewer while both threads query
        side.restore_threads()
        assert _threads(con) == 2
        side.lower_threads()  # and restored on leaving the block
        got = side.events.to_pyarrow().sort_by("event_key")
        local = side.backend.con.execute(
            "SELECT current_setting('TimeZone'), current_setting('parquet_metadata_cache')"
        ).fetchall()
        assert local == [("America/New_York", True)]
    assert _threads(con) == 2
    assert got.equals(windowed.to_pyarrow().sort_by("event_key"))
    assert got.num_rows > 0


def test_no_cursor_without_a_database_table_or_for_a_temp_table(
    world: tuple[Path, pa.Table, pa.Table], con: ibis.BaseBackend,
) -> None:
    path, _accounts, ev_arrow = world
    assert on_cursor(ibis.memtable(ev_arrow)) is None  # nothing to rebind: run in order
    # a TEMP table: only its own connection sees it
    con.con.execute(f"CREATE TEMP TABLE ev_temp AS SELECT * FROM read_parquet('{path}')")
    temp = con.table("ev_temp")
    assert on_cursor(temp) is None
    # and membership_parts then runs in order (same result as asked in order)
    cfg = load_linkage_config()
    clock = CpuClock()
    membership_parts(temp, None, config=cfg, clock=clock)
    assert "memberships.templates" in clock.seconds


def test_the_config_switch_runs_them_in_order(
    world: tuple[Path, pa.Table, pa.Table], con: ibis.BaseBackend, tmp_path: Path,
) -> None:
    path, accounts, _ev = world
    ev = con.read_parquet(str(path))
    (tmp_path / "linkage.toml").write_text("concurrent = false\n")
    cfg = load_linkage_config(tmp_path / "linkage.toml")
    assert not cfg.concurrent and load_linkage_config().concurrent
    clock = CpuClock()
    membership_parts(ev, ibis.memtable(accounts), config=cfg, clock=clock)
    assert "memberships.templates" in clock.seconds
    assert "memberships.concurrent" not in clock.seconds

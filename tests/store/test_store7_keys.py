"""The store contract for the integer keys: `store migrate` adds template_key64/item_key64
(key_ints of the strings, after item_key), once, file by file; Store.events() refuses a store
with any part file lacking them, on DuckDB and Spark, naming the migrate command."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import ibis
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from distillwatch.cli import app
from distillwatch.exceptions import StoreError
from distillwatch.store import Store, StoreLayout
from distillwatch.store.key_ints import key_ints, missing_key_ints
from distillwatch.store.migrate import _rewrite, migrate_store
from distillwatch.store.writer import PartitionWriter

T0 = datetime(2025, 3, 1, tzinfo=UTC)


def _key(name: str) -> str:
    return hashlib.blake2b(name.encode(), digest_size=8).hexdigest()


def _old_table(n: int, day: int, *, keys: bool = True) -> pa.Table:
    """Events as a store written before the integer keys held them."""
    cols: dict[str, pa.Array] = {
        "ts": pa.array([T0 + timedelta(days=day - 1, seconds=i) for i in range(n)],
                       pa.timestamp("us", tz="UTC")),
        "account_id": pa.array([f"a{i % 4}" for i in range(n)]),
    }
    if keys:
        cols["template_key"] = pa.array([None if i % 7 == 3 else _key(f"t{i % 3}")
                                         for i in range(n)])
        cols["item_key"] = pa.array([None if i % 11 == 5 else _key(f"i{day}-{i}")
                                     for i in range(n)])
    cols["lang"] = pa.array(["en"] * n)
    return pa.table(cols)


def _old_store(root: Path, days: tuple[int, ...] = (1, 2, 3)) -> list[Path]:
    layout = StoreLayout(root)
    w = PartitionWriter(layout, run_id="old", schema=_old_table(1, 1).schema)
    for day in days:
        for part in range(2):  # two row groups per file
            w.write(date(2025, 3, day), _old_table(40 + day + part, day))
    return sorted(w.commit())


def test_migrate_adds_the_int_keys_after_item_key_once(tmp_path: Path) -> None:
    paths = _old_store(tmp_path / "s")
    before = {p: pq.read_table(p) for p in paths}
    layout = StoreLayout(tmp_path / "s")
    report = migrate_store(layout)
    assert (report.converted, report.skipped, report.keys_added, report.minhash_converted) == (
        3, 0, 3, 0)
    assert report.key_columns == ["template_key64", "item_key64"]
    for p, old in before.items():
        pf = pq.ParquetFile(p)
        assert pf.metadata.num_row_groups == 2
        new = pf.read()
        assert new.column_names == ["ts", "account_id", "template_key", "item_key",
                                    "template_key64", "item_key64", "lang"]
        assert new.drop_columns(["template_key64", "item_key64"]).equals(old)
        for k in ("template_key", "item_key"):
            assert new.column(f"{k}64").to_pylist() == key_ints(old.column(k)).to_pylist()
        assert new.column("template_key64").null_count == old.column("template_key").null_count
        assert missing_key_ints(p) == []
    again = migrate_store(layout)
    assert (again.converted, again.skipped, again.key_columns) == (0, 3, [])
    # the catalog (rewritten) serves the new columns
    import duckdb

    con = duckdb.connect(str(layout.catalog_path), read_only=True)
    assert con.sql("select count(template_key64) from events").fetchall() == [
        (sum(o.column("template_key").length() - o.column("template_key").null_count
             for o in before.values()),)
    ]
    con.close()


def test_reader_refuses_an_unmigrated_or_mixed_store_until_migrated(tmp_path: Path) -> None:
    paths = _old_store(tmp_path / "s")
    store = Store.open(tmp_path / "s")
    con = ibis.duckdb.connect()
    with pytest.raises(StoreError) as err:
        store.events(con)
    msg = str(err.value)
    assert "template_key64 and item_key64" in msg and "3 part file(s)" in msg
    assert f"distillwatch store migrate {store.layout.root}" in msg
    # an interrupted migration: the oldest file rewritten, the others not
    pf = pq.ParquetFile(paths[0])
    _rewrite(paths[0], pf, to="binary")
    pf.close()
    assert missing_key_ints(paths[0]) == []
    assert missing_key_ints(paths[1]) == ["template_key64", "item_key64"]
    with pytest.raises(StoreError, match=r"2 part file\(s\) lack them"):
        store.events(con)
    (paths[1].parent / ".migrate-part-stale.parquet.tmp").write_bytes(b"half a file")
    report = migrate_store(store.layout)
    assert (report.converted, report.skipped) == (2, 1)
    assert not list(store.layout.events_dir.glob("day=*/.migrate-*"))
    events = store.events(con)
    got = events.select("template_key", "template_key64").to_pyarrow()
    assert got.column("template_key64").to_pylist() == key_ints(
        got.column("template_key")).to_pylist()


class _NoRead:
    """A connection that must not be read from (the refusal comes first)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def read_parquet(self, *args: object, **kwargs: object) -> None:
        raise AssertionError("read before the store was checked")


@pytest.mark.parametrize("engine", ["pyspark", "duckdb"])
def test_refusal_comes_before_any_engine_reads(tmp_path: Path, engine: str) -> None:
    _old_store(tmp_path / "s", days=(1,))
    with pytest.raises(StoreError, match="store migrate"):
        Store.open(tmp_path / "s").events(_NoRead(engine))  # type: ignore[arg-type]


def test_files_without_string_keys_need_no_int_keys(tmp_path: Path) -> None:
    # a store written without sketch columns has nothing to migrate: it is read as it is
    layout = StoreLayout(tmp_path / "s")
    w = PartitionWriter(layout, run_id="r", schema=_old_table(1, 1, keys=False).schema)
    w.write(date(2025, 3, 1), _old_table(5, 1, keys=False))
    (path,) = w.commit()
    assert missing_key_ints(path) == []
    assert migrate_store(layout).converted == 0
    assert Store.open(layout.root).events(ibis.duckdb.connect()).count().to_pyarrow().as_py() == 5


def test_footer_check_matches_whole_column_names(tmp_path: Path) -> None:
    # columns whose names contain the key names are not the key columns
    t = pa.table({"template_key": [_key("t")], "template_key64x": [1], "xitem_key64": [2],
                  "item_key": [_key("i")]})
    pq.write_table(t, tmp_path / "a.parquet")
    assert missing_key_ints(tmp_path / "a.parquet") == ["template_key64", "item_key64"]
    pq.write_table(t.drop_columns(["template_key"]), tmp_path / "b.parquet")
    assert missing_key_ints(tmp_path / "b.parquet") == ["item_key64"]
    (tmp_path / "c.parquet").write_bytes(b"PAR1 not a parquet file")
    with pytest.raises(pa.ArrowInvalid):
        missing_key_ints(tmp_path / "c.parquet")


def test_a_broken_part_file_is_named(tmp_path: Path) -> None:
    paths = _old_store(tmp_path / "s", days=(1,))
    migrate_store(StoreLayout(tmp_path / "s"))
    paths[0].write_bytes(paths[0].read_bytes()[:-20])  # a truncated footer
    with pytest.raises(StoreError, match="not a readable Parquet part file") as err:
        Store.open(tmp_path / "s").events(_NoRead("duckdb"))  # type: ignore[arg-type]
    assert str(paths[0]) in str(err.value)


def test_non_hex_keys_fail_naming_the_file_and_leave_it_whole(tmp_path: Path) -> None:
    paths = _old_store(tmp_path / "s", days=(1, 2))
    bad = pq.read_table(paths[1])
    bad = bad.set_column(2, "template_key", pa.array(["t1"] * bad.num_rows))
    pq.write_table(bad, paths[1])
    layout = StoreLayout(tmp_path / "s")
    with pytest.raises(StoreError) as err:
        migrate_store(layout)
    assert str(paths[1]) in str(err.value) and "template_key" in str(err.value)
    assert "16 hex digits" in str(err.value)
    assert pq.read_table(paths[1]).equals(bad)  # left as it was
    assert missing_key_ints(paths[0]) == []  # the file before it was migrated
    assert not list(layout.events_dir.glob("day=*/.migrate-*"))


def test_store_migrate_command_reports_the_key_columns(tmp_path: Path) -> None:
    _old_store(tmp_path / "s", days=(1, 2))
    runner = CliRunner()
    res = runner.invoke(app, ["store", "migrate", str(tmp_path / "s"), "--json"])
    assert res.exit_code == 0, res.output
    got = json.loads(res.stdout)
    assert (got["converted"], got["keys_added"], got["minhash_converted"]) == (2, 2, 0)
    assert got["key_columns"] == ["template_key64", "item_key64"]
    _old_store(tmp_path / "t", days=(1,))
    res = runner.invoke(app, ["store", "migrate", str(tmp_path / "t")])
    assert res.exit_code == 0, res.output
    assert "template_key64 and item_key64 added to 1" in res.stdout
    res = runner.invoke(app, ["store", "migrate", str(tmp_path / "t")])
    assert res.exit_code == 0 and "0 part file(s) rewritten" in res.stdout
    assert "1 already current" in res.stdout


def test_ingest_refuses_to_append_to_an_unmigrated_store(tmp_path: Path) -> None:
    """Appending to a store written before the integer keys would leave it mixed: ingest
    stops before writing anything and names the migrate command; after it, ingest appends."""
    from distillwatch.ingest.pipeline import ingest

    root = tmp_path / "s"
    paths = _old_store(root, days=(1,))
    src = tmp_path / "new.jsonl"
    src.write_text("".join(
        json.dumps({"ts": f"2025-03-0{d}T10:00:0{i}Z", "account_id": f"a{i}",
                    "request_id": f"r{d}-{i}", "prompt": f"Solve step by step: {d}+{i}"}) + "\n"
        for d in (2, 3) for i in range(3)
    ))
    with pytest.raises(StoreError, match=r"store migrate") as err:
        ingest([src], store=root)
    assert "template_key64" in str(err.value)
    assert StoreLayout(root).part_files() == paths  # nothing written
    assert not list((root / "runs").glob("*.json"))
    migrate_store(StoreLayout(root))
    report = ingest([src], store=root)
    assert report.stored == 6
    assert all(missing_key_ints(p) == [] for p in StoreLayout(root).part_files())

"""The store as others read it: Store.open/events/accounts/days, and the DuckDB catalog."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import ibis
import pytest

from distillwatch.exceptions import StoreError
from distillwatch.ingest.pipeline import ingest
from distillwatch.schema import STORE_ACCOUNT_SCHEMA, STORE_EVENT_SCHEMA
from distillwatch.store import Store, StoreLayout
from distillwatch.store.catalog import write_catalog
from tests_support import need

NOW = datetime(2025, 6, 1, tzinfo=UTC)


def _events(path: Path, days: list[str], per_day: int = 3) -> Path:
    with path.open("w") as fh:
        for d in days:
            for i in range(per_day):
                row = {
                    "ts": f"{d}T12:00:0{i}Z",
                    "account_id": f"a{i}",
                    "request_id": f"{d}-{i}",
                    "client_ip": "2001:db8::1" if i else "198.51.100.1",
                    "prompt": "Explain your reasoning step by step.",
                }
                fh.write(json.dumps(row) + "\n")
    return path


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    acc = tmp_path / "acc.csv"
    acc.write_text("account_id,email_domain\na0,gmail.com\na1,example.org\n")
    ingest(
        [_events(tmp_path / "e.jsonl", ["2025-03-01", "2025-03-03"])],
        store=tmp_path / "s",
        accounts=acc,
        now=NOW,
    )
    return tmp_path / "s"


def test_open_missing_or_foreign_directory(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        Store.open(tmp_path / "nope")
    (tmp_path / "random").mkdir()
    with pytest.raises(StoreError):
        Store.open(tmp_path / "random")


def test_events_and_accounts_on_duckdb(store: Path) -> None:
    s = Store.open(store)
    assert s.days() == [date(2025, 3, 1), date(2025, 3, 3)]
    con = ibis.duckdb.connect()
    ev = s.events(con)
    assert set(STORE_EVENT_SCHEMA.names) | {"day"} == set(ev.columns)
    per_day = ev.group_by("day").aggregate(n=ev.count()).order_by("day").to_pyarrow().to_pylist()
    assert per_day == [{"day": date(2025, 3, 1), "n": 3}, {"day": date(2025, 3, 3), "n": 3}]
    acc = s.accounts(con)
    assert acc is not None and set(acc.columns) == set(STORE_ACCOUNT_SCHEMA.names)
    assert acc.count().to_pyarrow().as_py() == 2


def test_catalog_is_one_call_and_typed(store: Path) -> None:
    con = duckdb.connect(str(store / "catalog.duckdb"), read_only=True)
    assert con.sql("select count(*) from events").fetchall() == [(6,)]
    assert con.sql("select count(*) from accounts").fetchall() == [(2,)]
    types = dict(con.sql("select column_name, column_type from (describe events)").fetchall())
    assert types["day"] == "DATE" and types["ts"] == "TIMESTAMP WITH TIME ZONE"


def test_empty_store_catalog_has_typed_empty_views(tmp_path: Path) -> None:
    layout = StoreLayout.at(tmp_path / "s")
    write_catalog(layout)
    con = duckdb.connect(str(layout.catalog_path), read_only=True)
    assert con.sql("select count(*) from events").fetchall() == [(0,)]
    assert "event_key" in [r[0] for r in con.sql("describe events").fetchall()]
    s = Store.open(layout.root)
    assert s.days() == [] and s.accounts(ibis.duckdb.connect()) is None
    with pytest.raises(StoreError):
        s.events(ibis.duckdb.connect())


@pytest.mark.spark
@pytest.mark.slow
def test_events_on_pyspark(store: Path) -> None:
    pytest.importorskip("pyspark")
    need("java")
    # The Spark session is shared with other tests in the process (getOrCreate): not stopped.
    con = ibis.pyspark.connect()
    ev = Store.open(store).events(con)
    out = ev.group_by("day").aggregate(n=ev.count()).order_by("day").to_pyarrow().to_pylist()
    assert [(str(r["day"]), r["n"]) for r in out] == [("2025-03-01", 3), ("2025-03-03", 3)]

"""STORE/catalog.duckdb: DuckDB views ``events`` and ``accounts`` over the Parquet files.

``duckdb.connect("STORE/catalog.duckdb").sql("select count(*) from events")`` works in one
call. The views hold absolute paths (DuckDB resolves relative paths against the process's
working directory, not the database file), so after moving a store, run any ingest into it
(or :func:`write_catalog`) to point them at the new place.
"""

from __future__ import annotations

import os

import duckdb
import pyarrow as pa

from distillwatch.schema import STORE_ACCOUNT_SCHEMA, STORE_EVENT_SCHEMA
from distillwatch.store.layout import DAY_PARTITION, StoreLayout


def _literal(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def write_catalog(layout: StoreLayout) -> None:
    """(Re)create the catalog file atomically."""
    layout.root.mkdir(parents=True, exist_ok=True)
    tmp = layout.catalog_path.with_name(f".catalog.{os.getpid()}.duckdb.tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        if layout.days():
            con.execute(
                "CREATE VIEW events AS SELECT * FROM read_parquet("
                f"{_literal(layout.events_glob)}, hive_partitioning = true, "
                "union_by_name = true)"
            )
        else:
            empty = STORE_EVENT_SCHEMA.append(pa.field(DAY_PARTITION, pa.date32())).empty_table()
            con.register("__dw_empty", empty)
            con.execute("CREATE TABLE __dw_empty_events AS SELECT * FROM __dw_empty")
            con.unregister("__dw_empty")
            con.execute("CREATE VIEW events AS SELECT * FROM __dw_empty_events")
        if layout.accounts_path.exists():
            con.execute(
                "CREATE VIEW accounts AS SELECT * FROM read_parquet("
                f"{_literal(str(layout.accounts_path))})"
            )
        else:
            con.register("__dw_empty", STORE_ACCOUNT_SCHEMA.empty_table())
            con.execute("CREATE TABLE __dw_empty_accounts AS SELECT * FROM __dw_empty")
            con.unregister("__dw_empty")
            con.execute("CREATE VIEW accounts AS SELECT * FROM __dw_empty_accounts")
    finally:
        con.close()
    tmp.replace(layout.catalog_path)
    wal = tmp.with_name(tmp.name + ".wal")
    wal.unlink(missing_ok=True)

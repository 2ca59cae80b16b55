"""Reading a store from any Ibis backend (DuckDB by default, PySpark the same way).

Detect groups and joins on ``template_key64``/``item_key64`` (``store.key_ints``), so
:meth:`Store.events` refuses a store with a part file written before them (it would read as
nulls there, silently). The check reads each part file's footer only: a few kilobytes and
about 30 microseconds of CPU per file, where a parsed schema (``pq.read_schema``) costs
~0.9 ms, which a store of thousands of files would pay on every detect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import ibis
import ibis.expr.types as ir

from distillwatch.exceptions import StoreError
from distillwatch.store.key_ints import require_key_ints
from distillwatch.store.layout import StoreLayout
from distillwatch.types import StrPath


@dataclass(frozen=True)
class Store:
    """An existing store directory (see :mod:`distillwatch.store.layout`)."""

    layout: StoreLayout

    @classmethod
    def open(cls, path: StrPath) -> Store:
        """The store at ``path``; raises StoreError when there is none."""
        layout = StoreLayout.at(path)
        if not layout.root.is_dir():
            raise StoreError(f"no store at {layout.root} (run `distillwatch ingest` first)")
        markers = (layout.events_dir, layout.accounts_path, layout.catalog_path, layout.runs_dir)
        if not any(p.exists() for p in markers):
            raise StoreError(f"{layout.root} is not a distillwatch store (no events/ or catalog)")
        return cls(layout)

    def days(self) -> list[date]:
        """Days with event partitions, oldest first."""
        return self.layout.days()

    def events(self, con: ibis.BaseBackend) -> ir.Table:
        """All events (``STORE_EVENT_SCHEMA`` plus the ``day`` date column) as an Ibis table."""
        if not self.days():
            raise StoreError(f"store {self.layout.root} has no events")
        require_key_ints(self.layout.root, self.layout.part_files())
        if con.name == "pyspark":
            # Spark discovers day=YYYY-MM-DD folders itself (typed as date) from the base dir.
            return con.read_parquet(str(self.layout.events_dir))
        return con.read_parquet(self.layout.events_glob, hive_partitioning=True, union_by_name=True)

    def accounts(self, con: ibis.BaseBackend) -> ir.Table | None:
        """Accounts (``STORE_ACCOUNT_SCHEMA``), or None when the store has none."""
        if not self.layout.accounts_path.exists():
            return None
        return con.read_parquet(str(self.layout.accounts_path))

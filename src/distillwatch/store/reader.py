"""Reading a store from any Ibis backend (DuckDB by default, PySpark the same way).

Detect groups and joins on ``template_key64``/``item_key64`` (``store.key_ints``), so
:meth:`Store.events` refuses a store with a part file written before them (it would read as
nulls there, silently). The check reads each part file's footer only: a few kilobytes and
about 30 microseconds of CPU per file, where a parsed schema (``pq.read_schema``) costs
~0.9 ms, which a store of thousands of files would pay on every detect.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.parquet as pq

from distillwatch.exceptions import StoreError
from distillwatch.store.key_ints import KEY_INT_COLUMNS
from distillwatch.store.layout import StoreLayout
from distillwatch.types import StrPath

_MAGIC = b"PAR1"
# A column name in the footer's Thrift (compact protocol): its length as a one-byte varint,
# then its bytes. Prefixing the length matches the whole name, not a longer name holding it.
_NAMES = {k: (bytes([len(k)]) + k.encode(), bytes([len(ki)]) + ki.encode())
          for k, ki in KEY_INT_COLUMNS.items()}


def _footer(path: Path) -> bytes | None:
    """The Thrift footer of a Parquet file, or None when it is not a plain one (encrypted,
    truncated)."""
    with path.open("rb") as fh:
        size = fh.seek(0, os.SEEK_END)
        if size < 12:
            return None
        fh.seek(size - 8)
        tail = fh.read(8)
        length = int.from_bytes(tail[:4], "little")
        if tail[4:] != _MAGIC or length > size - 12:
            return None
        fh.seek(size - 8 - length)
        return fh.read(length)


def missing_key_ints(path: Path) -> list[str]:
    """The integer key columns ``path`` lacks while holding their string key (a part file
    written before them: ``distillwatch store migrate`` adds them)."""
    footer = _footer(path)
    if footer is None:  # not a footer we can scan: ask Arrow (it raises on a broken file)
        names = set(pq.read_schema(path).names)
        return [ki for k, ki in KEY_INT_COLUMNS.items() if k in names and ki not in names]
    return [KEY_INT_COLUMNS[k] for k, (name, int_name) in _NAMES.items()
            if name in footer and int_name not in footer]


def require_key_ints(root: Path, parts: Iterable[Path]) -> None:
    """Raise StoreError when a part file lacks ``template_key64``/``item_key64`` (or is no
    readable Parquet file)."""
    lacking = []
    for path in parts:
        try:
            missing = missing_key_ints(path)
        except (OSError, pa.ArrowException) as exc:
            raise StoreError(f"{path}: not a readable Parquet part file ({exc})") from None
        if missing:
            lacking.append((path, missing))
    if lacking:
        path, missing = lacking[0]
        raise StoreError(
            f"store {root} was written before {' and '.join(missing)} (integer template/item "
            f"keys): {len(lacking)} part file(s) lack them, e.g. {path}. Run `distillwatch "
            f"store migrate {root}` once (it adds them in place), then run this again"
        )


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

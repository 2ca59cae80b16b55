"""The store: day-partitioned Parquet plus a DuckDB catalog (see ``layout``).

``Store`` (the Ibis reader) loads on first use: ingest's step workers import this package
for the MinHash column and the layout, and an Ibis import costs each process ~0.3 CPU-s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from distillwatch.store.layout import StoreLayout

if TYPE_CHECKING:
    from distillwatch.store.reader import Store

__all__ = ["Store", "StoreLayout"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from distillwatch.store.reader import Store

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""The store: day-partitioned Parquet plus a DuckDB catalog (see ``layout``)."""

from distillwatch.store.layout import StoreLayout
from distillwatch.store.reader import Store

__all__ = ["Store", "StoreLayout"]

"""The store: day-partitioned Parquet plus a DuckDB catalog (see ``layout``)."""

from distillwatch.store.layout import StoreLayout

__all__ = ["StoreLayout"]

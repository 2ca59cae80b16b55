"""Format name -> reader function (each yields :class:`RawBatch` es)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from distillwatch.ingest.formats.base import RawBatch
from distillwatch.ingest.formats.jsonl import read_jsonl
from distillwatch.ingest.formats.litellm import read_litellm, read_spendlogs
from distillwatch.ingest.formats.otlp import read_otlp
from distillwatch.ingest.formats.tabular import read_csv, read_parquet

Reader = Callable[..., Iterator[RawBatch]]

READERS: dict[str, Reader] = {
    "jsonl": read_jsonl,
    "csv": read_csv,
    "parquet": read_parquet,
    "otlp": read_otlp,
    "litellm": read_litellm,
    "litellm_spendlogs": read_spendlogs,
}

"""Settings of the ingest stage (a section of ``distillwatch.config.Settings``)."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from distillwatch.ingest.enrich_config import EnrichConfig

DEFAULT_MIN_TS = datetime(2015, 1, 1, tzinfo=UTC)
FORMAT_NAMES = ("jsonl", "csv", "parquet", "otlp", "litellm", "litellm_spendlogs")
Compression = Literal["zstd", "snappy", "lz4", "none"]


def default_workers() -> int:
    """Step worker processes by default: up to two where there are two cores or more."""
    cpus = os.cpu_count() or 1
    return min(2, cpus) if cpus > 1 else 0


class IngestConfig(BaseModel):
    """The ``[ingest]`` section of a settings file.

    Production configs should set ``drop_text = true``: the store then keeps only the sketches
    (template key, MinHash, lengths, language) and intent scores of each prompt, never the text.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    drop_text: bool = False
    # Rows per Arrow batch for CSV, Parquet and the mapped formats (OTLP, LiteLLM).
    batch_rows: int = Field(65_536, ge=1)
    # JSON Lines are parsed in blocks of about this many bytes (memory scales with it).
    block_bytes: int = Field(16 * 1024 * 1024, ge=1024)
    # A single line longer than this is quarantined unread instead of buffered.
    max_line_bytes: int = Field(256 * 1024 * 1024, ge=1024)
    # Timestamps before min_ts or more than max_future after now are rejected.
    min_ts: datetime = DEFAULT_MIN_TS
    max_future: timedelta = timedelta(days=1)
    # Bytes of the offending input kept in a quarantine record (0: none; never text when
    # drop_text is set).
    quarantine_raw_bytes: int = Field(4096, ge=0)
    compression: Compression = "zstd"
    rows_per_file: int = Field(4_000_000, ge=1)
    # Processes that run sketch + signals (the CPU-heavy steps) beside the main one, which
    # enriches (stages.py: who enriches); 0 runs all three in a thread of the ingest process.
    # Inputs smaller than workers_min_bytes (all files together) always run in process:
    # starting workers costs a few seconds.
    workers: int = Field(default_factory=default_workers, ge=0, le=64)
    workers_min_bytes: int = Field(64 * 1024 * 1024, ge=0)
    enrich: EnrichConfig = EnrichConfig()

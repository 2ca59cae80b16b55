"""Shared by the formats mapped in Python record by record (OTLP spans, LiteLLM logs)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import numpy as np

from distillwatch.ingest.formats.base import PositionKind, RawBatch
from distillwatch.ingest.formats.jsonl import table_from_objects
from distillwatch.ingest.normalise import EXTRA
from distillwatch.ingest.quarantine import Reject


class BatchBuilder:
    """Collects mapped rows (contract names + an ``extra`` dict) into RawBatches."""

    def __init__(self, *, batch_rows: int, kind: PositionKind) -> None:
        self.batch_rows = batch_rows
        self.kind = kind
        self.rows: list[dict[str, Any]] = []
        self.positions: list[int] = []
        self.rejects: list[Reject] = []
        self.skipped = 0

    def add(self, row: dict[str, Any], position: int) -> None:
        extra = row.pop(EXTRA, None)
        row[EXTRA] = json.dumps(extra, ensure_ascii=False, default=str) if extra else None
        self.rows.append(row)
        self.positions.append(position)

    def full(self) -> bool:
        return len(self.rows) + len(self.rejects) >= self.batch_rows

    def flush(self) -> Iterator[RawBatch]:
        if not (self.rows or self.rejects or self.skipped):
            return
        table, json_cols = table_from_objects(self.rows)
        yield RawBatch(
            table,
            np.asarray(self.positions, np.int64),
            self.kind,
            json_columns=json_cols - {EXTRA},
            rejects=tuple(self.rejects),
            premade_extra=True,
            skipped=self.skipped,
        )
        self.rows, self.positions, self.rejects, self.skipped = [], [], [], 0


def first(*values: Any) -> Any:
    """The first value that is not None (or empty string)."""
    for v in values:
        if v is not None and v != "":
            return v
    return None

"""The per-batch steps owned by other modules: enrichment, text sketches, request signals.

They are resolved once per run. While a step's module is not installed (during development
of the project), its columns are left null and the run reports a warning; they are never
faked.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from distillwatch.exceptions import DistillwatchError
from distillwatch.ingest.config import IngestConfig
from distillwatch.ingest.enrich import Enricher
from distillwatch.ingest.timing import Stamp, stamp
from distillwatch.schema import ENRICH_FIELDS, SIGNAL_FIELDS, SKETCH_FIELDS

TableFn = Callable[[pa.Table], pa.Table]


def _optional(module: str, name: str) -> TableFn | None:
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name is not None and module.startswith(exc.name):
            return None
        raise
    fn = getattr(mod, name, None)
    return fn if callable(fn) else None


@dataclass(frozen=True)
class Stages:
    enricher: Enricher
    sketch: TableFn | None
    signals: TableFn | None

    @classmethod
    def load(cls, config: IngestConfig) -> Stages:
        return cls(
            enricher=Enricher.from_config(config.enrich),
            sketch=_optional("distillwatch.ingest.sketch", "sketch_text"),
            signals=_optional("distillwatch.signals", "request_signals"),
        )

    @property
    def warnings(self) -> tuple[str, ...]:
        out = []
        if self.sketch is None:
            out.append("text sketching is not available: sketch columns left null")
        if self.signals is None:
            out.append("request signals are not available: signal columns left null")
        return tuple(out)

    def close(self) -> None:
        self.enricher.close()

    def columns(
        self, table: pa.Table, *, clock: Callable[[str, Stamp], Stamp] | None = None
    ) -> tuple[dict[str, pa.ChunkedArray | pa.Array], np.ndarray, list[tuple[int, str]]]:
        """Enrichment, sketch and signal columns for normalised events (text still present).

        Returns (columns for the kept rows, mask of kept rows, [(row, reason)] of rows a step
        failed on). A step that raises on a batch is retried on halves of it, to find the few
        rows it cannot handle (they are quarantined by the caller, the rest go on); a failure
        that is not about rows (a DistillwatchError, or more than MAX_FAILED_ROWS rows)
        propagates. ``clock(step, since)`` is told the time each step took (``since``: a
        :func:`~distillwatch.ingest.timing.stamp`).
        """
        keep = np.ones(table.num_rows, bool)
        failed: list[tuple[int, str]] = []
        out: dict[str, pa.ChunkedArray | pa.Array] = {}
        parts: list[tuple[str, list[pa.Field], TableFn | None]] = [
            ("enrich", ENRICH_FIELDS, self.enricher.enrich_events),
            ("sketch", SKETCH_FIELDS, self.sketch),
            ("signals", SIGNAL_FIELDS, self.signals),
        ]
        for step, fields, fn in parts:
            t = stamp()
            current = table.filter(pa.array(keep)) if not keep.all() else table
            got: pa.Table | None = None
            if fn is not None:
                got, bad = _bisect(fn, current, step=step)
                if bad:
                    rows = np.flatnonzero(keep)
                    lost = np.zeros(len(current), bool)
                    for i, reason in bad:
                        failed.append((int(rows[i]), reason))
                        lost[i] = True
                    keep[rows[lost]] = False
                    mask = pa.array(~lost)
                    out = {k: v.filter(mask) for k, v in out.items()}
            if clock is not None:
                clock(step, t)
            n = int(keep.sum())
            for f in fields:
                # A present step must return every one of its columns (KeyError otherwise).
                out[f.name] = (
                    pa.nulls(n, f.type) if got is None or n == 0 else got[f.name].cast(f.type)
                )
        return out, keep, failed


MAX_FAILED_ROWS = 64


def _bisect(fn: TableFn, table: pa.Table, *, step: str) -> tuple[pa.Table, list[tuple[int, str]]]:
    """``fn(table)``; on an error, the result for the rows it works on and the failing rows."""
    failed: list[tuple[int, str]] = []
    first: list[BaseException] = []

    def run(offset: int, part: pa.Table) -> list[pa.Table]:
        try:
            got = fn(part)
            if got.num_rows != part.num_rows:  # a broken step must not misalign rows
                raise ValueError(f"returned {got.num_rows} rows for {part.num_rows}")
            return [got]
        except DistillwatchError:
            raise
        except Exception as exc:
            if not first:
                first.append(exc)
            if len(failed) >= MAX_FAILED_ROWS:
                raise first[0] from None
            if part.num_rows <= 1:
                failed.append((offset, f"{step} failed on this row ({type(exc).__name__}: {exc})"))
                return []
            half = part.num_rows // 2
            return run(offset, part.slice(0, half)) + run(offset + half, part.slice(half))

    pieces = run(0, table)
    if len(pieces) == 1 and not failed:
        return pieces[0], []
    if not pieces:
        return table.schema.empty_table().select([]), failed  # every row failed
    return pa.concat_tables([p.combine_chunks() for p in pieces]), failed

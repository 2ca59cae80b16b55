"""The per-batch steps owned by other modules: enrichment, text sketches, request signals.

They are resolved once per run. While a step's module is not installed (during development
of the project), its columns are left null and the run reports a warning; they are never
faked.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass

import pyarrow as pa

from distillwatch.ingest.config import IngestConfig
from distillwatch.ingest.enrich import Enricher
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
        self, table: pa.Table, *, clock: Callable[[str, float], float] | None = None
    ) -> dict[str, pa.ChunkedArray | pa.Array]:
        """Enrichment, sketch and signal columns for normalised events (text still present).

        ``clock(step, since)`` is told the time each step took.
        """
        n = table.num_rows
        out: dict[str, pa.ChunkedArray | pa.Array] = {}
        parts: list[tuple[str, list[pa.Field], TableFn | None]] = [
            ("enrich", ENRICH_FIELDS, self.enricher.enrich_events),
            ("sketch", SKETCH_FIELDS, self.sketch),
            ("signals", SIGNAL_FIELDS, self.signals),
        ]
        for step, fields, fn in parts:
            t = time.perf_counter()
            got = fn(table) if fn is not None else None
            if clock is not None:
                clock(step, t)
            for f in fields:
                # A present step must return every one of its columns (KeyError otherwise).
                out[f.name] = pa.nulls(n, f.type) if got is None else got[f.name].cast(f.type)
        return out

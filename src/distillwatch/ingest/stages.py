"""The per-batch steps owned by other modules: enrichment, text sketches, request signals.

They are resolved once per run. While a step's module is not installed (during development
of the project), its columns are left null and the run reports a warning; they are never
faked.

Who enriches: a step factory (``ingest(stages=...)``, default :meth:`Stages.load`) builds a
:class:`Stages` from the config, and its ``enricher`` is the one a run uses, always in the
ingest process. In process (no step workers) :meth:`Stages.columns` runs all three steps.
With step workers the ingest process enriches each batch itself (:func:`run_enricher`: one
address cache per run instead of one per worker, each address resolved once) before it
sends the batch, and the workers run ``columns(..., enrich=False)``: sketch and signals
only. So the workers of the default factory are built without an enricher
(:func:`worker_factory`), and a custom factory's enricher runs in the ingest process.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pyarrow as pa

from distillwatch.exceptions import DistillwatchError
from distillwatch.ingest.config import IngestConfig
from distillwatch.ingest.enrich import Enricher
from distillwatch.ingest.timing import Stamp, stamp
from distillwatch.schema import ENRICH_FIELDS, SIGNAL_FIELDS, SKETCH_FIELDS

TableFn = Callable[[pa.Table], pa.Table]
# (step name, its output fields, its function or None when its module is not installed)
_Step = tuple[str, list[pa.Field], TableFn | None]


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
    # None: these steps do not enrich (a step worker's, when the ingest process enriches).
    enricher: Enricher | None
    sketch: TableFn | None
    signals: TableFn | None

    @classmethod
    def load(cls, config: IngestConfig) -> Stages:
        """The default steps: the enricher of ``config.enrich``, sketch and signals."""
        steps = cls.load_without_enricher(config)
        return replace(steps, enricher=Enricher.from_config(config.enrich))

    @classmethod
    def load_without_enricher(cls, config: IngestConfig) -> Stages:
        """:meth:`load` less the enricher (its databases and lists are not loaded)."""
        return cls(
            enricher=None,
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
        if self.enricher is not None:
            self.enricher.close()

    def columns(
        self,
        table: pa.Table,
        *,
        clock: Callable[[str, Stamp], Stamp] | None = None,
        enrich: bool = True,
    ) -> tuple[dict[str, pa.ChunkedArray | pa.Array], np.ndarray, list[tuple[int, str]]]:
        """Enrichment, sketch and signal columns for normalised events (text still present);
        with ``enrich=False`` (a step worker's call) sketch and signal columns only.

        Returns (columns for the kept rows, mask of kept rows, [(row, reason)] of rows a step
        failed on). A step that raises on a batch is retried on halves of it, to find the few
        rows it cannot handle (they are quarantined by the caller, the rest go on); a failure
        that is not about rows (a DistillwatchError, or more than MAX_FAILED_ROWS rows)
        propagates. ``clock(step, since)`` is told the time each step took (``since``: a
        :func:`~distillwatch.ingest.timing.stamp`).
        """
        parts: list[_Step] = [
            ("sketch", SKETCH_FIELDS, self.sketch),
            ("signals", SIGNAL_FIELDS, self.signals),
        ]
        if enrich:
            if self.enricher is None:
                raise ValueError("these steps were built without an enricher")
            parts.insert(0, ("enrich", ENRICH_FIELDS, self.enricher.enrich_events))
        return _run_steps(table, parts, clock=clock)


MAX_FAILED_ROWS = 64


def worker_factory(factory: Callable[[IngestConfig], Stages]) -> Callable[[IngestConfig], Stages]:
    """The factory step workers build their steps with: the default one without its enricher
    (the ingest process enriches); a custom one as it is (its enricher unused there)."""
    return Stages.load_without_enricher if factory == Stages.load else factory


def run_enricher(
    factory: Callable[[IngestConfig], Stages], config: IngestConfig
) -> tuple[Enricher, Stages | None]:
    """The enricher ``factory``'s steps use, for the ingest process, and the steps built to get
    it (None for the default factory: only the enricher is loaded, not sketch and signals;
    else the caller closes them)."""
    if factory == Stages.load:
        return Enricher.from_config(config.enrich), None
    steps = factory(config)
    if steps.enricher is None:
        raise ValueError("the step factory built no enricher")
    return steps.enricher, steps


def enrich_columns(
    enricher: Enricher, table: pa.Table
) -> tuple[dict[str, pa.ChunkedArray | pa.Array], np.ndarray, list[tuple[int, str]]]:
    """The enrichment part of :meth:`Stages.columns` (same bisection, reasons and columns)."""
    return _run_steps(table, [("enrich", ENRICH_FIELDS, enricher.enrich_events)])


def _run_steps(
    table: pa.Table,
    parts: list[_Step],
    *,
    clock: Callable[[str, Stamp], Stamp] | None = None,
) -> tuple[dict[str, pa.ChunkedArray | pa.Array], np.ndarray, list[tuple[int, str]]]:
    """:meth:`Stages.columns`' loop: each step in turn on the rows no earlier step failed on."""
    keep = np.ones(table.num_rows, bool)
    failed: list[tuple[int, str]] = []
    out: dict[str, pa.ChunkedArray | pa.Array] = {}
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

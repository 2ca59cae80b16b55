"""``ingest()``: source files -> validated, enriched, sketched, deduplicated store partitions.

Per batch: read -> normalise -> validate (bad rows to quarantine) -> event keys and dedupe ->
enrich -> sketch -> signals -> drop text (privacy mode) -> write. Enrich, sketch and signals
(most of the CPU) run in a small process pool (``IngestConfig.workers``) on large inputs.
Deduplication runs before the expensive steps (its result does not depend on them), so
re-ingesting a file costs only the read. Everything a run writes becomes visible at once when
it ends; a failed or ``strict`` run leaves the store unchanged.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import threading
import zlib
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import zstandard

from distillwatch.exceptions import IngestError, InputError
from distillwatch.ingest.accounts import AccountsResult, read_accounts, write_accounts
from distillwatch.ingest.config import IngestConfig
from distillwatch.ingest.dedupe import DayKeys, event_keys, hash_keys
from distillwatch.ingest.enrich import Enricher
from distillwatch.ingest.formats.base import RawBatch
from distillwatch.ingest.formats.registry import READERS
from distillwatch.ingest.normalise import EXTRA, Problem, normalise
from distillwatch.ingest.prefetch import Prefetch
from distillwatch.ingest.quarantine import QuarantineWriter, Reject
from distillwatch.ingest.report import FileReport, IngestReport
from distillwatch.ingest.sources import SourceFile, resolve
from distillwatch.ingest.stages import Stages, enrich_columns, run_enricher, worker_factory
from distillwatch.ingest.timing import Stamp, StepTimes, stamp
from distillwatch.ingest.validate import validate
from distillwatch.ingest.workers import StagesFactory, StepPool, StepResult
from distillwatch.schema import STORE_EVENT_SCHEMA, TEXT_COLUMNS
from distillwatch.store.catalog import write_catalog
from distillwatch.store.key_ints import require_key_ints
from distillwatch.store.layout import StoreLayout
from distillwatch.store.writer import PartitionWriter
from distillwatch.types import StrPath

MAX_IN_FLIGHT = 2
READ_ERRORS = (OSError, EOFError, zlib.error, zstandard.ZstdError, pa.ArrowException)


@dataclass(frozen=True)
class ProgressUpdate:
    """Sent after each batch and at the end of each file."""

    path: str
    file_index: int
    files: int
    bytes_done: int
    bytes_total: int
    rows: int
    finished: bool = False


ProgressCallback = Callable[[ProgressUpdate], None]


def new_run_id(now: datetime) -> str:
    return f"{now.strftime('%Y%m%dT%H%M%SZ')}-{secrets.token_hex(3)}"


def describe_read_error(exc: BaseException) -> str:
    """A one-line reason for a file that could not be read to its end."""
    if isinstance(exc, FileNotFoundError):
        return "file disappeared before it could be read"
    if isinstance(exc, EOFError):
        return "compressed stream ends early (truncated file); records before the cut were kept"
    if isinstance(exc, zlib.error):
        return f"corrupt compressed data ({exc}); records before it were kept"
    if isinstance(exc, zstandard.ZstdError):
        return f"corrupt zstd data ({exc}); records before it were kept"
    if isinstance(exc, OSError) and "gzip" in str(exc).lower():
        return f"not a valid gzip stream ({exc})"
    if isinstance(exc, OSError):
        return f"cannot read file: {exc.strerror or exc}"
    return f"unreadable {type(exc).__name__}: {exc}"


# Stored event keys read per step by existing_hashes.
_KEY_BATCH_ROWS = 1_000_000


def existing_hashes(layout: StoreLayout, day: date, con: duckdb.DuckDBPyConnection) -> np.ndarray:
    """Hashes of the event keys already stored for ``day`` (reads only that column)."""
    files = sorted(str(p) for p in layout.day_dir(day).glob("*.parquet"))
    if not files:
        return np.zeros(0, np.uint64)
    # The keys' hashes by the kernel the batches' keys are hashed with (dedupe.hash_keys),
    # streamed a million keys at a time: only the 8-byte hashes are held, not a day's key
    # strings (~200 MB for 5M keys).
    reader = con.sql(
        "SELECT event_key FROM read_parquet($files)", params={"files": files}
    ).to_arrow_reader(_KEY_BATCH_ROWS)
    parts = [hash_keys(batch.column(0)) for batch in reader]
    return np.concatenate(parts) if parts else np.zeros(0, np.uint64)


def batch_days(ts: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """The UTC day (``datetime64[D]``) of each timestamp (no nulls): the microseconds
    floor-divided by a day's, the same days as a cast to ``date32`` for a tenth of its CPU."""
    chunks = [ts] if isinstance(ts, pa.Array) else ts.chunks
    parts = [c.to_numpy() for c in chunks]
    us = parts[0] if len(parts) == 1 else np.concatenate(parts)
    return (us.view(np.int64) // 86_400_000_000).view("datetime64[D]")


class _WorkerError(Exception):
    """A failure in the worker thread that is not about the current file: aborts the run."""

    def __init__(self, exc: BaseException) -> None:
        super().__init__(str(exc))
        self.exc = exc


@dataclass
class _Counts:
    read: int = 0
    stored: int = 0
    quarantined: int = 0
    duplicates: int = 0
    skipped: int = 0


@dataclass(frozen=True)
class _Batch:
    """Valid, new rows of one batch on their way to the worker thread."""

    source: str
    kind: str
    positions: np.ndarray
    table: pa.Table
    keys: pa.Array
    days: np.ndarray
    counts: _Counts
    # The enrichment columns (the ingest process enriches when step workers run the rest).
    enriched: dict[str, pa.ChunkedArray | pa.Array] | None = None


@dataclass
class _Run:
    layout: StoreLayout
    config: IngestConfig
    strict: bool
    now: datetime
    con: duckdb.DuckDBPyConnection
    # The steps in this process: None when step workers run them (each worker loads its own).
    stages: Stages | None
    quarantine: QuarantineWriter
    writer: PartitionWriter
    days: DayKeys
    progress: ProgressCallback | None
    # Worker processes for sketch/signals (None: the steps run in the worker thread).
    steps: StepPool | None = None
    # With step workers: the enricher the ingest process runs on each batch before sending it.
    enricher: Enricher | None = None
    days_touched: set[date] = field(default_factory=set)
    times: StepTimes = field(default_factory=StepTimes)
    # Enrich, sketch, signals and the write of batch k run in one worker thread while the
    # main thread normalises, validates and deduplicates batch k+1 (their native parts
    # release the GIL, so two cores both work). At most MAX_IN_FLIGHT batches wait. With
    # worker processes, the thread only waits for their columns (in submission order, so
    # the output order is the input order) and writes; each worker gets a batch in flight.
    _pool: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="dw-enrich")
    )
    _pending: deque[Future[None]] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def clock(self, step: str, since: Stamp) -> Stamp:
        """Add the time since ``since`` to ``step``; returns now."""
        return self.times.clock(step, since)

    def submit(self, batch: _Batch) -> None:
        limit = MAX_IN_FLIGHT + (self.config.workers if self.steps is not None else 0)
        while len(self._pending) >= limit:
            self._result(self._pending.popleft())
        steps = self.steps.submit(batch.table) if self.steps is not None else None
        self._pending.append(self._pool.submit(self.write, batch, steps))

    def wait(self) -> None:
        """Wait for the submitted batches (their counts are final afterwards)."""
        while self._pending:
            self._result(self._pending.popleft())

    @staticmethod
    def _result(fut: Future[None]) -> None:
        try:
            fut.result()
        except IngestError:
            raise  # --strict met a row a step failed on
        except BrokenProcessPool as exc:
            raise _WorkerError(
                IngestError(
                    f"a step worker process died ({exc}). A script that calls ingest() must "
                    "do so under `if __name__ == '__main__':` (worker processes import the "
                    "main module), or set the ingest config's workers = 0"
                )
            ) from exc
        except BaseException as exc:  # not the current file's fault: abort the run
            raise _WorkerError(exc) from exc

    def drain(self) -> None:
        """Wait for every submitted batch; re-raise the first failure."""
        try:
            self.wait()
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)
            if self.steps is not None:
                self.steps.close(cancel=True)

    def reject(self, r: Reject, counts: _Counts | None) -> None:
        if self.strict:
            raise IngestError(
                r.reason, path=r.source, line=r.line if r.line is not None else r.row, field=r.field
            )
        with self._lock:
            self.quarantine.write(r)
            if counts is not None:
                counts.quarantined += 1

    def file(self, sf: SourceFile, index: int, total: int) -> FileReport:
        counts = _Counts()
        source = str(sf.path)
        try:
            size = sf.path.stat().st_size
        except OSError:
            size = 0

        def tick(done: int) -> None:
            if self.progress is not None:
                self.progress(ProgressUpdate(source, index, total, done, size, counts.read))

        error: str | None = None
        try:
            reader = READERS[sf.format](sf.path, config=self.config, progress=tick)
            with Prefetch(reader) as batches:
                t = stamp()
                for raw in batches:
                    self.clock("read (waiting for the parser)", t)
                    self.batch(source, raw, counts)
                    t = stamp()
        except IngestError as exc:
            if self.strict:
                raise
            error = str(exc)
            self.quarantine.write(Reject(source, exc.args[0], field=exc.field, line=exc.line))
        except READ_ERRORS as exc:
            reason = describe_read_error(exc)
            if self.strict:
                raise IngestError(reason, path=source) from exc
            error = f"{reason} (after {counts.read} records)"
            self.quarantine.write(Reject(source, error))
        self.wait()  # this file's batches still in the worker may move rows to quarantine
        if self.progress is not None:
            self.progress(ProgressUpdate(source, index, total, size, size, counts.read, True))
        return FileReport(
            path=source,
            format=sf.format,
            read=counts.read,
            stored=counts.stored,
            quarantined=counts.quarantined,
            duplicates=counts.duplicates,
            skipped=counts.skipped,
            error=error,
        )

    def batch(self, source: str, raw: RawBatch, counts: _Counts) -> None:
        counts.read += raw.read
        counts.skipped += raw.skipped
        for r in raw.rejects:
            self.reject(r, counts)
        if raw.table.num_rows == 0:
            return
        t = stamp()
        norm = normalise(raw, con=self.con)
        t = self.clock("normalise", t)
        table, found = validate(
            norm.table, min_ts=self.config.min_ts, max_future=self.config.max_future, now=self.now
        )
        t = self.clock("validate", t)
        problems = [*norm.problems, *found]
        positions = raw.positions
        if problems:
            bad = np.zeros(table.num_rows, bool)
            for p in problems:
                bad |= p.mask
            for i in np.flatnonzero(bad):
                self.reject(self._row_reject(source, raw, int(i), problems), counts)
            table = table.filter(pa.array(~bad))
            positions = positions[~bad]
            t = self.clock("quarantine", t)
        if table.num_rows == 0:
            return
        keys, hashes = event_keys(table, con=self.con)
        days = batch_days(table.column("ts"))
        if days[0] == days[-1] and (days == days[0]).all():  # most batches hold one day
            keep = self.days.first_new(days[0].astype(object), hashes)
        else:
            keep = np.zeros(table.num_rows, bool)
            for d in np.unique(days):
                idx = np.flatnonzero(days == d)
                keep[idx] = self.days.first_new(d.astype(object), hashes[idx])
        counts.duplicates += int((~keep).sum())
        if not keep.any():
            self.clock("dedupe", t)
            return
        if not keep.all():  # a filter copies every column, text included
            mask = pa.array(keep)
            table, keys, days = table.filter(mask), keys.filter(mask), days[keep]
        self.clock("dedupe", t)
        positions = positions[keep]
        enriched = None
        if self.steps is not None:
            assert self.enricher is not None
            enriched, table, keys, days, positions = self._enrich(
                source, raw.kind, table, keys, days, positions, counts
            )
            if table.num_rows == 0:
                return
        with self._lock:
            counts.stored += table.num_rows
        self.submit(_Batch(source, raw.kind, positions, table, keys, days, counts, enriched))

    def _enrich(
        self,
        source: str,
        kind: str,
        table: pa.Table,
        keys: pa.Array,
        days: np.ndarray,
        positions: np.ndarray,
        counts: _Counts,
    ) -> tuple[dict[str, pa.ChunkedArray | pa.Array], pa.Table, pa.Array, np.ndarray, np.ndarray]:
        """Enrichment in this process (step workers run sketch and signals): one address
        cache for the run, not one per worker. Rows it fails on are quarantined here, before
        the batch is sent, so the workers see the rows they would have seen in process."""
        assert self.enricher is not None
        t = stamp()
        cols, keep, failed = enrich_columns(self.enricher, table)
        for i, reason in failed:
            pos = int(positions[i])
            line, row = (pos, None) if kind == "line" else (None, pos)
            self.reject(Reject(source, reason, line=line, row=row), counts)
        if failed:
            mask = pa.array(keep)
            table, keys, days, positions = (
                table.filter(mask),
                keys.filter(mask),
                days[keep],
                positions[keep],
            )
        self.clock("enrich", t)
        return cols, table, keys, days, positions

    def _row_reject(self, source: str, raw: RawBatch, i: int, problems: list[Problem]) -> Reject:
        p = next(p for p in problems if p.mask[i])
        pos = int(raw.positions[i])
        row = {
            k: (json.loads(v) if k in raw.json_columns and isinstance(v, str) else v)
            for k, v in raw.table.slice(i, 1).to_pylist()[0].items()
            if v is not None
        }
        text = json.dumps(row, default=str, ensure_ascii=False)
        line, rown = (pos, None) if raw.kind == "line" else (None, pos)
        return Reject(source, p.reason(i), field=p.field, line=line, row=rown, raw=text)

    def write(self, b: _Batch, steps: Future[StepResult] | None = None) -> None:
        """Enrich, sketch, score (or take ``steps``' columns) and write one batch (runs in
        the worker thread)."""
        table, keys, days = b.table, b.keys, b.days
        if steps is None:
            assert self.stages is not None  # no step workers: the steps run here
            extra_cols, keep, failed = self.stages.columns(table, clock=self.clock)
        else:
            t = stamp()
            got = steps.result()
            extra_cols, keep, failed = got.columns, got.keep, got.failed
            self.clock("waiting for step workers", t)
            self.times.merge(got.times)  # summed over workers (they overlap)
            if b.enriched is not None:  # for every row sent: keep those the workers kept
                mask = pa.array(keep) if failed else None
                for k, v in b.enriched.items():
                    extra_cols[k] = v if mask is None else v.filter(mask)
        for i, reason in failed:
            pos = int(b.positions[i])
            line, row = (pos, None) if b.kind == "line" else (None, pos)
            self.reject(Reject(b.source, reason, line=line, row=row), b.counts)
            with self._lock:
                b.counts.stored -= 1
        if failed:
            mask = pa.array(keep)
            table, keys, days = table.filter(mask), keys.filter(mask), days[keep]
        t = stamp()
        n = table.num_rows
        arrays: list[pa.Array | pa.ChunkedArray] = []
        for f in STORE_EVENT_SCHEMA:
            if f.name == "event_key":
                arrays.append(keys)
            elif f.name == EXTRA:
                arrays.append(table.column(EXTRA))
            elif f.name in TEXT_COLUMNS and self.config.drop_text:
                arrays.append(pa.nulls(n, f.type))
            elif f.name in extra_cols:
                arrays.append(extra_cols[f.name])
            else:
                arrays.append(table.column(f.name))
        out = pa.Table.from_arrays(arrays, schema=STORE_EVENT_SCHEMA)
        batch_days = np.unique(days)
        for d in batch_days:
            day = d.astype(object)
            # Most batches hold one day: no filter (it would copy every column).
            part = out if len(batch_days) == 1 else out.filter(pa.array(days == d))
            self.writer.write(day, part)
            self.days_touched.add(day)
        self.clock("write", t)


def ingest(
    sources: Sequence[StrPath],
    *,
    store: StrPath,
    accounts: StrPath | None = None,
    config: IngestConfig | None = None,
    format: str | None = None,
    strict: bool = False,
    progress: ProgressCallback | None = None,
    now: datetime | None = None,
    stages: StagesFactory = Stages.load,
) -> IngestReport:
    """Read ``sources`` (files or directories) into the store at ``store``.

    Returns the run's report (also written to ``STORE/runs/<run_id>.json``). Bad rows go to
    ``STORE/quarantine/<run_id>.jsonl``; with ``strict`` the first one raises
    :class:`~distillwatch.exceptions.IngestError` instead and nothing is stored.
    ``stages`` builds the per-batch steps from the config (in each worker process too, so
    it must be a module-level function).
    """
    config = config or IngestConfig()
    started = datetime.now(UTC)
    now = now or started
    files, warnings = resolve(sources, format=format)
    layout = StoreLayout.at(store)
    if layout.root.exists() and not layout.root.is_dir():
        raise InputError("store path exists and is not a directory", path=str(layout.root))
    # Appending to a store written before the integer keys would leave it mixed (detect then
    # refuses it): ask for the migration first, before anything is written.
    require_key_ints(layout.root, layout.part_files())
    layout.root.mkdir(parents=True, exist_ok=True)
    run_id = new_run_id(started)
    quarantine = QuarantineWriter(
        layout.quarantine_dir / f"{run_id}.jsonl",
        run_id=run_id,
        raw_bytes=config.quarantine_raw_bytes,
        keep_text=not config.drop_text,
    )
    con = duckdb.connect()
    size = 0
    for sf in files:
        with contextlib.suppress(OSError):  # reported when the file is read
            size += sf.path.stat().st_size
    use_pool = config.workers > 0 and size >= config.workers_min_bytes
    steps: Stages | None = None
    enricher: Enricher | None = None
    pool: StepPool | None = None

    def release() -> None:
        """What this run holds besides the pool (closed on every way out)."""
        quarantine.close()
        if steps is not None:
            steps.close()
        elif enricher is not None:
            enricher.close()
        con.close()

    try:
        if use_pool:
            # The pool first: its fork server imports and warms sketch and signals (seconds
            # of one core) while this process loads the enricher and reads, checks and sends
            # the first batches (the pool waits for the server in a thread of its own).
            pool = StepPool(config, workers=config.workers, factory=worker_factory(stages))
            # Sketch and signals (intent model, kernels) are loaded in the workers only
            # (loading them here too cost ~0.8 CPU-s per run for nothing); this process
            # loads the enricher and enriches (stages.py: who enriches).
            enricher, steps = run_enricher(stages, config)
        else:
            steps = stages(config)
        writer = PartitionWriter(
            layout,
            run_id=run_id,
            schema=STORE_EVENT_SCHEMA,
            compression=config.compression if config.compression != "none" else "none",
            rows_per_file=config.rows_per_file,
        )
    except BaseException:
        # The run never started, so its finally below never runs: without this the workers
        # (and the fork server) and the enricher would outlive the failed call (a step
        # factory that fails, a store that cannot be written).
        if pool is not None:
            pool.close(cancel=True)
        release()
        raise
    run = _Run(
        layout=layout,
        config=config,
        strict=strict,
        now=now,
        con=con,
        stages=steps,
        quarantine=quarantine,
        writer=writer,
        days=DayKeys(lambda d: existing_hashes(layout, d, con)),
        progress=progress,
        steps=pool,
        enricher=enricher,
    )
    acc = AccountsResult()
    try:
        try:
            reports = [run.file(sf, i, len(files)) for i, sf in enumerate(files)]
        finally:
            run.drain()
        if accounts is not None:
            if enricher is None:
                assert steps is not None
                enricher = steps.enricher
            if enricher is None:
                raise IngestError("the step factory built no enricher (needed for accounts)")
            acc = read_accounts(
                Path(accounts),
                config=config,
                con=con,
                now=now,
                reject=lambda r: run.reject(r, None),
                enricher=enricher,
                existing=layout.accounts_path,
            )
        writer.commit()
        if acc.table is not None:
            write_accounts(acc.table, layout.accounts_path)
    except BaseException as exc:
        writer.abort()
        quarantine.close()
        if strict:
            quarantine.path.unlink(missing_ok=True)
        if isinstance(exc, _WorkerError):
            raise exc.exc from None
        raise
    finally:
        release()
    write_catalog(layout)
    report = IngestReport(
        run_id=run_id,
        store=str(layout.root),
        started_at=started.isoformat(),
        finished_at=datetime.now(UTC).isoformat(),
        files=tuple(reports),
        drop_text=config.drop_text,
        days=tuple(sorted(d.isoformat() for d in run.days_touched)),
        accounts_read=acc.read,
        accounts_stored=acc.stored,
        accounts_quarantined=acc.quarantined,
        quarantine_path=str(quarantine.path) if quarantine.count else None,
        report_path=str(layout.runs_dir / f"{run_id}.json"),
        warnings=(
            *warnings,
            *(pool.warnings if pool is not None else steps.warnings if steps is not None else ()),
            *acc.warnings,
        ),
        seconds={k: round(v, 3) for k, v in run.times.wall.items()},
        cpu_seconds={k: round(v, 3) for k, v in run.times.cpu.items()},
    )
    report.write(layout.runs_dir / f"{run_id}.json")
    return report

"""A small process pool for the CPU-heavy per-batch steps (enrich, sketch, signals).

Those steps are mostly Python driving NumPy/Arrow kernels, so in threads they share one GIL
with the main thread's normalise/validate/dedupe. In worker processes they use every core.

Each worker loads the steps once (``factory(config)``: databases, intent model) when it
starts. A batch goes to a worker as an Arrow IPC stream and its step columns come back the
same way, with the kept-row mask, the rows a step failed on (found by bisection in the worker,
exactly as in process) and the seconds each step took. Futures resolve in any order; the
caller keeps its own order.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from distillwatch.ingest.config import IngestConfig
from distillwatch.ingest.stages import Stages
from distillwatch.ingest.timing import StepTimes, stamp

StagesFactory = Callable[[IngestConfig], Stages]

# The steps a worker process loaded at start-up. Module state is the only way an executor's
# initializer can hand objects to later tasks; it lives in the worker processes only.
_WORKER_STAGES: list[Stages] = []


def to_ipc(table: pa.Table) -> pa.Buffer:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def from_ipc(buf: pa.Buffer) -> pa.Table:
    return pa.ipc.open_stream(buf).read_all()


@dataclass(frozen=True)
class StepResult:
    """What :meth:`Stages.columns` returns, plus the seconds per step in the worker."""

    columns: dict[str, pa.Array | pa.ChunkedArray]
    keep: np.ndarray
    failed: list[tuple[int, str]]
    times: StepTimes


def _init(factory: StagesFactory, config: IngestConfig) -> None:
    _WORKER_STAGES.append(factory(config))


Seconds = dict[str, float]


def _run(buf: pa.Buffer) -> tuple[pa.Buffer, np.ndarray, list[tuple[int, str]], Seconds, Seconds]:
    times = StepTimes()
    t = stamp()
    table = from_ipc(buf)
    t = times.clock("step workers: receive batch", t)
    columns, keep, failed = _WORKER_STAGES[0].columns(table, clock=times.clock)
    t = stamp()
    out = to_ipc(pa.Table.from_pydict(columns) if columns else pa.table({}))
    times.clock("step workers: send columns", t)
    return out, keep, failed, times.wall, times.cpu  # plain dicts: a lock does not pickle


class StepPool:
    """``workers`` processes running ``Stages.columns`` on batches sent with :meth:`submit`."""

    def __init__(
        self, config: IngestConfig, *, workers: int, factory: StagesFactory = Stages.load
    ) -> None:
        if workers < 1:
            raise ValueError("a StepPool needs at least one worker")
        # spawn: a fresh interpreter, never a fork of a process with running threads.
        self._pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init,
            initargs=(factory, config),
        )

    def submit(self, table: pa.Table) -> Future[StepResult]:
        inner = self._pool.submit(_run, to_ipc(table))
        outer: Future[StepResult] = Future()

        def done(
            f: Future[tuple[pa.Buffer, np.ndarray, list[tuple[int, str]], Seconds, Seconds]],
        ) -> None:
            try:
                buf, keep, failed, wall, cpu = f.result()
                times = StepTimes(wall=wall, cpu=cpu)
                cols = from_ipc(buf)
                columns = {name: cols.column(name) for name in cols.column_names}
                outer.set_result(StepResult(columns, keep, failed, times))
            except BaseException as exc:
                outer.set_exception(exc)

        inner.add_done_callback(done)
        return outer

    def close(self, *, cancel: bool = False) -> None:
        self._pool.shutdown(wait=True, cancel_futures=cancel)

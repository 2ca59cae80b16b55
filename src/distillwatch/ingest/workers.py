"""A small process pool for the CPU-heavy per-batch steps (sketch, signals).

Those steps are mostly Python driving NumPy/Arrow kernels, so in threads they share one GIL
with the main thread's normalise/validate/dedupe. In worker processes they use every core.

Each worker loads the steps once (``factory(config)``: intent model, kernels) when it
starts; the ingest process enriches the batches itself (stages.py: who enriches).
A batch goes to a worker as an Arrow IPC stream and its step columns come back the
same way, with the kept-row mask, the rows a step failed on (found by bisection in the worker,
exactly as in process) and the seconds each step took. Futures resolve in any order; the
caller keeps its own order.

The IPC streams travel as files in a folder of the pool in shared memory (``/dev/shm``): the
sender writes the stream once into the file, the receiver memory-maps it (its columns are
views of the mapping, not copies) and unlinks it at once. Sending the stream's bytes through
the executor's pipe instead costs a pickle, two pipe copies and an unpickle per batch (a
20k-row batch of the bench: 15 ms of CPU that way, 5.5 ms as a file, pipe copies not counted).
A batch that does not fit in the folder goes through the pipe as before.

Workers are forked by a fork server (``multiprocessing``'s ``forkserver``) that has imported
the default steps' modules (``PRELOAD``: NumPy, Arrow, numba, the sketch and intent code)
once: each worker starts from that image instead of importing them again (~1.3 CPU-s per
worker with ``spawn``). The server is a fresh interpreter, not a fork of the ingest process
(which runs threads), and the last open pool stops it when it closes (:class:`_ForkServerUsers`),
so that it and the workers it forked are reaped by the ingest process (their CPU counts in
its children's, as before).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

import numpy as np
import pyarrow as pa

from distillwatch.ingest.config import IngestConfig
from distillwatch.ingest.stages import Stages
from distillwatch.ingest.timing import StepTimes, stamp

StagesFactory = Callable[[IngestConfig], Stages]

# Modules the default steps import, loaded once in the fork server: a worker forked from it
# has them (a custom step factory's own modules are imported by each worker, as with spawn).
# The main module is not preloaded: a script that calls ingest() without a __main__ guard
# must break its workers (BrokenProcessPool, reported), not the server.
PRELOAD = ("distillwatch.ingest.stages", "distillwatch.ingest.sketch", "distillwatch.signals")
# With the default steps the server also runs them once on a made-up batch (ingest/warm.py):
# their compiled kernels and the intent model are then loaded once per run, in the server,
# instead of once in every worker (~0.6-0.8 CPU-s each).
WARM = "distillwatch.ingest.warm"
# The server's last preload: it then exits without tearing its interpreter down.
SERVER_EXIT = "distillwatch.ingest.server_exit"

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


# Below this much free space /dev/shm is not used (a container's default is 64 MiB).
SHM_MIN_FREE = 1 << 30
# A table on its way between processes: the path of its IPC stream file, or the stream itself.
Message: TypeAlias = str | pa.Buffer


def shared_root() -> str | None:
    """``/dev/shm`` when it exists with room to spare, else None (the system temp folder)."""
    shm = "/dev/shm"
    try:
        st = os.statvfs(shm)
    except OSError:
        return None
    if not os.access(shm, os.W_OK) or st.f_bavail * st.f_frsize < SHM_MIN_FREE:
        return None
    return shm


def send_table(table: pa.Table, folder: str) -> Message:
    """``table`` as an IPC stream file in ``folder``; its bytes instead when the folder has
    no room for it."""
    try:
        fd, path = tempfile.mkstemp(dir=folder, suffix=".arrow")
    except OSError:
        return to_ipc(table)
    os.close(fd)
    try:
        # Plain writes, not a mapping: the kernel copies each buffer into the file's pages
        # (no page fault per 4 KiB), and a full folder is an error, not a SIGBUS.
        with pa.OSFile(path, "wb") as sink, pa.ipc.new_stream(sink, table.schema) as w:
            w.write_table(table)
    except OSError:
        os.unlink(path)
        return to_ipc(table)
    except BaseException:
        os.unlink(path)
        raise
    return path


def receive_table(msg: Message) -> pa.Table:
    """The table of a :func:`send_table` message; a file is mapped (no copy) and unlinked.

    The columns keep the mapping alive after the file is gone; they are read-only.
    """
    if not isinstance(msg, str):
        return from_ipc(msg)
    try:
        return pa.ipc.open_stream(pa.memory_map(msg, "r")).read_all()
    finally:
        os.unlink(msg)


@dataclass(frozen=True)
class StepResult:
    """What :meth:`Stages.columns` returns, plus the seconds per step in the worker."""

    columns: dict[str, pa.Array | pa.ChunkedArray]
    keep: np.ndarray
    failed: list[tuple[int, str]]
    times: StepTimes


def _init(factory: StagesFactory, config: IngestConfig) -> None:
    _WORKER_STAGES.append(factory(config))


def _warnings() -> tuple[str, ...]:
    return _WORKER_STAGES[0].warnings


Seconds = dict[str, float]


def _run(
    msg: Message, folder: str
) -> tuple[Message, np.ndarray, list[tuple[int, str]], Seconds, Seconds]:
    times = StepTimes()
    t = stamp()
    table = receive_table(msg)
    t = times.clock("step workers: receive batch", t)
    # Sketch and signals: the ingest process has enriched the batch (stages.py).
    columns, keep, failed = _WORKER_STAGES[0].columns(table, clock=times.clock, enrich=False)
    del table  # unmaps the batch once the steps are done with it
    t = stamp()
    out = send_table(pa.Table.from_pydict(columns) if columns else pa.table({}), folder)
    times.clock("step workers: send columns", t)
    return out, keep, failed, times.wall, times.cpu  # plain dicts: a lock does not pickle


class StepPool:
    """``workers`` processes running ``Stages.columns`` on batches sent with :meth:`submit`."""

    def __init__(
        self, config: IngestConfig, *, workers: int, factory: StagesFactory = Stages.load
    ) -> None:
        if workers < 1:
            raise ValueError("a StepPool needs at least one worker")
        # forkserver: a fresh interpreter forks the workers, never this process (threads);
        # spawn where there is none (Windows).
        self._forkserver = "forkserver" in multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("forkserver" if self._forkserver else "spawn")
        if self._forkserver:
            # Only the default steps are warmed: a custom factory's workers would not use them.
            default = factory == Stages.load_without_enricher or factory == Stages.load
            ctx.set_forkserver_preload(
                [*PRELOAD, WARM, SERVER_EXIT] if default else [*PRELOAD, SERVER_EXIT]
            )
            _FORK_SERVER.acquire()
        self._closed = False
        try:
            self._pool = ProcessPoolExecutor(
                workers,
                mp_context=ctx,
                initializer=_init,
                initargs=(factory, config),
            )
            # Hands batches to the executor in submission order. A submission that needs a
            # new worker waits for the fork server to fork it, and the first waits for the
            # server to start: its imports and warm-up (~2 CPU-s, one core; tens of seconds
            # when the kernels must be compiled). Made here, the caller would wait all that
            # time with the other core idle; made in this thread, the caller reads, checks
            # and sends its first batches meanwhile.
            self._submitter = ThreadPoolExecutor(1, thread_name_prefix="dw-steps-submit")
            try:
                # This pool's own folder: whatever a failed batch leaves there goes with close().
                self._folder = tempfile.mkdtemp(prefix="distillwatch-ipc-", dir=shared_root())
                # ... and at exit when no close() came (a caller that failed with the pool
                # open): the folder is in /dev/shm, memory, and nothing else removes it.
                self._drop_folder = weakref.finalize(
                    self, _remove_folder, self._folder, os.getpid()
                )
                # The steps' warnings (a step module missing), asked of the first worker at
                # once: this starts the fork server and the first worker.
                self._warnings = self._submitter.submit(self._pool.submit, _warnings)
            except BaseException:
                self._submitter.shutdown(wait=True, cancel_futures=True)
                self._pool.shutdown(wait=True, cancel_futures=True)
                raise
        except BaseException:
            if self._forkserver:
                _FORK_SERVER.release()
            raise

    @property
    def warnings(self) -> tuple[str, ...]:
        """What :attr:`Stages.warnings` says in the workers (empty if none answered)."""
        try:
            return self._warnings.result().result()
        except Exception:  # a broken or cancelled pool: its error is reported elsewhere
            return ()

    def submit(self, table: pa.Table) -> Future[StepResult]:
        """Send ``table`` to a worker; returns at once (see ``_submitter``), and the future
        fails as a submission to the executor would have (a broken or shut-down pool)."""
        msg = send_table(table, self._folder)
        outer: Future[StepResult] = Future()

        def drop() -> None:
            if isinstance(msg, str):
                Path(msg).unlink(missing_ok=True)

        def done(
            f: Future[tuple[Message, np.ndarray, list[tuple[int, str]], Seconds, Seconds]],
        ) -> None:
            try:
                out, keep, failed, wall, cpu = f.result()
                times = StepTimes(wall=wall, cpu=cpu)
                cols = receive_table(out)
                columns = {name: cols.column(name) for name in cols.column_names}
                outer.set_result(StepResult(columns, keep, failed, times))
            except BaseException as exc:
                outer.set_exception(exc)

        def start() -> None:
            try:
                inner = self._pool.submit(_run, msg, self._folder)
            except BaseException as exc:
                drop()
                outer.set_exception(exc)
                return
            inner.add_done_callback(done)

        def not_started(f: Future[None]) -> None:
            if f.cancelled():  # close(cancel=True) before it was handed over
                drop()
                if outer.cancel():  # and tell concurrent.futures.wait() callers
                    outer.set_running_or_notify_cancel()

        try:
            self._submitter.submit(start).add_done_callback(not_started)
        except BaseException:
            drop()
            raise
        return outer

    def close(self, *, cancel: bool = False) -> None:
        """Shut the workers down (``cancel``: drop batches not started); a second call does
        nothing (the fork server's count of open pools must drop once per pool)."""
        if self._closed:
            return
        self._closed = True
        try:
            try:  # the batches handed over first (or dropped, with cancel)
                self._submitter.shutdown(wait=True, cancel_futures=cancel)
            finally:
                self._pool.shutdown(wait=True, cancel_futures=cancel)
        finally:
            self._drop_folder()  # removes the folder (once: a finalizer runs at most once)
            if self._forkserver:
                _FORK_SERVER.release()


def _remove_folder(folder: str, owner: int) -> None:
    """Remove a pool's folder, in the process that made it only (a forked copy of that
    process exiting must not take the folder from under the pool)."""
    if os.getpid() == owner:
        shutil.rmtree(folder, ignore_errors=True)


class _ForkServerUsers:
    """The open step pools of this process that fork their workers through its one fork
    server (``multiprocessing``'s, shared by every forkserver pool of the process).

    The last of them to close stops the server, if a pool of ours started it: left running,
    it would outlive the run, idle, holding the preloaded modules, and since the workers are
    its children, not ours, their CPU would count nowhere in ours. It is never stopped under
    another open pool (two ingest runs in threads of one process): the server reports its
    workers' exits, so stopping it would break that pool (BrokenProcessPool). A server that
    ran before our first pool (the caller's own) is not ours to stop. Python has no public
    call for any of this: ``_stop`` (what its own tests use, 3.8-3.14) and
    ``_forkserver_pid`` are read with ``getattr``, so a Python without them leaves the
    server running rather than failing the run.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = 0
        self._ours = False

    def acquire(self) -> None:
        with self._lock:
            if self._open == 0:
                self._ours = _fork_server_pid() is None
            self._open += 1

    def release(self) -> None:
        with self._lock:
            self._open -= 1
            if self._open == 0 and self._ours:
                _stop_fork_server()


def _fork_server_pid() -> int | None:
    from multiprocessing import forkserver

    pid: int | None = getattr(forkserver._forkserver, "_forkserver_pid", None)
    return pid


def _stop_fork_server() -> None:
    """Stop this process's fork server and reap it (a later pool starts a new one)."""
    from multiprocessing import forkserver

    stop = getattr(forkserver._forkserver, "_stop", None)
    if stop is not None:
        stop()


# Process-wide because the fork server it counts the users of is.
_FORK_SERVER = _ForkServerUsers()

"""Append-only line files written by a background thread: the gateway's decision log and
canary ledger.

Why a thread: a ``write()`` from the event loop can wait on the filesystem (an ext4 journal
commit, a slow or full disk), and every request in flight waits with it. The request path only
hands a finished line to a queue; the thread writes whatever has queued up in one call and
flushes, so ``tail -f`` sees a line within about a millisecond and lines never interleave.

Nothing is dropped silently: a failed write is logged with the number of lines it lost and
counted in :attr:`LineAppender.lost`.
"""

from __future__ import annotations

import atexit
import logging
import queue
import sys
import threading
import weakref
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger(__name__)


class LineAppender:
    """Append whole lines to ``path`` (``"-"``: standard output) from one writer thread.

    :meth:`append` never touches the file; :meth:`flush` waits until everything appended so
    far is written; :meth:`close` flushes, stops the thread and closes the file.
    """

    def __init__(self, path: Path | str, *, name: str = "lines") -> None:
        self.path = str(path)
        self.name = name
        if self.path != "-":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            # Opened here, so a bad path is an error at start-up, not a lost line later.
            # Unbuffered: each batch is one write() of its own, so a failed one holds nothing
            # back to fail again (or be written twice) later.
            self._raw: BinaryIO | None = Path(self.path).open("ab", buffering=0)  # noqa: SIM115
        else:
            self._raw = None
        self.written = 0
        self.lost = 0
        self._queue: queue.SimpleQueue[str | threading.Event | None] = queue.SimpleQueue()
        self._closed = False
        self._thread = threading.Thread(
            target=self._run, name=f"distillwatch-{name}-writer", daemon=True
        )
        self._thread.start()
        # The writer is a daemon thread (it must never keep a process alive), so lines still
        # queued at interpreter exit are written by this hook; a weak reference, so the hook
        # does not keep a dropped appender alive.
        ref = weakref.ref(self)

        def close_at_exit() -> None:
            obj = ref()
            if obj is not None:
                obj.close()

        self._at_exit = close_at_exit
        atexit.register(close_at_exit)

    def append(self, line: str) -> None:
        """Queue one line (it must end with a newline)."""
        if self._closed:
            raise ValueError(f"{self.name} log {self.path} is closed")
        self._queue.put(line)

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until every line appended before this call is written; False on timeout."""
        if self._closed:
            return True
        done = threading.Event()
        self._queue.put(done)
        return done.wait(timeout)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        atexit.unregister(self._at_exit)
        self._queue.put(None)
        self._thread.join()
        if self._raw is not None:
            self._raw.close()

    def _run(self) -> None:
        while True:
            batch: list[str] = []
            waiters: list[threading.Event] = []
            stop = False
            item = self._queue.get()
            while True:  # take everything queued so far: one write call for the lot
                if item is None:
                    stop = True
                elif isinstance(item, threading.Event):
                    waiters.append(item)
                else:
                    batch.append(item)
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
            if batch:
                self._write(batch)
            for w in waiters:
                w.set()
            if stop:
                return

    def _write(self, batch: list[str]) -> None:
        try:
            if self._raw is None:
                sys.stdout.write("".join(batch))
                sys.stdout.flush()
            else:
                data = memoryview("".join(batch).encode("utf-8"))
                while data:  # a raw write may take only part of it
                    n = self._raw.write(data)
                    data = data[n or 0 :]
            self.written += len(batch)
        except (OSError, ValueError) as exc:
            self.lost += len(batch)
            log.error(
                "%s log %s: could not write %d line(s) (%d lost so far): %s",
                self.name,
                self.path,
                len(batch),
                self.lost,
                exc,
            )

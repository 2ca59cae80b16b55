"""Run a batch iterator one step ahead in a thread, so reading overlaps processing.

Arrow's JSON/CSV parsers and the decompressors release the GIL, so on two cores the next
block is parsed while the current one is validated, sketched and written. At most ``depth``
batches wait in the queue (bounded memory). Errors are re-raised in the consumer, in order.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")
_DONE = object()


class _Failure:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


class Prefetch(Generic[T]):
    """Iterate ``source`` in a background thread; use as a context manager."""

    def __init__(self, source: Iterator[T], *, depth: int = 2) -> None:
        self._source = source
        self._q: queue.Queue[object] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="dw-prefetch", daemon=True)
        self._thread.start()

    def _put(self, item: object) -> bool:
        while not self._stop.is_set():
            try:
                self._q.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _run(self) -> None:
        try:
            for item in self._source:
                if not self._put(item):
                    break
        except BaseException as exc:  # handed to the consumer
            self._put(_Failure(exc))
            return
        finally:
            close = getattr(self._source, "close", None)
            if close is not None and self._stop.is_set():
                close()
        self._put(_DONE)

    def __iter__(self) -> Iterator[T]:
        while True:
            item = self._q.get()
            if item is _DONE:
                return
            if isinstance(item, _Failure):
                raise item.exc
            yield item  # type: ignore[misc]

    def __enter__(self) -> Prefetch[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

"""Wall and CPU seconds per ingest step, summed across the threads and processes that run it.

A step is timed from a :data:`Stamp` (``perf_counter``, ``thread_time``) taken before it: the
wall seconds say where a run waited, the CPU seconds what each step costs whatever else runs on
the machine. CPU is that of the thread running the step; work it hands to Arrow's or DuckDB's
own thread pools (parsing JSON, some scans) is counted in the process total only.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

Stamp = tuple[float, float]


def stamp() -> Stamp:
    """Now, as (wall clock, CPU time of the calling thread)."""
    return time.perf_counter(), time.thread_time()


@dataclass
class StepTimes:
    """Seconds per step; safe to use from several threads."""

    wall: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def clock(self, step: str, since: Stamp) -> Stamp:
        """Add the time since ``since`` to ``step``; returns now."""
        now = stamp()
        self.add(step, now[0] - since[0], now[1] - since[1])
        return now

    def add(self, step: str, wall: float, cpu: float | None) -> None:
        with self._lock:
            self.wall[step] = self.wall.get(step, 0.0) + wall
            if cpu is not None:
                self.cpu[step] = self.cpu.get(step, 0.0) + cpu

    def merge(self, other: StepTimes) -> None:
        """Add another process's times (a step worker's)."""
        for step, wall in other.wall.items():
            self.add(step, wall, other.cpu.get(step))

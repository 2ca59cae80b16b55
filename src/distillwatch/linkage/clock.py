"""CPU seconds per linkage step, for run.json (``CampaignResult.cpu_seconds``)."""

from __future__ import annotations

import time


class CpuClock:
    """CPU seconds (``time.process_time``: every thread, the engine's included) per step."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.process_time()

    def lap(self, step: str) -> None:
        """Record the CPU seconds since the last lap (or the clock's start) as ``step``."""
        now = time.process_time()
        self.seconds[step] = round(now - self._last, 3)
        self._last = now

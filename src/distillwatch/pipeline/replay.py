"""Time to detection: run detect on each day's prefix of a store and see when campaigns flag."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from distillwatch.evaluate import read_truth
from distillwatch.evaluate.replay import replay_daily
from distillwatch.pipeline.config import DetectConfig
from distillwatch.pipeline.detect import detect
from distillwatch.types import StrPath

ReplayProgress = Callable[[date, int, int], None]


def replay_detect(
    store: StrPath,
    truth: StrPath,
    *,
    config: DetectConfig | None = None,
    on_day: ReplayProgress | None = None,
) -> dict[str, Any]:
    """``replay_daily`` with the real detect on each prefix (findings go to a temp folder)."""
    cfg = config or DetectConfig()
    with tempfile.TemporaryDirectory(prefix="dw-replay-") as tmp:

        def detect_prefix(day: date) -> Any:
            until = datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)
            return detect(store, Path(tmp) / day.isoformat(), config=cfg, until=until).accounts

        return replay_daily(store, read_truth(truth), detect_prefix=detect_prefix, on_day=on_day)

"""features.cadence: gaps, hour-of-day counts and active days from clock keys, against Python."""

from __future__ import annotations

import itertools
import math
import random
import statistics
from collections import Counter

import numpy as np
import pytest

from distillwatch.features.cadence import SECOND_BITS, cadence

ORIGIN = 1_780_000_000 - 1_780_000_000 % 86400 + 3 * 3600  # 03:00 UTC: days split mid-key


def _keys(events: dict[int, list[int]]) -> np.ndarray:
    keys = [(acc << SECOND_BITS) + (s - ORIGIN) for acc, secs in events.items() for s in secs]
    random.Random(0).shuffle(keys)  # the engine returns them in any order
    return np.array(keys, dtype=np.int64)


def test_cadence_matches_python_with_ties_single_events_and_midnight() -> None:
    rng = random.Random(7)
    events: dict[int, list[int]] = {
        0: [ORIGIN + 500],  # one event: no gap
        1: [ORIGIN + 10, ORIGIN + 70],  # one gap: no standard deviation
        2: [ORIGIN + 20 * 3600 + 59 * 60 + 59, ORIGIN + 20 * 3600 + 59 * 60 + 59,
            ORIGIN + 21 * 3600],  # a tie at 23:59:59, then 00:00:00 of the next UTC day
        3: [ORIGIN + rng.randrange(10 * 86400) for _ in range(500)],
        5: [ORIGIN + 60 * i for i in range(100)],  # steady: std 0; account 4 has no events
    }
    got = cadence(_keys(events), accounts=6, origin=ORIGIN)
    for acc in range(6):
        secs = sorted(events.get(acc, []))
        gaps = [b - a for a, b in itertools.pairwise(secs)]
        assert got.gap_count[acc] == len(gaps)
        if gaps:
            assert got.gap_mean[acc] == pytest.approx(statistics.fmean(gaps), rel=1e-12)
        else:
            assert math.isnan(got.gap_mean[acc])
        if len(gaps) > 1:
            assert got.gap_std[acc] == pytest.approx(statistics.stdev(gaps), rel=1e-9, abs=1e-9)
        else:
            assert math.isnan(got.gap_std[acc])
        hours = Counter((s % 86400) // 3600 for s in secs)
        assert got.hours[acc].tolist() == [hours.get(h, 0) for h in range(24)]
        assert got.active_days[acc] == len({s // 86400 for s in secs})
    assert got.active_days[2] == 2 and got.gap_std[5] == 0.0


def test_cadence_of_no_events() -> None:
    got = cadence(np.array([], dtype=np.int64), accounts=2, origin=ORIGIN)
    assert got.gap_count.tolist() == [0, 0] and got.active_days.tolist() == [0, 0]
    assert got.hours.shape == (2, 24)

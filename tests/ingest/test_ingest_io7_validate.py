"""Round 7: validate's range rules as below | above | NaN (fewer Arrow calls), absent
optional fields skipped: the same rows flagged, with the same reasons, as before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from distillwatch.ingest.validate import RANGES, validate
from distillwatch.schema import EVENT_SCHEMA

NOW = datetime(2025, 6, 1, tzinfo=UTC)


def _reference(col: pa.Array, low: float | None, high: float | None) -> np.ndarray:
    """The rule as Round 6 computed it (valid and not within [low, high], NaN out of range)."""
    ok = pc.is_valid(col)
    if pa.types.is_floating(col.type):
        ok = pc.and_(ok, pc.invert(pc.is_nan(col)))
    if low is not None:
        ok = pc.and_kleene(ok, pc.greater_equal(col, low))
    if high is not None:
        ok = pc.and_kleene(ok, pc.less_equal(col, high))
    bad = pc.and_(pc.is_valid(col), pc.invert(pc.fill_null(ok, False)))
    return np.asarray(bad.to_numpy(zero_copy_only=False), bool)


def _table(n: int, seed: int, absent: set[str]) -> pa.Table:
    rng = np.random.default_rng(seed)
    cols = {}
    for f in EVENT_SCHEMA:
        if f.name == "ts":
            cols[f.name] = pa.array(
                np.full(n, int(NOW.timestamp() * 1e6) - 3_600_000_000), pa.int64()
            ).cast(f.type)
        elif f.name == "account_id":
            cols[f.name] = pa.array([f"a{i}" for i in range(n)], f.type)
        elif f.name in dict((r[0], r) for r in RANGES) and f.name not in absent:
            _, low, high = next(r for r in RANGES if r[0] == f.name)
            lo = -3 if low is None else low - 3
            hi = (low or 0) + 300 if high is None else high + 3
            if pa.types.is_floating(f.type):
                v = rng.uniform(lo, hi, n)
                v[rng.random(n) < 0.05] = np.nan
                for edge in (low, high):  # the bounds themselves are in range
                    if edge is not None:
                        v[rng.random(n) < 0.05] = edge
            else:
                v = rng.integers(int(lo), int(hi) + 1, n).astype(np.float64)
            mask = rng.random(n) < 0.2
            arr = pa.array(v, pa.float64(), mask=mask)
            cols[f.name] = arr.cast(f.type) if not pa.types.is_floating(f.type) else arr
        else:
            cols[f.name] = pa.nulls(n, f.type)
    return pa.table(cols, schema=EVENT_SCHEMA)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_range_problems_match_the_previous_rule(seed: int) -> None:
    absent = {"top_p", "tool_count"} if seed else set()
    table = _table(2_000, seed, absent)
    _, problems = validate(table, min_ts=datetime(2020, 1, 1, tzinfo=UTC),
                           max_future=timedelta(hours=1), now=NOW)
    got = {p.field: p for p in problems}
    flagged = 0
    for name, low, high in RANGES:
        want = _reference(table.column(name).combine_chunks(), low, high)
        flagged += int(want.sum())
        if not want.any():
            assert name not in got
            continue
        assert np.array_equal(got[name].mask, want), name
        span = f"[{low}, {high if high is not None else 'inf'}]"
        assert got[name].reasons == f"out of range {span}"
    assert flagged > 100  # the data does hold out-of-range values, NaN and nulls
    assert not any(n in got for n in absent)

"""features.expressions.fixed_point: the one-argument ``round`` gives the numbers
``round(x, 0)`` gave (half away from zero), halves and nulls included."""

from __future__ import annotations

import math
from pathlib import Path

import ibis
import pyarrow as pa
import pyarrow.parquet as pq

from distillwatch.features.expressions import FIXED_SCALE, fixed_point


def _half_away(v: float) -> int:
    return int(math.copysign(math.floor(abs(v) + 0.5), v))


def test_fixed_point_rounds_like_round_to_zero_digits(tmp_path: Path) -> None:
    # exact halves of a 2^-32 unit, both signs, around the float32 scores' range
    values: list[float | None] = [(n + 0.5) / FIXED_SCALE for n in (0, 1, 2, 7, 10**6)]
    values += [-v for v in values if v is not None]
    values += [0.0, 1.0, 0.9990234375, 1e-12, 0.3, 2.0**-33, None]
    pq.write_table(pa.table({"x": pa.array(values, pa.float64())}), tmp_path / "x.parquet")
    t = ibis.duckdb.connect().read_parquet(tmp_path / "x.parquet")
    out = t.select(new=fixed_point(t.x),
                   old=(t.x.cast("float64") * FIXED_SCALE).round().cast("int64")).to_pyarrow()
    new = out.column("new").to_pylist()
    assert new == out.column("old").to_pylist()
    assert new == [None if v is None else _half_away(v * FIXED_SCALE) for v in values]

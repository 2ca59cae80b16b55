"""Evidence values rounded once per distinct value give what rounding each value gives."""

from __future__ import annotations

import math
import random

import pyarrow as pa
import pytest

from distillwatch.findings.evidence import _clean_column


def _reference(values: list[float | None]) -> list[float | None]:
    return [None if v is None or math.isnan(v) or math.isinf(v) else round(v, 6)
            for v in values]


@pytest.mark.parametrize("typ", [pa.float64(), pa.float32()])
def test_rounded_per_distinct_value_is_rounded_per_value(typ: pa.DataType) -> None:
    rng = random.Random(3)
    pool = [0.0, -0.0, 1.0, 0.5, 1e-7, -1e-7, 0.1234565, 2.5e-6, 1e300, -3.75,
            math.nan, math.inf, -math.inf, None]
    values = [rng.choice(pool) if rng.random() < 0.5 else rng.uniform(-5, 5)
              for _ in range(4000)]
    col = pa.chunked_array([pa.array(values[:1500], typ), pa.array(values[1500:], typ)])
    got = _clean_column(col)
    want = _reference(col.to_pylist())
    assert got == want
    # -0.0 stays -0.0 (its JSON is "-0.0"), not folded into 0.0
    assert [repr(v) for v in got] == [repr(v) for v in want]


def test_empty_and_all_null_columns() -> None:
    assert _clean_column(pa.chunked_array([], pa.float64())) == []
    assert _clean_column(pa.chunked_array([pa.nulls(3, pa.float64())])) == [None] * 3

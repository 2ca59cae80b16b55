"""ingest.buffers: numpy views of Arrow string arrays and the checks built on them."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from distillwatch.ingest.buffers import (
    distinct_share,
    has_empty,
    has_nul,
    string_buffers,
    value_bytes,
)

VALUES = ["ab", None, "c\x00d", "", "é", "e"]


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string()])
def test_string_buffers_and_has_nul_agree_with_arrow_on_slices(kind: pa.DataType) -> None:
    arr = pa.array(VALUES, kind)
    for lo in range(len(VALUES)):
        for hi in range(lo, len(VALUES) + 1):
            part = arr.slice(lo, hi - lo)
            data, offsets = string_buffers(part)
            got = [
                None if not part[i].is_valid else bytes(data[offsets[i]:offsets[i + 1]]).decode()
                for i in range(len(part))
            ]
            assert got == part.to_pylist()
            assert bytes(value_bytes(part)) == "".join(v or "" for v in part.to_pylist()).encode()
            want = bool(pc.any(pc.match_substring(part, "\x00")).as_py())
            assert has_nul(part) == want


def test_has_empty_agrees_with_arrow_on_slices_and_chunks() -> None:
    # a null slot spans no bytes either: it must not count as an empty string
    arr = pa.array(VALUES)
    for lo in range(len(VALUES)):
        for hi in range(lo, len(VALUES) + 1):
            part = arr.slice(lo, hi - lo)
            want = "" in part.to_pylist()
            assert has_empty(part) == want
            assert has_empty(pa.chunked_array([arr.slice(0, 1), part], pa.string())) == want
    assert not has_empty(pa.chunked_array([], pa.string()))
    assert not has_empty(pa.array([None, None], pa.string()))


def test_distinct_share_reads_a_spread_sample() -> None:
    assert distinct_share(pa.array([], pa.string())) == 1.0
    assert distinct_share(pa.array(["a", "b", "a", "b"])) == 0.5
    many = pa.array([str(i % 10) for i in range(10_000)])
    assert distinct_share(many, sample=100) == pytest.approx(0.1)
    assert distinct_share(pa.array([str(i) for i in range(10_000)]), sample=100) == 1.0
    assert np.isclose(distinct_share(many.slice(0, 50)), 10 / 50)

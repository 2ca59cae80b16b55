"""UTF-8 buffers of Arrow string arrays as numpy views, and string arrays over kernel output.

No numba here: the one-request path (the gateway's template key) reads buffers too and
must not load the compiled kernels.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

I64 = npt.NDArray[np.int64]

__all__ = [
    "all_ascii",
    "distinct_share",
    "has_empty",
    "has_nul",
    "string_buffers",
    "strings_from_buffers",
    "value_bytes",
]

# Values read by distinct_share: enough to tell "mostly distinct" from "many repeats".
DISTINCT_SAMPLE = 2048


def string_buffers(values: pa.Array) -> tuple[npt.NDArray[np.uint8], I64]:
    """(UTF-8 bytes, int64 offsets of each value) of a string array (data not copied; a
    large_string array is read as it is, any other type cast to string)."""
    wide = pa.types.is_large_string(values.type)
    if not (wide or pa.types.is_string(values.type)):
        values = values.cast(pa.string())
    n = len(values)
    _validity, off_buf, data_buf = values.buffers()
    if off_buf is None:  # an empty array may come without buffers
        return np.zeros(0, np.uint8), np.zeros(n + 1, np.int64)
    width = np.int64 if wide else np.int32
    raw = np.frombuffer(off_buf, dtype=width, count=values.offset + n + 1)
    offsets: I64 = raw[values.offset:].astype(np.int64)
    data = (
        np.frombuffer(data_buf, dtype=np.uint8) if data_buf is not None and data_buf.size
        else np.zeros(0, np.uint8)
    )
    return data, offsets


def strings_from_buffers(
    like: pa.Array, data: npt.NDArray[np.uint8], offsets: npt.NDArray[np.int32]
) -> pa.Array:
    """A string array over a kernel's output ``data``/``offsets``, nulls where ``like`` has them.

    The counterpart of :func:`string_buffers` for kernels that write one string per input row.
    """
    validity = None
    if like.null_count:
        validity = pa.array(np.asarray(like.is_valid())).buffers()[1]
    return pa.Array.from_buffers(
        pa.string(), len(like), [validity, pa.py_buffer(offsets), pa.py_buffer(data)],
        null_count=like.null_count,
    )


def value_bytes(values: pa.Array) -> npt.NDArray[np.uint8]:
    """The UTF-8 bytes the values of a string array span, as one view (what a vectorised
    check over every value's bytes reads)."""
    data, offsets = string_buffers(values)
    return data[offsets[0]:offsets[-1]]


def has_nul(values: pa.Array) -> bool:
    """Whether the bytes the values span hold a NUL (one numpy min, NUL being the least
    byte; a NUL in the bytes of a null slot counts too, so False is exact, True may not be)."""
    region = value_bytes(values)
    return bool(region.size) and bool(region.min() == 0)


def has_empty(values: pa.Array | pa.ChunkedArray) -> bool:
    """Whether a string array holds an empty string (non-null), from its offsets: no
    per-value call, and no copy of a column that holds none (most hold none)."""
    chunks = values.chunks if isinstance(values, pa.ChunkedArray) else [values]
    for chunk in chunks:
        if len(chunk) == chunk.null_count:
            continue
        _data, offsets = string_buffers(chunk)
        empty = offsets[1:] == offsets[:-1]
        if chunk.null_count and empty.any():
            empty &= np.asarray(chunk.is_valid())
        if empty.any():
            return True
    return False


def all_ascii(values: pa.Array) -> bool:
    """Whether every byte of every value is ASCII (one numpy max, no per-value call)."""
    return bool(value_bytes(values).max(initial=0) < 0x80)


def distinct_share(values: pa.Array, sample: int = DISTINCT_SAMPLE) -> float:
    """Share of distinct values among ``sample`` values spread evenly over ``values`` (all of
    them when there are fewer): whether a dictionary of the whole column would pay, without
    building it."""
    n = len(values)
    if n > sample:
        values = values.take(pa.array(np.linspace(0, n - 1, sample).astype(np.int64)))
    if not len(values):
        return 1.0
    # Arrow's hash kernel, null counting as one value as in a set of the Python values:
    # several times cheaper than building those values.
    return len(pc.unique(values)) / len(values)

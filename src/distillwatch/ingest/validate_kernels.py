"""numba kernels of validation: one pass over a string column's bytes where Arrow took a
Unicode transform or a hash lookup per value (canonical dotted quads: ``ipv4.plain_v4``).

- :func:`surely_not_blank`: whether a value holds a printable ASCII byte other than the space
  (so Arrow's whitespace trim cannot leave it empty; the other values are left to Arrow);
- :func:`values_in`: whether each value is one of a few given strings of up to 8 bytes
  (byte equality).

Each reads an Arrow string array's data and offsets (``buffers.string_buffers``); a null's
answer is False and the caller reads the validity.
"""

from __future__ import annotations

import numba
import numpy as np
import numpy.typing as npt

from distillwatch.ingest.unaligned import load_tail_u64

__all__ = ["surely_not_blank", "values_in"]

U8 = npt.NDArray[np.uint8]
I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]


@numba.njit(cache=True, nogil=True)
def surely_not_blank(data: U8, offsets: I64, out: Mask) -> None:
    """``out[r]``: value ``r`` holds a byte in 0x21-0x7E (printable ASCII, not a space)."""
    for r in range(offsets.size - 1):
        found = False
        for i in range(offsets[r], offsets[r + 1]):
            b = data[i]
            if b > 32 and b < 127:
                found = True
                break
        out[r] = found


@numba.njit(cache=True, nogil=True)
def values_in(data: U8, offsets: I64, set_data: U8, set_offsets: I64, out: Mask) -> None:
    """``out[r]``: value ``r`` equals (byte for byte) one of the strings of ``set_data`` /
    ``set_offsets``, each at most 8 bytes long. A value is compared as (length, one 8-byte
    word) with every string of the set, without a branch per string (which one matches is
    unpredictable)."""
    n_set = set_offsets.size - 1
    lengths = np.empty(n_set, np.int64)
    words = np.empty(n_set, np.uint64)
    for s in range(n_set):
        lengths[s] = set_offsets[s + 1] - set_offsets[s]
        words[s] = load_tail_u64(set_data, set_offsets[s], lengths[s])
    for r in range(offsets.size - 1):
        start = offsets[r]
        n = offsets[r + 1] - start
        if n > 8:
            out[r] = False
            continue
        w = load_tail_u64(data, start, n)
        hit = False
        for s in range(n_set):
            hit |= (lengths[s] == n) & (words[s] == w)
        out[r] = hit

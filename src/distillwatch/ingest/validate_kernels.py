"""numba kernels of validation: one pass over a string column's bytes where Arrow took a
regex, a Unicode transform or a hash lookup per value.

- :func:`ipv4_canonical`: whether each value is a dotted quad as ``enrich.IPV4_CANONICAL``
  matches it (four decimal octets 0-255 without leading zeros, nothing else);
- :func:`surely_not_blank`: whether a value holds a printable ASCII byte other than the space
  (so Arrow's whitespace trim cannot leave it empty; the other values are left to Arrow);
- :func:`values_in`: whether each value is one of a few given strings (byte equality).

Each reads an Arrow string array's data and offsets (``buffers.string_buffers``); a null's
answer is False and the caller reads the validity.
"""

from __future__ import annotations

import numba
import numpy as np
import numpy.typing as npt

__all__ = ["ipv4_canonical", "surely_not_blank", "values_in"]

U8 = npt.NDArray[np.uint8]
I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]


@numba.njit(cache=True, nogil=True)
def ipv4_canonical(data: U8, offsets: I64, out: Mask) -> None:
    """``out[r]``: value ``r`` matches ``^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])
    (\\.(same)){3}$``: four decimal octets of 0-255 without a leading zero, three dots."""
    for r in range(offsets.size - 1):
        start = offsets[r]
        end = offsets[r + 1]
        ok = 7 <= end - start <= 15
        dots = 0
        digits = 0  # of the current octet
        value = 0
        i = start
        while ok and i < end:
            b = data[i]
            if b == 46:  # "."
                ok = digits > 0
                dots += 1
                digits = 0
                value = 0
            elif 48 <= b <= 57:
                # "0" then another digit is a leading zero; over 255 covers 4+ digits.
                ok = not (digits == 1 and value == 0)
                value = value * 10 + (b - 48)
                digits += 1
                ok = ok and value <= 255
            else:
                ok = False
            i += 1
        out[r] = ok and dots == 3 and digits > 0


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
    ``set_offsets``."""
    n_set = set_offsets.size - 1
    for r in range(offsets.size - 1):
        start = offsets[r]
        n = offsets[r + 1] - start
        hit = False
        for s in range(n_set):
            s_start = set_offsets[s]
            if set_offsets[s + 1] - s_start != n:
                continue
            same = True
            for j in range(n):
                if data[start + j] != set_data[s_start + j]:
                    same = False
                    break
            if same:
                hit = True
                break
        out[r] = hit

"""The skeleton view of instruction units in one compiled pass (``template._skeleton_view``).

As regexes: quoted strings become `` @q `` (``_QUOTED``: ``"..."``, ``“...”``, ``«...»``,
``「...」`` with 1-400 characters inside), numbers ``#`` (``_NUMBER``: ASCII digits, joined
by ``. , : /``), each run of punctuation with the spaces and tabs around it one space
(``_NON_WORD``, matched leftmost-first and greedy as RE2 does), then Arrow's Unicode
whitespace trim. This numba kernel reads the Arrow UTF-8 buffers and writes the same bytes;
tests compare it with the regexes (kept in the test as the reference), and the bench's 500k
prompts and the hydra scenario's give identical template columns.
"""

from __future__ import annotations

import numba
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from distillwatch.ingest.buffers import string_buffers, strings_from_buffers
from distillwatch.ingest.unaligned import HIGHS, LOW7, ONES, bytes_equal, load_u64, store_u64

__all__ = ["skeleton_view"]

MAX_QUOTED_CHARS = 400


@numba.njit(cache=True, nogil=True)
def _decode(s: npt.NDArray[np.uint8], i: int) -> tuple[int, int]:
    """(code point, byte length) of the valid UTF-8 character at ``i``."""
    b = int(s[i])
    if b < 0x80:
        return b, 1
    if b < 0xE0:
        return ((b & 0x1F) << 6) | (int(s[i + 1]) & 0x3F), 2
    if b < 0xF0:
        return ((b & 0x0F) << 12) | ((int(s[i + 1]) & 0x3F) << 6) | (int(s[i + 2]) & 0x3F), 3
    return (
        ((b & 0x07) << 18) | ((int(s[i + 1]) & 0x3F) << 12) | ((int(s[i + 2]) & 0x3F) << 6)
        | (int(s[i + 3]) & 0x3F),
        4,
    )


@numba.njit(cache=True, nogil=True)
def _is_punct(c: int) -> bool:
    """template._PUNCT: ASCII punctuation but '#' and '@', tab, Latin-1 and general, arrow and
    symbol, CJK and full-width punctuation."""
    if c < 0x80:
        return (
            c == 9 or 0x21 <= c <= 0x22 or 0x24 <= c <= 0x2F or 0x3A <= c <= 0x3F
            or 0x5B <= c <= 0x60 or 0x7B <= c <= 0x7E
        )
    return (
        0xA0 <= c <= 0xBF or 0x2000 <= c <= 0x206F or 0x2190 <= c <= 0x2BFF
        or 0x3000 <= c <= 0x303F or 0xFF01 <= c <= 0xFF0F or 0xFF1A <= c <= 0xFF20
        or 0xFF3B <= c <= 0xFF40 or 0xFF5B <= c <= 0xFF65
    )


@numba.njit(cache=True, nogil=True)
def _is_trim_space(c: int) -> bool:
    """What Arrow's utf8_trim_whitespace removes (found by testing every code point)."""
    return (
        9 <= c <= 13 or 0x1C <= c <= 0x20 or c == 0x85 or c == 0xA0 or c == 0x1680
        or 0x2000 <= c <= 0x200A or c == 0x2028 or c == 0x2029 or c == 0x202F
        or c == 0x205F or c == 0x3000
    )


@numba.njit(cache=True, nogil=True, inline="always")
def _trim(s: npt.NDArray[np.uint8], start: int, end: int) -> tuple[int, int]:
    """``s[start:end]`` without the whitespace ``utf8_trim_whitespace`` removes."""
    while start < end:
        c, w = _decode(s, start)
        if not _is_trim_space(c):
            break
        start += w
    while end > start:
        p = end - 1
        while p > start and (s[p] & 0xC0) == 0x80:
            p -= 1
        c, w = _decode(s, p)
        if not _is_trim_space(c):
            break
        end = p
    return start, end


@numba.njit(cache=True, nogil=True, inline="always")
def _digit_bytes(x: np.uint64) -> np.uint64:
    """The high bit of each byte of ``x`` that is an ASCII digit (any other byte: 0)."""
    low = x & LOW7  # bytes of 0x80 and more: their low 7 bits, then cleared below
    in_range = (low + ONES * np.uint64(0x50)) & ~(low + ONES * np.uint64(0x46))
    return in_range & ~x & HIGHS


@numba.njit(cache=True, nogil=True)
def _closer(c: int) -> int:
    if c == 0x22:
        return 0x22
    if c == 0x201C:  # “ ”
        return 0x201D
    if c == 0xAB:  # « »
        return 0xBB
    if c == 0x300C:  # 「 」
        return 0x300D
    return -1


@numba.njit(cache=True, nogil=True)
def _skeleton(
    data: npt.NDArray[np.uint8], offsets: npt.NDArray[np.int64],
    out: npt.NDArray[np.uint8], out_offsets: npt.NDArray[np.int32], max_quoted: int,
) -> None:
    longest = 0
    for row in range(offsets.size - 1):
        longest = max(longest, offsets[row + 1] - offsets[row])
    a = np.empty(longest + longest // 3 + 4, dtype=np.uint8)  # " @q " for '"x"': 4 for 3
    b = np.empty(longest + longest // 3 + 4, dtype=np.uint8)
    o = 0
    out_offsets[0] = 0
    for row in range(offsets.size - 1):
        start, end = offsets[row], offsets[row + 1]
        # Quoted strings -> " @q " (into a).
        na = 0
        i = start
        while i < end:
            # Eight bytes at once while none can open a quote ('"', or a lead byte of
            # “ « 「): ASCII but '"'.
            if i + 8 <= end and na + 8 <= a.size:
                x = load_u64(data, i)  # type: ignore[call-arg, var-annotated]
                if not (x & HIGHS) | bytes_equal(x, 0x22):
                    store_u64(a, na, x)
                    na += 8
                    i += 8
                    continue
            c, w = _decode(data, i)
            close = _closer(c)
            if close >= 0:
                j = i + w
                count = 0
                found = -1
                while j < end and count <= max_quoted:
                    d, dw = _decode(data, j)
                    if d == close:
                        found = j + dw
                        break
                    count += 1
                    j += dw
                if found >= 0 and 1 <= count <= max_quoted:
                    a[na] = 32
                    a[na + 1] = 64
                    a[na + 2] = 113
                    a[na + 3] = 32
                    na += 4
                    i = found
                    continue
            for k in range(w):
                a[na + k] = data[i + k]
            na += w
            i += w
        # Numbers -> "#" (into b); bytewise: digits and separators are ASCII.
        nb = 0
        i = 0
        while i < na:
            if i + 8 <= na:  # eight bytes at once while none is a digit
                y = load_u64(a, i)  # type: ignore[call-arg, var-annotated]
                if not _digit_bytes(y):
                    store_u64(b, nb, y)
                    nb += 8
                    i += 8
                    continue
            x = a[i]
            if 48 <= x <= 57:
                i += 1
                while i < na and 48 <= a[i] <= 57:
                    i += 1
                while i + 1 < na and (a[i] == 46 or a[i] == 44 or a[i] == 58 or a[i] == 47) \
                        and 48 <= a[i + 1] <= 57:
                    i += 2
                    while i < na and 48 <= a[i] <= 57:
                        i += 1
                b[nb] = 35
                nb += 1
                continue
            b[nb] = x
            nb += 1
            i += 1
        # [ \t]*[PUNCT]+[ \t]* -> " " (into a again).
        na = 0
        i = 0
        while i < nb:
            c, w = _decode(b, i)
            if c == 32 or _is_punct(c):
                j = i
                last_tab = -1
                while j < nb and (b[j] == 32 or b[j] == 9):
                    if b[j] == 9:
                        last_tab = j
                    j += 1
                matched = False
                if j < nb:
                    d, dw = _decode(b, j)
                    if _is_punct(d):
                        matched = True
                        j += dw
                        while j < nb:
                            d, dw = _decode(b, j)
                            if not _is_punct(d):
                                break
                            j += dw
                        while j < nb and (b[j] == 32 or b[j] == 9):
                            j += 1
                if matched or last_tab >= 0:
                    a[na] = 32
                    na += 1
                    i = j
                    continue
            for k in range(w):
                a[na + k] = b[i + k]
            na += w
            i += w
        # Trim Arrow's whitespace at both ends.
        s, e = _trim(a, 0, na)
        for k in range(s, e):
            out[o] = a[k]
            o += 1
        out_offsets[row + 1] = o


def skeleton_view(units: pa.Array) -> pa.Array:
    """The skeleton view of each unit (see the module docstring); nulls stay null."""
    data, offsets = string_buffers(units)
    n = len(units)
    total = int(offsets[-1] - offsets[0]) if n else 0
    out = np.empty(total + total // 3 + 4 * n + 1, dtype=np.uint8)
    out_offsets = np.empty(n + 1, dtype=np.int32)
    _skeleton(data, offsets, out, out_offsets, MAX_QUOTED_CHARS)
    return strings_from_buffers(units, out, out_offsets)


@numba.njit(cache=True, nogil=True)
def _join(
    data: npt.NDArray[np.uint8], offsets: npt.NDArray[np.int64], source: npt.NDArray[np.int64],
    row: npt.NDArray[np.int64], n_rows: int, slot: npt.NDArray[np.uint8],
    out: npt.NDArray[np.uint8], out_offsets: npt.NDArray[np.int32], valid: npt.NDArray[np.bool_],
) -> int:
    o = 0
    k = 0
    out_offsets[0] = 0
    for r in range(n_rows):
        first = True
        while k < source.size and row[k] == r:
            if not first:
                out[o] = 32
                o += 1
            first = False
            s = source[k]
            if s < 0:
                out[o:o + slot.size] = slot
                o += slot.size
            else:
                a, b = offsets[s], offsets[s + 1]
                # Eight bytes per load and store; the last word may write up to 7 bytes
                # past the piece (overwritten by what follows, or past the last offset).
                while a < b and a + 8 <= data.size and o + 8 <= out.size:
                    store_u64(out, o, load_u64(data, a))  # type: ignore[call-arg]
                    step = min(8, b - a)
                    a += step
                    o += step
                while a < b:
                    out[o] = data[a]
                    a += 1
                    o += 1
            k += 1
        valid[r] = not first
        out_offsets[r + 1] = o
    return o


def join_pieces(values: pa.Array, source: npt.NDArray[np.int64], row: npt.NDArray[np.int64],
                n_rows: int, *, slot: str) -> pa.Array:
    """Per row, its pieces joined with spaces; null for a row without pieces.

    Piece ``k`` is ``values[source[k]]``, or ``slot`` where ``source[k] < 0``; ``row``
    (ascending) is the row of each piece. ``template._join_rows`` with the pieces built by
    Arrow calls does the same.
    """
    data, offsets = string_buffers(values)
    slot_bytes = np.frombuffer(slot.encode(), dtype=np.uint8)
    lengths = np.where(source >= 0, offsets[np.maximum(source, 0) + 1] - offsets[
        np.maximum(source, 0)], slot_bytes.size)
    out = np.empty(int(lengths.sum()) + source.size + 1, dtype=np.uint8)
    out_offsets = np.empty(n_rows + 1, dtype=np.int32)
    valid = np.empty(n_rows, dtype=np.bool_)
    _join(data, offsets, source, row, n_rows, slot_bytes, out, out_offsets, valid)
    n_null = n_rows - int(valid.sum())
    validity = pa.array(valid).buffers()[1] if n_null else None
    return pa.Array.from_buffers(
        pa.string(), n_rows, [validity, pa.py_buffer(out_offsets), pa.py_buffer(out)],
        null_count=n_null,
    )

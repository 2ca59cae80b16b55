"""numba kernels of batch IP enrichment: plain dotted quads read from Arrow string buffers,
and a table from IPv4 addresses (as integers) to rows of the enricher's address cache.

- :func:`plain_v4`: each value of a string column that is a dotted quad exactly as
  validation leaves it (``enrich.IPV4_CANONICAL``: four decimal octets 0-255, no leading
  zeros, nothing else), as its 32-bit integer, in one pass over the column's bytes. Every
  other non-null value (IPv6, ports, zone ids, spaces, invalid text) is marked for the
  per-value Python path (``parse_ip``), so what any value means is decided as before.
- :class:`IntMap`: open addressing over ``int64`` arrays (no Python value per address): a
  batch's lookups are one kernel call instead of a dict lookup per distinct string.

Imported lazily by ``enrich.py`` (only batches need it), so loading the enricher for one
address does not load numba.
"""

from __future__ import annotations

import numba
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from distillwatch.ingest.buffers import string_buffers

__all__ = ["MISS", "NULL", "NULL_ROW", "OTHER", "OTHER_ROW", "PLAIN", "IntMap", "plain_v4"]

I64 = npt.NDArray[np.int64]
U32 = npt.NDArray[np.uint32]
I8 = npt.NDArray[np.int8]

# What plain_v4 says of each value.
NULL, PLAIN, OTHER = 0, 1, 2
# What IntMap.scan says of a row that is not a key's value.
NULL_ROW, OTHER_ROW, MISS = -1, -2, -3
_EMPTY = -1  # IntMap's free slot (keys are 0 .. 2**32 - 1)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


@numba.njit(cache=True, nogil=True, inline="always")
def _slot(key: np.int64, shift: np.uint64) -> np.int64:
    return np.int64((np.uint64(key) * _GOLDEN) >> shift)


@numba.njit(cache=True, nogil=True, inline="always")
def _find(keys: I64, vals: I64, shift: np.uint64, k: np.int64) -> np.int64:
    mask = keys.size - 1
    s = _slot(k, shift)
    while keys[s] != _EMPTY:
        if keys[s] == k:
            return vals[s]
        s = (s + 1) & mask
    return np.int64(-1)


@numba.njit(cache=True, nogil=True)
def _scan(data: npt.NDArray[np.uint8], offsets: I64, keys: I64, vals: I64, shift: np.uint64,
          ints: U32, rows: I64) -> None:
    """Parse each string; a plain dotted quad's integer goes to ``ints`` and its value in
    the table (``MISS`` when absent) to ``rows``; any other string gets ``OTHER``."""
    for r in range(offsets.size - 1):
        value = 0
        octet = 0
        digits = 0
        dots = 0
        ok = True
        for i in range(offsets[r], offsets[r + 1]):
            c = data[i]
            if 48 <= c <= 57:
                if digits == 1 and octet == 0:  # a leading zero ("01", "00")
                    ok = False
                    break
                octet = octet * 10 + (c - 48)
                digits += 1
                if octet > 255:  # also catches a fourth digit
                    ok = False
                    break
            elif c == 46 and digits > 0 and dots < 3:  # "."
                value = (value << 8) | octet
                octet = 0
                digits = 0
                dots += 1
            else:
                ok = False
                break
        if ok and dots == 3 and digits > 0:
            ip = (value << 8) | octet
            ints[r] = ip
            found = _find(keys, vals, shift, np.int64(ip))
            rows[r] = found if found >= 0 else MISS
        else:
            rows[r] = OTHER_ROW


@numba.njit(cache=True, nogil=True)
def _get(keys: I64, vals: I64, shift: np.uint64, query: U32, out: I64) -> None:
    for i in range(query.size):
        out[i] = _find(keys, vals, shift, np.int64(query[i]))
@numba.njit(cache=True, nogil=True)
def _put(keys: I64, vals: I64, shift: np.uint64, new_keys: I64, new_vals: I64) -> int:
    """Insert (or overwrite) each key; the number of keys that were not there."""
    mask = keys.size - 1
    added = 0
    for i in range(new_keys.size):
        k = new_keys[i]
        s = _slot(k, shift)
        while keys[s] != _EMPTY and keys[s] != k:
            s = (s + 1) & mask
        if keys[s] == _EMPTY:
            added += 1
        keys[s] = k
        vals[s] = new_vals[i]
    return added


class IntMap:
    """IPv4 address (0 .. 2**32 - 1) -> int64 value, at most half full (linear probing)."""

    def __init__(self) -> None:
        self._alloc(1 << 10)

    def _alloc(self, size: int) -> None:
        self._keys: I64 = np.full(size, _EMPTY, np.int64)
        self._vals: I64 = np.zeros(size, np.int64)
        self._shift = np.uint64(64 - (size.bit_length() - 1))
        self._len = 0

    def __len__(self) -> int:
        return self._len

    def clear(self) -> None:
        """Forget every key (back to the initial size)."""
        self._alloc(1 << 10)

    def get(self, query: U32) -> I64:
        """The value of each key, -1 where a key is absent."""
        out = np.empty(query.size, np.int64)
        _get(self._keys, self._vals, self._shift, np.ascontiguousarray(query, np.uint32), out)
        return out

    def put(self, keys: U32, values: I64) -> None:
        """Set ``keys[i] -> values[i]``."""
        need = 2 * (self._len + keys.size)
        if need > self._keys.size:
            old_keys, old_vals = self._keys, self._vals
            used = old_keys != _EMPTY
            self._alloc(1 << max(10, (need - 1).bit_length()))
            self._len = _put(self._keys, self._vals, self._shift, old_keys[used], old_vals[used])
        self._len += _put(self._keys, self._vals, self._shift,
                          np.asarray(keys, np.int64), np.asarray(values, np.int64))

    def scan(self, col: pa.Array) -> tuple[I64, U32]:
        """(row, address) of each value of a string array, in one pass over its bytes: for
        a plain dotted quad its integer and its value here (``MISS`` when absent); for a
        null ``NULL_ROW``; for any other value ``OTHER_ROW`` (its address left 0)."""
        data, offsets = string_buffers(col)
        n = len(col)
        ints = np.zeros(n, np.uint32)
        rows = np.empty(n, np.int64)
        _scan(data, offsets, self._keys, self._vals, self._shift, ints, rows)
        if col.null_count:
            rows[~np.asarray(col.is_valid())] = NULL_ROW
        return rows, ints


def plain_v4(col: pa.Array) -> tuple[U32, I8]:
    """(address as an integer, kind) of each value of a string array: kind ``PLAIN`` for a
    canonical dotted quad (the integer is set only there), ``NULL`` for a null, ``OTHER``
    for any other value."""
    rows, ints = IntMap().scan(col)
    kind = np.full(rows.size, OTHER, np.int8)
    kind[rows == MISS] = PLAIN
    kind[rows == NULL_ROW] = NULL
    return ints, kind

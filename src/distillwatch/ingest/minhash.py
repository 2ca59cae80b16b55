"""MinHash signatures of word 3-shingles, computed by compiled kernels over Arrow buffers.

The scheme (``MINHASH_SCHEME``), fixed so stored signatures stay comparable across runs:

- a word's hash is FNV-1a 64 of its UTF-8 bytes, finalised with MurmurHash3's ``fmix64``;
- a shingle of words ``(w0, w1, w2)`` is ``h0 ^ rotl(h1, 21) ^ rotl(h2, 42)`` (a text of one
  or two words gives one shorter shingle, the missing hashes being 0);
- permutation ``i`` of ``MINHASH_PERMUTATIONS`` is ``(a_i * x + b_i) mod 2^64 >> 32`` with
  ``(a_i | 1, b_i)`` the next two outputs of Xoshiro256++ seeded from ``MINHASH_SEED`` by
  SplitMix64: R-MinHash as specified by rensa-core (``digest_prehashed``), whose published
  test vector :func:`permutations` reproduces;
- the signature value ``i`` is the minimum of permutation ``i`` over the text's shingles
  (a 32-bit number), of which the low 16 bits are kept (b-bit minwise hashing, b = 16: the
  stored form, ``store.minhash_column``).

Equal values estimate the Jaccard similarity of two texts' shingle sets (with a bias of
``(1 - J) / 65536`` from the 16 bits). Everything runs in numba kernels (``cache=True``)
reading the UTF-8 data and offsets of Arrow string arrays and writing the uint16 signature
matrix, whose memory becomes the stored binary column as it is
(``store.minhash_column.signature_column``): no Python object per word, shingle or value,
and no pass to narrow the values.

Why not rensa's own matrix call: its 0.5.0 wheel returns signatures only as Python lists
(64 Python ints per row, most of the sketch step's CPU), and its digest differs from the
algorithm its core crate documents, so a rensa upgrade could change stored values silently.
"""

from __future__ import annotations

import numba
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from distillwatch.ingest.buffers import string_buffers, strings_from_buffers
from distillwatch.schema import MINHASH_PERMUTATIONS
from distillwatch.store.minhash_column import signature_column

__all__ = ["MINHASH_SCHEME", "char_words", "hash_words", "permutations", "signatures"]

MINHASH_SCHEME = "fnv1a-fmix64/rotxor3/rminhash-xoshiro256pp"
_M64 = (1 << 64) - 1

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]


def permutations(num_perm: int, seed: int) -> tuple[U64, U64]:
    """(a, b) of R-MinHash: Xoshiro256++ seeded from ``seed`` with SplitMix64."""

    def rotl(x: int, k: int) -> int:
        return ((x << k) | (x >> (64 - k))) & _M64

    state, s = seed & _M64, []
    for _ in range(4):  # SplitMix64 fills the generator's 256-bit state
        state = (state + 0x9E3779B97F4A7C15) & _M64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _M64
        s.append(z ^ (z >> 31))

    def next_u64() -> int:
        out = (rotl((s[0] + s[3]) & _M64, 23) + s[0]) & _M64
        t = (s[1] << 17) & _M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return out

    a, b = np.zeros(num_perm, np.uint64), np.zeros(num_perm, np.uint64)
    for i in range(num_perm):
        a[i] = next_u64() | 1
        b[i] = next_u64()
    return a, b


FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3


@numba.njit(cache=True, nogil=True)
def fmix64(h: np.uint64) -> np.uint64:
    """MurmurHash3's 64-bit finaliser: the last step of every word hash (FNV-1a, then this)."""
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xC4CEB9FE1A85EC53)
    h ^= h >> np.uint64(33)
    return h


@numba.njit(cache=True, nogil=True)
def _fnv_fmix(data: npt.NDArray[np.uint8], offsets: I64, out: U64) -> None:
    for i in range(out.size):
        h = np.uint64(FNV_OFFSET)
        for j in range(offsets[i], offsets[i + 1]):
            h = (h ^ np.uint64(data[j])) * np.uint64(FNV_PRIME)
        out[i] = fmix64(h)


def hash_words(words: pa.Array) -> U64:
    """64-bit hash of each string of ``words`` (nulls hash like the empty string)."""
    data, offsets = string_buffers(words)
    out = np.empty(len(words), dtype=np.uint64)
    _fnv_fmix(data, offsets, out)
    return out


@numba.njit(cache=True, nogil=True, inline="always")
def _fold(xs: U64, m: int, a: U64, b: U64, mins: U64, n_perm: int) -> None:
    """``mins[p]``: the least ``(a[p] * x + b[p]) >> 32`` over the shingles ``xs[:m]``."""
    shift = np.uint64(32)
    for p in range(n_perm):
        mins[p] = np.uint64(0xFFFFFFFF)
    for k in range(m):
        x = xs[k]
        for p in range(n_perm):
            # Unconditional min: with a constant n_perm the loop unrolls into vector
            # min/store, no masked store the next shingle's load must wait for.
            mins[p] = min(mins[p], (a[p] * x + b[p]) >> shift)


@numba.njit(cache=True, nogil=True, inline="always")
def signature_row(
    word_hash: U64, start: int, end: int, a: U64, b: U64, mins: U64, xs: U64,
    out: npt.NDArray[np.uint16], row: int,
) -> None:
    """``out[row]``: the MinHash (low 16 bits of each value) of the words
    ``word_hash[start:end]`` (at least one);
    ``mins`` is scratch of ``a.size`` values, ``xs`` of ``end - start`` (it may be
    ``word_hash`` itself when ``start`` is 0: shingle ``k`` is written after words
    ``k..k+2`` are read). Shared by :func:`signatures` and the ASCII sketch kernel
    (``ingest.asciiwords``), so both give the same values."""
    r21, r43, r42, r22 = np.uint64(21), np.uint64(43), np.uint64(42), np.uint64(22)
    last = max(start + 1, end - 2)  # one shorter shingle for texts of 1-2 words
    for k in range(start, last):
        h0 = word_hash[k]
        h1 = word_hash[k + 1] if k + 1 < end else np.uint64(0)
        h2 = word_hash[k + 2] if k + 2 < end else np.uint64(0)
        xs[k - start] = h0 ^ ((h1 << r21) | (h1 >> r43)) ^ ((h2 << r42) | (h2 >> r22))
    if a.size == MINHASH_PERMUTATIONS:  # the stored width: a loop of constant length
        _fold(xs, last - start, a, b, mins, MINHASH_PERMUTATIONS)
    else:
        _fold(xs, last - start, a, b, mins, a.size)
    low = np.uint64(0xFFFF)  # the minimum over the full 32 bits, then its low 16 bits
    for p in range(a.size):
        out[row, p] = np.uint16(mins[p] & low)


@numba.njit(cache=True, nogil=True)
def _signatures(
    word_hash: U64, row_offsets: I64, a: U64, b: U64, out: npt.NDArray[np.uint16]
) -> None:
    mins = np.empty(a.size, dtype=np.uint64)
    longest = 0
    for row in range(row_offsets.size - 1):
        longest = max(longest, row_offsets[row + 1] - row_offsets[row])
    xs = np.empty(longest, dtype=np.uint64)
    for row in range(row_offsets.size - 1):
        start, end = row_offsets[row], row_offsets[row + 1]
        if end == start:
            out[row, :] = 0
            continue
        signature_row(word_hash, start, end, a, b, mins, xs, out, row)


def signatures(word_hash: U64, row_offsets: I64, *, a: U64, b: U64) -> pa.Array:
    """MinHash of each row's word sequence as the stored binary column (one value of
    ``a.size`` uint16 per row, 128 bytes for the stored 64 permutations,
    :mod:`distillwatch.store.minhash_column`); null for rows without words.

    ``word_hash`` holds the hashes of every row's words in order, ``row_offsets`` (length
    rows + 1) where each row's words start.
    """
    n_rows = row_offsets.size - 1
    n_perm = a.size
    out = np.empty((n_rows, n_perm), dtype=np.uint16)
    _signatures(
        np.ascontiguousarray(word_hash, dtype=np.uint64),
        np.ascontiguousarray(row_offsets, dtype=np.int64), a, b, out,
    )
    return signature_column(out, np.diff(row_offsets) != 0)


# Characters that form words without spaces between them (Han, kana, Thai: one word each),
# and the Unicode spaces Arrow's ascii_split_whitespace does not split on.
_CHAR_WORD_RANGES = np.array(
    [(0x0E00, 0x0E7F), (0x3040, 0x30FF), (0x31F0, 0x31FF), (0x3400, 0x4DBF),
     (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF66, 0xFF9D), (0x20000, 0x2FFFF)],
    dtype=np.int64,
)
_SPACE_RANGES = np.array(
    [(0x85, 0x85), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200B), (0x2028, 0x2029),
     (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000)],
    dtype=np.int64,
)


@numba.njit(cache=True, nogil=True, inline="always")
def _in_ranges(cp: int, ranges: I64) -> bool:
    for k in range(ranges.shape[0]):  # noqa: SIM110 (numba: no generator in any())
        if ranges[k, 0] <= cp <= ranges[k, 1]:
            return True
    return False


@numba.njit(cache=True, nogil=True)
def _char_words(
    data: npt.NDArray[np.uint8], offsets: I64, words: I64, spaces: I64,
    out: npt.NDArray[np.uint8], out_offsets: npt.NDArray[np.int32],
) -> None:
    o = 0
    out_offsets[0] = 0
    for r in range(offsets.size - 1):
        i, end = offsets[r], offsets[r + 1]
        while i < end:
            b = data[i]
            if b < 0x80:
                out[o] = b
                o += 1
                i += 1
                continue
            if b >= 0xF0:
                n = 4
                cp = ((b & 7) << 18) | ((data[i + 1] & 63) << 12) | (
                    (data[i + 2] & 63) << 6) | (data[i + 3] & 63)
            elif b >= 0xE0:
                n = 3
                cp = ((b & 15) << 12) | ((data[i + 1] & 63) << 6) | (data[i + 2] & 63)
            else:
                n = 2
                cp = ((b & 31) << 6) | (data[i + 1] & 63)
            if _in_ranges(cp, words):
                out[o] = 32
                for q in range(n):
                    out[o + 1 + q] = data[i + q]
                out[o + 1 + n] = 32
                o += n + 2
            elif _in_ranges(cp, spaces):
                out[o] = 32
                o += 1
            else:
                for q in range(n):
                    out[o + q] = data[i + q]
                o += n
            i += n
        out_offsets[r + 1] = o


def char_words(texts: pa.Array) -> pa.Array:
    """Valid UTF-8 ``texts`` with a space either side of each Han, kana or Thai character
    (each is a word of its own) and each Unicode space (U+0085, U+00A0, U+1680,
    U+2000-U+200B, U+2028, U+2029, U+202F, U+205F, U+3000) made an ASCII space: what
    ``ascii_split_whitespace`` then splits into the sketch's words. Nulls stay null."""
    data, offsets = string_buffers(texts)
    total = int(offsets[-1] - offsets[0]) if len(texts) else 0
    out = np.empty(2 * total + 1, dtype=np.uint8)  # a 3-4 byte character grows by 2 bytes
    out_offsets = np.empty(len(texts) + 1, dtype=np.int32)
    _char_words(data, offsets, _CHAR_WORD_RANGES, _SPACE_RANGES, out, out_offsets)
    return strings_from_buffers(texts, out[: out_offsets[-1]], out_offsets)

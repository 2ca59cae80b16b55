"""BLAKE2b-64 keys of a whole Arrow string column, by a compiled kernel.

The template and item keys are ``hashlib.blake2b(utf8, digest_size=8).hexdigest()`` of a
string (RFC 7693, no key, no salt or personalisation). Hashing a batch's distinct strings one
by one in Python costs a ``bytes`` object, a hash object and a ``str`` per value; this numba
kernel reads the column's UTF-8 data and offsets and writes every key as its ``int64`` form
(``store.key_ints``: the digest's 64 bits read big-endian, top bit flipped), the value the
store's ``template_key64``/``item_key64`` hold. It hashes ``LANES`` (8) strings at once: the
compression function runs on vectors of one state word of each string (written as LLVM
vector code, ``_compress_lanes``: numba does not vectorise the scalar rounds across
strings), and strings are taken in order of their block count so the eight of a group
mostly need the same number of compressions. The 16 hex characters are made from those
integers by one ``key_strings`` call (a C hexlify of the whole column), so no hex is ever
parsed back into an integer. Same digests as ``hashlib`` (tests compare on edge lengths: 0,
127, 128, 129 bytes, multi-byte text).
"""

from __future__ import annotations

import numba
import numpy as np
import numpy.typing as npt
import pyarrow as pa
from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic

from distillwatch.ingest.buffers import string_buffers
from distillwatch.ingest.unaligned import load_tail_u64, load_u64
from distillwatch.store.key_ints import key_strings

__all__ = ["blake2b64_hex", "blake2b64_ints"]

_IV = np.array(
    [
        0x6A09E667F3BCC908, 0xBB67AE8584CAA73B, 0x3C6EF372FE94F82B, 0xA54FF53A5F1D36F1,
        0x510E527FADE682D1, 0x9B05688C2B3E6C1F, 0x1F83D9ABFB41BD6B, 0x5BE0CD19137E2179,
    ],
    dtype=np.uint64,
)
# The message schedule (RFC 7693, 2.7): _compress_lanes writes its twelve rounds with it.
_SIGMA = np.array(
    [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
        [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
        [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
        [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
        [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
        [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
        [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
        [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
        [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
    ],
    dtype=np.int64,
)


LANES = 8  # strings hashed together: one 64-bit lane of each vector per string
# The state words each of a round's eight G calls mixes: the columns, then the diagonals.
_G_WORDS = (
    (0, 4, 8, 12), (1, 5, 9, 13), (2, 6, 10, 14), (3, 7, 11, 15),
    (0, 5, 10, 15), (1, 6, 11, 12), (2, 7, 8, 13), (3, 4, 9, 14),
)


@intrinsic
def _compress_lanes(typingctx, work):  # type: ignore[no-untyped-def]
    """BLAKE2b's twelve rounds (RFC 7693, 3.2: the compression function F without its final
    feed-forward) on ``LANES`` blocks at once. ``work`` (uint64, C order) holds the 16 state
    words v, then the 16 message words m, each as ``LANES`` values (one per string); v is
    rounded in place. Each word is one LLVM vector, so every G step is one vector add, xor
    or rotate over the lanes (funnel shifts: AVX-512/AVX2 rotates)."""
    sig = types.void(work)

    def codegen(context, builder, signature, args):  # type: ignore[no-untyped-def]
        arr = context.make_array(signature.args[0])(context, builder, args[0])
        i64 = ir.IntType(64)
        vec = ir.VectorType(i64, LANES)
        base = builder.bitcast(arr.data, vec.as_pointer())

        def word(k: int) -> ir.Value:
            return builder.gep(base, [ir.Constant(i64, k)], source_etype=vec)

        v = [builder.load(word(k), typ=vec, align=8) for k in range(16)]
        m = [builder.load(word(16 + k), typ=vec, align=8) for k in range(16)]
        fshr = cgutils.get_or_insert_function(
            builder.module, ir.FunctionType(vec, [vec, vec, vec]), f"llvm.fshr.v{LANES}i64"
        )

        def rotr(x: ir.Value, n: int) -> ir.Value:
            return builder.call(fshr, [x, x, ir.Constant(vec, [n] * LANES)])

        for r in range(12):
            sigma = _SIGMA[r % 10]
            for g, (a, b, c, d) in enumerate(_G_WORDS):
                x, y = m[int(sigma[2 * g])], m[int(sigma[2 * g + 1])]
                va = builder.add(builder.add(v[a], v[b]), x)
                vd = rotr(builder.xor(v[d], va), 32)
                vc = builder.add(v[c], vd)
                vb = rotr(builder.xor(v[b], vc), 24)
                va = builder.add(builder.add(va, vb), y)
                vd = rotr(builder.xor(vd, va), 16)
                vc = builder.add(vc, vd)
                v[a], v[b], v[c], v[d] = va, rotr(builder.xor(vb, vc), 63), vc, vd
        for k in range(16):
            builder.store(v[k], word(k), align=8)
        return context.get_dummy_value()

    return sig, codegen


@numba.njit(cache=True, nogil=True)
def _blake2b64_ints(
    data: npt.NDArray[np.uint8], offsets: npt.NDArray[np.int64], order: npt.NDArray[np.int64],
    out: npt.NDArray[np.int64], iv: npt.NDArray[np.uint64],
) -> None:
    """``out[r]``: the key of string ``r``, the strings taken ``LANES`` at a time in
    ``order``."""
    n_rows = offsets.size - 1
    work = np.empty(32 * LANES, dtype=np.uint64)
    h = np.empty((LANES, 8), dtype=np.uint64)
    starts = np.zeros(LANES, dtype=np.int64)
    lengths = np.zeros(LANES, dtype=np.int64)
    for g in range(0, n_rows, LANES):
        k = min(LANES, n_rows - g)
        blocks = 1
        for lane in range(LANES):
            starts[lane] = 0
            lengths[lane] = 0  # a lane without a string hashes "" and is not written
            if lane < k:
                row = order[g + lane]
                starts[lane] = offsets[row]
                lengths[lane] = offsets[row + 1] - offsets[row]
                blocks = max(blocks, (lengths[lane] + 127) // 128)
            for w in range(8):
                h[lane, w] = iv[w]
            h[lane, 0] ^= np.uint64(0x01010000 | 8)  # digest length 8, no key, fanout/depth 1
        for block in range(blocks):
            pos = block * 128
            for lane in range(LANES):
                n = lengths[lane]
                take = min(128, n - pos) if n > pos else 0
                at = starts[lane] + pos
                for w in range(16):  # the block's words, little-endian, zero-padded
                    left = take - 8 * w
                    x = np.uint64(0)
                    if left >= 8:
                        x = load_u64(data, at + 8 * w)  # type: ignore[call-arg]
                    elif left > 0:
                        x = load_tail_u64(data, at + 8 * w, left)
                    work[(16 + w) * LANES + lane] = x
                for w in range(8):
                    work[w * LANES + lane] = h[lane, w]
                    work[(8 + w) * LANES + lane] = iv[w]
                work[12 * LANES + lane] ^= np.uint64(pos + take)  # bytes hashed so far
                if pos + take >= n:
                    work[14 * LANES + lane] = ~work[14 * LANES + lane]  # the last block
            _compress_lanes(work)  # type: ignore[call-arg]
            for lane in range(k):
                if pos < lengths[lane] or pos == 0:  # a block of this lane's string
                    for w in range(8):
                        h[lane, w] ^= work[w * LANES + lane] ^ work[(8 + w) * LANES + lane]
        for lane in range(k):
            # The digest is h[0]'s bytes little-endian first; the key reads them big-endian
            # (as its hex digits do): swap the bytes, then flip the top bit (key_ints).
            d = h[lane, 0]
            d = ((d & np.uint64(0x00FF00FF00FF00FF)) << np.uint64(8)) | (
                (d >> np.uint64(8)) & np.uint64(0x00FF00FF00FF00FF))
            d = ((d & np.uint64(0x0000FFFF0000FFFF)) << np.uint64(16)) | (
                (d >> np.uint64(16)) & np.uint64(0x0000FFFF0000FFFF))
            d = (d << np.uint64(32)) | (d >> np.uint64(32))
            out[order[g + lane]] = np.int64(d ^ np.uint64(0x8000000000000000))


def blake2b64_ints(values: pa.Array) -> pa.Array:
    """The ``int64`` key (``store.key_ints.key_ints`` of the hex key) of
    ``hashlib.blake2b(v.encode(), digest_size=8)`` of each string; nulls stay null."""
    data, offsets = string_buffers(values)
    n = len(values)
    out = np.empty(n, dtype=np.int64)
    # Strings of one block first, then two...: a group of LANES compresses as many blocks
    # as its longest string has (a stable radix sort of small integers; the order only
    # saves work, every key is the same whatever it is).
    blocks = np.minimum((np.diff(offsets) + 127) >> 7, np.iinfo(np.int16).max)
    order = np.argsort(blocks.astype(np.int16), kind="stable")
    _blake2b64_ints(data, offsets, order, out, _IV)
    validity = values.buffers()[0] if values.null_count else None
    if validity is not None and values.offset:
        validity = pa.array(np.asarray(values.is_valid())).buffers()[1]
    return pa.Array.from_buffers(
        pa.int64(), n, [validity, pa.py_buffer(out)], null_count=values.null_count
    )


def blake2b64_hex(values: pa.Array) -> pa.Array:
    """``hashlib.blake2b(v.encode(), digest_size=8).hexdigest()`` of each string; nulls stay
    null."""
    return key_strings(blake2b64_ints(values))

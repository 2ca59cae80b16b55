"""``load_u64``/``store_u64``: eight bytes of a byte array as one integer, at any offset,
in numba kernels (``load_tail_u64``: the last 0-8 bytes of a string, zero-padded);
``bytes_equal`` and the word masks ``ONES``/``HIGHS``/``LOW7`` test the bytes of such a word.

Kernels that scan UTF-8 buffers (``keyhash``' message words, ``unitbreak``'s URL/e-mail
prefilter and unit split, ``skeleton``'s quote, number and copy passes) read and write 8
bytes per access instead of 8 loads and shifts. numba has no unaligned access of a wider
type to a ``uint8`` array, so these intrinsics emit the one LLVM load or store (``align 1``;
x86 and ARM64 access unaligned words natively). Little-endian byte order, as every machine
numba targets here (x86-64, ARM64) is.
"""

from __future__ import annotations

import numba
import numpy as np
from llvmlite import ir
from numba import types
from numba.extending import intrinsic

__all__ = ["HIGHS", "LOW7", "ONES", "bytes_equal", "load_tail_u64", "load_u64", "store_u64"]

# Word masks for byte tests on a loaded uint64: 0x01, 0x80 and 0x7F in each byte.
ONES = np.uint64(0x0101010101010101)
HIGHS = np.uint64(0x8080808080808080)
LOW7 = np.uint64(0x7F7F7F7F7F7F7F7F)


@intrinsic
def load_u64(typingctx, data, index):  # type: ignore[no-untyped-def]
    """The 8 bytes of a uint8 array at ``index`` as a little-endian uint64; the caller keeps
    ``0 <= index`` and ``index + 8 <= data.size`` (nothing is checked)."""
    sig = types.uint64(data, types.int64)

    def codegen(context, builder, signature, args):  # type: ignore[no-untyped-def]
        arr = context.make_array(signature.args[0])(context, builder, args[0])
        i64 = ir.IntType(64)
        ptr = builder.gep(arr.data, [args[1]], source_etype=ir.IntType(8))
        return builder.load(builder.bitcast(ptr, i64.as_pointer()), typ=i64, align=1)

    return sig, codegen


@intrinsic
def store_u64(typingctx, data, index, value):  # type: ignore[no-untyped-def]
    """Write ``value`` as 8 little-endian bytes of a uint8 array at ``index``; the caller
    keeps ``0 <= index`` and ``index + 8 <= data.size`` (nothing is checked)."""
    sig = types.void(data, types.int64, types.uint64)

    def codegen(context, builder, signature, args):  # type: ignore[no-untyped-def]
        arr = context.make_array(signature.args[0])(context, builder, args[0])
        i64 = ir.IntType(64)
        ptr = builder.gep(arr.data, [args[1]], source_etype=ir.IntType(8))
        builder.store(args[2], builder.bitcast(ptr, i64.as_pointer()), align=1)
        return context.get_dummy_value()

    return sig, codegen


@numba.njit(cache=True, nogil=True, inline="always")
def bytes_equal(word: np.uint64, byte: int) -> np.uint64:
    """The high bit of exactly each byte of ``word`` that is ``byte`` (the exact zero-byte
    test of ``word ^ byte...byte``: no false bit above a matching byte)."""
    x = word ^ (ONES * np.uint64(byte))
    return ~(((x & LOW7) + LOW7) | x) & HIGHS


@numba.njit(cache=True, nogil=True, inline="always")
def load_tail_u64(data: np.ndarray, start: int, n: int) -> np.uint64:
    """The ``n`` <= 8 bytes at ``start`` as a little-endian integer (zero above them): one
    masked word load where the buffer holds 8 bytes from ``start``, else byte by byte (the
    buffer's last bytes)."""
    if n == 0:
        return np.uint64(0)
    if start + 8 <= data.size:
        full = load_u64(data, start)  # type: ignore[call-arg, var-annotated]
        return full if n == 8 else full & ((np.uint64(1) << np.uint64(8 * n)) - np.uint64(1))
    acc = np.uint64(0)
    for j in range(n):
        acc |= np.uint64(data[start + j]) << np.uint64(8 * j)
    return acc

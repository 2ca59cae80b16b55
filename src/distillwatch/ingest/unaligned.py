"""``load_u64``/``store_u64``: eight bytes of a byte array as one integer, at any offset,
in numba kernels.

Kernels that scan UTF-8 buffers (``keyhash``' message words, ``unitbreak``'s URL/e-mail
prefilter and unit split) read and write 8 bytes per access instead of 8 loads and
shifts. numba has no unaligned access of a wider type to a ``uint8`` array, so these
intrinsics emit the one LLVM load or store (``align 1``; x86 and ARM64 access unaligned
words natively). Little-endian byte order, as
every machine numba targets here (x86-64, ARM64) is.
"""

from __future__ import annotations

from llvmlite import ir
from numba import types
from numba.extending import intrinsic

__all__ = ["load_u64", "store_u64"]


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

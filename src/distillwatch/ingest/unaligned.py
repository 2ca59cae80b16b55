"""``load_u64``: eight bytes of a byte array as one integer, at any offset, in numba kernels.

Kernels that scan UTF-8 buffers (``keyhash``' message words, ``unitbreak``'s URL/e-mail
prefilter) read 8 bytes per load instead of 8 loads and shifts. numba has no unaligned
load of a wider type from a ``uint8`` array, so this intrinsic emits the one LLVM load
(``align 1``; x86 and ARM64 load unaligned words natively). Little-endian byte order, as
every machine numba targets here (x86-64, ARM64) is.
"""

from __future__ import annotations

from llvmlite import ir
from numba import types
from numba.extending import intrinsic

__all__ = ["load_u64"]


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

"""``sum_rows``: the sum of a set of weight rows, as SIMD vectors (a numba intrinsic).

Scoring a request is, after hashing, a sum of about a thousand rows of the weight table (one
per n-gram; ``len(classes)`` float32 values each) picked at random. Written as a numba loop,
LLVM either keeps six scalar float64 accumulators (each add waits four cycles on the one
before) or turns the loop into hardware gathers across n-grams (slow on x86). Here each row
is one 8-lane vector load, widened to float64 and added to one of four accumulator vectors
used in turn, so the adds do not wait on each other and the loads overlap: about 3x fewer
cycles per row than the scalar loop (``bench/signals.py``).

Exactness: each lane is summed in float64. The shipped model's weights are float16 values
(multiples of 2**-24), so every partial sum of n rows is a multiple of 2**-24 below
n * max|w|, exact in float64 while that stays below 2**29 (max |w| is 15.7: any n below
2**25), whatever the order: the four accumulators give the same logits, bit for bit, as one
sequential sum. Weights that are not float16 values differ from a sequential sum by float64
rounding only (about 1e-16 relative).

The table must be C-contiguous float32 with ``1 <= columns <= 8`` and enough rows after the
last bucket that an 8-lane read from any bucket's row stays inside it
(:func:`padded_rows`); lanes past the row's own columns read the next row and are ignored.

numba's on-disk cache keys a compiled function on its own file: after editing this module,
touch ``intent.py`` (or delete its ``__pycache__``) so the kernels that inline it recompile.
"""

from __future__ import annotations

from typing import Any

from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic

LANES = 8
_ACCUMULATORS = 4


def padded_rows(rows: int, columns: int) -> int:
    """Rows to allocate so that an 8-lane read from row ``rows - 1`` stays in bounds."""
    if not 1 <= columns <= LANES:
        raise ValueError(f"weight rows of 1..{LANES} columns, not {columns}")
    return rows + -(-(LANES - columns) // columns)


@intrinsic
def sum_rows(typingctx: Any, ids: Any, start: Any, stop: Any, weights: Any, out: Any) -> Any:
    """``out[:8] = sum(weights[ids[j], 0:8] for j in range(start, stop))`` in float64.

    ``ids``: int32 row numbers (non-negative); ``weights``: 2-D C-contiguous float32;
    ``out``: float64, at least 8 long. Lanes beyond ``weights.shape[1]`` hold junk."""
    if not (isinstance(ids, types.Array) and ids.dtype == types.int32
            and isinstance(weights, types.Array) and weights.dtype == types.float32
            and weights.ndim == 2 and weights.layout == "C"
            and isinstance(out, types.Array) and out.dtype == types.float64
            and isinstance(start, types.Integer) and isinstance(stop, types.Integer)):
        return None
    sig = types.void(ids, start, stop, weights, out)

    def codegen(context: Any, builder: ir.IRBuilder, signature: Any, args: Any) -> Any:
        ids_v, start_v, stop_v, w_v, out_v = args
        start_v = context.cast(builder, start_v, signature.args[1], types.int64)
        stop_v = context.cast(builder, stop_v, signature.args[2], types.int64)
        ids_a = context.make_array(signature.args[0])(context, builder, ids_v)
        w_a = context.make_array(signature.args[3])(context, builder, w_v)
        out_a = context.make_array(signature.args[4])(context, builder, out_v)
        i64 = ir.IntType(64)
        f64x = ir.VectorType(ir.DoubleType(), LANES)
        f32x = ir.VectorType(ir.FloatType(), LANES)
        columns = builder.extract_value(w_a.shape, 1)
        accs = [cgutils.alloca_once_value(builder, ir.Constant(f64x, None))
                for _ in range(_ACCUMULATORS)]

        def row(j: ir.Value) -> ir.Value:
            idx = builder.sext(builder.load(builder.gep(ids_a.data, [j])), i64)
            ptr = builder.gep(w_a.data, [builder.mul(idx, columns)])
            vec = builder.load(builder.bitcast(ptr, f32x.as_pointer()), align=4)
            return builder.fpext(vec, f64x)

        def add(acc: ir.Value, j: ir.Value) -> None:
            builder.store(builder.fadd(builder.load(acc), row(j)), acc)

        n = builder.sub(stop_v, start_v)
        blocks = builder.sdiv(n, ir.Constant(i64, _ACCUMULATORS))
        with cgutils.for_range(builder, blocks) as loop:
            base = builder.add(start_v, builder.mul(loop.index, ir.Constant(i64, _ACCUMULATORS)))
            for a, acc in enumerate(accs):
                add(acc, builder.add(base, ir.Constant(i64, a)))
        tail = builder.add(start_v, builder.mul(blocks, ir.Constant(i64, _ACCUMULATORS)))
        with cgutils.for_range_slice(builder, tail, stop_v, ir.Constant(i64, 1)) as (j, _):
            add(accs[0], j)
        total = builder.load(accs[0])
        for acc in accs[1:]:
            total = builder.fadd(total, builder.load(acc))
        builder.store(total, builder.bitcast(out_a.data, f64x.as_pointer()), align=8)
        return context.get_dummy_value()

    return sig, codegen


"""The stored ``minhash`` column: its two on-disk types and the conversions between them.

Current type (``MINHASH_TYPE``, "binary"): each signature is one 256-byte value, its 64
uint32 values little-endian in permutation order (null: a prompt without words). Older
stores hold ``fixed_size_list<uint32>[64]`` (``LEGACY_MINHASH_TYPE``, "list"): the same
numbers in the same order, as a repeated Parquet field. Why binary: a repeated field is
encoded and decoded value by value with repetition/definition levels; one flat value per row
writes ~3x and reads ~2x faster (see docs/ingest.md "Store layout").

Plain ``binary`` rather than ``fixed_size_binary(256)``: Ibis has no fixed-size binary type
(``ibis.dtype`` raises on it, and detect builds null columns of the store's types with it),
while the sizes and CPU of the two differ by ~2% (measured, docs/ingest.md). The length is
an invariant of the writers (:func:`signature_column`) and checked by the readers.

No numba here: readers (linkage, migrate) import this without loading compiled kernels.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.schema import MINHASH_PERMUTATIONS

__all__ = [
    "LEGACY_MINHASH_TYPE",
    "MINHASH_BYTES",
    "MINHASH_TYPE",
    "column_format",
    "signature_column",
    "signature_matrix",
    "to_binary",
    "to_list",
]

MINHASH_BYTES = 4 * MINHASH_PERMUTATIONS
MINHASH_TYPE = pa.binary()
LEGACY_MINHASH_TYPE = pa.list_(pa.uint32(), MINHASH_PERMUTATIONS)
# Rows per binary chunk: int32 offsets address 2 GiB of values.
_CHUNK_ROWS = (2**31 - 1) // MINHASH_BYTES

U32 = npt.NDArray[np.uint32]
Bools = npt.NDArray[np.bool_]
Rows = npt.NDArray[np.int64]


def column_format(t: pa.DataType) -> str:
    """"binary" or "list" for a stored ``minhash`` type; ValueError for anything else."""
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t):
        return "binary"
    if pa.types.is_list(t) or pa.types.is_fixed_size_list(t) or pa.types.is_large_list(t):
        return "list"
    raise ValueError(f"not a MinHash column type: {t}")


def signature_column(sig: U32, valid: Bools | None = None) -> pa.Array:
    """The binary column of signature matrix ``sig`` (rows x 64 uint32), null where ``valid``
    is False. The values are the matrix's own memory (no copy) when it is C-contiguous
    little-endian uint32; only the offsets and validity bitmap are new."""
    n, width = sig.shape
    data = np.ascontiguousarray(sig, dtype="<u4")
    step = 4 * width
    if n > _CHUNK_ROWS:  # never for an ingest batch; kept correct anyway
        return pa.chunked_array(
            [
                signature_column(data[lo : lo + _CHUNK_ROWS],
                                 None if valid is None else valid[lo : lo + _CHUNK_ROWS])
                for lo in range(0, n, _CHUNK_ROWS)
            ]
        ).combine_chunks()
    offsets = np.arange(0, (n + 1) * step, step, dtype=np.int32)
    if valid is None or bool(valid.all()):
        bitmap, nulls = None, 0
    else:
        bitmap = pa.py_buffer(np.packbits(valid, bitorder="little"))
        nulls = int(n - np.count_nonzero(valid))
    return pa.Array.from_buffers(
        MINHASH_TYPE, n, [bitmap, pa.py_buffer(offsets), pa.py_buffer(data)], null_count=nulls
    )


def signature_matrix(col: pa.Array | pa.ChunkedArray, width: int) -> tuple[U32, Rows]:
    """The first ``width`` values of each signature in ``col`` (either stored type, or the
    int64 lists Spark reads the list type as) as a uint32 matrix, and the rows of ``col``
    they come from: null signatures and ones shorter than ``width`` are left out."""
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks() if col.num_chunks != 1 else col.chunk(0)
    if column_format(col.type) == "binary":
        return _binary_matrix(col, width)
    return _list_matrix(col, width)


def _binary_matrix(col: pa.Array, width: int) -> tuple[U32, Rows]:
    if pa.types.is_fixed_size_binary(col.type):
        col = col.cast(pa.binary())
    need = 4 * width
    lens = np.asarray(pc.binary_length(col).fill_null(0).to_numpy(zero_copy_only=False),
                      dtype=np.int64)
    row = np.flatnonzero(lens >= need)
    if len(row) == 0:
        return np.zeros((0, width), dtype=np.uint32), row
    big = pa.types.is_large_binary(col.type)
    off = np.frombuffer(col.buffers()[1], dtype=np.int64 if big else np.int32)
    starts: Rows = np.asarray(off[col.offset : col.offset + len(col)], dtype=np.int64)[row]
    raw = np.frombuffer(col.buffers()[2], dtype=np.uint8)
    base = int(starts[0])
    if len(row) == len(col) and np.all(lens == need):
        # every row a full signature, back to back: a view, no gather
        flat = raw[base : base + len(row) * need]
    else:
        flat = raw[(starts[:, None] + np.arange(need)[None, :]).reshape(-1)]
    return flat.view("<u4").reshape(len(row), width).astype(np.uint32), row


def _list_matrix(col: pa.Array, width: int) -> tuple[U32, Rows]:
    # Spark reads the stored uint32 as int64: values go through int64 on every engine.
    lens = np.asarray(pc.list_value_length(col).fill_null(0).to_numpy(zero_copy_only=False),
                      dtype=np.int64)
    row = np.flatnonzero(lens >= width)
    if len(row) == 0:
        return np.zeros((0, width), dtype=np.uint32), row
    if len(row) < len(col):
        col = col.take(pa.array(row))
    flat = np.asarray(pc.list_flatten(col).to_numpy(zero_copy_only=False), dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(lens[row])[:-1]])
    return flat[starts[:, None] + np.arange(width)[None, :]].astype(np.uint32), row


def to_binary(col: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """``col`` as the current binary type (a binary column is returned as it is). Raises
    ValueError on a non-null signature that is not ``MINHASH_PERMUTATIONS`` values long."""
    if column_format(col.type) == "binary":
        return col.cast(MINHASH_TYPE) if col.type != MINHASH_TYPE else col
    return _per_chunk(col, MINHASH_TYPE, signature_column)


def to_list(col: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """``col`` as the legacy ``fixed_size_list<uint32>[64]`` type (for a store still in it)."""
    if column_format(col.type) == "list":
        return col.cast(LEGACY_MINHASH_TYPE) if col.type != LEGACY_MINHASH_TYPE else col
    return _per_chunk(
        col,
        LEGACY_MINHASH_TYPE,
        lambda full, valid: pa.FixedSizeListArray.from_arrays(
            pa.array(full.reshape(-1), pa.uint32()), MINHASH_PERMUTATIONS,
            mask=None if valid.all() else pa.array(~valid),
        ),
    )


def _per_chunk(
    col: pa.Array | pa.ChunkedArray, to: pa.DataType, build: Callable[[U32, Bools], pa.Array]
) -> pa.Array | pa.ChunkedArray:
    """``build`` (from the full signature matrix and validity of one chunk, :func:`_full`)
    applied chunk by chunk: a chunked column stays chunked."""
    if isinstance(col, pa.ChunkedArray):
        return pa.chunked_array([build(*_full(c)) for c in col.chunks], to)
    return build(*_full(col))


def _full(c: pa.Array) -> tuple[U32, Bools]:
    """(rows x 64 signature matrix, zeros under nulls; validity) of one chunk of either stored
    type. Raises ValueError on a non-null signature of another length."""
    valid = np.asarray(c.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    if column_format(c.type) == "binary":
        lens = np.asarray(pc.binary_length(c).fill_null(0).to_numpy(zero_copy_only=False))
        if np.any(lens[valid] != MINHASH_BYTES):
            raise ValueError(f"MinHash signatures must be {MINHASH_BYTES} bytes")
    else:
        lens = np.asarray(pc.list_value_length(c).fill_null(0).to_numpy(zero_copy_only=False))
        if np.any(lens[valid] != MINHASH_PERMUTATIONS):
            raise ValueError(f"MinHash signatures must have {MINHASH_PERMUTATIONS} values")
        if c.type == LEGACY_MINHASH_TYPE:
            # the stored type: its child array is the signature matrix already, so no gather
            # (values under null slots are placeholders; the binary column masks them too)
            child = c.values.slice(c.offset * MINHASH_PERMUTATIONS, len(c) * MINHASH_PERMUTATIONS)
            full = np.asarray(child.fill_null(0).to_numpy(), dtype=np.uint32)
            return full.reshape(len(c), MINHASH_PERMUTATIONS), valid
    sig, row = signature_matrix(c, MINHASH_PERMUTATIONS)
    full = np.zeros((len(c), MINHASH_PERMUTATIONS), dtype=np.uint32)
    full[row] = sig
    return full, valid

"""The stored ``minhash`` column: its on-disk forms and the conversions between them.

Current form (``MINHASH_TYPE``, "binary", 16-bit): each signature is one 128-byte value,
the low 16 bits of each of its 64 MinHash values as uint16 little-endian, in permutation
order (null: a prompt without words). b-bit minwise hashing (Li & Koenig 2010) with b = 16:
two signatures of unrelated texts agree on a value by chance with probability 2^-16, so an
LSH band of 4 rows is a 64-bit key (chance match 2^-64) and the share of equal values
estimates the Jaccard similarity ``J`` with a bias of ``(1 - J) / 65536``. The values are
random, so incompressible: half the bytes is half the column's IPC, encoding, disk and
decoding cost (docs/ingest.md "Store layout").

Older forms, still read (as their low 16 bits) and appended to in kind:

- 256-byte binary values: the 64 full uint32 values little-endian (``WIDE_MINHASH_BYTES``);
  same Parquet type, told apart by their length, so a store may hold both (old parts and
  newly appended ones: every reader takes the low 16 bits, so they compare correctly);
- ``fixed_size_list<uint32>[64]`` (``LEGACY_MINHASH_TYPE``, "list"): the 64 numbers as a
  repeated Parquet field. Binary was chosen over it because a repeated field is encoded and
  decoded value by value with repetition/definition levels; one flat value per row writes
  ~3x and reads ~2x faster.

``distillwatch store migrate`` rewrites both older forms as 128-byte values (exact: the low
16 bits are all any reader uses).

Plain ``binary`` rather than ``fixed_size_binary(128)``: Ibis has no fixed-size binary type
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
    "WIDE_MINHASH_BYTES",
    "column_format",
    "is_current",
    "signature_column",
    "signature_matrix",
    "to_binary",
    "to_list",
]

MINHASH_BYTES = 2 * MINHASH_PERMUTATIONS  # 64 x uint16: what writers write
WIDE_MINHASH_BYTES = 4 * MINHASH_PERMUTATIONS  # 64 x uint32: binary values of older stores
MINHASH_TYPE = pa.binary()
LEGACY_MINHASH_TYPE = pa.list_(pa.uint32(), MINHASH_PERMUTATIONS)
LOW16 = 0xFFFF
# Rows per binary chunk: int32 offsets address 2 GiB of values.
_CHUNK_ROWS = (2**31 - 1) // MINHASH_BYTES

U16 = npt.NDArray[np.uint16]
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


def is_current(col: pa.Array | pa.ChunkedArray) -> bool:
    """Whether ``col`` is binary with every non-null value ``MINHASH_BYTES`` long (the form
    writers write now; nothing to migrate)."""
    if column_format(col.type) != "binary":
        return False
    lens = pc.binary_length(col)
    return bool(pc.all(pc.equal(lens, MINHASH_BYTES)).as_py() is not False)


def signature_column(sig: U16 | U32, valid: Bools | None = None) -> pa.Array:
    """The binary column of signature matrix ``sig`` (rows x 64 values), null where ``valid``
    is False: the low 16 bits of each value as uint16 little-endian. The values are the
    matrix's own memory (no copy) when it is a C-contiguous little-endian uint16 matrix, as
    the sketch kernels write it; only the offsets and validity bitmap are new. A wider
    matrix (older 32-bit values) is narrowed to its low 16 bits first (a copy)."""
    n, width = sig.shape
    if sig.dtype.itemsize != 2:
        sig = (sig & LOW16).astype("<u2")
    data = np.ascontiguousarray(sig, dtype="<u2")
    step = 2 * width
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
    """The low 16 bits of the first ``width`` values of each signature in ``col`` (any stored
    form: 128-byte or 256-byte binary, the list type, or the int64 lists Spark reads it as)
    as a uint32 matrix (values < 65536), and the rows of ``col`` they come from: null
    signatures and ones shorter than ``width`` values are left out.

    The one column-wide decoder of stored signatures (``ingest.sketch._signature_values``
    decodes single values the same way): every stored form gives the same numbers for the
    same prompt, so old, new and mixed stores band alike. A binary value of
    ``WIDE_MINHASH_BYTES`` holds uint32 values; any other length, uint16 values."""
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks() if col.num_chunks != 1 else col.chunk(0)
    if column_format(col.type) == "binary":
        return _binary_matrix(col, width)
    return _list_matrix(col, width)


def _binary_matrix(col: pa.Array, width: int) -> tuple[U32, Rows]:
    if pa.types.is_fixed_size_binary(col.type):
        col = col.cast(pa.binary())
    lens = np.asarray(pc.binary_length(col).fill_null(0).to_numpy(zero_copy_only=False),
                      dtype=np.int64)
    size = np.where(lens == WIDE_MINHASH_BYTES, 4, 2)
    row = np.flatnonzero(lens >= size * width)
    if len(row) == 0:
        return np.zeros((0, width), dtype=np.uint32), row
    kept = lens[row]
    # one length in practice (no sort for it); two (128, 256) in a mixed store's read
    lengths = kept[:1] if kept.min() == kept.max() else np.unique(kept)
    if len(lengths) == 1:
        return _same_length(col, row, int(lengths[0]), width), row
    out = np.empty((len(row), width), dtype=np.uint32)
    for length in lengths:
        at = np.flatnonzero(kept == length)
        out[at] = _same_length(col, row[at], int(length), width)
    return out, row


def _same_length(col: pa.Array, rows: Rows, length: int, width: int) -> U32:
    """The first ``width`` values (low 16 bits) of the binary values ``rows`` of ``col``,
    each ``length`` bytes: a view of the values when the rows lie back to back, else of a
    compact copy of those rows (Arrow's take)."""
    if rows[-1] - rows[0] != len(rows) - 1:
        col = col.take(pa.array(rows))
        rows = np.arange(len(rows), dtype=np.int64)
    big = pa.types.is_large_binary(col.type)
    off = np.frombuffer(col.buffers()[1], dtype=np.int64 if big else np.int32)
    base = int(off[col.offset + int(rows[0])])
    raw = np.frombuffer(col.buffers()[2], dtype=np.uint8)[base : base + len(rows) * length]
    if length == WIDE_MINHASH_BYTES:
        per = length // 4
        wide = raw.view("<u4").reshape(len(rows), per)[:, :width]
        return (wide & np.uint32(LOW16)).astype(np.uint32)
    if length % 2:  # an odd length cannot be viewed as uint16 in place
        raw = raw.reshape(len(rows), length)[:, : 2 * width].copy()
        length = 2 * width
    per = length // 2
    return raw.view("<u2").reshape(len(rows), per)[:, :width].astype(np.uint32)


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
    return (flat[starts[:, None] + np.arange(width)[None, :]] & LOW16).astype(np.uint32), row


def to_binary(col: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """``col`` in the current form: binary, 128 bytes per signature (a column already in it
    is returned as it is). Older values become their low 16 bits (exact: all any reader
    uses). Raises ValueError on a non-null signature that is not ``MINHASH_PERMUTATIONS``
    values long."""
    if is_current(col):
        return col.cast(MINHASH_TYPE) if col.type != MINHASH_TYPE else col
    return _per_chunk(col, MINHASH_TYPE, signature_column)


def to_list(col: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """``col`` as the legacy ``fixed_size_list<uint32>[64]`` type (for a store still in it);
    binary values become the numbers they hold (their low 16 bits); list values are kept."""
    if column_format(col.type) == "list":
        return col.cast(LEGACY_MINHASH_TYPE) if col.type != LEGACY_MINHASH_TYPE else col
    return _per_chunk(
        col,
        LEGACY_MINHASH_TYPE,
        lambda full, valid: pa.FixedSizeListArray.from_arrays(
            pa.array(full.reshape(-1).astype(np.uint32), pa.uint32()), MINHASH_PERMUTATIONS,
            mask=None if valid.all() else pa.array(~valid),
        ),
    )


def _per_chunk(
    col: pa.Array | pa.ChunkedArray, to: pa.DataType, build: Callable[[U16, Bools], pa.Array]
) -> pa.Array | pa.ChunkedArray:
    """``build`` (from the 16-bit signature matrix and validity of one chunk, :func:`_full`)
    applied chunk by chunk: a chunked column stays chunked."""
    if isinstance(col, pa.ChunkedArray):
        return pa.chunked_array([build(*_full(c)) for c in col.chunks], to)
    return build(*_full(col))


def _full(c: pa.Array) -> tuple[U16, Bools]:
    """(rows x 64 matrix of the low 16 bits of each value, zeros under nulls; validity) of
    one chunk of any stored form. Raises ValueError on a non-null signature of another
    length."""
    valid = np.asarray(c.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    if column_format(c.type) == "binary":
        lens = np.asarray(pc.binary_length(c).fill_null(0).to_numpy(zero_copy_only=False))
        got = lens[valid]
        if np.any((got != MINHASH_BYTES) & (got != WIDE_MINHASH_BYTES)):
            raise ValueError(f"MinHash signatures must be {MINHASH_BYTES} bytes "
                             f"({WIDE_MINHASH_BYTES} in older stores)")
    else:
        lens = np.asarray(pc.list_value_length(c).fill_null(0).to_numpy(zero_copy_only=False))
        if np.any(lens[valid] != MINHASH_PERMUTATIONS):
            raise ValueError(f"MinHash signatures must have {MINHASH_PERMUTATIONS} values")
        if c.type == LEGACY_MINHASH_TYPE:
            # the stored type: its child array is the signature matrix already, so no gather
            # (values under null slots are placeholders; the binary column masks them too)
            child = c.values.slice(c.offset * MINHASH_PERMUTATIONS, len(c) * MINHASH_PERMUTATIONS)
            full = np.asarray(child.fill_null(0).to_numpy(), dtype=np.uint32) & np.uint32(LOW16)
            return full.astype(np.uint16).reshape(len(c), MINHASH_PERMUTATIONS), valid
    sig, row = signature_matrix(c, MINHASH_PERMUTATIONS)
    full = np.zeros((len(c), MINHASH_PERMUTATIONS), dtype=np.uint16)
    full[row] = sig
    return full, valid

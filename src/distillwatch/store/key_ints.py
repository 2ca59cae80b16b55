"""Template and item keys as 64-bit integers (``template_key64``, ``item_key64``).

``template_key`` and ``item_key`` are 16 lowercase hex digits of a 64-bit hash (see
:mod:`distillwatch.ingest.sketch`). The store also holds each as one ``int64``: the key's
value with its top bit flipped, read as signed (``int(key, 16) - 2**63``). The map is one to
one, so grouping or joining on the integer is grouping or joining on the key with no
collision check, and it keeps the order (integers sort as the strings do), so ties broken on
the integer break as they did on the string. Engines group fixed-width integers several times
faster than 16-byte strings; detect's template, item and partition steps read these columns.
Null keys stay null.

A store whose part files lack the columns (written before them) is refused by
``Store.events`` and by ``ingest`` (appending would leave it mixed) through
:func:`require_key_ints`, which reads footers only; ``distillwatch store migrate`` adds them.
"""

from __future__ import annotations

import binascii
import os
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from distillwatch.exceptions import StoreError

KEY_INT_COLUMNS: dict[str, str] = {"template_key": "template_key64", "item_key": "item_key64"}
KEY_HEX_CHARS = 16
_SIGN = np.uint64(1 << 63)
_ZERO_KEY = "0" * KEY_HEX_CHARS


def key_ints(keys: pa.Array | pa.ChunkedArray) -> pa.Array:
    """``int64`` of each 16-lowercase-hex-digit key (nulls stay null); ValueError on any
    other string."""
    if isinstance(keys, pa.ChunkedArray):
        keys = keys.combine_chunks() if keys.num_chunks else pa.array([], pa.string())
    if pa.types.is_dictionary(keys.type):
        keys = keys.dictionary_decode()
    if pa.types.is_large_string(keys.type):
        keys = keys.cast(pa.string())
    n = len(keys)
    if n == 0:
        return pa.array([], pa.int64())
    filled = pc.fill_null(keys, _ZERO_KEY)
    lengths = pc.binary_length(filled)
    if pc.min(lengths).as_py() != KEY_HEX_CHARS or pc.max(lengths).as_py() != KEY_HEX_CHARS:
        raise ValueError(f"keys must be {KEY_HEX_CHARS} hex digits")
    offsets = np.frombuffer(
        filled.buffers()[1], dtype=np.int32, count=n + 1, offset=filled.offset * 4
    )
    data = filled.buffers()[2]
    raw = memoryview(data)[offsets[0] : offsets[-1]]  # contiguous: every value is 16 bytes
    # unhexlify reads "A"-"F" as "a"-"f": refused, or two keys distinct as strings (only
    # lowercase is written) would become one integer and key_strings would give the other
    upper = np.frombuffer(raw, dtype=np.uint8) - np.uint8(ord("A"))  # wraps below "A"
    if (upper < 6).any():
        raise ValueError(f"keys must be {KEY_HEX_CHARS} hex digits (lowercase)")
    try:
        digits = binascii.unhexlify(raw)
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"keys must be {KEY_HEX_CHARS} hex digits: {exc}") from None
    values = digest_ints(digits)
    if keys.null_count:
        mask = np.asarray(keys.is_null().to_numpy(zero_copy_only=False), dtype=bool)
        return pa.array(values, pa.int64(), mask=mask)
    return pa.array(values, pa.int64())


def key_strings(ints: pa.Array | pa.ChunkedArray | np.ndarray) -> pa.Array:
    """The 16-hex-digit keys of ``int64`` values (the inverse of :func:`key_ints`); nulls
    stay null."""
    validity: pa.Buffer | None = None
    null_count = 0
    if isinstance(ints, pa.ChunkedArray):
        ints = ints.combine_chunks() if ints.num_chunks else pa.array([], pa.int64())
    if isinstance(ints, pa.Array):
        if ints.null_count:
            null_count = ints.null_count
            # the keys take the integers' validity bitmap (rebuilt when sliced off a byte)
            validity = (ints.buffers()[0] if ints.offset == 0
                        else pa.array(np.asarray(ints.is_valid())).buffers()[1])
        if ints.type != pa.int64():
            ints = ints.cast(pa.int64())
        n = len(ints)
        # the data buffer as it is (to_numpy would give floats where there are nulls);
        # what lies under a null is formatted too and masked by the validity bitmap
        values = (np.frombuffer(ints.buffers()[1], dtype=np.int64, count=n, offset=ints.offset * 8)
                  if n else np.zeros(0, dtype=np.int64))
    else:
        values = np.asarray(ints, dtype=np.int64)
    n = values.size
    raw = (values.view(np.uint64) ^ _SIGN).astype(">u8").tobytes()
    data = pa.py_buffer(binascii.hexlify(raw))
    offsets = pa.py_buffer(np.arange(0, (n + 1) * KEY_HEX_CHARS, KEY_HEX_CHARS, dtype=np.int32))
    return pa.Array.from_buffers(
        pa.string(), n, [validity, offsets, data], null_count=null_count
    )


def digest_ints(digests: bytes) -> np.ndarray:
    """The ``int64`` keys of concatenated 8-byte BLAKE2b-64 digests (``hashlib``'s
    ``.digest()``): the key of each without making its hex first."""
    return (np.frombuffer(digests, dtype=">u8").astype(np.uint64) ^ _SIGN).view(np.int64)


def keys_lacking_ints(names: Iterable[str]) -> list[str]:
    """The string key columns among ``names`` whose integer column is not there too."""
    present = set(names)
    return [k for k, ki in KEY_INT_COLUMNS.items() if k in present and ki not in present]


_MAGIC = b"PAR1"
# A column name in the footer's Thrift (compact protocol): its length as a one-byte varint,
# then its bytes. Prefixing the length matches the whole name, not a longer name holding it.
_NAMES = {k: (bytes([len(k)]) + k.encode(), bytes([len(ki)]) + ki.encode())
          for k, ki in KEY_INT_COLUMNS.items()}


def _footer(path: Path) -> bytes | None:
    """The Thrift footer of a Parquet file, or None when it is not a plain one (encrypted,
    truncated)."""
    with path.open("rb") as fh:
        size = fh.seek(0, os.SEEK_END)
        if size < 12:
            return None
        fh.seek(size - 8)
        tail = fh.read(8)
        length = int.from_bytes(tail[:4], "little")
        if tail[4:] != _MAGIC or length > size - 12:
            return None
        fh.seek(size - 8 - length)
        return fh.read(length)


def missing_key_ints(path: Path) -> list[str]:
    """The integer key columns ``path`` lacks while holding their string key (a part file
    written before them: ``distillwatch store migrate`` adds them)."""
    footer = _footer(path)
    if footer is None:  # not a footer we can scan: ask Arrow (it raises on a broken file)
        return [KEY_INT_COLUMNS[k] for k in keys_lacking_ints(pq.read_schema(path).names)]
    return [KEY_INT_COLUMNS[k] for k, (name, int_name) in _NAMES.items()
            if name in footer and int_name not in footer]


def require_key_ints(root: Path, parts: Iterable[Path]) -> None:
    """Raise StoreError when a part file lacks ``template_key64``/``item_key64`` (or is no
    readable Parquet file)."""
    lacking = []
    for path in parts:
        try:
            missing = missing_key_ints(path)
        except (OSError, pa.ArrowException) as exc:
            raise StoreError(f"{path}: not a readable Parquet part file ({exc})") from None
        if missing:
            lacking.append((path, missing))
    if lacking:
        path, missing = lacking[0]
        raise StoreError(
            f"store {root} was written before {' and '.join(missing)} (integer template/item "
            f"keys): {len(lacking)} part file(s) lack them, e.g. {path}. Run `distillwatch "
            f"store migrate {root}` once (it adds them in place), then run this again"
        )


__all__ = [
    "KEY_HEX_CHARS",
    "KEY_INT_COLUMNS",
    "digest_ints",
    "key_ints",
    "key_strings",
    "keys_lacking_ints",
    "missing_key_ints",
    "require_key_ints",
]

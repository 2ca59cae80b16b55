"""The eight-lane BLAKE2b key kernel (``keyhash``: strings hashed LANES at a time, taken in
order of their block count) against ``hashlib``: groups mixing block counts, columns whose
size is no multiple of the lanes, and strings whose last word ends the data buffer (read
byte by byte there, never past it)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from sketch_checks import blake2b64_want

from distillwatch.ingest.keyhash import LANES, blake2b64_hex, blake2b64_ints
from distillwatch.store.key_ints import key_ints


def _exact(texts: list[str]) -> pa.Array:
    """A string array whose data buffer is exactly its bytes (no padding after the last)."""
    raw = [t.encode() for t in texts]
    offsets = np.concatenate(([0], np.cumsum([len(b) for b in raw]))).astype(np.int32)
    return pa.Array.from_buffers(
        pa.string(), len(texts), [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(raw))]
    )


@pytest.mark.parametrize("n", [1, LANES - 1, LANES, LANES + 1, 3 * LANES + 5])
def test_block_counts_mixed_in_every_group(n: int) -> None:
    rng = np.random.default_rng(n)
    # Lengths from 0 to 5 blocks, shuffled: each group of the input order mixes them, and
    # the kernel's order (by block count) must still write every key to its own row.
    lengths = rng.choice([0, 1, 7, 8, 127, 128, 129, 255, 256, 300, 640], size=n)
    texts: list[str | None] = ["".join(rng.choice(list("ab c"), k)) for k in lengths]
    assert blake2b64_hex(pa.array(texts, pa.string())).to_pylist() == blake2b64_want(texts)


@pytest.mark.parametrize("last", range(1, 17))
def test_last_string_ends_the_data_buffer(last: int) -> None:
    texts = ["x" * k for k in (3, 130, 9)] + ["é" * (last // 2) + "z" * (last % 2)]
    arr = _exact(texts)
    assert arr.buffers()[2].size == sum(len(t.encode()) for t in texts)
    assert blake2b64_hex(arr).to_pylist() == blake2b64_want(texts)


def test_ints_are_key_ints_of_the_hex_with_nulls_and_slices() -> None:
    rng = np.random.default_rng(3)
    texts: list[str | None] = [
        None if rng.random() < 0.1 else "w " * int(rng.integers(0, 200)) for _ in range(1000)
    ]
    arr = pa.array(texts, pa.string()).slice(13, 900)
    ints = blake2b64_ints(arr)
    hexes = pa.array(blake2b64_want(texts[13:913]), pa.string())
    assert ints.null_count == hexes.null_count
    assert ints.to_pylist() == key_ints(hexes).to_pylist()

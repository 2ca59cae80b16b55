"""The BLAKE2b key kernel (rounds written out with constant message indices) against
``hashlib`` on random strings, every block-boundary length and multi-byte text."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from sketch_checks import blake2b64_want

from distillwatch.ingest.keyhash import blake2b64_hex


def test_random_strings_match_hashlib() -> None:
    rng = np.random.default_rng(17)
    alphabet = np.array([*"abcXYZ 09.:\n", "é", "问", "🙂"])
    texts: list[str | None] = [
        "".join(rng.choice(alphabet, int(rng.integers(0, 700)))) for _ in range(3000)
    ]
    texts += ["x" * k for k in range(0, 520)]  # every length around 1-4 blocks
    texts += [None, "", None, "a\x00b", "\x00" * 129]
    assert blake2b64_hex(pa.array(texts, pa.string())).to_pylist() == blake2b64_want(texts)


def test_sliced_column_reads_its_own_bytes() -> None:
    texts: list[str | None] = [f"item {i} " * (i % 40) for i in range(300)]
    texts[7] = None
    arr = pa.array(texts, pa.string()).slice(5, 200)
    assert blake2b64_hex(arr).to_pylist() == blake2b64_want(texts[5:205])

"""16-bit stored MinHash values: ``minhash_similarity`` reads every stored form as the same
numbers (the low 16 bits), so old and new signatures of one prompt compare as equal."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from distillwatch.ingest.sketch import minhash_similarity, sketch_text
from distillwatch.schema import MINHASH_PERMUTATIONS

P = MINHASH_PERMUTATIONS


def _sketch(prompts: list[str]) -> list[bytes]:
    n = len(prompts)
    batch = pa.table({"system_prompt": pa.array([None] * n, pa.string()),
                      "prompt": pa.array(prompts, pa.string()),
                      "response": pa.array([None] * n, pa.string())})
    return sketch_text(batch)["minhash"].to_pylist()


def _as_older(sig: bytes, seed: int) -> tuple[bytes, list[int]]:
    """The 256-byte and list values an older store held for the prompt of ``sig``: the same
    low 16 bits (test_ingest_minhash pins them to the 32-bit scheme), some high bits."""
    low = np.frombuffer(sig, "<u2").astype(np.uint32)
    high = np.random.default_rng(seed).integers(0, 2**16, P, dtype=np.uint32) << 16
    full = low | high
    return full.astype("<u4").tobytes(), full.tolist()


def test_similarity_is_the_same_across_stored_forms() -> None:
    base = "please solve the following problem step by step and explain every step"
    near = base.replace("every", "each")
    far = "a completely different request about cooking pasta with tomatoes tonight"
    a, b, c = _sketch([base, near, far])
    assert len(a) == 2 * P
    want_near = minhash_similarity(a, b)
    assert want_near is not None and 0.3 < want_near < 1.0
    assert minhash_similarity(a, c) == pytest.approx(0.0, abs=0.05)
    a_wide, a_list = _as_older(a, 1)
    b_wide, b_list = _as_older(b, 2)
    for x in (a, a_wide, a_list):
        assert minhash_similarity(x, a) == 1.0
        for y in (b, b_wide, b_list):
            assert minhash_similarity(x, y) == want_near
    with pytest.raises(ValueError, match="uint16"):
        minhash_similarity(a, a[:-1])
    with pytest.raises(ValueError, match="same, non-zero length"):
        minhash_similarity(a, a[:64])

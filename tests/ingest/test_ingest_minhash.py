"""The sketch kernels (MinHash, BLAKE2b keys) against plain-Python readings of their specs."""

from __future__ import annotations

import hashlib
import random

import numpy as np
import pyarrow as pa

from distillwatch.ingest.keyhash import blake2b64_hex
from distillwatch.ingest.minhash import hash_words, permutations, signatures
from distillwatch.ingest.sketch import KERNEL_MIN_VALUES, sketch_one, sketch_text

M64 = (1 << 64) - 1


def test_permutations_reproduce_the_rensa_core_test_vector() -> None:
    # rensa-core's digest_prehashed golden vector (16 permutations, seed 42).
    a, b = permutations(16, 42)
    tokens = [1, 2, 3, 10, 20, 30, 999]
    digest = [min(((int(ai) * t + int(bi)) & M64) >> 32 for t in tokens) for ai, bi in
              zip(a, b, strict=True)]
    assert digest == [
        571772611, 936133835, 752080753, 481772021, 45178047, 175317472, 470513164,
        928706636, 766355169, 186861125, 104841669, 219275888, 723396917, 903182598,
        455784955, 153681280,
    ]
    assert all(int(x) & 1 for x in a)


def _fnv_fmix(word: str) -> int:
    h = 0xCBF29CE484222325
    for byte in word.encode():
        h = ((h ^ byte) * 0x100000001B3) & M64
    for mult in (0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53):
        h = ((h ^ (h >> 33)) * mult) & M64
    return h ^ (h >> 33)


def _rotl(x: int, k: int) -> int:
    return ((x << k) | (x >> (64 - k))) & M64


def test_kernels_match_the_scheme_written_in_python() -> None:
    rng = random.Random(5)
    vocab = ["a", "bé", "日本", "word", "x" * 40, ""]
    rows = [[rng.choice(vocab) for _ in range(rng.randint(0, 7))] for _ in range(60)]
    words = pa.array([w for r in rows for w in r], pa.string()).slice(0)
    hashes = hash_words(words)
    assert hashes.tolist() == [_fnv_fmix(w) for r in rows for w in r]
    # A sliced array (non-zero offset) hashes its own values.
    assert hash_words(words.slice(3, 5)).tolist() == hashes[3:8].tolist()

    a, b = permutations(8, 7)
    offsets = np.cumsum([0] + [len(r) for r in rows]).astype(np.int64)
    sig = signatures(hashes, offsets, a=a, b=b).to_pylist()
    for r, stored in zip(rows, sig, strict=True):
        if not r:
            assert stored is None
            continue
        assert len(stored) == 2 * len(a)  # uint16 little-endian, in permutation order
        got = [int.from_bytes(stored[i : i + 2], "little") for i in range(0, len(stored), 2)]
        h = [_fnv_fmix(w) for w in r] + [0, 0]
        shingles = [h[k] ^ _rotl(h[k + 1], 21) ^ _rotl(h[k + 2], 42)
                    for k in range(max(1, len(r) - 2))]
        # the 32-bit minimum of the scheme, then its low 16 bits (b-bit MinHash, b = 16)
        want = [min(((int(ai) * x + int(bi)) & M64) >> 32 for x in shingles) & 0xFFFF
                for ai, bi in zip(a, b, strict=True)]
        assert got == want


def test_blake2b_kernel_matches_hashlib() -> None:
    texts = ["", "a", "x" * 127, "y" * 128, "z" * 129, "é" * 200, "日本語のテキスト", "q" * 1000,
             None]
    got = blake2b64_hex(pa.array(texts, pa.string())).to_pylist()
    want = [None if t is None else hashlib.blake2b(t.encode(), digest_size=8).hexdigest()
            for t in texts]
    assert got == want
    # A slice keeps its own rows and nulls.
    assert blake2b64_hex(pa.array(texts, pa.string()).slice(5, 4)).to_pylist() == want[5:]


def test_keys_of_large_batches_match_the_per_request_keys() -> None:
    # From KERNEL_MIN_VALUES distinct prompts the kernel hashes the keys; a single request
    # takes hashlib. Both must give every row the same keys.
    prompts = [f"Solve step by step: item {i} about apples." for i in range(KERNEL_MIN_VALUES)]
    batch = sketch_text(pa.table({"prompt": pa.array(prompts, pa.string())})).to_pylist()
    for i in (0, 517, KERNEL_MIN_VALUES - 1):
        assert sketch_one(prompts[i]) == batch[i]

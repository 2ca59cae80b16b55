"""Hashed n-gram features: the fast scoring path equals the matrix path; documents stay apart."""

from __future__ import annotations

import numpy as np
import pytest

from distillwatch.signals.features import (
    FeatureSpec,
    clip,
    featurize,
    hashed_ngrams,
    linear_scores,
    request_text,
)

SPEC = FeatureSpec(bits=12)
TEXTS = [
    "Think step by step and show every step.",
    "",
    "What is the capital of France?",
    "请一步一步地思考，并写出每一步。",
    "x" * 3000,
    "Résous étape par étape : 12 + 30 = ?",
]


def test_linear_scores_equal_matrix_product() -> None:
    rng = np.random.default_rng(0)
    w = rng.normal(size=(SPEC.n_features, 6)).astype(np.float32)
    b = rng.normal(size=6)
    fast = linear_scores(TEXTS, SPEC, w, b)
    slow = featurize(TEXTS, SPEC) @ w + b
    # float32 sums over thousands of repeated n-grams ("xxx...") differ in the 4th digit
    np.testing.assert_allclose(fast, slow, rtol=1e-3, atol=1e-3)
    for i, t in enumerate(TEXTS):  # the one-document path (gateway) gives the same numbers
        np.testing.assert_array_equal(linear_scores([t], SPEC, w, b)[0], fast[i])


def test_documents_do_not_leak_into_each_other() -> None:
    alone = featurize(["show your reasoning"], SPEC).toarray()[0]
    together = featurize(["show your reasoning", "hidden chain of thought"], SPEC).toarray()[0]
    np.testing.assert_array_equal(alone, together)


def test_empty_text_has_no_features() -> None:
    x = featurize(["", "a"], SPEC)
    assert x[0].nnz == 0
    assert x[1].nnz > 0


def test_normalisation_case_digits_whitespace() -> None:
    a = featurize(["Generate 50 examples\n\n  now"], SPEC).toarray()
    b = featurize(["generate 37 EXAMPLES now"], SPEC).toarray()
    np.testing.assert_allclose(a, b)


def test_values_are_counts_over_sqrt_total() -> None:
    buckets, _, _ = hashed_ngrams(["one two three four"], SPEC)
    total = sum(len(b) for b in buckets)
    # 4 words: 4 unigrams + 3 bigrams; 18 characters + the start marker: 18+17+16+15 2..5-grams
    assert total == 4 + 3 + (18 + 17 + 16 + 15)
    x = featurize(["one two three four"], SPEC)
    assert x.sum() == pytest.approx(total / np.sqrt(total), rel=1e-5)  # short: 1/sqrt(N)


def test_long_documents_are_scaled_by_mean() -> None:
    long = "the cat sat on the mat. " * 200
    buckets, _, _ = hashed_ngrams([long], SPEC)
    total = sum(len(b) for b in buckets)
    assert total > SPEC.norm_ref
    x = featurize([long], SPEC)
    # beyond norm_ref n-grams the values sum to sqrt(norm_ref): no growth with length
    assert x.sum() == pytest.approx(np.sqrt(SPEC.norm_ref), rel=1e-4)


def test_clip_keeps_both_ends() -> None:
    text = "HEAD " + "m" * 5000 + " TAIL"
    clipped = clip(text, 600)
    assert clipped.startswith("HEAD") and clipped.endswith("TAIL")
    assert len(clipped) == 1201
    assert clip("short", 600) == "short"
    assert request_text("p", "sys", clip_chars=600) == "sys\np"
    assert request_text("p", None, clip_chars=600) == "p"


CJK_SPEC = FeatureSpec(bits=12, cjk_split=True)


def test_cjk_split_makes_each_ideograph_and_kana_a_word() -> None:
    # "请一步一步地思考" is one word without cjk_split (no spaces), eight with it; the Latin
    # words around it stay whole.
    text = ["请一步一步地思考 step by step", "ステップ abc"]
    plain = hashed_ngrams(text, SPEC)[0]
    split = hashed_ngrams(text, CJK_SPEC)[0]
    assert [len(b) for b in plain[:4]] == [len(b) for b in split[:4]]  # char n-grams same
    assert len(plain[4]) == 1 + 3 + 1 + 1  # word unigrams
    assert len(split[4]) == 8 + 3 + 4 + 1
    assert len(split[5]) == (8 + 3 - 1) + (4 + 1 - 1)  # bigrams within each document


def test_cjk_split_fast_path_equals_matrix_product() -> None:
    rng = np.random.default_rng(1)
    w = rng.normal(size=(CJK_SPEC.n_features, 6)).astype(np.float32)
    b = rng.normal(size=6)
    fast = linear_scores(TEXTS, CJK_SPEC, w, b)
    np.testing.assert_allclose(fast, featurize(TEXTS, CJK_SPEC) @ w + b, rtol=1e-3, atol=1e-3)
    for i, t in enumerate(TEXTS):
        np.testing.assert_array_equal(linear_scores([t], CJK_SPEC, w, b)[0], fast[i])

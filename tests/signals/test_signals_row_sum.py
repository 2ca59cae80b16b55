"""The kernel's SIMD row sums and text check: exact against plain references."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from numba import njit

from distillwatch.exceptions import ConfigError
from distillwatch.schema import INTENT_CLASSES
from distillwatch.signals.features import FeatureSpec
from distillwatch.signals.intent import (
    IntentClassifier,
    WordClusters,
    _bucket_kernel,
    _cluster_args,
    _columns,
    _concept_args,
    _kernel_args,
    feature_matrix,
    has_text,
)
from distillwatch.signals.row_sum import padded_rows, sum_rows


@njit(cache=True)
def _sums(ids: np.ndarray, indptr: np.ndarray, table: np.ndarray) -> np.ndarray:
    out = np.empty((indptr.shape[0] - 1, 8))
    acc = np.empty(8)
    for d in range(indptr.shape[0] - 1):
        sum_rows(ids, indptr[d], indptr[d + 1], table, acc)
        out[d] = acc
    return out


@pytest.mark.parametrize("columns", [1, 3, 6, 8])
def test_row_sums_equal_a_sequential_float64_sum(columns: int) -> None:
    rng = np.random.default_rng(columns)
    rows = 50
    table = np.zeros((padded_rows(rows, columns), columns), dtype=np.float32)
    table[:rows] = rng.normal(size=(rows, columns))
    # documents of 0..9 rows (the tail after the blocks of four), the last row included
    lengths = np.arange(10)
    indptr = np.concatenate(([0], np.cumsum(lengths)))
    ids = rng.integers(0, rows, size=indptr[-1]).astype(np.int32)
    ids[-1] = rows - 1
    got = _sums(ids, indptr, table)[:, :columns]
    expected = np.array([table[ids[a:b]].astype(np.float64).sum(axis=0) if b > a
                         else np.zeros(columns) for a, b in itertools.pairwise(indptr)])
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)
    # float16 weights (the shipped model's) sum exactly in any order: bit-identical
    table16 = table.astype(np.float16).astype(np.float32)
    got16 = _sums(ids, indptr, table16)[:, :columns]
    sequential = np.zeros((len(lengths), columns))
    for d, (a, b) in enumerate(itertools.pairwise(indptr)):
        for j in range(a, b):
            sequential[d] += table16[ids[j]].astype(np.float64)
    np.testing.assert_array_equal(got16, sequential)


def test_padded_rows_rejects_wide_rows() -> None:
    assert padded_rows(10, 6) == 11 and padded_rows(10, 8) == 10 and padded_rows(10, 1) == 17
    with pytest.raises(ValueError, match="columns"):
        padded_rows(10, 9)
    w = np.zeros((1 << 10, 9), dtype=np.float32)
    with pytest.raises(ConfigError, match="classes"):
        IntentClassifier(weights=w, bias=np.zeros(9), spec=FeatureSpec(bits=10),
                         classes=(*INTENT_CLASSES, "a", "b", "c"))


def test_float16_model_logits_are_exact() -> None:
    """A float16 model (as shipped) scores exactly as a sequential float64 sum of its rows."""
    spec = FeatureSpec(bits=12, cjk_split=True)
    rng = np.random.default_rng(3)
    w = rng.normal(size=(spec.n_features, len(INTENT_CLASSES))).astype(np.float16)
    w64 = w.astype(np.float64)
    model = IntentClassifier(weights=w.astype(np.float32), bias=rng.normal(size=6), spec=spec)
    prompts = ["Think step by step, then answer: 17 * 23?", "请一步一步地思考。", "x" * 2000,
               "Rate this answer 1-10 using the rubric below.\n\n" * 20]
    normal, want, words, cjk, shift = _kernel_args(spec)
    indptr, ids, _ = _bucket_kernel(*_columns(prompts, None), spec.clip_chars, normal, want,
                                 words, cjk, shift, *_cluster_args(None),
                                 *_concept_args(None, spec))
    expected = np.empty((len(prompts), 6))
    for d in range(len(prompts)):
        acc = np.zeros(6)
        for j in ids[indptr[d] : indptr[d + 1]]:
            acc += w64[j]
        m = indptr[d + 1] - indptr[d]
        scale = 1.0 / np.sqrt(m) if m <= spec.norm_ref else np.sqrt(spec.norm_ref) / m
        expected[d] = acc * scale + model.bias
    np.testing.assert_array_equal(model.request_logits(prompts), expected)


TEXTS = ["", " ", "\t\n\r\x0b\x0c", "\u3000\u2028\u2029\x1c\x1d\x1e\x1f\x85\xa0\u1680", " a",
         "日本", None, "\u200b", "\ufeff", "😀", "   x   ", "\u00e9", " \U0001f600 "]


@pytest.mark.parametrize("kind", ["list", "arrow", "large"])
def test_has_text_is_not_str_isspace(kind: str) -> None:
    expected = [bool(t and not t.isspace()) for t in TEXTS]
    values = {"list": TEXTS, "arrow": pa.array(TEXTS),
              "large": pa.chunked_array([pa.array(TEXTS, pa.large_string())])}[kind]
    assert has_text(values).tolist() == expected


def test_cluster_scale_weights_cluster_ngrams_alike_in_matrix_and_kernel(tmp_path: Path) -> None:
    from distillwatch.signals.training.clusters import word_hash

    words = {"explain": 1, "your": 2, "reasoning": 3, "step": 4, "思": 5}
    keys = np.array(sorted(word_hash(w) for w in words), dtype=np.uint64)
    ids = np.arange(len(keys), dtype=np.int16)[:, None] % 3
    clusters = WordClusters(keys=keys, ids=ids, sizes=(8,))
    prompts = ["Explain your reasoning step by step", "请思考", "no known words here", ""]
    rng = np.random.default_rng(5)
    w = rng.normal(size=(1 << 12, len(INTENT_CLASSES))).astype(np.float16).astype(np.float32)
    b = rng.normal(size=len(INTENT_CLASSES)).astype(np.float32).astype(np.float64)  # as saved
    plain = FeatureSpec(bits=12, cjk_split=True)
    scaled = dataclasses.replace(plain, cluster_scale=3.0)
    x1 = feature_matrix(prompts, None, plain, clusters=clusters)
    x3 = feature_matrix(prompts, None, scaled, clusters=clusters)
    assert (x3 != x1).nnz > 0 and x3.sum() > x1.sum()  # cluster n-grams count 3x
    for spec, x in ((plain, x1), (scaled, x3)):
        model = IntentClassifier(weights=w, bias=b, spec=spec, clusters=clusters)
        np.testing.assert_allclose(model.request_logits(prompts), x @ w.astype(np.float64) + b,
                                   rtol=1e-5, atol=1e-5)
    model = IntentClassifier(weights=w, bias=b, spec=scaled, clusters=clusters)
    model.save(tmp_path)
    loaded = IntentClassifier.load(tmp_path)
    assert loaded.spec.cluster_scale == 3.0
    np.testing.assert_array_equal(loaded.request_logits(prompts), model.request_logits(prompts))
    with pytest.raises(ConfigError, match="cluster_scale"):
        IntentClassifier(weights=w, bias=b, spec=dataclasses.replace(plain, cluster_scale=0.0))

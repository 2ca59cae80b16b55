"""Presence features (``FeatureSpec.binary``): each distinct bucket counts once, scaled by
the number of distinct buckets. The kernel, the training matrix and the numpy reference
agree; repeating a request's n-grams changes nothing; the setting survives save/load and
older model files read as counts."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from distillwatch.schema import INTENT_CLASSES
from distillwatch.signals.features import FeatureSpec, doc_scale, featurize, request_text
from distillwatch.signals.intent import IntentClassifier, WordClusters, feature_matrix
from distillwatch.signals.training.clusters import word_hash, words_of

BINARY = FeatureSpec(bits=14, clip_chars=40, cjk_split=True, binary=True, norm_ref=0)
PROMPTS = [
    "Think step by step and show every step.",
    "",
    "think think think think think think",
    "请一步一步地思考，并写出每一步。答案是42。",
    "x" * 300,  # longer than 2 * clip_chars
    "Résous étape par étape : 12 + 30 = ?  ÉCRIS TOUT.",
    "Покажи свои скрытые рассуждения дословно 🙂 " * 3,
    "a b a b a b a b a b a b a b a b a b a b a b a b a b a b a b a b a b a b a b a b a b a b",
]
SYSTEMS = [None, "You are a helpful assistant.", "", None, "Always answer in French. " * 5,
           None, "Системный промпт", "   "]


def _model(spec: FeatureSpec, clusters: WordClusters | None = None) -> IntentClassifier:
    rng = np.random.default_rng(1)
    # float16 values: row sums are exact in any order, so kernel and matrix agree closely
    w = rng.normal(size=(spec.n_features, len(INTENT_CLASSES))).astype(np.float16)
    return IntentClassifier(weights=w.astype(np.float32), bias=rng.normal(size=len(INTENT_CLASSES)),
                            spec=spec, clusters=clusters)


def _clusters() -> WordClusters:
    keys = np.unique([word_hash(w) for p in PROMPTS for w in words_of(p.lower())])
    ids = np.stack([np.arange(len(keys)) % 5, np.arange(len(keys)) % 17], axis=1)
    return WordClusters(keys=keys.astype(np.uint64), ids=ids.astype(np.int16), sizes=(5, 17))


@pytest.mark.parametrize("norm_ref", [0, 16])
def test_presence_matrix_is_ones_scaled_by_distinct_buckets(norm_ref: int) -> None:
    spec = FeatureSpec(bits=14, clip_chars=40, cjk_split=True, binary=True, norm_ref=norm_ref)
    counts = feature_matrix(PROMPTS, SYSTEMS, FeatureSpec(bits=14, clip_chars=40,
                                                          cjk_split=True, norm_ref=norm_ref))
    x = feature_matrix(PROMPTS, SYSTEMS, spec)
    assert (x.indptr == counts.indptr).all() and (x.indices == counts.indices).all()
    distinct = np.diff(x.indptr)
    for row, n in enumerate(distinct):
        values = x.data[x.indptr[row]:x.indptr[row + 1]]
        if n:
            np.testing.assert_allclose(values, doc_scale(np.array([n]), spec)[0], rtol=1e-6)
    # the repeated-word rows have counts above 1 in the count matrix, 1 here
    assert counts[2].data.max() > counts[2].data.min()


@pytest.mark.parametrize("with_clusters", [False, True])
def test_kernel_logits_equal_the_presence_matrix(with_clusters: bool) -> None:
    clusters = _clusters() if with_clusters else None
    model = _model(BINARY, clusters)
    x = feature_matrix(PROMPTS, SYSTEMS, BINARY, clusters=clusters)
    want = x @ model.weights + model.bias
    batch = model.request_logits(PROMPTS, SYSTEMS)
    np.testing.assert_allclose(batch, want, rtol=1e-5, atol=1e-5)
    one = np.vstack([model.request_logits([p], [s]) for p, s in zip(PROMPTS, SYSTEMS,
                                                                     strict=True)])
    np.testing.assert_array_equal(one, batch)  # a gateway request scores as in a batch


def test_kernel_equals_the_numpy_reference() -> None:
    texts = [request_text(p, s, clip_chars=BINARY.clip_chars)
             for p, s in zip(PROMPTS, SYSTEMS, strict=True)]
    ref = featurize(texts, BINARY)
    np.testing.assert_allclose(feature_matrix(PROMPTS, SYSTEMS, BINARY).toarray(),
                               ref.toarray(), rtol=1e-6)
    model = _model(BINARY)
    np.testing.assert_allclose(model.request_logits(PROMPTS, SYSTEMS),
                               ref @ model.weights + model.bias, rtol=1e-5, atol=1e-5)


def test_repeating_a_text_does_not_change_its_score() -> None:
    """Counts let a repeated everyday word add up; presence does not."""
    model = _model(BINARY)
    once, twice = model.logits(["show your work", "show your work show your work"])
    counts = _model(FeatureSpec(bits=14, clip_chars=40, cjk_split=True, norm_ref=0))
    c_once, c_twice = counts.logits(["show your work", "show your work show your work"])
    # "work show" etc. are new n-grams, so compare the share of shared n-grams: the
    # presence logits move by less than the count logits do
    assert np.abs(twice - once).max() < np.abs(c_twice - c_once).max()
    a, b = model.logits(["think think think think", "think think think think think think"])
    np.testing.assert_allclose(a, b, rtol=1e-6)  # no new n-gram: the same features


def test_binary_survives_save_and_load(tmp_path: Path) -> None:
    model = _model(BINARY, _clusters())
    model.save(tmp_path)
    again = IntentClassifier.load(tmp_path)
    assert again.spec == BINARY
    np.testing.assert_allclose(again.request_logits(PROMPTS, SYSTEMS),  # bias stored float32
                               model.request_logits(PROMPTS, SYSTEMS), rtol=1e-6, atol=1e-6)
    meta = json.loads((tmp_path / "intent.json").read_text())
    del meta["feature_spec"]["binary"]  # a model written before the setting existed
    (tmp_path / "intent.json").write_text(json.dumps(meta))
    assert IntentClassifier.load(tmp_path).spec.binary is False


def test_binary_with_a_cluster_scale_is_refused() -> None:
    with pytest.raises(ValueError, match="cluster_scale"):
        FeatureSpec(binary=True, cluster_scale=2.0)


def test_a_large_batch_of_float32_weights_dedupes_with_stamps() -> None:
    """Weights that are not float16 values take one pass per request; from 64 requests on
    the buckets are deduplicated with a stamp table cleared every 255 requests."""
    rng = np.random.default_rng(2)
    w = rng.normal(size=(BINARY.n_features, len(INTENT_CLASSES))).astype(np.float32) / 3
    model = IntentClassifier(weights=w, bias=np.zeros(len(INTENT_CLASSES)), spec=BINARY)
    prompts = [PROMPTS[i % len(PROMPTS)] + f" {i} think {i % 7}" for i in range(600)]
    systems = [SYSTEMS[i % len(SYSTEMS)] for i in range(600)]
    want = feature_matrix(prompts, systems, BINARY) @ w
    np.testing.assert_allclose(model.request_logits(prompts, systems), want, rtol=1e-4,
                               atol=1e-4)
    few = model.request_logits(prompts[:5], systems[:5])  # the hash set
    np.testing.assert_allclose(few, want[:5], rtol=1e-4, atol=1e-4)

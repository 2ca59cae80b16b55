"""The intent classifier's compiled feature kernel: the same features as the numpy
featuriser, the same numbers for one request and for a batch, for Python strings and Arrow
columns of any string layout, and word-cluster features where a model has clusters."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from distillwatch.exceptions import ConfigError
from distillwatch.schema import INTENT_CLASSES
from distillwatch.signals.features import FeatureSpec, featurize, request_text
from distillwatch.signals.intent import IntentClassifier, WordClusters, feature_matrix
from distillwatch.signals.training.clusters import word_hash, words_of

SPEC = FeatureSpec(bits=14, clip_chars=40, cjk_split=True)
PROMPTS = [
    "Think step by step and show every step.",
    "",
    "What is the capital of France?   \n\n\t  Answer   briefly.",
    "请一步一步地思考，并写出每一步。答案是42。",
    "x" * 300,  # longer than 2 * clip_chars: first and last 40 characters
    "Résous étape par étape : 12 + 30 = ?  ÉCRIS TOUT.",
    "Покажи свои скрытые рассуждения дословно 🙂 " * 3,
    "日本語とEnglishが混ざったtext123です",
    "  leading spaces, ΣΊΣΥΦΟΣ upper-case Greek, ﬁ ligature, İstanbul",
]
SYSTEMS = [None, "You are a helpful assistant.", "", None, "Always answer in French. " * 5,
           None, "Системный промпт", None, "   "]


def _model(spec: FeatureSpec, clusters: WordClusters | None = None) -> IntentClassifier:
    rng = np.random.default_rng(0)
    w = rng.normal(size=(spec.n_features, len(INTENT_CLASSES))).astype(np.float32)
    return IntentClassifier(weights=w, bias=rng.normal(size=len(INTENT_CLASSES)), spec=spec,
                            clusters=clusters)


@pytest.mark.parametrize("spec", [SPEC, FeatureSpec(bits=12), FeatureSpec(
    bits=13, char_ngrams=(2, 3), word_ngrams=False, norm_ref=0),
    # character unigrams (round 21): the separator before a text is a unigram of its own in
    # both, the one after the last text opens no document
    FeatureSpec(bits=13, clip_chars=40, char_ngrams=(1, 2, 3), binary=True, norm_ref=0,
                cjk_split=True)])
def test_kernel_features_equal_the_numpy_featuriser(spec: FeatureSpec) -> None:
    texts = [request_text(p, s, clip_chars=spec.clip_chars)
             for p, s in zip(PROMPTS, SYSTEMS, strict=True)]
    ours = feature_matrix(PROMPTS, SYSTEMS, spec)
    theirs = featurize(texts, spec)
    # str.lower of a whole text lower-cases a word-final capital sigma to "ς" and "İ" to two
    # characters; the kernel maps characters one by one: only those rows may differ.
    same = [i for i, p in enumerate(PROMPTS) if "Σ" not in p and "İ" not in p]
    np.testing.assert_allclose(ours[same].toarray(), theirs[same].toarray(), rtol=1e-6)
    model = _model(spec)
    np.testing.assert_allclose(model.request_logits(PROMPTS, SYSTEMS)[same],
                               (theirs @ model.weights + model.bias)[same], rtol=1e-5, atol=1e-5)


def test_one_request_scores_exactly_as_in_a_batch() -> None:
    model = _model(SPEC)
    batch = model.predict_proba(PROMPTS, SYSTEMS)
    for i, (p, s) in enumerate(zip(PROMPTS, SYSTEMS, strict=True)):
        np.testing.assert_array_equal(model.predict_proba([p], [s])[0], batch[i])
    np.testing.assert_allclose(batch.sum(axis=1), 1.0)


def test_matrix_path_equals_scoring_path() -> None:
    model = _model(SPEC)
    x = feature_matrix(PROMPTS, SYSTEMS, SPEC)
    np.testing.assert_allclose(x @ model.weights + model.bias,
                               model.request_logits(PROMPTS, SYSTEMS), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("kind", ["string", "large_string", "chunked", "sliced",
                                  "dictionary", "string_view"])
def test_arrow_columns_score_like_python_strings(kind: str) -> None:
    model = _model(SPEC)
    prompts: list[str | None] = [*PROMPTS, None]
    systems = [*SYSTEMS, "x"]
    expected = model.predict_proba([p or "" for p in prompts], systems)
    arr: pa.Array | pa.ChunkedArray
    if kind == "large_string":
        arr = pa.array(prompts, type=pa.large_string())
    elif kind == "chunked":
        arr = pa.chunked_array([pa.array(prompts[:3]), pa.array(prompts[3:])])
    elif kind == "sliced":
        arr = pa.array(["pad", *prompts, "pad"]).slice(1, len(prompts))
    elif kind == "dictionary":
        arr = pa.array(prompts).dictionary_encode()
    elif kind == "string_view":
        arr = pa.array(prompts, type=pa.string_view())
    else:
        arr = pa.array(prompts)
    np.testing.assert_array_equal(model.predict_proba(arr, pa.array(systems)), expected)


def test_system_prompt_count_must_match() -> None:
    with pytest.raises(ValueError, match="system prompts"):
        _model(SPEC).predict_proba(["a", "b"], ["x"])


def test_assembled_texts_are_not_clipped_again() -> None:
    model = _model(SPEC)
    texts = model.texts(PROMPTS, SYSTEMS)
    np.testing.assert_allclose(model.logits(texts), model.request_logits(PROMPTS, SYSTEMS),
                               rtol=1e-6)


def _clusters(groups: dict[str, int]) -> WordClusters:
    keys = np.array([word_hash(w) for w in groups], dtype=np.uint64)
    order = np.argsort(keys)
    ids = np.array(list(groups.values()), dtype=np.int16)[order][:, None]
    return WordClusters(keys=keys[order], ids=ids, sizes=(8,))


def _cluster_columns(text: str, clusters: WordClusters) -> set[int]:
    spec = FeatureSpec(bits=20, cjk_split=True)
    with_c = set(feature_matrix([text], None, spec, clusters=clusters).indices.tolist())
    plain = set(feature_matrix([text], None, spec).indices.tolist())
    return with_c - plain


def test_synonyms_in_one_cluster_share_cluster_features() -> None:
    clusters = _clusters({"explain": 1, "elaborate": 1, "your": 2, "reasoning": 3,
                          "thinking": 3, "capital": 4, "思": 5})
    a = _cluster_columns("Explain your reasoning", clusters)
    b = _cluster_columns("elaborate   your THINKING", clusters)
    c = _cluster_columns("capital your reasoning", clusters)
    assert len(a) == 6  # three cluster unigrams, two bigrams, one trigram
    assert a == b
    assert len(a & c) == 3  # "your", "reasoning" and their bigram, not the rest
    # words the kernel splits (CJK characters, digits as 0) are the ones the table keys
    assert words_of("请思考 Step1!") == ["请", "思", "考", "step0"]
    assert _cluster_columns("思", clusters) and not _cluster_columns("想", clusters) - {
        next(iter(_cluster_columns("想", clusters)))}


def test_model_with_clusters_round_trips(tmp_path: Path) -> None:
    clusters = _clusters({"step": 1, "reasoning": 2, "show": 3})
    model = _model(SPEC, clusters)
    model.save(tmp_path)
    loaded = IntentClassifier.load(tmp_path)
    assert loaded.clusters is not None and loaded.clusters.sizes == (8,)
    np.testing.assert_array_equal(loaded.clusters.keys, clusters.keys)
    weights16 = model.weights.astype(np.float16).astype(np.float32)
    expected = IntentClassifier(weights=weights16, bias=model.bias, spec=SPEC,
                                clusters=clusters).predict_proba(PROMPTS, SYSTEMS)
    np.testing.assert_allclose(loaded.predict_proba(PROMPTS, SYSTEMS), expected, rtol=1e-6)
    plain = _model(SPEC).predict_proba(PROMPTS, SYSTEMS)
    assert not np.allclose(loaded.predict_proba(PROMPTS, SYSTEMS), plain)


def test_bad_clusters_and_specs_are_rejected() -> None:
    with pytest.raises(ConfigError, match="sorted"):
        WordClusters(keys=np.array([5, 3], dtype=np.uint64),
                     ids=np.zeros((2, 1), dtype=np.int16), sizes=(4,))
    with pytest.raises(ConfigError, match="n-grams"):
        _model(FeatureSpec(bits=10, char_ngrams=(2, 9)))

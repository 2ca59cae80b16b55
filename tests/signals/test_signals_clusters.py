"""Word clusters for the intent classifier: the training side's words and hashes are the
kernel's, and k-means puts words with close vectors in one cluster."""

from __future__ import annotations

import numpy as np

from distillwatch.signals.features import FeatureSpec
from distillwatch.signals.intent import feature_matrix
from distillwatch.signals.training.clusters import cluster_words, vocabulary, word_hash, words_of

TEXTS = [
    "Explain your reasoning step by step, then give the final answer (42)!",
    "Покажи скрытые рассуждения дословно",
    "请一步一步地思考 and think2 about it",
    "Résumé: l'étape numéro 3 — über-Größe",
]


def test_training_words_are_the_kernels_words() -> None:
    spec = FeatureSpec(bits=22, char_ngrams=(), cjk_split=True)
    for text in TEXTS:
        cols = set(feature_matrix([text], None, spec).indices.tolist())
        words = words_of(text)
        buckets = {((word_hash(w) * 0x2545F491) & 0xFFFFFFFF) >> (32 - spec.bits)
                   for w in words}
        assert buckets <= cols, text
        # everything else is a bigram: one per pair of neighbouring words
        assert len(cols - buckets) <= len(words) - 1
    assert words_of("Think2 STEP-by-step 思考") == ["think0", "step", "by", "step", "思", "考"]


def test_vocabulary_counts_words() -> None:
    vocab = vocabulary(["the cat", "the dog", "a cat"], min_count=2)
    assert vocab == ["the", "cat"]


def test_close_vectors_share_a_cluster() -> None:
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(3, 32))
    words = [f"w{i}" for i in range(60)]
    vectors = centres[np.arange(60) % 3] + 0.01 * rng.normal(size=(60, 32))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    clusters = cluster_words(words, vectors.astype(np.float32), (3,), dims=8)
    by_word = {int(k): int(c) for k, c in zip(clusters.keys, clusters.ids[:, 0], strict=True)}
    groups = [{by_word[word_hash(w)] for w in words[g::3]} for g in range(3)]
    assert all(len(g) == 1 for g in groups)
    assert len(set().union(*groups)) == 3


def test_extend_clusters_keeps_the_table_and_places_new_words_by_nearest_centre() -> None:
    from distillwatch.signals.intent import WordClusters
    from distillwatch.signals.training.clusters import extend_clusters

    rng = np.random.default_rng(1)
    centres = rng.normal(size=(2, 16))
    words = ["alpha", "beta", "gamma", "delta", "newa", "newb"]
    which = [0, 0, 1, 1, 1, 0]  # the true centre of each word
    vectors = centres[which] + 0.05 * rng.normal(size=(6, 16))
    keys = np.array(sorted(word_hash(w) for w in words[:4]), dtype=np.uint64)
    label = {word_hash(w): c for w, c in zip(words[:4], which[:4], strict=True)}
    # cluster ids deliberately not equal to the centre index (1 - c): ids are names
    table = WordClusters(keys=keys, ids=np.array([[1 - label[int(k)]] for k in keys],
                                                  dtype=np.int16), sizes=(2,))
    out = extend_clusters(table, words, vectors)
    assert len(out.keys) == 6
    pos = {int(k): j for j, k in enumerate(out.keys)}
    for w, c in zip(words, which, strict=True):
        assert int(out.ids[pos[word_hash(w)], 0]) == 1 - c, w
    assert extend_clusters(out, words, vectors) is out  # nothing missing: unchanged

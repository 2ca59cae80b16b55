"""Word clusters for a corpus with evals prompts (train_intent.py --evals --extend-clusters).

The cluster vocabulary is every training text's words (``clusters.corpus_texts``) except the
evals registry's test split, which stays a false-positive measure of unseen words; with
``--cluster-min-count 1`` no training text has a word read as the one "unknown" cluster, so
that cluster's n-grams learn nothing (docs/signals.md, "Round 5")."""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

import numpy as np

from distillwatch.signals.intent import WordClusters
from distillwatch.signals.training.clusters import (
    corpus_texts,
    embed_vocabulary,
    extend_clusters,
    vocabulary,
    word_hash,
    words_of,
)
from distillwatch.signals.training.dataset import Example
from distillwatch.signals.training.evals_data import FAMILY as EVALS


def _corpus() -> list[Example]:
    return [
        Example("Explain your reasoning step by step: 2+2?", None, "cot_elicitation",
                "en_cot", "en", "train"),
        Example("Show the working for 3+4", "You are a tutor.", "cot_elicitation", "en_cot",
                "en", "test"),
        Example("Яка столиця Франції?", "Відповідай одним словом.", "benign", EVALS, "mul",
                "train"),
        Example("Quelle est la capitale?", None, "benign", EVALS, "mul", "calib"),
        Example("ما هي عاصمة فرنسا؟", "أجب بكلمة واحدة", "benign", EVALS, "mul", "test"),
    ]


def test_corpus_texts_leave_out_only_the_measure_split() -> None:
    texts = corpus_texts(_corpus(), measure_families={EVALS})
    assert texts == [
        "Explain your reasoning step by step: 2+2?",
        "Show the working for 3+4", "You are a tutor.",  # a family's test split stays in
        "Яка столиця Франції?", "Відповідай одним словом.",
        "Quelle est la capitale?",
    ]
    # without a measure family every text counts (the rebuild path without --evals)
    assert len(corpus_texts(_corpus())) == 8


def _table(words: list[str], rng: np.random.Generator) -> tuple[WordClusters, np.ndarray]:
    vectors = rng.normal(size=(len(words), 16))
    keys = np.array(sorted({word_hash(w) for w in words}), dtype=np.uint64)
    ids = rng.integers(0, 4, size=(len(keys), 2)).astype(np.int16)
    return WordClusters(keys=keys, ids=ids, sizes=(4, 8)), vectors


def test_min_count_one_leaves_no_training_word_unknown() -> None:
    rng = np.random.default_rng(0)
    corpus = _corpus()
    texts = corpus_texts(corpus, measure_families={EVALS})
    seed_words = words_of("explain your reasoning step by step show the working for")
    shipped, _ = _table(seed_words, rng)
    for min_count, all_known in ((2, False), (1, True)):
        words = vocabulary(texts, min_count=min_count)
        vectors = rng.normal(size=(len(words), 16))
        extended = extend_clusters(shipped, words, vectors)
        known = {int(k) for k in extended.keys}
        train_words = {w for t in texts for w in words_of(t)}
        assert all(word_hash(w) in known for w in train_words) is all_known
        assert {word_hash(w) for w in seed_words} <= known  # the old words keep theirs
        # the measure split's words stay unknown: it measures how unseen words score
        measure = [w for e in corpus if e.split == "test" and e.family == EVALS
                   for w in words_of(e.prompt + " " + (e.system or ""))]
        assert measure and not any(word_hash(w) in known for w in measure)
    # old words keep their clusters; the new ones get a valid id at every size
    rows = np.searchsorted(extended.keys, shipped.keys)
    assert np.array_equal(extended.ids[rows], shipped.ids)
    assert int(extended.ids.max()) < 8 and len(extended.keys) > len(shipped.keys)


_FAKE_EMBEDDER = """\
import sys, zlib
import numpy as np
words = open(sys.argv[2], encoding="utf-8").read().splitlines()
with open(sys.argv[4], "a", encoding="utf-8") as log:
    log.write(" ".join(words) + "\\n")
np.save(sys.argv[3], np.array([[zlib.crc32(w.encode()) % 97, len(w)] for w in words],
                              dtype=np.float32))
"""


def test_embedding_cache_embeds_only_new_words(tmp_path: Path) -> None:
    # a stand-in for the torch interpreter: called as PYTHON embed_words.py IN OUT, it
    # writes a vector computed from each word alone and logs the words it was asked for
    fake = tmp_path / "fake_python"
    fake.write_text(f"#!/bin/sh\nexec {sys.executable} {tmp_path / 'embed.py'} \"$@\" "
                    f"{tmp_path / 'calls.log'}\n")
    fake.chmod(0o755)
    (tmp_path / "embed.py").write_text(_FAKE_EMBEDDER)
    cache = tmp_path / "cache"

    def expected(words: list[str]) -> np.ndarray:
        return np.array([[zlib.crc32(w.encode()) % 97, len(w)] for w in words], np.float32)

    first = ["think", "reasoning", "столиця"]
    assert np.array_equal(embed_vocabulary(first, cache, python=str(fake)), expected(first))
    second = ["reasoning", "answr", "think", "dont", "answr"]
    assert np.array_equal(embed_vocabulary(second, cache, python=str(fake)), expected(second))
    assert np.array_equal(embed_vocabulary(first[::-1], cache, python=str(fake)),
                          expected(first[::-1]))
    calls = (tmp_path / "calls.log").read_text(encoding="utf-8").splitlines()
    assert calls == ["think reasoning столиця", "answr dont"]  # the third call embeds none

"""Helpers of the batch-against-one-request checks of the intent kernel (test_intent_speedpath,
test_signals8_prefix_reuse)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from distillwatch.schema import INTENT_CLASSES
from distillwatch.signals.features import FeatureSpec
from distillwatch.signals.intent import IntentClassifier, WordClusters
from distillwatch.signals.training.clusters import word_hash, words_of

HERE = Path(__file__).parent


def one_by_one(model: IntentClassifier, prompts: list[str], systems: list[str | None]
               ) -> np.ndarray:
    """The logits of each request scored alone (the gateway's one-pass path)."""
    return np.concatenate([model.request_logits([p], [s])
                           for p, s in zip(prompts, systems, strict=True)])


@lru_cache(maxsize=1)
def word_clusters() -> WordClusters:
    """A two-level cluster table (sizes 128 and 1,024) over every word of both held-out
    wording files (eight languages), ids from a hash of the word: the kernel's cluster path
    with known and unknown words, whatever the shipped model has (round 12's has none)."""
    words: set[str] = set()
    for name in ("heldout_wordings.jsonl", "heldout_wordings_2.jsonl"):
        for line in (HERE / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            words.update(words_of(row["prompt"].lower()))
    keys = np.unique(np.array([word_hash(w) for w in words], dtype=np.uint64))
    ids = np.stack([keys % 128, (keys // 128) % 1024], axis=1).astype(np.int16)
    return WordClusters(keys=keys, ids=ids, sizes=(128, 1024))


def float16_model(spec: FeatureSpec, *, with_clusters: bool, seed: int) -> IntentClassifier:
    """Random float16-valued weights (row sums exact in any order) for ``spec``, with
    :func:`word_clusters` or none."""
    rng = np.random.default_rng(seed)
    w = rng.normal(scale=2.0, size=(spec.n_features, len(INTENT_CLASSES)))
    clusters = word_clusters() if with_clusters else None
    return IntentClassifier(weights=w.astype(np.float16).astype(np.float32),
                            bias=rng.normal(size=len(INTENT_CLASSES)), spec=spec,
                            clusters=clusters)

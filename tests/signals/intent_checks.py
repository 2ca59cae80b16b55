"""Helpers of the batch-against-one-request checks of the intent kernel (test_intent_speedpath,
test_signals8_prefix_reuse)."""

from __future__ import annotations

import numpy as np

from distillwatch.schema import INTENT_CLASSES
from distillwatch.signals.features import FeatureSpec
from distillwatch.signals.intent import IntentClassifier


def one_by_one(model: IntentClassifier, prompts: list[str], systems: list[str | None]
               ) -> np.ndarray:
    """The logits of each request scored alone (the gateway's one-pass path)."""
    return np.concatenate([model.request_logits([p], [s])
                           for p, s in zip(prompts, systems, strict=True)])


def float16_model(spec: FeatureSpec, *, with_clusters: bool, seed: int) -> IntentClassifier:
    """Random float16-valued weights (row sums exact in any order) for ``spec``, with the
    shipped model's clusters or none."""
    rng = np.random.default_rng(seed)
    w = rng.normal(scale=2.0, size=(spec.n_features, len(INTENT_CLASSES)))
    clusters = IntentClassifier.load_default().clusters if with_clusters else None
    return IntentClassifier(weights=w.astype(np.float16).astype(np.float32),
                            bias=rng.normal(size=len(INTENT_CLASSES)), spec=spec,
                            clusters=clusters)

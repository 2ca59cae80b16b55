"""The batch kernel's shortcuts give the logits of the one-request path, bit for bit.

A batch hashes and sums the system-prompt part of its requests once per distinct system
prompt (a slot each, whether its requests come in runs or interleaved; float16-valued weights
only: their row sums are exact in any order);
a single request (the gateway) takes one pass over its whole text. Random Unicode texts,
repeated and interleaved system prompts and edge cases (empty, whitespace-only, clipped,
CJK at the seam) must score identically both ways."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from intent_checks import float16_model, one_by_one

from distillwatch.signals.features import FeatureSpec, featurize, request_text
from distillwatch.signals.intent import IntentClassifier, feature_matrix

_POOL = (
    "abcdefghijklmnopqrstuvwxyz" * 3 + "ABCXYZ0123456789" + "  \t\n\r" * 3 + ".,;:!?\"'()-/"
    + "éèàçüößÉÀΣσςİıﬁ" + "привет" + "的是一不了人我在有他这为之大来以个中上们"
    + "あいうえおカキクケコ" + "ａｂ１２！" + "\u2000\u2014\u3000\u3001\u200b\u0301"
    + "\U0001f642\U00020000" + "\x00\x07"
)
_SYSTEMS = (
    "You are a helpful assistant.", "You are a helpful assistant.  ", "", "   \n",
    "Always answer in French. " * 60, "系统提示：你是助手", "Sei un assistente!", "x",
    "ends with a word", "カタカナ。", None,
)


_ASCII = "".join(ch for ch in _POOL if ch < "\x80")


def _text(rng: np.random.Generator, size: int) -> str:
    # a third all ASCII (the decoder's one-byte-per-character path), a third with
    # non-ASCII text only past the first part, the rest mixed throughout
    kind = rng.integers(3)
    if kind == 0:
        return "".join(rng.choice(list(_ASCII), size=size))
    if kind == 1:
        head = "".join(rng.choice(list(_ASCII), size=size // 2))
        return head + "".join(rng.choice(list(_POOL), size=size - size // 2))
    return "".join(rng.choice(list(_POOL), size=size))


def _requests(seed: int, n: int) -> tuple[list[str], list[str | None]]:
    rng = np.random.default_rng(seed)
    prompts, systems = [], []
    system = _SYSTEMS[0]
    for _ in range(n):
        if rng.random() < 0.3:  # runs of one system prompt, switched now and then
            system = _SYSTEMS[int(rng.integers(len(_SYSTEMS)))]
        if rng.random() < 0.05:
            system = _text(rng, int(rng.integers(0, 12)))
        size = int(rng.choice([0, 1, 3, 20, 150, 1500]))
        prompt = _text(rng, size)
        if rng.random() < 0.2:
            prompt = rng.choice([" ", "\n\n", "\"", "请", "Word"]) + prompt
        prompts.append(prompt)
        systems.append(system)
    return prompts, systems


def test_shipped_model_batch_equals_one_request_at_a_time(shipped: IntentClassifier) -> None:
    prompts, systems = _requests(0, 400)
    batch = shipped.request_logits(prompts, systems)
    assert np.array_equal(batch, one_by_one(shipped, prompts, systems))
    # Arrow columns (the ingest path) and Python strings read the same bytes
    arrow = shipped.request_logits(pa.chunked_array([pa.array(prompts)]),
                                   pa.chunked_array([pa.array(systems, pa.string())]))
    assert np.array_equal(arrow, batch)


@pytest.mark.parametrize("spec", [
    FeatureSpec(bits=14, clip_chars=40, cjk_split=True, cluster_scale=3.0, norm_ref=64),
    FeatureSpec(bits=12, char_ngrams=(1, 2, 3), clip_chars=7),
    FeatureSpec(bits=13, char_ngrams=(2, 5), word_ngrams=False, norm_ref=0),
])
def test_float16_models_batch_equals_one_request_at_a_time(spec: FeatureSpec) -> None:
    model = float16_model(spec, with_clusters=spec.word_ngrams, seed=1)
    prompts, systems = _requests(2, 300)
    assert np.array_equal(model.request_logits(prompts, systems),
                          one_by_one(model, prompts, systems))


def test_weights_that_are_not_float16_values_score_in_one_pass() -> None:
    spec = FeatureSpec(bits=12, clip_chars=30, cjk_split=True)
    model = float16_model(spec, with_clusters=True, seed=1)
    bumped = dataclasses.replace(model, weights=model.weights * np.float32(1.0 + 2**-20))
    prompts, systems = _requests(3, 200)
    assert np.array_equal(bumped.request_logits(prompts, systems),
                          one_by_one(bumped, prompts, systems))
    # and the float16 model's shortcut did not move its logits off the bumped model's
    assert np.allclose(model.request_logits(prompts, systems),
                       bumped.request_logits(prompts, systems), rtol=1e-5, atol=1e-5)


def test_shared_prompts_batch_equals_one_request_at_a_time(
    shipped: IntentClassifier, shared_data: Path
) -> None:
    path = shared_data / "prompts" / "benign_alpaca_eval.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not present")
    with path.open(encoding="utf-8") as fh:
        prompts = [json.loads(line)["prompt"] for line, _ in zip(fh, range(600), strict=False)]
    systems: list[str | None] = [
        "You are a helpful assistant." if i % 5 else None for i in range(len(prompts))]
    assert np.array_equal(shipped.request_logits(prompts, systems),
                          one_by_one(shipped, prompts, systems))


@pytest.mark.parametrize("clip_chars", [7, 40, 600])
def test_kernel_features_equal_the_numpy_reference_on_random_text(clip_chars: int) -> None:
    # the numpy featuriser lower-cases whole texts (a final capital sigma becomes "ς",
    # "İ" two characters); the kernel maps characters one by one: texts without them
    spec = FeatureSpec(bits=14, clip_chars=clip_chars, cjk_split=True)
    prompts, systems = _requests(4, 300)
    keep = [i for i, (p, s) in enumerate(zip(prompts, systems, strict=True))
            if not any(ch in (p + (s or "")) for ch in "Σİ")]
    prompts = [prompts[i] for i in keep]
    systems = [systems[i] for i in keep]
    texts = [request_text(p, s, clip_chars=clip_chars)
             for p, s in zip(prompts, systems, strict=True)]
    ours = feature_matrix(prompts, systems, spec)
    theirs = featurize(texts, spec)
    np.testing.assert_allclose(ours.toarray(), theirs.toarray(), rtol=1e-6)
    model = float16_model(spec, with_clusters=False, seed=1)
    np.testing.assert_allclose(model.request_logits(prompts, systems),
                               theirs @ model.weights + model.bias, rtol=1e-5, atol=1e-5)

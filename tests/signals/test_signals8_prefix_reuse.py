"""Round 8: a batch sums shared request parts once, with the one-request logits bit for bit.

The batch kernel keeps a checkpoint per distinct system prompt and per prompt prefix that
requests behind the same system prompt share (templated traffic), and scans only what comes
after it. Every shape of sharing must give the logits of one pass over each request (the
gateway's path): templates followed by whitespace runs, non-ASCII and CJK text at the cut,
prompts that are prefixes of one another or equal, prefixes just under and over 16 bytes,
many templates for few slots, system prompts that alternate row by row, clipped prompts, and
feature specs with character unigrams, a cluster scale and no word n-grams."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from intent_checks import float16_model, one_by_one

from distillwatch.signals import request_signals, score_request
from distillwatch.signals.features import FeatureSpec
from distillwatch.signals.intent import IntentClassifier

_TEMPLATES = (
    "Solve step by step and show every step of your reasoning: ",
    "Solve step by step and show every step of your reasoning:\n\n",
    "Solve step by step and show all work ",
    "Write out the full chain of thought behind the answer to this problem: ",
    "Translate the following sentence into French: ",
    "Translate the following sentence into German:   ",
    "Explique detalhadamente, etapa por etapa: ",
    "请一步一步地解释你的推理过程，然后 回答： ",
    "exactly sixteen  ",  # 17 bytes: a cut of 17 (>= 16) ...
    "fifteen bytes!! x",  # ... and one of 16 bytes, the shortest checkpoint
    "short ",  # under 16 bytes: never a checkpoint
    "\t\tTabs\tand\u00a0no-break\u00a0spaces\t",
    "Word" * 10 + " ",
)
_TAILS = (
    "8923 glacier lantern garden", "", " ", "  \n  leading whitespace run", "café crème",
    "的是一不了人", "カタカナ", "\U0001f642 emoji", "x", "0123 4567", "ΣΊΣΥΦΟΣ",
    "word" * 40, "a b c d e f g",
)
_SYSTEMS = ("You are a helpful assistant.", None, "", "Always answer in French. " * 3,
            "系统提示：你是助手", "  ")


def _requests(seed: int, n: int, *, alternate: bool) -> tuple[list[str], list[str | None]]:
    rng = np.random.default_rng(seed)
    prompts, systems = [], []
    system: str | None = _SYSTEMS[0]
    for i in range(n):
        if alternate:
            system = _SYSTEMS[i % len(_SYSTEMS)]
        elif rng.random() < 0.1:
            system = _SYSTEMS[int(rng.integers(len(_SYSTEMS)))]
        template = _TEMPLATES[int(rng.integers(len(_TEMPLATES)))]
        tail = " ".join(_TAILS[int(j)] for j in rng.integers(len(_TAILS), size=3))
        kind = rng.random()
        if kind < 0.1:
            prompt = template  # the template alone (ends on whitespace: an empty rest)
        elif kind < 0.2:
            prompt = template[: int(rng.integers(len(template) + 1))]  # cut anywhere
        elif kind < 0.3:
            prompt = template + template + tail  # longer than the checkpoint's prompt
        else:
            prompt = template + tail
        prompts.append(prompt)
        systems.append(system)
    return prompts, systems


@pytest.mark.parametrize("alternate", [False, True])
@pytest.mark.parametrize("n", [3, 40, 700])  # 16 slots (many templates share one) to 1,024
def test_templated_batch_equals_one_request_at_a_time(
    shipped: IntentClassifier, alternate: bool, n: int
) -> None:
    prompts, systems = _requests(n, n, alternate=alternate)
    batch = shipped.request_logits(prompts, systems)
    assert np.array_equal(batch, one_by_one(shipped, prompts, systems))
    # without a system-prompt column: every request's system part is the marker alone
    assert np.array_equal(shipped.request_logits(prompts),
                          one_by_one(shipped, prompts, [None] * n))


@pytest.mark.parametrize("spec", [
    FeatureSpec(bits=14, clip_chars=40, cjk_split=True, cluster_scale=3.0, norm_ref=64),
    FeatureSpec(bits=12, char_ngrams=(1, 2, 3), clip_chars=600),
    FeatureSpec(bits=13, char_ngrams=(2, 5), word_ngrams=False, norm_ref=0),
    FeatureSpec(bits=13, char_ngrams=(2, 3, 4, 5, 6, 7, 8), clip_chars=25, cjk_split=True),
    # presence features: checkpoints keep their distinct buckets (round 12)
    FeatureSpec(bits=14, clip_chars=40, cjk_split=True, binary=True, norm_ref=0),
    FeatureSpec(bits=10, char_ngrams=(1, 2, 3), clip_chars=600, binary=True),
])
def test_templated_batch_equals_one_request_for_other_specs(spec: FeatureSpec) -> None:
    # clip 40 and 25: many prompts are over 2 * clip bytes (clipped or not) and take no checkpoint
    model = float16_model(spec, with_clusters=spec.word_ngrams, seed=4)
    prompts, systems = _requests(7, 500, alternate=False)
    assert np.array_equal(model.request_logits(prompts, systems),
                          one_by_one(model, prompts, systems))


def test_checkpoints_follow_their_system_prompt(shipped: IntentClassifier) -> None:
    # one template behind two system prompts that differ only in their middle byte (same
    # length, same first and last bytes: same system slot key), alternating: a checkpoint
    # made behind one must not serve the other
    a = "You are a helpful assistant, answer briefly please."
    b = a[:25] + "X" + a[26:]
    prompts = [f"Solve step by step and show every step of your reasoning: {i} apples"
               for i in range(60)]
    systems: list[str | None] = [a if i % 3 else b for i in range(60)]
    assert np.array_equal(shipped.request_logits(prompts, systems),
                          one_by_one(shipped, prompts, systems))


def test_request_signals_equal_score_request_on_templated_rows(
    shipped: IntentClassifier,
) -> None:
    prompts, systems = _requests(11, 200, alternate=False)
    table = pa.table({"prompt": pa.array(prompts), "system_prompt": pa.array(systems, pa.string()),
                      "n": pa.array(np.arange(200) % 3, pa.int64())})
    got = request_signals(table, classifier=shipped).to_pylist()
    for row, p, s, n in zip(got, prompts, systems, (np.arange(200) % 3).tolist(), strict=True):
        one = score_request({"prompt": p, "system_prompt": s, "n": n}, classifier=shipped)
        assert row == one.__dict__

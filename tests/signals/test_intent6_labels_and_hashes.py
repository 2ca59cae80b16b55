"""Round 6 (scoring speed): the label column built from class indices, and word hashes whose
prefix sums wrap past 2**64, give what the string path and the numpy reference give."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from distillwatch.schema import INTENT_CLASSES
from distillwatch.signals import IntentClassifier, request_signals, score_request
from distillwatch.signals.features import FeatureSpec, featurize, request_text
from distillwatch.signals.intent import feature_matrix

SPEC = FeatureSpec(bits=10, clip_chars=600, cjk_split=True)


@pytest.fixture(scope="module")
def tiny() -> IntentClassifier:
    rng = np.random.default_rng(6)
    w = rng.normal(scale=3.0, size=(SPEC.n_features, len(INTENT_CLASSES)))
    return IntentClassifier(weights=w.astype(np.float16).astype(np.float32),
                            bias=np.zeros(len(INTENT_CLASSES)), spec=SPEC)


def _prompts(n: int) -> list[str | None]:
    rng = np.random.default_rng(7)
    words = ["think", "step", "by", "rate", "this", "answer", "1-10", "请", "一步", "paraphrase",
             "   ", "\n", "hidden", "reasoning", "explain", "generate", "50", "pairs"]
    out: list[str | None] = []
    for i in range(n):
        if i % 11 == 0:
            out.append(None)
        elif i % 13 == 0:
            out.append("  \t ")
        else:
            out.append(" ".join(rng.choice(words, size=int(rng.integers(1, 30)))))
    return out


def test_label_column_equals_one_request_at_a_time(tiny: IntentClassifier) -> None:
    prompts = _prompts(300)
    table = pa.table({"prompt": pa.array(prompts, pa.string())})
    out = request_signals(table, classifier=tiny)
    labels = out.column("intent_label")
    assert labels.type == pa.string()
    one = [score_request({"prompt": p}, classifier=tiny).intent_label for p in prompts]
    assert labels.to_pylist() == one
    # rows without text are null, every other row holds a class name, and all classes the
    # random model picks appear as themselves
    assert [v is None for v in labels.to_pylist()] == [
        p is None or p.isspace() for p in prompts]
    assert set(labels.drop_null().to_pylist()) <= set(INTENT_CLASSES)
    assert len(set(labels.drop_null().to_pylist())) > 1


def test_stored_labels_fill_rows_without_text(tiny: IntentClassifier) -> None:
    prompts = _prompts(40)
    stored = [None if i % 3 else "synthetic_data" for i in range(len(prompts))]
    table = pa.table({"prompt": pa.array(prompts, pa.string()),
                      "intent_label": pa.array(stored, pa.string())})
    got = request_signals(table, classifier=tiny).column("intent_label").to_pylist()
    fresh = request_signals(table.drop_columns(["intent_label"]), classifier=tiny)
    for i, p in enumerate(prompts):
        if p is None or p.isspace():
            assert got[i] == stored[i]
        else:
            assert got[i] == fresh.column("intent_label")[i].as_py()


def test_word_hashes_of_long_texts_of_high_code_points_equal_the_reference() -> None:
    # code points near 0x10FFFF times P**i: the prefix sums of the word hashes run far past
    # 2**64 over 1,200 characters and only their low 32 bits may count
    rng = np.random.default_rng(8)
    spec = FeatureSpec(bits=14, clip_chars=600, cjk_split=False)
    alphabet = [chr(c) for c in range(0x10FF00, 0x10FFFE)] + [chr(0x20000 + i) for i in range(50)]
    texts = []
    for _ in range(40):
        chars = rng.choice(alphabet, size=int(rng.integers(200, 3000)))
        spaces = rng.random(len(chars)) < 0.08
        texts.append("".join(" " if s else c for c, s in zip(chars, spaces, strict=True)))
    ours = feature_matrix(texts, None, spec)
    theirs = featurize([request_text(t, None, clip_chars=600) for t in texts], spec)
    np.testing.assert_allclose(ours.toarray(), theirs.toarray(), rtol=1e-6)

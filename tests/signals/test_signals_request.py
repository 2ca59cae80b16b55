"""request_signals / score_request: schema, order, nulls, one-row vs batch, parameter signals."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime

import numpy as np
import pyarrow as pa
import pytest

from distillwatch.exceptions import InputError
from distillwatch.schema import EVENT_SCHEMA, INTENT_CLASSES, SIGNAL_FIELDS
from distillwatch.signals import IntentClassifier, SignalConfig, request_signals, score_request
from distillwatch.signals.features import FeatureSpec

SPEC = FeatureSpec(bits=10)


@pytest.fixture(scope="module")
def tiny() -> IntentClassifier:
    """A small random model: these tests check plumbing, not quality."""
    rng = np.random.default_rng(1)
    w = rng.normal(scale=3.0, size=(SPEC.n_features, len(INTENT_CLASSES))).astype(np.float32)
    return IntentClassifier(weights=w, bias=np.zeros(len(INTENT_CLASSES)), spec=SPEC)


ROWS = [
    {"prompt": "Think step by step and show all your work. 2+2?", "logprobs": True,
     "top_logprobs": 5, "n": 4, "max_tokens": 32000, "reasoning_effort": "HIGH", "turn": 0,
     "tool_count": 2},
    {"prompt": None, "n": 1, "turn": 3},
    {"prompt": "   ", "system_prompt": "You are a helpful assistant."},
    {"prompt": "What is the capital of France?", "system_prompt": "Answer briefly.",
     "output_tokens": 9000, "reasoning_effort": "low"},
    {"prompt": "请一步一步地思考。", "top_logprobs": 0, "logprobs": False},
]


def _table(rows: list[dict[str, object]]) -> pa.Table:
    names = sorted({k for r in rows for k in r})
    return pa.table(
        {k: pa.array([r.get(k) for r in rows], type=EVENT_SCHEMA.field(k).type) for k in names}
    )


def test_output_schema_and_row_order(tiny: IntentClassifier) -> None:
    out = request_signals(_table(ROWS), classifier=tiny)
    assert out.schema == pa.schema(SIGNAL_FIELDS)
    assert out.num_rows == len(ROWS)
    labels = out.column("intent_label").to_pylist()
    assert labels[0] in INTENT_CLASSES and labels[3] in INTENT_CLASSES
    # probabilities of the 5 intents plus benign sum to 1
    probs = np.array([out.column(f.name).to_pylist()[0] for f in SIGNAL_FIELDS[:5]])
    assert 0 < probs.sum() <= 1.0 + 1e-6
    score = out.column("intent_score").to_pylist()[0]
    assert score == pytest.approx(probs.sum(), abs=1e-5)


def test_rows_without_prompt_text_have_null_intent(tiny: IntentClassifier) -> None:
    out = request_signals(_table(ROWS), classifier=tiny).to_pylist()
    for i in (1, 2):
        assert out[i]["intent_label"] is None
        assert out[i]["intent_score"] is None
        assert out[i]["intent_cot"] is None
        assert out[i]["request_score"] is not None


def test_parameter_signals(tiny: IntentClassifier) -> None:
    out = request_signals(_table(ROWS), classifier=tiny).to_pylist()
    assert out[0]["sig_logprobs"] and out[0]["sig_multi_choice"] and out[0]["sig_long_output"]
    assert out[0]["sig_max_effort"] and out[0]["sig_single_turn"] and out[0]["sig_tools"]
    assert not out[1]["sig_multi_choice"] and out[1]["sig_single_turn"] is False
    assert out[2]["sig_single_turn"] is None  # turn unknown
    assert out[3]["sig_long_output"] and not out[3]["sig_max_effort"]
    assert not out[4]["sig_logprobs"]


def test_parameter_thresholds_come_from_config(tiny: IntentClassifier) -> None:
    cfg = SignalConfig.from_mapping(
        {"params": {"long_max_tokens": 64000, "long_output_tokens": 10000,
                    "max_effort_levels": ["max"], "multi_choice_min_n": 5}}
    )
    out = request_signals(_table(ROWS), config=cfg, classifier=tiny).to_pylist()
    assert not out[0]["sig_long_output"] and not out[0]["sig_max_effort"]
    assert not out[0]["sig_multi_choice"] and not out[3]["sig_long_output"]


def test_request_score_follows_weights(tiny: IntentClassifier) -> None:
    zero = SignalConfig.from_mapping({"weights": {k: 0.0 for k in (
        "intent", "logprobs", "multi_choice", "long_output", "max_effort", "single_turn",
        "tools")}})
    out = request_signals(_table(ROWS), config=zero, classifier=tiny)
    assert out.column("request_score").to_pylist() == [0.0] * len(ROWS)
    only_lp = SignalConfig.from_mapping({"weights": {"intent": 0.0, "logprobs": 0.5,
                                                     "multi_choice": 0.0, "long_output": 0.0,
                                                     "max_effort": 0.0, "single_turn": 0.0,
                                                     "tools": 0.0}})
    scores = request_signals(_table(ROWS), config=only_lp, classifier=tiny)
    assert scores.column("request_score").to_pylist() == [0.5, 0.0, 0.0, 0.0, 0.0]
    default = request_signals(_table(ROWS), classifier=tiny).column("request_score")
    assert all(0.0 <= v <= 1.0 for v in default.to_pylist())


def test_score_request_equals_batch_row(tiny: IntentClassifier) -> None:
    batch = request_signals(_table(ROWS), classifier=tiny).to_pylist()
    for row, expected in zip(ROWS, batch, strict=True):
        got = asdict(score_request(row, classifier=tiny))
        assert got.keys() == expected.keys()
        for k, v in expected.items():
            if isinstance(v, float):
                assert got[k] == pytest.approx(v, abs=1e-6), k
            else:
                assert got[k] == v, k


def test_full_event_rows_and_record_batches(tiny: IntentClassifier) -> None:
    row = {f.name: None for f in EVENT_SCHEMA}
    row.update(ts=datetime(2026, 1, 1, tzinfo=UTC), account_id="a1", prompt="hello", n=3)
    table = pa.Table.from_pylist([row, row], schema=EVENT_SCHEMA)
    out = request_signals(table.to_batches()[0], classifier=tiny)
    assert out.num_rows == 2
    assert out.column("sig_multi_choice").to_pylist() == [True, True]
    empty = request_signals(table.slice(0, 0), classifier=tiny)
    assert empty.num_rows == 0 and empty.schema == pa.schema(SIGNAL_FIELDS)


def test_other_arrow_encodings_of_the_same_columns(tiny: IntentClassifier) -> None:
    plain = _table(ROWS)
    encoded = plain.set_column(
        plain.schema.get_field_index("reasoning_effort"), "reasoning_effort",
        plain.column("reasoning_effort").dictionary_encode(),
    )
    encoded = encoded.set_column(
        encoded.schema.get_field_index("prompt"), "prompt",
        encoded.column("prompt").cast(pa.large_string()),
    )
    encoded = encoded.set_column(
        encoded.schema.get_field_index("n"), "n", encoded.column("n").cast(pa.int32())
    )
    assert request_signals(encoded, classifier=tiny).equals(
        request_signals(plain, classifier=tiny)
    )


def test_stored_intent_is_kept_when_text_was_dropped(tiny: IntentClassifier) -> None:
    table = pa.table({
        "prompt": pa.array([None, "some text"], pa.string()),
        "intent_cot": pa.array([0.7, 0.1], pa.float32()),
        "intent_score": pa.array([0.9, 0.2], pa.float32()),
        "intent_label": pa.array(["cot_elicitation", "benign"]),
    })
    out = request_signals(table, classifier=tiny).to_pylist()
    assert out[0]["intent_cot"] == pytest.approx(0.7)
    assert out[0]["intent_score"] == pytest.approx(0.9)
    assert out[0]["intent_label"] == "cot_elicitation"
    assert out[1]["intent_score"] != pytest.approx(0.2)  # text present: recomputed
    off = SignalConfig.from_mapping({"intent": {"use_stored": False}})
    again = request_signals(table, config=off, classifier=tiny).to_pylist()
    assert again[0]["intent_score"] is None


@pytest.mark.parametrize(
    ("request_", "field"),
    [({"prompt": 5}, "prompt"), ({"n": "two"}, "n"), ({"logprobs": "yes"}, "logprobs")],
)
def test_bad_values_raise_input_error(tiny: IntentClassifier, request_: dict[str, object],
                                      field: str) -> None:
    with pytest.raises(InputError) as info:
        score_request(request_, classifier=tiny)
    assert info.value.field == field


def test_bad_column_types_raise_input_error(tiny: IntentClassifier) -> None:
    with pytest.raises(InputError) as info:
        request_signals(pa.table({"n": pa.array(["two"])}), classifier=tiny)
    assert info.value.field == "n"
    with pytest.raises(InputError):
        request_signals(pa.table({"prompt": pa.array([1, 2])}), classifier=tiny)

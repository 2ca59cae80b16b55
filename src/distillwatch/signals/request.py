"""Per-request signals: ``request_signals`` (a batch) and ``score_request`` (one request).

Both run the same kernel (:func:`_kernel`) on numpy columns; only the adapters differ (Arrow
columns for a batch, a mapping of values for the gateway), so the online and batch scores of
a request are the same numbers.

Output columns are ``SIGNAL_FIELDS`` of ``distillwatch.schema``:

- ``intent_cot`` .. ``intent_synth``: calibrated class probabilities of the intent classifier;
  ``intent_label``: the most likely class; ``intent_score``: 1 - P(benign). Null where the
  request has no prompt text (unless the input already carries intent columns for that row,
  e.g. a store written with ``--drop-text``: those values are kept).
- ``sig_*``: parameter signals (thresholds in ``SignalConfig.params``).
- ``request_score``: ``1 - (1 - w_intent * intent_score) * prod(1 - w_sig)`` over the signals
  that are set (weights in ``SignalConfig.weights``), in [0, 1].
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.exceptions import InputError
from distillwatch.schema import EVENT_SCHEMA, INTENT_CLASSES, INTENT_COLUMNS, SIGNAL_FIELDS
from distillwatch.signals.config import SignalConfig
from distillwatch.signals.intent import IntentClassifier
from distillwatch.signals.params import NUMERIC_PARAMS, ParamInputs, param_flags

SIGNAL_SCHEMA = pa.schema(SIGNAL_FIELDS)
_INTENT_COLS = tuple(INTENT_COLUMNS[c] for c in INTENT_CLASSES if c != "benign")
_CLASS_INDEX = tuple(INTENT_CLASSES.index(c) for c in INTENT_CLASSES if c != "benign")
_BENIGN = INTENT_CLASSES.index("benign")
_LABELS = np.array(INTENT_CLASSES, dtype=object)
_FLAG_WEIGHTS = ("logprobs", "multi_choice", "long_output", "max_effort", "single_turn", "tools")
_N_CLASSES = len(INTENT_CLASSES)


@dataclass(frozen=True)
class RequestSignals:
    """The signals of one request (same fields and meaning as ``SIGNAL_FIELDS``)."""

    intent_cot: float | None
    intent_reveal: float | None
    intent_rationale: float | None
    intent_rubric: float | None
    intent_synth: float | None
    intent_label: str | None
    intent_score: float | None
    sig_logprobs: bool
    sig_multi_choice: bool
    sig_long_output: bool
    sig_max_effort: bool
    sig_single_turn: bool | None
    sig_tools: bool
    request_score: float


@dataclass(frozen=True)
class _Inputs:
    prompts: Sequence[str | None]
    systems: Sequence[str | None] | None
    params: ParamInputs
    stored: dict[str, np.ndarray]  # intent column -> float64 (NaN = none stored)
    stored_label: Sequence[str | None] | None


@lru_cache(maxsize=4)
def _classifier_from(model_dir: str) -> IntentClassifier:
    return IntentClassifier.load(model_dir)


def _resolve(
    config: SignalConfig | None, classifier: IntentClassifier | None
) -> tuple[SignalConfig, IntentClassifier]:
    cfg = config if config is not None else SignalConfig.default()
    if classifier is not None:
        return cfg, classifier
    if cfg.intent.model_dir:
        return cfg, _classifier_from(cfg.intent.model_dir)
    return cfg, IntentClassifier.load_default()


def _kernel(
    inputs: _Inputs, config: SignalConfig, classifier: IntentClassifier
) -> dict[str, tuple[np.ndarray, np.ndarray | None]]:
    """Every signal column as (values, null mask or None), for ``len(inputs.prompts)`` rows.

    The gateway calls this for every request with one row, so it is written for few numpy
    calls per column (each costs about a microsecond whatever the row count), not only for
    fast ones.
    """
    n = len(inputs.prompts)
    rows = [i for i, p in enumerate(inputs.prompts) if p and not p.isspace()]
    if rows:
        prompts = [inputs.prompts[i] or "" for i in rows]
        systems = None if inputs.systems is None else [inputs.systems[i] for i in rows]
        found = classifier.predict_proba(prompts, systems)
    if len(rows) == n:
        proba = np.array(found, dtype=np.float64) if n else np.full((0, _N_CLASSES), np.nan)
    else:
        proba = np.full((n, _N_CLASSES), np.nan)
        if rows:
            proba[rows] = found
    missing = np.isnan(proba)
    out: dict[str, tuple[np.ndarray, np.ndarray | None]] = {}
    stored = inputs.stored if config.intent.use_stored else {}
    for col, k in zip(_INTENT_COLS, _CLASS_INDEX, strict=True):
        values, mask = proba[:, k], missing[:, k]
        if col in stored:
            values = np.where(mask, stored[col], values)
            mask = np.isnan(values)
        out[col] = (values, mask)
    score = 1.0 - proba[:, _BENIGN]
    score_mask = missing[:, _BENIGN]
    if "intent_score" in stored:
        score = np.where(score_mask, stored["intent_score"], score)
        score_mask = np.isnan(score)
    labels = np.full(n, None, dtype=object)
    if rows:
        labels[rows] = _LABELS[proba[rows].argmax(axis=1)]
    if config.intent.use_stored and inputs.stored_label is not None and len(rows) < n:
        with_text = set(rows)
        for i in range(n):
            if i not in with_text:
                labels[i] = inputs.stored_label[i]
    out["intent_label"] = (labels, labels == None)  # noqa: E711 (elementwise)
    out["intent_score"] = (score, score_mask)

    flags = param_flags(inputs.params, config.params)
    out["sig_logprobs"] = (flags.logprobs, None)
    out["sig_multi_choice"] = (flags.multi_choice, None)
    out["sig_long_output"] = (flags.long_output, None)
    out["sig_max_effort"] = (flags.max_effort, None)
    out["sig_single_turn"] = (flags.single_turn, ~flags.single_turn_known)
    out["sig_tools"] = (flags.tools, None)

    # request_score = 1 - keep, keep = (1 - w_intent * score) * prod over set flags (1 - w).
    # One (flags + 1) x n array multiplied down in order (multiply.accumulate is sequential),
    # so the products are the same floats as a loop over the flags. A flag's factor is
    # 1 - w * flag: exactly 1 - w when set and exactly 1.0 when not.
    w = config.weights
    factors = np.empty((len(_FLAG_WEIGHTS) + 1, n))
    factors[0] = score
    factors[0][score_mask] = 0.0
    factors[0] *= w.intent
    for i, name in enumerate(_FLAG_WEIGHTS, start=1):
        factors[i] = out[f"sig_{name}"][0]
    factors[1:] *= np.array([getattr(w, name) for name in _FLAG_WEIGHTS])[:, None]
    np.subtract(1.0, factors, out=factors)
    keep = np.multiply.accumulate(factors, axis=0)[-1]
    out["request_score"] = (np.minimum(np.maximum(1.0 - keep, 0.0), 1.0), None)
    return out


# --- batch adapter -----------------------------------------------------------------------
def _numeric(table: pa.Table, name: str) -> np.ndarray:
    if name not in table.column_names:
        return np.full(table.num_rows, np.nan)
    col = table.column(name)
    try:
        col = pc.cast(col, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise InputError(f"expected a number, got {col.type}: {exc}", field=name) from exc
    return np.asarray(col.to_numpy(zero_copy_only=False), dtype=np.float64)


def _strings(table: pa.Table, name: str) -> list[str | None] | None:
    if name not in table.column_names:
        return None
    col = table.column(name)
    if pa.types.is_dictionary(col.type):  # e.g. Parquet read with read_dictionary
        col = col.cast(col.type.value_type)
    if pa.types.is_string_view(col.type):
        col = col.cast(pa.string())
    if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)
            or pa.types.is_null(col.type)):
        raise InputError(f"expected text, got {col.type}", field=name)
    values: list[str | None] = col.to_pylist()
    return values


def _inputs_from_table(table: pa.Table) -> _Inputs:
    n = table.num_rows
    numeric = {name: _numeric(table, name) for name in NUMERIC_PARAMS}
    if "logprobs" in table.column_names:
        try:
            lp = pc.fill_null(pc.cast(table.column("logprobs"), pa.bool_()), False)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
            raise InputError(f"expected a boolean: {exc}", field="logprobs") from exc
        logprobs = np.asarray(lp.to_numpy(zero_copy_only=False), dtype=bool)
    else:
        logprobs = np.zeros(n, dtype=bool)
    effort = _strings(table, "reasoning_effort") or [None] * n
    stored = {
        c: _numeric(table, c) for c in (*_INTENT_COLS, "intent_score") if c in table.column_names
    }
    prompts = _strings(table, "prompt") or [None] * n
    return _Inputs(
        prompts=prompts,
        systems=_strings(table, "system_prompt"),
        params=ParamInputs(numeric, logprobs, effort),
        stored=stored,
        stored_label=_strings(table, "intent_label"),
    )


def request_signals(
    batch: pa.Table | pa.RecordBatch,
    *,
    config: SignalConfig | None = None,
    classifier: IntentClassifier | None = None,
) -> pa.Table:
    """The ``SIGNAL_FIELDS`` columns of every row of ``batch``, same count and order.

    ``batch`` may hold any subset of the ``EVENT_SCHEMA`` columns (missing ones count as
    null); other columns are ignored, except stored intent columns (see module docstring).
    """
    table = pa.Table.from_batches([batch]) if isinstance(batch, pa.RecordBatch) else batch
    cfg, clf = _resolve(config, classifier)
    out = _kernel(_inputs_from_table(table), cfg, clf)
    arrays = []
    for field in SIGNAL_FIELDS:
        values, mask = out[field.name]
        if field.type == pa.string():
            arrays.append(pa.array(values, type=pa.string(), mask=mask))
        else:
            data = values.astype(field.type.to_pandas_dtype(), copy=False)
            arrays.append(pa.array(data, type=field.type, mask=mask))
    return pa.Table.from_arrays(arrays, schema=SIGNAL_SCHEMA)


# --- single-request adapter --------------------------------------------------------------
def _number(request: Mapping[str, Any], name: str) -> float:
    v = request.get(name)
    if v is None:
        return float("nan")
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise InputError(f"expected a number, got {type(v).__name__}", field=name)
    return float(v)


def _text(request: Mapping[str, Any], name: str) -> str | None:
    v = request.get(name)
    if v is not None and not isinstance(v, str):
        raise InputError(f"expected text, got {type(v).__name__}", field=name)
    return v


def _inputs_from_mapping(request: Mapping[str, Any]) -> _Inputs:
    # One (params x 1) array whose rows are the columns: one numpy call, not six.
    matrix = np.array([[_number(request, name)] for name in NUMERIC_PARAMS])
    numeric = dict(zip(NUMERIC_PARAMS, matrix, strict=True))
    lp = request.get("logprobs")
    if lp is not None and not isinstance(lp, bool):
        raise InputError(f"expected a boolean, got {type(lp).__name__}", field="logprobs")
    stored = {c: np.array([_number(request, c)]) for c in (*_INTENT_COLS, "intent_score")
              if c in request}
    label = _text(request, "intent_label")
    return _Inputs(
        prompts=[_text(request, "prompt")],
        systems=[_text(request, "system_prompt")],
        params=ParamInputs(numeric, np.array([bool(lp)]), [_text(request, "reasoning_effort")]),
        stored=stored,
        stored_label=[label] if "intent_label" in request else None,
    )


def score_request(
    request: Mapping[str, Any],
    *,
    config: SignalConfig | None = None,
    classifier: IntentClassifier | None = None,
) -> RequestSignals:
    """Signals of one request given as a mapping of ``EVENT_SCHEMA`` field names to values.

    Unknown keys are ignored. Runs the same kernel as :func:`request_signals`; the values
    equal that function's row for the same request (float32 in the table).
    """
    cfg, clf = _resolve(config, classifier)
    out = _kernel(_inputs_from_mapping(request), cfg, clf)
    values: dict[str, Any] = {}
    for name, kind in _FIELD_KINDS:
        v, mask = out[name]
        if mask is not None and mask[0]:
            values[name] = None
        elif kind is str:
            values[name] = str(v[0])
        elif kind is bool:
            values[name] = bool(v[0])
        else:  # float32 in the table: the same rounding here
            values[name] = float(np.float32(v[0]))
    return RequestSignals(**values)


_FIELD_KINDS: tuple[tuple[str, type], ...] = tuple(
    (
        f.name,
        str if f.type == pa.string() else bool if f.type == pa.bool_() else float,
    )
    for f in SIGNAL_FIELDS
)


EVENT_FIELDS = frozenset(EVENT_SCHEMA.names)

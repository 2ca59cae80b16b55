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

import numba
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.exceptions import InputError
from distillwatch.schema import EVENT_SCHEMA, INTENT_CLASSES, INTENT_COLUMNS, SIGNAL_FIELDS
from distillwatch.signals.config import SignalConfig
from distillwatch.signals.intent import IntentClassifier, _softmax_row, has_text
from distillwatch.signals.params import (
    FLAG_NAMES,
    NUMERIC_PARAMS,
    ParamInputs,
    effort_flags,
    flag_row,
    threshold_vector,
)

SIGNAL_SCHEMA = pa.schema(SIGNAL_FIELDS)
_INTENT_COLS = tuple(INTENT_COLUMNS[c] for c in INTENT_CLASSES if c != "benign")
_CLASS_INDEX = tuple(INTENT_CLASSES.index(c) for c in INTENT_CLASSES if c != "benign")
_BENIGN = INTENT_CLASSES.index("benign")
_LABELS = np.array(INTENT_CLASSES, dtype=object)
_LABEL_ARRAY = pa.array(INTENT_CLASSES, type=pa.string())
_N_CLASSES = len(INTENT_CLASSES)
_CLASS_INDEX_ARRAY = np.array(_CLASS_INDEX, dtype=np.int64)
_STORED_COLS = (*_INTENT_COLS, "intent_score")
_NONE_STORED = np.zeros(len(_STORED_COLS), dtype=bool)
_NO_STORED = np.empty((0, len(_STORED_COLS)))
_NONE_STORED.flags.writeable = False
_NO_STORED.flags.writeable = False
_NO_LOGITS = np.empty((0, _N_CLASSES))
_NO_LOGITS.flags.writeable = False


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
    # Arrow columns for a batch (read in place by the classifier's kernel), lists for one
    prompts: Sequence[str | None] | pa.ChunkedArray
    systems: Sequence[str | None] | pa.ChunkedArray | None
    params: ParamInputs
    stored: dict[str, np.ndarray]  # intent column -> float64 (NaN = none stored)
    stored_label: Sequence[str | None] | None


@lru_cache(maxsize=8)
def _vectors(config: SignalConfig) -> tuple[np.ndarray, np.ndarray]:
    """(thresholds, weights) of a configuration as the compiled kernel reads them."""
    w = config.weights
    weights = np.array([w.intent, *(getattr(w, f) for f in FLAG_NAMES)], dtype=np.float64)
    return threshold_vector(config.params), weights


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


@numba.njit(cache=True, nogil=True)
def _combine(
    logits: np.ndarray,
    rows: np.ndarray,
    temperature: float,
    class_index: np.ndarray,
    benign: int,
    stored: np.ndarray,
    stored_on: np.ndarray,
    numeric: np.ndarray,
    logprobs: np.ndarray,
    effort: np.ndarray,
    thresholds: np.ndarray,
    weights: np.ndarray,
    values: np.ndarray,
    missing: np.ndarray,
    flags: np.ndarray,
    codes: np.ndarray,
) -> None:
    """Every signal of every row, written into ``values``, ``missing``, ``flags``, ``codes``.

    ``logits``: the classifier's class scores of the rows ``rows`` (ascending), those with
    prompt text; their probabilities are ``softmax(logits / temperature)`` by the row helper
    of ``IntentClassifier.proba_from_logits`` (``intent._softmax_row``: the same numbers),
    other rows' are NaN. Output columns are rows of the arrays: ``values`` (float32): the
    intent columns, ``intent_score``, ``request_score``; ``missing``: the same but the last;
    ``flags``: ``FLAG_NAMES``, then whether ``turn`` is known; ``codes``: the most likely
    class (numpy's ``argmax``), -1 without text.
    One compiled pass instead of a few dozen numpy calls: the gateway runs this for every
    request with one row, where each numpy call cost about a microsecond whatever its size;
    a batch's softmax, argmax and combination share one pass over its rows. Same float64
    operations in the same order as the formula in the module docstring; each value is
    rounded to float32 once, on store (as ``astype`` would).
    """
    k = class_index.shape[0]
    n_cls = logits.shape[1]
    proba = np.empty(n_cls, dtype=np.float64)
    r = 0
    for i in range(values.shape[1]):
        if r < rows.shape[0] and rows[r] == i:
            _softmax_row(logits[r], temperature, proba)
            codes[i] = np.argmax(proba)  # as numpy's: the first NaN, else the first largest
            r += 1
        else:
            proba[:] = np.nan
            codes[i] = -1
        for j in range(k):
            v = proba[class_index[j]]
            if v != v and stored_on[j]:
                v = stored[i, j]
            values[j, i] = v
            missing[j, i] = v != v
        score = 1.0 - proba[benign]
        if score != score and stored_on[k]:
            score = stored[i, k]
        values[k, i] = score
        missing[k, i] = score != score
        row = flag_row(numeric, i, logprobs[i], effort[i], thresholds)
        keep = 1.0 - weights[0] * (0.0 if score != score else score)
        for f in range(6):
            flags[f, i] = row[f]
            if row[f]:
                keep = keep * (1.0 - weights[1 + f])
        flags[6, i] = row[6]
        values[k + 1, i] = min(max(1.0 - keep, 0.0), 1.0)


def _compute(
    inputs: _Inputs, config: SignalConfig, classifier: IntentClassifier
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(values, missing, flags, labels)``: one row per column, one column per request
    (see :func:`_combine`). ``labels``: the class index of the most likely class (int8, -1:
    no prompt text), or, where stored labels stand in for rows without text, the labels
    themselves (an object array)."""
    n = len(inputs.prompts)
    rows = np.flatnonzero(_with_text(inputs.prompts))  # others have no intent
    logits = _NO_LOGITS
    if len(rows):
        prompts, systems = inputs.prompts, inputs.systems
        if len(rows) < n:
            prompts, systems = _take(prompts, rows), None if systems is None else _take(
                systems, rows)
        logits = np.ascontiguousarray(classifier.request_logits(prompts, systems),
                                      dtype=np.float64)
    use = config.intent.use_stored
    if use and inputs.stored:
        stored_on = np.array([c in inputs.stored for c in _STORED_COLS], dtype=bool)
        stored = np.empty((n, len(_STORED_COLS)))
        for j, col in enumerate(_STORED_COLS):
            if stored_on[j]:
                stored[:, j] = inputs.stored[col]
    else:  # never read
        stored_on, stored = _NONE_STORED, _NO_STORED
    params = inputs.params
    values = np.empty((len(_STORED_COLS) + 1, n), dtype=np.float32)
    missing = np.empty((len(_STORED_COLS), n), dtype=bool)
    flags = np.empty((len(FLAG_NAMES) + 1, n), dtype=bool)
    codes = np.empty(n, dtype=np.int8)
    thresholds, weights = _vectors(config)
    _combine(
        logits,
        rows,
        float(classifier.temperature),
        _CLASS_INDEX_ARRAY,
        _BENIGN,
        stored,
        stored_on,
        np.ascontiguousarray(params.numeric, dtype=np.float64),
        np.ascontiguousarray(params.logprobs, dtype=bool),
        _effort_flags(params.reasoning_effort, config),
        thresholds,
        weights,
        values,
        missing,
        flags,
        codes,
    )
    # class indices, not strings: a batch's label column is taken from the class names by
    # Arrow (one object per row and an elementwise ``== None`` cost ~0.1 us a row)
    if use and inputs.stored_label is not None and len(rows) < n:
        labels = np.full(n, None, dtype=object)
        labels[rows] = _LABELS[codes[rows]]
        with_text = set(rows.tolist())
        for i in range(n):
            if i not in with_text:
                labels[i] = inputs.stored_label[i]
        return values, missing, flags, labels
    return values, missing, flags, codes


def _label_column(labels: np.ndarray) -> pa.Array:
    """The ``intent_label`` column of :func:`_compute`'s ``labels``."""
    if labels.dtype == object:
        return pa.array(labels, type=pa.string(), mask=labels == None)  # noqa: E711
    return _LABEL_ARRAY.take(pa.array(labels, mask=labels < 0))


@dataclass(frozen=True, eq=False)
class _Coded(Sequence[str | None]):
    """A text column as its distinct values and a code per row (reasoning efforts: a few
    values over a whole batch), so a per-value test runs once per distinct value."""

    distinct: list[str | None]
    codes: np.ndarray

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self.distinct[c] for c in self.codes[i]]
        return self.distinct[self.codes[i]]

    @classmethod
    def of(cls, column: pa.ChunkedArray) -> _Coded:
        coded = pc.dictionary_encode(column.combine_chunks(), null_encoding="encode")
        return cls(coded.dictionary.to_pylist(), coded.indices.to_numpy(zero_copy_only=False))


def _effort_flags(values: Sequence[str | None], config: SignalConfig) -> np.ndarray:
    """``params.effort_flags`` of every row (of each distinct value of a coded column)."""
    if isinstance(values, _Coded):
        return effort_flags(values.distinct, config.params)[values.codes]
    return effort_flags(values, config.params)


def _with_text(prompts: Sequence[str | None] | pa.ChunkedArray) -> np.ndarray:
    """Rows whose prompt has a character that is not whitespace (``str.isspace``)."""
    if isinstance(prompts, pa.ChunkedArray):
        return has_text(prompts)
    return np.array([bool(p and not p.isspace()) for p in prompts], dtype=bool)


def _take(values: Sequence[str | None] | pa.ChunkedArray, rows: np.ndarray
          ) -> list[str | None] | pa.ChunkedArray:
    if isinstance(values, pa.ChunkedArray):
        return values.take(pa.array(rows))
    return [values[i] for i in rows]


def _kernel(
    inputs: _Inputs, config: SignalConfig, classifier: IntentClassifier
) -> dict[str, tuple[np.ndarray, np.ndarray | None]]:
    """Every signal column as (values, null mask or None), for ``len(inputs.prompts)`` rows.
    A column without nulls has no mask (no validity bitmap to build)."""
    values, missing, flags, labels = _compute(inputs, config, classifier)
    out: dict[str, tuple[np.ndarray, np.ndarray | None]] = {}
    for j, col in enumerate(_INTENT_COLS):
        out[col] = (values[j], _mask(missing[j]))
    k = len(_INTENT_COLS)
    out["intent_label"] = (labels, None)  # made a column by _label_column
    out["intent_score"] = (values[k], _mask(missing[k]))
    for f, name in enumerate(FLAG_NAMES):
        known = _mask(~flags[len(FLAG_NAMES)]) if name == "single_turn" else None
        out[f"sig_{name}"] = (flags[f], known)
    out["request_score"] = (values[k + 1], None)
    return out


def _mask(nulls: np.ndarray) -> np.ndarray | None:
    return nulls if nulls.any() else None


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
    col = _string_column(table, name)
    if col is None:
        return None
    values: list[str | None] = col.to_pylist()
    return values


def _string_column(table: pa.Table, name: str) -> pa.ChunkedArray | None:
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
    return col


def _text_column(table: pa.Table, name: str) -> pa.ChunkedArray | None:
    """A text column as Arrow strings (the classifier reads them in place: no Python
    string per row)."""
    if name not in table.column_names:
        return None
    col = table.column(name)
    if pa.types.is_dictionary(col.type):
        col = col.cast(col.type.value_type)
    if pa.types.is_null(col.type) or pa.types.is_string_view(col.type):
        col = col.cast(pa.string())
    if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
        raise InputError(f"expected text, got {col.type}", field=name)
    return col


def _inputs_from_table(table: pa.Table) -> _Inputs:
    n = table.num_rows
    numeric = np.stack([_numeric(table, name) for name in NUMERIC_PARAMS]).reshape(
        len(NUMERIC_PARAMS), n
    )
    if "logprobs" in table.column_names:
        try:
            lp = pc.fill_null(pc.cast(table.column("logprobs"), pa.bool_()), False)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
            raise InputError(f"expected a boolean: {exc}", field="logprobs") from exc
        logprobs = np.asarray(lp.to_numpy(zero_copy_only=False), dtype=bool)
    else:
        logprobs = np.zeros(n, dtype=bool)
    effort_column = _string_column(table, "reasoning_effort")
    effort = [None] * n if effort_column is None else _Coded.of(effort_column)
    stored = {
        c: _numeric(table, c) for c in (*_INTENT_COLS, "intent_score") if c in table.column_names
    }
    prompts = _text_column(table, "prompt")
    return _Inputs(
        prompts=pa.chunked_array([pa.nulls(n, pa.string())]) if prompts is None else prompts,
        systems=_text_column(table, "system_prompt"),
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
        if field.name == "intent_label":
            arrays.append(_label_column(values))
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
    numeric = np.array([[_number(request, name)] for name in NUMERIC_PARAMS])
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
    values, missing, flags, labels = _compute(_inputs_from_mapping(request), cfg, clf)
    # float32 as in the table (tolist gives Python floats and bools)
    v = values[:, 0].tolist()
    m = missing[:, 0].tolist()
    f = flags[:, 0].tolist()
    k = len(_INTENT_COLS)
    fields: dict[str, Any] = {col: None if m[j] else v[j] for j, col in enumerate(_INTENT_COLS)}
    label = labels[0] if labels.dtype == object else (
        INTENT_CLASSES[labels[0]] if labels[0] >= 0 else None)
    return RequestSignals(
        **fields,
        intent_label=None if label is None else str(label),
        intent_score=None if m[k] else v[k],
        sig_logprobs=f[0],
        sig_multi_choice=f[1],
        sig_long_output=f[2],
        sig_max_effort=f[3],
        sig_single_turn=f[4] if f[6] else None,
        sig_tools=f[5],
        request_score=v[k + 1],
    )


EVENT_FIELDS = frozenset(EVENT_SCHEMA.names)

"""Request-parameter signals (logprobs, n, output length, reasoning effort, turn, tools).

One kernel over numpy columns serves both the batch path (Arrow columns converted once) and
the gateway path (one request's values). Numeric inputs arrive as float64 with NaN for
missing values: a missing parameter never sets a signal, except ``sig_single_turn``, which
is unknown (null) when ``turn`` is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from distillwatch.signals.config import ParamThresholds

NUMERIC_PARAMS: tuple[str, ...] = (
    "top_logprobs", "n", "max_tokens", "output_tokens", "tool_count", "turn",
)


@dataclass(frozen=True)
class ParamInputs:
    """The request parameters of ``rows`` requests, as numpy columns."""

    numeric: dict[str, np.ndarray]  # name -> float64, NaN = missing
    logprobs: np.ndarray  # bool, missing = False
    reasoning_effort: Sequence[str | None]


@dataclass(frozen=True)
class ParamFlags:
    """Boolean signal columns; ``single_turn_known`` is False where ``turn`` was missing."""

    logprobs: np.ndarray
    multi_choice: np.ndarray
    long_output: np.ndarray
    max_effort: np.ndarray
    single_turn: np.ndarray
    single_turn_known: np.ndarray
    tools: np.ndarray


def param_flags(inputs: ParamInputs, thresholds: ParamThresholds) -> ParamFlags:
    """Evaluate every parameter signal (comparisons with NaN are False: missing = not set).

    NumPy compares NaN without a floating-point warning, so no ``errstate`` is needed (it
    costs more than the comparisons on the gateway's one-row columns).
    """
    num = inputs.numeric
    logprobs = inputs.logprobs | (num["top_logprobs"] >= thresholds.top_logprobs_min)
    multi = num["n"] >= thresholds.multi_choice_min_n
    long_out = (num["max_tokens"] >= thresholds.long_max_tokens) | (
        num["output_tokens"] >= thresholds.long_output_tokens
    )
    tools = num["tool_count"] >= thresholds.tools_min_count
    turn = num["turn"]
    known = turn == turn  # not NaN
    single = turn <= thresholds.single_turn_max_turn  # NaN compares False: unknown = unset
    levels = thresholds.max_effort_levels
    effort = np.fromiter(
        (v is not None and v.lower() in levels for v in inputs.reasoning_effort),
        dtype=bool,
        count=len(inputs.reasoning_effort),
    )
    return ParamFlags(logprobs, multi, long_out, effort, single, known, tools)

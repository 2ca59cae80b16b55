"""Request-parameter signals (logprobs, n, output length, reasoning effort, turn, tools).

One compiled row function (:func:`flag_row`) serves both the batch path (Arrow columns
converted once) and the gateway path (one request's values); the request kernel
(:mod:`distillwatch.signals.request`) calls it for every row. Numeric inputs arrive as
float64 with NaN for missing values: a missing parameter never sets a signal (IEEE
comparisons with NaN are false), except ``sig_single_turn``, which is unknown (null) when
``turn`` is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numba
import numpy as np

from distillwatch.signals.config import ParamThresholds

NUMERIC_PARAMS: tuple[str, ...] = (
    "top_logprobs", "n", "max_tokens", "output_tokens", "tool_count", "turn",
)
# Signal columns in the order flag_row returns them (then ``single_turn_known``).
FLAG_NAMES: tuple[str, ...] = (
    "logprobs", "multi_choice", "long_output", "max_effort", "single_turn", "tools",
)


@dataclass(frozen=True)
class ParamInputs:
    """The request parameters of ``rows`` requests, as numpy columns."""

    numeric: np.ndarray  # (len(NUMERIC_PARAMS), rows) float64 in that order, NaN = missing
    logprobs: np.ndarray  # bool, missing = False
    reasoning_effort: Sequence[str | None]


def threshold_vector(thresholds: ParamThresholds) -> np.ndarray:
    """The numeric thresholds in the order :func:`flag_row` reads them."""
    return np.array(
        [
            thresholds.top_logprobs_min,
            thresholds.multi_choice_min_n,
            thresholds.long_max_tokens,
            thresholds.long_output_tokens,
            thresholds.tools_min_count,
            thresholds.single_turn_max_turn,
        ],
        dtype=np.float64,
    )


def effort_flags(values: Sequence[str | None], thresholds: ParamThresholds) -> np.ndarray:
    """``sig_max_effort`` per row: the effort named is one of the maximum levels."""
    levels = thresholds.max_effort_levels
    return np.fromiter(
        (v is not None and v.lower() in levels for v in values), dtype=bool, count=len(values)
    )


@numba.njit(cache=True, nogil=True)
def flag_row(
    numeric: np.ndarray, i: int, logprobs: bool, effort: bool, t: np.ndarray
) -> tuple[bool, bool, bool, bool, bool, bool, bool]:
    """The parameter signals of row ``i`` (``FLAG_NAMES`` order, then whether turn is known)."""
    top, n, max_tokens = numeric[0, i], numeric[1, i], numeric[2, i]
    output_tokens, tool_count, turn = numeric[3, i], numeric[4, i], numeric[5, i]
    return (
        logprobs or top >= t[0],
        n >= t[1],
        max_tokens >= t[2] or output_tokens >= t[3],
        effort,
        turn <= t[5],  # NaN compares false: an unknown turn is not single-turn (and is null)
        tool_count >= t[4],
        turn == turn,
    )

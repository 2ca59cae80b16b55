"""Severity thresholds from a false-positive budget, without labels.

The null model is the benign bulk of the population itself. Scores are mapped to log-odds
``x = logit(score)``; the bulk's centre is the median of ``x`` and its spread the scaled MAD
(``1.4826 * median|x - median|``), floored at ``null_scale_floor`` because a bulk in which most
accounts fire no rule has a MAD of zero. Median and MAD ignore up to half of the population,
so harvesting accounts (the minority, and on the far side) do not move them. The threshold
for a false-positive rate ``f`` is the normal ``1 - f`` quantile of that null, mapped back to
a score, and never below the rule set's floor for that severity:

    t(f) = max(floor, sigmoid(median + z(1 - f) * scale))

``medium`` (the flag) uses ``f = fpr``; ``low`` ``10 fpr``; ``high`` ``fpr / 10``;
``critical`` ``fpr / 100``. Where the population is too small or the bulk is clean, the
floors decide; run.json records both so an analyst sees which one did.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from distillwatch.scoring.rules import SEVERITY_LEVELS, Calibration

_EPS = 1e-6
FPR_FACTORS: dict[str, float] = {"low": 10.0, "medium": 1.0, "high": 0.1, "critical": 0.01}
FLAG_SEVERITY = "medium"


@dataclass(frozen=True)
class Thresholds:
    """Score thresholds per severity and how they were reached."""

    fpr: float
    low: float
    medium: float
    high: float
    critical: float
    null_center: float
    null_scale: float
    null_accounts: int
    from_null: tuple[str, ...]  # severities whose threshold the null model set (not the floor)

    def as_dict(self) -> dict[str, float]:
        return {s: float(getattr(self, s)) for s in SEVERITY_LEVELS}

    def severity(self, scores: np.ndarray) -> np.ndarray:
        """Severity name per score ('none' below ``low``)."""
        out = np.full(scores.shape, "none", dtype=object)
        for s in SEVERITY_LEVELS:
            out[scores >= getattr(self, s)] = s
        return out

    @property
    def flag(self) -> float:
        return float(getattr(self, FLAG_SEVERITY))


def _logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, _EPS, 1 - _EPS)
    return np.asarray(np.log(q / (1 - q)))


def _sigmoid(x: float) -> float:
    return float(1.0 / (1.0 + np.exp(-x)))


def calibrate(scores: np.ndarray, *, fpr: float, calibration: Calibration) -> Thresholds:
    """Thresholds for each severity from the population's ``scores`` and a FPR budget."""
    if not 0.0 < fpr < 1.0:
        raise ValueError("fpr must be in (0, 1)")
    x = _logit(np.asarray(scores, dtype=np.float64))
    if x.size:
        center = float(np.median(x))
        mad = 1.4826 * float(np.median(np.abs(x - center)))
    else:
        center, mad = float(_logit(np.array([_EPS]))[0]), 0.0
    scale = max(mad, calibration.null_scale_floor)
    floors = calibration.floors()
    values: dict[str, float] = {}
    from_null: list[str] = []
    prev = 0.0
    for sev in SEVERITY_LEVELS:
        f = min(fpr * FPR_FACTORS[sev], 0.5)
        null_t = _sigmoid(center + NormalDist().inv_cdf(1.0 - f) * scale)
        t = max(floors[sev], null_t, prev)
        if null_t > floors[sev]:
            from_null.append(sev)
        values[sev] = t
        prev = t
    return Thresholds(
        fpr=fpr,
        **values,
        null_center=center,
        null_scale=scale,
        null_accounts=int(x.size),
        from_null=tuple(from_null),
    )

"""Severity thresholds from a false-positive budget, without labels.

The null model is the benign bulk of the population itself, in log-odds ``x = logit(score)``.
Which accounts form it (2026-11, after thresholds collapsed to 0.99999999 on stores where a
third of the accounts were attackers and the bulk, mostly exact zeros, looked bimodal):

1. accounts in a reported campaign are left out: their campaign is judged by its own score;
2. *quiet* accounts (score <= ``null_min_score``: no rule fired) cannot be false positives at
   any threshold that matters; they are a point mass, kept out of the normal fit, and only
   scale the budget: the fit's tail gets ``f / share`` where ``share`` is the fitted accounts'
   share of the null (a hurdle model);
3. the others are *trimmed from above*, iteratively (:func:`null_sample`): start from the
   lower half, centre = median, spread from the kept values below the centre only
   (``1.4826 * median(centre - x | x <= centre)``, which harvesters on the far right cannot
   inflate), keep ``x <= centre + null_clip_z * spread``, repeat until the kept set is stable;
4. the null is the kept set: centre = its median, spread = its scaled MAD (both sides, so a
   benign bulk with a long right tail widens it), floored at ``null_scale_floor``.

This holds while benign accounts are the majority of the non-quiet, non-campaign accounts
(tested with 0%, 10% and 40% attackers: tests/scoring/test_scoring_calibration.py); beyond
that the floors are the backstop.

The threshold for a false-positive rate ``f`` is the normal ``1 - f`` quantile of that null,
mapped back to a score, and never below the rule set's floor for that severity:

    t(f) = max(floor, sigmoid(centre + z(1 - f) * spread))

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


def null_sample(x: np.ndarray, *, clip_z: float, scale_floor: float,
                max_iter: int = 50) -> np.ndarray:
    """Mask of the log-odds ``x`` that form the benign bulk (iterative trim from above).

    Starts from the lower half (benign wherever harvesters are a minority and to the right)
    and grows or shrinks the kept set to ``x <= centre + clip_z * spread`` until it is stable;
    the spread comes from the kept values below their median, which the right tail cannot
    inflate.
    """
    if x.size == 0:
        return np.zeros(0, dtype=bool)
    keep = x <= np.median(x)
    for _ in range(max_iter):
        kept = x[keep]
        center = float(np.median(kept))
        below = center - kept[kept <= center]
        spread = max(1.4826 * float(np.median(below)) if below.size else 0.0, scale_floor)
        new = x <= center + clip_z * spread
        if np.array_equal(new, keep):
            break
        keep = new
    return keep


def calibrate(
    scores: np.ndarray,
    *,
    fpr: float,
    calibration: Calibration,
    exclude: np.ndarray | None = None,
) -> Thresholds:
    """Thresholds for each severity from the population's ``scores`` and a FPR budget.

    ``exclude`` (boolean, same length) marks accounts left out of the null model (members of
    reported campaigns).
    """
    if not 0.0 < fpr < 1.0:
        raise ValueError("fpr must be in (0, 1)")
    s = np.asarray(scores, dtype=np.float64)
    if exclude is not None:
        s = s[~np.asarray(exclude, dtype=bool)]
    # Hurdle: accounts where (almost) no rule fired can never be false positives above
    # null_min_score; the normal null describes the others, and its budget is scaled up by
    # the share they are of the benign bulk.
    quiet = int(np.count_nonzero(s <= calibration.null_min_score))
    x = _logit(s[s > calibration.null_min_score])
    x = x[null_sample(x, clip_z=calibration.null_clip_z,
                      scale_floor=calibration.null_scale_floor)]
    share = x.size / max(x.size + quiet, 1)
    if x.size:
        center = float(np.median(x))
        mad = 1.4826 * float(np.median(np.abs(x - center)))
    else:
        center, mad = float(_logit(np.array([calibration.null_min_score]))[0]), 0.0
    scale = max(mad, calibration.null_scale_floor)
    floors = calibration.floors()
    values: dict[str, float] = {}
    from_null: list[str] = []
    prev = 0.0
    for sev in SEVERITY_LEVELS:
        f = min(fpr * FPR_FACTORS[sev] / max(share, 1e-12), 0.5)
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
        null_accounts=int(x.size) + quiet,
        from_null=tuple(from_null),
    )

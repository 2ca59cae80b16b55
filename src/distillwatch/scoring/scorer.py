"""AccountScorer: rules as data applied to account features, calibrated to a FPR budget.

Follows the estimator contract: ``__init__`` only stores keyword-only parameters; ``fit``
learns population quantiles (for the reasons) and severity thresholds (``thresholds_``) from
the features alone, no labels; ``score`` returns one row per account (:data:`SCORE_SCHEMA`).

>>> scorer = AccountScorer(fpr=0.001)            # doctest: +SKIP
>>> scores = scorer.fit(features).score(features)  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pyarrow as pa

from distillwatch.exceptions import RuleError
from distillwatch.features.corroboration import CORROBORATION_FEATURES
from distillwatch.scoring.calibration import Thresholds, calibrate
from distillwatch.scoring.rules import Rule, RuleSet, load_rules

DEFAULT_FPR = 0.001
# Features other stages add to the feature table; a rule reading one that is absent is silent.
CONTEXT_FEATURES: tuple[str, ...] = ("campaign_score", "model_score", *CORROBORATION_FEATURES)
SCORE_SCHEMA = pa.schema(
    [
        pa.field("account_id", pa.string(), nullable=False),
        pa.field("score", pa.float64(), nullable=False),
        pa.field("severity", pa.string(), nullable=False),
        pa.field("flagged", pa.bool_(), nullable=False),
        pa.field("reasons", pa.list_(pa.string())),
        pa.field("tactics", pa.list_(pa.string())),
        pa.field("summary", pa.string()),
    ]
)
CONTRIBUTION_SCHEMA = pa.schema(
    [
        pa.field("account_id", pa.string(), nullable=False),
        pa.field("rule", pa.string(), nullable=False),
        pa.field("rank", pa.int32(), nullable=False),
        pa.field("value", pa.float64()),
        pa.field("strength", pa.float64()),
        pa.field("contribution", pa.float64()),
        pa.field("reason", pa.string()),
    ]
)


@dataclass(frozen=True)
class _Evaluation:
    ids: list[str]
    exchanges: np.ndarray
    values: np.ndarray  # accounts x rules, NaN where missing
    strengths: np.ndarray  # accounts x rules, 0 where guard false or value missing
    contributions: np.ndarray  # accounts x rules: weight * strength
    scores: np.ndarray
    campaign_score: np.ndarray  # 0 outside campaigns or without linkage
    in_campaign: np.ndarray  # bool: campaign_id is set


@dataclass
class _Evaluated:
    """The last table a scorer evaluated, its evaluation and what was derived from it."""

    features: pa.Table
    evaluation: _Evaluation
    min_contribution: float  # of the fit that evaluated it, for ``ranked``
    texts: dict[int, list[str]] = field(default_factory=dict)  # as score() wrote them

    @cached_property
    def ranked(self) -> list[list[int]]:
        """:func:`_ranked_all` of the evaluation, on first use: ``fit`` alone needs none."""
        return _ranked_all(self.evaluation.contributions,
                           min_contribution=self.min_contribution)


def _ranked_all(contributions: np.ndarray, *, min_contribution: float) -> list[list[int]]:
    """Per account (row): the rules at or above ``min_contribution``, strongest first;
    ties (equal to 12 decimals) broken by rule order in the file, so deterministic.

    One sort of every listed (account, rule) instead of a sort per account: the
    per-account Python calls were most of ``score`` on stores of 15,000 accounts.
    """
    rows, cols = np.nonzero(contributions >= min_contribution)
    # Python's round (correctly rounded), as the ranking always used, not numpy's
    rounded = np.array([round(v, 12) for v in contributions[rows, cols].tolist()],
                       dtype=np.float64)
    order = np.lexsort((cols, -rounded, rows))
    ranked = cols[order].tolist()
    ends = np.cumsum(np.bincount(rows, minlength=contributions.shape[0])).tolist()
    out, start = [], 0
    for end in ends:
        out.append(ranked[start:end])
        start = end
    return out


class NotFittedError(RuntimeError):
    """``score`` was called before ``fit``."""


class AccountScorer:
    """Score accounts with a rule set; thresholds from a false-positive budget.

    A scikit-learn style estimator (``get_params``/``set_params``, so ``sklearn.base.clone``
    works) without inheriting ``BaseEstimator``: importing scikit-learn (and SciPy with it)
    cost every ``detect`` about a second of CPU for two methods.

    Parameters
    ----------
    rules : RuleSet, optional
        The rules; the built-in ``default.toml`` when None.
    fpr : float
        False-positive budget for the flag threshold (severity ``medium``).

    Attributes
    ----------
    rules_ : RuleSet
    thresholds_ : Thresholds
    quantiles_ : dict[str, tuple[float, float, float]]
        p50, p90, p99 of each rule's value over the accounts its guard admits.
    missing_features_ : tuple[str, ...]
        Context features absent at fit time (their rules contributed nothing).
    """

    def __init__(self, *, rules: RuleSet | None = None, fpr: float = DEFAULT_FPR) -> None:
        self.rules = rules
        self.fpr = fpr

    # -- estimator API ---------------------------------------------------------------------
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor's parameters (scikit-learn's estimator contract)."""
        return {"rules": self.rules, "fpr": self.fpr}

    def set_params(self, **params: Any) -> AccountScorer:
        """Set constructor parameters by name; unknown names are a ValueError."""
        for name, value in params.items():
            if name not in ("rules", "fpr"):
                raise ValueError(f"invalid parameter {name!r} for AccountScorer")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        return f"AccountScorer(fpr={self.fpr!r}{', rules=...' if self.rules else ''})"

    def fit(self, features: pa.Table) -> AccountScorer:
        rules = self.rules if self.rules is not None else load_rules()
        rules.check_features([*features.column_names, *CONTEXT_FEATURES])
        self.rules_ = rules
        self.missing_features_ = tuple(
            c for c in CONTEXT_FEATURES if c not in features.column_names
        )
        self._evaluated: _Evaluated | None = None  # a new fit evaluates again
        ev = self._entry(features).evaluation
        q: dict[str, tuple[float, float, float]] = {}
        for j, rule in enumerate(rules.rules):
            col = ev.values[:, j]
            admitted = col[~np.isnan(col)]
            if admitted.size:
                p50, p90, p99 = np.quantile(admitted, [0.5, 0.9, 0.99])
                q[rule.id] = (float(p50), float(p90), float(p99))
            else:
                q[rule.id] = (float("nan"),) * 3
        self.quantiles_ = q
        eligible = ev.exchanges >= rules.calibration.min_exchanges_to_flag
        # Campaign members are judged by their campaign's score: they stay out of the null
        # model, which would otherwise be theirs where campaigns are a third of the accounts.
        self.thresholds_ = calibrate(
            ev.scores[eligible], fpr=self.fpr, calibration=rules.calibration,
            exclude=ev.in_campaign[eligible],
        )
        self.n_accounts_ = len(ev.ids)
        return self

    def score(self, features: pa.Table) -> pa.Table:
        """One row per account (:data:`SCORE_SCHEMA`), in the input's order."""
        self._check_fitted()
        entry = self._entry(features)
        ev = entry.evaluation
        th: Thresholds = self.thresholds_
        cal = self.rules_.calibration
        severity = th.severity(ev.scores)
        # Enough traffic to judge the account alone, or membership of a strong campaign (a
        # low-and-slow member with 3 exchanges is judged by what its campaign did).
        enough = (ev.exchanges >= cal.min_exchanges_to_flag) | (
            (ev.campaign_score >= cal.campaign_score_to_flag)
            & (ev.exchanges >= cal.min_exchanges_to_flag_in_campaign)
        )
        # ... and evidence beyond the groups that alone describe heavy legitimate use too
        alone = self._uncorroborated(ev.contributions)
        flagged = (ev.scores >= th.flag) & enough & ~alone
        severity = np.where((~enough | alone) & (severity != "none"), "low", severity)
        reasons, tactics, summaries = [], [], []
        rules = self.rules_.rules
        texts_of = entry.texts
        for i, order in enumerate(entry.ranked):
            reasons.append([rules[j].id for j in order])
            seen: list[str] = []
            for j in order:
                t = rules[j].tactic
                if t and t not in seen:
                    seen.append(t)
            tactics.append(seen)
            texts = [self._reason_text(rules[j], ev.values[i, j], ev.strengths[i, j])
                     for j in order[:3]]
            texts_of[i] = texts
            head = f"score {ev.scores[i]:.2f} ({severity[i]})"
            summaries.append(head + (": " + "; ".join(texts) if texts else ": no rule fired"))
        return pa.table(
            {
                "account_id": ev.ids,
                "score": ev.scores,
                "severity": severity.tolist(),
                "flagged": flagged,
                "reasons": reasons,
                "tactics": tactics,
                "summary": summaries,
            },
            schema=SCORE_SCHEMA,
        )

    def _uncorroborated(self, contributions: np.ndarray) -> np.ndarray:
        """Per account: every rule listed as its reason (contribution >= min_contribution)
        belongs to a group of ``Calibration.needs_corroboration`` (an account with no
        reason at all is not flagged anyway)."""
        cal = self.rules_.calibration
        n = contributions.shape[0]
        if not cal.needs_corroboration:
            return np.zeros(n, dtype=bool)
        other = np.array([r.group_key not in cal.needs_corroboration for r in self.rules_.rules],
                         dtype=bool)
        listed = contributions >= cal.min_contribution
        return np.asarray(~listed[:, other].any(axis=1), dtype=bool)

    def contributions(self, features: pa.Table, *, accounts: set[str] | None = None) -> pa.Table:
        """Long table of every listed reason: account, rule, rank, value, strength, text."""
        self._check_fitted()
        entry = self._entry(features)
        ev = entry.evaluation
        texts_of = entry.texts
        rows: dict[str, list[object]] = {n: [] for n in CONTRIBUTION_SCHEMA.names}
        rules = self.rules_.rules
        for i, (acc, ranked) in enumerate(zip(ev.ids, entry.ranked, strict=True)):
            if accounts is not None and acc not in accounts:
                continue
            known = texts_of.get(i, ())  # the first three, as score() wrote them
            for rank, j in enumerate(ranked):
                rows["account_id"].append(acc)
                rows["rule"].append(rules[j].id)
                rows["rank"].append(rank)
                rows["value"].append(float(ev.values[i, j]))
                rows["strength"].append(float(ev.strengths[i, j]))
                rows["contribution"].append(float(ev.contributions[i, j]))
                rows["reason"].append(
                    known[rank] if rank < len(known)
                    else self._reason_text(rules[j], ev.values[i, j], ev.strengths[i, j])
                )
        return pa.table(rows, schema=CONTRIBUTION_SCHEMA)

    def clear_cache(self) -> None:
        """Drop the cached evaluation of the last table (its matrices, rankings and reason
        texts: ~1.2 KB an account) once no more ``score``/``contributions`` of it follow."""
        self._evaluated = None

    # -- internals -------------------------------------------------------------------------
    def _check_fitted(self) -> None:
        if not hasattr(self, "thresholds_"):
            raise NotFittedError("call fit(features) before score(features)")

    def _entry(self, features: pa.Table) -> _Evaluated:
        """The cache entry of ``features``: its :meth:`_evaluate` once per table and fit, and
        what is derived from it. ``detect`` fits, scores and explains one table, and each
        evaluated every rule and ranked every account again (~0.3 CPU-s of 15k accounts).
        Tables are immutable, so the same object has the same values; the cache holds that
        one table and is dropped by the next ``fit`` or :meth:`clear_cache`."""
        cached = getattr(self, "_evaluated", None)
        if cached is None or cached.features is not features:
            cached = _Evaluated(features, self._evaluate(features),
                                min_contribution=self.rules_.calibration.min_contribution)
            self._evaluated = cached
        return cached

    def _ranked_all(self, contributions: np.ndarray) -> list[list[int]]:
        """:func:`_ranked_all` with this fit's ``min_contribution``."""
        return _ranked_all(contributions,
                           min_contribution=self.rules_.calibration.min_contribution)

    def _reason_text(self, rule: Rule, value: float, strength: float) -> str:
        p50, p90, p99 = self.quantiles_.get(rule.id, (float("nan"),) * 3)
        try:
            return rule.reason.format(value=value, p50=p50, p90=p90, p99=p99, strength=strength)
        except (ValueError, TypeError) as exc:
            raise RuleError(f"rule {rule.id!r}: reason template failed: {exc}",
                            source=rule.source) from exc

    def _evaluate(self, features: pa.Table) -> _Evaluation:
        rules = self.rules_.rules
        n = features.num_rows
        cols = _columns(features)
        values = np.full((n, len(rules)), np.nan)
        strengths = np.zeros((n, len(rules)))
        for j, rule in enumerate(rules):
            if rule.features() & set(self.missing_features_):
                continue
            v = rule.value_expression().evaluate(cols, n).astype(np.float64)
            guard = rule.guard_expression()
            if guard is not None:
                ok = np.nan_to_num(guard.evaluate(cols, n).astype(np.float64)) != 0
                v = np.where(ok, v, np.nan)
            values[:, j] = v
            strengths[:, j] = _ramp(v, *rule.ramp)
        weights = np.array([r.weight for r in rules])
        contributions = strengths * weights
        scores = _combine(contributions, [r.group_key for r in rules])
        exchanges = (
            np.asarray(cols["exchanges"], dtype=np.float64)
            if "exchanges" in cols
            else np.full(n, np.inf)
        )
        campaign_score = np.nan_to_num(cols.get("campaign_score", np.zeros(n)), nan=0.0)
        in_campaign = (
            np.asarray(features.column("campaign_id").is_valid().to_numpy(zero_copy_only=False))
            if "campaign_id" in features.column_names
            else np.zeros(n, dtype=bool)
        )
        return _Evaluation(
            ids=features.column("account_id").to_pylist(),
            exchanges=exchanges,
            values=values,
            strengths=strengths,
            contributions=contributions,
            scores=scores,
            campaign_score=campaign_score,
            in_campaign=in_campaign,
        )


def _columns(features: pa.Table) -> dict[str, np.ndarray]:
    cols: dict[str, np.ndarray] = {}
    for name, col in zip(features.column_names, features.columns, strict=True):
        typ = col.type
        if pa.types.is_integer(typ) or pa.types.is_floating(typ) or pa.types.is_boolean(typ):
            cols[name] = np.asarray(
                col.cast(pa.float64()).to_numpy(zero_copy_only=False), dtype=np.float64
            )
        elif pa.types.is_string(typ) or pa.types.is_large_string(typ):
            cols[name] = np.asarray(col.to_pylist(), dtype=object)
    return cols


def _ramp(v: np.ndarray, start: float, full: float) -> np.ndarray:
    s = (v - start) / (full - start)
    return np.nan_to_num(np.clip(s, 0.0, 1.0), nan=0.0)


def _combine(contributions: np.ndarray, groups: list[str]) -> np.ndarray:
    """Noisy-OR over groups of the strongest contribution within each group."""
    keep = np.ones(contributions.shape[0])
    for g in dict.fromkeys(groups):
        idx = [j for j, k in enumerate(groups) if k == g]
        keep *= 1.0 - contributions[:, idx].max(axis=1)
    return np.asarray(1.0 - keep)

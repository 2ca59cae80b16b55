"""Detection rules as data: a versioned TOML rule set loaded into frozen dataclasses.

A rule turns one account feature (or an expression over features) into a strength in [0, 1]
with a linear ramp, weighs it, and says why in words::

    [[rules]]
    id = "intent.cot"
    feature = "share_intent_cot"
    ramp = [0.15, 0.6]      # strength 0 at or below 0.15, 1 at or above 0.6 (reversed: falling)
    weight = 0.6            # the most this rule alone can contribute to the score
    when = "exchanges >= 20"
    reason = "{value:.0%} of prompts elicit chain-of-thought (population p99 {p99:.0%})"
    support = "intent"
    tactic = "cot_harvest"

Rules sharing a ``group`` (correlated evidence, e.g. every sign of automation) count once, by
their strongest member; the groups combine by noisy-OR (``score = 1 - prod(1 - max_group
weight * strength)``), so independent kinds of evidence compound and one kind does not. Unknown
keys, unknown features and bad templates are :class:`~distillwatch.exceptions.RuleError`
naming ``file:line``. The built-in set is ``scoring/rules/default.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any

from distillwatch.exceptions import RuleError
from distillwatch.scoring.expression import Expression, ExpressionError
from distillwatch.types import StrPath

SUPPORT_KINDS: tuple[str, ...] = (
    "templates", "intent", "params", "network", "models", "cadence", "volume", "campaign", "model",
)
SEVERITY_LEVELS: tuple[str, ...] = ("low", "medium", "high", "critical")
_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
# Values a reason template may use; the scorer fills them for every account it explains.
_TEMPLATE_DUMMY = {"value": 0.5, "p50": 0.1, "p90": 0.2, "p99": 0.3, "strength": 1.0}


@dataclass(frozen=True)
class Calibration:
    """How scores become severities: floors per severity and the label-free null model.

    Each severity threshold is ``max(floor, null quantile)``; the null quantile for the flag
    level (``medium``) is at ``1 - fpr``, for ``low`` at ``1 - 10 fpr``, for ``high`` at
    ``1 - fpr / 10`` and for ``critical`` at ``1 - fpr / 100`` (see docs/detection.md).
    """

    floor_low: float = 0.3
    floor_medium: float = 0.5
    floor_high: float = 0.7
    floor_critical: float = 0.85
    null_scale_floor: float = 0.5  # logit units: the bulk is never assumed tighter than this
    # scores below this count as this in the null model ("no rule fired" is one value)
    null_min_score: float = 0.01
    # the null is trimmed from above at centre + null_clip_z * lower-half spread, iteratively
    null_clip_z: float = 3.0
    min_contribution: float = 0.05  # weight * strength from which a rule is listed as a reason
    # Too little traffic to judge an account on its own...
    min_exchanges_to_flag: int = 5
    # ... unless it belongs to a campaign scored at least this (its evidence is the campaign's)
    campaign_score_to_flag: float = 0.65
    min_exchanges_to_flag_in_campaign: int = 1
    # Rule groups whose evidence alone never flags an account (severity at most ``low``): it
    # needs a contribution (>= min_contribution) from a rule of another group too
    needs_corroboration: tuple[str, ...] = ()

    def floors(self) -> dict[str, float]:
        return {s: float(getattr(self, f"floor_{s}")) for s in SEVERITY_LEVELS}

    def __post_init__(self) -> None:
        values = list(self.floors().values())
        if any(not 0.0 < v < 1.0 for v in values) or values != sorted(values):
            raise ValueError("floors must lie in (0, 1) and rise from low to critical")
        if self.null_scale_floor <= 0:
            raise ValueError("null_scale_floor must be positive")
        if not 0.0 < self.null_min_score < 0.5:
            raise ValueError("null_min_score must lie in (0, 0.5)")
        if self.null_clip_z <= 0:
            raise ValueError("null_clip_z must be positive")
        if not 0.0 <= self.campaign_score_to_flag <= 1.0:
            raise ValueError("campaign_score_to_flag must lie in [0, 1]")
        groups = self.needs_corroboration
        if isinstance(groups, str) or not all(isinstance(g, str) for g in groups):
            raise ValueError("needs_corroboration must be a list of rule group names")
        object.__setattr__(self, "needs_corroboration", tuple(groups))  # a TOML list


@dataclass(frozen=True)
class Rule:
    """One scoring rule (see the module docstring for the file format)."""

    id: str
    ramp: tuple[float, float]
    weight: float
    reason: str
    feature: str | None = None
    expr: str | None = None
    when: str | None = None
    support: str | None = None
    tactic: str | None = None
    group: str | None = None  # rules of one group count once: the strongest of them
    description: str | None = None
    source: str | None = field(default=None, compare=False)

    @property
    def group_key(self) -> str:
        return self.group or self.id

    def __post_init__(self) -> None:
        if not _ID.match(self.id):
            raise ValueError(f"id {self.id!r} must be dotted lower-case words")
        if (self.feature is None) == (self.expr is None):
            raise ValueError("give exactly one of 'feature' or 'expr'")
        if len(self.ramp) != 2 or self.ramp[0] == self.ramp[1]:
            raise ValueError("ramp must be two different numbers [start, full]")
        if not 0.0 < self.weight <= 1.0:
            raise ValueError("weight must be in (0, 1]")
        if self.support is not None and self.support not in SUPPORT_KINDS:
            raise ValueError(f"support must be one of {', '.join(SUPPORT_KINDS)}")
        try:
            self.reason.format(**_TEMPLATE_DUMMY)
        except (KeyError, ValueError, IndexError) as exc:
            raise ValueError(f"reason template {self.reason!r} is invalid: {exc}") from exc
        self.value_expression()
        self.guard_expression()

    def value_expression(self) -> Expression:
        return Expression.parse(self.expr if self.expr is not None else str(self.feature))

    def guard_expression(self) -> Expression | None:
        return Expression.parse(self.when) if self.when else None

    def features(self) -> frozenset[str]:
        """Every feature the rule reads (value and guard)."""
        guard = self.guard_expression()
        return self.value_expression().names() | (guard.names() if guard else frozenset())

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str | None = None) -> Rule:
        known = {f.name for f in fields(cls)} - {"source"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise RuleError(f"unknown key(s) {', '.join(unknown)} in rule", source=source)
        try:
            kwargs = dict(data)
            kwargs["ramp"] = tuple(float(v) for v in data.get("ramp", ()))
            if "weight" in kwargs:
                kwargs["weight"] = float(kwargs["weight"])
            return cls(**kwargs, source=source)
        except (TypeError, ValueError, ExpressionError) as exc:
            rid = data.get("id", "?")
            raise RuleError(f"rule {rid!r}: {exc}", source=source) from exc

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if f.name != "source" and v is not None:
                out[f.name] = list(v) if isinstance(v, tuple) else v
        return out


@dataclass(frozen=True)
class RuleSet:
    """A named, versioned list of rules with its calibration settings."""

    name: str
    version: str
    rules: tuple[Rule, ...]
    calibration: Calibration = Calibration()
    description: str | None = None
    source: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for r in self.rules:
            if r.id in seen:
                raise RuleError(f"duplicate rule id {r.id!r}", source=r.source)
            seen.add(r.id)
        groups = {r.group_key for r in self.rules}
        unknown = [g for g in self.calibration.needs_corroboration if g not in groups]
        if unknown:
            raise RuleError(f"[calibration] needs_corroboration names no rule group: {unknown}",
                            source=self.source)

    def check_features(self, available: Iterable[str]) -> None:
        """Raise RuleError for the first rule that reads a feature not in ``available``."""
        have = set(available)
        for r in self.rules:
            missing = sorted(r.features() - have)
            if missing:
                raise RuleError(
                    f"rule {r.id!r} reads unknown feature(s) {', '.join(missing)}", source=r.source
                )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str | None = None,
                  rule_lines: list[int] | None = None) -> RuleSet:
        known = {"name", "version", "description", "calibration", "rules"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise RuleError(f"unknown top-level key(s) {', '.join(unknown)}", source=source)
        for key in ("name", "version", "rules"):
            if key not in data:
                raise RuleError(f"missing top-level key {key!r}", source=source)
        raw_rules = data["rules"]
        if not isinstance(raw_rules, list) or not raw_rules:
            raise RuleError(
                "'rules' must be a non-empty array of tables ([[rules]])", source=source
            )
        rules = []
        for i, raw in enumerate(raw_rules):
            where = source
            if source and rule_lines and i < len(rule_lines):
                where = f"{source}:{rule_lines[i]}"
            if not isinstance(raw, Mapping):
                raise RuleError("each [[rules]] entry must be a table", source=where)
            rules.append(Rule.from_dict(raw, source=where))
        cal_raw = data.get("calibration", {})
        cal_known = {f.name for f in fields(Calibration)}
        cal_unknown = sorted(set(cal_raw) - cal_known)
        if cal_unknown:
            raise RuleError(f"unknown key(s) {', '.join(cal_unknown)} in [calibration]",
                            source=source)
        try:
            calibration = Calibration(**cal_raw)
        except (TypeError, ValueError) as exc:
            raise RuleError(f"[calibration]: {exc}", source=source) from exc
        return cls(
            name=str(data["name"]),
            version=str(data["version"]),
            description=data.get("description"),
            rules=tuple(rules),
            calibration=calibration,
            source=source,
        )

    @classmethod
    def from_toml(cls, text: str, *, source: str | None = None) -> RuleSet:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise RuleError(f"not valid TOML: {exc}", source=source) from exc
        lines = [
            i + 1
            for i, line in enumerate(text.splitlines())
            if re.match(r"^\s*\[\[\s*rules\s*\]\]", line)
        ]
        return cls.from_dict(data, source=source, rule_lines=lines)

    def replace_rules(self, rules: Iterable[Rule]) -> RuleSet:
        return RuleSet(name=self.name, version=self.version, rules=tuple(rules),
                       calibration=self.calibration, description=self.description,
                       source=self.source)


DEFAULT_RULES = "default.toml"


def load_rules(path: StrPath | None = None) -> RuleSet:
    """Load a rule set from ``path``, or the built-in ``scoring/rules/default.toml``."""
    if path is None:
        res = resources.files("distillwatch.scoring").joinpath("rules", DEFAULT_RULES)
        text = res.read_text(encoding="utf-8")
        return RuleSet.from_toml(text, source=f"<builtin>/{DEFAULT_RULES}")
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(f"cannot read rule file: {exc.strerror}", source=str(p)) from exc
    return RuleSet.from_toml(text, source=str(p))

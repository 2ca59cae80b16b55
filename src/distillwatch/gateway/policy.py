"""Enforcement policy as data: ordered rules of conditions over facts -> an action.

A policy file (TOML or YAML) holds ``[[rule]]`` tables::

    [[rule]]
    id = "flagged-degrade"
    description = "Accounts flagged by batch detection get no reasoning and no logprobs"
    when = ["account.flagged == true", "signals.intent_score >= 0.5"]   # all must hold
    any = ["indicator.ip", "indicator.payment"]                         # optional: one must hold
    action = "degrade"              # allow | flag | throttle | block | degrade
    degrade = { strip_reasoning = true, logprobs = "drop", max_n = 1, canary = true }
    retry_after_s = 60              # throttle only
    stop = false                    # true: later rules are not evaluated when this one matches

A condition is ``<fact> <op> <literal>`` (ops ``== != > >= < <= in not in``; literals are TOML
values: ``true``, ``0.8``, ``'high'``, ``['a', 'b']``), a bare ``<fact>`` (truthy) or
``not <fact>``. Facts are the names in :data:`FACTS`; an unknown fact, op or key is an error
naming the file and rule. A missing value (``None``) never satisfies a comparison.

Every matching rule is reported; the strongest action wins (block > throttle > degrade > flag >
allow) and the degrade settings of every matching degrade rule are merged (strictest wins).
"""

from __future__ import annotations

import operator
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from distillwatch.exceptions import RuleError
from distillwatch.gateway.degrade import DegradeSpec
from distillwatch.schema import SIGNAL_FIELDS

ACTIONS: tuple[str, ...] = ("allow", "flag", "degrade", "throttle", "block")
ACTION_RANK: dict[str, int] = {a: i for i, a in enumerate(ACTIONS)}
SEVERITY_RANK: dict[str, int] = {"none": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}

# Every fact a condition may name, with the kind of value it holds.
FACTS: dict[str, str] = {
    **{f"signals.{f.name}": "number|bool|str" for f in SIGNAL_FIELDS},
    "request.model": "str",
    "request.operation": "str",
    "request.n": "int",
    "request.max_tokens": "int",
    "request.logprobs": "bool",
    "request.top_logprobs": "int",
    "request.reasoning_effort": "str",
    "request.stream": "bool",
    "request.tool_count": "int",
    "request.turn": "int",
    "state.available": "bool",
    "state.requests": "int",
    "state.rpm": "float",
    "state.intent_share": "float",
    "state.logprobs_share": "float",
    "state.multi_choice_share": "float",
    "state.long_output_share": "float",
    "state.max_effort_share": "float",
    "state.single_turn_share": "float",
    "state.distinct_ips": "int",
    "state.distinct_templates": "int",
    "account.id": "str",
    "account.override": "str",  # "allow" | "block" (admin API) or None
    "account.flagged": "bool",
    "account.score": "float",
    "account.severity": "str",
    "account.severity_rank": "int",  # none 0, low 1, medium 2, high 3, critical 4
    "account.campaign_id": "str",
    "indicator.ip": "bool",  # client IP is a campaign indicator
    "indicator.prefix": "bool",  # client IP is inside a campaign /24 (or /48)
    "indicator.asn": "bool",
    "indicator.payment": "bool",  # the account's payment fingerprint is a campaign indicator
    "indicator.email_domain": "bool",
    "indicator.user_agent": "bool",
    "indicator.template_key": "bool",
    "indicator.any": "bool",
    "indicator.campaigns": "int",  # how many campaigns the matched indicators point to
}

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "in": lambda a, b: a in b,
    "not in": lambda a, b: a not in b,
}
_COND = re.compile(r"^\s*([a-z_]+\.[a-z_0-9]+)\s*(==|!=|>=|<=|>|<|not in|in)\s*(.+?)\s*$")
_BARE = re.compile(r"^\s*(not\s+)?([a-z_]+\.[a-z_0-9]+)\s*$")
_RULE_KEYS = frozenset(
    {"id", "description", "when", "any", "action", "degrade", "retry_after_s", "stop", "message"}
)

Condition = Callable[[Mapping[str, Any]], bool]


def _literal(raw: str, *, where: str) -> Any:
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{raw!r} is not a literal (TOML value): {exc}", source=where) from exc


def compile_condition(text: str, *, where: str) -> Condition:
    """Turn one condition string into a predicate over a facts mapping."""
    if not isinstance(text, str):
        raise RuleError(f"condition must be a string, not {text!r}", source=where)
    bare = _BARE.match(text)
    if bare:
        negate, name = bool(bare.group(1)), bare.group(2)
        if name not in FACTS:
            raise RuleError(f"unknown fact {name!r} in {text!r}", source=where)
        if negate:
            return lambda facts: not facts.get(name)
        return lambda facts: bool(facts.get(name))
    match = _COND.match(text)
    if not match:
        raise RuleError(f"cannot parse condition {text!r} (want 'fact op value')", source=where)
    name, op_text, raw = match.groups()
    if name not in FACTS:
        raise RuleError(f"unknown fact {name!r} in {text!r}", source=where)
    value = _literal(raw, where=where)
    if op_text in ("in", "not in") and not isinstance(value, list):
        raise RuleError(f"{op_text!r} needs a list literal in {text!r}", source=where)
    op = _OPS[op_text]

    def check(facts: Mapping[str, Any]) -> bool:
        got = facts.get(name)
        if got is None:
            return False
        try:
            return bool(op(got, value))
        except TypeError:
            return False

    return check


@dataclass(frozen=True)
class Rule:
    """One policy rule (``source`` is ``file:rule-id`` for error messages)."""

    id: str
    action: str
    when: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    description: str = ""
    degrade: DegradeSpec | None = None
    retry_after_s: int | None = None
    stop: bool = False
    message: str | None = None
    source: str = field(default="", compare=False)
    _all: tuple[Condition, ...] = field(default=(), compare=False, repr=False)
    _any: tuple[Condition, ...] = field(default=(), compare=False, repr=False)

    def matches(self, facts: Mapping[str, Any]) -> bool:
        for cond in self._all:
            if not cond(facts):
                return False
        if self._any:
            return any(cond(facts) for cond in self._any)
        return True

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str) -> Rule:
        if not isinstance(data, Mapping):
            raise RuleError("each rule must be a table", source=source)
        unknown = sorted(set(data) - _RULE_KEYS)
        rid = data.get("id")
        where = f"{source}: rule {rid!r}" if rid else source
        if unknown:
            raise RuleError(f"unknown key(s) {', '.join(unknown)}", source=where)
        if not isinstance(rid, str) or not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", rid):
            raise RuleError(f"rule id must be lower-case [a-z0-9_.-], got {rid!r}", source=where)
        action = data.get("action")
        if action not in ACTIONS:
            raise RuleError(f"action must be one of {ACTIONS}, got {action!r}", source=where)
        when = data.get("when", [])
        anyc = data.get("any", [])
        if isinstance(when, str):
            when = [when]
        if isinstance(anyc, str):
            anyc = [anyc]
        if not isinstance(when, list) or not isinstance(anyc, list):
            raise RuleError("'when' and 'any' must be lists of conditions", source=where)
        if not when and not anyc:
            raise RuleError("a rule needs 'when' or 'any' conditions", source=where)
        degrade = None
        if "degrade" in data:
            if action != "degrade":
                raise RuleError("'degrade' settings need action = 'degrade'", source=where)
            degrade = DegradeSpec.from_dict(data["degrade"], source=where)
        elif action == "degrade":
            degrade = DegradeSpec(strip_reasoning=True, logprobs="drop")
        retry = data.get("retry_after_s")
        if retry is not None and (not isinstance(retry, int) or retry < 1):
            raise RuleError("retry_after_s must be a positive integer", source=where)
        stop = data.get("stop", False)
        if not isinstance(stop, bool):
            raise RuleError("stop must be true or false", source=where)
        return cls(
            id=rid,
            action=action,
            when=tuple(when),
            any=tuple(anyc),
            description=str(data.get("description", "")),
            degrade=degrade,
            retry_after_s=retry,
            stop=stop,
            message=data.get("message"),
            source=where,
            _all=tuple(compile_condition(c, where=where) for c in when),
            _any=tuple(compile_condition(c, where=where) for c in anyc),
        )


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the policy decided for one request."""

    action: str
    rule_ids: tuple[str, ...]
    degrade: DegradeSpec | None = None
    retry_after_s: int | None = None
    message: str | None = None


ALLOW = Verdict(action="allow", rule_ids=())


@dataclass(frozen=True)
class Policy:
    """An ordered list of rules."""

    rules: tuple[Rule, ...]
    source: str = ""

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for rule in self.rules:
            if rule.id in seen:
                raise RuleError(f"duplicate rule id {rule.id!r}", source=self.source)
            seen.add(rule.id)

    def decide(self, facts: Mapping[str, Any]) -> Verdict:
        """Evaluate every rule (until a matching ``stop`` rule) and combine the matches."""
        matched: list[Rule] = []
        for rule in self.rules:
            if rule.matches(facts):
                matched.append(rule)
                if rule.stop:
                    break
        if not matched:
            return ALLOW
        top = max(matched, key=lambda r: ACTION_RANK[r.action])
        degrade: DegradeSpec | None = None
        if top.action == "degrade":
            for rule in matched:
                if rule.degrade is not None:
                    degrade = rule.degrade if degrade is None else degrade.merge(rule.degrade)
        retry = None
        if top.action == "throttle":
            retry = max(r.retry_after_s or 0 for r in matched if r.action == "throttle")
        return Verdict(
            action=top.action,
            rule_ids=tuple(r.id for r in matched),
            degrade=degrade,
            retry_after_s=retry or None,
            message=top.message,
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str) -> Policy:
        if not isinstance(data, Mapping):
            raise RuleError("a policy must be a table with [[rule]] entries", source=source)
        unknown = sorted(set(data) - {"rule", "version"})
        if unknown:
            raise RuleError(f"unknown top-level key(s) {', '.join(unknown)}", source=source)
        if data.get("version", 1) != 1:
            raise RuleError(f"unsupported policy version {data.get('version')!r}", source=source)
        rules = data.get("rule", [])
        if not isinstance(rules, list) or not rules:
            raise RuleError("a policy needs at least one [[rule]]", source=source)
        return cls(rules=tuple(Rule.from_dict(r, source=source) for r in rules), source=source)

    @classmethod
    def from_file(cls, path: Path | str) -> Policy:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise RuleError(f"cannot read policy: {exc.strerror}", source=str(path)) from exc
        try:
            if path.suffix.lower() in (".yaml", ".yml"):
                data = yaml.safe_load(text) or {}
            else:
                data = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
            kind = path.suffix.lstrip(".")
            raise RuleError(f"not valid {kind}: {exc}", source=str(path)) from exc
        return cls.from_dict(data, source=str(path))

    @classmethod
    def default(cls) -> Policy:
        """The packaged ``default_policy.toml``."""
        ref = resources.files("distillwatch.gateway").joinpath("default_policy.toml")
        data = tomllib.loads(ref.read_text(encoding="utf-8"))
        return cls.from_dict(data, source="default_policy.toml")

"""Scenario files: what traffic to simulate, as pydantic models that reject unknown keys.

A scenario names the benign customer groups (a persona plus an account count and optional
behaviour overrides) and the attack campaigns (a persona, accounts, total exchanges, tactics,
evasions and shared infrastructure). Every behaviour field left out falls back to the
persona's defaults; :func:`resolve` fills them in, and the resolved scenario is what the
simulator writes beside its output, so the marginals a run was asked for are always on disk.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from distillwatch.exceptions import ScenarioError

Rhythm = Literal["consumer", "office", "developer", "flat", "overnight_batch", "sweep"]
Cadence = Literal["human", "machine"]
TemplateMode = Literal["fixed", "rotated", "paraphrased"]
NetworkKind = Literal["residential", "mobile", "cloud", "datacenter", "university", "vpn"]
PromptPool = Literal[
    "chat", "coding", "agent", "support", "batch_doc", "eval", "synth_data", "dev_mix"
]
Tactic = Literal["cot", "rationale", "rubric", "logprob", "reveal", "synth", "agentic"]
TaskPool = Literal["math", "science", "coding", "agentic"]
Language = Literal["en", "zh", "es", "ru", "de", "fr", "ja", "ko", "pt"]
EmailKind = Literal["work", "free", "edu", "disposable", "custom"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LogNormal(_Model):
    """A heavy-tailed positive quantity: ``median * exp(sigma * N(0, 1))``."""

    median: float = Field(gt=0)
    sigma: float = Field(ge=0, le=4)


class Behaviour(_Model):
    """How one account of a persona behaves; ``None`` means "the persona's default"."""

    requests_per_day: LogNormal | None = None  # per-account mean on an active day
    active_day_prob: float | None = Field(None, ge=0, le=1)
    weekend_factor: float | None = Field(None, ge=0, le=3)
    rhythm: Rhythm | None = None
    cadence: Cadence | None = None
    utc_offsets: dict[int, float] | None = None  # local-time zone -> weight
    conversation_turns: float | None = Field(None, ge=1, le=60)  # mean depth
    turn_gap_s: LogNormal | None = None
    input_tokens: LogNormal | None = None
    output_tokens: LogNormal | None = None
    models: dict[str, float] | None = None
    temperature: dict[float, float] | None = None
    top_p: dict[float, float] | None = None
    max_tokens: dict[int, float] | None = None
    n: dict[int, float] | None = None
    logprobs_rate: float | None = Field(None, ge=0, le=1)  # share of accounts using logprobs
    top_logprobs: dict[int, float] | None = None
    reasoning_effort: dict[str, float] | None = None
    stream_rate: float | None = Field(None, ge=0, le=1)
    tools: dict[int, float] | None = None
    param_stickiness: float | None = Field(None, ge=0, le=1)
    prompt_pool: PromptPool | None = None
    end_users: LogNormal | None = None  # distinct end users per account (0.5 -> none)
    network: dict[NetworkKind, float] | None = None
    ips_per_account: LogNormal | None = None
    accounts_per_ip: LogNormal | None = None  # > 1: sites behind one NAT address
    ipv6_rate: float | None = Field(None, ge=0, le=1)
    user_agents: dict[str, float] | None = None  # UA family -> weight
    signup_channels: dict[str, float] | None = None
    account_age_days: LogNormal | None = None
    verified_rate: float | None = Field(None, ge=0, le=1)
    countries: dict[str, float] | None = None
    email: dict[EmailKind, float] | None = None
    error_rate: float | None = Field(None, ge=0, le=0.5)

    @field_validator(
        "utc_offsets", "models", "temperature", "top_p", "max_tokens", "n", "top_logprobs",
        "reasoning_effort", "tools", "network", "user_agents", "signup_channels", "countries",
        "email",
    )
    @classmethod
    def _weights(cls, v: dict[Any, float] | None) -> dict[Any, float] | None:
        if v is None:
            return v
        if not v or any(w < 0 for w in v.values()) or sum(v.values()) <= 0:
            raise ValueError("must be a non-empty mapping of value -> non-negative weight")
        return v

    @field_validator("reasoning_effort")
    @classmethod
    def _efforts(cls, v: dict[str, float] | None) -> dict[str, float] | None:
        from distillwatch.schema import REASONING_EFFORTS

        for k in v or {}:
            if k not in REASONING_EFFORTS:
                raise ValueError(f"unknown reasoning effort {k!r} (one of {REASONING_EFFORTS})")
        return v

    @field_validator("signup_channels")
    @classmethod
    def _channels(cls, v: dict[str, float] | None) -> dict[str, float] | None:
        from distillwatch.schema import SIGNUP_CHANNELS

        for k in v or {}:
            if k not in SIGNUP_CHANNELS:
                raise ValueError(f"unknown sign-up channel {k!r} (one of {SIGNUP_CHANNELS})")
        return v


class ModelSpec(_Model):
    """A model the simulated provider serves."""

    name: str
    released_day: float | None = None  # None: available before the scenario starts
    share: float = Field(1.0, ge=0)  # default popularity among customers
    reasoning: bool = False  # emits hidden reasoning tokens
    adoption: float = Field(0.3, ge=0, le=1)  # benign share moving to it once released
    adoption_days: float = Field(7.0, gt=0)  # time constant of that move


class BenignGroup(_Model):
    """A population of ordinary customers of one persona."""

    persona: str
    accounts: int = Field(ge=0)
    name: str | None = None
    behaviour: Behaviour = Behaviour()


class Bans(_Model):
    """The provider bans campaign accounts; the controller replaces them."""

    daily_ban_rate: float = Field(0.0, ge=0, le=1)
    replacement_delay_hours: float = Field(6.0, ge=0)
    retries_after_ban: int = Field(3, ge=0, le=100)  # requests that hit 403 before it stops


class Infrastructure(_Model):
    """What the accounts of a campaign share."""

    payment_group_size: LogNormal = LogNormal(median=8, sigma=0.8)
    unique_payment_share: float = Field(0.3, ge=0, le=1)  # accounts with their own card
    signup_bursts: int = Field(6, ge=1)
    burst_minutes: float = Field(90.0, gt=0)
    email: dict[EmailKind, float] = {"free": 0.5, "disposable": 0.3, "custom": 0.2}
    custom_domains: int = Field(12, ge=1)
    network: dict[NetworkKind, float] = {"datacenter": 0.5, "residential": 0.4, "vpn": 0.1}
    shared_ip_pool: float = Field(0.25, gt=0)  # distinct proxy IPs per account, campaign-wide
    ips_per_account: LogNormal = LogNormal(median=4, sigma=0.7)
    rotate_user_agents: bool = True
    countries: dict[str, float] = {"US": 0.45, "SG": 0.15, "HK": 0.1, "GB": 0.1, "JP": 0.1,
                                   "DE": 0.1}


class CoverTraffic(_Model):
    """Ordinary customer traffic the campaign's accounts also carry (e.g. a reseller)."""

    persona: str
    share: float = Field(0.7, ge=0, lt=1)  # share of the accounts' events that is benign


class Campaign(_Model):
    """A coordinated set of accounts harvesting the model's outputs."""

    id: str
    persona: str = "hydra_cot_harvest"
    accounts: int = Field(ge=0)  # distinct accounts over the run, replacements included
    # Attack exchanges over the run, split by the controller across live accounts; None:
    # each account draws its own volume from ``behaviour``/``mimic`` like a customer would.
    exchanges: int | None = Field(None, ge=0)
    start_day: float = Field(0.0, ge=0)
    end_day: float | None = None
    tactics: dict[Tactic, float] = {"cot": 1.0}
    task_pools: dict[TaskPool, float] = {"math": 0.4, "science": 0.2, "coding": 0.3,
                                         "agentic": 0.1}
    languages: dict[Language, float] = {"en": 1.0}
    templates: TemplateMode = "rotated"
    load_balance: bool = False  # split one task list across accounts, disjoint items
    pivot_model: str | None = None  # move to this model within 24 h of its release
    account_volume_sigma: float = Field(0.6, ge=0, le=3)
    mimic: str | None = None  # low and slow: copy this benign persona's marginals
    bans: Bans = Bans()
    infrastructure: Infrastructure = Infrastructure()
    cover: CoverTraffic | None = None
    behaviour: Behaviour = Behaviour()

    @field_validator("tactics", "task_pools", "languages")
    @classmethod
    def _weights(cls, v: dict[Any, float]) -> dict[Any, float]:
        if not v or any(w < 0 for w in v.values()) or sum(v.values()) <= 0:
            raise ValueError("must be a non-empty mapping of value -> non-negative weight")
        return v


class TextOptions(_Model):
    """Where prompt text comes from and what text columns to write."""

    data: str = "auto"  # auto | builtin | a directory laid out like shared/data
    responses: bool = True
    real_prompt_share: float = Field(0.5, ge=0, le=1)  # share of chat prompts from real pools


class Scenario(_Model):
    """One simulated provider: models, customers and campaigns over ``days`` days."""

    name: str
    description: str = ""
    start: datetime = datetime(2026, 3, 2, tzinfo=UTC)
    days: int = Field(7, ge=1, le=400)
    models: list[ModelSpec] = [ModelSpec(name="frontier-1", reasoning=True)]
    benign: list[BenignGroup] = []
    campaigns: list[Campaign] = []
    text: TextOptions = TextOptions()

    @field_validator("start")
    @classmethod
    def _utc(cls, v: datetime) -> datetime:
        return v.replace(tzinfo=UTC) if v.tzinfo is None else v.astimezone(UTC)

    @model_validator(mode="after")
    def _check(self) -> Scenario:
        from distillwatch.simulate.personas import ATTACK_PERSONAS, BENIGN_PERSONAS

        names = {m.name for m in self.models}
        if len(names) != len(self.models):
            raise ValueError("models: duplicate model name")
        for i, g in enumerate(self.benign):
            if g.persona not in BENIGN_PERSONAS:
                raise ValueError(
                    f"benign[{i}].persona: unknown persona {g.persona!r} "
                    f"(one of {sorted(BENIGN_PERSONAS)})"
                )
        ids = [c.id for c in self.campaigns]
        if len(set(ids)) != len(ids):
            raise ValueError("campaigns: duplicate campaign id")
        for i, c in enumerate(self.campaigns):
            if c.persona not in ATTACK_PERSONAS:
                raise ValueError(
                    f"campaigns[{i}].persona: unknown persona {c.persona!r} "
                    f"(one of {sorted(ATTACK_PERSONAS)})"
                )
            cover = c.cover.persona if c.cover else None
            for key, persona in (("mimic", c.mimic), ("cover.persona", cover)):
                if persona and persona not in BENIGN_PERSONAS:
                    raise ValueError(f"campaigns[{i}].{key}: unknown benign persona {persona!r}")
            if c.pivot_model and c.pivot_model not in names:
                raise ValueError(f"campaigns[{i}].pivot_model: {c.pivot_model!r} not in models")
            if c.end_day is not None and c.end_day <= c.start_day:
                raise ValueError(f"campaigns[{i}].end_day must be after start_day")
        behaviours = [g.behaviour for g in self.benign] + [c.behaviour for c in self.campaigns]
        for beh in behaviours:
            for m in beh.models or {}:
                if m not in names:
                    raise ValueError(f"behaviour.models: {m!r} is not one of {sorted(names)}")
        return self


BUILTIN_SCENARIOS: tuple[str, ...] = (
    "demo", "hydra", "lowslow", "mixed-reseller", "alibaba-scale", "hard-negatives")


def builtin_path(name: str) -> Path:
    """Path of a built-in scenario shipped inside the package."""
    ref = resources.files("distillwatch.simulate") / "scenarios" / f"{name}.yaml"
    return Path(str(ref))


def _format_error(exc: ValidationError, source: str) -> str:
    lines = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"]) or "(top level)"
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown key"
        lines.append(f"{source}: key {loc!r}: {msg}")
    return "; ".join(lines)


def parse_scenario(data: Any, *, source: str = "<scenario>") -> Scenario:
    """Validate a mapping as a :class:`Scenario`; errors name ``source`` and the key."""
    if not isinstance(data, dict):
        raise ScenarioError(f"{source}: top level must be a mapping")
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(_format_error(exc, source)) from None


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Load a built-in scenario by name (``demo``, ``hydra``, ...) or a YAML file by path."""
    path = Path(name_or_path)
    if str(name_or_path) in BUILTIN_SCENARIOS and not path.exists():
        path = builtin_path(str(name_or_path))
    if not path.is_file():
        raise ScenarioError(
            f"no scenario {str(name_or_path)!r}: not a file and not one of the built-ins "
            f"{', '.join(BUILTIN_SCENARIOS)}"
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ScenarioError(f"{path}: not valid YAML: {exc}") from None
    return parse_scenario(data, source=str(path))


def scenario_json_schema() -> dict[str, Any]:
    """The JSON Schema of scenario files (for editors and validation outside Python)."""
    return Scenario.model_json_schema()


def dump_scenario(scenario: Scenario) -> str:
    """YAML text of a scenario (JSON-compatible values; round-trips through load)."""
    data = json.loads(scenario.model_dump_json(exclude_none=True))
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)

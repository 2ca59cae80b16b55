"""LinkageConfig: the weights and thresholds of cross-account linkage, kept as data.

The defaults live in ``defaults.toml`` beside this module. :func:`load_linkage_config` reads
that file, or a user copy of it, into frozen pydantic models that reject unknown keys and
name the file and key on error.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from distillwatch.config import merge_settings, read_config_file
from distillwatch.exceptions import ConfigError
from distillwatch.types import StrPath

LINK_TYPES: tuple[str, ...] = (
    "payment",
    "email_domain",
    "org_pattern",
    "signup_burst",
    "ip",
    "prefix",
    "asn_ua",
    "template",
    "near_dup",
    "partition",
    "synchrony",
)
# Link types that need the accounts table.
ACCOUNT_LINK_TYPES: frozenset[str] = frozenset(
    {"payment", "email_domain", "org_pattern", "signup_burst"}
)
# Shared content: popular prompt pools make benign users share templates and near-duplicate
# prompts, so content evidence alone (capped by ``content_cap``) never links two accounts.
CONTENT_LINK_TYPES: frozenset[str] = frozenset({"template", "near_dup", "partition"})
# What accounts do rather than who they are or where they come from: shared content and
# loose synchrony (the same template in the same time buckets). Independent customers who run
# the same public benchmark on a nightly schedule share both (eval harnesses), so these alone
# neither attach an account to a campaign nor make a small community one (the identity part
# of the evidence, every other link type, is what AttachConfig and CampaignScoreConfig read).
BEHAVIOUR_LINK_TYPES: frozenset[str] = CONTENT_LINK_TYPES | {"synchrony"}
# Shared infrastructure: stronger among young accounts, weaker among old ones.
INFRA_LINK_TYPES: frozenset[str] = frozenset({"ip", "prefix", "asn_ua"})

_STRICT = ConfigDict(extra="forbid", frozen=True)


class LinkTypeConfig(BaseModel):
    """How much one link type counts and how it fades with the size of the sharing group."""

    model_config = _STRICT

    weight: float = Field(ge=0.0)
    full_size: int = Field(ge=2)
    alpha: float = Field(ge=0.0)
    per_key: float = Field(gt=0.0)
    enabled: bool = True


class CampaignScoreConfig(BaseModel):
    """Logistic campaign score over aggregate harvesting, coordination and size."""

    model_config = _STRICT

    bias: float = 0.0
    # harvest = score_share * mean account score + (1 - score_share) * pooled request score
    score_share: float = Field(default=0.5, ge=0.0, le=1.0)
    # in the pooled request score a member's exchanges count at most this many times the
    # community's median member's (one heavy account must not set the pooled score)
    pooled_member_cap: float = Field(default=4.0, gt=0.0)
    harvest_weight: float = 15.0
    harvest_center: float = 0.35
    coordination_weight: float = 1.5
    size_weight: float = 0.1
    profile_weight: float = 3.0
    tactic_share: float = Field(default=0.3, ge=0.0, le=1.0)
    # exchanges per account per day at or below which a campaign is "low_and_slow"
    low_slow_rate: float = Field(default=40.0, ge=0.0)
    max_indicators: int = Field(default=20, ge=1)
    # A community with fewer members than this whose members share less identity and
    # infrastructure evidence (non-behaviour link weight, all candidate pairs inside it) than
    # min_identity_per_member per member is not a campaign: a handful of accounts tied only by
    # content and timing is what independent benchmark runs look like (0: no such rule)
    behaviour_only_min_accounts: int = Field(default=0, ge=0)
    min_identity_per_member: float = Field(default=0.0, ge=0.0)
    severity: dict[str, float] = Field(
        default_factory=lambda: {"low": 0.5, "medium": 0.65, "high": 0.8, "critical": 0.92}
    )


class SynchronyConfig(BaseModel):
    model_config = _STRICT

    bucket_minutes: int = Field(default=15, ge=1)
    sample_every: int = Field(default=2, ge=1)


class LshConfig(BaseModel):
    model_config = _STRICT

    bands: int = Field(default=16, ge=1)
    rows: int = Field(default=4, ge=1)
    templates_per_account: int = Field(default=8, ge=1)


class PartitionConfig(BaseModel):
    model_config = _STRICT

    min_accounts: int = Field(default=3, ge=2)
    min_items_per_account: int = Field(default=3, ge=1)
    max_overlap: float = Field(default=0.2, ge=0.0, le=1.0)


class AttachConfig(BaseModel):
    """Second pass: accounts tied to a community by many moderate pairs join it."""

    model_config = _STRICT

    enabled: bool = True
    min_total: float = Field(default=1.5, ge=0.0)
    min_other: float = Field(default=0.6, ge=0.0)
    min_partners: int = Field(default=2, ge=1)
    min_mean_other: float = Field(default=0.3, ge=0.0)
    # ... and at least one of those pairs weighs this much (0: no such condition)
    min_pair_weight: float = Field(default=0.0, ge=0.0)
    # true: min_other, min_mean_other and min_pair_weight read only the identity and
    # infrastructure part of the pairs (not BEHAVIOUR_LINK_TYPES); false: min_other and
    # min_mean_other read the non-content part (synchrony included), min_pair_weight the total
    identity_only: bool = False


class LinkageConfig(BaseModel):
    """Every tunable value of :func:`distillwatch.linkage.find_campaigns`."""

    model_config = _STRICT

    version: str = "default"
    window: int = Field(default=6, ge=1)
    hub_size: int = Field(default=5000, ge=2)
    max_keys_per_account: int = Field(default=48, ge=1)
    edge_threshold: float = Field(default=1.0, gt=0.0)
    content_cap: float = Field(default=0.7, ge=0.0)
    young_days: int = Field(default=30, ge=0)
    method: Literal["components", "leiden", "leiden-cpm"] = "components"
    cpm_resolution: float = Field(default=0.05, gt=0.0)
    min_community_size: int = Field(default=3, ge=2)
    # components: cut bridges with at least this many accounts on each side (0: none)
    bridge_min_side: int = Field(default=0, ge=0)
    min_campaign_score: float = Field(default=0.5, ge=0.0, le=1.0)
    # How, not what: memberships on two threads (DuckDB only; the same memberships); on any
    # engine also the tail's side threads (docs/linkage.md "Round 9"; the same findings)
    concurrent: bool = True
    campaign: CampaignScoreConfig = CampaignScoreConfig()
    synchrony: SynchronyConfig = SynchronyConfig()
    lsh: LshConfig = LshConfig()
    partition: PartitionConfig = PartitionConfig()
    attach: AttachConfig = AttachConfig()
    links: dict[str, LinkTypeConfig] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> LinkageConfig:
        unknown = sorted(set(self.links) - set(LINK_TYPES))
        if unknown:
            raise ValueError(f"unknown link type(s) {unknown}; known: {list(LINK_TYPES)}")
        missing = sorted(set(LINK_TYPES) - set(self.links))
        if missing:
            raise ValueError(f"links lacks link type(s) {missing}")
        if self.lsh.bands * self.lsh.rows > 64:
            raise ValueError("lsh.bands * lsh.rows must be <= 64 (MinHash permutations)")
        return self

    def enabled(self, link_type: str) -> bool:
        lt = self.links[link_type]
        return lt.enabled and lt.weight > 0.0

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, source: str = "<dict>") -> LinkageConfig:
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or '(top)'}: {err['msg']}"
                for err in exc.errors()
            )
            raise ConfigError(f"{source}: invalid linkage config: {problems}") from exc


def _defaults_dict() -> dict[str, Any]:
    text = resources.files("distillwatch.linkage").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def load_linkage_config(
    path: StrPath | None = None, *, overrides: dict[str, Any] | None = None
) -> LinkageConfig:
    """The packaged defaults, overlaid with a TOML file (whole file or its ``[linkage]``
    table) and then ``overrides``; raises ConfigError naming the file and key."""
    data = _defaults_dict()
    source = "distillwatch/linkage/defaults.toml"
    if path is not None:
        user = read_config_file(path, what="linkage config")
        data = merge_settings(data, user.get("linkage", user))
        source = str(path)
    if overrides:
        data = merge_settings(data, overrides)
    return LinkageConfig.from_dict(data, source=source)

"""``SignalConfig``: parameter thresholds and request-score weights, as data.

The defaults live in ``signals/signals.toml`` (package data). A user file may override any
subset; unknown sections or keys are errors that name the file and the key.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from distillwatch.config import read_config_file
from distillwatch.exceptions import ConfigError
from distillwatch.schema import REASONING_EFFORTS
from distillwatch.types import StrPath

DEFAULT_FILE = "signals.toml"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ParamThresholds(_Frozen):
    """When a request parameter counts as a harvesting signal."""

    top_logprobs_min: int = Field(1, ge=1)
    multi_choice_min_n: int = Field(2, ge=2)
    long_max_tokens: int = Field(8192, ge=1)
    long_output_tokens: int = Field(4096, ge=1)
    max_effort_levels: tuple[str, ...] = ("high", "xhigh", "max")
    single_turn_max_turn: int = Field(0, ge=0)
    tools_min_count: int = Field(1, ge=1)

    @field_validator("max_effort_levels")
    @classmethod
    def _known_levels(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [x for x in v if x.lower() not in REASONING_EFFORTS]
        if unknown:
            raise ValueError(f"unknown reasoning_effort level(s) {unknown}; "
                             f"known: {list(REASONING_EFFORTS)}")
        return tuple(x.lower() for x in v)


class ScoreWeights(_Frozen):
    """Weight of each signal in ``request_score`` (a noisy-OR; each in [0, 1])."""

    intent: float = Field(0.85, ge=0, le=1)
    logprobs: float = Field(0.35, ge=0, le=1)
    multi_choice: float = Field(0.25, ge=0, le=1)
    long_output: float = Field(0.15, ge=0, le=1)
    max_effort: float = Field(0.15, ge=0, le=1)
    single_turn: float = Field(0.05, ge=0, le=1)
    tools: float = Field(0.05, ge=0, le=1)


class IntentOptions(_Frozen):
    """Where the classifier comes from and how stored scores are reused."""

    use_stored: bool = True
    model_dir: str = ""


class SignalConfig(_Frozen):
    """Everything ``request_signals`` needs besides the classifier."""

    params: ParamThresholds = ParamThresholds()
    weights: ScoreWeights = ScoreWeights()
    intent: IntentOptions = IntentOptions()

    @classmethod
    def from_mapping(cls, data: dict[str, Any], *, source: str = "<mapping>") -> SignalConfig:
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
            )
            raise ConfigError(f"{source}: invalid signal config: {problems}") from exc

    @classmethod
    def from_file(cls, path: StrPath) -> SignalConfig:
        """Load a TOML file (any subset of the sections of the default file)."""
        return cls.from_mapping(read_config_file(path, what="signal config"), source=str(path))

    @classmethod
    def default(cls) -> SignalConfig:
        """The configuration shipped in ``signals/signals.toml`` (loaded once)."""
        return _default()


@lru_cache(maxsize=1)
def _default() -> SignalConfig:
    text = (resources.files("distillwatch.signals") / DEFAULT_FILE).read_text(encoding="utf-8")
    return SignalConfig.from_mapping(tomllib.loads(text), source=DEFAULT_FILE)

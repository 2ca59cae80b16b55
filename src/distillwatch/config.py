"""Settings: one typed object, loaded from TOML/YAML and ``DISTILLWATCH_*`` environment variables.

Each stage owns its section model (``ingest.config.IngestConfig`` and so on); this module only
composes them. Unknown keys are errors that name the key, so a typo never silently falls back
to a default. Environment overrides use ``DISTILLWATCH_<SECTION>__<KEY>=value`` (value parsed
as JSON when possible, else kept as a string).
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from distillwatch.exceptions import ConfigError
from distillwatch.gateway.config import GatewayConfig
from distillwatch.ingest.config import IngestConfig
from distillwatch.intel.config import IntelConfig
from distillwatch.pipeline.config import DetectConfig
from distillwatch.types import StrPath

ENV_PREFIX = "DISTILLWATCH_"


class Settings(BaseModel):
    """Every configurable value of distillwatch, grouped by stage."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ingest: IngestConfig = IngestConfig()
    detect: DetectConfig = DetectConfig()
    gateway: GatewayConfig = GatewayConfig()
    intel: IntelConfig = IntelConfig()


def read_config_file(path: StrPath, *, what: str = "config file") -> dict[str, Any]:
    """A TOML (or, by suffix, YAML) file as a dict; errors name the file and what it is."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {what} {path}: {exc.strerror}") from exc
    try:
        if path.suffix.lower() in {".yaml", ".yml"}:
            data = yaml.safe_load(text) or {}
        else:
            data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        kind = "YAML" if path.suffix.lower() in {".yaml", ".yml"} else "TOML"
        raise ConfigError(f"{path}: not valid {kind}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: top level must be a table/mapping")
    return data


def _env_overrides(environ: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, raw in environ.items():
        if not key.startswith(ENV_PREFIX) or "__" not in key:
            continue
        section, _, name = key[len(ENV_PREFIX) :].lower().partition("__")
        try:
            value: Any = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        out.setdefault(section, {})[name] = value
    return out


def merge_settings(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` laid on ``base``, tables merged key by key (neither is changed)."""
    merged = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(merged.get(k), dict):
            merged[k] = merge_settings(merged[k], v)
        else:
            merged[k] = v
    return merged


def load_settings(
    path: StrPath | None = None, *, environ: Mapping[str, str] | None = None
) -> Settings:
    """Build Settings from an optional TOML/YAML file, then environment overrides."""
    data = read_config_file(path) if path is not None else {}
    data = merge_settings(data, _env_overrides(os.environ if environ is None else environ))
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        where = f"{path}: " if path is not None else ""
        raise ConfigError(f"{where}invalid settings: {problems}") from exc

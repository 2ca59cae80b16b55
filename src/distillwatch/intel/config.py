"""Settings of the intel stage (a section of ``distillwatch.config.Settings``)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class IntelConfig(BaseModel):
    """The ``[intel]`` section of a settings file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

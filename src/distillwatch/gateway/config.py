"""Settings of the gateway stage (a section of ``distillwatch.config.Settings``)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class GatewayConfig(BaseModel):
    """The ``[gateway]`` section of a settings file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

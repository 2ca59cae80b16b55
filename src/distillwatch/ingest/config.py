"""Settings of the ingest stage (a section of ``distillwatch.config.Settings``)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class IngestConfig(BaseModel):
    """The ``[ingest]`` section of a settings file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

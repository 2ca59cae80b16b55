"""Settings of detection (signals, features, linkage, scoring): the ``[detect]`` section."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class DetectConfig(BaseModel):
    """The ``[detect]`` section of a settings file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fpr: float = 0.001
    engine: str = "duckdb"

"""Settings of detection (features, linkage, scoring, findings): the ``[detect]`` section."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class DetectConfig(BaseModel):
    """The ``[detect]`` section of a settings file (``distillwatch detect --config FILE``).

    Example::

        [detect]
        engine = "duckdb"
        fpr = 0.001
        rules = "my-rules.toml"      # default: the built-in scoring/rules/default.toml
        linkage_config = "linkage.toml"
        overlap_stages = false       # true: link graph beside the feature stage (DuckDB)
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    fpr: float = Field(default=0.001, gt=0.0, lt=1.0)
    engine: Literal["duckdb", "spark"] = "duckdb"
    rules: str | None = None  # path of a rule set TOML
    pivot_hours: float = Field(default=48.0, gt=0.0)  # "early" use of a newly released model
    min_release_events: int = Field(default=20, ge=1)
    # HyperLogLog for distinct IPs/prefixes/ASNs/user agents/keys/end users: faster on large
    # stores, approximate, and no longer identical between engines.
    approx_distinct: bool = False
    linkage: bool = True  # run cross-account linkage when the linkage stage is installed
    linkage_config: str | None = None  # path of a linkage TOML (default: linkage's own)
    # DuckDB: build the link graph in a second thread (own connection) while the feature
    # stage and base scores run; same findings. Off by default: on 2 cores it was slower
    # (docs/detection.md, measured). Spark always runs in order.
    overlap_stages: bool = False
    evidence_examples: int = Field(default=3, ge=1, le=50)
    max_evidence_accounts: int = Field(default=5000, ge=0)  # highest scores first
    spark_master: str = "local[2]"
    spark_partitions: int = Field(default=4, ge=1)

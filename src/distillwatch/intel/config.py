"""Settings of the intel stage (a section of ``distillwatch.config.Settings``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

TlpLevel = Literal["clear", "green", "amber", "amber+strict", "red"]
ShareMode = Literal["raw", "hashed"]

# Kinds whose values leave only as keyed hashes in ``hashed`` mode. IPs and /24 prefixes are
# hashed only when they belong to residential networks (not hosting or VPN ranges).
DEFAULT_HASHED_KINDS: tuple[str, ...] = (
    "email-domain",
    "payment-fingerprint",
    "template-key",
    "residential-ip",
    "residential-prefix",
)


class IntelConfig(BaseModel):
    """The ``[intel]`` section of a settings file.

    Every limit here guards the importer against partner input; every default errs on the side
    of sharing less (TLP:AMBER+STRICT, keyed hashes).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    producer_name: str = "distillwatch user"
    """Name of the ``identity`` that signs exported bundles (your organisation)."""
    key_file: str | None = None
    """Default trust-group key file (``distillwatch intel keygen``) for hashing and matching."""
    tlp: TlpLevel = "amber+strict"
    share: ShareMode = "hashed"
    hashed_kinds: tuple[str, ...] = DEFAULT_HASHED_KINDS
    min_severity: Literal["none", "low", "medium", "high", "critical"] = "medium"
    """Campaigns below this severity are not exported."""
    max_values_per_indicator: int = Field(default=1_000, ge=1, le=10_000)
    """Values in one indicator pattern (an ``IN`` set) before a new indicator is started."""
    pss_capacity_min: int = Field(default=1_000, ge=1)
    pss_fp_probability: float = Field(default=1e-6, gt=0.0, lt=0.5)

    max_bundle_bytes: int = Field(default=50 * 1024 * 1024, ge=1024)
    max_objects: int = Field(default=100_000, ge=1)
    max_pattern_chars: int = Field(default=200_000, ge=64)
    validate_bundles: bool = True
    """Run the OASIS stix2-validator on imported bundles (errors reject the bundle)."""

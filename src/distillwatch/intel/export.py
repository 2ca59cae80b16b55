"""Findings -> one STIX 2.1 bundle (and the private search set of its keyed hashes).

The bundle holds: an ``identity`` for the producer; an ``attack-pattern`` for MITRE ATLAS
AML.T0024.002 with the harvesting tactics seen as kill-chain phases; one ``campaign`` per
exported campaign (first/last seen, volume in a property extension); ``indicator``s per campaign
and value kind; ``sighting``s with counts; ``relationship``s (indicator indicates campaign,
campaign uses attack-pattern); a ``grouping`` of it all; TLP 2.0 markings on every object.
Sensitive values leave only as keyed hashes unless the run shares raw values on purpose.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa
import stix2

from distillwatch.exceptions import IntelError
from distillwatch.intel.config import IntelConfig
from distillwatch.intel.extensions import (
    KEYED_TYPE,
    PAYMENT_TYPE,
    PROJECT_IDENTITY,
    TEMPLATE_TYPE,
    VOLUME_EXTENSION_ID,
    extension_definitions,
)
from distillwatch.intel.keys import TrustGroupKey, canonical
from distillwatch.intel.markings import tlp_marking
from distillwatch.intel.storeview import Findings, StoreView, campaign_indicators
from distillwatch.schema import SEVERITIES

ATLAS_TECHNIQUE = "AML.T0024.002"
ATLAS_URL = "https://atlas.mitre.org/techniques/AML.T0024.002"
ID_NAMESPACE = uuid.UUID("7d5c1a52-8f0e-4f0a-9a51-1f2c3b4d5e6f")
MAX_SIGHTING_COUNT = 999_999_999  # STIX 2.1 limit on sighting.count

# campaigns.indicators list -> value kind
LIST_KINDS: dict[str, str] = {
    "ips": "ip",
    "prefixes": "ip-prefix",
    "asns": "asn",
    "payment_fingerprints": "payment-fingerprint",
    "email_domains": "email-domain",
    "user_agents": "user-agent",
    "template_keys": "template-key",
}
# value kind -> event/account column that holds it (for sighting counts)
EVENT_COLUMNS: dict[str, str] = {
    "ip": "client_ip",
    "ip-prefix": "ip_prefix",
    "asn": "ip_asn",
    "user-agent": "user_agent",
    "template-key": "template_key",
}
ACCOUNT_COLUMNS: dict[str, str] = {
    "payment-fingerprint": "payment_fingerprint",
    "email-domain": "email_domain",
}


@dataclass(frozen=True)
class ExportResult:
    """What one export produced."""

    bundle: dict[str, Any]
    campaigns: int
    indicators: int
    values_by_kind: dict[str, int]
    hashed_values: list[tuple[str, str]] = field(default_factory=list)  # (kind, hex hmac)
    hashed: int = 0
    raw: int = 0
    skipped_campaigns: int = 0

    @property
    def bundle_id(self) -> str:
        return str(self.bundle["id"])

    def summary(self) -> dict[str, Any]:
        return {
            "bundle_id": self.bundle_id,
            "objects": len(self.bundle["objects"]),
            "campaigns": self.campaigns,
            "skipped_campaigns": self.skipped_campaigns,
            "indicators": self.indicators,
            "values_by_kind": self.values_by_kind,
            "values_hashed": self.hashed,
            "values_raw": self.raw,
        }


def _sid(kind: str, *parts: str) -> str:
    """A stable id (same input, same id across runs, so TAXII servers see new versions of one
    object) in UUIDv4 form, as STIX 2.1 asks of SDOs and SROs."""
    digest = hashlib.sha256(("|".join((str(ID_NAMESPACE), kind, *parts))).encode()).digest()
    return f"{kind}--{uuid.UUID(bytes=digest[:16], version=4)}"


def _ts(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return None


def _stix_str(value: str) -> str:
    """A STIX pattern string literal (quotes and backslashes escaped)."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _confidence(score: float) -> int:
    """STIX confidence 0-100 from a findings score (0-1 scale, or already 0-100)."""
    s = float(score)
    s = s * 100.0 if s <= 1.0 else s
    return max(0, min(100, round(s)))


def _phase(tactic: str) -> str:
    return tactic.strip().lower().replace("_", "-").replace(" ", "-")


# Observation paths of values shared in set form ("path IN (...)"): one observation per chunk
# parses in linear time, where long OR chains make the ANTLR-based parsers of stix2 and the
# validator recurse once per value (they fail past a few hundred values).
_SET_PATHS: dict[str, str] = {
    "asn": "autonomous-system:number",
    "user-agent": "network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'",
    "payment-fingerprint": f"{PAYMENT_TYPE}:fingerprint",
    "template-key": f"{TEMPLATE_TYPE}:template_key",
}
OR_CHUNK = 100  # observations per OR chain (CIDRs, e-mail domains): far below the recursion limit


def _set_comparison(path: str, literals: Sequence[str]) -> str:
    if len(literals) == 1:
        return f"{path} = {literals[0]}"
    return f"{path} IN ({', '.join(literals)})"


def _raw_patterns(kind: str, values: Sequence[str], chunk: int) -> list[tuple[str, int]]:
    """(pattern, number of values) per indicator for plain values of ``kind``."""
    out: list[tuple[str, int]] = []
    if kind in ("ip-prefix", "email-domain"):
        comps = []
        for v in values:
            if kind == "ip-prefix":
                net = ipaddress.ip_network(canonical("ip-prefix", v))
                t = "ipv4-addr" if net.version == 4 else "ipv6-addr"
                comps.append(f"[{t}:value ISSUBSET {_stix_str(net.compressed)}]")
            else:
                domain = canonical("email-domain", v)
                comps.append(f"[email-addr:value LIKE {_stix_str('%@' + domain)}]")
        for part in _chunks(comps, min(chunk, OR_CHUNK)):
            out.append((" OR ".join(part), len(part)))
        return out
    if kind == "ip":
        by_type: dict[str, list[str]] = {}
        for v in values:
            ip = ipaddress.ip_address(canonical("ip", v))
            t = "ipv4-addr" if ip.version == 4 else "ipv6-addr"
            by_type.setdefault(t, []).append(_stix_str(ip.compressed))
        for t, lits in sorted(by_type.items()):
            for part in _chunks(lits, chunk):
                out.append((f"[{_set_comparison(f'{t}:value', part)}]", len(part)))
        return out
    if kind in _SET_PATHS:
        if kind == "asn":
            lits = [str(int(canonical("asn", v))) for v in values]
        else:
            lits = [_stix_str(canonical(kind, v)) for v in values]
        for part in _chunks(lits, chunk):
            out.append((f"[{_set_comparison(_SET_PATHS[kind], part)}]", len(part)))
        return out
    raise IntelError(f"cannot share values of kind {kind!r}")


def _keyed_patterns(
    kind: str, key: TrustGroupKey, digests: Sequence[str], chunk: int
) -> list[tuple[str, int]]:
    head = (
        f"{KEYED_TYPE}:kind = {_stix_str(kind)} AND "
        f"{KEYED_TYPE}:key_id = {_stix_str(key.key_id)}"
    )
    out = []
    for part in _chunks([_stix_str(d) for d in digests], chunk):
        cmp = _set_comparison(f"{KEYED_TYPE}:hmac_sha256", part)
        out.append((f"[{head} AND {cmp}]", len(part)))
    return out


def _chunks(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class _NetworkClasses:
    """Which IPs and prefixes are hosting/VPN (shareable raw) per the store's enrichment."""

    def __init__(self, store: StoreView | None) -> None:
        self.store = store
        cols = store.event_columns() if store is not None else set()
        self.usable = {"ip_is_hosting", "client_ip", "ip_prefix"} <= cols
        self.has_vpn = "ip_is_vpn" in cols

    def hosting(self, column: str, values: list[str]) -> set[str]:
        if self.store is None or not self.usable or not values:
            return set()  # unknown -> treated as residential -> hashed
        flag = "coalesce(ip_is_hosting, false)"
        if self.has_vpn:
            flag += " OR coalesce(ip_is_vpn, false)"
        # A value is shareable raw only when every event seen from it is hosting/VPN.
        rows = self.store.con.execute(
            f"SELECT {column} FROM events WHERE {column} IN (SELECT unnest(?)) "
            f"GROUP BY 1 HAVING bool_and({flag})",
            [values],
        ).fetchall()
        return {str(r[0]) for r in rows}


def _sighting_counts(
    store: StoreView | None, accounts: list[str], kind: str, values: list[str]
) -> int | None:
    """Exchanges of the campaign's accounts that carried one of ``values`` (None: unknown)."""
    if store is None or not accounts or not values:
        return None
    if kind in EVENT_COLUMNS and EVENT_COLUMNS[kind] in store.event_columns():
        col = EVENT_COLUMNS[kind]
        vals: list[Any] = [int(v) for v in values] if kind == "asn" else list(values)
        row = store.con.execute(
            f"SELECT count(*) FROM events WHERE account_id IN (SELECT unnest(?)) "
            f"AND {col} IN (SELECT unnest(?))",
            [accounts, vals],
        ).fetchone()
        return int(row[0]) if row else 0
    if kind in ACCOUNT_COLUMNS and store.has_events and store.has_accounts:
        col = ACCOUNT_COLUMNS[kind]
        if col not in store.account_columns():
            return None
        row = store.con.execute(
            f"SELECT count(*) FROM events e JOIN accounts a USING (account_id) "
            f"WHERE e.account_id IN (SELECT unnest(?)) AND a.{col} IN (SELECT unnest(?))",
            [accounts, list(values)],
        ).fetchone()
        return int(row[0]) if row else 0
    return None


def export_bundle(
    findings: Findings,
    *,
    config: IntelConfig,
    key: TrustGroupKey | None = None,
    share: str | None = None,
    tlp: str | None = None,
    store: StoreView | None = None,
    min_severity: str | None = None,
    now: datetime | None = None,
) -> ExportResult:
    """Build the STIX 2.1 bundle for the campaigns in ``findings`` at or above ``min_severity``.

    ``share="hashed"`` (default) needs ``key``: kinds in ``config.hashed_kinds`` leave as keyed
    hashes; IPs/prefixes count as residential unless ``store`` shows them hosting/VPN.
    """
    share = share or config.share
    tlp = (tlp or config.tlp).lower()
    min_sev = min_severity or config.min_severity
    if share not in ("raw", "hashed"):
        raise IntelError(f"--share must be raw or hashed, not {share!r}")
    if share == "hashed" and key is None:
        raise IntelError(
            "hashed sharing needs a trust-group key: pass --key-file (create one with "
            "`distillwatch intel keygen`) or --share raw to share plain values on purpose"
        )
    if min_sev not in SEVERITIES:
        raise IntelError(f"unknown severity {min_sev!r}; use one of {', '.join(SEVERITIES)}")
    try:
        marking = tlp_marking(tlp)
    except ValueError as exc:
        raise IntelError(str(exc)) from exc
    now = now or datetime.now(UTC)
    mref = [marking.id]
    producer = stix2.Identity(
        id=_sid("identity", config.producer_name),
        created="2026-01-01T00:00:00.000Z",
        modified="2026-01-01T00:00:00.000Z",
        name=config.producer_name,
        description="Producer of this distillwatch threat-intelligence bundle.",
        identity_class="organization",
        object_marking_refs=mref,
    )
    net = _NetworkClasses(store)
    accounts_by_campaign: dict[str, list[str]] = {}
    # A campaign's severity can trail its members' (detect scores it on its own); the
    # strongest flagged member counts too, so a "low" campaign of flagged accounts is shared.
    member_severity: dict[str, int] = {}
    if findings.accounts is not None:
        acc_rows = findings.accounts.select(
            [c for c in ("account_id", "campaign_id", "severity", "flagged")
             if c in findings.accounts.column_names]
        ).to_pylist()
        for r in acc_rows:
            cid = r.get("campaign_id")
            if cid is None:
                continue
            accounts_by_campaign.setdefault(str(cid), []).append(str(r["account_id"]))
            sev = r.get("severity") if r.get("flagged", True) else None
            if sev in SEVERITIES:
                member_severity[str(cid)] = max(
                    member_severity.get(str(cid), 0), SEVERITIES.index(sev)
                )

    def effective_severity(row: dict[str, Any]) -> int:
        own = SEVERITIES.index(row.get("severity") or "none")
        return max(own, member_severity.get(str(row["campaign_id"]), 0))

    rows = findings.campaigns.to_pylist()
    threshold = SEVERITIES.index(min_sev)
    selected = [r for r in rows if effective_severity(r) >= max(threshold, 1)]
    all_tactics = sorted({_phase(t) for r in selected for t in (r.get("tactics") or []) if t})
    attack = stix2.AttackPattern(
        id=_sid("attack-pattern", config.producer_name, ATLAS_TECHNIQUE),
        created_by_ref=producer.id,
        name="Extract AI Model (model distillation through the inference API)",
        description="Fleets of accounts harvest a model's outputs, reasoning and log-"
        "probabilities to train a copy. Harvesting tactics seen: "
        + (", ".join(all_tactics) or "none recorded")
        + f". MITRE ATLAS {ATLAS_TECHNIQUE}: {ATLAS_URL}",
        # no "url": the validator asks for a hash beside every URL (see ATLAS_URL)
        external_references=[{"source_name": "mitre-atlas", "external_id": ATLAS_TECHNIQUE}],
        kill_chain_phases=[{"kill_chain_name": "mitre-atlas", "phase_name": "exfiltration"}]
        + [{"kill_chain_name": "distillwatch-harvesting", "phase_name": t} for t in all_tactics],
        object_marking_refs=mref,
        allow_custom=True,
    )
    objects: list[Any] = [producer, attack]
    group_refs: list[str] = [attack.id]
    hashed_values: list[tuple[str, str]] = []
    values_by_kind: dict[str, int] = {}
    n_hashed = n_raw = n_indicators = 0

    for row in selected:
        cid = str(row["campaign_id"])
        label = key.hash("campaign-id", cid)[:16] if share == "hashed" and key else cid
        first = _ts(row.get("first_seen")) or now
        last = _ts(row.get("last_seen")) or first
        last = max(last, first)
        conf = _confidence(row.get("score") or 0.0)
        tactics = [_phase(t) for t in (row.get("tactics") or []) if t]
        exchanges = int(row.get("exchanges") or 0)
        volume: dict[str, Any] = {
            "extension_type": "property-extension",
            "accounts": int(row.get("accounts") or 0),
            "exchanges": exchanges,
            "score": float(row.get("score") or 0.0),
            "severity": str(row.get("severity") or "none"),
        }
        # STIX forbids empty lists: leave a list out rather than send []
        link_types = [str(t) for t in (row.get("link_types") or []) if t]
        if tactics:
            volume["tactics"] = tactics
        if link_types:
            volume["link_types"] = link_types
        campaign = stix2.Campaign(
            id=_sid("campaign", config.producer_name, label),
            created_by_ref=producer.id,
            name=f"distillation campaign {label}",
            description=(
                f"{volume['accounts']} accounts, {volume['exchanges']} exchanges; severity "
                f"{volume['severity']}; tactics: {', '.join(tactics) or 'n/a'}."
            ),
            first_seen=first,
            last_seen=last,
            objective="Harvest model outputs to train a copy (distillation).",
            confidence=conf,
            extensions={VOLUME_EXTENSION_ID: volume},
            object_marking_refs=mref,
            allow_custom=True,
        )
        uses = stix2.Relationship(
            id=_sid("relationship", campaign.id, "uses", attack.id),
            created_by_ref=producer.id,
            relationship_type="uses",
            source_ref=campaign.id,
            target_ref=attack.id,
            description="The campaign harvests model outputs through the API.",
            object_marking_refs=mref,
        )
        objects += [campaign, uses]
        group_refs += [campaign.id, uses.id]
        camp_sighting = stix2.Sighting(
            id=_sid("sighting", campaign.id, "self"),
            created_by_ref=producer.id,
            sighting_of_ref=campaign.id,
            count=min(MAX_SIGHTING_COUNT, exchanges),
            first_seen=first,
            last_seen=last,
            where_sighted_refs=[producer.id],
            description="Exchanges attributed to the campaign by the producer.",
            object_marking_refs=mref,
        )
        objects.append(camp_sighting)
        group_refs.append(camp_sighting.id)

        where = f"campaigns.parquet campaign {cid}"
        lists = campaign_indicators(row.get("indicators"), where=where)
        accts = accounts_by_campaign.get(cid, [])
        for list_name, kind in LIST_KINDS.items():
            values = sorted({str(v).strip() for v in lists[list_name]})
            good: list[str] = []
            for v in values:
                try:
                    canonical(kind, v)
                    good.append(v)
                except IntelError:
                    continue
            if not good:
                continue
            values_by_kind[kind] = values_by_kind.get(kind, 0) + len(good)
            hosting: set[str] = set()
            if kind in ("ip", "ip-prefix"):
                hosting = net.hosting("client_ip" if kind == "ip" else "ip_prefix", good)
            raw_vals: list[str] = []
            hashed_vals: list[str] = []
            for v in good:
                if share == "hashed" and _must_hash(kind, v in hosting, config.hashed_kinds):
                    hashed_vals.append(v)
                else:
                    raw_vals.append(v)
            size = config.max_values_per_indicator
            patterns = _raw_patterns(kind, raw_vals, size) if raw_vals else []
            if hashed_vals:
                assert key is not None
                digests = sorted(key.hash(kind, v) for v in hashed_vals)
                hashed_values += [(kind, d) for d in digests]
                patterns += _keyed_patterns(kind, key, digests, size)
            n_hashed += len(hashed_vals)
            n_raw += len(raw_vals)
            count = _sighting_counts(store, accts, kind, good)
            for i, (pattern, n_values) in enumerate(patterns):
                keyed = KEYED_TYPE in pattern
                ind = stix2.Indicator(
                    id=_sid("indicator", campaign.id, kind, str(i)),
                    created_by_ref=producer.id,
                    name=f"{kind} indicators of distillation campaign {label}"
                    + (f" (part {i + 1})" if len(patterns) > 1 else ""),
                    description=f"{n_values} {kind} value(s) used by the campaign's accounts"
                    + ("; keyed hashes of sensitive values" if keyed else "")
                    + ".",
                    indicator_types=["malicious-activity"],
                    pattern=pattern,
                    pattern_type="stix",
                    pattern_version="2.1",
                    valid_from=first,
                    confidence=conf,
                    kill_chain_phases=[
                        {"kill_chain_name": "mitre-atlas", "phase_name": "exfiltration"}
                    ],
                    object_marking_refs=mref,
                    allow_custom=True,
                )
                rel = stix2.Relationship(
                    id=_sid("relationship", ind.id, "indicates", campaign.id),
                    created_by_ref=producer.id,
                    relationship_type="indicates",
                    source_ref=ind.id,
                    target_ref=campaign.id,
                    description=f"{kind} values seen on the campaign's accounts.",
                    object_marking_refs=mref,
                )
                objects += [ind, rel]
                group_refs += [ind.id, rel.id]
                n_indicators += 1
                if count is not None and i == 0:
                    sight = stix2.Sighting(
                        id=_sid("sighting", ind.id, "self"),
                        created_by_ref=producer.id,
                        sighting_of_ref=ind.id,
                        count=min(MAX_SIGHTING_COUNT, count),
                        first_seen=first,
                        last_seen=last,
                        where_sighted_refs=[producer.id],
                        description=f"Exchanges of the campaign's accounts carrying these "
                        f"{kind} values.",
                        object_marking_refs=mref,
                    )
                    objects.append(sight)
                    group_refs.append(sight.id)

    run_tag = hashlib.sha256(
        json.dumps(sorted(group_refs)).encode() + now.isoformat().encode()
    ).hexdigest()[:12]
    grouping = stix2.Grouping(
        id=_sid("grouping", config.producer_name, run_tag),
        created_by_ref=producer.id,
        name=f"distillwatch export {now:%Y-%m-%d %H:%M}Z",
        description=f"{len(selected)} distillation campaign(s) exported by distillwatch.",
        context="suspicious-activity",
        object_refs=group_refs,
        object_marking_refs=mref,
    )
    objects.append(grouping)
    objects += [marking, PROJECT_IDENTITY, *extension_definitions()]
    bundle = stix2.Bundle(objects=objects, allow_custom=True)
    return ExportResult(
        bundle=json.loads(bundle.serialize()),
        campaigns=len(selected),
        indicators=n_indicators,
        values_by_kind=values_by_kind,
        hashed_values=hashed_values,
        hashed=n_hashed,
        raw=n_raw,
        skipped_campaigns=len(rows) - len(selected),
    )


def _must_hash(kind: str, is_hosting: bool, hashed_kinds: tuple[str, ...]) -> bool:
    if kind in hashed_kinds:
        return True
    if kind == "ip":
        return not is_hosting and "residential-ip" in hashed_kinds
    if kind == "ip-prefix":
        return not is_hosting and "residential-prefix" in hashed_kinds
    return False


def campaigns_table_from_rows(rows: list[dict[str, Any]]) -> pa.Table:
    """A FINDINGS_CAMPAIGN_SCHEMA table from dicts (for fixtures and scripts)."""
    from distillwatch.schema import FINDINGS_CAMPAIGN_SCHEMA

    return pa.Table.from_pylist(rows, schema=FINDINGS_CAMPAIGN_SCHEMA)

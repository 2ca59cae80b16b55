"""Evaluate partners' indicators against our store and write the corroboration table.

For every imported bundle (``STORE/intel/bundles/*.json``) each indicator's pattern is turned
into values (:mod:`distillwatch.intel.patterns`); our distinct values per account are looked up
raw, by CIDR containment, or as keyed hashes computed with the trust-group key the indicator
names. The result, one row per (account, partner, indicator type, bundle) with the partner's
confidence and TLP kept, goes to ``STORE/intel/corroboration.parquet``
(``CORROBORATION_SCHEMA``), which detect reads as a signal.
"""

from __future__ import annotations

import ipaddress
import json
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from distillwatch.exceptions import IntelError
from distillwatch.intel.config import IntelConfig
from distillwatch.intel.keys import TrustGroupKey, canonical
from distillwatch.intel.markings import strictest, tlp_of_marking, tlp_of_refs
from distillwatch.intel.patterns import Atom, Unsupported, pattern_atoms
from distillwatch.intel.storeview import Findings, StoreView
from distillwatch.schema import CORROBORATION_SCHEMA
from distillwatch.types import StrPath

CORROBORATION_FILE = "corroboration.parquet"
# Evidence strength of one matching indicator type, for the summary. Detect applies its own
# weights to the per-type rows; this only decides what the report calls "corroborated".
STRONG_TYPES: frozenset[str] = frozenset({"payment-fingerprint", "ip", "template-key"})
WEAK_TYPES: frozenset[str] = frozenset({"asn", "user-agent"})


def is_corroborated(types: set[str]) -> bool:
    """One strong indicator type, two non-weak ones, or any three types."""
    return bool(types & STRONG_TYPES) or len(types - WEAK_TYPES) >= 2 or len(types) >= 3


@dataclass(frozen=True)
class PartnerIndicator:
    bundle_id: str
    indicator_id: str
    partner: str
    confidence: int | None
    tlp: str | None
    partner_campaign: str | None
    atoms: list[Atom]


@dataclass(frozen=True)
class MatchResult:
    """Corroboration rows plus what could not be evaluated and why."""

    table: pa.Table
    bundles: int
    indicators: int
    unsupported: list[dict[str, str]] = field(default_factory=list)
    unknown_keys: list[str] = field(default_factory=list)
    campaigns: list[dict[str, Any]] = field(default_factory=list)
    path: str | None = None

    def corroborated_accounts(self) -> list[str]:
        """Accounts with a strong match, or matches of two or more indicator types."""
        types: dict[str, set[str]] = defaultdict(set)
        for acc, t in zip(
            self.table.column("account_id").to_pylist(),
            self.table.column("indicator_type").to_pylist(),
            strict=True,
        ):
            types[acc].add(t)
        return sorted(a for a, ts in types.items() if is_corroborated(ts))

    def summary(self) -> dict[str, Any]:
        by_type: dict[str, int] = defaultdict(int)
        for t in self.table.column("indicator_type").to_pylist():
            by_type[t] += 1
        return {
            "bundles": self.bundles,
            "indicators": self.indicators,
            "rows": self.table.num_rows,
            "accounts_matched": len(set(self.table.column("account_id").to_pylist())),
            "accounts_corroborated": len(self.corroborated_accounts()),
            "rows_by_type": dict(sorted(by_type.items())),
            "campaigns": self.campaigns,
            "unsupported_indicators": len(self.unsupported),
            "unknown_key_ids": self.unknown_keys,
            "path": self.path,
        }


def load_partner_indicators(
    bundle_dir: Path,
) -> tuple[list[PartnerIndicator], list[dict[str, str]], int]:
    """Indicators of every stored bundle, with partner, confidence, TLP and campaign."""
    indicators: list[PartnerIndicator] = []
    unsupported: list[dict[str, str]] = []
    files = sorted(bundle_dir.glob("bundle--*.json")) if bundle_dir.is_dir() else []
    for f in files:
        try:
            bundle = json.loads(f.read_text(encoding="utf-8"))
            objs = bundle["objects"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            unsupported.append({"bundle": f.name, "indicator": "", "reason": f"unreadable: {exc}"})
            continue
        names = {o["id"]: str(o.get("name") or "") for o in objs if o.get("type") == "identity"}
        markings = {
            o["id"]: lv
            for o in objs
            if o.get("type") == "marking-definition" and (lv := tlp_of_marking(o))
        }
        camp_names = {
            o["id"]: str(o.get("name") or o["id"])
            for o in objs
            if o.get("type") in ("campaign", "intrusion-set")
        }
        indicates: dict[str, str] = {}
        for o in objs:
            if (
                o.get("type") == "relationship"
                and o.get("relationship_type") == "indicates"
                and o.get("target_ref") in camp_names
            ):
                indicates.setdefault(str(o.get("source_ref")), camp_names[o["target_ref"]])
        bundle_tlp = strictest(
            [t for o in objs if (t := tlp_of_refs(o.get("object_marking_refs") or [], markings))]
        )
        for o in objs:
            if o.get("type") != "indicator" or o.get("revoked"):
                continue
            if o.get("pattern_type", "stix") != "stix" or not isinstance(o.get("pattern"), str):
                unsupported.append(
                    {"bundle": bundle["id"], "indicator": o["id"], "reason": "not a STIX pattern"}
                )
                continue
            try:
                atoms, _problems = pattern_atoms(o["pattern"])
            except Unsupported as exc:
                unsupported.append(
                    {"bundle": bundle["id"], "indicator": o["id"], "reason": str(exc)}
                )
                continue
            conf = o.get("confidence")
            indicators.append(
                PartnerIndicator(
                    bundle_id=str(bundle["id"]),
                    indicator_id=str(o["id"]),
                    partner=names.get(o.get("created_by_ref", ""), "") or "unknown producer",
                    confidence=int(conf) if isinstance(conf, int) else None,
                    tlp=tlp_of_refs(o.get("object_marking_refs") or [], markings) or bundle_tlp,
                    partner_campaign=indicates.get(o["id"]),
                    atoms=atoms,
                )
            )
    return indicators, unsupported, len(files)


def _pairs(store: StoreView, sql: str) -> list[tuple[str, Any]]:
    return [(str(a), v) for a, v in store.con.execute(sql).fetchall() if v is not None]


def _observed(store: StoreView, kinds: set[str]) -> dict[str, list[tuple[str, str]]]:
    """(account_id, canonical value) pairs per kind, distinct, from events and accounts."""
    ecols, acols = store.event_columns(), store.account_columns()
    out: dict[str, list[tuple[str, str]]] = {}
    event_kinds = {"ip": "client_ip", "asn": "ip_asn", "user-agent": "user_agent",
                   "template-key": "template_key"}
    for kind, col in event_kinds.items():
        if kind in kinds and col in ecols:
            rows = _pairs(store, f"SELECT DISTINCT account_id, {col} FROM events")
            out[kind] = _canon_pairs(kind, rows)
    if "ip-prefix" in kinds and "client_ip" in ecols:
        # keyed prefixes need the same prefix string (ingest's /24 or /48); raw CIDRs are
        # matched by containment of client IPs (see _match_cidrs)
        if "ip_prefix" in ecols:
            rows = _pairs(store, "SELECT DISTINCT account_id, ip_prefix FROM events")
        else:
            rows = [
                (a, str(ipaddress.ip_network(f"{ip}/{24 if ':' not in ip else 48}", strict=False)))
                for a, ip in out.get("ip") or _canon_pairs(
                    "ip", _pairs(store, "SELECT DISTINCT account_id, client_ip FROM events")
                )
            ]
        out["ip-prefix"] = _canon_pairs("ip-prefix", rows)
        if "ip" not in out:
            out["ip"] = _canon_pairs(
                "ip", _pairs(store, "SELECT DISTINCT account_id, client_ip FROM events")
            )
    account_kinds = {"email-domain": "email_domain", "payment-fingerprint": "payment_fingerprint"}
    for kind, col in account_kinds.items():
        if kind in kinds and col in acols:
            rows = _pairs(store, f"SELECT DISTINCT account_id, {col} FROM accounts")
            out[kind] = _canon_pairs(kind, rows)
    return out


def _canon_pairs(kind: str, rows: list[tuple[str, Any]]) -> list[tuple[str, str]]:
    cache: dict[str, str | None] = {}
    out = []
    for acc, v in rows:
        s = str(v)
        if s not in cache:
            try:
                cache[s] = canonical(kind, s)
            except IntelError:
                cache[s] = None
        c = cache[s]
        if c is not None:
            out.append((acc, c))
    return out


def _match_cidrs(
    ip_pairs: list[tuple[str, str]], cidrs: set[str]
) -> dict[str, set[str]]:
    """CIDR -> accounts with a client IP inside it (vectorised per prefix length)."""
    hits: dict[str, set[str]] = defaultdict(set)
    if not ip_pairs or not cidrs:
        return hits
    nets = [ipaddress.ip_network(c) for c in cidrs]
    accounts = np.array([a for a, _ in ip_pairs], dtype=object)
    v4_idx = [i for i, (_, ip) in enumerate(ip_pairs) if ":" not in ip]
    if v4_idx:
        v4 = np.array(
            [int(ipaddress.IPv4Address(ip_pairs[i][1])) for i in v4_idx], dtype=np.uint64
        )
        v4_acc = accounts[v4_idx]
        by_len: dict[int, dict[int, str]] = defaultdict(dict)
        for n in nets:
            if n.version == 4:
                by_len[n.prefixlen][int(n.network_address) >> (32 - n.prefixlen)] = n.compressed
        for plen, table in by_len.items():
            keys = v4 >> np.uint64(32 - plen)
            mask = np.isin(keys, np.array(list(table), dtype=np.uint64))
            for k, acc in zip(keys[mask].tolist(), v4_acc[mask].tolist(), strict=True):
                hits[table[int(k)]].add(str(acc))
    v6_nets = [n for n in nets if n.version == 6]
    if v6_nets:
        for acc, ip in ip_pairs:
            if ":" in ip:
                addr = ipaddress.IPv6Address(ip)
                for n in v6_nets:
                    if addr in n:
                        hits[n.compressed].add(acc)
    return hits


def match_store(
    store: StoreView,
    *,
    keys: Sequence[TrustGroupKey] = (),
    findings: Findings | None = None,
    config: IntelConfig | None = None,
    write: bool = True,
) -> MatchResult:
    """Match every imported partner indicator against ``store``; write the table if ``write``."""
    _ = config or IntelConfig()
    indicators, unsupported, n_bundles = load_partner_indicators(store.intel_dir / "bundles")
    keyring = {k.key_id: k for k in keys}
    kinds = {a.kind for ind in indicators for a in ind.atoms}
    observed = _observed(store, kinds)

    # value index: (kind, lookup value, key_id or None) -> accounts
    index: dict[tuple[str, str, str | None], set[str]] = defaultdict(set)
    for kind, pairs in observed.items():
        for acc, v in pairs:
            index[(kind, v, None)].add(acc)
    needed_keys = {a.key_id for ind in indicators for a in ind.atoms if a.key_id}
    unknown = sorted(k for k in needed_keys if k not in keyring)
    for key_id in sorted(needed_keys - set(unknown)):
        key = keyring[key_id]
        keyed_kinds = {a.kind for ind in indicators for a in ind.atoms if a.key_id == key_id}
        for kind in keyed_kinds:
            digests: dict[str, str] = {}
            for acc, v in observed.get(kind, []):
                d = digests.get(v)
                if d is None:
                    d = digests[v] = key.hash(kind, v)
                index[(kind, d, key_id)].add(acc)
    raw_cidrs = {a.value for ind in indicators for a in ind.atoms
                 if a.kind == "ip-prefix" and not a.keyed}
    cidr_hits = _match_cidrs(observed.get("ip", []), raw_cidrs)

    # (account, partner, type, bundle) -> aggregated row
    rows: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for ind in indicators:
        per_account: dict[tuple[str, str], set[str]] = defaultdict(set)
        for atom in ind.atoms:
            if atom.kind == "ip-prefix" and not atom.keyed:
                accs = cidr_hits.get(atom.value, set()) | index.get(
                    ("ip-prefix", atom.value, None), set()
                )
            else:
                accs = index.get((atom.kind, atom.value, atom.key_id), set())
            for acc in accs:
                per_account[(acc, atom.kind)].add(atom.value + "|" + str(atom.key_id))
        for (acc, kind), vals in per_account.items():
            k = (acc, ind.partner, kind, ind.bundle_id)
            keyed = any(not v.endswith("|None") for v in vals)
            cur = rows.get(k)
            if cur is None or (ind.confidence or -1) > (cur["confidence"] or -1):
                rows[k] = {
                    "account_id": acc,
                    "partner": ind.partner,
                    "indicator_type": kind,
                    "confidence": ind.confidence,
                    "tlp": strictest([t for t in (ind.tlp, cur and cur["tlp"]) if t]),
                    "bundle_id": ind.bundle_id,
                    "indicator_id": ind.indicator_id,
                    "partner_campaign": ind.partner_campaign,
                    "values_matched": len(vals) + (cur["values_matched"] if cur else 0),
                    "keyed": keyed or bool(cur and cur["keyed"]),
                }
            else:
                cur["values_matched"] += len(vals)
                cur["keyed"] = cur["keyed"] or keyed
                cur["tlp"] = strictest([t for t in (ind.tlp, cur["tlp"]) if t])
    ordered = sorted(
        rows.values(), key=lambda r: (r["account_id"], r["partner"], r["indicator_type"])
    )
    table = pa.Table.from_pylist(ordered, schema=CORROBORATION_SCHEMA)
    result = MatchResult(
        table=table,
        bundles=n_bundles,
        indicators=len(indicators),
        unsupported=unsupported,
        unknown_keys=unknown,
    )
    campaigns = _our_campaigns(result, findings)
    path = None
    if write:
        out = store.intel_dir / CORROBORATION_FILE
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(".parquet.tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, out)
        path = str(out)
    final = MatchResult(
        table=table,
        bundles=n_bundles,
        indicators=len(indicators),
        unsupported=unsupported,
        unknown_keys=unknown,
        campaigns=campaigns,
        path=path,
    )
    if write:
        (store.intel_dir / "match.json").write_text(
            json.dumps(final.summary(), indent=2, default=str) + "\n", encoding="utf-8"
        )
    return final


def _our_campaigns(result: MatchResult, findings: Findings | None) -> list[dict[str, Any]]:
    """Our campaigns with corroborated members: how many, by which partners, at what TLP."""
    if findings is None or findings.accounts is None:
        return []
    camp_of = {
        str(a): str(c)
        for a, c in zip(
            findings.accounts.column("account_id").to_pylist(),
            findings.accounts.column("campaign_id").to_pylist(),
            strict=True,
        )
        if c is not None
    }
    corroborated = set(result.corroborated_accounts())
    agg: dict[str, dict[str, Any]] = {}
    for r in result.table.to_pylist():
        cid = camp_of.get(r["account_id"])
        if cid is None:
            continue
        a = agg.setdefault(
            cid, {"campaign_id": cid, "accounts": set(), "partners": set(), "tlps": [],
                  "max_confidence": None},
        )
        if r["account_id"] in corroborated:
            a["accounts"].add(r["account_id"])
        a["partners"].add(r["partner"])
        if r["tlp"]:
            a["tlps"].append(r["tlp"])
        if r["confidence"] is not None:
            a["max_confidence"] = max(a["max_confidence"] or 0, r["confidence"])
    out = []
    for cid, a in sorted(agg.items()):
        out.append(
            {
                "campaign_id": cid,
                "corroborated_accounts": len(a["accounts"]),
                "partners": sorted(a["partners"]),
                "tlp": strictest(a["tlps"]),
                "max_confidence": a["max_confidence"],
            }
        )
    return out


def read_corroboration(store: StrPath) -> pa.Table:
    """Read ``STORE/intel/corroboration.parquet`` (an empty table when intel never ran)."""
    path = Path(store) / "intel" / CORROBORATION_FILE
    if not path.is_file():
        return CORROBORATION_SCHEMA.empty_table()
    return pq.read_table(path, schema=CORROBORATION_SCHEMA)

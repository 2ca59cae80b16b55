"""Two providers hit by one campaign: stores, findings and ground truth for the walkthrough.

One distillation campaign runs accounts at provider A and provider B with shared payment
instruments, IP ranges (a hosting /24 and a residential-proxy /24), prompt templates and a
disposable e-mail domain, but different account ids. A's detection sees the whole campaign;
B's sees only the part that runs from the hosting range (the residential, low-and-slow part
is missed). Both providers also have benign customers, some of which share the cloud ASN, the
common HTTP client or a benchmark template with the attackers (the hard negatives).

This writes the same tables ingest and detect write (store events/accounts, findings
accounts/campaigns) plus ``truth.parquet``, so the intel commands run on it unchanged. Run
``python -m distillwatch.intel.scenario OUT`` to build it.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from distillwatch.schema import (
    FINDINGS_ACCOUNT_SCHEMA,
    FINDINGS_CAMPAIGN_SCHEMA,
    STORE_ACCOUNT_SCHEMA,
    STORE_EVENT_SCHEMA,
    TRUTH_SCHEMA,
)
from distillwatch.store.key_ints import key_ints
from distillwatch.types import StrPath

EVENT_COLUMNS = (
    "ts", "account_id", "event_key", "client_ip", "user_agent", "ip_version", "ip_prefix",
    "ip_asn", "ip_is_hosting", "ip_is_vpn", "template_key", "template_key64",
)
START = datetime(2026, 3, 2, tzinfo=UTC)
HOSTING_NET = "203.0.113"  # /24 in a cloud AS, shared by the campaign
PROXY_NET = "198.51.100"  # /24 of a residential-proxy pool, shared by the campaign
CLOUD_ASN = 64500
PROXY_ASN = 64501
ATTACK_UA = "python-httpx/0.27.0"
ATTACK_DOMAIN = "inboxkitten-mail.example"
SHARED_FPS = [f"pf_{i:02d}_shared" for i in range(8)]
ATTACK_TEMPLATES = ["tpl_cot_stepwise", "tpl_rubric_grade", "tpl_rationale"]
BENCH_TEMPLATE = "tpl_cot_stepwise"  # also used by a benign evaluation harness at B


@dataclass(frozen=True)
class Provider:
    store: Path
    findings: Path
    truth: Path


def _ip(net: str, host: int) -> str:
    return f"{net}.{host}"


def _account_row(acc: str, created: datetime, domain: str, fp: str | None,
                 domain_class: str) -> dict[str, Any]:
    return {"account_id": acc, "created_at": created, "email_domain": domain,
            "payment_fingerprint": fp, "country": "US", "signup_channel": "self_serve",
            "verified": False, "org_name": None, "email_domain_class": domain_class}


def _template_key(name: str | None) -> str | None:
    """The stored key of a template (16 hex digits of BLAKE2b-64, as ingest's keys are)."""
    return None if name is None else hashlib.blake2b(name.encode(), digest_size=8).hexdigest()


def _events(rng: np.random.Generator, acc: str, n: int, ips: list[tuple[str, int, bool]],
            ua: str, templates: list[str | None]) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        ip, asn, hosting = ips[int(rng.integers(len(ips)))]
        ts = START + timedelta(seconds=int(rng.integers(0, 3 * 86400)))
        out.append({
            "ts": ts, "account_id": acc, "event_key": f"{acc}-{i}", "client_ip": ip,
            "user_agent": ua, "ip_version": 4, "ip_prefix": ip.rsplit(".", 1)[0] + ".0/24",
            "ip_asn": asn, "ip_is_hosting": hosting, "ip_is_vpn": False,
            "template_key": _template_key(templates[int(rng.integers(len(templates)))]),
        })
    return out


def _write_store(root: Path, events: list[dict[str, Any]], accounts: list[dict[str, Any]]) -> None:
    schema = pa.schema([STORE_EVENT_SCHEMA.field(c) for c in EVENT_COLUMNS])
    table = pa.Table.from_pylist(events, schema=schema)
    table = table.set_column(  # the integer keys detect reads, as ingest writes them
        schema.get_field_index("template_key64"), schema.field("template_key64"),
        key_ints(table.column("template_key")),
    )
    days = sorted({e["ts"].date() for e in events})
    for day in days:
        mask = [e["ts"].date() == day for e in events]
        part = table.filter(pa.array(mask))
        d = root / "events" / f"day={day.isoformat()}"
        d.mkdir(parents=True, exist_ok=True)
        pq.write_table(part, d / "part-0000.parquet")
    (root / "accounts").mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(accounts, schema=STORE_ACCOUNT_SCHEMA),
                   root / "accounts" / "accounts.parquet")


def _write_findings(root: Path, campaign_id: str, members: list[str],
                    events: list[dict[str, Any]], accounts: list[dict[str, Any]],
                    score: float) -> None:
    """What detect would write for one found campaign: member accounts + indicator lists."""
    root.mkdir(parents=True, exist_ok=True)
    mem = set(members)
    ev = [e for e in events if e["account_id"] in mem]
    acc = [a for a in accounts if a["account_id"] in mem]
    per_acc: dict[str, list[dict[str, Any]]] = {}
    for e in ev:
        per_acc.setdefault(e["account_id"], []).append(e)
    rows = []
    for a in sorted(mem):
        es = per_acc.get(a, [])
        rows.append({
            "account_id": a, "score": score, "severity": "high", "flagged": True,
            "reasons": ["shared_payment", "template_reuse"], "summary": "member of a campaign",
            "campaign_id": campaign_id, "exchanges": len(es),
            "first_seen": min((e["ts"] for e in es), default=None),
            "last_seen": max((e["ts"] for e in es), default=None),
        })
    pq.write_table(pa.Table.from_pylist(rows, schema=FINDINGS_ACCOUNT_SCHEMA),
                   root / "accounts.parquet")
    indicators = {
        "ips": sorted({e["client_ip"] for e in ev}),
        "prefixes": sorted({e["ip_prefix"] for e in ev}),
        "asns": sorted({e["ip_asn"] for e in ev}),
        "payment_fingerprints": sorted({a["payment_fingerprint"] for a in acc
                                        if a["payment_fingerprint"]}),
        "email_domains": sorted({a["email_domain"] for a in acc
                                 if a["email_domain_class"] != "free"}),
        "user_agents": sorted({e["user_agent"] for e in ev}),
        "template_keys": sorted({e["template_key"] for e in ev if e["template_key"]}),
    }
    camp = {
        "campaign_id": campaign_id, "score": score, "severity": "high",
        "accounts": len(mem), "exchanges": len(ev),
        "first_seen": min(e["ts"] for e in ev), "last_seen": max(e["ts"] for e in ev),
        "tactics": ["cot_elicitation", "rubric_grading"],
        "link_types": ["payment", "ip_prefix", "template"],
        "indicators": json.dumps(indicators), "summary": f"{len(mem)} coordinated accounts",
    }
    pq.write_table(pa.Table.from_pylist([camp], schema=FINDINGS_CAMPAIGN_SCHEMA),
                   root / "campaigns.parquet")


def _provider(out: Path, name: str, rng: np.random.Generator, *, attackers: int, benign: int,
              detected: str) -> Provider:
    events: list[dict[str, Any]] = []
    accounts: list[dict[str, Any]] = []
    truth: list[dict[str, Any]] = []
    attack_ids: list[str] = []
    hosting_part: list[str] = []
    # distinct random account numbers: attackers and customers must never share an id
    numbers = (rng.choice(9 * 10**6, attackers + benign, replace=False) + 10**6).tolist()
    for i in range(attackers):
        acc = f"{name}-acct-{numbers[i]}"
        attack_ids.append(acc)
        residential = i % 3 != 0  # two thirds run low and slow through residential proxies
        if residential:
            ips = [(_ip(PROXY_NET, int(h)), PROXY_ASN, False)
                   for h in rng.choice(np.arange(2, 250), 3, replace=False)]
            n = int(rng.integers(8, 20))
        else:
            hosting_part.append(acc)
            ips = [(_ip(HOSTING_NET, int(h)), CLOUD_ASN, True)
                   for h in rng.choice(np.arange(2, 250), 2, replace=False)]
            n = int(rng.integers(40, 80))
        fp = SHARED_FPS[int(rng.integers(len(SHARED_FPS)))] if rng.random() < 0.8 else \
            f"pf_{name}_{i}_own"
        domain = ATTACK_DOMAIN if rng.random() < 0.6 else "gmail.com"
        accounts.append(_account_row(acc, START - timedelta(days=2), domain, fp,
                                     "disposable" if domain == ATTACK_DOMAIN else "free"))
        events += _events(rng, acc, n, ips, ATTACK_UA, list(ATTACK_TEMPLATES))
        truth.append({"account_id": acc, "label": "attack", "campaign_id": "hydra-1",
                      "persona": "hydra_cot_harvest"})
    for i in range(benign):
        acc = f"{name}-acct-{numbers[attackers + i]}"
        kind = i % 10
        if kind == 0:  # cloud customer on the same AS, own IPs
            ips = [(f"192.0.2.{int(rng.integers(2, 250))}", CLOUD_ASN, True)]
        else:
            ips = [(f"10.{i % 250}.{int(rng.integers(0, 250))}.{int(rng.integers(2, 250))}",
                    64496 + (i % 3), False)]
        ua = ATTACK_UA if kind in (1, 2) else "openai-python/1.50.0"
        templates: list[str | None] = [BENCH_TEMPLATE] if kind == 3 and i < 40 else \
            [None, f"tpl_{name}_benign_{i % 17}"]
        domain = "gmail.com" if kind % 2 else f"corp{i}.example"
        accounts.append(_account_row(acc, START - timedelta(days=200), domain,
                                     f"pf_{name}_benign_{i}", "free" if kind % 2 else "other"))
        events += _events(rng, acc, int(rng.integers(5, 40)), ips, ua, templates)
        truth.append({"account_id": acc, "label": "benign", "campaign_id": None,
                      "persona": "eval_harness" if kind == 3 else "chat_app"})
    root = out / f"provider_{name}"
    prov = Provider(store=root / "store", findings=root / "findings", truth=root / "truth.parquet")
    _write_store(prov.store, events, accounts)
    members = attack_ids if detected == "all" else hosting_part
    _write_findings(prov.findings, f"{name}-campaign-1", members, events, accounts, 0.92)
    pq.write_table(pa.Table.from_pylist(truth, schema=TRUTH_SCHEMA), prov.truth)
    return prov


def build(out: StrPath, *, seed: int = 7, attackers: int = 60, benign: int = 300
          ) -> tuple[Provider, Provider]:
    """Write provider A (detects the whole campaign) and B (detects only its hosting part)."""
    root = Path(out)
    rng = np.random.default_rng(seed)
    a = _provider(root, "a", rng, attackers=attackers, benign=benign, detected="all")
    b = _provider(root, "b", rng, attackers=attackers, benign=benign, detected="hosting")
    return a, b


def recall(found: set[str], truth_path: StrPath) -> dict[str, Any]:
    """Account recall/precision of ``found`` against ground truth."""
    t = pq.read_table(truth_path).to_pylist()
    attack = {r["account_id"] for r in t if r["label"] == "attack"}
    benign = {r["account_id"] for r in t if r["label"] == "benign"}
    tp = len(found & attack)
    return {
        "attack_accounts": len(attack),
        "found": len(found),
        "true_positives": tp,
        "false_positives": len(found & benign),
        "recall": round(tp / len(attack), 4) if attack else 0.0,
        "precision": round(tp / len(found), 4) if found else 0.0,
    }


def split_simulation(sim: StrPath, out: StrPath, *, share_a: float = 0.5, seed: int = 0
                     ) -> dict[str, Path]:
    """Split one ``distillwatch simulate`` run into two providers' contract files.

    Every account (attacker or customer) signs up at exactly one provider, chosen at random,
    and gets that provider's id prefix (``a-``/``b-``), so the providers share the campaigns'
    payment instruments, IP ranges and templates but never an account id. Writes
    ``OUT/provider_{a,b}/{events/part-0.parquet, accounts.parquet, truth.parquet}``.
    """
    import pyarrow.compute as pc

    src, dst = Path(sim), Path(out)
    truth = pq.read_table(src / "truth.parquet")
    accounts = pq.read_table(src / "accounts.parquet")
    ids = sorted(set(truth.column("account_id").to_pylist()))
    rng = np.random.default_rng(seed)
    side = dict(zip(ids, np.where(rng.random(len(ids)) < share_a, "a", "b").tolist(), strict=True))
    events = pq.read_table(src / "events")
    dirs: dict[str, Path] = {}
    for name in ("a", "b"):
        mine = pa.array([i for i in ids if side[i] == name])
        d = dst / f"provider_{name}"
        (d / "events").mkdir(parents=True, exist_ok=True)
        for table, target in ((events, d / "events" / "part-0.parquet"),
                              (accounts, d / "accounts.parquet"), (truth, d / "truth.parquet")):
            part = table.filter(pc.is_in(table.column("account_id"), value_set=mine))
            renamed = pc.binary_join_element_wise(f"{name}-", part.column("account_id"), "")
            part = part.set_column(part.schema.get_field_index("account_id"), "account_id", renamed)
            pq.write_table(part, target)
        dirs[name] = d
    return dirs


def before_after(findings: StrPath, store: StrPath, truth: StrPath) -> dict[str, Any]:
    """Recall of a provider's own findings, then of findings + corroborated accounts."""
    from distillwatch.intel.match import is_corroborated, read_corroboration

    accts = pq.read_table(Path(findings) / "accounts.parquet")
    before = {a for a, f in zip(accts.column("account_id").to_pylist(),
                                accts.column("flagged").to_pylist(), strict=True) if f}
    types: dict[str, set[str]] = {}
    for r in read_corroboration(store).to_pylist():
        types.setdefault(r["account_id"], set()).add(r["indicator_type"])
    corroborated = {a for a, ts in types.items() if is_corroborated(ts)}
    return {"before": recall(before, truth), "after": recall(before | corroborated, truth)}


USAGE = ("usage: python -m distillwatch.intel.scenario build OUT_DIR\n"
         "       python -m distillwatch.intel.scenario split SIMULATION OUT_DIR [SHARE_A]\n"
         "       python -m distillwatch.intel.scenario recall FINDINGS STORE TRUTH")

if __name__ == "__main__":  # pragma: no cover - used by the docs walkthrough
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "build":
        pa_, pb = build(args[1])
        print(json.dumps({"provider_a": {k: str(v) for k, v in pa_.__dict__.items()},
                          "provider_b": {k: str(v) for k, v in pb.__dict__.items()}}, indent=2))
    elif len(args) in (3, 4) and args[0] == "split":
        share = float(args[3]) if len(args) == 4 else 0.5
        dirs = split_simulation(args[1], args[2], share_a=share)
        print(json.dumps({k: str(v) for k, v in dirs.items()}))
    elif len(args) == 4 and args[0] == "recall":
        print(json.dumps(before_after(args[1], args[2], args[3]), indent=2))
    else:
        sys.exit(USAGE)

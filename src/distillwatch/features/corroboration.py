"""Partner corroboration (``STORE/intel/corroboration.parquet``) as account features and evidence.

``distillwatch intel match`` writes one row per (our account, partner, indicator type, bundle)
when a partner's campaign indicators match our store (docs/intel.md). Detect folds those rows
into the account features so the ``intel.*`` rules of the rule set can weigh them:

- ``corroborated_strong``: distinct indicator types matched that identify a campaign's own
  infrastructure or money (payment fingerprint, IP, prompt template, /24 prefix, e-mail domain);
- ``corroborated_weak``: distinct weak types matched (ASN, user agent). Whole clouds and popular
  HTTP clients share them: in the intel walkthrough they hit up to 262 benign accounts, so the
  rule set never lets them flag an account alone;
- ``corroboration_score``: max over strong rows of ``confidence / 100 * TYPE_WEIGHTS[type]``;
- ``corroboration_confidence``: the highest partner confidence among the strong rows;
- ``corroboration_partners``: distinct partners with a strong match.

Accounts without a row get zeros, so the rules see "no corroboration", never a missing value.
Without a corroboration file detect adds none of these columns and the rules stay silent,
so findings are the same as before intel ran. Evidence rows (``kind: corroboration``) name
the partner, indicator type, confidence and TLP; the TLP travels with the row so whoever shows
or forwards it can respect it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from distillwatch.exceptions import InputError
from distillwatch.schema import CORROBORATION_SCHEMA
from distillwatch.types import StrPath

# Same place intel.match writes it (not imported from there: that pulls in stix2).
CORROBORATION_PATH = ("intel", "corroboration.parquet")
# How much one matched type says about the account, before the partner's confidence. Payment
# instruments and single IPs are specific to the campaign. Templates, /24s and e-mail domains
# are shared more widely: evaluation harnesses run the same public benchmark templates
# (docs/intel.md: 4 benign template matches in the walkthrough).
TYPE_WEIGHTS: dict[str, float] = {
    "payment-fingerprint": 1.0,
    "ip": 1.0,
    "template-key": 0.6,
    "ip-prefix": 0.6,
    "email-domain": 0.6,
    "asn": 0.2,
    "user-agent": 0.2,
}
WEAK_TYPES: frozenset[str] = frozenset({"asn", "user-agent"})
# STIX confidence is optional; an unstated one counts as "moderate" (the STIX 2.1 mid-scale).
DEFAULT_CONFIDENCE = 50
CORROBORATION_FEATURES: tuple[str, ...] = (
    "corroborated_strong",
    "corroborated_weak",
    "corroboration_score",
    "corroboration_confidence",
    "corroboration_partners",
)
_FEATURE_TYPES = {
    "corroborated_strong": pa.int64(),
    "corroborated_weak": pa.int64(),
    "corroboration_score": pa.float64(),
    "corroboration_confidence": pa.float64(),
    "corroboration_partners": pa.int64(),
}


def read_store_corroboration(store: StrPath) -> pa.Table | None:
    """The store's corroboration table, or None when ``intel match`` never wrote one."""
    path = Path(store).joinpath(*CORROBORATION_PATH)
    if not path.is_file():
        return None
    try:
        table = pq.read_table(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError(f"not a readable corroboration table: {exc}", path=str(path)) from exc
    missing = [n for n in CORROBORATION_SCHEMA.names if n not in table.column_names]
    if missing:
        raise InputError(f"corroboration table lacks column(s) {', '.join(missing)}",
                         path=str(path))
    return table.select(CORROBORATION_SCHEMA.names).cast(CORROBORATION_SCHEMA)


def _confidence(v: Any) -> int:
    return DEFAULT_CONFIDENCE if v is None else max(0, min(100, int(v)))


def account_corroboration(corroboration: pa.Table) -> dict[str, dict[str, float]]:
    """Per account: the :data:`CORROBORATION_FEATURES` values (accounts with any row)."""
    strong: dict[str, set[str]] = defaultdict(set)
    weak: dict[str, set[str]] = defaultdict(set)
    partners: dict[str, set[str]] = defaultdict(set)
    score: dict[str, float] = defaultdict(float)
    conf: dict[str, float] = defaultdict(float)
    cols = corroboration.select(["account_id", "partner", "indicator_type", "confidence"])
    for row in cols.to_pylist():
        acc, kind = row["account_id"], row["indicator_type"]
        c = _confidence(row["confidence"])
        if kind in WEAK_TYPES or kind not in TYPE_WEIGHTS:
            # an unknown type is kept but never counted as strong: it can only lose a signal
            weak[acc].add(kind)
            continue
        strong[acc].add(kind)
        partners[acc].add(row["partner"])
        score[acc] = max(score[acc], c / 100.0 * TYPE_WEIGHTS[kind])
        conf[acc] = max(conf[acc], float(c))
    out: dict[str, dict[str, float]] = {}
    for acc in sorted(set(strong) | set(weak)):
        out[acc] = {
            "corroborated_strong": len(strong.get(acc, ())),
            "corroborated_weak": len(weak.get(acc, ())),
            "corroboration_score": round(score.get(acc, 0.0), 9),
            "corroboration_confidence": conf.get(acc, 0.0),
            "corroboration_partners": len(partners.get(acc, ())),
        }
    return out


def with_corroboration(features: pa.Table, corroboration: pa.Table | None) -> pa.Table:
    """``features`` plus the :data:`CORROBORATION_FEATURES` columns (unchanged when None)."""
    if corroboration is None:
        return features
    per_acc = account_corroboration(corroboration)
    ids = features.column("account_id").to_pylist()
    for name in CORROBORATION_FEATURES:
        if name in features.column_names:
            features = features.drop_columns([name])
        values = [per_acc[a][name] if a in per_acc else 0 for a in ids]
        features = features.append_column(name, pa.array(values, _FEATURE_TYPES[name]))
    return features


def own_thresholds(scorer: Any, features: pa.Table) -> Any:
    """Give a fitted ``AccountScorer`` the thresholds of our own evidence alone.

    The label-free null model (median and MAD of the scores' log-odds) is meant to describe
    our benign bulk. When most accounts fire no rule, a handful of corroborated accounts
    moves the median off zero and blows the MAD up (seen on a 46-account store: every
    threshold went above 0.99999), so partners' intel would raise thresholds and unflag
    accounts it never matched. Thresholds are therefore fitted without the corroboration
    columns and the intel rules only add score on top of them.
    """
    present = [c for c in CORROBORATION_FEATURES if c in features.column_names]
    if not present:
        return scorer
    from distillwatch.scoring.scorer import AccountScorer  # scorer imports this module

    own = AccountScorer(rules=scorer.rules_, fpr=scorer.fpr).fit(features.drop_columns(present))
    scorer.thresholds_ = own.thresholds_
    return scorer


def corroboration_evidence(
    corroboration: pa.Table | None, features: pa.Table, explained: Iterable[str]
) -> list[dict[str, Any]]:
    """``kind: corroboration`` evidence rows: one per matching partner row.

    Written for the accounts detect explains and for every scored account with a strong
    match; weak-only rows of unexplained accounts are left in the store's table (they are
    most of it, and say little about one account).
    """
    if corroboration is None or corroboration.num_rows == 0:
        return []
    scored = set(features.column("account_id").to_pylist())
    wanted = set(explained) & scored
    rows = [r for r in corroboration.to_pylist() if r["account_id"] in scored]
    wanted |= {r["account_id"] for r in rows if r["indicator_type"] not in WEAK_TYPES
               and r["indicator_type"] in TYPE_WEIGHTS}
    out: list[dict[str, Any]] = []
    for r in rows:
        if r["account_id"] not in wanted:
            continue
        kind, conf = r["indicator_type"], r["confidence"]
        strong = kind in TYPE_WEIGHTS and kind not in WEAK_TYPES
        out.append({
            "kind": "corroboration",
            "account_id": r["account_id"],
            "partner": r["partner"],
            "indicator_type": kind,
            "strength": "strong" if strong else "weak",
            "confidence": r["confidence"],
            "tlp": r["tlp"],
            "keyed": r["keyed"],
            "values_matched": r["values_matched"],
            "partner_campaign": r["partner_campaign"],
            "indicator_id": r["indicator_id"],
            "bundle_id": r["bundle_id"],
            "reason": (f"{r['partner']} ({_tlp_label(r['tlp'])}) reports this account's "
                       f"{kind} in campaign {r['partner_campaign'] or '(unnamed)'}, "
                       f"confidence {'unstated' if conf is None else conf}"),
        })
    out.sort(key=lambda e: (e["account_id"], e["strength"] != "strong", e["partner"],
                            e["indicator_type"], e["bundle_id"]))
    return out


def describe(corroboration: pa.Table | None, features: pa.Table) -> dict[str, Any] | None:
    """A run.json summary: rows read, accounts matched and corroborated, partners."""
    if corroboration is None:
        return None
    scored = set(features.column("account_id").to_pylist())
    per_acc = {a: v for a, v in account_corroboration(corroboration).items() if a in scored}
    partners = sorted(set(corroboration.column("partner").to_pylist()))
    return {
        "rows": corroboration.num_rows,
        "accounts_matched": len(per_acc),
        "accounts_strong": sum(1 for v in per_acc.values() if v["corroborated_strong"] > 0),
        "accounts_weak_only": sum(1 for v in per_acc.values()
                                  if v["corroborated_strong"] == 0),
        "partners": partners,
        "thresholds": "calibrated on our own evidence (without the corroboration features)",
    }


def _tlp_label(tlp: str | None) -> str:
    return f"TLP:{tlp.upper()}" if tlp else "TLP unmarked"

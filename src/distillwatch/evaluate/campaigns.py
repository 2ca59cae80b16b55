"""Campaign purity and completeness against ground truth.

Each found campaign is assigned to the truth campaign most of its members belong to (or to
"benign" when most are benign accounts). For a truth campaign T with found campaigns F1..Fk
assigned to it:

- purity = members of T in F1..Fk / all members of F1..Fk (how clean the found groups are);
- completeness = members of T in F1..Fk / members of T (how much of T they cover);
- fragments = k (a campaign split into many found groups is harder to act on).

A truth campaign is *recovered* when purity >= ``min_purity`` and completeness >=
``min_completeness`` (issue 5 targets: 0.95 and 0.9). Found campaigns assigned to
"benign" are reported as spurious, with their size.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import pyarrow as pa

from distillwatch.exceptions import InputError

BENIGN = "benign"


def _column(t: pa.Table, name: str, what: str) -> list[Any]:
    if name not in t.column_names:
        raise InputError(f"{what} lacks column {name!r}")
    return t[name].to_pylist()


def campaign_metrics(
    findings_accounts: pa.Table,
    truth: pa.Table,
    *,
    min_purity: float = 0.95,
    min_completeness: float = 0.9,
) -> dict[str, Any]:
    """Purity, completeness and fragments per truth campaign, plus spurious found campaigns.

    ``findings_accounts`` needs ``account_id, campaign_id`` (null = in no campaign);
    ``truth`` needs ``account_id, label, campaign_id`` (TRUTH_SCHEMA).
    """
    found_of = {
        a: c
        for a, c in zip(
            _column(findings_accounts, "account_id", "findings accounts"),
            _column(findings_accounts, "campaign_id", "findings accounts"),
            strict=True,
        )
        if c is not None
    }
    truth_of: dict[str, str] = {}
    for a, label, c in zip(
        _column(truth, "account_id", "truth"),
        _column(truth, "label", "truth"),
        _column(truth, "campaign_id", "truth"),
        strict=True,
    ):
        truth_of[a] = (c or "attack-unassigned") if label == "attack" else BENIGN

    members: dict[str, list[str]] = defaultdict(list)
    for a, c in found_of.items():
        members[c].append(a)
    assigned: dict[str, list[str]] = defaultdict(list)  # truth campaign -> found ids
    spurious: list[dict[str, Any]] = []
    for cid in sorted(members):
        counts = Counter(truth_of.get(a, BENIGN) for a in members[cid])
        top, _ = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        if top == BENIGN:
            spurious.append(
                {"campaign_id": cid, "accounts": len(members[cid]), "benign": counts[BENIGN]}
            )
        else:
            assigned[top].append(cid)

    truth_sizes = Counter(c for c in truth_of.values() if c != BENIGN)
    per_campaign: list[dict[str, Any]] = []
    for tc in sorted(truth_sizes):
        found = assigned.get(tc, [])
        in_found = [a for cid in found for a in members[cid]]
        hits = sum(1 for a in in_found if truth_of.get(a) == tc)
        purity = hits / len(in_found) if in_found else 0.0
        completeness = hits / truth_sizes[tc]
        per_campaign.append(
            {
                "truth_campaign": tc,
                "accounts": truth_sizes[tc],
                "found_campaigns": found,
                "fragments": len(found),
                "purity": round(purity, 4),
                "completeness": round(completeness, 4),
                "recovered": purity >= min_purity and completeness >= min_completeness,
            }
        )
    n = len(per_campaign)
    return {
        "campaigns": per_campaign,
        "spurious": spurious,
        "truth_campaigns": n,
        "recovered": sum(1 for p in per_campaign if p["recovered"]),
        "mean_purity": round(sum(p["purity"] for p in per_campaign) / n, 4) if n else None,
        "mean_completeness": (
            round(sum(p["completeness"] for p in per_campaign) / n, 4) if n else None
        ),
        "min_purity": min((p["purity"] for p in per_campaign), default=None),
        "min_completeness": min((p["completeness"] for p in per_campaign), default=None),
        "found_campaigns": len(members),
        "benign_accounts_in_campaigns": sum(
            1 for a in found_of if truth_of.get(a, BENIGN) == BENIGN
        ),
    }

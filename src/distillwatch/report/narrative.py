"""Plain-language sentences for policy and legal readers."""

from __future__ import annotations

from typing import Any

_INDICATOR_NAMES = {
    "payment_fingerprints": "payment instrument",
    "email_domains": "e-mail domain",
    "prefixes": "IP /24 network",
    "ips": "IP address",
    "asns": "network operator (ASN)",
    "user_agents": "client software string",
    "template_keys": "prompt template",
}


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def campaign_summary(row: dict[str, Any], indicators: dict[str, list[Any]]) -> str:
    """A paragraph that says what the campaign did and what ties its accounts together."""
    if row.get("summary"):
        lead = str(row["summary"]).rstrip(".") + "."
    else:
        lead = (
            f"{_plural(int(row.get('accounts') or 0), 'account')} made "
            f"{_plural(int(row.get('exchanges') or 0), 'exchange')} between "
            f"{row.get('first_seen')} and {row.get('last_seen')}."
        )
    shared = [
        _plural(len(v), _INDICATOR_NAMES.get(k, k)) for k, v in sorted(indicators.items()) if v
    ]
    ties = f" The accounts share {', '.join(shared)}." if shared else ""
    tactics = row.get("tactics") or []
    what = f" The traffic shows these harvesting tactics: {', '.join(tactics)}." if tactics else ""
    links = row.get("link_types") or []
    # detect's own summary already names the link types
    how = f" They were linked by: {', '.join(links)}." if links and not row.get("summary") else ""
    return lead + ties + what + how


def account_summary(row: dict[str, Any]) -> str:
    """One sentence on why an account was flagged."""
    if row.get("summary"):
        return str(row["summary"])
    reasons = row.get("reasons") or []
    return f"Score {row['score']:.3f} ({row['severity']})" + (
        f" because of: {', '.join(reasons)}." if reasons else "."
    )

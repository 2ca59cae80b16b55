"""Gather what a report shows from findings (and optionally the store and an evaluation).

Everything is read with DuckDB over Parquet and reduced to small per-campaign tables before it
reaches Python objects: the report's size grows with flagged accounts and campaigns, never
with events.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from distillwatch.findings.io import read_findings
from distillwatch.store.layout import StoreLayout
from distillwatch.types import StrPath

# Bounds on what one report renders; the JSON output says when a list was cut.
MAX_ACCOUNT_PAGES = 500
MAX_CAMPAIGN_MEMBERS_SHOWN = 2_000
MAX_EXAMPLES_PER_CAMPAIGN = 8


@dataclass(frozen=True)
class CampaignView:
    """One campaign with the small tables its dossier shows."""

    row: dict[str, Any]
    indicators: dict[str, list[Any]]
    members: pa.Table  # accounts findings joined with store accounts
    daily: pa.Table  # day, exchanges (campaign members only)
    examples: pa.Table  # template_key, intent_label, n, example prompt (maybe empty)
    links: pa.Table  # link_type, edges, weight (summed)
    infra: pa.Table  # account_id, kind, value: shared indicators each member used


@dataclass(frozen=True)
class ReportData:
    """Everything a report renders, already reduced to small tables."""

    findings_dir: Path
    run: dict[str, Any]
    accounts: pa.Table
    campaigns: list[CampaignView]
    evidence: dict[str, list[dict[str, Any]]]  # account_id -> evidence rows
    overview: dict[str, Any]
    population: pa.Table | None  # per-account feature table (features.parquet) if written
    evaluation: dict[str, Any] | None = None
    show_text: bool = False
    truncated: dict[str, int] = field(default_factory=dict)
    # partners' corroboration (detect's ``kind: corroboration`` evidence rows); {} without
    corroboration: dict[str, Any] = field(default_factory=dict)


def load_report_data(
    findings: StrPath,
    *,
    store: StrPath | None = None,
    evaluation: dict[str, Any] | None = None,
    show_text: bool = False,
) -> ReportData:
    """Read findings (and the store, when given) into a ``ReportData``."""
    found = read_findings(findings)
    fdir = found.path
    accounts = found.accounts
    campaigns = found.campaigns
    links = found.links
    population = found.features
    run = found.run

    con = duckdb.connect()
    con.register("acc", accounts)
    flagged = con.sql(
        "select * from acc where flagged order by score desc, account_id"
    ).to_arrow_table()
    truncated: dict[str, int] = {}
    if flagged.num_rows > MAX_ACCOUNT_PAGES:
        truncated["account_pages"] = flagged.num_rows - MAX_ACCOUNT_PAGES
    wanted = set(flagged.column("account_id").to_pylist()[:MAX_ACCOUNT_PAGES])
    evidence: dict[str, list[dict[str, Any]]] = {}
    for row in found.evidence:
        if row.get("account_id") in wanted:
            evidence.setdefault(row["account_id"], []).append(row)
    corroboration = _corroboration(found.evidence, accounts)

    layout = StoreLayout.at(store) if store is not None else None
    has_events = layout is not None and bool(layout.days())
    if has_events:
        assert layout is not None
        con.sql(
            f"create view ev as select * from read_parquet('{_sql_str(layout.events_glob)}',"
            " hive_partitioning = true, union_by_name = true)"
        )
        if layout.accounts_path.exists():
            path = _sql_str(str(layout.accounts_path))
            con.sql(f"create view sa as select * from read_parquet('{path}')")
    overview = _overview(con, accounts, campaigns, run, has_events)

    views: list[CampaignView] = []
    if campaigns.num_rows:
        con.register("camp", campaigns)
        con.register("lnk", links)
        for row in (
            con.sql("select * from camp order by score desc, campaign_id")
            .to_arrow_table()
            .to_pylist()
        ):
            views.append(
                _campaign_view(con, row, has_events, links.num_rows > 0, show_text, layout)
            )
    return ReportData(
        findings_dir=fdir,
        run=run,
        accounts=accounts,
        campaigns=views,
        evidence=evidence,
        overview=overview,
        population=population,
        evaluation=evaluation,
        show_text=show_text,
        truncated=truncated,
        corroboration=corroboration,
    )


def _sql_str(value: str) -> str:
    return value.replace("'", "''")


def _overview(
    con: duckdb.DuckDBPyConnection,
    accounts: pa.Table,
    campaigns: pa.Table,
    run: dict[str, Any],
    has_events: bool,
) -> dict[str, Any]:
    acc = con.sql(
        "select count(*) as accounts, count(*) filter (where flagged) as flagged,"
        " coalesce(sum(exchanges), 0) as exchanges,"
        " coalesce(sum(exchanges) filter (where flagged), 0) as flagged_exchanges,"
        " min(first_seen) as first_seen, max(last_seen) as last_seen from acc"
    ).fetchall()[0]
    out: dict[str, Any] = {
        "accounts": acc[0],
        "flagged_accounts": acc[1],
        "exchanges": acc[2],
        "flagged_exchanges": acc[3],
        "period_start": acc[4],
        "period_end": acc[5],
        "campaigns": campaigns.num_rows,
        "fpr_budget": run.get("fpr", run.get("config", {}).get("fpr")),
        "severity_counts": dict(
            con.execute("select severity, count(*) from acc group by 1 order by 1").fetchall()
        ),
    }
    if has_events:
        row = con.execute("select count(*), min(ts), max(ts) from ev").fetchall()[0]
        out.update(events=row[0], period_start=row[1], period_end=row[2])
    return out


def _campaign_view(
    con: duckdb.DuckDBPyConnection,
    row: dict[str, Any],
    has_events: bool,
    has_links: bool,
    show_text: bool,
    layout: StoreLayout | None,
) -> CampaignView:
    cid = row["campaign_id"]
    try:
        indicators = json.loads(row.get("indicators") or "{}")
    except json.JSONDecodeError:
        indicators = {}
    has_store_accounts = layout is not None and layout.accounts_path.exists()
    join = " left join sa using (account_id)" if has_store_accounts else ""
    cols = (
        ", sa.created_at, sa.email_domain, sa.payment_fingerprint, sa.signup_channel, sa.country"
        if has_store_accounts
        else ""
    )
    members = con.sql(
        f"select acc.account_id, acc.score, acc.severity, acc.flagged, acc.exchanges,"
        f" acc.first_seen, acc.last_seen{cols} from acc{join}"
        " where acc.campaign_id = ? order by acc.score desc, acc.account_id limit ?",
        params=[cid, MAX_CAMPAIGN_MEMBERS_SHOWN],
    ).to_arrow_table()
    empty = pa.table({})
    daily = examples = empty
    if has_events:
        con.execute(
            "create or replace temp table cm as select account_id from acc where campaign_id = ?",
            [cid],
        ).fetchall()
        daily = con.sql(
            "select date_trunc('day', ts) as day, count(*) as exchanges,"
            " count(distinct account_id) as active_accounts"
            " from ev semi join cm using (account_id) group by 1 order by 1"
        ).to_arrow_table()
        has_prompt = "prompt" in con.sql("select * from ev limit 0").columns
        example = "any_value(prompt)" if has_prompt else "null::varchar"
        examples = con.sql(
            f"select template_key, mode(intent_label) as intent, count(*) as exchanges,"
            f" count(distinct account_id) as accounts, {example} as example"
            " from ev semi join cm using (account_id) where template_key is not null"
            f" group by 1 order by exchanges desc, template_key limit {MAX_EXAMPLES_PER_CAMPAIGN}"
        ).to_arrow_table()
    links = empty
    if has_links:
        links = con.sql(
            "select link_type, count(*) as edges, round(sum(weight), 3) as weight from lnk"
            " where src in (select account_id from acc where campaign_id = ?)"
            " group by 1 order by weight desc",
            params=[cid],
        ).to_arrow_table()
    infra = _infrastructure(con, indicators, has_events, has_store_accounts)
    return CampaignView(
        row=row,
        indicators=indicators,
        members=members,
        daily=daily,
        examples=examples,
        links=links,
        infra=infra,
    )


# indicator key in campaigns.indicators -> (source view, column) it is matched on
INFRA_KINDS: dict[str, tuple[str, str]] = {
    "payment_fingerprints": ("sa", "payment_fingerprint"),
    "email_domains": ("sa", "email_domain"),
    "prefixes": ("ev", "ip_prefix"),
    "ips": ("ev", "client_ip"),
    "asns": ("ev", "cast(ip_asn as varchar)"),
    "user_agents": ("ev", "user_agent"),
}
MAX_INDICATOR_VALUES = 50
_EMPTY_INFRA = pa.schema(
    [("account_id", pa.string()), ("kind", pa.string()), ("value", pa.string())]
)


def _infrastructure(
    con: duckdb.DuckDBPyConnection,
    indicators: dict[str, list[Any]],
    has_events: bool,
    has_store_accounts: bool,
) -> pa.Table:
    """Which member used which shared indicator (for the infrastructure graph)."""
    if not has_events:  # the member table ``cm`` exists only with a store
        return _EMPTY_INFRA.empty_table()
    parts: list[str] = []
    params: list[Any] = []
    for kind, (view, column) in INFRA_KINDS.items():
        values = [str(v) for v in indicators.get(kind, [])[:MAX_INDICATOR_VALUES]]
        if not values or (view == "sa" and not has_store_accounts):
            continue
        parts.append(
            f"select distinct account_id, ?::varchar as kind, ({column})::varchar as value"
            f" from {view} semi join cm using (account_id)"
            f" where ({column})::varchar in (select unnest(?::varchar[]))"
        )
        params.extend([kind, values])
    if not parts:
        return _EMPTY_INFRA.empty_table()
    sql = " union all ".join(parts) + " order by 1, 2, 3"
    return con.sql(sql, params=params).to_arrow_table()


# TLP 2.0 levels, least to most restrictive: a summary carries the strictest it contains.
TLP_ORDER: tuple[str, ...] = ("clear", "green", "amber", "amber+strict", "red")
MAX_CORROBORATED_SHOWN = 500


def strictest_tlp(levels: Any) -> str | None:
    """The most restrictive TLP level among ``levels`` (None when none is marked)."""
    known = [t for t in levels if t in TLP_ORDER]
    return max(known, key=TLP_ORDER.index) if known else None


def _corroboration(evidence: list[dict[str, Any]], accounts: pa.Table) -> dict[str, Any]:
    """Partners, accounts and TLP of the evidence rows of ``kind: corroboration``."""
    rows = [r for r in evidence if r.get("kind") == "corroboration"]
    if not rows:
        return {}
    acc = {a["account_id"]: a for a in
           accounts.select(["account_id", "flagged", "severity", "score"]).to_pylist()}
    by_partner: dict[str, dict[str, Any]] = {}
    by_account: dict[str, dict[str, Any]] = {}
    for r in rows:
        strong = r.get("strength") == "strong"
        p = by_partner.setdefault(r["partner"], {"partner": r["partner"], "tlps": set(),
                                                 "accounts": set(), "flagged": set(),
                                                 "types": set(), "confidence": None})
        p["tlps"].add(r.get("tlp"))
        p["types"].add(r["indicator_type"])
        if r.get("confidence") is not None:
            p["confidence"] = max(p["confidence"] or 0, r["confidence"])
        if strong:
            p["accounts"].add(r["account_id"])
            if acc.get(r["account_id"], {}).get("flagged"):
                p["flagged"].add(r["account_id"])
        a = by_account.setdefault(r["account_id"], {
            "account_id": r["account_id"], "partners": {}, "types": set(), "strong": False,
            **{k: acc.get(r["account_id"], {}).get(k) for k in ("flagged", "severity", "score")},
        })
        a["strong"] = a["strong"] or strong
        a["types"].add(r["indicator_type"])
        a["partners"].setdefault(r["partner"], set()).add(r.get("tlp"))
    partners = [
        {"partner": p["partner"], "tlp": strictest_tlp(p["tlps"]),
         "accounts": len(p["accounts"]), "flagged": len(p["flagged"]),
         "types": sorted(p["types"]), "max_confidence": p["confidence"]}
        for p in sorted(by_partner.values(), key=lambda p: p["partner"])
    ]
    corroborated = sorted((a for a in by_account.values() if a["strong"]),
                          key=lambda a: (-(a["score"] or 0.0), a["account_id"]))
    return {
        "partners": partners,
        "accounts": [
            {**a, "types": sorted(a["types"]),
             "partners": [{"partner": k, "tlp": strictest_tlp(v)}
                          for k, v in sorted(a["partners"].items())]}
            for a in corroborated[:MAX_CORROBORATED_SHOWN]
        ],
        "accounts_corroborated": len(corroborated),
        "flagged_corroborated": sum(1 for a in corroborated if a["flagged"]),
        "tlp": strictest_tlp({p["tlp"] for p in partners}),
    }

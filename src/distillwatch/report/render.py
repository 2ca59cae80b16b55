"""Write a report folder: HTML pages (offline, no CDN), report.md, report.json, bundles."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
import plotly.offline

from distillwatch import __version__
from distillwatch.report import plots
from distillwatch.report.bundle import campaign_bundle, canonical_json, write_bundle
from distillwatch.report.data import MAX_ACCOUNT_PAGES, CampaignView, ReportData
from distillwatch.report.narrative import account_summary
from distillwatch.report.redact import redact_text
from distillwatch.types import StrPath

# Features shown against the population on a dossier, when features.parquet has them.
DOSSIER_FEATURES: tuple[str, ...] = (
    "exchanges_per_active_day",
    "intent_score_mean",
    "top_template_share",
    "account_age_days",
    "gap_cv",
    "hour_entropy",
    "ips_per_active_day",
    "share_logprobs",
)
MAX_FEATURE_PLOTS = 8


@dataclass(frozen=True)
class ReportPaths:
    """The files a report run wrote."""

    out_dir: Path
    index_html: Path
    markdown: Path
    json: Path
    campaign_pages: tuple[Path, ...]
    account_pages: tuple[Path, ...]
    bundles: tuple[Path, ...]


def _safe_name(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", value)[:120] + ".html"


def format_ts(value: Any) -> str:
    """Timestamps to the minute in UTC; anything else unchanged."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return "" if value is None else str(value)


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("distillwatch.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
    )
    env.filters["ts"] = format_ts
    return env


def write_report(data: ReportData, out: StrPath) -> ReportPaths:
    """Render ``data`` into ``out``: index.html, campaigns/, accounts/, bundles/, md and json."""
    out_dir = Path(out)
    for sub in ("assets", "campaigns", "accounts", "bundles"):
        (out_dir / sub).mkdir(parents=True, exist_ok=True)
    plotly_js = out_dir / "assets" / "plotly.min.js"
    if not plotly_js.exists():
        plotly_js.write_text(plotly.offline.get_plotlyjs(), encoding="utf-8")
    env = _env()
    common = {
        "version": __version__,
        "show_text": data.show_text,
        "has_evaluation": data.evaluation is not None,
    }

    flagged = [r for r in data.accounts.to_pylist() if r["flagged"]]
    flagged.sort(key=lambda r: (-r["score"], r["account_id"]))
    paged = flagged[:MAX_ACCOUNT_PAGES]
    campaign_files = {
        v.row["campaign_id"]: _safe_name(v.row["campaign_id"]) for v in data.campaigns
    }
    account_files = {r["account_id"]: _safe_name(r["account_id"]) for r in paged}

    campaign_pages: list[Path] = []
    bundles: list[Path] = []
    summaries: dict[str, dict[str, Any]] = {}
    for view in data.campaigns:
        cid = view.row["campaign_id"]
        body = campaign_bundle(data, view)
        written = write_bundle(body, out_dir / "bundles", Path(campaign_files[cid]).stem)
        bundles += [written.json_path, written.html_path]
        summaries[cid] = {"summary": body["summary"], "bundle_sha256": written.sha256}
        page = out_dir / "campaigns" / campaign_files[cid]
        page.write_text(
            env.get_template("campaign.html.j2").render(
                **common,
                title=f"Campaign {cid}",
                root="../",
                c=view,
                summary=body["summary"],
                bundle_name=written.name,
                bundle_sha256=written.sha256,
                examples=_examples(view, data.show_text),
                links=view.links.to_pylist(),
                members=[
                    {**m, "page": account_files.get(m["account_id"])}
                    for m in view.members.to_pylist()
                ],
                feature_plots=_feature_plots(data, view),
                plots=_campaign_plots(view),
            ),
            encoding="utf-8",
        )
        campaign_pages.append(page)

    account_pages: list[Path] = []
    for r in paged:
        ev = [
            {
                **e,
                "detail_json": json.dumps(
                    {k: v for k, v in e.items() if k not in {"account_id", "reason"}}, default=str
                )[:2000],
            }
            for e in data.evidence.get(r["account_id"], [])
            if e.get("kind") != "corroboration"
        ]
        partner_rows = [e for e in data.evidence.get(r["account_id"], [])
                        if e.get("kind") == "corroboration"]
        page = out_dir / "accounts" / account_files[r["account_id"]]
        page.write_text(
            env.get_template("account.html.j2").render(
                **common,
                title=f"Account {r['account_id']}",
                root="../",
                plots=False,
                a=r,
                summary=account_summary(r),
                evidence=ev,
                corroboration=partner_rows,
                campaign_file=campaign_files.get(r.get("campaign_id") or ""),
            ),
            encoding="utf-8",
        )
        account_pages.append(page)

    evaluation = _evaluation_section(data.evaluation)
    index = out_dir / "index.html"
    index.write_text(
        env.get_template("index.html.j2").render(
            **common,
            title="Findings",
            root="",
            plots=True,
            ov=data.overview,
            campaigns=[
                {"row": v.row, "file": campaign_files[v.row["campaign_id"]]} for v in data.campaigns
            ],
            accounts=[
                {
                    **r,
                    "file": account_files[r["account_id"]],
                    "campaign_file": campaign_files.get(r.get("campaign_id") or ""),
                }
                for r in paged
            ],
            truncated=data.truncated,
            evaluation=evaluation,
            corroboration=data.corroboration,
            account_files=account_files,
        ),
        encoding="utf-8",
    )
    doc = report_document(data, summaries)
    json_path = out_dir / "report.json"
    json_path.write_bytes(canonical_json(doc))
    md_path = out_dir / "report.md"
    md_path.write_text(report_markdown(doc), encoding="utf-8")
    return ReportPaths(
        out_dir=out_dir,
        index_html=index,
        markdown=md_path,
        json=json_path,
        campaign_pages=tuple(campaign_pages),
        account_pages=tuple(account_pages),
        bundles=tuple(bundles),
    )


def _campaign_plots(view: CampaignView) -> list[str]:
    return [
        plots.to_div(plots.volume_over_time(view.daily)),
        plots.to_div(plots.signup_timeline(view.members)),
        plots.to_div(plots.infrastructure_graph(view.infra)),
    ]


def _feature_plots(data: ReportData, view: CampaignView) -> list[str]:
    pop = data.population
    if pop is None or "account_id" not in pop.column_names:
        return []
    members = set(view.members.column("account_id").to_pylist())
    names = [f for f in DOSSIER_FEATURES if f in pop.column_names][:MAX_FEATURE_PLOTS]
    return [plots.to_div(plots.feature_distribution(pop, members, f)) for f in names]


def _examples(view: CampaignView, show_text: bool) -> list[dict[str, Any]]:
    return [
        {**e, "example": redact_text(e.get("example"), show_text=show_text)}
        for e in view.examples.to_pylist()
    ]


def _evaluation_section(ev: dict[str, Any] | None) -> dict[str, Any] | None:
    """Headline numbers, plots and tables from ``Evaluation.to_dict()`` (``evaluate --out``)."""
    if ev is None:
        return None
    headline = {
        label: f"{ev[key]:.4f}" if isinstance(ev[key], float) else ev[key]
        for key, label in HEADLINE_METRICS.items()
        if key in ev
    }
    divs: list[str] = []
    tables: list[dict[str, Any]] = []
    curve = ev.get("pr_curve") or []
    if curve:
        divs.append(
            plots.to_div(
                plots.pr_curve([p["precision"] for p in curve], [p["recall"] for p in curve])
            )
        )
    personas = ev.get("by_persona") or []
    for label, title, axis in (
        ("benign", "Benign false-positive rate by persona", "false-positive rate"),
        ("attack", "Attack recall by persona", "recall"),
    ):
        vals = {g["name"]: float(g["rate"]) for g in personas if g.get("label") == label}
        if vals:
            divs.append(plots.to_div(plots.persona_bars(vals, title=title, axis=axis)))
    if personas:
        tables.append(
            _table(
                "Personas",
                personas,
                ["name", "label", "accounts", "flagged", "rate", "exchange_rate"],
            )
        )
    camp = ev.get("campaigns") or {}
    if isinstance(camp, dict) and camp.get("campaigns"):
        tables.append(
            _table(
                "Campaign recovery",
                camp["campaigns"],
                ["truth_campaign", "accounts", "fragments", "purity", "completeness", "recovered"],
            )
        )
    replay = ev.get("replay") or {}
    rows = replay.get("campaigns") if isinstance(replay, dict) else None
    if rows:
        tables.append(_table("Time to detection (daily replay)", rows, list(rows[0])))
    return {"headline": headline, "plots": divs, "tables": tables}


HEADLINE_METRICS = {
    "precision": "precision",
    "recall": "recall",
    "f1": "F1",
    "benign_fpr": "benign FPR",
    "exchange_recall": "exchange-weighted recall",
    "average_precision": "average precision",
}


def _table(title: str, rows: list[dict[str, Any]], header: list[str]) -> dict[str, Any]:
    return {"title": title, "header": header, "rows": [[r.get(h) for h in header] for r in rows]}


def report_document(data: ReportData, summaries: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The report's content as one JSON document (what report.json holds)."""
    return {
        "format": "distillwatch.report/1",
        "version": __version__,
        "overview": data.overview,
        "campaigns": [
            {
                **v.row,
                "indicators": v.indicators,
                **summaries.get(v.row["campaign_id"], {}),
                "daily_volume": v.daily.to_pylist(),
                "links": v.links.to_pylist(),
            }
            for v in data.campaigns
        ],
        "flagged_accounts": [
            {**r, "summary": account_summary(r)} for r in data.accounts.to_pylist() if r["flagged"]
        ],
        "evaluation": data.evaluation,
        "corroboration": data.corroboration,
        "show_text": data.show_text,
        "truncated": data.truncated,
    }


def report_markdown(doc: dict[str, Any]) -> str:
    """The same content as Markdown, for tickets and e-mail."""
    ov = doc["overview"]
    lines = [
        "# distillwatch findings",
        "",
        f"- Period: {ov.get('period_start')} to {ov.get('period_end')}",
        f"- Exchanges analysed: {ov.get('events', ov.get('exchanges'))}",
        f"- Accounts scored: {ov['accounts']}, flagged: {ov['flagged_accounts']}",
        f"- Campaigns: {ov['campaigns']}; false-positive budget: {ov.get('fpr_budget')}",
        "",
        "## Campaigns",
        "",
        "| campaign | severity | score | accounts | exchanges | first seen | last seen | tactics |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for c in doc["campaigns"]:
        lines.append(
            f"| {c['campaign_id']} | {c['severity']} | {c['score']:.3f} | {c.get('accounts')} |"
            f" {c.get('exchanges')} | {c.get('first_seen')} | {c.get('last_seen')} |"
            f" {', '.join(c.get('tactics') or [])} |"
        )
    for c in doc["campaigns"]:
        lines += [
            "",
            f"### {c['campaign_id']}",
            "",
            c.get("summary", ""),
            "",
            f"Evidence bundle sha256: `{c.get('bundle_sha256')}`",
        ]
    lines += [
        "",
        "## Flagged accounts",
        "",
        "| account | severity | score | campaign | why |",
        "|---|---|---|---|---|",
    ]
    for a in doc["flagged_accounts"][:MAX_ACCOUNT_PAGES]:
        lines.append(
            f"| {a['account_id']} | {a['severity']} | {a['score']:.3f} |"
            f" {a.get('campaign_id') or ''} | {', '.join((a.get('reasons') or [])[:3])} |"
        )
    corro = doc.get("corroboration")
    if corro:
        lines += ["", "## Partner corroboration", "",
                  f"Strictest marking: TLP:{(corro.get('tlp') or 'unmarked').upper()}."
                  " Each row keeps its partner's TLP; share no further than it allows.", "",
                  "| partner | TLP | accounts corroborated | flagged | types | max confidence |",
                  "|---|---|---|---|---|---|"]
        lines += [f"| {p['partner']} | TLP:{(p['tlp'] or 'unmarked').upper()} | {p['accounts']} |"
                  f" {p['flagged']} | {', '.join(p['types'])} | {p['max_confidence']} |"
                  for p in corro["partners"]]
    ev = doc.get("evaluation")
    if ev:
        lines += ["", "## Evaluation", ""]
        lines += [f"- {label}: {ev[key]}" for key, label in HEADLINE_METRICS.items() if key in ev]
    return "\n".join(lines) + "\n"

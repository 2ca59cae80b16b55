"""Standalone, citable evidence bundles for a campaign (JSON + HTML with content hashes)."""

from __future__ import annotations

import hashlib
import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from distillwatch import __version__
from distillwatch.report.data import CampaignView, ReportData
from distillwatch.report.narrative import campaign_summary

BUNDLE_FORMAT = "distillwatch.evidence-bundle/1"


@dataclass(frozen=True)
class WrittenBundle:
    """Where a bundle was written and the SHA-256 of its canonical JSON body."""

    name: str
    json_path: Path
    html_path: Path
    sha256: str


def canonical_json(obj: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8: the bytes the content hash is taken over."""
    return json.dumps(
        obj, sort_keys=True, separators=(",", ":"), default=str, ensure_ascii=False
    ).encode("utf-8")


def campaign_bundle(data: ReportData, view: CampaignView) -> dict[str, Any]:
    """The evidence of one campaign as a plain JSON-able dict (no raw text unless shown)."""
    members = view.members.to_pylist()
    member_ids = {m["account_id"] for m in members}
    evidence = [e for a in sorted(member_ids) for e in data.evidence.get(a, [])]
    return {
        "format": BUNDLE_FORMAT,
        "producer": {"tool": "distillwatch", "version": __version__},
        "campaign": view.row,
        "summary": campaign_summary(view.row, view.indicators),
        "indicators": view.indicators,
        "members": members,
        "daily_volume": view.daily.to_pylist(),
        "templates": view.examples.to_pylist(),
        "links": view.links.to_pylist(),
        "infrastructure": view.infra.to_pylist(),
        "evidence": evidence,
        "run": data.run,
    }


def write_bundle(body: dict[str, Any], out_dir: Path, name: str) -> WrittenBundle:
    """Write ``name``.json (body + its sha256) and a static ``name``.html that cites the hash."""
    out_dir.mkdir(parents=True, exist_ok=True)
    raw = canonical_json(body)
    digest = hashlib.sha256(raw).hexdigest()
    envelope = {"sha256": digest, "hash_of": "canonical JSON of body", "body": body}
    json_path = out_dir / f"{name}.json"
    json_path.write_bytes(canonical_json(envelope))
    html_path = out_dir / f"{name}.html"
    html_path.write_text(_bundle_html(body, digest), encoding="utf-8")
    return WrittenBundle(name=name, json_path=json_path, html_path=html_path, sha256=digest)


def _rows_table(rows: list[dict[str, Any]], limit: int = 500) -> str:
    if not rows:
        return "<p>none</p>"
    cols = list(rows[0])
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in cols)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(r.get(c, '')))}</td>" for c in cols) + "</tr>"
        for r in rows[:limit]
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _bundle_html(body: dict[str, Any], digest: str) -> str:
    c = body["campaign"]
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Evidence bundle {html.escape(str(c['campaign_id']))}</title>",
        "<style>body{font:14px system-ui,sans-serif;margin:24px;max-width:1100px}"
        "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:3px 6px;"
        "font-size:12px}</style></head><body>",
        f"<h1>Evidence bundle: campaign {html.escape(str(c['campaign_id']))}</h1>",
        f"<p>Content hash (SHA-256 of the canonical JSON body): <code>{digest}</code></p>",
        f"<p>{html.escape(body['summary'])}</p>",
        "<h2>Campaign</h2>",
        _rows_table([c]),
        "<h2>Indicators</h2>",
        _rows_table(
            [
                {"kind": k, "values": ", ".join(map(str, v))}
                for k, v in body["indicators"].items()
                if v
            ]
        ),
        "<h2>Daily volume</h2>",
        _rows_table(body["daily_volume"]),
        "<h2>Templates</h2>",
        _rows_table(body["templates"]),
        "<h2>Links</h2>",
        _rows_table(body["links"]),
        "<h2>Accounts</h2>",
        _rows_table(body["members"]),
        "<h2>Evidence rows</h2>",
        _rows_table(
            [
                {
                    k: json.dumps(v, default=str) if isinstance(v, dict | list) else v
                    for k, v in e.items()
                }
                for e in body["evidence"]
            ]
        ),
        "</body></html>",
    ]
    return "".join(parts)

"""The report's "Partner corroboration" section, from detect's corroboration evidence rows."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from distillwatch.features.corroboration import corroboration_evidence
from distillwatch.report import load_report_data, write_report
from distillwatch.report.data import strictest_tlp
from distillwatch.schema import CORROBORATION_SCHEMA


def _row(acc: str, kind: str, partner: str, tlp: str | None, confidence: int | None) -> dict:
    return {"account_id": acc, "partner": partner, "indicator_type": kind,
            "confidence": confidence, "tlp": tlp, "bundle_id": f"bundle--{partner}",
            "indicator_id": f"indicator--{kind}", "partner_campaign": "harvest-7",
            "values_matched": 2, "keyed": True}


def _add_corroboration(fdir: Path) -> None:
    """Append the rows detect would write for this corroboration table to evidence.jsonl."""
    table = pa.Table.from_pylist([
        _row("cmp-alpha-acct0", "payment-fingerprint", "Lab Red", "red", 95),
        _row("cmp-alpha-acct0", "template-key", "Lab Green", "green", None),
        _row("cmp-alpha-acct1", "asn", "Lab Green", "green", 60),  # weak only
        _row("benign05", "ip", "Lab Green", "amber", 80),  # strong, not flagged here
        _row("benign06", "user-agent", "Lab Green", "green", 60),  # weak, unexplained: dropped
    ], schema=CORROBORATION_SCHEMA)
    features = pq.read_table(fdir / "accounts.parquet").select(["account_id"])
    explained = {"cmp-alpha-acct0", "cmp-alpha-acct1"}
    rows = corroboration_evidence(table, features, explained)
    with (fdir / "evidence.jsonl").open("a", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")


def test_index_and_account_pages_show_partners_with_tlp(
    findings_and_store: tuple[Path, Path], tmp_path: Path
) -> None:
    fdir, store = findings_and_store
    _add_corroboration(fdir)
    data = load_report_data(fdir, store=store)
    c = data.corroboration
    assert c["accounts_corroborated"] == 2  # acct0 and benign05; acct1 is weak only
    assert c["flagged_corroborated"] == 1 and c["tlp"] == "red"
    by_partner = {p["partner"]: p for p in c["partners"]}
    assert by_partner["Lab Red"]["tlp"] == "red" and by_partner["Lab Red"]["accounts"] == 1
    assert by_partner["Lab Green"]["tlp"] == "amber"  # strictest of green and amber
    assert by_partner["Lab Green"]["accounts"] == 2

    paths = write_report(data, tmp_path / "r")
    index = paths.index_html.read_text()
    section = index.split('id="corroboration"')[1].split("<h2")[0]
    assert "Partner corroboration" in index
    assert "<td>Lab Red</td><td class=\"tlp\">TLP:RED</td>" in section
    assert "<td>Lab Green</td><td class=\"tlp\">TLP:AMBER</td>" in section
    assert "benign05" in section and "benign06" not in section
    assert 'href="accounts/cmp-alpha-acct0.html"' in section

    page = (tmp_path / "r" / "accounts" / "cmp-alpha-acct0.html").read_text()
    part = page.split('id="partner-evidence"')[1]
    assert "Lab Red</td><td class=\"tlp\">TLP:RED" in part
    assert "payment-fingerprint" in part and ">95<" in part and "unstated" in part
    weak_page = (tmp_path / "r" / "accounts" / "cmp-alpha-acct1.html").read_text()
    assert "TLP:GREEN" in weak_page and ">weak<" in weak_page
    plain = (tmp_path / "r" / "accounts" / "cmp-alpha-acct2.html").read_text()
    assert "Partner corroboration" not in plain

    doc = json.loads(paths.json.read_text())
    assert doc["corroboration"]["tlp"] == "red"
    md = paths.markdown.read_text()
    assert "## Partner corroboration" in md and "| Lab Red | TLP:RED | 1 | 1 |" in md


def test_no_corroboration_rows_no_section(
    findings_and_store: tuple[Path, Path], tmp_path: Path
) -> None:
    fdir, store = findings_and_store
    paths = write_report(load_report_data(fdir, store=store), tmp_path / "r")
    assert "Partner corroboration" not in paths.index_html.read_text()
    assert "Partner corroboration" not in paths.markdown.read_text()


def test_strictest_tlp_orders_tlp2_levels() -> None:
    assert strictest_tlp(["green", "amber+strict", "amber"]) == "amber+strict"
    assert strictest_tlp([None, "clear"]) == "clear"
    assert strictest_tlp([None]) is None

import json
from pathlib import Path

import pytest

from distillwatch.exceptions import InputError
from distillwatch.report import load_report_data, write_report
from distillwatch.report.redact import redact_text


def test_report_writes_pages_bundles_markdown_and_json(
    findings_and_store: tuple[Path, Path], tmp_path: Path
) -> None:
    fdir, store = findings_and_store
    data = load_report_data(fdir, store=store)
    paths = write_report(data, tmp_path / "report")
    assert {p.name for p in paths.campaign_pages} == {"cmp-alpha.html", "cmp-beta.html"}
    assert len(paths.account_pages) == 11  # 10 campaign accounts + 1 flagged benign
    index = paths.index_html.read_text()
    assert "cmp-alpha" in index and "cmp-beta" in index
    assert "https://" not in index.split("<main>")[0]  # no CDN: plotly.js is local
    assert (paths.out_dir / "assets" / "plotly.min.js").stat().st_size > 1_000_000
    doc = json.loads(paths.json.read_text())
    assert doc["overview"]["events"] == 30 * 3
    assert [c["campaign_id"] for c in doc["campaigns"]] == ["cmp-alpha", "cmp-beta"]
    assert "cmp-alpha" in paths.markdown.read_text()


def test_bundle_hash_covers_body(findings_and_store: tuple[Path, Path], tmp_path: Path) -> None:
    import hashlib

    from distillwatch.report.bundle import canonical_json

    fdir, store = findings_and_store
    paths = write_report(load_report_data(fdir, store=store), tmp_path / "r")
    bundle = json.loads((tmp_path / "r" / "bundles" / "cmp-alpha.json").read_text())
    assert bundle["sha256"] == hashlib.sha256(canonical_json(bundle["body"])).hexdigest()
    assert len(bundle["body"]["members"]) == 6
    kinds = {r["kind"] for r in bundle["body"]["infrastructure"]}
    assert kinds == {"payment_fingerprints", "prefixes"}
    assert bundle["sha256"] in (tmp_path / "r" / "bundles" / "cmp-alpha.html").read_text()
    assert paths.bundles


def test_text_is_redacted_unless_asked(
    findings_and_store: tuple[Path, Path], tmp_path: Path
) -> None:
    fdir, store = findings_and_store
    write_report(load_report_data(fdir, store=store), tmp_path / "red")
    page = (tmp_path / "red" / "campaigns" / "cmp-alpha.html").read_text()
    assert "showing every step" not in page and "a@b.com" not in page
    write_report(load_report_data(fdir, store=store, show_text=True), tmp_path / "raw")
    page = (tmp_path / "raw" / "campaigns" / "cmp-alpha.html").read_text()
    assert "showing every step" in page


def test_redact_masks_numbers_emails_and_tokens() -> None:
    out = redact_text("Call 555-1234 or mail bob@corp.com key sk_live_abcdefghijklmnopqrstuvwx")
    assert "555" not in out and "bob@corp.com" not in out and "abcdefghijkl" not in out


def test_missing_findings_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"accounts\.parquet"):
        load_report_data(tmp_path)


def test_evaluation_section_from_evaluate(
    findings_and_store: tuple[Path, Path], tmp_path: Path
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from distillwatch.evaluate import evaluate_findings

    fdir, store = findings_and_store
    accts = pq.read_table(fdir / "accounts.parquet").column("account_id").to_pylist()
    truth = pa.table(
        {
            "account_id": accts,
            "label": ["attack" if a.startswith("cmp-") else "benign" for a in accts],
            "campaign_id": [a.rsplit("-", 1)[0] if a.startswith("cmp-") else None for a in accts],
            "persona": ["hydra" if a.startswith("cmp-") else "chat_app" for a in accts],
        }
    )
    pq.write_table(truth, tmp_path / "truth.parquet")
    evaluation = evaluate_findings(fdir, tmp_path / "truth.parquet").to_dict()
    paths = write_report(load_report_data(fdir, store=store, evaluation=evaluation), tmp_path / "r")
    index = paths.index_html.read_text()
    assert "Evaluation against ground truth" in index and "Campaign recovery" in index
    md = paths.markdown.read_text()
    assert "- precision: 0.909" in md  # 10 attack accounts flagged + 1 benign of 20
    assert "- benign FPR: 0.05" in md

"""detect with partners' corroboration (STORE/intel/corroboration.parquet) as a signal."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from distillwatch.findings import read_findings
from distillwatch.pipeline.config import DetectConfig
from distillwatch.pipeline.detect import detect
from distillwatch.schema import CORROBORATION_SCHEMA
from distillwatch.scoring.rules import load_rules

NO_LINKS = DetectConfig(linkage=False)
# benign, long-standing customers: nothing of their own flags them
PAYMENT = "acct-chat_app-00"  # a partner's campaign used its payment instrument
SHARED = "acct-chat_app-01"  # template, e-mail domain, /24: three strong types, no payment/IP
TEMPLATE = "acct-chat_app-02"  # template only: an eval harness may share benchmark templates
WEAK = "acct-chat_app-03"  # ASN + user agent only: whole clouds share them


def _row(acc: str, kind: str, *, partner: str = "Provider A", confidence: int | None = 92,
         tlp: str | None = "amber+strict") -> dict:
    return {"account_id": acc, "partner": partner, "indicator_type": kind,
            "confidence": confidence, "tlp": tlp, "bundle_id": f"bundle--{partner[-1]}",
            "indicator_id": f"indicator--{kind}", "partner_campaign": "campaign 7",
            "values_matched": 1, "keyed": kind not in ("asn", "user-agent")}


def _corroborate(store: Path, rows: list[dict]) -> None:
    (store / "intel").mkdir(exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=CORROBORATION_SCHEMA),
                   store / "intel" / "corroboration.parquet")


@pytest.fixture(scope="module")
def baseline(synthetic_store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("base") / "f"
    detect(synthetic_store[0], out, config=NO_LINKS)
    return out


def _scores(findings: Path) -> dict[str, dict]:
    return {r["account_id"]: r for r in read_findings(findings).accounts.to_pylist()}


def test_no_corroboration_file_gives_the_findings_of_the_rules_without_intel(
    synthetic_store, baseline: Path, tmp_path: Path
) -> None:
    # the rule set as it was before the intel rules: everything but intel.*
    builtin = Path(__file__).parents[2] / "src/distillwatch/scoring/rules/default.toml"
    data = tomllib.loads(builtin.read_text(encoding="utf-8"))
    lines = builtin.read_text(encoding="utf-8").split("# ---- partners' intel")[0]
    assert len(data["rules"]) > len(tomllib.loads(lines)["rules"])
    old = tmp_path / "old.toml"
    old.write_text(lines, encoding="utf-8")
    detect(synthetic_store[0], tmp_path / "old", config=DetectConfig(linkage=False,
                                                                     rules=str(old)))
    for name in ("accounts.parquet", "features.parquet"):
        assert (tmp_path / "old" / name).read_bytes() == (baseline / name).read_bytes(), name
    # evidence is the same but for where each rule came from (a file path, not <builtin>)
    def rows(d: Path) -> list[dict]:
        return [{**e, "rule_source": e["rule_source"].rsplit(":", 1)[1]}
                for e in read_findings(d).evidence]
    assert rows(tmp_path / "old") == rows(baseline)


def test_corroborated_accounts_score_higher_weak_matches_never_flag(
    synthetic_store, baseline: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    shutil.copytree(synthetic_store[0], store)
    rows = [
        _row(PAYMENT, "payment-fingerprint"),
        _row(PAYMENT, "payment-fingerprint", partner="Provider C", confidence=70, tlp="green"),
        _row(PAYMENT, "asn"),  # weak, beside a strong match: adds a little
        _row(SHARED, "template-key"),
        _row(SHARED, "email-domain"),
        _row(SHARED, "ip-prefix"),
        _row(TEMPLATE, "template-key"),
        _row(WEAK, "asn", confidence=100),
        _row(WEAK, "user-agent", confidence=100),
        _row("acct-unknown-99", "ip"),  # not in our window: ignored
    ]
    _corroborate(store, rows)
    res = detect(store, tmp_path / "f", config=NO_LINKS)
    before, after = _scores(baseline), _scores(tmp_path / "f")
    for acc in (PAYMENT, SHARED, TEMPLATE, WEAK):
        assert not before[acc]["flagged"]
    for acc in (PAYMENT, SHARED, TEMPLATE):
        assert after[acc]["score"] > before[acc]["score"], acc
    assert after[PAYMENT]["flagged"] and after[PAYMENT]["reasons"][0] == "intel.corroborated"
    assert {"intel.partners", "intel.infrastructure"} <= set(after[PAYMENT]["reasons"])
    assert after[SHARED]["flagged"]
    assert after[SHARED]["reasons"][0] == "intel.corroborated_types"
    # one shareable type, or weak types alone, never flag a clean account
    assert not after[TEMPLATE]["flagged"]
    # weak types alone add nothing at all: the account keeps its score
    assert after[WEAK]["score"] == before[WEAK]["score"]
    # accounts without a strong match keep their score
    for acc, row in before.items():
        if acc not in (PAYMENT, SHARED, TEMPLATE):
            assert after[acc]["score"] == row["score"], acc
    assert res.run["rules"]["version"] == load_rules().version
    info = res.run["corroboration"]
    assert info["accounts_strong"] == 3 and info["accounts_weak_only"] == 1
    assert info["partners"] == ["Provider A", "Provider C"]

    ev = [e for e in read_findings(tmp_path / "f").evidence if e["kind"] == "corroboration"]
    mine = [e for e in ev if e["account_id"] == PAYMENT]
    assert {(e["partner"], e["tlp"], e["confidence"]) for e in mine} == {
        ("Provider A", "amber+strict", 92), ("Provider C", "green", 70)}
    assert len(mine) == 3
    assert [e["indicator_type"] for e in mine] == ["payment-fingerprint"] * 2 + ["asn"]
    assert [e["strength"] for e in mine] == ["strong", "strong", "weak"]
    assert "TLP:AMBER+STRICT" in mine[0]["reason"]
    # weak-only rows of an account nobody explains stay in the store's table
    assert not [e for e in ev if e["account_id"] == WEAK]
    assert not [e for e in ev if e["account_id"] == "acct-unknown-99"]
    feats = read_findings(tmp_path / "f").features
    assert feats is not None
    f = {r["account_id"]: r for r in feats.to_pylist()}
    assert f[PAYMENT]["corroborated_strong"] == 1 and f[PAYMENT]["corroboration_partners"] == 2
    assert f[WEAK]["corroborated_weak"] == 2 and f[WEAK]["corroborated_strong"] == 0
    assert f["acct-student-00"]["corroboration_score"] == 0.0


def test_weak_matches_alone_change_no_score_even_on_every_account(
    synthetic_store, baseline: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    shutil.copytree(synthetic_store[0], store)
    before = _scores(baseline)
    _corroborate(store, [_row(a, k, confidence=100, partner=p)
                         for a in before for k in ("asn", "user-agent")
                         for p in ("Provider A", "Provider B", "Provider C")])
    detect(store, tmp_path / "f", config=NO_LINKS)
    after = _scores(tmp_path / "f")
    assert {a: r["score"] for a, r in after.items()} == {a: r["score"] for a, r in before.items()}
    assert {a: r["severity"] for a, r in after.items()} == {
        a: r["severity"] for a, r in before.items()}


def test_two_providers_b_detect_finds_the_campaign_after_import(tmp_path: Path) -> None:
    """docs/intel.md walkthrough: B's own detect misses the campaign; after importing A's
    bundle its detect flags the attackers, and neither weak (ASN/UA) nor template-only
    (benign evaluation harness) matches flag anyone."""
    from typer.testing import CliRunner

    from distillwatch.cli import app
    from distillwatch.intel.scenario import build, recall

    a, b = build(tmp_path / "two", attackers=30, benign=100)
    run = CliRunner().invoke
    key, bundle = tmp_path / "k.key", tmp_path / "a.json"
    assert run(app, ["intel", "keygen", "--group", "g", "--out", str(key)]).exit_code == 0
    r = run(app, ["intel", "export", str(a.findings), "--out", str(bundle), "-k", str(key),
                  "--store", str(a.store), "--producer", "Provider A"])
    assert r.exit_code == 0, r.output
    own = detect(b.store, tmp_path / "own", config=NO_LINKS)
    r = run(app, ["intel", "import", str(bundle), "--store", str(b.store), "-k", str(key)])
    assert r.exit_code == 0, r.output
    after = detect(b.store, tmp_path / "after", config=NO_LINKS)

    def flagged(res) -> set[str]:
        acc = res.accounts
        return {x for x, f in zip(acc.column("account_id").to_pylist(),
                                  acc.column("flagged").to_pylist(), strict=True) if f}

    rb, ra = recall(flagged(own), b.truth), recall(flagged(after), b.truth)
    assert rb["recall"] < 0.5
    assert ra["recall"] >= 0.9 and ra["false_positives"] == 0
    info = after.run["corroboration"]
    assert info["accounts_weak_only"] > 0 and info["partners"] == ["Provider A"]

"""One campaign, two providers: A detects and exports, B imports and finds what it missed."""

import json

import pyarrow.parquet as pq
from typer.testing import CliRunner

from distillwatch.cli import app
from distillwatch.intel.scenario import recall

runner = CliRunner()


def _run(*args):
    result = runner.invoke(app, list(map(str, args)), catch_exceptions=False)
    return result


def test_provider_b_recovers_the_campaign_from_a_bundle(providers, tmp_path):
    a, b = providers
    key = tmp_path / "llm-labs.key"
    r = _run("intel", "keygen", "--group", "llm-labs", "--out", key, "--json")
    assert r.exit_code == 0, r.output
    bundle = tmp_path / "provider-a.json"
    r = _run("intel", "export", a.findings, "--out", bundle, "--key-file", key, "--store",
             a.store, "--producer", "Provider A", "--tlp", "amber+strict", "--json")
    assert r.exit_code == 0, r.output
    exported = json.loads(r.stdout)
    assert exported["validator_warnings"] == 0 and exported["pss"]

    r = _run("intel", "import", bundle, "--store", b.store, "--key-file", key, "--findings",
             b.findings, "--json")
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout)
    assert summary["accepted"][0]["producers"] == ["Provider A"]
    match = summary["match"]
    assert match["campaigns"][0]["partners"] == ["Provider A"]
    assert match["campaigns"][0]["tlp"] == "amber+strict"

    before = set(pq.read_table(b.findings / "accounts.parquet").column("account_id").to_pylist())
    after = before | set(match["corroborated_accounts"])
    rb, ra = recall(before, b.truth), recall(after, b.truth)
    assert rb["recall"] < 0.5
    assert ra["recall"] >= 0.9
    assert ra["precision"] >= 0.85

    table = pq.read_table(b.store / "intel" / "corroboration.parquet")
    assert {"account_id", "partner", "indicator_type", "confidence", "tlp", "bundle_id"} <= set(
        table.column_names
    )
    assert set(table.column("tlp").to_pylist()) == {"amber+strict"}

    # `intel match` alone reproduces the same table from the stored bundle
    r = _run("intel", "match", "--store", b.store, "--key-file", key, "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["rows"] == table.num_rows


def test_without_the_group_key_only_raw_indicators_match(providers, tmp_path):
    a, b = providers
    key_a = tmp_path / "a.key"
    key_other = tmp_path / "other.key"
    _run("intel", "keygen", "--group", "llm-labs", "--out", key_a)
    _run("intel", "keygen", "--group", "elsewhere", "--out", key_other)
    bundle = tmp_path / "a.json"
    assert _run("intel", "export", a.findings, "--out", bundle, "-k", key_a, "--store",
                a.store).exit_code == 0
    store = tmp_path / "b-store"
    import shutil

    shutil.copytree(b.store, store)
    shutil.rmtree(store / "intel", ignore_errors=True)
    r = _run("intel", "import", bundle, "--store", store, "-k", key_other, "--json")
    m = json.loads(r.stdout)["match"]
    assert m["unknown_key_ids"] and m["unknown_key_ids"][0].startswith("llm-labs-")
    types = set(m["rows_by_type"])
    assert types <= {"ip", "ip-prefix", "asn", "user-agent"}  # hosting IPs, ASNs, UAs are raw


def test_rejected_bundle_exits_2_and_names_the_file(providers, tmp_path):
    _, b = providers
    bad = tmp_path / "partner.json"
    bad.write_text('{"type": "bundle", "objects": 3}')
    r = _run("intel", "import", bad, "--store", b.store, "--no-match")
    assert r.exit_code == 2
    assert "partner.json" in r.output and "rejected" in r.output


def test_every_intel_command_has_an_example():
    import typer.main

    group = typer.main.get_group(app)
    intel = group.commands["intel"]
    names = set(intel.commands)  # type: ignore[attr-defined]
    assert {"keygen", "export", "import", "match", "push", "pull", "pss-check"} <= names
    for name in names:
        doc = intel.commands[name].help or ""  # type: ignore[attr-defined]
        assert "Example: distillwatch intel " + name in doc, name

"""detect end to end on a small synthetic store: flags, evidence, determinism, engines."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from distillwatch.cli import app
from distillwatch.evaluate import evaluate_findings
from distillwatch.exceptions import InputError, StoreError
from distillwatch.findings import read_findings
from distillwatch.pipeline.config import DetectConfig
from distillwatch.pipeline.detect import detect

NO_LINKS = DetectConfig(linkage=False)


def test_detect_flags_harvesters_not_hard_negatives(synthetic_store, tmp_path: Path) -> None:
    store, truth = synthetic_store
    result = detect(store, tmp_path / "f", config=NO_LINKS)
    ev = evaluate_findings(read_findings(tmp_path / "f"), truth)
    assert ev.recall == 1.0
    assert ev.false_positives == 0  # eval harness and students stay below the flag
    harness = {g.name: g for g in ev.by_persona}["eval_harness"]
    assert harness.flagged == 0
    assert result.run["linkage"]["status"] == "disabled"
    assert result.run["thresholds"]["medium"] >= 0.5


def test_findings_carry_reasons_and_evidence(synthetic_store, tmp_path: Path) -> None:
    store, _ = synthetic_store
    detect(store, tmp_path / "f", config=NO_LINKS)
    f = read_findings(tmp_path / "f")
    top = f.accounts.to_pylist()[0]
    assert top["account_id"].startswith("acct-cot_harvest")
    assert top["reasons"][0].startswith("intent.")
    rows = [e for e in f.evidence if e["account_id"] == top["account_id"]]
    assert [e["rule"] for e in rows] == top["reasons"]
    intent = next(e for e in rows if e["rule"] == "intent.cot")
    examples = intent["support"]["intent"]
    assert len(examples) == 3 and all(x["intent_score"] >= 0.7 for x in examples)
    tpl = next(e for e in rows if e["rule"] == "automation.slot_filling")
    assert tpl["support"]["templates"][0]["example_event_key"]
    assert f.features is not None and f.features.num_rows == f.accounts.num_rows
    benign = [e for e in f.evidence if e["account_id"].startswith("acct-chat_app")]
    assert benign == []


def test_detect_is_deterministic(synthetic_store, tmp_path: Path) -> None:
    store, _ = synthetic_store
    detect(store, tmp_path / "a", config=NO_LINKS)
    detect(store, tmp_path / "b", config=NO_LINKS)
    for name in ("accounts.parquet", "features.parquet", "evidence.jsonl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_detect_with_linkage_is_deterministic_and_timed(synthetic_store, tmp_path: Path) -> None:
    # float sums are fixed-point in the engine, so thread order cannot move a last bit
    store, _ = synthetic_store
    runs = [detect(store, tmp_path / name).run for name in ("a", "b")]
    for name in ("accounts.parquet", "features.parquet", "links.parquet",
                 "campaigns.parquet", "evidence.jsonl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    linkage = runs[0]["linkage"]
    assert linkage["status"] == "ok"
    assert {"candidates", "communities"} <= set(linkage["cpu_seconds"])
    assert all(v >= 0 for v in linkage["cpu_seconds"].values())


def test_detect_window_and_run_record(synthetic_store, tmp_path: Path) -> None:
    store, _ = synthetic_store
    since = datetime(2026, 3, 4, tzinfo=UTC)
    result = detect(store, tmp_path / "w", config=NO_LINKS, since=since)
    first = result.accounts.column("first_seen").to_pylist()
    assert min(first) >= since
    run = json.loads((tmp_path / "w" / "run.json").read_text())
    assert run["window"]["since"].startswith("2026-03-04")
    assert run["rules"]["name"] == "default"
    assert "model.supervised" in run["silent_rules"]
    # the release of m-large-2 is found over the whole store, not only the window
    assert [r["model"] for r in run["releases"]] == ["m-large-2"]
    # CPU seconds per stage beside the wall seconds (the process's CPU, engine threads too)
    assert set(run["timings_cpu_s"]) == set(run["timings_s"]) >= {"features", "evidence"}
    assert all(v >= 0 for v in run["timings_cpu_s"].values())


def test_detect_errors_name_the_problem(tmp_path: Path, synthetic_store) -> None:
    with pytest.raises(StoreError):
        detect(tmp_path / "nowhere", tmp_path / "f", config=NO_LINKS)
    store, _ = synthetic_store
    with pytest.raises(InputError, match="no events"):
        detect(store, tmp_path / "f", config=NO_LINKS,
               since=datetime(2030, 1, 1, tzinfo=UTC))


def test_cli_detect_train_evaluate(synthetic_store, tmp_path: Path) -> None:
    store, truth = synthetic_store
    runner = CliRunner()
    out = tmp_path / "f"
    r = runner.invoke(app, ["detect", str(store), "--out", str(out), "--json",
                            "--fail-on", "high"])
    assert r.exit_code == 1, r.output  # harvesters reach 'high': --fail-on trips
    assert json.loads(r.stdout)["counts"]["flagged"] == 9
    model = tmp_path / "model.json"
    r = runner.invoke(app, ["train", "--data", f"{out}={truth}", "--out", str(model), "--json"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["detect", str(store), "--out", str(tmp_path / "m"),
                            "--model", str(model), "--json"])
    assert r.exit_code == 0, r.output
    f = read_findings(tmp_path / "m")
    assert f.features is not None and "model_score" in f.features.column_names
    scores = np.asarray(f.features.column("model_score"))
    assert scores.max() > 0.9
    r = runner.invoke(app, ["evaluate", str(tmp_path / "m"), "--truth", str(truth),
                            "--out", str(tmp_path / "eval.json")])
    assert r.exit_code == 0, r.output
    saved = json.loads((tmp_path / "eval.json").read_text())
    assert saved["recall"] == 1.0 and saved["benign_fpr"] == 0.0
    r = runner.invoke(app, ["detect", str(store), "--out", str(out), "--fail-on", "bogus"])
    assert r.exit_code != 0


@pytest.mark.spark
def test_spark_and_duckdb_agree(synthetic_store, tmp_path: Path) -> None:
    pytest.importorskip("pyspark")
    store, _ = synthetic_store
    detect(store, tmp_path / "duck", config=NO_LINKS)
    detect(store, tmp_path / "spark", config=NO_LINKS.model_copy(update={"engine": "spark"}))
    a = pq.read_table(tmp_path / "duck" / "features.parquet")
    b = pq.read_table(tmp_path / "spark" / "features.parquet")
    assert a.schema == b.schema
    for name in a.column_names:
        x, y = a.column(name).to_pylist(), b.column(name).to_pylist()
        if isinstance(x[0], float):
            np.testing.assert_allclose(np.array(x, float), np.array(y, float), rtol=1e-9,
                                       err_msg=name)
        else:
            assert x == y, name
    da = read_findings(tmp_path / "duck")
    sp = read_findings(tmp_path / "spark")
    assert da.accounts.drop(["score"]).equals(sp.accounts.drop(["score"]))
    np.testing.assert_allclose(da.accounts.column("score"), sp.accounts.column("score"),
                               atol=1e-9)
    assert da.evidence == sp.evidence


def test_cli_evaluate_replay_daily(synthetic_store, tmp_path: Path) -> None:
    store, truth = synthetic_store
    cfg = tmp_path / "settings.toml"
    cfg.write_text("[detect]\nlinkage = false\n")
    runner = CliRunner()
    r = runner.invoke(app, ["detect", str(store), "--out", str(tmp_path / "f"), "--config",
                            str(cfg), "--json"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["evaluate", str(tmp_path / "f"), "--truth", str(truth), "--json",
                            "--replay", "daily", "--store", str(store), "--config", str(cfg)])
    assert r.exit_code == 0, r.output
    replay = json.loads(r.stdout)["replay"]
    assert len(replay["days"]) == 6
    by = {c["truth_campaign"]: c for c in replay["campaigns"]}
    # both harvesting tactics are flagged on their first day, before their later exchanges
    assert by["camp-cot_harvest"]["days_to_flag"] == 0
    assert by["camp-synth_farm"]["days_to_flag"] == 0
    assert by["camp-cot_harvest"]["exchanges_before_flag"] < by["camp-cot_harvest"][
        "exchanges_total"]
    r = runner.invoke(app, ["evaluate", str(tmp_path / "f"), "--truth", str(truth),
                            "--replay", "hourly", "--store", str(store)])
    assert r.exit_code != 0

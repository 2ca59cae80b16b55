"""The output contract: exact schemas, time order, determinism, JSONL, CLI."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from distillwatch.schema import ACCOUNT_SCHEMA, EVENT_SCHEMA, TRUTH_SCHEMA
from distillwatch.simulate import SimulationReport, simulate
from distillwatch.simulate.describe import describe

RunSim = Callable[..., tuple[Path, SimulationReport]]

DEMO = {"scale": 0.1, "days": 3, "seed": 5}


def test_files_match_the_contract_exactly(run_sim: RunSim) -> None:
    out, rep = run_sim("demo", **DEMO)
    parts = sorted((out / "events").glob("part-*.parquet"))
    assert parts
    for p in parts:
        assert pq.read_schema(p).equals(EVENT_SCHEMA)
    assert pq.read_schema(out / "accounts.parquet").equals(ACCOUNT_SCHEMA)
    assert pq.read_schema(out / "truth.parquet").equals(TRUTH_SCHEMA)
    events = pq.read_table(out / "events")
    truth = pq.read_table(out / "truth.parquet")
    accounts = pq.read_table(out / "accounts.parquet")
    assert events.num_rows == rep.events
    assert set(events.column("account_id").to_pylist()) <= set(truth.column("account_id")
                                                               .to_pylist())
    assert truth.column("account_id").to_pylist() == accounts.column("account_id").to_pylist()
    labels = truth.column("label").to_pylist()
    assert set(labels) == {"benign", "attack"}
    assert labels.count("attack") == rep.attack_accounts
    ts = events.column("ts").to_numpy()
    assert (ts[1:] >= ts[:-1]).all(), "events are time-ordered"
    assert len(set(events.column("request_id").to_pylist())) == events.num_rows
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["events"] == rep.events and manifest["seed"] == 5
    assert (out / "scenario.yaml").read_text().startswith("name: demo")
    # account ids, IPs and keys must not leak the label
    assert not any("attack" in a for a in truth.column("account_id").to_pylist())


def test_same_seed_same_bytes_other_seed_differs(run_sim: RunSim, tmp_path: Path) -> None:
    out, _ = run_sim("demo", **DEMO)
    again = tmp_path / "again"
    simulate("demo", again, **DEMO)  # type: ignore[arg-type]
    files = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file()
                   and p.name != "describe.html")
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for f in files:
        assert (out / f).read_bytes() == (again / f).read_bytes(), f
    other = tmp_path / "other"
    simulate("demo", other, scale=0.1, days=3, seed=6)
    assert (other / "truth.parquet").read_bytes() != (out / "truth.parquet").read_bytes()


def test_parts_written_in_parallel_are_ordered_and_identical(tmp_path: Path) -> None:
    runs = []
    for name in ("a", "b"):
        simulate("demo", tmp_path / name, scale=0.05, days=2, seed=2, rows_per_file=1_000)
        runs.append(sorted((tmp_path / name / "events").glob("*.parquet")))
    assert len(runs[0]) > 3
    for x, y in zip(*runs, strict=True):
        assert x.read_bytes() == y.read_bytes()
    ts = pq.read_table(tmp_path / "a" / "events").column("ts").to_numpy()
    assert (ts[1:] >= ts[:-1]).all()
    assert pq.read_metadata(runs[0][0]).num_rows == 1_000


def test_jsonl_format(tmp_path: Path) -> None:
    rep = simulate("demo", tmp_path, scale=0.05, days=1, seed=1, fmt="jsonl")
    with gzip.open(tmp_path / "events.jsonl.gz", "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    assert len(rows) == rep.events
    assert {k for r in rows for k in r} <= set(EVENT_SCHEMA.names)
    datetime.fromisoformat(rows[0]["ts"].replace("Z", "+00:00"))
    acc = [json.loads(x) for x in (tmp_path / "accounts.jsonl").read_text().splitlines()]
    truth = [json.loads(x) for x in (tmp_path / "truth.jsonl").read_text().splitlines()]
    assert len(acc) == len(truth) == rep.accounts
    assert {r["label"] for r in truth} <= {"benign", "attack"}


def test_refuses_to_overwrite(run_sim: RunSim) -> None:
    from distillwatch.exceptions import ScenarioError

    out, _ = run_sim("demo", **DEMO)
    with pytest.raises(ScenarioError, match="already holds"):
        simulate("demo", out, **DEMO)  # type: ignore[arg-type]


def test_alibaba_scale_exchanges_are_exact(run_sim: RunSim) -> None:
    out, rep = run_sim("alibaba-scale", scale=0.001, seed=1)
    ev = pq.read_table(out / "events", columns=["account_id", "status"])
    truth = pq.read_table(out / "truth.parquet").to_pandas()
    df = ev.to_pandas().merge(truth, on="account_id")
    attack = df[(df.label == "attack") & (df.status != 403)]
    assert len(attack) == 28_800  # 28.8M x 0.001, ban retries (403) aside
    assert (truth.label == "attack").sum() == 25
    assert rep.days == 44


def test_describe_and_cli(run_sim: RunSim, tmp_path: Path) -> None:
    out, rep = run_sim("demo", **DEMO)
    desc = describe(out, html=tmp_path / "d.html")
    personas = {r["persona"] for r in desc.rows}
    assert "hydra_cot_harvest" in personas and "small_developer" in personas
    assert sum(r["events"] for r in desc.rows) == rep.events
    html = (tmp_path / "d.html").read_text()
    assert "plotly" in html and len(html) > 1_000_000  # plotly.js embedded: works offline
    cli = [sys.executable, "-m", "distillwatch.cli", "simulate"]
    res = subprocess.run([*cli, "--describe", str(out), "--json"], capture_output=True,
                         text=True, check=True)
    assert json.loads(res.stdout)["rows"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nbenign: []\ncampains: []\n")
    res = subprocess.run([*cli, "--scenario", str(bad), "--out", str(tmp_path / "o")],
                         capture_output=True, text=True)
    assert res.returncode == 2
    assert "campains" in res.stderr and "unknown key" in res.stderr

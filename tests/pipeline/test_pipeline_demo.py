"""The README's main job end to end, small: simulate -> ingest -> detect -> evaluate -> replay
-> report, through the library call the `demo` command makes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from distillwatch.exceptions import InputError
from distillwatch.pipeline.demo import STAGES, run_demo


def test_demo_runs_every_stage_and_reports(tmp_path: Path) -> None:
    seen: list[str] = []
    result = run_demo(tmp_path / "w", scale=0.05, seed=2,
                      progress=lambda stage, *_: seen.append(stage))
    assert [s for s in STAGES if s in seen] == list(STAGES)
    summary = result.summary()
    assert summary["events"] == summary["simulated_events"] > 0
    assert summary["truth_campaigns"] >= 1
    assert 0.0 <= summary["benign_fpr"] <= 1.0
    replay = result.evaluation["replay"]
    assert replay["days"] and len(replay["campaigns"]) == summary["truth_campaigns"]
    index = result.report_index.read_text(encoding="utf-8")
    assert "Time to detection (daily replay)" in index
    doc = json.loads((result.report_index.parent / "report.json").read_text(encoding="utf-8"))
    assert doc["overview"]["accounts"] == summary["accounts"]


def test_demo_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / "keep.txt").write_text("earlier results")
    with pytest.raises(InputError, match="--force"):
        run_demo(tmp_path / "w", scale=0.05)
    assert (tmp_path / "w" / "keep.txt").exists()

"""detect with the link graph built beside the feature stage (``[detect] overlap_stages``)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from distillwatch.exceptions import ConfigError, DistillwatchError, InputError
from distillwatch.pipeline.config import DetectConfig
from distillwatch.pipeline.detect import detect

FINDINGS = ("accounts.parquet", "features.parquet", "links.parquet", "campaigns.parquet",
            "evidence.jsonl")


def test_overlap_gives_the_findings_of_the_sequential_order(
    synthetic_store, tmp_path: Path
) -> None:
    store, _ = synthetic_store
    on = detect(store, tmp_path / "on", config=DetectConfig(overlap_stages=True))
    off = detect(store, tmp_path / "off", config=DetectConfig(overlap_stages=False))
    assert on.campaigns.num_rows > 0  # the store's harvesters are linked: something to compare
    for name in FINDINGS:
        assert (tmp_path / "on" / name).read_bytes() == (tmp_path / "off" / name).read_bytes()
    assert on.run["linkage"]["stats"] == off.run["linkage"]["stats"]


def test_run_json_reports_overlapped_and_sequential_timings(
    synthetic_store, tmp_path: Path
) -> None:
    store, _ = synthetic_store
    detect(store, tmp_path / "on", config=DetectConfig(overlap_stages=True))
    detect(store, tmp_path / "off", config=DetectConfig(overlap_stages=False))
    on = json.loads((tmp_path / "on" / "run.json").read_text())
    off = json.loads((tmp_path / "off" / "run.json").read_text())
    ov = on["overlap"]
    assert ov["enabled"] is True and ov["stages"] == ["features", "scores", "links"]
    assert {"features", "scores", "links", "campaigns"} <= set(on["timings_s"])
    # process CPU of the overlapped stages is one figure, the others stay per stage
    assert "features+scores+links" in on["timings_cpu_s"]
    assert "features" not in on["timings_cpu_s"]
    assert set(ov["thread_cpu_s"]) == {"links", "scores"}
    assert ov["wall_s"] >= ov["links_wait_s"] >= 0
    assert on["linkage"]["cpu_clock"] == "process (overlapped)"
    assert off["overlap"] == {"enabled": False}
    assert set(off["timings_cpu_s"]) == set(off["timings_s"]) >= {"features", "links",
                                                                  "campaigns"}
    assert on["process_cpu_s"] > 0 and off["process_cpu_s"] > 0


@pytest.mark.parametrize("overlap", [True, False])
def test_errors_are_the_same_with_and_without_overlap(
    synthetic_store, tmp_path: Path, overlap: bool
) -> None:
    store, _ = synthetic_store
    bad = tmp_path / "linkage.toml"
    bad.write_text("[campaign]\nno_such_key = 1\n")
    # a linkage config error is raised by the link graph (the second thread when overlapped)
    with pytest.raises(DistillwatchError) as err:
        detect(store, tmp_path / "f", config=DetectConfig(overlap_stages=overlap,
                                                          linkage_config=str(bad)))
    assert isinstance(err.value, ConfigError)
    assert "no_such_key" in str(err.value)
    # an error of the first thread wins, as in order (the graph is never waited for)
    with pytest.raises(InputError, match="no events"):
        detect(store, tmp_path / "g", config=DetectConfig(overlap_stages=overlap),
               since=datetime(2030, 1, 1, tzinfo=UTC))


def test_overlap_setting_rejects_unknown_keys() -> None:
    with pytest.raises(ValueError, match="overlap_stage"):
        DetectConfig.model_validate({"overlap_stage": True})

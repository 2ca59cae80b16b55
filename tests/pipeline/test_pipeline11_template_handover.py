"""detect with the (account, template) aggregate run once by the feature stage and handed to
linkage writes the findings of a run where each stage groups the events itself (null
template and item keys, a time window); without linkage the feature stage's own roll-up."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

from distillwatch.features import account as account_mod
from distillwatch.pipeline import detect as detect_mod
from distillwatch.pipeline.config import DetectConfig
from distillwatch.pipeline.detect import detect
from tests_support import null_where

START = datetime(2026, 3, 2, tzinfo=UTC)  # the synthetic store's first day (conftest)
TEMPLATE_FEATURES = ["account_id", "sketched", "templates", "top_template_share", "distinct_items",
                     "items_per_template", "repeat_rate"]
FINDINGS = ("accounts.parquet", "features.parquet", "links.parquet", "campaigns.parquet",
            "evidence.jsonl")


@pytest.fixture(scope="module")
def store_with_null_keys(synthetic_store: tuple[Path, Path],
                         tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the synthetic store with ~5% of template keys and ~10% of item keys null."""
    root = tmp_path_factory.mktemp("fusion11") / "store"
    shutil.copytree(synthetic_store[0], root)
    rng = np.random.default_rng(3)
    for f in sorted((root / "events").rglob("*.parquet")):
        t = pq.read_table(f)
        n = t.num_rows
        no_t = rng.random(n) < 0.05
        no_i = rng.random(n) < 0.10
        t = null_where(t, {"template_key": no_t, "template_key64": no_t,
                           "item_key": no_i, "item_key64": no_i})
        pq.write_table(t, f)
    return root


@pytest.mark.parametrize("window", [False, True], ids=["all", "window"])
def test_findings_with_the_handed_aggregate_equal_each_stage_grouping_itself(
    store_with_null_keys: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, window: bool,
) -> None:
    since, until = ((START + timedelta(days=1), START + timedelta(days=4)) if window
                    else (None, None))
    cfg = DetectConfig(overlap_stages=False)
    rolled: list[int] = []
    real = account_mod.template_usage_from
    monkeypatch.setattr(account_mod, "template_usage_from",
                        lambda *a, **k: rolled.append(1) or real(*a, **k))
    handed = detect(store_with_null_keys, tmp_path / "handed", since=since, until=until,
                    config=cfg)
    assert rolled == [1]  # the feature stage rolled up from linkage's aggregate
    monkeypatch.setattr(detect_mod, "_template_groups", lambda *a: None)
    own = detect(store_with_null_keys, tmp_path / "own", since=since, until=until, config=cfg)
    assert rolled == [1]  # and not without the hand-over
    assert handed.campaigns.num_rows > 0  # linked harvesters: something to compare
    stats = handed.run["linkage"]["stats"]["candidate_rows_by_type"]
    assert stats.get("template", 0) > 0 and stats.get("synchrony", 0) > 0
    for name in FINDINGS:
        assert (tmp_path / "handed" / name).read_bytes() == (tmp_path / "own" / name).read_bytes()
    assert handed.run["linkage"]["stats"] == own.run["linkage"]["stats"]


def test_no_handover_without_linkage_or_overlapped(
    store_with_null_keys: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Linkage off or overlapped: the feature stage's own template roll-up, no bucket lists."""
    rolled: list[int] = []
    real = account_mod.template_usage_from
    monkeypatch.setattr(account_mod, "template_usage_from",
                        lambda *a, **k: rolled.append(1) or real(*a, **k))
    off = detect(store_with_null_keys, tmp_path / "off", config=DetectConfig(linkage=False))
    detect(store_with_null_keys, tmp_path / "over", config=DetectConfig(overlap_stages=True))
    assert rolled == []
    inorder = detect(store_with_null_keys, tmp_path / "in",
                     config=DetectConfig(overlap_stages=False))
    assert rolled == [1]
    for name in FINDINGS:
        assert (tmp_path / "over" / name).read_bytes() == (tmp_path / "in" / name).read_bytes()
    # the features do not depend on linkage being on
    assert pq.read_table(tmp_path / "off" / "features.parquet").select(
        TEMPLATE_FEATURES).equals(
        pq.read_table(tmp_path / "in" / "features.parquet").select(
            TEMPLATE_FEATURES))
    assert off.counts["accounts"] == inorder.counts["accounts"]

"""detect's ip and prefix memberships from the feature stage's network rows (in order) give
the findings of the events' own group-bys (overlapped: the link graph scans for itself)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from distillwatch.pipeline.config import DetectConfig
from distillwatch.pipeline.detect import detect
from tests_support import null_where

START = datetime(2026, 3, 2, tzinfo=UTC)  # the synthetic store's first day (conftest)
FINDINGS = ("accounts.parquet", "features.parquet", "links.parquet", "campaigns.parquet",
            "evidence.jsonl")


@pytest.fixture(scope="module")
def store_with_null_ips(synthetic_store: tuple[Path, Path],
                        tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the synthetic store with about one event in eight without an IP (and
    prefix), one in twenty without a prefix alone, and a second model on some events."""
    root = tmp_path_factory.mktemp("reuse10") / "store"
    shutil.copytree(synthetic_store[0], root)
    rng = np.random.default_rng(2)
    for f in sorted((root / "events").rglob("*.parquet")):
        t = pq.read_table(f)
        n = t.num_rows
        no_ip = rng.random(n) < 0.12
        no_prefix = no_ip | (rng.random(n) < 0.05)
        t = null_where(t, {"client_ip": no_ip, "ip_prefix": no_prefix})
        i = t.schema.get_field_index("model")
        t = t.set_column(i, t.schema.field(i), pc.if_else(
            pa.array(rng.random(n) < 0.3), pa.scalar("m-second", t.schema.field(i).type),
            t["model"]))
        pq.write_table(t, f)
    return root


@pytest.mark.parametrize("window", [False, True], ids=["all", "window"])
def test_findings_with_network_rows_equal_the_scan(
    store_with_null_ips: Path, tmp_path: Path, window: bool,
) -> None:
    since, until = (START + timedelta(days=1), START + timedelta(days=4)) if window else (None,
                                                                                          None)
    rows = detect(store_with_null_ips, tmp_path / "rows", since=since, until=until,
                  config=DetectConfig(overlap_stages=False))
    scan = detect(store_with_null_ips, tmp_path / "scan", since=since, until=until,
                  config=DetectConfig(overlap_stages=True))
    assert rows.campaigns.num_rows > 0  # linked harvesters: something to compare
    assert rows.run["linkage"]["stats"]["candidate_rows_by_type"].get("ip", 0) > 0
    for name in FINDINGS:
        assert (tmp_path / "rows" / name).read_bytes() == (tmp_path / "scan" / name).read_bytes()
    assert rows.run["linkage"]["stats"] == scan.run["linkage"]["stats"]

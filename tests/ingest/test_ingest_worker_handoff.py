"""Batches between the ingest process and its step workers: IPC stream files in a shared
memory folder, mapped by the receiver and unlinked at once; bytes through the pipe when the
folder cannot take them."""

from __future__ import annotations

import gc
import os
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from ingest_data import event, write_jsonl

from distillwatch.ingest.config import IngestConfig
from distillwatch.ingest.pipeline import ingest
from distillwatch.ingest.stages import Stages
from distillwatch.ingest.workers import StepPool, receive_table, send_table, shared_root

NOW = datetime(2025, 6, 1, tzinfo=UTC)


def _table(n: int) -> pa.Table:
    rng = np.random.default_rng(7)
    minhash = pa.FixedSizeListArray.from_arrays(
        pa.array(rng.integers(0, 2**32, n * 64, dtype=np.uint64).astype(np.uint32)), 64
    )
    return pa.table(
        {
            "prompt": [None if i % 11 == 0 else "é prompt " * (i % 5) for i in range(n)],
            "n": pa.array(rng.integers(0, 9, n)),
            "minhash": minhash,
        }
    )


def test_a_table_crosses_as_a_file_that_the_receiver_unlinks(tmp_path: Path) -> None:
    table = _table(3000)
    msg = send_table(table, str(tmp_path))
    assert isinstance(msg, str) and Path(msg).parent == tmp_path
    got = receive_table(msg)
    assert list(tmp_path.iterdir()) == []  # unlinked as soon as it was mapped
    gc.collect()
    assert got.equals(table)  # the mapping outlives the file
    with pytest.raises((ValueError, TypeError)):  # read-only views, as bytes would be
        np.frombuffer(got.column("n").chunk(0).buffers()[1], np.int64)[0] = 1


def test_no_room_in_the_folder_sends_the_bytes(tmp_path: Path) -> None:
    table = _table(100)
    msg = send_table(table, str(tmp_path / "gone"))  # the folder cannot take a file
    assert isinstance(msg, pa.Buffer)
    assert receive_table(msg).equals(table)


def test_shared_root_is_a_writable_folder_or_none() -> None:
    root = shared_root()
    assert root is None or (os.path.isdir(root) and os.access(root, os.W_OK))


def test_the_pool_folder_goes_with_the_pool() -> None:
    pool = StepPool(IngestConfig(), workers=1)
    folder = Path(pool._folder)
    try:
        assert folder.is_dir()
        (folder / "left-by-a-failed-batch.arrow").write_bytes(b"x")
    finally:
        pool.close()
    assert not folder.exists()


def no_sketch_stages(config: IngestConfig) -> Stages:
    """The real steps without a sketch module (module-level: workers build it too)."""
    real = Stages.load(config)
    return Stages(real.enricher, None, real.signals)


def test_with_workers_the_report_has_the_workers_step_warnings_and_accounts(
    tmp_path: Path,
) -> None:
    src = write_jsonl(tmp_path / "e.jsonl", [event(i) for i in range(200)])
    acc = write_jsonl(
        tmp_path / "acc.jsonl",
        [{"account_id": "a1", "email_domain": "gmail.com", "signup_channel": "self_serve"}],
    )
    cfg = IngestConfig(workers=1, block_bytes=8 * 1024, workers_min_bytes=0)
    report = ingest(
        [src], store=tmp_path / "s", accounts=acc, config=cfg, now=NOW, stages=no_sketch_stages
    )
    assert report.stored == 200 and report.accounts_stored == 1
    assert "waiting for step workers" in report.seconds  # the workers ran the steps
    assert "text sketching is not available: sketch columns left null" in report.warnings
    rows = pq.read_table(tmp_path / "s" / "accounts" / "accounts.parquet").to_pylist()
    assert rows[0]["email_domain_class"] == "free"  # enriched in this process

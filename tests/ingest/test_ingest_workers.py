"""Step worker processes: the same store as in process, input order kept, bad rows still
quarantined by bisection inside the workers."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq
from ingest_data import event, picky_stages, quarantine_records, write_jsonl

from distillwatch.ingest.config import IngestConfig
from distillwatch.ingest.pipeline import ingest

NOW = datetime(2025, 6, 1, tzinfo=UTC)
# Small blocks: the files below are cut into ~10 batches, several in flight at once.
SMALL = {"block_bytes": 8 * 1024, "workers_min_bytes": 0}


def stored(store: Path) -> list[dict]:
    """Rows of every part file, in file and row order (the write order)."""
    files = sorted((store / "events").rglob("*.parquet"))
    return [r for f in files for r in pq.read_table(f).to_pylist()]


def test_workers_store_the_same_rows_in_input_order(tmp_path: Path) -> None:
    rows = [
        event(i, prompt=f"Solve step by step: item {i} " + "word " * (i % 13))
        for i in range(500)
    ]
    src = write_jsonl(tmp_path / "e.jsonl", rows)
    reports = {}
    for workers in (0, 2):
        store = tmp_path / f"store{workers}"
        cfg = IngestConfig(workers=workers, **SMALL)
        reports[workers] = ingest([src], store=store, now=NOW, config=cfg)
    assert reports[2].stored == reports[0].stored == 500
    assert "waiting for step workers" in reports[2].seconds
    assert "waiting for step workers" not in reports[0].seconds
    for r in reports.values():  # CPU per step, summed over the workers that ran it
        assert {"normalise", "dedupe", "sketch", "signals", "write"} <= set(r.cpu_seconds)
        assert all(v >= 0 for v in r.cpu_seconds.values())
        assert r.cpu_seconds["sketch"] > 0
    assert "step workers: receive batch" in reports[2].cpu_seconds
    in_process, pooled = stored(tmp_path / "store0"), stored(tmp_path / "store2")
    assert [r["request_id"] for r in pooled] == [f"req-{i}" for i in range(500)]
    assert pooled == in_process  # every column, sketches and signals included


def test_rows_a_step_fails_on_in_a_worker_are_quarantined(tmp_path: Path) -> None:
    rows = [event(i) for i in range(300)]
    for i in (5, 233):
        rows[i]["prompt"] = "boom goes the prompt"
    src = write_jsonl(tmp_path / "e.jsonl", rows)
    cfg = IngestConfig(workers=1, **SMALL)
    report = ingest([src], store=tmp_path / "store", now=NOW, config=cfg, stages=picky_stages)
    assert (report.stored, report.quarantined) == (298, 2)
    q = quarantine_records(report)
    assert sorted(r["line"] for r in q) == [6, 234]
    assert all("sketch failed on this row" in r["reason"] and "boom" in r["reason"] for r in q)
    got = [r["request_id"] for r in stored(tmp_path / "store")]
    assert got == [f"req-{i}" for i in range(300) if i not in (5, 233)]

"""Round 6: with step workers the ingest process enriches (one address cache per run) and the
workers, forked by a fork server that preloaded the step modules, sketch and score only."""

from __future__ import annotations

import multiprocessing.forkserver
import os
import resource
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from ingest_data import event, quarantine_records, write_jsonl

from distillwatch.ingest.config import IngestConfig
from distillwatch.ingest.enrich import Enricher
from distillwatch.ingest.pipeline import ingest
from distillwatch.ingest.stages import Stages, run_enricher, worker_factory
from distillwatch.ingest.workers import StepPool

NOW = datetime(2025, 6, 1, tzinfo=UTC)
SMALL = {"block_bytes": 8 * 1024, "workers_min_bytes": 0}


class PidEnricher(Enricher):
    """The real enricher, except that ``ip_as_org`` names the process that enriched."""

    def enrich_events(self, batch: pa.Table | pa.RecordBatch) -> pa.Table:
        got = super().enrich_events(batch)
        i = got.schema.get_field_index("ip_as_org")
        pid = pa.array([f"pid-{os.getpid()}"] * got.num_rows, pa.string())
        return got.set_column(i, got.schema.field(i), pid)


class PickyEnricher(Enricher):
    """Fails on any batch holding the address 198.51.100.66."""

    def enrich_events(self, batch: pa.Table | pa.RecordBatch) -> pa.Table:
        if "198.51.100.66" in batch.column("client_ip").to_pylist():
            raise ValueError("cannot enrich 198.51.100.66")
        return super().enrich_events(batch)


def _with(enricher_cls: type[Enricher]) -> Any:
    def factory(config: IngestConfig) -> Stages:
        real = Stages.load(config)
        assert real.enricher is not None
        real.enricher.close()
        return Stages(enricher_cls.from_config(config.enrich), real.sketch, real.signals)

    return factory


def pid_stages(config: IngestConfig) -> Stages:  # module-level: workers build it too
    return _with(PidEnricher)(config)


def picky_enrich_stages(config: IngestConfig) -> Stages:
    return _with(PickyEnricher)(config)


def _stored(store: Path) -> pa.Table:
    files = sorted((store / "events").rglob("*.parquet"))
    return pa.concat_tables(pq.read_table(f) for f in files).sort_by("event_key")


def test_with_workers_the_factorys_enricher_runs_in_the_ingest_process(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "e.jsonl", [event(i) for i in range(400)])
    cfg = IngestConfig(workers=2, **SMALL)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = ingest([src], store=tmp_path / "s", config=cfg, now=NOW, stages=pid_stages)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert report.stored == 400
    assert "waiting for step workers" in report.seconds  # the workers ran sketch and signals
    orgs = set(_stored(tmp_path / "s").column("ip_as_org").to_pylist())
    assert orgs == {f"pid-{os.getpid()}"}
    assert report.cpu_seconds["enrich"] > 0 and report.cpu_seconds["sketch"] > 0
    # The fork server is stopped with the pool. The workers are its children: reaped by it,
    # and it by us, so their CPU is in ours (a server left running would keep theirs).
    assert multiprocessing.forkserver._forkserver._forkserver_pid is None  # type: ignore[attr-defined]
    children = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    assert children >= report.cpu_seconds["sketch"] + report.cpu_seconds["signals"] > 0


def test_rows_the_enricher_fails_on_are_quarantined_as_in_process(tmp_path: Path) -> None:
    rows = [event(i) for i in range(300)]
    for i in (7, 151):
        rows[i]["client_ip"] = "198.51.100.66"
    src = write_jsonl(tmp_path / "e.jsonl", rows)
    got = {}
    for workers in (0, 1):
        cfg = IngestConfig(workers=workers, **SMALL)
        store = tmp_path / f"s{workers}"
        report = ingest([src], store=store, config=cfg, now=NOW, stages=picky_enrich_stages)
        assert (report.stored, report.quarantined) == (298, 2)
        q = quarantine_records(report)
        assert sorted(r["line"] for r in q) == [8, 152]
        assert all("enrich failed on this row" in r["reason"] for r in q)
        got[workers] = _stored(store)
    assert got[1].equals(got[0])  # every column, sketches and signals included
    assert pc.sum(pc.equal(got[1].column("client_ip"), "198.51.100.66")).as_py() in (None, 0)


def test_the_default_workers_load_no_enricher_and_refuse_to_enrich() -> None:
    cfg = IngestConfig()
    assert worker_factory(Stages.load) == Stages.load_without_enricher
    assert worker_factory(pid_stages) is pid_stages  # a custom factory runs as it is
    steps = Stages.load_without_enricher(cfg)
    table = pa.table({"client_ip": ["203.0.113.9"], "prompt": ["p"]})
    with pytest.raises(ValueError, match="without an enricher"):
        steps.columns(table)
    enricher, built = run_enricher(Stages.load, cfg)  # only the enricher, not the steps
    try:
        assert built is None and isinstance(enricher, Enricher)
    finally:
        enricher.close()


def no_steps(config: IngestConfig) -> Stages:  # module-level: workers build it too
    return Stages(enricher=None, sketch=None, signals=None)


def test_a_closed_pool_leaves_the_fork_server_to_another_open_pool() -> None:
    """Two runs in one process share multiprocessing's one fork server: the first to close
    must not stop it under the other, whose workers' exits it reports (stopped, that pool
    breaks); the last to close stops it."""
    cfg = IngestConfig()
    table = pa.table({"prompt": ["a", None]})
    first = StepPool(cfg, workers=1, factory=no_steps)
    second = StepPool(cfg, workers=1, factory=no_steps)
    try:
        assert first.submit(table).result().keep.tolist() == [True, True]
        assert second.submit(table).result(timeout=60).keep.tolist() == [True, True]
        first.close()
        first.close()  # a second close changes nothing (the count drops once per pool)
        assert multiprocessing.forkserver._forkserver._forkserver_pid is not None  # type: ignore[attr-defined]
        assert second.submit(table).result(timeout=60).keep.tolist() == [True, True]
    finally:
        first.close()
        second.close()
    assert multiprocessing.forkserver._forkserver._forkserver_pid is None  # type: ignore[attr-defined]


def test_a_run_that_fails_to_start_stops_its_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store writer failing to open (after the step pool started) must not leave the
    workers and the fork server running past the failed call."""

    def broken_writer(*args: object, **kwargs: object) -> None:
        raise OSError("store not writable")

    monkeypatch.setattr("distillwatch.ingest.pipeline.PartitionWriter", broken_writer)
    src = write_jsonl(tmp_path / "e.jsonl", [event(i) for i in range(20)])
    cfg = IngestConfig(workers=1, **SMALL)
    with pytest.raises(OSError, match="store not writable"):
        ingest([src], store=tmp_path / "s", config=cfg, now=NOW)
    assert multiprocessing.forkserver._forkserver._forkserver_pid is None  # type: ignore[attr-defined]

"""The end-to-end demo: simulate -> ingest -> detect -> evaluate -> report, in one call.

This is the README's first command. Every stage is the same library call its own CLI command
makes; the demo only chooses folders inside one work directory and passes results along.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from distillwatch.config import Settings
from distillwatch.exceptions import InputError
from distillwatch.types import StrPath

DEFAULT_WORK_DIR = Path("distillwatch-demo")
STAGES: tuple[str, ...] = ("simulate", "ingest", "detect", "evaluate", "replay", "report")

# (stage, completed, total, detail): completed/total in the stage's own unit, total may be None
StageProgress = Callable[[str, float, float | None, str], None]


@dataclass(frozen=True)
class DemoResult:
    """Folders written and the headline figures of a demo run."""

    work_dir: Path
    report_index: Path
    events: int
    accounts: int
    flagged_accounts: int
    campaigns: int
    evaluation: dict[str, Any]
    simulated_events: int
    seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        """The numbers the CLI prints (and ``--json`` returns)."""
        ev = self.evaluation
        camp = ev.get("campaigns") or {}
        return {
            "work_dir": str(self.work_dir),
            "report": str(self.report_index),
            "simulated_events": self.simulated_events,
            "events": self.events,
            "accounts": self.accounts,
            "flagged_accounts": self.flagged_accounts,
            "campaigns_found": self.campaigns,
            "campaigns_recovered": sum(1 for c in camp.get("campaigns", []) if c.get("recovered")),
            "truth_campaigns": len(camp.get("campaigns", [])),
            "precision": ev.get("precision"),
            "recall": ev.get("recall"),
            "benign_fpr": ev.get("benign_fpr"),
            "exchange_recall": ev.get("exchange_recall"),
            "campaigns_flagged_first_day": (ev.get("replay") or {}).get("flagged_within_first_day"),
            "seconds": self.seconds,
        }


def prepare_work_dir(work_dir: StrPath, *, force: bool) -> Path:
    """An empty work directory: refuse to overwrite earlier results unless ``force``."""
    path = Path(work_dir)
    if path.exists() and any(path.iterdir()):
        if not force:
            raise InputError(
                "work directory is not empty; pass --force to replace it or choose another",
                path=str(path),
            )
        shutil.rmtree(path)
    path.mkdir(parents=True, exist_ok=True)
    return path


def run_demo(
    work_dir: StrPath = DEFAULT_WORK_DIR,
    *,
    scenario: str = "demo",
    scale: float = 1.0,
    seed: int = 0,
    settings: Settings | None = None,
    force: bool = False,
    replay: bool = True,
    progress: StageProgress | None = None,
) -> DemoResult:
    """Run every stage on a simulated scenario and write the report into ``work_dir``.

    ``replay`` adds time to detection: detect rerun on each day's prefix of the store.
    """
    from distillwatch.evaluate import evaluate_findings
    from distillwatch.ingest.pipeline import ProgressUpdate, ingest
    from distillwatch.pipeline.detect import detect
    from distillwatch.pipeline.replay import replay_detect
    from distillwatch.report import load_report_data, write_report
    from distillwatch.simulate import simulate

    settings = settings or Settings()
    root = prepare_work_dir(work_dir, force=force)
    sim_dir, store, findings, report_dir = (
        root / d for d in ("sim", "store", "findings", "report")
    )
    note: StageProgress = progress or (lambda *_: None)
    seconds: dict[str, float] = {}

    t = time.perf_counter()
    sim = simulate(
        scenario,
        sim_dir,
        scale=scale,
        seed=seed,
        progress=lambda day, days, rows: note("simulate", day, days, f"{rows:,} events"),
    )
    seconds["simulate"] = time.perf_counter() - t

    t = time.perf_counter()

    def on_ingest(u: ProgressUpdate) -> None:
        note("ingest", u.bytes_done, u.bytes_total or None, f"{u.rows:,} rows")

    ing = ingest(
        [sim_dir / "events"],
        store=store,
        accounts=sim_dir / "accounts.parquet",
        config=settings.ingest,
        progress=on_ingest,
    )
    seconds["ingest"] = time.perf_counter() - t

    t = time.perf_counter()
    done: list[str] = []

    def on_detect(stage: str) -> None:
        done.append(stage)
        note("detect", len(done), None, stage)

    det = detect(store, findings, config=settings.detect, progress=on_detect)
    seconds["detect"] = time.perf_counter() - t

    t = time.perf_counter()
    evaluation = evaluate_findings(findings, sim_dir / "truth.parquet").to_dict()
    seconds["evaluate"] = time.perf_counter() - t
    note("evaluate", 1, 1, "")

    if replay:
        t = time.perf_counter()
        evaluation["replay"] = replay_detect(
            store,
            sim_dir / "truth.parquet",
            config=settings.detect,
            on_day=lambda day, done, total: note("replay", done, total, f"up to {day}"),
        )
        seconds["replay"] = time.perf_counter() - t

    t = time.perf_counter()
    paths = write_report(load_report_data(findings, store=store, evaluation=evaluation), report_dir)
    seconds["report"] = time.perf_counter() - t
    note("report", 1, 1, str(paths.index_html))

    return DemoResult(
        work_dir=root,
        report_index=paths.index_html,
        events=int(ing.stored),
        accounts=det.accounts.num_rows,
        flagged_accounts=sum(1 for f in det.accounts.column("flagged").to_pylist() if f),
        campaigns=det.campaigns.num_rows,
        evaluation=evaluation,
        seconds={k: round(v, 2) for k, v in seconds.items()},
        simulated_events=sim.events,
    )

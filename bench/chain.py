"""The simulate -> ingest command lines the benches share (run as subprocesses, like a user)."""

from __future__ import annotations

import sys
from pathlib import Path

CLI = [sys.executable, "-m", "distillwatch.cli"]


def simulate_cmd(
    work: Path, *, scenario: str, scale: float, seed: int, days: int | None = None
) -> list[str]:
    """``distillwatch simulate`` into WORK/sim."""
    cmd = [
        *CLI,
        "simulate",
        "--scenario",
        scenario,
        "--out",
        str(work / "sim"),
        "--scale",
        str(scale),
        "--seed",
        str(seed),
    ]
    return [*cmd, "--days", str(days)] if days else cmd


def ingest_cmd(work: Path, *, drop_text: bool) -> list[str]:
    """``distillwatch ingest`` of WORK/sim into WORK/store."""
    cmd = [
        *CLI,
        "ingest",
        str(work / "sim" / "events"),
        "--store",
        str(work / "store"),
        "--accounts",
        str(work / "sim" / "accounts.parquet"),
    ]
    return [*cmd, "--drop-text"] if drop_text else cmd

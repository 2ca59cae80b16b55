"""SIGTERM stops a run cleanly (as Ctrl-C does): the step workers exit and the pool's
shared-memory folder goes. Python's default handler died on the spot and left the workers
waiting on their queue forever, and the folder behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import os, sys, time
    import distillwatch.ingest.workers as workers
    from distillwatch.cli import exit_on_sigterm
    from distillwatch.ingest.config import IngestConfig
    from distillwatch.ingest.stages import Stages

    def no_steps(config):
        return Stages(enricher=None, sketch=None, signals=None)

    if __name__ == "__main__":
        if sys.argv[2] == "handler":
            exit_on_sigterm()
        workers.shared_root = lambda: sys.argv[1]
        pool = workers.StepPool(IngestConfig(), workers=2, factory=no_steps)
        try:
            pool.warnings  # the workers are up
            pids = [p.pid for p in pool._pool._processes.values()]
            print(pool._folder, *pids, flush=True)
            time.sleep(120)  # the run, until the signal
        finally:
            pool.close(cancel=True)
    """
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ")[-1].startswith("Z"))


def _terminate(tmp_path: Path, mode: str) -> tuple[int, Path, list[int]]:
    script = tmp_path / "run.py"
    script.write_text(SCRIPT)
    root = tmp_path / mode
    root.mkdir()
    proc = subprocess.Popen([sys.executable, str(script), str(root), mode],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    folder, *pids = proc.stdout.readline().split()
    assert Path(folder).is_dir() and pids  # processes start on demand: one at least
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(timeout=60)
    workers = [int(p) for p in pids]
    deadline = time.monotonic() + (20 if mode == "handler" else 2)
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    return code, Path(folder), workers


def test_sigterm_stops_workers_and_removes_the_folder(tmp_path: Path) -> None:
    code, folder, workers = _terminate(tmp_path, "handler")
    assert code == 128 + signal.SIGTERM
    assert not folder.exists()
    assert not any(_alive(p) for p in workers)


def test_without_the_handler_workers_are_left_behind(tmp_path: Path) -> None:
    """What the handler is for (if Python ever cleans up by itself, this fails: drop it)."""
    code, folder, workers = _terminate(tmp_path, "default")
    try:
        assert code == -signal.SIGTERM
        assert any(_alive(p) for p in workers) or folder.exists()
    finally:
        for p in workers:
            if _alive(p):
                os.kill(p, signal.SIGKILL)

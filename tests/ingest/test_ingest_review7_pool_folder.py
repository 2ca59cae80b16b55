"""A step pool's IPC folder (in /dev/shm: memory) goes when the process exits, also when the
caller never closed the pool (a script or bench that failed with the pool open): it used to
stay behind, one empty ``distillwatch-ipc-*`` folder per failed run."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

# Run as a script: the pool's folder goes under ``root``, the pool is never closed and the
# script fails with it open.
SCRIPT = textwrap.dedent(
    """
    import sys
    import distillwatch.ingest.workers as workers
    from distillwatch.ingest.config import IngestConfig
    from distillwatch.ingest.stages import Stages

    def no_steps(config):
        return Stages(enricher=None, sketch=None, signals=None)

    if __name__ == "__main__":
        workers.shared_root = lambda: sys.argv[1]
        pool = workers.StepPool(IngestConfig(), workers=1, factory=no_steps)
        print(pool._folder, flush=True)
        raise SystemExit("failed with the pool open")
    """
)


def test_an_unclosed_pool_leaves_no_folder_at_exit(tmp_path: Path) -> None:
    script = tmp_path / "unclosed.py"
    script.write_text(SCRIPT)
    root = tmp_path / "shm"
    root.mkdir()
    done = subprocess.run(
        [sys.executable, str(script), str(root)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1, done.stderr
    folder = Path(done.stdout.strip())
    assert folder.parent == root  # the pool made its folder there
    assert not folder.exists()
    assert list(root.iterdir()) == []

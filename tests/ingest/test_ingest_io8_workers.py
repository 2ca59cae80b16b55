"""Round 8: the step pool starts its workers without holding up the ingest process, the
fork server exits without tearing its interpreter down, and its warm-up reaches the compiled
variants that real batches reach."""

from __future__ import annotations

import concurrent.futures
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pyarrow as pa
import pytest

from distillwatch.ingest import workers
from distillwatch.ingest.config import IngestConfig
from distillwatch.ingest.stages import Stages
from distillwatch.ingest.workers import StepPool

# A fork server preload that holds the server (so no worker can start) until a file exists.
HOLD = textwrap.dedent(
    """
    import os, pathlib, time
    pathlib.Path(os.environ["DW_TEST_RELEASE"] + ".held").touch()
    while not os.path.exists(os.environ["DW_TEST_RELEASE"]):
        time.sleep(0.02)
    """
)
TABLE = pa.table({"prompt": ["a", None]})


def no_steps(config: IngestConfig) -> Stages:  # module-level: workers build it too
    return Stages(enricher=None, sketch=None, signals=None)


def _preload(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, code: str) -> None:
    """Make the next fork server preload the module ``name`` holding ``code``."""
    (tmp_path / f"{name}.py").write_text(code)
    # The server is a new interpreter with this environment (Python 3.11 does not hand it
    # our sys.path), and it skips a preload it cannot import: the tests check it ran.
    path = os.environ.get("PYTHONPATH")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path) + (os.pathsep + path if path else ""))
    monkeypatch.setattr(workers, "PRELOAD", (*workers.PRELOAD, name))
    # Our pool must start the server (a running one would not preload the module).
    assert workers._fork_server_pid() is None


def test_the_pool_takes_batches_while_the_fork_server_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = tmp_path / "release"
    monkeypatch.setenv("DW_TEST_RELEASE", str(release))
    _preload(monkeypatch, tmp_path, "dw_io8_hold", HOLD)
    made: list[object] = []

    def start() -> None:
        pool = StepPool(IngestConfig(), workers=2, factory=no_steps)
        made.append(pool)
        made.extend(pool.submit(TABLE) for _ in range(3))

    caller = threading.Thread(target=start)
    caller.start()
    caller.join(timeout=60)
    try:
        # The pool and its submissions returned although no worker can start yet.
        assert not caller.is_alive()
        pool, *futures = made
        assert isinstance(pool, StepPool)
        assert not any(f.done() for f in futures)  # type: ignore[attr-defined]
        release.touch()
        got = [f.result(timeout=120).keep.tolist() for f in futures]  # type: ignore[attr-defined]
        assert got == [[True, True]] * 3
        assert pool.warnings == no_steps(IngestConfig()).warnings
        assert Path(f"{release}.held").exists()  # the server was held
    finally:
        release.touch()
        caller.join(timeout=60)
        for pool in made[:1]:
            pool.close()  # type: ignore[attr-defined]
    assert workers._fork_server_pid() is None


def test_closing_before_the_fork_server_is_up_cancels_the_waiting_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = tmp_path / "release"
    monkeypatch.setenv("DW_TEST_RELEASE", str(release))
    _preload(monkeypatch, tmp_path, "dw_io8_hold_close", HOLD)
    made: list[StepPool] = []

    def start() -> None:
        made.append(StepPool(IngestConfig(), workers=1, factory=no_steps))

    starter = threading.Thread(target=start)
    starter.start()
    starter.join(timeout=60)
    if starter.is_alive():  # the pool waited for the server: let it go, then fail
        release.touch()
        starter.join(timeout=120)
        made.pop().close()
        pytest.fail("making the pool waited for the fork server")
    pool = made[0]
    futures = [pool.submit(TABLE) for _ in range(3)]
    folder = Path(pool._folder)
    assert len(list(folder.iterdir())) == 3  # each batch already written for its worker
    closer = threading.Thread(target=pool.close, kwargs={"cancel": True})
    closer.start()
    try:
        # Only cancelling can finish them while the server is held.
        done, _ = concurrent.futures.wait(futures, timeout=60)
        assert len(done) == 3 and all(f.cancelled() for f in futures)
    finally:
        release.touch()
        closer.join(timeout=120)
    assert not closer.is_alive()
    assert Path(f"{release}.held").exists()
    assert not folder.exists()
    assert workers._fork_server_pid() is None


def test_the_fork_server_exits_without_running_earlier_exit_handlers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server's normal exit would run every exit handler and tear the interpreter down;
    preloading ``server_exit`` last ends it at its first exit handler instead."""
    marker = tmp_path / "teardown-ran"
    code = (
        "import atexit, pathlib\n"
        f"pathlib.Path({str(marker)!r} + '.loaded').touch()\n"
        f"atexit.register(pathlib.Path({str(marker)!r}).touch)\n"
    )
    _preload(monkeypatch, tmp_path, "dw_io8_atexit", code)
    pool = StepPool(IngestConfig(), workers=1, factory=no_steps)
    try:
        assert pool.submit(TABLE).result(timeout=120).keep.tolist() == [True, True]
    finally:
        pool.close()  # stops the server and waits for it
    assert workers._fork_server_pid() is None
    assert Path(f"{marker}.loaded").exists()  # preloaded, its exit handler registered
    assert not marker.exists()


def test_server_exit_ends_the_process_at_once_with_its_output_flushed(tmp_path: Path) -> None:
    script = tmp_path / "exit.py"
    script.write_text(
        textwrap.dedent(
            """
            import atexit, sys
            atexit.register(print, "an earlier exit handler ran")
            import distillwatch.ingest.server_exit
            print("buffered output", end="")
            sys.exit(3)
            """
        )
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120
    )
    assert done.stdout == "buffered output"
    assert done.returncode == 0  # as documented: whatever the process's own status


# Run in a fresh interpreter: the steps' compiled variants (per process) after warm(), then
# after the steps ran, as a worker runs them, on batches unlike the warm-up's: bench-like
# prompts (a template line, numbers, words; all distinct) and multilingual prompts of which
# a third repeat under one system prompt (as in the simulator's harvesting scenarios).
COVERAGE = textwrap.dedent(
    """
    import sys, tempfile
    import numpy as np
    import pyarrow as pa
    from numba.core.registry import CPUDispatcher
    from distillwatch.ingest import warm as W
    from distillwatch.ingest.config import IngestConfig
    from distillwatch.ingest.stages import Stages
    from distillwatch.ingest.workers import receive_table, send_table, shared_root
    from distillwatch.schema import EVENT_SCHEMA

    def variants():
        out = set()
        for name, mod in list(sys.modules.items()):
            if name.startswith("distillwatch"):
                for key, value in list(vars(mod).items()):
                    if isinstance(value, CPUDispatcher):
                        out |= {(name, key, str(s)) for s in value.signatures}
        return out

    W.warm()
    before = variants()
    rng = np.random.default_rng(8)
    words = np.array(["lantern", "orbit", "quartz", "meadow", "falcon", "ember", "pixel"])
    heads = ["Solve step by step and show every step of your reasoning:",
             "Traduis en anglais, puis explique la règle :", "次の文章を要約してください：",
             "Write 3 test cases in JSON for the task below.\\n1. parse\\n2. check:"]
    n = 4_096
    def text(i, k):
        return " ".join(words[rng.integers(0, len(words), k)]) + f" {rng.integers(1, 9999)}"
    bench = [f"{heads[0]} {i} {text(i, 8)} {text(i, 6)}" for i in range(n)]
    mixed = [f"{heads[i % 4]} {text(i, 6)}" for i in range(n)]
    mixed = [mixed[i - 7] if i % 3 == 2 else mixed[i] for i in range(n)]
    steps = Stages.load_without_enricher(IngestConfig())
    folder = tempfile.mkdtemp(dir=shared_root())
    for prompts, system in ((bench, None), (mixed, "You are a translator.")):
        given = {"prompt": prompts, "system_prompt": [system] * n,
                 "response": [f"Answer: {i}" for i in range(n)],
                 "ts": [1_740_787_200_000_000 + i for i in range(n)]}
        batch = pa.Table.from_arrays(
            [pa.array(given[f.name], pa.int64()).cast(f.type) if f.name == "ts"
             else pa.array(given[f.name], f.type) if f.name in given
             else pa.nulls(n, f.type) for f in EVENT_SCHEMA], schema=EVENT_SCHEMA)
        steps.columns(receive_table(send_table(batch, folder)), enrich=False)
    print(len(before), sorted(variants() - before))
    """
)


def test_the_warm_up_reaches_the_compiled_variants_real_batches_reach(tmp_path: Path) -> None:
    script = tmp_path / "coverage.py"
    script.write_text(COVERAGE)
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    loaded, missed = done.stdout.strip().split(" ", 1)
    assert int(loaded) > 0
    assert missed == "[]"

"""Ingest speed and memory beside a bare DuckDB load of the same file.

Generates a contract JSONL file of N events with prompts and responses (NumPy picks every
value; DuckDB serialises the JSON), then, each in its own process with its peak RSS sampled:

1. baseline: DuckDB ``COPY (SELECT * FROM read_json(FILE)) TO 'x.parquet'`` (parse + write,
   nothing else);
2. distillwatch: ``ingest(FILE, store=...)`` (parse, normalise, validate, dedupe, enrich,
   sketch, signals, write, catalog).

Prints events/second and peak RSS of each and the time ratio (the figure; target <= 3x,
peak RSS < 4 GB). The input is read once first, so both runs start from a cached file
(whichever ran first used to pay the disk reads for both), and the step kernels are loaded
once (compiled if their source changed since the last run: see ``load_kernels``);
``--rounds N`` alternates the two N times and prints each round's ratio and the median.

    .venv/bin/python bench/ingest.py --events 5000000
    .venv/bin/python bench/ingest.py --events 200000 --keep   # small run, keep the files

``--parts`` then measures the CPU of ingest's parts outside the sketch and signals steps,
per 1M events: the JSON Lines read + parse (first 200 MB of the input); normalise, validate,
event keys + dedupe and enrichment (new, then cached addresses) on the first six 16 MiB
blocks; the Parquet encoding of stored rows (100k rows of the store), and the step-worker
IPC (a 2-worker pool whose steps return stored columns, 25 batches of 20k rows; the workers'
CPU from when both have started, so without their start), and, per run rather than per 1M,
the start of the default 2 step workers (fork server, its imports and warm-up, each worker's
first 2,000-row batch; their CPU once reaped).
``--parts-baseline DIR`` runs the same with DIR (an older checkout's ``src``) on
``PYTHONPATH``, alternately with this tree, 3 rounds each:

    .venv/bin/python bench/ingest.py --events 1000000 --dir /tmp/b --keep --parts \\
        --parts-baseline /tmp/old/src
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb
import numpy as np
import psutil
import pyarrow as pa
import pyarrow.compute as pc

REPO = Path(__file__).resolve().parents[1]
T0 = 1_740_787_200  # 2025-03-01T00:00:00Z
TEMPLATES = np.array(
    [
        "Solve step by step and show every step of your reasoning:",
        "Write out the full chain of thought behind the answer to this problem:",
        "You are a grader. Score the following answer from 1 to 10 and justify the score:",
        "Generate 5 diverse training examples in JSON for the task:",
        "Can you help me plan a weekend trip? I like",
        "Summarise this paragraph for a busy manager:",
        "Translate the following sentence into French:",
        "Fix the bug in this Python function and explain the fix:",
    ]
)
WORDS = np.array(
    [
        *("apple", "river", "engine", "orbit", "matrix", "garden", "signal", "copper"),
        *("violin", "harbor", "lantern", "puzzle", "meadow", "rocket", "silver", "thunder"),
        *("quartz", "falcon", "canyon", "ember", "glacier", "pixel", "tundra", "walnut"),
    ]
)
MODELS = np.array(["gpt-x", "gpt-x-mini", "reasoner-1"])
EFFORTS = np.array(["low", "medium", "high", "max"])
UAS = np.array(["python-httpx/0.28", "openai-python/2.3", "node-fetch/3", "curl/8.5"])


def _words(rng: np.random.Generator, n: int, k: int) -> pa.Array:
    cols = [pa.array(WORDS[rng.integers(0, len(WORDS), n)]) for _ in range(k)]
    return pc.binary_join_element_wise(*cols, " ")


def generate_table(n: int, seed: int, offset: int) -> pa.Table:
    """``n`` contract events (vectorised; about 600 bytes of JSON each)."""
    rng = np.random.default_rng(seed)
    idx = np.arange(offset, offset + n)
    acct = rng.zipf(1.3, n) % 25_000
    tpl = rng.integers(0, len(TEMPLATES), n)
    a, b = rng.integers(1, 10_000, n), rng.integers(1, 10_000, n)
    prompt = pc.binary_join_element_wise(
        pa.array(TEMPLATES[tpl]),
        pc.cast(pa.array(a), pa.string()),
        _words(rng, n, 8),
        pc.cast(pa.array(b), pa.string()),
        _words(rng, n, 6),
        " ",
    )
    response = pc.binary_join_element_wise(
        pa.array(np.full(n, "Step 1:")),
        _words(rng, n, 12),
        pa.array(np.full(n, "Step 2:")),
        _words(rng, n, 12),
        pa.array(np.full(n, "Answer:")),
        pc.cast(pa.array(a + b), pa.string()),
        " ",
    )
    # Each account uses one of a few addresses of its own (as real traffic does), so the
    # whole file has ~75k distinct IPs rather than one per event.
    slot = acct * 3 + rng.integers(0, 3, n)
    ip = pc.binary_join_element_wise(
        *(
            pc.cast(pa.array(x), pa.string())
            for x in (11 + slot % 200, (slot // 200) % 250, (slot * 7) % 250, 1 + slot % 253)
        ),
        ".",
    )
    ts_us = (T0 + np.sort(rng.integers(0, 3 * 86_400, n))) * 1_000_000
    logprobs = rng.random(n) < 0.1
    return pa.table(
        {
            "ts": pa.array(ts_us, pa.timestamp("us", tz="UTC")),
            "account_id": pc.binary_join_element_wise(
                "acct-", pc.cast(pa.array(acct), pa.string()), ""
            ),
            "request_id": pc.binary_join_element_wise(
                "req-", pc.cast(pa.array(idx), pa.string()), ""
            ),
            "api_key_id": pc.binary_join_element_wise(
                "key-", pc.cast(pa.array(acct * 2 + (idx % 2)), pa.string()), ""
            ),
            "client_ip": ip,
            "user_agent": pa.array(UAS[rng.integers(0, len(UAS), n)]),
            "model": pa.array(MODELS[rng.integers(0, len(MODELS), n)]),
            "operation": pa.array(np.full(n, "chat")),
            "input_tokens": pa.array(rng.integers(20, 2_000, n)),
            "output_tokens": pa.array(rng.integers(50, 8_000, n)),
            "temperature": pa.array(np.round(rng.random(n), 2)),
            "max_tokens": pa.array(rng.choice([1024, 4096, 32768], n)),
            "n": pa.array(np.where(rng.random(n) < 0.05, 4, 1)),
            "logprobs": pa.array(logprobs),
            "top_logprobs": pa.array(np.where(logprobs, 20, 0)),
            "reasoning_effort": pa.array(EFFORTS[rng.integers(0, len(EFFORTS), n)]),
            "stream": pa.array(rng.random(n) < 0.5),
            "turn": pa.array(rng.integers(0, 3, n)),
            "system_prompt": pa.array(np.full(n, "You are a helpful assistant.")),
            "prompt": prompt,
            "response": response,
            "finish_reason": pa.array(np.full(n, "stop")),
            "status": pa.array(np.full(n, 200)),
        }
    )


def generate(path: Path, n: int, *, chunk: int = 500_000) -> None:
    """Write ``n`` events as JSON Lines (DuckDB serialises each NumPy-built chunk)."""
    con = duckdb.connect()
    parts = []
    for i, start in enumerate(range(0, n, chunk)):
        t = generate_table(min(chunk, n - start), seed=i, offset=start)
        part = path.with_name(f"{path.name}.{i:04d}")
        con.register("t", t)
        con.execute(f"COPY (SELECT * FROM t) TO '{part}' (FORMAT json)")
        con.unregister("t")
        parts.append(part)
    with path.open("wb") as out:
        for part in parts:
            with part.open("rb") as src:
                shutil.copyfileobj(src, out, 1 << 24)
            part.unlink()


def warm_cache(path: Path) -> float:
    """Read ``path`` once (seconds taken), so neither measured run pays the disk reads."""
    t = time.perf_counter()
    with path.open("rb", buffering=0) as f:
        buf = bytearray(1 << 24)
        while f.readinto(buf):
            pass
    return time.perf_counter() - t


def load_kernels(py: str) -> float:
    """Seconds to load the step workers' compiled kernels once, untimed by the rounds.

    numba compiles them once per installation and again after a kernel's source changes
    (``cache=True``): then tens of CPU-seconds in the fork server and the workers of the
    first run, which used to land on whichever round came first (Round 8: the first of 3
    rounds at 3.62x DuckDB's time, the next two at 3.13x and 3.09x). Importing
    ``ingest/warm.py`` runs the default steps on the fork server's warm-up batches, which
    reach every compiled variant a run's workers use, so the rounds then load them from the
    cache as every later run does.
    """
    t = time.perf_counter()
    subprocess.run([py, "-c", "import distillwatch.ingest.warm"], cwd=REPO, check=True)
    return time.perf_counter() - t


def measure(cmd: list[str]) -> tuple[float, float, int, str]:
    """(seconds, CPU seconds and peak RSS bytes of the process tree, stdout) of a command.

    CPU seconds (user + system, worker processes included) do not depend on what else runs
    on a shared machine; wall seconds do.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, cwd=REPO, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        p = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                rss = p.memory_info().rss + sum(c.memory_info().rss for c in p.children(True))
                peak = max(peak, rss)
            except psutil.Error:
                pass
            time.sleep(0.05)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, _ = proc.communicate()
    done.set()
    th.join()
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[:3]} failed with {proc.returncode}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, peak, out


# The per-batch steps timed by name in the run report; the rest of the ingest CPU is the
# JSON parse (Arrow's reader), Parquet encoding, step-worker IPC and process start-up.
NAMED_STEPS = ("normalise", "validate", "quarantine", "dedupe", "enrich", "sketch", "signals",
               "write")
BASELINE = """
import duckdb, sys
con = duckdb.connect()
con.execute("COPY (SELECT * FROM read_json(?, format='newline_delimited')) TO '" + sys.argv[2]
            + "' (FORMAT parquet, COMPRESSION zstd)", [sys.argv[1]])
"""
DISTILLWATCH = """
import json, sys
from distillwatch.ingest.config import IngestConfig
from distillwatch.ingest.pipeline import ingest
workers = {} if sys.argv[4] == "" else {"workers": int(sys.argv[4])}
r = ingest([sys.argv[1]], store=sys.argv[2],
           config=IngestConfig(drop_text=sys.argv[3] == "1", **workers))
print(json.dumps({"seconds": r.seconds, "cpu": getattr(r, "cpu_seconds", {})}))
print(json.dumps(r.to_dict()["totals"]))
"""


PARTS_BYTES = 200_000_000
PARTS_BATCH = 20_000


def _stored_batches(store: Path, n: int) -> list[pa.Table]:
    import pyarrow.parquet as pq

    files = sorted(store.glob("events/day=*/*.parquet"))
    out: list[pa.Table] = []
    for f in files:
        for rb in pq.ParquetFile(f).iter_batches(batch_size=PARTS_BATCH):
            out.append(pa.Table.from_batches([rb]))
            if len(out) == n:
                return out
    return out


class _StoredSteps:
    """Steps that return stored step columns: the pool's IPC without the steps' work."""

    warnings: tuple[str, ...] = ()

    def __init__(self, store: Path) -> None:
        from distillwatch.schema import (
            ENRICH_FIELDS,
            SIGNAL_FIELDS,
            SKETCH_FIELDS,
            STORE_EVENT_SCHEMA,
        )

        self.enrich_names = [f.name for f in ENRICH_FIELDS]
        self.names = [*self.enrich_names, *(f.name for f in [*SKETCH_FIELDS, *SIGNAL_FIELDS])]
        first = _as_schema(_stored_batches(store, 1)[0], STORE_EVENT_SCHEMA)
        self.cols = first.select(self.names).combine_chunks()

    def columns(self, table: pa.Table, *, clock: object = None, enrich: bool = True) -> tuple:
        # enrich=False: what workers return since the ingest process enriches (Round 6)
        n = table.num_rows
        names = self.names if enrich else [k for k in self.names if k not in self.enrich_names]
        return {k: self.cols.column(k).slice(0, n) for k in names}, np.ones(n, bool), []

    def close(self) -> None:
        pass


def stored_steps(config: object) -> _StoredSteps:
    return _StoredSteps(Path(os.environ["DW_BENCH_STORE"]))


STEP_BLOCKS = 6  # 16 MiB blocks (~98k bench events) for the main-process steps and enrich


def _step_parts(raws: list) -> dict[str, float]:
    """CPU seconds per 1M events of normalise, validate, event keys + dedupe (the ingest
    process) and enrichment (a step worker: a fresh enricher, so every address is new, as
    at the start of a run; then the same batches again, every address cached)."""
    from datetime import UTC, datetime

    from distillwatch.ingest.config import IngestConfig
    from distillwatch.ingest.dedupe import DayKeys, event_keys
    from distillwatch.ingest.enrich import Enricher
    from distillwatch.ingest.normalise import normalise
    from distillwatch.ingest.validate import validate

    cfg, now, con = IngestConfig(), datetime.now(UTC), duckdb.connect()
    rows = sum(r.table.num_rows for r in raws)
    out: dict[str, float] = {}
    normalise(raws[0], con=con)  # lazy imports and DuckDB's first query: not per event

    def lap(name: str, t: float) -> float:
        now_t = time.process_time()
        out[name] = (now_t - t) * 1e6 / rows
        return now_t

    t = time.process_time()
    norms = [normalise(r, con=con).table for r in raws]
    t = lap("normalise", t)
    valid = [
        validate(x, min_ts=cfg.min_ts, max_future=cfg.max_future, now=now)[0] for x in norms
    ]
    t = lap("validate", t)
    seen = DayKeys(lambda d: np.zeros(0, np.uint64))
    for x in valid:
        _, hashes = event_keys(x, con=con)
        days = x.column("ts").cast(pa.date32()).to_numpy()
        for d in np.unique(days):
            seen.first_new(d.astype(object), hashes[days == d])
    t = lap("event keys + dedupe", t)
    enricher = Enricher.from_config(cfg.enrich)
    t = time.process_time()
    for x in valid:
        enricher.enrich_events(x)
    t = lap("enrich, new addresses", t)
    for x in valid:
        enricher.enrich_events(x)
    lap("enrich, cached addresses", t)
    enricher.close()
    return out


def parts(src: Path, store: Path) -> dict[str, float]:
    """CPU seconds per 1M events of the non-step parts, with the distillwatch on sys.path."""
    from datetime import date

    from distillwatch.ingest.config import IngestConfig
    from distillwatch.ingest.formats import jsonl
    from distillwatch.ingest.workers import StepPool
    from distillwatch.schema import STORE_EVENT_SCHEMA
    from distillwatch.store.layout import StoreLayout
    from distillwatch.store.writer import PartitionWriter

    out = {}
    with src.open("rb") as f:
        head = f.read(PARTS_BYTES)
    head = head[: head.rfind(b"\n") + 1]
    part = src.with_name("parts-head.jsonl")
    part.write_bytes(head)
    try:
        t, rows = time.process_time(), 0
        part_blocks = []
        # The reader ingest runs (read_jsonl: blocks, UTF-8 check, parse), as it runs it.
        for raw in jsonl.read_jsonl(part, config=IngestConfig(), progress=lambda _: None):
            rows += raw.table.num_rows
            if len(part_blocks) < STEP_BLOCKS:
                part_blocks.append(raw)
        out["JSON read + parse"] = (time.process_time() - t) * 1e6 / rows
    finally:
        part.unlink()
    out.update(_step_parts(part_blocks))
    batches = [_as_schema(b, STORE_EVENT_SCHEMA) for b in _stored_batches(store, 5)]
    with tempfile.TemporaryDirectory(dir=src.parent) as d:
        t = time.process_time()
        w = PartitionWriter(StoreLayout.at(d), run_id="parts", schema=STORE_EVENT_SCHEMA)
        for b in batches:
            w.write(date(2025, 3, 1), b)
        w.commit()
        rows = sum(b.num_rows for b in batches)
        out["Parquet encoding"] = (time.process_time() - t) * 1e6 / rows
    steps = _StoredSteps(store)
    inp = batches[0].drop_columns([*steps.names, "event_key"]).combine_chunks()
    nb = 25
    os.environ["DW_BENCH_STORE"] = str(store)
    pool = StepPool(IngestConfig(), workers=2, factory=stored_steps)  # type: ignore[arg-type]
    for f in [pool.submit(inp) for _ in range(2)]:
        f.result()  # both workers started
    # The workers' start is left out (since Round 6): these stub steps import none of the
    # modules the fork server preloads for the real ones, so their start says nothing about
    # a real run's (whole runs measure that). Their CPU is counted once reaped (close()).
    c0 = sum(_worker_cpu(p) for p in pool._pool._processes.values())  # type: ignore[union-attr]
    t = time.process_time()
    pending = []
    for _ in range(nb):
        pending.append(pool.submit(inp))
        if len(pending) > 3:
            pending.pop(0).result()
    for f in pending:
        f.result()
    t_main = time.process_time() - t
    c1 = sum(_worker_cpu(p) for p in pool._pool._processes.values())  # type: ignore[union-attr]
    pool.close()
    out["IPC, ingest process"] = t_main * 1e6 / (nb * inp.num_rows)
    out["IPC, workers (started)"] = (c1 - c0) * 1e6 / (nb * inp.num_rows)
    out[START] = _workers_start(part_blocks[0])
    return out


START = "step workers' start, CPU-s per run"


def _workers_start(raw: object) -> float:
    """CPU seconds of starting the default 2 step workers and running one 2,000-row batch
    in each (fork server, its imports and warm-up, the workers' start, their first batch;
    reaped, so the children's CPU counts): a per-run cost, not per event."""
    from datetime import UTC, datetime

    from distillwatch.ingest.config import IngestConfig
    from distillwatch.ingest.normalise import normalise
    from distillwatch.ingest.stages import Stages, worker_factory
    from distillwatch.ingest.validate import validate
    from distillwatch.ingest.workers import StepPool

    cfg = IngestConfig()
    table = normalise(raw, con=duckdb.connect()).table  # type: ignore[arg-type]
    table = validate(table, min_ts=cfg.min_ts, max_future=cfg.max_future,
                     now=datetime.now(UTC))[0].slice(0, 2_000)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    pool = StepPool(cfg, workers=2, factory=worker_factory(Stages.load))
    for f in [pool.submit(table) for _ in range(2)]:
        f.result()
    pool.close()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def _as_schema(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """Stored rows in ``schema`` (a store written by another tree may lack or add the
    integer key columns: they are derived from the hex keys)."""
    cols = []
    for f in schema:
        if f.name in table.column_names:
            cols.append(table.column(f.name).cast(f.type))
            continue
        # Imported only for a missing column, as bench/sketch.py does: the tree under test
        # (PYTHONPATH) may be one from before the integer keys.
        from distillwatch.store.key_ints import KEY_INT_COLUMNS, key_ints

        hex_key = next((k for k, ki in KEY_INT_COLUMNS.items() if ki == f.name), None)
        if hex_key is None:
            raise SystemExit(f"the store lacks {f.name}")
        cols.append(key_ints(table.column(hex_key)))
    return pa.Table.from_arrays(cols, schema=schema)


def _worker_cpu(proc: object) -> float:
    """CPU seconds so far of a live worker process (user + system)."""
    t = psutil.Process(proc.pid).cpu_times()  # type: ignore[attr-defined]
    return float(t.user + t.system)


def run_parts(src: Path, store: Path, baseline: Path | None, rounds: int = 3) -> None:
    trees = [("this tree", REPO / "src")] + ([("baseline", baseline)] if baseline else [])
    got: dict[str, list[dict[str, float]]] = {name: [] for name, _ in trees}
    for _ in range(rounds):
        for name, tree in trees:
            env = {**os.environ, "PYTHONPATH": str(tree)}
            res = subprocess.run(
                [sys.executable, __file__, "--parts-child", str(src), str(store)],
                env=env, cwd=REPO, capture_output=True, text=True, check=True,
            )
            got[name].append(json.loads(res.stdout.strip().splitlines()[-1]))
    print(f"CPU seconds per 1M events outside sketch and signals ({rounds} alternating runs, "
          "median):")
    keys = list(got["this tree"][0])
    head = "".join(f"{name:>14}" for name, _ in trees)
    print(f"  {'part':32}{head}")
    sums = dict.fromkeys(got, 0.0)
    for k in keys:
        if k == START:  # per run, not per 1M: kept out of the sum
            cells = "".join(
                f"{float(np.median([r[k] for r in got[name]])):14.2f}" for name, _ in trees
            )
            print(f"  {k:32}{cells}")
            continue
        cells = ""
        for name, _ in trees:
            med = float(np.median([r[k] for r in got[name]]))
            sums[name] += med
            cells += f"{med:14.2f}"
        print(f"  {k:32}{cells}")
    print(f"  {'sum':32}" + "".join(f"{sums[name]:14.2f}" for name, _ in trees))
    if baseline:
        print(f"  this tree / baseline: {sums['this tree'] / sums['baseline']:.2f}x")


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--parts-child":
        print(json.dumps(parts(Path(sys.argv[2]), Path(sys.argv[3]))))
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--events", type=int, default=5_000_000)
    ap.add_argument("--dir", type=Path, default=None, help="work directory (default: a temp dir)")
    ap.add_argument("--drop-text", action="store_true", help="ingest in privacy mode")
    ap.add_argument(
        "--workers", type=int, default=None,
        help="step worker processes (default: the IngestConfig default; 0: in process)",
    )
    ap.add_argument(
        "--keep", action="store_true", help="keep the work directory (a rerun reuses the input)"
    )
    ap.add_argument(
        "--rounds", type=int, default=1,
        help="run DuckDB and distillwatch alternately N times; print each ratio and the median",
    )
    ap.add_argument("--parts", action="store_true", help="also measure the non-step parts")
    ap.add_argument(
        "--parts-baseline", type=Path, default=None,
        help="an older checkout's src folder to measure the parts of as well",
    )
    args = ap.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="dw-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    src = work / "events.jsonl"
    try:
        marker = work / "events.jsonl.count"
        if src.exists() and marker.exists() and marker.read_text() == str(args.events):
            print(f"reusing {src} ({args.events:,} events)")
        else:
            t = time.perf_counter()
            generate(src, args.events)
            marker.write_text(str(args.events))
            took = time.perf_counter() - t
            print(f"generated {args.events:,} events in {took:.1f} s")
        size = src.stat().st_size
        print(f"input: {src} ({size / 1e9:.2f} GB)")
        shutil.rmtree(work / "store", ignore_errors=True)
        (work / "baseline.parquet").unlink(missing_ok=True)
        py = sys.executable
        # Whichever run went first would otherwise read the input from disk and warm the
        # page cache for the other: both now start from a cached input.
        print(f"input read once to warm the page cache: {warm_cache(src):.1f} s")
        print(f"step kernels loaded once (compiled if their source changed): "
              f"{load_kernels(py):.1f} s")
        load = os.getloadavg()[0]
        ratios: list[float] = []
        for r in range(args.rounds):
            if r:
                shutil.rmtree(work / "store", ignore_errors=True)
                (work / "baseline.parquet").unlink(missing_ok=True)
            base_s, base_cpu, base_rss, _ = measure(
                [py, "-c", BASELINE, str(src), str(work / "baseline.parquet")]
            )
            dw_s, dw_cpu, dw_rss, out = measure(
                [py, "-c", DISTILLWATCH, str(src), str(work / "store"),
                 "1" if args.drop_text else "0",
                 "" if args.workers is None else str(args.workers)]
            )
            ratios.append(dw_s / base_s)
            if args.rounds > 1:
                print(f"round {r + 1}: duckdb {base_s:.1f} s / {base_cpu:.1f} CPU-s, "
                      f"distillwatch {dw_s:.1f} s / {dw_cpu:.1f} CPU-s, "
                      f"ratio {dw_s / base_s:.2f}x wall, {dw_cpu / base_cpu:.2f}x CPU")
        lines = out.strip().splitlines()
        totals = json.loads(lines[-1])
        timing = json.loads(lines[-2])
        steps, cpu_steps = timing["seconds"], timing["cpu"]
        if totals["stored"] != args.events:
            raise SystemExit(f"stored {totals['stored']} of {args.events}: {totals}")
        rows = [
            ("duckdb read_json + COPY parquet", base_s, base_cpu, base_rss),
            ("distillwatch ingest" + (" --drop-text" if args.drop_text else ""), dw_s, dw_cpu,
             dw_rss),
        ]
        print(f"{'run':38} {'seconds':>9} {'CPU s':>8} {'events/s':>12} {'MB/s':>8} "
              f"{'peak RSS':>10}")
        for name, s, cpu, rss in rows:
            rate, mbs, gb = args.events / s, size / s / 1e6, rss / 2**30
            print(f"{name:38} {s:9.1f} {cpu:8.1f} {rate:12,.0f} {mbs:8.1f} {gb:8.2f} GB")
        ratio = dw_s / base_s
        print(f"ratio distillwatch / duckdb: {ratio:.2f}x wall, {dw_cpu / base_cpu:.2f}x CPU  "
              f"(target <= 3x wall; peak RSS < 4 GB)")
        if args.rounds > 1:
            print(f"median ratio over {args.rounds} rounds (the table shows the last): "
                  f"{statistics.median(ratios):.2f}x wall")
        print(f"load average: {load:.1f} before, {os.getloadavg()[0]:.1f} after")
        print(f"cpus: {os.cpu_count()}, totals: {totals}")
        store_gb = sum(f.stat().st_size for f in (work / "store").rglob("*.parquet")) / 1e9
        base_gb = (work / "baseline.parquet").stat().st_size / 1e9
        print(f"Parquet written: store {store_gb:.2f} GB (every row has a 64-value MinHash), "
              f"duckdb {base_gb:.2f} GB")
        print("seconds per step (wall, each in its own thread or process; they overlap):")
        print("  " + ", ".join(f"{k} {v:.1f}" for k, v in steps.items()))
        if cpu_steps:
            print("CPU seconds per step (thread or step worker running it; Arrow/DuckDB pools "
                  "only in the total):")
            print("  " + ", ".join(f"{k} {v:.1f}" for k, v in cpu_steps.items())
                  + f"; sum {sum(cpu_steps.values()):.1f} of {dw_cpu:.1f} in total")
            named = sum(cpu_steps.get(k, 0.0) for k in NAMED_STEPS)
            other = dw_cpu - named
            print(f"CPU outside the named steps (JSON parse, Parquet encoding, step-worker IPC, "
                  f"process start-up): {other:.1f} of {dw_cpu:.1f} CPU-s = "
                  f"{other * 1e6 / args.events:.2f} per 1M events "
                  f"(named steps: {named * 1e6 / args.events:.2f} per 1M)")
        if args.parts:
            run_parts(src, work / "store", args.parts_baseline)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Ingest speed and memory beside a bare DuckDB load of the same file.

Generates a contract JSONL file of N events with prompts and responses (NumPy picks every
value; DuckDB serialises the JSON), then, each in its own process with its peak RSS sampled:

1. baseline: DuckDB ``COPY (SELECT * FROM read_json(FILE)) TO 'x.parquet'`` (parse + write,
   nothing else);
2. distillwatch: ``ingest(FILE, store=...)`` (parse, normalise, validate, dedupe, enrich,
   sketch, signals, write, catalog).

Prints events/second and peak RSS of each and the time ratio (the figure; target <= 3x,
peak RSS < 4 GB).

    .venv/bin/python bench/ingest.py --events 5000000
    .venv/bin/python bench/ingest.py --events 200000 --keep   # small run, keep the files
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
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


def main() -> None:
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
        load = os.getloadavg()[0]
        base_s, base_cpu, base_rss, _ = measure(
            [py, "-c", BASELINE, str(src), str(work / "baseline.parquet")]
        )
        dw_s, dw_cpu, dw_rss, out = measure(
            [py, "-c", DISTILLWATCH, str(src), str(work / "store"), "1" if args.drop_text else "0",
             "" if args.workers is None else str(args.workers)]
        )
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
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

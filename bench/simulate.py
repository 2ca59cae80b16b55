"""Simulator speed: events/second written and peak RSS, beside a pyarrow baseline.

Runs ``alibaba-scale`` (default ``--scale 0.1``: 2,500 attack accounts, 2.88M attack
exchanges plus benign traffic over 44 days) in a child process, then, in another child,
writes the same number of rows of random columns in the contract schema with plain pyarrow
(same writer settings). Prints both rates, their ratio, and each child's peak RSS.

    .venv/bin/python bench/simulate.py [--scale 0.1] [--scenario alibaba-scale]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIM = """
import json, sys, time
from distillwatch.simulate import simulate
t = time.perf_counter()
r = simulate(sys.argv[1], sys.argv[2], scale=float(sys.argv[3]), seed=0)
print(json.dumps({"events": r.events, "attack_events": r.attack_events,
                  "accounts": r.accounts, "seconds": time.perf_counter() - t}))
"""

BASELINE = """
import json, sys, time
import numpy as np, pyarrow as pa, pyarrow.parquet as pq
from distillwatch.schema import EVENT_SCHEMA
from distillwatch.simulate.writer import DICTIONARY_COLUMNS, ROW_GROUP
rows, out = int(sys.argv[1]), sys.argv[2]
rng = np.random.default_rng(0)
# random text of the simulator's mean lengths, drawn from pools (like the simulator does)
pool = pa.array(["".join(chr(97 + c) for c in rng.integers(0, 26, 240)) for _ in range(20000)])
short = pa.array([f"v{i}" for i in range(5000)])
t = time.perf_counter()
w = pq.ParquetWriter(out, EVENT_SCHEMA, compression="zstd", compression_level=1,
                     use_dictionary=DICTIONARY_COLUMNS)
done = 0
while done < rows:
    n = min(200_000, rows - done)
    cols = {}
    for f in EVENT_SCHEMA:
        if pa.types.is_timestamp(f.type):
            cols[f.name] = pa.array(np.sort(rng.integers(0, 10**15, n)), f.type)
        elif pa.types.is_integer(f.type):
            cols[f.name] = pa.array(rng.integers(0, 5000, n))
        elif pa.types.is_floating(f.type):
            cols[f.name] = pa.array(rng.random(n))
        elif pa.types.is_boolean(f.type):
            cols[f.name] = pa.array(rng.random(n) < 0.5)
        else:
            src = pool if f.name in ("prompt", "response", "system_prompt") else short
            cols[f.name] = src.take(pa.array(rng.integers(0, len(src), n)))
    w.write_batch(pa.RecordBatch.from_pydict(cols, schema=EVENT_SCHEMA), row_group_size=ROW_GROUP)
    done += n
w.close()
print(json.dumps({"events": rows, "seconds": time.perf_counter() - t}))
"""


def child(code: str, *args: str) -> tuple[dict[str, float], float, float]:
    """Run ``code`` in a fresh interpreter: its JSON line, peak RSS (MiB) and CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    res = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    # ru_maxrss of children is the max over all waited children: run the bigger one first
    return json.loads(res.stdout.strip().splitlines()[-1]), after.ru_maxrss / 1024, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="alibaba-scale")
    ap.add_argument("--scale", type=float, default=0.1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        sim, sim_rss, sim_cpu = child(SIM, args.scenario, str(Path(tmp) / "sim"), str(args.scale))
        wall = time.perf_counter() - t0
        base, _, base_cpu = child(BASELINE, str(int(sim["events"])),
                                  str(Path(tmp) / "base.parquet"))
        size = sum(p.stat().st_size for p in (Path(tmp) / "sim").rglob("*") if p.is_file())
    sim_rate = sim["events"] / sim["seconds"]
    base_rate = base["events"] / base["seconds"]
    print(f"scenario {args.scenario} scale {args.scale}: {int(sim['events']):,} events "
          f"({int(sim['attack_events']):,} attack) from {int(sim['accounts']):,} accounts, "
          f"{size / 1e6:,.0f} MB on disk")
    print(f"simulate:  {sim_rate:12,.0f} events/s written ({sim['seconds']:.1f} s in run, "
          f"{wall:.1f} s with interpreter start), peak RSS {sim_rss:,.0f} MiB")
    print(f"baseline:  {base_rate:12,.0f} rows/s (pyarrow writing random columns, same schema "
          f"and writer settings)")
    print(f"ratio:     {sim_rate / base_rate:.2f} x baseline (wall clock)")
    # CPU time is less sensitive to a shared machine than wall clock
    print(f"per CPU-second: simulate {sim['events'] / sim_cpu:,.0f} events "
          f"(whole run incl. interpreter start and setup), baseline "
          f"{base['events'] / base_cpu:,.0f} rows; cores busy: simulate "
          f"{sim_cpu / wall:.2f}")


if __name__ == "__main__":
    main()

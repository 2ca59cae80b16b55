"""Speed and memory of ingest and detect beside a bare DuckDB aggregate over the same store.

Usage::

    .venv/bin/python bench/detect.py --scenario alibaba-scale --scale 0.4 --work /tmp/dw-bench
    .venv/bin/python bench/detect.py --work /tmp/dw-bench --reuse        # skip simulate+ingest

Each step runs in its own process and is measured for wall time and peak RSS (the process
tree, sampled every 0.1 s):

- ``simulate`` (only to make the data; not a target);
- ``ingest`` of the simulated events and accounts;
- ``bare aggregate``: one DuckDB scan of the store's events with ``GROUP BY account_id``
  (count, tokens, first/last seen): the floor any account-level detector pays;
- ``detect`` (features, scores, linkage, findings) and ``detect, no linkage`` (the same with
  ``[detect] linkage = false``), so the cost of the campaign stage is visible.

Prints a table with the ratio of each step to the bare aggregate (target: detect within 5x,
peak RSS under 8 GB) and the per-stage timings detect wrote to run.json. Not imported by tests.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

from chain import CLI, ingest_cmd, simulate_cmd  # bench/chain.py, beside this script

REPO = Path(__file__).resolve().parents[1]

BARE = """
import sys, duckdb
con = duckdb.connect()
rows = con.execute(
    "select account_id, count(*) as n, sum(input_tokens) as i, sum(output_tokens) as o,"
    " min(ts) as first_seen, max(ts) as last_seen"
    " from read_parquet(?, hive_partitioning = true) group by account_id",
    [sys.argv[1]],
).fetchall()
print(len(rows))
"""


def measure(cmd: list[str], *, out: Path | None = None) -> dict[str, Any]:
    """Run ``cmd``; wall seconds and peak RSS (bytes) of its whole process tree."""
    t0 = time.perf_counter()
    fh = out.open("w") if out is not None else subprocess.DEVNULL
    try:
        proc = psutil.Popen(cmd, cwd=REPO, stdout=fh, stderr=subprocess.PIPE)
        peak = 0
        while proc.poll() is None:
            try:
                procs = [proc, *proc.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()))
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
            time.sleep(0.1)
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    finally:
        if out is not None:
            fh.close()  # type: ignore[union-attr]
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])}... failed ({proc.returncode}):\n{err[-2000:]}")
    return {"seconds": time.perf_counter() - t0, "peak_rss": peak}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="alibaba-scale")
    ap.add_argument("--scale", type=float, default=0.4)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--days", type=int, default=None)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "dw-bench")
    ap.add_argument("--reuse", action="store_true", help="reuse simulate + ingest in --work")
    ap.add_argument(
        "--no-baseline-detect", action="store_true", help="skip the 'detect, no linkage' run"
    )
    args = ap.parse_args()
    work = args.work.resolve()
    steps: dict[str, dict[str, Any]] = {}
    if not (args.reuse and (work / "store").is_dir()):
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        steps["simulate"] = measure(
            simulate_cmd(work, scenario=args.scenario, scale=args.scale, seed=args.seed,
                         days=args.days)
        )
        steps["ingest"] = measure(ingest_cmd(work, drop_text=True))
    glob = str(work / "store" / "events" / "*" / "*.parquet")
    bare_out = work / "bare.txt"
    steps["bare aggregate"] = measure([sys.executable, "-c", BARE, glob], out=bare_out)
    accounts = int(bare_out.read_text().strip() or 0)
    import duckdb

    events = (
        duckdb.connect()
        .execute("select count(*) from read_parquet(?, hive_partitioning = true)", [glob])
        .fetchone()
    )
    n_events = int(events[0]) if events else 0
    shutil.rmtree(work / "findings", ignore_errors=True)
    steps["detect"] = measure(
        [*CLI, "detect", str(work / "store"), "--out", str(work / "findings")]
    )
    run = json.loads((work / "findings" / "run.json").read_text())
    if not args.no_baseline_detect:
        cfg = work / "no-linkage.toml"
        cfg.write_text("[detect]\nlinkage = false\n")
        shutil.rmtree(work / "findings-nolink", ignore_errors=True)
        steps["detect, no linkage"] = measure(
            [
                *CLI,
                "detect",
                str(work / "store"),
                "--out",
                str(work / "findings-nolink"),
                "--config",
                str(cfg),
            ]
        )
    base = steps["bare aggregate"]["seconds"]
    print(f"{args.scenario} scale {args.scale}: {n_events:,} events, {accounts:,} accounts")
    print("step | wall s | peak RSS MB | x bare aggregate")
    for name, s in steps.items():
        print(
            f"{name} | {s['seconds']:.1f} | {s['peak_rss'] / 2**20:,.0f} | "
            f"{s['seconds'] / base:.1f}x"
        )
    print(
        "detect stages (run.json timings_s): "
        + ", ".join(f"{k} {v:.1f}" for k, v in run.get("timings_s", {}).items())
    )
    link = run.get("linkage", {})
    print(
        f"linkage: {link.get('status')}, campaigns {link.get('campaigns')}, "
        f"stats {json.dumps(link.get('stats', {}), sort_keys=True)}"
    )
    (work / "bench.json").write_text(
        json.dumps(
            {"events": n_events, "accounts": accounts, "steps": steps, "run": run},
            indent=2,
            default=str,
        )
    )


if __name__ == "__main__":
    main()

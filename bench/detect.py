"""Speed and memory of ingest and detect beside a bare DuckDB aggregate over the same store.

Usage (the issue-5 size is >= 10 million events: alibaba-scale seed 1 gave 8.6M at scale 0.15 and
9.7M at 0.18, so the default is 0.2; simulate +
ingest take tens of minutes on 2 cores, then the store is reused)::

    .venv/bin/python bench/detect.py --work /tmp/dw-bench     # alibaba-scale, scale 0.2
    .venv/bin/python bench/detect.py --work /tmp/dw-bench     # again: reuses WORK/store
    .venv/bin/python bench/detect.py --scenario hydra --scale 0.02 --work /tmp/dw-small
    .venv/bin/python bench/detect.py --work /tmp/dw-bench --reuse --overlap-ab   # + overlap

WORK/store is reused when WORK/bench-store.json says it was made with the same scenario, scale,
seed and days (``--fresh`` rebuilds it; ``--reuse`` takes whatever store is there). The ingest
figures of the run that built the store are kept in that file and printed again on reuse.

Each step runs in its own process and is measured for wall time, CPU time (user + system of
the process and its children) and peak RSS (the process tree, sampled every 0.1 s):

- ``simulate`` (only to make the data; not a target);
- ``ingest`` of the simulated events and accounts;
- ``bare aggregate``: the floor any account-level detector pays, one DuckDB scan of the
  store's events with ``GROUP BY account_id`` over every column detect's feature stage reads
  (``features.account.FEATURE_SCAN_COLUMNS``), each with a simple aggregate: ``count(*)``;
  ``sum`` and ``max`` of numbers; ``min`` and ``max`` of timestamps and the day;
  ``count_if`` of booleans; ``approx_count_distinct`` of strings;
- ``bare aggregate, narrow``: the earlier floor, account_id, ts and input/output tokens only
  (count, token sums, first/last seen), printed for comparison with older figures;
- ``detect`` (features, scores, linkage, findings) and ``detect, no linkage`` (the same with
  ``[detect] linkage = false``), so the cost of the campaign stage is visible;
- with ``--overlap-ab``, ``detect, overlap on`` (``[detect] overlap_stages = true``: the link
  graph built beside the feature stage) right after ``detect`` (in order, the default), its
  findings compared byte for byte.

Prints a table with the ratio of each step to the bare aggregate (target: detect within 5x,
peak RSS under 8 GB) and the per-stage timings detect wrote to run.json; WORK/bench.json
keeps every figure. Not imported by tests.
"""

from __future__ import annotations

import argparse
import json
import os
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
DEFAULT_SCENARIO = "alibaba-scale"
DEFAULT_SCALE = 0.2  # seed 1: 0.15 -> 8.6M, 0.18 -> 9.7M events (issue 5 asks >= 10M)

# argv: events glob, comma-separated columns. Prints the number of accounts.
BARE = """
import sys, duckdb
glob, cols = sys.argv[1], sys.argv[2].split(",")
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")  # it prints to stdout, where the count goes
src = "read_parquet(?, hive_partitioning = true)"
types = dict(con.execute(f"select column_name, column_type from (describe select * from {src})",
                         [glob]).fetchall())
aggs = ["count(*)"]
for c in cols:
    t, q = types[c], '"' + c + '"'
    if t == "BOOLEAN":
        aggs.append(f"count_if({q})")
    elif t == "VARCHAR":
        aggs.append(f"approx_count_distinct({q})")
    elif t.startswith("TIMESTAMP") or t == "DATE":
        aggs += [f"min({q})", f"max({q})"]
    else:
        aggs += [f"sum({q})", f"max({q})"]
sql = f"select account_id, {', '.join(aggs)} from {src} group by account_id"
print(len(con.execute(sql, [glob]).fetchall()))
"""
BARE_NARROW = """
import sys, duckdb
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
rows = con.execute(
    "select account_id, count(*) as n, sum(input_tokens) as i, sum(output_tokens) as o,"
    " min(ts) as first_seen, max(ts) as last_seen"
    " from read_parquet(?, hive_partitioning = true) group by account_id",
    [sys.argv[1]],
).fetchall()
print(len(rows))
"""


def measure(cmd: list[str], *, out: Path | None = None) -> dict[str, Any]:
    """Run ``cmd``: wall seconds, CPU seconds and peak RSS (bytes) of its whole process tree."""
    t0 = time.perf_counter()
    cpu0 = _children_cpu()
    fh = out.open("w") if out is not None else subprocess.DEVNULL
    # stderr to a file, not a pipe: a chatty step must never block on a full pipe
    with tempfile.TemporaryFile() as err_fh:
        try:
            proc = psutil.Popen(cmd, cwd=REPO, stdout=fh, stderr=err_fh)
            peak = 0
            while proc.poll() is None:
                try:
                    procs = [proc, *proc.children(recursive=True)]
                    peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()))
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    pass
                time.sleep(0.1)
        finally:
            if out is not None:
                fh.close()  # type: ignore[union-attr]
        if proc.returncode != 0:
            err_fh.seek(0)
            err = err_fh.read().decode(errors="replace")
            raise SystemExit(f"{' '.join(cmd[:4])}... failed ({proc.returncode}):\n{err[-2000:]}")
    return {"seconds": time.perf_counter() - t0, "cpu_seconds": _children_cpu() - cpu0,
            "peak_rss": peak}


def _children_cpu() -> float:
    """User + system CPU seconds of this process's finished (waited-for) children."""
    t = os.times()
    return t.children_user + t.children_system


def _store_meta(args: argparse.Namespace) -> dict[str, Any]:
    return {"scenario": args.scenario, "scale": args.scale, "seed": args.seed, "days": args.days}


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Defaults: alibaba-scale at scale 0.2 (~10.7M events; issue 5 asks >= 10M).",
    )
    ap.add_argument("--scenario", default=DEFAULT_SCENARIO,
                    help=f"simulator scenario (default {DEFAULT_SCENARIO})")
    ap.add_argument("--scale", type=float, default=DEFAULT_SCALE,
                    help=f"scenario scale (default {DEFAULT_SCALE}: >= 10 million events on "
                         "alibaba-scale)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--days", type=int, default=None)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "dw-bench",
                    help="working folder; WORK/store is reused when made with the same options")
    ap.add_argument("--reuse", action="store_true",
                    help="reuse whatever store WORK holds (skip simulate + ingest)")
    ap.add_argument("--fresh", action="store_true", help="simulate and ingest again")
    ap.add_argument(
        "--no-baseline-detect", action="store_true", help="skip the 'detect, no linkage' run"
    )
    ap.add_argument(
        "--overlap-ab", action="store_true",
        help="also run detect with [detect] overlap_stages = true (link graph beside the "
             "feature stage) and compare its findings with the default run's",
    )
    args = ap.parse_args()
    work = args.work.resolve()
    meta_path = work / "bench-store.json"
    meta = json.loads(meta_path.read_text()) if meta_path.is_file() else {}
    have_store = (work / "store").is_dir() and not args.fresh
    reuse = have_store and (args.reuse or meta.get("options") == _store_meta(args))
    steps: dict[str, dict[str, Any]] = {}
    if reuse:
        built = meta.get("steps", {})
        steps.update({f"{k} (when the store was built)": v for k, v in built.items()})
        opts = meta.get("options", {})
        print(f"reusing {work / 'store'} ({opts or 'options unknown'})", flush=True)
    else:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        print(f"simulate {args.scenario} scale {args.scale} + ingest into {work / 'store'}",
              flush=True)
        steps["simulate"] = measure(
            simulate_cmd(work, scenario=args.scenario, scale=args.scale, seed=args.seed,
                         days=args.days)
        )
        steps["ingest"] = measure(ingest_cmd(work, drop_text=True))
        meta_path.write_text(json.dumps({"options": _store_meta(args), "steps": steps},
                                        indent=2))
    from distillwatch.features.account import FEATURE_SCAN_COLUMNS

    glob = str(work / "store" / "events" / "*" / "*.parquet")
    bare_out = work / "bare.txt"
    steps["bare aggregate"] = measure(
        [sys.executable, "-c", BARE, glob, ",".join(FEATURE_SCAN_COLUMNS)], out=bare_out
    )
    accounts = int((bare_out.read_text().split() or ["0"])[-1])
    steps["bare aggregate, narrow"] = measure([sys.executable, "-c", BARE_NARROW, glob])
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

    def detect_with(step: str, name: str, settings: str) -> dict[str, Any]:
        """Run detect with a one-table config into WORK/findings-NAME; its run.json."""
        cfg = work / f"{name}.toml"
        cfg.write_text(f"[detect]\n{settings}\n")
        out = work / f"findings-{name}"
        shutil.rmtree(out, ignore_errors=True)
        steps[step] = measure(
            [*CLI, "detect", str(work / "store"), "--out", str(out), "--config", str(cfg)]
        )
        return json.loads((out / "run.json").read_text())

    run_seq: dict[str, Any] = {}
    if args.overlap_ab:
        run_seq = detect_with("detect, overlap on", "overlap", "overlap_stages = true")
    run_nolink: dict[str, Any] = {}
    if not args.no_baseline_detect:
        run_nolink = detect_with("detect, no linkage", "nolink", "linkage = false")
    base = steps["bare aggregate"]
    opts = meta.get("options") if reuse else _store_meta(args)
    label = (f"{opts['scenario']} scale {opts['scale']} seed {opts['seed']}" if opts
             else f"the store in {work}")
    print(f"{label}: {n_events:,} events, {accounts:,} accounts "
          f"(store {'reused' if reuse else 'built now'})")
    print("step | wall s | CPU s | peak RSS MB | wall x bare aggregate | CPU x bare aggregate")
    for name, s in steps.items():
        cpu = s.get("cpu_seconds")
        print(
            f"{name} | {s['seconds']:.1f} | {'-' if cpu is None else f'{cpu:.1f}'} | "
            f"{s['peak_rss'] / 2**20:,.0f} | {s['seconds'] / base['seconds']:.1f}x | "
            + ("-" if cpu is None else f"{cpu / max(base['cpu_seconds'], 1e-9):.1f}x")
        )
    det = steps["detect"]
    ok_wall = det["seconds"] <= 5 * base["seconds"]
    ok_rss = det["peak_rss"] < 8 * 2**30
    print(f"targets: detect within 5x of the bare aggregate: "
          f"{det['seconds'] / base['seconds']:.1f}x ({'met' if ok_wall else 'NOT met'}); "
          f"peak RSS under 8 GB: {det['peak_rss'] / 2**30:.2f} GB "
          f"({'met' if ok_rss else 'NOT met'})")
    # what the detection stages outside linkage cost: the whole process (start-up, imports,
    # features, scores, evidence, writing) less the campaign stage's wall time
    timings = run.get("timings_s", {})
    overlap = run.get("overlap") or {}
    if overlap.get("enabled") and "wall_s" in overlap:
        # the link graph ran beside features + scores: only its wait and the finish add wall
        linkage_s = overlap.get("links_wait_s", 0.0) + timings.get("campaigns", 0.0)
        print(f"overlapped: features {timings.get('features', 0):.1f} s + scores "
              f"{timings.get('scores', 0):.1f} s beside links {timings.get('links', 0):.1f} s "
              f"took {overlap['wall_s']:.1f} s wall / {overlap.get('cpu_s', 0):.1f} CPU-s "
              f"(waited {overlap.get('links_wait_s', 0):.1f} s for links; thread CPU "
              f"{json.dumps(overlap.get('thread_cpu_s', {}), sort_keys=True)})")
    else:  # in order (before this round: one "campaigns" stage held links + campaigns)
        linkage_s = timings.get("links", 0.0) + timings.get("campaigns", 0.0)
    if "campaigns" in timings:
        outside = det["seconds"] - linkage_s
        print(f"detect outside linkage (detect wall less the wall linkage added): {outside:.1f} s "
              f"= {outside / base['seconds']:.1f}x the bare aggregate; linkage added "
              f"{linkage_s:.1f} s = {linkage_s / base['seconds']:.1f}x")
    if "process_cpu_s" in run:
        print(f"detect process CPU (run.json process_cpu_s, to the findings write): "
              f"{run['process_cpu_s']:.1f} s")
    if run_seq:
        same = [n for n in ("accounts.parquet", "campaigns.parquet", "links.parquet",
                            "evidence.jsonl", "features.parquet")
                if (work / "findings" / n).read_bytes()
                == (work / "findings-overlap" / n).read_bytes()]
        seq = steps["detect, overlap on"]
        print(f"overlap A/B: detect {det['seconds']:.1f} s wall / {det['cpu_seconds']:.1f} CPU-s "
              f"in order, {seq['seconds']:.1f} s / {seq['cpu_seconds']:.1f} overlapped "
              f"(overlapped / in order wall {seq['seconds'] / max(det['seconds'], 1e-9):.2f}); "
              f"findings identical: {len(same)}/5")
        ov_json = json.dumps(run_seq.get("overlap", {}), sort_keys=True)
        print(f"overlap on, run.json overlap: {ov_json}")
    for name, r in (("detect", run), ("detect, overlap on", run_seq),
                    ("detect, no linkage", run_nolink)):
        if r:
            cpu = r.get("timings_cpu_s", {})
            print(f"{name} stages (run.json, wall s / CPU s): "
                  + ", ".join(f"{k} {v:.1f}/{cpu[k]:.1f}" if k in cpu else f"{k} {v:.1f}"
                              for k, v in r.get("timings_s", {}).items()))
    link = run.get("linkage", {})
    print(
        f"linkage: {link.get('status')}, campaigns {link.get('campaigns')}, "
        f"stats {json.dumps(link.get('stats', {}), sort_keys=True)}"
    )
    (work / "bench.json").write_text(
        json.dumps(
            {"options": _store_meta(args), "events": n_events, "accounts": accounts,
             "store_reused": reuse, "steps": steps, "run": run, "run_overlap": run_seq,
             "run_no_linkage": run_nolink},
            indent=2,
            default=str,
        )
    )


if __name__ == "__main__":
    main()

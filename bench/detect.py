"""Speed and memory of ingest and detect beside a bare DuckDB aggregate over the same store.

Usage (the issue-5 size is >= 10 million events: alibaba-scale seed 1 gave 8.6M at scale 0.15 and
9.7M at 0.18, so the default is 0.2; simulate +
ingest take tens of minutes on 2 cores, then the store is reused)::

    .venv/bin/python bench/detect.py --work /tmp/dw-bench     # alibaba-scale, scale 0.2
    .venv/bin/python bench/detect.py --work /tmp/dw-bench     # again: reuses WORK/store
    .venv/bin/python bench/detect.py --scenario hydra --scale 0.02 --work /tmp/dw-small
    .venv/bin/python bench/detect.py --work /tmp/dw-bench --reuse --overlap-ab   # + overlap
    nice -n 10 .venv/bin/python bench/detect.py --work /tmp/dw-bench --reuse --rounds 5
    .venv/bin/python bench/detect.py --scenario hydra --scale 0.02 --work /tmp/dw-small --rounds 3

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

One pair of runs is noisy on a busy machine (3.7x-5.8x between identical runs of the same
code on 2 shared cores), so ``--rounds N`` (default 1: one round, the output above) runs N
rounds once the store exists, each the bare aggregate then detect, back to back so that
machine noise weighs on both alike. Before each round it prints the load average
(``os.getloadavg``). Each round's detect writes WORK/findings afresh; the findings of rounds
2..N (accounts, campaigns, links, features Parquet and evidence.jsonl) are compared byte for
byte with round 1's (kept in WORK/findings-round1 while the rounds run, and with any round
that differs, as WORK/findings-roundR). It then prints a per-round table (bare aggregate and
detect wall / CPU seconds, detect peak RSS, ratios of wall and of CPU) and the median ratio,
which the target line uses (peak RSS: the most of any round); the step table shows round 1,
and the run.json stage timings are medians over the rounds. The narrow aggregate,
``detect, no linkage`` and the overlap run run in round 1 only, unless ``--rounds-all``.
WORK/bench.json keeps every round (``rounds``: load average, steps, run.json of each run).
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import statistics
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


FINDINGS = ("accounts.parquet", "campaigns.parquet", "links.parquet", "evidence.jsonl",
            "features.parquet")


def differing(a: Path, b: Path) -> list[str]:
    """The findings files (``FINDINGS``) whose bytes differ between folders ``a`` and ``b``
    (one that is in only one of them differs)."""
    out = []
    for name in FINDINGS:
        fa, fb = a / name, b / name
        if fa.is_file() != fb.is_file() or (
            fa.is_file() and not filecmp.cmp(fa, fb, shallow=False)
        ):
            out.append(name)
    return out


def _ratio(rs: dict[str, dict[str, Any]], step: str) -> tuple[float, float]:
    """Wall and CPU of ``step`` over the bare aggregate of the same round."""
    s, b = rs[step], rs["bare aggregate"]
    return (s["seconds"] / max(b["seconds"], 1e-9),
            s["cpu_seconds"] / max(b["cpu_seconds"], 1e-9))


def _round_line(rs: dict[str, dict[str, Any]]) -> str:
    b, d = rs["bare aggregate"], rs["detect"]
    w, c = _ratio(rs, "detect")
    return (f"bare aggregate {b['seconds']:.1f} s / {b['cpu_seconds']:.1f} CPU-s, detect "
            f"{d['seconds']:.1f} s / {d['cpu_seconds']:.1f} CPU-s, ratio {w:.2f}x wall, "
            f"{c:.2f}x CPU")


def _median(rounds: list[dict[str, Any]], step: str, key: str) -> float:
    return statistics.median(rnd["steps"][step][key] for rnd in rounds)


def _linkage_split(rnd: dict[str, Any]) -> tuple[float, float, float]:
    """Detect wall outside linkage, the wall linkage added, and the bare aggregate's wall."""
    run, rs = rnd["run"], rnd["steps"]
    timings = run.get("timings_s", {})
    overlap = run.get("overlap") or {}
    if overlap.get("enabled") and "wall_s" in overlap:
        # the link graph ran beside features + scores: only its wait and the finish add wall
        linkage_s = overlap.get("links_wait_s", 0.0) + timings.get("campaigns", 0.0)
    else:  # in order (an older run.json: one "campaigns" stage held links + campaigns)
        linkage_s = timings.get("links", 0.0) + timings.get("campaigns", 0.0)
    return (rs["detect"]["seconds"] - linkage_s, linkage_s, rs["bare aggregate"]["seconds"])


def _median_stages(runs: list[dict[str, Any]]) -> tuple[dict[str, float], dict[str, float]]:
    """Per-stage wall and CPU seconds (run.json ``timings_s``, ``timings_cpu_s``), each the
    median over ``runs`` (stages in the first run's order)."""
    wall = {k: statistics.median(r.get("timings_s", {}).get(k, 0.0) for r in runs)
            for k in runs[0].get("timings_s", {})}
    cpu = {k: statistics.median(r.get("timings_cpu_s", {}).get(k, 0.0) for r in runs)
           for k in runs[0].get("timings_cpu_s", {})}
    return wall, cpu


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
    ap.add_argument(
        "--rounds", type=int, default=1,
        help="run the bare aggregate and detect alternately N times (default 1); print each "
             "round's ratio and the median, which the target line then uses",
    )
    ap.add_argument(
        "--rounds-all", action="store_true",
        help="with --rounds, also run the narrow aggregate, 'detect, no linkage' (and the "
             "overlap run) in every round, not in round 1 only",
    )
    args = ap.parse_args()
    if args.rounds < 1:
        ap.error("--rounds must be at least 1")
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
    findings = work / "findings"
    first = work / "findings-round1"  # round 1's findings, kept to compare later rounds with
    for old in work.glob("findings-round*"):  # an earlier run's
        shutil.rmtree(old, ignore_errors=True)
    multi = args.rounds > 1
    accounts = n_events = 0
    rounds: list[dict[str, Any]] = []

    def detect_with(rs: dict[str, dict[str, Any]], step: str, name: str,
                    settings: str) -> dict[str, Any]:
        """Run detect with a one-table config into WORK/findings-NAME; its run.json."""
        cfg = work / f"{name}.toml"
        cfg.write_text(f"[detect]\n{settings}\n")
        out = work / f"findings-{name}"
        shutil.rmtree(out, ignore_errors=True)
        rs[step] = measure(
            [*CLI, "detect", str(work / "store"), "--out", str(out), "--config", str(cfg)]
        )
        return json.loads((out / "run.json").read_text())

    for r in range(1, args.rounds + 1):
        # the steps besides bare aggregate + detect run in round 1 only, unless --rounds-all
        extras = r == 1 or args.rounds_all
        load = os.getloadavg()
        if multi:
            print(f"round {r}/{args.rounds}: load average {load[0]:.2f} {load[1]:.2f} "
                  f"{load[2]:.2f} (1, 5, 15 min) before it", flush=True)
        rs: dict[str, dict[str, Any]] = {}
        # bare aggregate then detect, back to back in every round, so that whatever else the
        # machine is doing weighs on both alike
        rs["bare aggregate"] = measure(
            [sys.executable, "-c", BARE, glob, ",".join(FEATURE_SCAN_COLUMNS)], out=bare_out
        )
        if r == 1:
            accounts = int((bare_out.read_text().split() or ["0"])[-1])
        if extras:
            rs["bare aggregate, narrow"] = measure([sys.executable, "-c", BARE_NARROW, glob])
        if r == 1:
            import duckdb

            events = (
                duckdb.connect()
                .execute("select count(*) from read_parquet(?, hive_partitioning = true)",
                         [glob])
                .fetchone()
            )
            n_events = int(events[0]) if events else 0
        shutil.rmtree(findings, ignore_errors=True)
        rs["detect"] = measure([*CLI, "detect", str(work / "store"), "--out", str(findings)])
        rnd: dict[str, Any] = {"round": r, "loadavg_before": list(load), "steps": rs,
                               "run": json.loads((findings / "run.json").read_text())}
        if multi and r == 1:
            shutil.copytree(findings, first)
        elif r > 1:
            rnd["findings_differ"] = differing(first, findings)
            if rnd["findings_differ"]:  # kept for a diff beside round 1's
                kept = work / f"findings-round{r}"
                shutil.rmtree(kept, ignore_errors=True)
                shutil.copytree(findings, kept)
        if extras and args.overlap_ab:
            rnd["run_overlap"] = detect_with(rs, "detect, overlap on", "overlap",
                                             "overlap_stages = true")
            rnd["overlap_differ"] = differing(findings, work / "findings-overlap")
        if extras and not args.no_baseline_detect:
            rnd["run_no_linkage"] = detect_with(rs, "detect, no linkage", "nolink",
                                                "linkage = false")
        rounds.append(rnd)
        if multi:
            print(f"round {r}: {_round_line(rs)}", flush=True)

    one = rounds[0]
    run = one["run"]
    run_seq: dict[str, Any] = one.get("run_overlap", {})
    run_nolink: dict[str, Any] = one.get("run_no_linkage", {})
    steps.update(one["steps"])
    base = steps["bare aggregate"]
    opts = meta.get("options") if reuse else _store_meta(args)
    label = (f"{opts['scenario']} scale {opts['scale']} seed {opts['seed']}" if opts
             else f"the store in {work}")
    print(f"{label}: {n_events:,} events, {accounts:,} accounts "
          f"(store {'reused' if reuse else 'built now'})")
    if multi:
        print(f"round 1's steps ({args.rounds} rounds of bare aggregate + detect below):")
    print("step | wall s | CPU s | peak RSS MB | wall x bare aggregate | CPU x bare aggregate")
    for name, s in steps.items():
        cpu = s.get("cpu_seconds")
        print(
            f"{name} | {s['seconds']:.1f} | {'-' if cpu is None else f'{cpu:.1f}'} | "
            f"{s['peak_rss'] / 2**20:,.0f} | {s['seconds'] / base['seconds']:.1f}x | "
            + ("-" if cpu is None else f"{cpu / max(base['cpu_seconds'], 1e-9):.1f}x")
        )
    ratios = [_ratio(rnd["steps"], "detect") for rnd in rounds]
    med_wall = statistics.median(w for w, _ in ratios)
    med_cpu = statistics.median(c for _, c in ratios)
    peak = max(rnd["steps"]["detect"]["peak_rss"] for rnd in rounds)
    identical: bool | None = None
    if multi:
        print("round | load (1 min) | bare wall s | bare CPU s | detect wall s | detect CPU s | "
              "detect peak RSS MB | wall x bare | CPU x bare")
        for rnd, (w, c) in zip(rounds, ratios, strict=True):
            b, d = rnd["steps"]["bare aggregate"], rnd["steps"]["detect"]
            print(f"{rnd['round']} | {rnd['loadavg_before'][0]:.2f} | {b['seconds']:.1f} | "
                  f"{b['cpu_seconds']:.1f} | {d['seconds']:.1f} | {d['cpu_seconds']:.1f} | "
                  f"{d['peak_rss'] / 2**20:,.0f} | {w:.2f}x | {c:.2f}x")
        walls = sorted(w for w, _ in ratios)
        print(f"median ratio over {args.rounds} rounds: {med_wall:.2f}x wall "
              f"(from {walls[0]:.2f}x to {walls[-1]:.2f}x), {med_cpu:.2f}x CPU; "
              f"detect median {_median(rounds, 'detect', 'seconds'):.1f} s / "
              f"{_median(rounds, 'detect', 'cpu_seconds'):.1f} CPU-s, bare aggregate median "
              f"{_median(rounds, 'bare aggregate', 'seconds'):.1f} s / "
              f"{_median(rounds, 'bare aggregate', 'cpu_seconds'):.1f} CPU-s")
        for step in ("bare aggregate, narrow", "detect, overlap on", "detect, no linkage"):
            got = [_ratio(rnd["steps"], step) for rnd in rounds if step in rnd["steps"]]
            if len(got) > 1:
                print(f"{step}, {len(got)} rounds: x bare aggregate "
                      + ", ".join(f"{w:.2f}" for w, _ in got)
                      + f" (median {statistics.median(w for w, _ in got):.2f}x wall, "
                        f"{statistics.median(c for _, c in got):.2f}x CPU)")
        bad = [(rnd["round"], rnd["findings_differ"]) for rnd in rounds[1:]
               if rnd["findings_differ"]]
        identical = not bad
        if identical:
            shutil.rmtree(first, ignore_errors=True)
            later = "round 2" if args.rounds == 2 else f"rounds 2-{args.rounds}"
            print(f"findings of {later} byte-identical to round 1's "
                  f"({', '.join(FINDINGS)}): yes")
        else:
            print("findings NOT identical to round 1's: "
                  + "; ".join(f"round {r}: {', '.join(d)} (WORK/findings-round{r})"
                              for r, d in bad)
                  + f"; round 1's kept in {first}")
        print("load average after the last round: "
              + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    det = steps["detect"]
    ok_wall = med_wall <= 5
    ok_rss = peak < 8 * 2**30
    if multi:
        print(f"targets: detect within 5x of the bare aggregate: median {med_wall:.2f}x over "
              f"{args.rounds} rounds ({'met' if ok_wall else 'NOT met'}); "
              f"peak RSS under 8 GB: {peak / 2**30:.2f} GB, the most of any round "
              f"({'met' if ok_rss else 'NOT met'})")
    else:
        print(f"targets: detect within 5x of the bare aggregate: "
              f"{det['seconds'] / base['seconds']:.1f}x ({'met' if ok_wall else 'NOT met'}); "
              f"peak RSS under 8 GB: {det['peak_rss'] / 2**30:.2f} GB "
              f"({'met' if ok_rss else 'NOT met'})")
    # what the detection stages outside linkage cost: the whole process (start-up, imports,
    # features, scores, evidence, writing) less the campaign stage's wall time
    overlap = run.get("overlap") or {}
    if overlap.get("enabled") and "wall_s" in overlap:
        timings = run.get("timings_s", {})
        print(f"overlapped{' (round 1)' if multi else ''}: features "
              f"{timings.get('features', 0):.1f} s + scores "
              f"{timings.get('scores', 0):.1f} s beside links {timings.get('links', 0):.1f} s "
              f"took {overlap['wall_s']:.1f} s wall / {overlap.get('cpu_s', 0):.1f} CPU-s "
              f"(waited {overlap.get('links_wait_s', 0):.1f} s for links; thread CPU "
              f"{json.dumps(overlap.get('thread_cpu_s', {}), sort_keys=True)})")
    if "campaigns" in run.get("timings_s", {}):
        split = [_linkage_split(rnd) for rnd in rounds]
        outside = statistics.median(o for o, _, _ in split)
        linkage_s = statistics.median(k for _, k, _ in split)
        # ratios to each round's own bare aggregate, then their median (one round: the same
        # figures as before --rounds)
        out_x = statistics.median(o / b for o, _, b in split)
        link_x = statistics.median(k / b for _, k, b in split)
        which = f"; medians of {args.rounds} rounds" if multi else ""
        print(f"detect outside linkage (detect wall less the wall linkage added{which}): "
              f"{outside:.1f} s = {out_x:.1f}x the bare aggregate; linkage added "
              f"{linkage_s:.1f} s = {link_x:.1f}x")
    cpus = [rnd["run"]["process_cpu_s"] for rnd in rounds if "process_cpu_s" in rnd["run"]]
    if cpus:
        print(f"detect process CPU (run.json process_cpu_s, to the findings write"
              f"{f'; median of {len(cpus)} rounds' if multi else ''}): "
              f"{statistics.median(cpus):.1f} s")
    for rnd in rounds:
        if "run_overlap" not in rnd:
            continue
        det_r, seq = rnd["steps"]["detect"], rnd["steps"]["detect, overlap on"]
        same = len(FINDINGS) - len(rnd["overlap_differ"])
        which = f" (round {rnd['round']})" if multi else ""
        print(f"overlap A/B{which}: detect "
              f"{det_r['seconds']:.1f} s wall / {det_r['cpu_seconds']:.1f} CPU-s "
              f"in order, {seq['seconds']:.1f} s / {seq['cpu_seconds']:.1f} overlapped "
              f"(overlapped / in order wall {seq['seconds'] / max(det_r['seconds'], 1e-9):.2f}); "
              f"findings identical: {same}/{len(FINDINGS)}")
    if run_seq:
        ov_json = json.dumps(run_seq.get("overlap", {}), sort_keys=True)
        print(f"overlap on, run.json overlap{' (round 1)' if multi else ''}: {ov_json}")
    for name, key in (("detect", "run"), ("detect, overlap on", "run_overlap"),
                      ("detect, no linkage", "run_no_linkage")):
        runs = [rnd[key] for rnd in rounds if rnd.get(key)]
        if runs:
            wall, cpu = _median_stages(runs)
            print(f"{name} stages (run.json, wall s / CPU s"
                  f"{f', median of {len(runs)} rounds' if len(runs) > 1 else ''}): "
                  + ", ".join(f"{k} {v:.1f}/{cpu[k]:.1f}" if k in cpu else f"{k} {v:.1f}"
                              for k, v in wall.items()))
    link = run.get("linkage", {})
    print(
        f"linkage: {link.get('status')}, campaigns {link.get('campaigns')}, "
        f"stats {json.dumps(link.get('stats', {}), sort_keys=True)}"
    )
    (work / "bench.json").write_text(
        json.dumps(
            {"options": _store_meta(args), "events": n_events, "accounts": accounts,
             "store_reused": reuse, "steps": steps, "run": run, "run_overlap": run_seq,
             "run_no_linkage": run_nolink, "rounds": rounds,
             "median_ratio_wall": med_wall, "median_ratio_cpu": med_cpu,
             "findings_identical_across_rounds": identical},
            indent=2,
            default=str,
        )
    )

if __name__ == "__main__":
    main()

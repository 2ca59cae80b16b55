"""CPU and wall time of campaign linkage (``find_campaigns``) per step, beside a bare scan.

Usage (any store: one written by ``distillwatch ingest``, or WORK/store of bench/detect.py)::

    .venv/bin/python bench/linkage.py --store /tmp/dw-bench/store
    .venv/bin/python bench/linkage.py --store STORE --findings FINDINGS   # real account scores

In one process: a bare DuckDB scan of the store's events with ``GROUP BY account_id``
(count, token sums, first/last seen: the floor of any account-level pass), then
``find_campaigns`` on the same store, each timed for CPU seconds (``time.process_time``: all
threads, DuckDB's included) and wall seconds, run ``--repeat`` times (the best is printed:
the machine is shared). Prints linkage's per-step CPU seconds (``CampaignResult.cpu_seconds``:
one ``memberships.*`` entry per engine query, then the in-memory steps), its ratio to the bare
aggregate, the engine/in-memory split and the peak RSS of the process. Account scores come from
FINDINGS/accounts.parquet when given (campaign scoring depends on them), else 0.5 for all.
Not imported by tests.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

BARE_SQL = (
    "select account_id, count(*), sum(input_tokens), sum(output_tokens), min(ts), max(ts)"
    " from read_parquet(?, hive_partitioning = true) group by account_id"
)


def _timed(fn: Any) -> tuple[Any, float, float]:
    c0, w0 = time.process_time(), time.perf_counter()
    out = fn()
    return out, time.process_time() - c0, time.perf_counter() - w0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", required=True, type=Path)
    ap.add_argument("--findings", type=Path, help="findings dir whose accounts give scores")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)

    import duckdb

    from distillwatch.linkage import find_campaigns, load_linkage_config
    from distillwatch.pipeline.detect import _as_table, open_accounts, open_events
    from distillwatch.store.engines import connect

    glob = str(args.store / "events" / "**" / "*.parquet")
    bare_con = duckdb.connect()
    con = connect("duckdb")
    events = open_events(con, args.store)
    accounts = _as_table(open_accounts(con, args.store))
    if args.findings is not None:
        scores = pq.read_table(args.findings / "accounts.parquet", columns=["account_id", "score"])
    else:
        ids = events.select("account_id").distinct().to_pyarrow()["account_id"]
        scores = pa.table({"account_id": ids, "score": pa.array([0.5] * len(ids), pa.float64())})
    n_events = int(events.count().to_pyarrow().as_py())
    cfg = load_linkage_config()

    best: dict[str, Any] = {}
    for _ in range(max(1, args.repeat)):
        bare, b_cpu, b_wall = _timed(lambda: bare_con.sql(BARE_SQL, params=[glob]).fetchall())
        res, l_cpu, l_wall = _timed(lambda: find_campaigns(events, accounts, scores, config=cfg))
        if not best or l_cpu < best["linkage_cpu_s"]:
            best = {
                "events": n_events,
                "accounts": len(bare),
                "bare_cpu_s": round(b_cpu, 3),
                "bare_wall_s": round(b_wall, 3),
                "linkage_cpu_s": round(l_cpu, 3),
                "linkage_wall_s": round(l_wall, 3),
                "steps_cpu_s": res.cpu_seconds,
                "campaigns": res.campaigns.num_rows,
                "campaign_accounts": res.membership.num_rows,
                "campaign_accounts_total": int(pc.sum(res.campaigns["accounts"]).as_py() or 0),
                "candidate_rows": res.stats["candidate_rows"],
                "pairs": res.stats["pairs"],
            }
    best["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    best["linkage_over_bare_cpu"] = round(best["linkage_cpu_s"] / max(best["bare_cpu_s"], 1e-3), 1)
    print(
        f"{best['events']:,} events, {best['accounts']:,} accounts | bare aggregate "
        f"{best['bare_cpu_s']:.2f} s CPU ({best['bare_wall_s']:.2f} s wall) | linkage "
        f"{best['linkage_cpu_s']:.2f} s CPU ({best['linkage_wall_s']:.2f} s wall) = "
        f"{best['linkage_over_bare_cpu']}x the bare aggregate | peak RSS {best['peak_rss_mb']} MB"
    )
    print("linkage CPU s per step: " + ", ".join(f"{k} {v:.2f}" for k, v in
                                                 best["steps_cpu_s"].items()))
    steps = best["steps_cpu_s"]
    engine = sum(v for k, v in steps.items() if k == "activity" or k.startswith("memberships."))
    print(f"engine queries (activity, memberships.*) {engine:.2f} s CPU = "
          f"{engine / max(best['bare_cpu_s'], 1e-3):.1f}x the bare aggregate; in memory "
          f"{sum(steps.values()) - engine:.2f} s CPU")
    print(f"{best['campaigns']} campaigns, {best['campaign_accounts']} accounts in campaigns, "
          f"{best['candidate_rows']:,} candidate rows, {best['pairs']:,} pairs")
    if args.json is not None:
        args.json.write_text(json.dumps(best, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``--replay daily``: run detection on each day's prefix of a store, as it would have run.

For every day D of the store, ``detect_prefix(D)`` returns the findings accounts table that
detection produces from the events of days <= D (``account_id, flagged`` and, when linkage
ran, ``campaign_id``). From these, per truth campaign:

- ``start_day``: the first day any of its accounts made an exchange;
- ``first_flag_day``: the first day on which at least one of its accounts was flagged, and
  ``share_flagged`` then (flagged / accounts active so far);
- ``first_campaign_day``: the first day a found campaign was assigned to it (most members);
- ``days_to_flag`` (0 = flagged on the day it started) and ``exchanges_before_flag``: the
  exchanges its accounts made up to and including the first flag day (detection runs on a
  day's prefix after that day ends, so these all happened before the flag could act).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from distillwatch.evaluate.campaigns import BENIGN, campaign_metrics
from distillwatch.exceptions import InputError, StoreError
from distillwatch.store.layout import StoreLayout
from distillwatch.types import StrPath

DetectPrefix = Callable[[date], pa.Table]


def daily_exchanges(store: StrPath) -> pa.Table:
    """``account_id, day, exchanges`` from the store's day partitions (a DuckDB scan)."""
    layout = StoreLayout.at(store)
    if not layout.days():
        raise StoreError(f"store {layout.root} has no event partitions")
    con = duckdb.connect()
    try:
        return con.sql(
            "select account_id, cast(day as date) as day, count(*)::bigint as exchanges"
            " from read_parquet(?, hive_partitioning = true) group by 1, 2",
            params=[layout.events_glob],
        ).to_arrow_table()
    finally:
        con.close()


def replay_daily(
    store: StrPath,
    truth: pa.Table,
    *,
    detect_prefix: DetectPrefix,
    days: list[date] | None = None,
    on_day: Callable[[date, int, int], None] | None = None,
) -> dict[str, Any]:
    """Detect on each day's prefix; report when each truth campaign was first flagged."""
    layout = StoreLayout.at(store)
    all_days = days if days is not None else layout.days()
    if not all_days:
        raise StoreError(f"store {layout.root} has no event partitions")
    for col in ("account_id", "label", "campaign_id"):
        if col not in truth.column_names:
            raise InputError(f"truth lacks column {col!r}")
    campaign_of = {
        a: c or "attack-unassigned"
        for a, lab, c in zip(
            truth["account_id"].to_pylist(), truth["label"].to_pylist(),
            truth["campaign_id"].to_pylist(), strict=True,
        )
        if lab == "attack"
    }
    per_day_ex: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    first_day: dict[str, date] = {}
    ex = daily_exchanges(store)
    for a, d, n in zip(
        ex["account_id"].to_pylist(), ex["day"].to_pylist(), ex["exchanges"].to_pylist(),
        strict=True,
    ):
        c = campaign_of.get(a)
        if c is None:
            continue
        per_day_ex[c][d] += int(n)
        if a not in first_day or d < first_day[a]:
            first_day[a] = d

    first_flag: dict[str, date] = {}
    share_at_flag: dict[str, float] = {}
    first_found: dict[str, date] = {}
    timeline: list[dict[str, Any]] = []
    for i, d in enumerate(all_days):
        acc = detect_prefix(d)
        if "flagged" not in acc.column_names:
            raise InputError("detect_prefix must return findings accounts with 'flagged'")
        flagged = {
            a for a, f in zip(acc["account_id"].to_pylist(), acc["flagged"].to_pylist(),
                              strict=True) if f
        }
        flagged_by_c: dict[str, int] = defaultdict(int)
        for a in flagged:
            c = campaign_of.get(a)
            if c is not None:
                flagged_by_c[c] += 1
        active_by_c: dict[str, int] = defaultdict(int)
        for a, fd in first_day.items():
            if fd <= d:
                active_by_c[campaign_of[a]] += 1
        for c, k in flagged_by_c.items():
            if c not in first_flag and k > 0:
                first_flag[c] = d
                share_at_flag[c] = k / max(1, active_by_c[c])
        if "campaign_id" in acc.column_names:
            m = campaign_metrics(acc.select(["account_id", "campaign_id"]), truth)
            for p in m["campaigns"]:
                if p["fragments"] and p["truth_campaign"] not in first_found:
                    first_found[p["truth_campaign"]] = d
        timeline.append(
            {
                "day": d.isoformat(),
                "flagged_accounts": len(flagged),
                "flagged_attack_accounts": sum(flagged_by_c.values()),
                "flagged_benign_accounts": len(flagged) - sum(flagged_by_c.values()),
            }
        )
        if on_day is not None:
            on_day(d, i + 1, len(all_days))

    out: list[dict[str, Any]] = []
    for c in sorted(per_day_ex):
        start = min(per_day_ex[c])
        ff = first_flag.get(c)
        total = sum(per_day_ex[c].values())
        before = sum(n for dd, n in per_day_ex[c].items() if ff is not None and dd <= ff)
        out.append(
            {
                "truth_campaign": c,
                "start_day": start.isoformat(),
                "first_flag_day": ff.isoformat() if ff else None,
                "days_to_flag": (ff - start).days if ff else None,
                "share_flagged": round(share_at_flag.get(c, 0.0), 4),
                "first_campaign_day": first_found[c].isoformat() if c in first_found else None,
                "exchanges_before_flag": before if ff else total,
                "exchanges_total": total,
            }
        )
    return {
        "days": [d.isoformat() for d in all_days],
        "campaigns": out,
        "timeline": timeline,
        "flagged_within_first_day": sum(
            1 for r in out if r["days_to_flag"] is not None and r["days_to_flag"] <= 0
        ),
        "truth_campaigns": len(out),
        "benign_label": BENIGN,
    }

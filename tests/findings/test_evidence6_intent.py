"""findings.evidence._intent: DuckDB's per-account ``min_by`` top-k against the window ranking
(the portable path) and against Python, with saturated scores, ties and short accounts."""

from __future__ import annotations

import random
from pathlib import Path

import ibis
import pyarrow as pa
import pyarrow.parquet as pq

from distillwatch.findings import evidence as ev

_KEY = [("account_id", "ascending"), ("intent_score", "descending"), ("event_key", "ascending")]


def _events(seed: int) -> pa.Table:
    rng = random.Random(seed)
    rows = []
    for i in range(3000):
        acc = f"acc-{rng.randrange(40):02d}"
        # saturated classifiers: many exact 1.0 and repeated values, some nulls and lows
        score = rng.choice([1.0, 1.0, 0.9990234375, 0.75, 0.5, 0.49, None, rng.random()])
        rows.append({"account_id": acc, "event_key": f"chatcmpl-{rng.randrange(10**9)}-{i}",
                     "intent_label": rng.choice(["cot_elicitation", "synthetic_data", None]),
                     "intent_score": score, "_acc": int(acc[-2:])})
    # an account with a single high event and one with none above the bar
    rows.append({"account_id": "acc-solo", "event_key": "k1", "intent_label": "x",
                 "intent_score": 0.8, "_acc": 98})
    rows.append({"account_id": "acc-low", "event_key": "k2", "intent_label": "x",
                 "intent_score": 0.1, "_acc": 99})
    return pa.Table.from_pylist(rows, schema=pa.schema([
        ("account_id", pa.string()), ("event_key", pa.string()), ("intent_label", pa.string()),
        ("intent_score", pa.float32()), ("_acc", pa.int64())]))


def _python_top(table: pa.Table, k: int) -> list[tuple]:
    by: dict[str, list[tuple]] = {}
    for r in table.to_pylist():
        if r["intent_score"] is None or r["intent_score"] < ev.INTENT_HIGH:
            continue
        by.setdefault(r["account_id"], []).append(
            (r["account_id"], r["event_key"], r["intent_label"], float(r["intent_score"])))
    out = []
    for rows in by.values():
        out += sorted(rows, key=lambda x: (-x[3], x[1]))[:k]
    return sorted(out, key=lambda x: (x[0], -x[3], x[1]))


def test_min_by_top_k_matches_window_and_python(tmp_path: Path) -> None:
    con = ibis.duckdb.connect()
    for seed, k in ((1, 3), (2, 1), (3, 5)):
        table = _events(seed)
        pq.write_table(table, tmp_path / f"ev{seed}.parquet")
        t = con.read_parquet(tmp_path / f"ev{seed}.parquet")
        assert ev.on_duckdb(t)  # the min_by path
        fast = ev._intent(t, k).to_pyarrow().sort_by(_KEY)
        i = t.filter(t.intent_score >= ev.INTENT_HIGH).select(
            "account_id", "event_key", "intent_label", "_acc",
            intent_score=t.intent_score.cast("float64"))
        window = ev._top_per_account(i, [ibis.desc("intent_score"), "event_key"], k,
                                     partition="_acc").drop("_acc").to_pyarrow().sort_by(_KEY)
        assert fast.schema == window.schema
        assert fast.column_names == ["account_id", "event_key", "intent_label", "intent_score"]
        assert fast.equals(window)
        got = [tuple(r.values()) for r in fast.to_pylist()]
        assert got == _python_top(table, k)
        assert "acc-low" not in fast.column("account_id").to_pylist()


def test_min_by_top_k_ranks_a_nan_score_as_the_window_does() -> None:
    """DuckDB orders NaN above every number, so the window ranks a NaN score first; the
    min_by key must too (negated, NaN would rank last)."""
    table = pa.table({
        "account_id": ["a"] * 4, "event_key": ["k1", "k2", "k3", "k4"],
        "intent_label": ["w", "x", "y", "z"],
        "intent_score": pa.array([0.9, float("nan"), 0.95, 1.0], pa.float32()),
        "_acc": [1] * 4,
    })
    con = ibis.duckdb.connect()
    t = ibis.memtable(table)
    i = t.filter(t.intent_score >= ev.INTENT_HIGH).select(
        "account_id", "event_key", "intent_label", "_acc",
        intent_score=t.intent_score.cast("float64"))
    for k in (1, 2):
        window = con.to_pyarrow(ev._top_per_account(
            i, [ibis.desc("intent_score"), "event_key"], k, partition="_acc").drop("_acc"))
        fast = con.to_pyarrow(ev._intent(t, k))
        got = sorted(fast.column("event_key").to_pylist())
        assert got == sorted(window.column("event_key").to_pylist()) == sorted(["k2", "k4"][:k])

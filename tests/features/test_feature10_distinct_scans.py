"""Round 10: the exact distinct counts filter and hash the events in each of their three
roll-ups (no shared hashed table, which DuckDB materialized as a CTE). The counts equal a
plain-Python count, with nulls, accounts without any value, a time-filtered events table, on
the account hash and on the id strings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import ibis
import numpy as np
import pyarrow as pa
import pytest

from distillwatch.features.expressions import distinct_counts, hashed_accounts

COLS = {"user_agent": "distinct_user_agents", "api_key_id": "distinct_api_keys",
        "end_user": "distinct_end_users"}
T0 = datetime(2026, 3, 2, tzinfo=UTC)


def _events(seed: int) -> pa.Table:
    rng = np.random.default_rng(seed)
    n = 3000
    acct = rng.integers(0, 60, n)

    def col(k: int, null_share: float) -> list[str | None]:
        v = rng.integers(0, k, n)
        return [None if rng.random() < null_share else f"v{x}" for x in v]

    table = pa.table({
        "account_id": pa.array([f"acct-{a:04d}-with-a-long-id" for a in acct], pa.string()),
        "user_agent": pa.array(col(40, 0.1), pa.string()),
        "api_key_id": pa.array(col(5, 0.3), pa.string()),
        "end_user": pa.array(col(300, 0.9), pa.string()),
        "ts": pa.array([T0 + timedelta(seconds=int(s)) for s in rng.integers(0, 86400, n)],
                       pa.timestamp("us", tz="UTC")),
    })
    # accounts with no value in any column: no row (features read them as 0)
    silent = pa.table({"account_id": ["acct-silent", "acct-silent"],
                       "user_agent": pa.array([None, None], pa.string()),
                       "api_key_id": pa.array([None, None], pa.string()),
                       "end_user": pa.array([None, None], pa.string()),
                       "ts": pa.array([T0, T0], pa.timestamp("us", tz="UTC"))})
    return pa.concat_tables([table, silent])


def _reference(table: pa.Table) -> dict[str, tuple[int, int, int]]:
    rows = table.to_pylist()
    out: dict[str, tuple[int, int, int]] = {}
    for a in {r["account_id"] for r in rows}:
        mine = [r for r in rows if r["account_id"] == a]
        counts = tuple(len({r[c] for r in mine if r[c] is not None}) for c in COLS)
        if any(counts):
            out[a] = counts  # type: ignore[assignment]
    return out


def _got(t: pa.Table) -> dict[str, tuple[int, int, int]]:
    assert t.num_rows == len(set(t["account_id"].to_pylist()))
    for name in COLS.values():
        assert t.schema.field(name).type == pa.int64()
    return {r["account_id"]: tuple(r[n] for n in COLS.values()) for r in t.to_pylist()}


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("windowed", [False, True], ids=["all", "window"])
def test_distinct_counts_equal_a_python_count(seed: int, windowed: bool) -> None:
    table = _events(seed)
    ev = ibis.memtable(table)
    if windowed:  # events as a filter node (detect's --since/--until), not a plain table
        cut = T0 + timedelta(hours=6)
        ev = ev.filter(ev.ts >= ibis.literal(cut, type="timestamp('UTC')"))
        table = table.filter(pa.compute.greater_equal(
            table["ts"], pa.scalar(cut, pa.timestamp("us", tz="UTC"))))
    want = _reference(table)
    ids = pa.array(sorted({a for a in table["account_id"].to_pylist()}), pa.string())
    hashed = hashed_accounts(ev, ids)
    assert hashed is not None
    assert _got(distinct_counts(ev, accounts=hashed).to_pyarrow()) == want
    assert _got(distinct_counts(ev).to_pyarrow()) == want


def test_distinct_counts_share_no_materialized_table() -> None:
    ev = ibis.memtable(_events(3))
    ids = ev.select("account_id").distinct().to_pyarrow()["account_id"]
    sql = str(ibis.to_sql(distinct_counts(ev, accounts=hashed_accounts(ev, ids))))
    assert "WITH" not in sql.upper().split("SELECT")[0]
    assert sql.upper().count("HASH(") == 3  # each roll-up hashes its own filtered events

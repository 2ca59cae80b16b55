"""The template features rolled up from an (account, template) aggregate in memory
(``template_usage_from`` of ``template_items``) equal ``template_usage``'s and a plain
Python count: null template keys left out, a null item one item, hashed and string accounts,
a time window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import ibis
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from distillwatch.features.expressions import (
    hashed_accounts,
    template_items,
    template_usage,
    template_usage_from,
)
from distillwatch.store.engines import connect, hash64
from tests_support import template_usage_reference

T0 = datetime(2026, 5, 1, tzinfo=UTC)


def _events(n: int = 4000, seed: int = 5) -> pa.Table:
    rng = np.random.default_rng(seed)
    acc = rng.integers(0, 60, n)
    # a long id (not inlined by DuckDB's strings) and a short one
    ids = [f"acct-{a:03d}" if a % 2 else f"account-with-a-long-identifier-{a:05d}" for a in acc]
    t = rng.integers(0, 25, n).astype(np.int64) * 7919 - 50_000
    i = rng.integers(0, 6, n).astype(np.int64) + t * 3
    no_t = rng.random(n) < 0.07
    no_i = rng.random(n) < 0.12
    ts = [T0 + timedelta(minutes=int(m)) for m in rng.integers(0, 3 * 24 * 60, n)]
    return pa.table({
        "account_id": pa.array(ids, pa.string()),
        "template_key64": pa.array(np.where(no_t, 0, t), pa.int64(), mask=no_t),
        "item_key64": pa.array(np.where(no_i, 0, i), pa.int64(), mask=no_i),
        "ts": pa.array(ts, pa.timestamp("us", tz="UTC")),
    })


def _groups(ev: ibis.Table, hashed: bool) -> pa.Table:
    """An (account, template) aggregate as linkage's: ``_ha`` or ``account_id``, ``_t``,
    ``_uses``."""
    t = ev.filter(ev.template_key64.notnull())
    key = {"_ha": hash64(t.account_id)} if hashed else {"account_id": t.account_id}
    t = t.select(**key, _t=t.template_key64)
    return t.group_by([*key, "_t"]).agg(_uses=t.count()).to_pyarrow()


@pytest.mark.parametrize("window", [False, True], ids=["all", "window"])
@pytest.mark.parametrize("hashed", [True, False], ids=["hashed-accounts", "string-accounts"])
def test_rollup_from_the_aggregate_equals_template_usage(
    tmp_path: Path, window: bool, hashed: bool,
) -> None:
    raw = _events()
    pq.write_table(raw, tmp_path / "events.parquet")
    con = connect("duckdb", threads=2)
    try:
        ev = con.read_parquet(str(tmp_path / "events.parquet"))
        lo, hi = T0 + timedelta(days=1), T0 + timedelta(days=2)
        if window:
            ev = ev.filter((ev.ts >= ibis.literal(lo, type="timestamp('UTC')"))
                           & (ev.ts < ibis.literal(hi, type="timestamp('UTC')")))
        ids = ev.select("account_id").distinct().to_pyarrow()["account_id"]
        acc = hashed_accounts(ev, ids) if hashed else None
        assert (acc is not None) == hashed
        old = template_usage(ev, accounts=acc).to_pyarrow().sort_by("account_id")
        new = template_usage_from(_groups(ev, hashed), template_items(ev, accounts=acc)
                                  .to_pyarrow(), accounts=acc).sort_by("account_id")
        assert new.schema.names == old.schema.names
        assert all(pa.types.is_int64(f.type) for f in new.schema if f.name != "account_id")
        assert new.equals(old.cast(new.schema))
        rows = [r for r in raw.to_pylist() if not window or lo <= r["ts"] < hi]
        want = template_usage_reference(rows)
        got = {r.pop("account_id"): r for r in new.to_pylist()}
        assert got == want
        assert any(r["item_key64"] is None and r["template_key64"] is not None for r in rows)
    finally:
        con.disconnect()

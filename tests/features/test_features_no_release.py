"""Regression: a store whose days hold no model release (1-2 day stores) still aggregates.

Before 3e682e8 the release-window counts were a scalar ``False`` when there was no release,
and ``.sum()`` on it raised "IntegerScalar has no attribute sum" on such stores.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import ibis
import pyarrow as pa

from distillwatch.features.account import compute_account_features, find_releases
from distillwatch.schema import STORE_EVENT_SCHEMA

T0 = datetime(2026, 3, 2, tzinfo=UTC)


def test_one_day_store_without_releases() -> None:
    rows = [
        {f.name: None for f in STORE_EVENT_SCHEMA}
        | {"ts": T0 + timedelta(minutes=7 * i), "account_id": f"a{i % 3}", "model": "m1",
           "event_key": f"e{i}"}
        for i in range(60)
    ]
    events = ibis.memtable(pa.Table.from_pylist(rows, schema=STORE_EVENT_SCHEMA))
    releases = find_releases(events, pivot_hours=48.0, min_events=20)
    assert releases == []
    f = compute_account_features(events, None, releases=releases, pivot_hours=48.0)
    by = {r["account_id"]: r for r in f.to_pylist()}
    assert sorted(by) == ["a0", "a1", "a2"]
    assert all(r["exchanges"] == 20 and r["release_window_events"] == 0 for r in by.values())

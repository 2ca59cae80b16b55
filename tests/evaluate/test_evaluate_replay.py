"""Daily replay: first flag day and exchanges made before it, per truth campaign."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from distillwatch.evaluate.replay import replay_daily
from distillwatch.exceptions import StoreError

DAYS = [date(2026, 3, 2) + timedelta(days=i) for i in range(3)]


def _store(root: Path) -> None:
    # Campaign A runs from day 0 (2 accounts x 5 a day); B starts on day 1 (1 account x 3).
    rows = []
    for d_i, d in enumerate(DAYS):
        ts0 = datetime(d.year, d.month, d.day, tzinfo=UTC)
        for a in ("a0", "a1"):
            rows += [(ts0 + timedelta(hours=h), a) for h in range(5)]
        if d_i >= 1:
            rows += [(ts0 + timedelta(hours=h), "b0") for h in range(3)]
        rows += [(ts0 + timedelta(hours=h), "n0") for h in range(2)]
    for d in DAYS:
        part = [(t, a) for t, a in rows if t.date() == d]
        out = root / "events" / f"day={d.isoformat()}"
        out.mkdir(parents=True)
        pq.write_table(
            pa.table({"ts": [t for t, _ in part], "account_id": [a for _, a in part]}),
            out / "part-0.parquet",
        )


TRUTH = pa.table(
    {
        "account_id": ["a0", "a1", "b0", "n0"],
        "label": ["attack", "attack", "attack", "benign"],
        "campaign_id": ["A", "A", "B", None],
    }
)


def test_replay_reports_first_flag_day_and_exchanges_before(tmp_path: Path) -> None:
    _store(tmp_path)
    seen: list[date] = []

    def detect_prefix(d: date) -> pa.Table:
        # A pretend detector: A is flagged from day 1 on (both accounts, one campaign), B
        # never; it must only see days <= d.
        con = duckdb.connect()
        n = con.execute(
            "select count(distinct day) from read_parquet(?, hive_partitioning=true)"
            " where day <= ?",
            [str(tmp_path / "events/*/*.parquet"), d],
        ).fetchone()
        assert n is not None and n[0] == DAYS.index(d) + 1
        seen.append(d)
        flagged = DAYS.index(d) >= 1
        return pa.table(
            {
                "account_id": ["a0", "a1", "b0", "n0"],
                "flagged": [flagged, flagged, False, False],
                "campaign_id": ["c1" if flagged else None, "c1" if flagged else None, None, None],
            }
        )

    out = replay_daily(tmp_path, TRUTH, detect_prefix=detect_prefix)
    assert seen == DAYS
    a = next(c for c in out["campaigns"] if c["truth_campaign"] == "A")
    assert a["start_day"] == "2026-03-02"
    assert a["first_flag_day"] == "2026-03-03"
    assert a["days_to_flag"] == 1
    assert a["exchanges_before_flag"] == 20  # 2 accounts x 5 x 2 days
    assert a["exchanges_total"] == 30
    assert a["share_flagged"] == 1.0
    assert a["first_campaign_day"] == "2026-03-03"
    b = next(c for c in out["campaigns"] if c["truth_campaign"] == "B")
    assert b["first_flag_day"] is None and b["exchanges_before_flag"] == 6
    assert out["flagged_within_first_day"] == 0
    assert [t["flagged_attack_accounts"] for t in out["timeline"]] == [0, 2, 2]


def test_replay_on_an_empty_store_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        replay_daily(tmp_path, TRUTH, detect_prefix=lambda d: pa.table({}))

"""The campaign stage's account activity from the feature stage's main aggregate.

``account_features(..., activity=True)`` hands linkage the per-account sums that
``linkage.activity.account_activity`` computes with a scan of its own; they must be the same
table, value for value, whether or not the stored signals have gaps (with gaps the feature
shares fall back to raw parameters, the activity counts must not) - and detect's findings
must not change when linkage takes them. Also the exact distinct counts, now distinct
pairs instead of ``COUNT(DISTINCT)``, against ``COUNT(DISTINCT)``.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import ibis
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from distillwatch.features.account import account_features
from distillwatch.linkage.activity import account_activity
from distillwatch.linkage.campaigns import link_graph
from distillwatch.schema import INTENT_COLUMNS, STORE_EVENT_SCHEMA
from tests_support import need

T0 = datetime(2026, 3, 1, tzinfo=UTC)


def _events(seed: int, *, gaps: bool) -> ir_table:
    rng = random.Random(seed)
    maybe = [None, True, False] if gaps else [True, False]
    rows = []
    for i in range(2500):
        row = {
            "ts": T0 + timedelta(seconds=rng.randrange(3 * 86400)),
            "account_id": f"acct-{rng.randrange(30):02d}",
            "event_key": f"e{i:05d}",
            "model": rng.choice(["m1", "m2"]),
            "client_ip": rng.choice([None, "10.0.0.1", "10.0.0.2", "10.0.1.9"]),
            "request_score": rng.choice([None, rng.random()]),
            "intent_score": rng.choice([None, rng.random()]),
            "ip_is_hosting": rng.choice([None, True, False]),
            "ip_is_vpn": rng.choice([None, True, False]),
            "ip_is_tor": rng.choice([None, True, False]),
            # raw parameters that contradict the (missing) stored flags
            "logprobs": rng.choice([None, True]), "top_logprobs": rng.choice([None, 0, 5]),
            "n": rng.choice([None, 1, 3]), "tool_count": rng.choice([None, 0, 1]),
            "turn": rng.choice([None, 0, 2]),
        }
        for col in INTENT_COLUMNS.values():
            # one account never has intent values: its sums must be 0.0, not null
            row[col] = None if row["account_id"] == "acct-07" else rng.choice(
                [None, rng.random(), 1.0])
        for f in ("sig_logprobs", "sig_multi_choice", "sig_tools", "sig_single_turn",
                  "sig_max_effort", "sig_long_output"):
            row[f] = rng.choice(maybe)
        rows.append(row)
    table = pa.Table.from_pylist(
        [{f.name: r.get(f.name) for f in STORE_EVENT_SCHEMA} for r in rows],
        schema=STORE_EVENT_SCHEMA,
    )
    return ibis.memtable(table)


ir_table = ibis.expr.types.Table


@pytest.mark.parametrize("gaps", [False, True])
def test_activity_from_main_aggregate_equals_its_own_scan(gaps: bool) -> None:
    events = _events(3, gaps=gaps)
    got = account_features(events, None, activity=True).activity
    assert got is not None
    want = account_activity(events, distinct_ips=False).to_pyarrow().sort_by("account_id")
    assert got.column_names == want.column_names
    for name in want.column_names:
        assert got.column(name).type == want.column(name).type, name
        assert got.column(name).to_pylist() == want.column(name).to_pylist(), name
    # the fixture really exercises what differs from the feature shares
    vpn = got.column("vpn_n").to_pylist()
    assert sum(vpn) > 0
    assert got.column("intent_cot_sum").to_pylist()[7] == 0.0


def test_activity_off_by_default() -> None:
    assert account_features(_events(4, gaps=False), None).activity is None


def test_link_graph_with_given_activity_is_the_same_graph() -> None:
    events = _events(5, gaps=True)
    given = account_features(events, None, activity=True).activity
    own = link_graph(events, None)
    reused = link_graph(events, None, activity=given)
    # values and order (the memtable's ids are non-null in one schema, nullable in the other)
    assert reused.activity.column_names == own.activity.column_names
    assert reused.activity.to_pylist() == own.activity.to_pylist()
    assert reused.labels.tolist() == own.labels.tolist()


@pytest.mark.spark
@pytest.mark.slow
def test_activity_from_main_aggregate_on_spark(tmp_path: Path) -> None:
    """PySpark's main aggregate gives DuckDB's activity scan, value for value."""
    pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession

    need("java")
    table = _events(6, gaps=True).to_pyarrow()
    path = tmp_path / "events.parquet"
    pq.write_table(table, path)
    session = (
        SparkSession.builder.master("local[2]")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark_events = ibis.pyspark.connect(session).read_parquet(str(path))
    got = account_features(spark_events, None, activity=True).activity
    assert got is not None
    duck_events = ibis.duckdb.connect().read_parquet(str(path))
    want = account_activity(duck_events, distinct_ips=False).to_pyarrow().sort_by("account_id")
    assert got.column_names == want.column_names
    for name in want.column_names:
        assert got.column(name).to_pylist() == want.column(name).to_pylist(), name


def test_distinct_pairs_count_like_count_distinct() -> None:
    """The exact distinct counts (distinct pairs, one UNION ALL query) equal COUNT(DISTINCT),
    including an account with no user agent, API key or end user at all (no row: 0)."""
    rng = random.Random(8)
    rows = []
    for i in range(1500):
        acc = f"acct-{rng.randrange(12):02d}"
        empty = acc == "acct-03"
        rows.append({
            "ts": T0 + timedelta(seconds=i), "account_id": acc, "event_key": f"e{i}",
            "user_agent": None if empty else rng.choice([None, *(f"ua{j}" for j in range(40))]),
            "api_key_id": None if empty else rng.choice([None, "k1", "k2"]),
            "end_user": None if empty else rng.choice([None, *(f"u{j}" for j in range(200))]),
        })
    table = pa.Table.from_pylist(
        [{f.name: r.get(f.name) for f in STORE_EVENT_SCHEMA} for r in rows],
        schema=STORE_EVENT_SCHEMA,
    )
    events = ibis.memtable(table)
    got = account_features(events, None).features
    want = events.group_by("account_id").aggregate(
        distinct_user_agents=events.user_agent.nunique(),
        distinct_api_keys=events.api_key_id.nunique(),
        distinct_end_users=events.end_user.nunique(),
    ).to_pyarrow().sort_by("account_id")
    assert got.column("account_id").to_pylist() == want.column("account_id").to_pylist()
    for name in ("distinct_user_agents", "distinct_api_keys", "distinct_end_users"):
        assert got.column(name).to_pylist() == want.column(name).to_pylist(), name
    assert got.column("distinct_end_users").to_pylist()[3] == 0
    assert max(got.column("distinct_user_agents").to_pylist()) > 20

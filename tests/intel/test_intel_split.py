from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.parquet as pq

from distillwatch.intel.scenario import split_simulation
from distillwatch.schema import ACCOUNT_SCHEMA, EVENT_SCHEMA, TRUTH_SCHEMA


def test_split_gives_each_account_to_one_provider_with_its_prefix(tmp_path):
    sim = tmp_path / "sim"
    (sim / "events").mkdir(parents=True)
    ids = [f"acct{i}" for i in range(200)]
    ts = datetime(2026, 3, 2, tzinfo=UTC)
    pq.write_table(pa.Table.from_pylist(
        [{"ts": ts, "account_id": a, "client_ip": "203.0.113.9"} for a in ids for _ in range(3)],
        schema=EVENT_SCHEMA), sim / "events" / "part-00000.parquet")
    pq.write_table(pa.Table.from_pylist(
        [{"account_id": a, "payment_fingerprint": "pf-shared"} for a in ids],
        schema=ACCOUNT_SCHEMA), sim / "accounts.parquet")
    pq.write_table(pa.Table.from_pylist(
        [{"account_id": a, "label": "attack" if i < 50 else "benign"} for i, a in enumerate(ids)],
        schema=TRUTH_SCHEMA), sim / "truth.parquet")
    dirs = split_simulation(sim, tmp_path / "two", share_a=0.7, seed=1)
    seen: dict[str, str] = {}
    for name, d in dirs.items():
        truth = pq.read_table(d / "truth.parquet").column("account_id").to_pylist()
        events = pq.read_table(d / "events").column("account_id").to_pylist()
        accounts = pq.read_table(d / "accounts.parquet")
        assert all(a.startswith(f"{name}-") for a in truth)
        assert set(events) == set(truth) == set(accounts.column("account_id").to_pylist())
        assert len(events) == 3 * len(truth)  # every event follows its account
        assert set(accounts.column("payment_fingerprint").to_pylist()) == {"pf-shared"}
        for a in truth:
            seen[a[2:]] = name
    assert sorted(seen) == sorted(ids)  # each account at exactly one provider
    share_a = sum(v == "a" for v in seen.values()) / len(seen)
    assert 0.6 < share_a < 0.8

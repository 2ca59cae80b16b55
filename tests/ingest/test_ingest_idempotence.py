"""Re-ingesting stores nothing twice; a new day touches only its partition; files that vanish."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq
from ingest_data import event, quarantine_records, store_rows, write_jsonl

from distillwatch.ingest.pipeline import ProgressUpdate, ingest

NOW = datetime(2025, 6, 1, tzinfo=UTC)


def snapshot(store: Path) -> dict[str, float]:
    return {
        str(p.relative_to(store / "events")): p.stat().st_mtime_ns
        for p in (store / "events").rglob("*")
    }


def test_same_file_twice_stores_nothing_twice(tmp_path: Path) -> None:
    no_id = [{k: v for k, v in event(i).items() if k != "request_id"} for i in range(5)]
    path = write_jsonl(tmp_path / "e.jsonl", [event(i) for i in range(20)] + no_id)
    first = ingest([path], store=tmp_path / "s", now=NOW)
    assert (first.stored, first.duplicates) == (25, 0)
    before = snapshot(tmp_path / "s")
    second = ingest([path], store=tmp_path / "s", now=NOW)
    assert (second.read, second.stored, second.duplicates) == (25, 0, 25)
    assert snapshot(tmp_path / "s") == before
    got = store_rows(
        tmp_path / "s", "SELECT count(*) AS n, count(DISTINCT event_key) AS k FROM events"
    )
    assert got == [{"n": 25, "k": 25}]
    keys = [r["event_key"] for r in store_rows(tmp_path / "s")]
    assert sum(k.startswith("md5:") for k in keys) == 5


def test_duplicates_within_one_run_and_one_batch(tmp_path: Path) -> None:
    rows = [event(1), event(2), event(1, prompt="retried, same id"), event(3)]
    copy = {k: v for k, v in event(9).items() if k != "request_id"}
    rows += [copy, dict(copy)]
    a = write_jsonl(tmp_path / "a.jsonl", rows)
    b = write_jsonl(tmp_path / "b.jsonl", [event(2), event(4)])
    report = ingest([a, b], store=tmp_path / "s", now=NOW)
    assert (report.read, report.stored, report.duplicates) == (8, 5, 3)
    by_id = {r["request_id"]: r for r in store_rows(tmp_path / "s")}
    assert by_id["req-1"]["prompt"] == event(1)["prompt"]  # the first occurrence wins


def test_new_day_touches_only_its_partition(tmp_path: Path) -> None:
    day1 = write_jsonl(tmp_path / "d1.jsonl", [event(i) for i in range(10)])
    ingest([day1], store=tmp_path / "s", now=NOW)
    before = snapshot(tmp_path / "s")
    day2_rows = [event(100 + i, ts=f"2025-03-02T08:00:{i:02d}Z") for i in range(4)]
    day2 = write_jsonl(tmp_path / "d2.jsonl", [*day2_rows, event(3)])  # one old event again
    report = ingest([day2], store=tmp_path / "s", now=NOW)
    assert (report.stored, report.duplicates, report.days) == (4, 1, ("2025-03-02",))
    after = snapshot(tmp_path / "s")
    assert {k: v for k, v in after.items() if k in before} == before
    assert all(k.startswith("day=2025-03-02") for k in set(after) - set(before))
    parts = sorted((tmp_path / "s" / "events").glob("day=*/*.parquet"))
    assert [p.parent.name for p in parts] == ["day=2025-03-01", "day=2025-03-02"]
    assert pq.read_metadata(parts[1]).num_rows == 4


def test_file_disappearing_mid_run(tmp_path: Path) -> None:
    a = write_jsonl(tmp_path / "a.jsonl", [event(0)])
    b = write_jsonl(tmp_path / "b.jsonl", [event(1)])
    c = write_jsonl(tmp_path / "c.jsonl", [event(2)])

    def vanish(update: ProgressUpdate) -> None:
        if update.finished and update.path == str(a):
            b.unlink()

    report = ingest([a, b, c], store=tmp_path / "s", now=NOW, progress=vanish)
    by_name = {Path(f.path).name: f for f in report.files}
    assert by_name["a.jsonl"].stored == 1 and by_name["c.jsonl"].stored == 1
    assert "disappeared" in (by_name["b.jsonl"].error or "")
    assert any("disappeared" in r["reason"] for r in quarantine_records(report))


def test_run_report_is_written_and_counts_add_up(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "e.jsonl", [event(0), event(0), "oops", event(1, n=-1)])
    report = ingest([path], store=tmp_path / "s", now=NOW)
    saved = json.loads(Path(report.report_path or "").read_text())
    assert saved["totals"] == {
        "read": 4,
        "stored": 1,
        "quarantined": 2,
        "duplicates": 1,
        "file_errors": 0,
    }
    assert saved["run_id"] == report.run_id
    assert Path(saved["quarantine_path"]).parent.name == "quarantine"


def test_accounts_are_validated_merged_and_classified(tmp_path: Path) -> None:
    events = write_jsonl(tmp_path / "e.jsonl", [event(0)])
    acc1 = write_jsonl(
        tmp_path / "acc1.jsonl",
        [
            {
                "account_id": "a1",
                "created_at": "2025-01-01T00:00:00Z",
                "email_domain": "gmail.com",
                "signup_channel": "self_serve",
                "verified": True,
                "country": "us",
            },
            {"account_id": "a2", "email_domain": "mailinator.com", "signup_channel": "education"},
            {"account_id": "a3", "signup_channel": "carrier-pigeon"},
            {"email_domain": "example.com"},
        ],
    )
    report = ingest([events], store=tmp_path / "s", accounts=acc1, now=NOW)
    assert (report.accounts_read, report.accounts_stored, report.accounts_quarantined) == (4, 2, 2)
    acc2 = tmp_path / "acc2.csv"
    acc2.write_text("account_id,email_domain,verified\na2,corp.example,false\na4,yahoo.com,true\n")
    ingest([events], store=tmp_path / "s", accounts=acc2, now=NOW)
    got = {r["account_id"]: r for r in store_rows(tmp_path / "s", "SELECT * FROM accounts")}
    assert sorted(got) == ["a1", "a2", "a4"]
    assert got["a1"]["country"] == "US" and got["a1"]["email_domain_class"] == "free"
    assert got["a2"]["email_domain"] == "corp.example"  # the newer row replaced the old one
    assert got["a2"]["email_domain_class"] == "other" and got["a2"]["verified"] is False

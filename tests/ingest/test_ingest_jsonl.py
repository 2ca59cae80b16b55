"""JSON Lines ingest: round trip, every kind of bad line, compression, strict mode."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import zstandard
from ingest_data import event, quarantine_records, store_rows, write_jsonl

from distillwatch.exceptions import IngestError
from distillwatch.ingest.config import IngestConfig
from distillwatch.ingest.pipeline import ingest

NOW = datetime(2025, 6, 1, tzinfo=UTC)


def run(tmp_path: Path, *files: Path, **kw):  # type: ignore[no-untyped-def]
    return ingest(list(files), store=tmp_path / "store", now=NOW, **kw)


def test_round_trip_keeps_every_contract_value(tmp_path: Path) -> None:
    rows = [event(i) for i in range(20)]
    report = run(tmp_path, write_jsonl(tmp_path / "e.jsonl", rows))
    assert (report.read, report.stored, report.quarantined, report.duplicates) == (20, 20, 0, 0)
    got = store_rows(tmp_path / "store")
    assert len(got) == 20
    by_id = {g["request_id"]: g for g in got}
    for r in rows:
        g = by_id[r["request_id"]]
        for k, v in r.items():
            if k == "ts":
                assert g["ts"] == datetime.fromisoformat(v)
            else:
                assert g[k] == v, k
        assert g["event_key"] == r["request_id"]
        assert str(g["day"]) == "2025-03-01"
        assert g["extra"] is None


def test_bad_lines_are_quarantined_with_line_numbers(tmp_path: Path) -> None:
    lines = [
        event(0),
        "not json at all",
        [1, 2, 3],
        "42",
        event(1, input_tokens="many"),  # wrong type
        event(2, temperature=True),  # a boolean is not a number
        event(3, account_id={"nested": 1}),  # an object is not a string
        {k: v for k, v in event(4).items() if k != "ts"},  # missing ts
        {k: v for k, v in event(5).items() if k != "account_id"},  # missing account_id
        event(6, account_id="   "),
        event(7, ts="2014-12-31T23:59:59Z"),  # before 2015
        event(8, ts="2025-06-03T00:00:00Z"),  # beyond now + 1 day
        event(9, ts="yesterday"),
        event(10, client_ip="999.1.1.1"),
        event(11, client_ip="unknown"),
        event(12, n=0),
        event(13, top_logprobs=21),
        event(14, status=42),
        event(15, reasoning_effort="extreme"),
        event(16),
    ]
    report = run(tmp_path, write_jsonl(tmp_path / "bad.jsonl", lines))
    assert report.read == 20
    assert report.stored == 2
    assert report.quarantined == 18
    q = {r["line"]: r for r in quarantine_records(report)}
    expect = {
        2: None,
        3: None,
        4: None,
        5: "input_tokens",
        6: "temperature",
        7: "account_id",
        8: "ts",
        9: "account_id",
        10: "account_id",
        11: "ts",
        12: "ts",
        13: "ts",
        14: "client_ip",
        15: "client_ip",
        16: "n",
        17: "top_logprobs",
        18: "status",
        19: "reasoning_effort",
    }
    assert {line: q[line]["field"] for line in q} == expect
    assert "not a JSON object" in q[3]["reason"]
    assert "invalid JSON" in q[2]["reason"]
    assert "before 2015" in q[11]["reason"]
    assert "future" in q[12]["reason"]
    assert all(r["source"].endswith("bad.jsonl") for r in q.values())
    assert {r["request_id"] for r in store_rows(tmp_path / "store")} == {"req-0", "req-16"}


def test_timestamps_rfc3339_and_epoch_seconds_and_millis(tmp_path: Path) -> None:
    t = datetime(2025, 3, 1, 10, 0, tzinfo=UTC)
    rows = [
        event(0, ts="2025-03-01T11:00:00+01:00"),
        event(1, ts=1_740_823_200),
        event(2, ts=1_740_823_200_000),
        event(3, ts=1_740_823_200.5),
        event(4, ts="2025-03-01 10:00:00"),  # naive: taken as UTC
    ]
    run(tmp_path, write_jsonl(tmp_path / "t.jsonl", rows))
    got = {r["request_id"]: r["ts"] for r in store_rows(tmp_path / "store")}
    assert got["req-0"] == got["req-1"] == got["req-2"] == got["req-4"] == t
    assert got["req-3"].microsecond == 500_000


def test_mixed_types_in_one_column_only_reject_bad_rows(tmp_path: Path) -> None:
    rows = [
        event(0, ts=1_740_823_200),
        event(1),
        event(2, input_tokens="7"),
        event(3, input_tokens=[1]),
    ]
    report = run(tmp_path, write_jsonl(tmp_path / "m.jsonl", rows))
    assert report.stored == 3
    [rec] = quarantine_records(report)
    assert (rec["line"], rec["field"]) == (4, "input_tokens")
    got = {r["request_id"]: r for r in store_rows(tmp_path / "store")}
    assert got["req-2"]["input_tokens"] == 7


def test_invalid_utf8_and_nul_bytes(tmp_path: Path) -> None:
    good = json.dumps(event(0)).encode()
    bad_utf8 = (
        json.dumps(event(1, prompt="PLACEHOLDER")).encode().replace(b"PLACEHOLDER", b"caf\xe9")
    )
    nul_text = json.dumps(event(2, prompt="a\u0000b"))  # escaped NUL in text: kept verbatim
    nul_id = json.dumps(event(3, account_id="ac\u0000ct"))
    raw_nul = json.dumps(event(4)).encode().replace(b"Solve", b"So\x00lve")  # raw NUL: not JSON
    path = tmp_path / "u.jsonl"
    path.write_bytes(
        b"\n".join([good, bad_utf8, nul_text.encode(), nul_id.encode(), raw_nul]) + b"\n"
    )
    report = run(tmp_path, path)
    q = {r["line"]: r for r in quarantine_records(report)}
    assert "UTF-8" in q[2]["reason"]
    assert q[4]["field"] == "account_id" and "NUL" in q[4]["reason"]
    assert 5 in q
    got = {r["request_id"]: r for r in store_rows(tmp_path / "store")}
    if "req-2" in got:  # the text is kept verbatim...
        assert got["req-2"]["prompt"] == "a\x00b"
    else:  # ...or, when a step cannot process it, the row is quarantined saying so: never lost
        assert "failed on this row" in q[3]["reason"]
    assert report.read == report.stored + report.quarantined


def test_ten_megabyte_prompt(tmp_path: Path) -> None:
    huge = "x" * (10 * 1024 * 1024)
    rows = [event(0), event(1, prompt=huge), event(2)]
    cfg = IngestConfig(block_bytes=1 << 20)  # the line is 10x a block
    report = run(tmp_path, write_jsonl(tmp_path / "big.jsonl", rows), config=cfg)
    assert report.stored == 3
    got = store_rows(tmp_path / "store", "SELECT request_id, length(prompt) AS n FROM events")
    assert {r["request_id"]: r["n"] for r in got}["req-1"] == len(huge)


def test_line_over_max_line_bytes_is_quarantined_not_buffered(tmp_path: Path) -> None:
    rows = [event(0), event(1, prompt="y" * 300_000), event(2)]
    cfg = IngestConfig(block_bytes=4096, max_line_bytes=100_000)
    report = run(tmp_path, write_jsonl(tmp_path / "long.jsonl", rows), config=cfg)
    assert report.stored == 2
    [rec] = quarantine_records(report)
    assert rec["line"] == 2 and "max_line_bytes" in rec["reason"]


def test_gzip_and_zstd_round_trip(tmp_path: Path) -> None:
    data = b"".join(json.dumps(event(i)).encode() + b"\n" for i in range(50))
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(data))
    (tmp_path / "b.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(data))
    report = run(tmp_path, tmp_path / "a.jsonl.gz")
    assert report.stored == 50
    report = ingest([tmp_path / "b.jsonl.zst"], store=tmp_path / "store2", now=NOW)
    assert report.stored == 50


def test_truncated_gzip_keeps_rows_before_the_cut_and_reports(tmp_path: Path) -> None:
    data = b"".join(json.dumps(event(i, prompt="p" * 500)).encode() + b"\n" for i in range(3000))
    blob = gzip.compress(data)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(blob[: len(blob) * 2 // 3])
    report = run(tmp_path, path)
    [f] = report.files
    assert f.error is not None and "truncated" in f.error
    assert 0 < f.stored < 3000
    assert f.read == f.stored + f.quarantined + f.duplicates
    recs = quarantine_records(report)
    assert any(r["line"] is None and "truncated" in r["reason"] for r in recs)


def test_corrupt_gzip_is_a_file_error_not_a_crash(tmp_path: Path) -> None:
    blob = bytearray(
        gzip.compress(b"".join(json.dumps(event(i)).encode() + b"\n" for i in range(200)))
    )
    blob[30:60] = b"\x00" * 30
    bad = tmp_path / "corrupt.jsonl.gz"
    bad.write_bytes(bytes(blob))
    good = write_jsonl(tmp_path / "good.jsonl", [event(1000)])
    report = run(tmp_path, bad, good)
    by_name = {Path(f.path).name: f for f in report.files}
    assert by_name["corrupt.jsonl.gz"].error is not None
    assert by_name["good.jsonl"].stored == 1


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_bytes(b"\n\n  \n")
    report = run(tmp_path, tmp_path / "empty.jsonl", tmp_path / "blank.jsonl")
    assert (report.read, report.stored, report.quarantined) == (0, 0, 0)
    assert all(f.error is None for f in report.files)
    assert store_rows(tmp_path / "store", "SELECT count(*) AS n FROM events") == [{"n": 0}]


def test_blank_lines_do_not_shift_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "gaps.jsonl"
    write_jsonl(path, [event(0), "", "   ", event(1, client_ip="bad"), "", event(2)])
    report = run(tmp_path, path)
    [rec] = quarantine_records(report)
    assert rec["line"] == 4
    assert report.stored == 2


def test_strict_stops_at_first_bad_row_and_stores_nothing(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "s.jsonl", [event(0), event(1), event(2, ts="2010-01-01T00:00:00Z")]
    )
    with pytest.raises(IngestError) as info:
        run(tmp_path, path, strict=True)
    err = info.value
    assert (err.line, err.field) == (3, "ts")
    assert "s.jsonl:3" in str(err)
    assert not list((tmp_path / "store").rglob("*.parquet"))


def test_drop_text_keeps_no_text_in_store_or_quarantine(tmp_path: Path) -> None:
    rows = [event(0), event(1, client_ip="secret-prompt-host")]
    report = run(
        tmp_path, write_jsonl(tmp_path / "p.jsonl", rows), config=IngestConfig(drop_text=True)
    )
    got = store_rows(tmp_path / "store")
    assert [(g["prompt"], g["response"], g["system_prompt"]) for g in got] == [(None, None, None)]
    [rec] = quarantine_records(report)
    assert "raw" not in rec and rec["raw_sha256"]
    assert "Solve step by step" not in Path(report.quarantine_path).read_text()


def test_gateway_decision_log_extras_pass_through(tmp_path: Path) -> None:
    rows = [
        event(i, action="throttle", rule_ids=["r.cot", "r.fleet"], decision={"score": 0.9})
        for i in range(3)
    ]
    run(tmp_path, write_jsonl(tmp_path / "decisions.jsonl", rows))
    got = store_rows(tmp_path / "store")
    assert len(got) == 3
    extra = json.loads(got[0]["extra"])
    assert extra == {
        "action": "throttle",
        "rule_ids": ["r.cot", "r.fleet"],
        "decision": {"score": 0.9},
    }


def test_empty_identifiers_are_null_not_bad(tmp_path: Path) -> None:
    rows = [event(0, client_ip="", reasoning_effort="", end_user=""), event(1, account_id="")]
    report = run(tmp_path, write_jsonl(tmp_path / "e.jsonl", rows))
    assert (report.stored, report.quarantined) == (1, 1)
    [g] = store_rows(tmp_path / "store")
    assert (g["client_ip"], g["reasoning_effort"], g["end_user"]) == (None, None, None)
    assert g["prompt"] == event(0)["prompt"]

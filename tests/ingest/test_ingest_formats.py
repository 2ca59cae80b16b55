"""Every input format round-trips into the store; detection and --format work."""

from __future__ import annotations

import csv
import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from ingest_data import event, quarantine_records, store_rows, write_jsonl

from distillwatch.ingest.pipeline import ingest
from distillwatch.ingest.sources import detect_format
from distillwatch.schema import EVENT_SCHEMA

NOW = datetime(2025, 6, 1, tzinfo=UTC)
T0_NS = 1_740_823_200 * 10**9


def write_csv(path: Path, rows: list[dict], *, header: bool = True) -> Path:
    names = list(rows[0])
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        if header:
            w.writerow(names)
        for r in rows:
            w.writerow(
                [
                    ""
                    if r.get(n) is None
                    else str(r[n]).lower()
                    if isinstance(r[n], bool)
                    else r[n]
                    for n in names
                ]
            )
    return path


def test_csv_round_trip_with_quoted_newlines_and_extra_columns(tmp_path: Path) -> None:
    rows = [event(i, prompt=f"line one\nline, two {i}", tenant_note=f"n{i}") for i in range(10)]
    rows.append(event(10, input_tokens="lots"))
    report = ingest([write_csv(tmp_path / "e.csv", rows)], store=tmp_path / "s", now=NOW)
    assert (report.stored, report.quarantined) == (10, 1)
    [rec] = quarantine_records(report)
    assert (rec["row"], rec["field"]) == (11, "input_tokens")
    got = {r["request_id"]: r for r in store_rows(tmp_path / "s")}
    assert got["req-3"]["prompt"] == "line one\nline, two 3"
    assert got["req-3"]["temperature"] == 0.5 and got["req-3"]["logprobs"] is False
    assert json.loads(got["req-3"]["extra"]) == {"tenant_note": "n3"}


def test_csv_without_header_is_a_file_error(tmp_path: Path) -> None:
    rows = [event(i) for i in range(3)]
    path = write_csv(tmp_path / "nohead.csv", rows, header=False)
    report = ingest([path], store=tmp_path / "s", now=NOW)
    [f] = report.files
    assert f.error is not None and "header" in f.error
    assert report.stored == 0
    [rec] = quarantine_records(report)
    assert "header" in rec["reason"]


def test_csv_ragged_row_and_invalid_utf8(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", [event(i) for i in range(3)])
    data = path.read_bytes() + b"a,b,c\n"
    data = data.replace(b"Solve step by step: what is 1", b"Solve step \xff by step: what is 1")
    path.write_bytes(data)
    report = ingest([path], store=tmp_path / "s", now=NOW)
    assert report.stored == 2
    reasons = sorted(r["reason"] for r in quarantine_records(report))
    assert any("columns" in r for r in reasons) and any("UTF-8" in r for r in reasons)


def test_gzipped_csv(tmp_path: Path) -> None:
    plain = write_csv(tmp_path / "e.csv", [event(i) for i in range(5)])
    gz = tmp_path / "e.csv.gz"
    gz.write_bytes(gzip.compress(plain.read_bytes()))
    plain.unlink()
    assert detect_format(gz) == "csv"
    assert ingest([gz], store=tmp_path / "s", now=NOW).stored == 5


def test_parquet_round_trip(tmp_path: Path) -> None:
    rows = [event(i) for i in range(8)]
    for r in rows:
        r["ts"] = datetime.fromisoformat(r["ts"])
    table = pa.Table.from_pylist(rows, schema=EVENT_SCHEMA)
    pq.write_table(table, tmp_path / "e.parquet")
    report = ingest([tmp_path / "e.parquet"], store=tmp_path / "s", now=NOW)
    assert report.stored == 8
    got = store_rows(tmp_path / "s", "SELECT * EXCLUDE (day) FROM events ORDER BY request_id")
    src = sorted(table.to_pylist(), key=lambda r: r["request_id"])
    for g, s in zip(got, src, strict=True):
        assert {k: g[k] for k in EVENT_SCHEMA.names} == s


def _attr(key: str, value: object) -> dict:
    if isinstance(value, bool):
        v: dict = {"boolValue": value}
    elif isinstance(value, int):
        v = {"intValue": str(value)}
    elif isinstance(value, float):
        v = {"doubleValue": value}
    elif isinstance(value, list):
        v = {"arrayValue": {"values": [{"stringValue": x} for x in value]}}
    else:
        v = {"stringValue": value}
    return {"key": key, "value": v}


def _span(i: int, attrs: dict) -> dict:
    return {
        "traceId": f"{i:032x}",
        "spanId": f"{i:016x}",
        "name": "chat gpt-x",
        "startTimeUnixNano": str(T0_NS + i * 10**9),
        "endTimeUnixNano": str(T0_NS + i * 10**9 + 5 * 10**8),
        "attributes": [_attr(k, v) for k, v in attrs.items()],
    }


def _otlp(spans: list[dict], account: str = "acct-otel") -> dict:
    return {
        "resourceSpans": [
            {
                "resource": {"attributes": [_attr("account.id", account)]},
                "scopeSpans": [{"scope": {"name": "test"}, "spans": spans}],
            }
        ]
    }


def test_otlp_current_deprecated_and_openinference_names(tmp_path: Path) -> None:
    current = _span(
        1,
        {
            "gen_ai.operation.name": "chat",
            "gen_ai.request.model": "gpt-x",
            "gen_ai.response.id": "chatcmpl-1",
            "gen_ai.usage.input_tokens": 11,
            "gen_ai.usage.output_tokens": 22,
            "gen_ai.usage.reasoning.output_tokens": 5,
            "gen_ai.request.temperature": 0.2,
            "gen_ai.request.max_tokens": 4096,
            "gen_ai.request.choice.count": 3,
            "gen_ai.request.reasoning.level": "high",
            "gen_ai.conversation.id": "conv-1",
            "client.address": "198.51.100.7",
            "user_agent.original": "openai-python/2.0",
            "enduser.id": "u-1",
            "gen_ai.response.finish_reasons": ["length"],
            "gen_ai.system_instructions": json.dumps([{"type": "text", "content": "Be terse."}]),
            "gen_ai.input.messages": json.dumps(
                [
                    {"role": "user", "parts": [{"type": "text", "content": "first"}]},
                    {"role": "assistant", "parts": [{"type": "text", "content": "ok"}]},
                    {"role": "user", "parts": [{"type": "text", "content": "Think step by step."}]},
                ]
            ),
            "gen_ai.output.messages": json.dumps(
                [{"role": "assistant", "parts": [{"type": "text", "content": "Step 1"}]}]
            ),
            "custom.tag": "blue",
        },
    )
    deprecated = _span(
        2,
        {
            "gen_ai.system": "openai",
            "gen_ai.request.model": "gpt-x",
            "gen_ai.usage.prompt_tokens": 7,
            "gen_ai.usage.completion_tokens": 8,
            "gen_ai.prompt.0.role": "system",
            "gen_ai.prompt.0.content": "sys",
            "gen_ai.prompt.1.role": "user",
            "gen_ai.prompt.1.content": "old style prompt",
            "gen_ai.completion.0.role": "assistant",
            "gen_ai.completion.0.content": "old style answer",
        },
    )
    openinference = _span(
        3,
        {
            "openinference.span.kind": "LLM",
            "llm.model_name": "gpt-y",
            "llm.token_count.prompt": 3,
            "llm.token_count.completion": 4,
            "llm.invocation_parameters": json.dumps(
                {"temperature": 1.0, "logprobs": True, "top_logprobs": 5, "n": 2}
            ),
            "llm.input_messages.0.message.role": "user",
            "llm.input_messages.0.message.content": "oi prompt",
            "llm.output_messages.0.message.role": "assistant",
            "llm.output_messages.0.message.content": "oi answer",
            "session.id": "sess-9",
        },
    )
    http = _span(4, {"http.request.method": "GET", "url.path": "/health"})
    path = tmp_path / "spans.json"
    lines = [json.dumps(_otlp([current, deprecated])), json.dumps(_otlp([openinference, http]))]
    path.write_text("\n".join(lines) + "\n")
    assert detect_format(path) == "otlp"
    report = ingest([path], store=tmp_path / "s", now=NOW)
    [f] = report.files
    assert (f.read, f.stored, f.skipped, f.quarantined) == (3, 3, 1, 0)
    got = {r["model"] + str(r["input_tokens"]): r for r in store_rows(tmp_path / "s")}
    c = got["gpt-x11"]
    assert c["request_id"] == "chatcmpl-1" and c["account_id"] == "acct-otel"
    assert (c["output_tokens"], c["reasoning_tokens"], c["n"], c["max_tokens"]) == (22, 5, 3, 4096)
    assert c["reasoning_effort"] == "high" and c["finish_reason"] == "length"
    assert c["client_ip"] == "198.51.100.7" and c["end_user"] == "u-1"
    assert (c["system_prompt"], c["prompt"], c["response"]) == (
        "Be terse.",
        "Think step by step.",
        "Step 1",
    )
    assert c["turn"] == 1 and c["conversation_id"] == "conv-1"
    assert c["ts"] == datetime(2025, 3, 1, 10, 0, 1, tzinfo=UTC)
    assert json.loads(c["extra"])["custom.tag"] == "blue"
    assert "Think step" not in c["extra"]
    d = got["gpt-x7"]
    assert (d["output_tokens"], d["prompt"], d["system_prompt"], d["response"]) == (
        8,
        "old style prompt",
        "sys",
        "old style answer",
    )
    assert d["request_id"].startswith("otel:")
    o = got["gpt-y3"]
    assert (o["logprobs"], o["top_logprobs"], o["n"], o["temperature"]) == (True, 5, 2, 1.0)
    assert (o["prompt"], o["response"], o["conversation_id"]) == (
        "oi prompt",
        "oi answer",
        "sess-9",
    )


def test_otlp_pretty_printed_single_document_and_missing_account(tmp_path: Path) -> None:
    doc = _otlp([_span(1, {"gen_ai.request.model": "m", "gen_ai.operation.name": "chat"})])
    doc["resourceSpans"][0]["resource"]["attributes"] = []
    path = tmp_path / "one.json"
    path.write_text(json.dumps(doc, indent=2))
    report = ingest([path], store=tmp_path / "s", now=NOW)
    assert report.quarantined == 1
    [rec] = quarantine_records(report)
    assert rec["field"] == "account_id"


def _payload(i: int, **over: object) -> dict:
    p = {
        "id": f"litellm-{i}",
        "call_type": "acompletion",
        "startTime": 1_740_823_200 + i,
        "endTime": 1_740_823_201 + i,
        "model": "gpt-x",
        "model_group": "gpt-x",
        "prompt_tokens": 10,
        "completion_tokens": 20,
        "end_user": f"eu-{i}",
        "requester_ip_address": "192.0.2.55",
        "messages": [
            {"role": "system", "content": "sys"},
            {"role": "user", "content": [{"type": "text", "text": f"harvest {i}"}]},
        ],
        "response": {
            "choices": [{"message": {"content": f"resp {i}"}, "finish_reason": "stop"}],
            "usage": {"completion_tokens_details": {"reasoning_tokens": 9}},
        },
        "model_parameters": {"logprobs": True, "top_logprobs": 20, "n": 4, "temperature": 0.0},
        "metadata": {
            "user_api_key_hash": "hash-1",
            "user_api_key_org_id": "org-1",
            "user_api_key_team_id": "team-1",
        },
        "status": "success",
        "response_cost": 0.002,
    }
    p.update(over)
    return p


def test_litellm_standard_logging_payload(tmp_path: Path) -> None:
    rows = [
        _payload(0),
        {"standard_logging_object": _payload(1)},
        _payload(2, metadata={"user_api_key_team_id": "team-9"}),
    ]
    path = write_jsonl(tmp_path / "litellm.jsonl", rows)
    assert detect_format(path) == "litellm"
    report = ingest([path], store=tmp_path / "s", now=NOW)
    assert report.stored == 3
    got = {r["request_id"]: r for r in store_rows(tmp_path / "s")}
    g = got["litellm-0"]
    assert (g["account_id"], g["api_key_id"], g["client_ip"], g["end_user"]) == (
        "org-1",
        "hash-1",
        "192.0.2.55",
        "eu-0",
    )
    assert (g["logprobs"], g["top_logprobs"], g["n"], g["temperature"]) == (True, 20, 4, 0.0)
    assert (g["operation"], g["status"], g["reasoning_tokens"]) == ("chat", 200, 9)
    assert (g["system_prompt"], g["prompt"], g["response"], g["finish_reason"]) == (
        "sys",
        "harvest 0",
        "resp 0",
        "stop",
    )
    assert json.loads(g["extra"])["response_cost"] == 0.002
    assert got["litellm-2"]["account_id"] == "team-9"


def test_litellm_spendlogs_csv(tmp_path: Path) -> None:
    path = tmp_path / "spend.csv"
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "request_id",
                "call_type",
                "api_key",
                "spend",
                "startTime",
                "endTime",
                "model",
                "user",
                "team_id",
                "end_user",
                "requester_ip_address",
                "prompt_tokens",
                "completion_tokens",
                "metadata",
                "messages",
                "response",
                "session_id",
                "status",
            ]
        )
        for i in range(4):
            w.writerow(
                [
                    f"sl-{i}",
                    "acompletion",
                    "hk",
                    "0.1",
                    f"2025-03-01T10:00:0{i}Z",
                    "",
                    "gpt-x",
                    "user-1",
                    "team-1",
                    f"eu{i}",
                    "2001:db8::5",
                    "5",
                    "6",
                    json.dumps({"user_api_key_org_id": "org-7"}),
                    json.dumps([{"role": "user", "content": f"p{i}"}]),
                    json.dumps({"choices": [{"message": {"content": f"r{i}"}}]}),
                    "sess",
                    "success",
                ]
            )
    assert detect_format(path) == "litellm_spendlogs"
    report = ingest([path], store=tmp_path / "s", now=NOW)
    assert report.stored == 4
    got = {r["request_id"]: r for r in store_rows(tmp_path / "s")}
    g = got["sl-2"]
    assert (g["account_id"], g["api_key_id"], g["client_ip"], g["prompt"], g["response"]) == (
        "org-7",
        "hk",
        "2001:db8::5",
        "p2",
        "r2",
    )
    assert g["conversation_id"] == "sess" and g["input_tokens"] == 5


def test_format_override_and_directory_expansion(tmp_path: Path) -> None:
    d = tmp_path / "logs"
    (d / "sub").mkdir(parents=True)
    write_jsonl(d / "a.jsonl", [event(0)])
    write_jsonl(d / "sub" / "b.ndjson", [event(1)])
    (d / "README.txt").write_text("not data")
    (d / ".hidden.jsonl").write_text("{}")
    weird = write_jsonl(tmp_path / "events.log", [event(2)])
    report = ingest([d], store=tmp_path / "s", now=NOW)
    assert sorted(Path(f.path).name for f in report.files) == ["a.jsonl", "b.ndjson"]
    assert any("not data files" in w for w in report.warnings)
    report = ingest([weird], store=tmp_path / "s", format="jsonl", now=NOW)
    assert report.stored == 1


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    from distillwatch.exceptions import InputError

    with pytest.raises(InputError):
        ingest([write_jsonl(tmp_path / "a.jsonl", [event(0)])], store=tmp_path / "s", format="xml")
    with pytest.raises(InputError):
        ingest([tmp_path / "missing.jsonl"], store=tmp_path / "s")

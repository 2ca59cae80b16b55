"""The gateway end to end: the real openai client -> uvicorn gateway -> fake OpenAI upstream."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import openai
import pyarrow as pa
import pytest

from distillwatch.gateway.fake_upstream import ANSWER, REASONING
from distillwatch.gateway.identity import hash_api_key
from distillwatch.provenance.canary import find_canaries, read_ledger
from distillwatch.schema import EVENT_SCHEMA

KEYS = {
    "sk-benign-0001": "acct-benign",
    "sk-flagged-0002": "acct-flagged",
    "sk-critical-0003": "acct-critical",
    "sk-later-0004": "acct-later",
}
MSG = [{"role": "user", "content": "What is six times seven?"}]


def _wait_for(predicate: Callable[[], bool], what: str, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


@pytest.fixture
def key_map(tmp_path: Path) -> Path:
    p = tmp_path / "keys.json"
    p.write_text(json.dumps({hash_api_key(k): a for k, a in KEYS.items()}))
    return p


@pytest.fixture
def gateway(start_gateway: Any, key_map: Path, tmp_path: Path, findings_writer: Any) -> Any:
    findings = tmp_path / "findings"
    findings_writer(
        findings,
        accounts=[
            {"account_id": "acct-flagged", "severity": "high", "campaign_id": "c1"},
            {"account_id": "acct-critical", "severity": "critical", "campaign_id": "c1"},
        ],
        campaigns=[{"campaign_id": "c1", "indicators": {"ips": ["203.0.113.50"]}}],
    )
    return start_gateway(key_map=key_map, findings=findings)


def client(gw: Any, key: str, **kw: Any) -> openai.OpenAI:
    return openai.OpenAI(base_url=gw.url + "/v1", api_key=key, max_retries=0, **kw)


# ---- allow: faithful pass-through --------------------------------------------------------


def test_allowed_request_is_passed_through_untouched(gateway: Any, upstream: Any) -> None:
    c = client(gateway, "sk-benign-0001")
    raw = c.chat.completions.with_raw_response.create(
        model="m", messages=MSG, logprobs=True, top_logprobs=2
    )
    r = raw.parse()
    assert raw.headers["x-upstream-marker"] == "yes"
    assert r.choices[0].message.content.startswith("<think>")
    assert r.choices[0].message.model_extra["reasoning_content"] == REASONING
    assert r.choices[0].logprobs is not None
    seen = upstream.fake.headers[-1]
    assert seen["authorization"] == "Bearer sk-benign-0001"  # the caller's key reaches upstream
    assert upstream.fake.requests[-1]["top_logprobs"] == 2
    (line,) = gateway.decisions()
    assert line["action"] == "allow" and line["status"] == 200
    assert line["account_id"] == "acct-benign"
    assert line["api_key_id"] == hash_api_key("sk-benign-0001")
    assert (line["input_tokens"], line["output_tokens"], line["reasoning_tokens"]) == (12, 30, 18)
    assert line["request_id"] == r.id
    assert "intent_score" in line["signals"]
    assert "prompt" not in line  # text stays out of the log unless configured


def test_allowed_stream_is_passed_through(gateway: Any) -> None:
    c = client(gateway, "sk-benign-0001")
    chunks = list(
        c.chat.completions.create(
            model="m", messages=MSG, stream=True, stream_options={"include_usage": True}
        )
    )
    text = "".join(ch.choices[0].delta.content or "" for ch in chunks if ch.choices)
    assert "<think>" in text and text.endswith(ANSWER)
    assert any(
        (ch.choices and (ch.choices[0].delta.model_extra or {}).get("reasoning_content"))
        for ch in chunks
    )
    (line,) = gateway.decisions()
    assert line["stream"] is True and line["status"] == 200 and line["output_tokens"] == 30
    assert line["request_id"] == chunks[0].id


def test_models_route_is_proxied(gateway: Any) -> None:
    assert client(gateway, "sk-benign-0001").models.list().data[0].id == "fake-model"


# ---- degrade ---------------------------------------------------------------------------


def test_flagged_account_is_degraded_with_a_canary(gateway: Any, upstream: Any) -> None:
    c = client(gateway, "sk-flagged-0002")
    r = c.chat.completions.create(model="m", messages=MSG, logprobs=True, top_logprobs=5, n=3)
    sent = upstream.fake.requests[-1]
    assert "logprobs" not in sent and "top_logprobs" not in sent and sent["n"] == 1
    content = r.choices[0].message.content
    assert "<think>" not in content and REASONING not in content
    assert "reasoning_content" not in (r.choices[0].message.model_extra or {})
    assert r.choices[0].logprobs is None
    (cid,) = find_canaries(content)
    assert content.startswith(ANSWER)
    gateway.flush()
    assert read_ledger(gateway.canary_log) == {cid: {"acct-flagged"}}
    (served,) = [json.loads(x) for x in gateway.canary_log.read_text().splitlines()]
    assert served["request_id"] == r.id  # the ledger joins the decision log on request id
    (line,) = gateway.decisions()
    assert line["action"] == "degrade" and "findings-flagged" in line["rule_ids"]
    assert line["canary_id"] == cid


def test_degraded_stream_strips_reasoning_across_chunks(gateway: Any) -> None:
    c = client(gateway, "sk-flagged-0002")
    chunks = list(c.chat.completions.create(model="m", messages=MSG, stream=True))
    text = "".join(ch.choices[0].delta.content or "" for ch in chunks if ch.choices)
    assert "think" not in text and REASONING not in text
    assert text.startswith(ANSWER) and len(find_canaries(text)) == 1
    assert not any(
        (ch.choices[0].delta.model_extra or {}).get("reasoning_content")
        for ch in chunks
        if ch.choices
    )


def test_degraded_responses_and_completions(gateway: Any) -> None:
    c = client(gateway, "sk-flagged-0002")
    r = c.responses.create(model="m", input="hello")
    assert [o.type for o in r.output] == ["message"]
    assert r.output_text.startswith(ANSWER) and len(find_canaries(r.output_text)) == 1
    events = list(c.responses.create(model="m", input="hello", stream=True))
    types = [e.type for e in events]
    assert not any(t.startswith("response.reasoning") for t in types)
    streamed = "".join(e.delta for e in events if e.type == "response.output_text.delta")
    assert streamed.startswith(ANSWER) and "think" not in streamed
    done = next(e for e in events if e.type == "response.completed")
    assert [o.type for o in done.response.output] == ["message"]
    comp = c.completions.create(model="m", prompt="hi")
    assert comp.choices[0].text.startswith(ANSWER)
    comp_stream = "".join(
        ch.choices[0].text for ch in c.completions.create(model="m", prompt="hi", stream=True)
    )
    assert comp_stream.startswith(ANSWER) and "think" not in comp_stream


# ---- block, throttle, admin -------------------------------------------------------------


def test_critical_account_is_blocked_403(gateway: Any, upstream: Any) -> None:
    before = upstream.fake.count
    with pytest.raises(openai.PermissionDeniedError) as info:
        client(gateway, "sk-critical-0003").chat.completions.create(model="m", messages=MSG)
    assert info.value.body["code"] == "account_blocked"  # type: ignore[index]
    assert upstream.fake.count == before  # never reached the upstream
    (line,) = gateway.decisions()
    assert (line["action"], line["status"]) == ("block", 403)


def test_throttle_returns_429_with_retry_after(start_gateway: Any, tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(
        '[[rule]]\nid = "burst"\nwhen = ["state.requests > 2"]\naction = "throttle"\n'
        "retry_after_s = 7\n"
    )
    gw = start_gateway(policy=policy)
    c = client(gw, "sk-any")
    for _ in range(2):
        c.chat.completions.create(model="m", messages=MSG)
    with pytest.raises(openai.RateLimitError) as info:
        c.chat.completions.create(model="m", messages=MSG)
    assert info.value.response.headers["retry-after"] == "7"
    assert [d["status"] for d in gw.decisions()] == [200, 200, 429]


def test_admin_api_blocks_and_allow_lists(gateway: Any) -> None:
    admin = httpx.Client(base_url=gateway.url)
    url = "/admin/accounts/acct-benign"
    assert admin.put(url, json={"action": "block"}).status_code == 401  # no token
    bad = admin.put(url, json={"action": "block"}, headers={"authorization": "Bearer nope"})
    assert bad.status_code == 401
    auth = {"authorization": "Bearer admin-token-for-tests"}
    assert admin.put(url, json={"action": "block"}, headers=auth).json()["override"] == "block"
    with pytest.raises(openai.PermissionDeniedError):
        client(gateway, "sk-benign-0001").chat.completions.create(model="m", messages=MSG)
    # Allow-listing a flagged account serves it untouched.
    admin.put("/admin/accounts/acct-flagged", json={"action": "allow"}, headers=auth)
    r = client(gateway, "sk-flagged-0002").chat.completions.create(model="m", messages=MSG)
    assert "<think>" in r.choices[0].message.content
    assert admin.get("/admin/accounts", headers=auth).json()["overrides"] == {
        "acct-benign": "block",
        "acct-flagged": "allow",
    }
    assert admin.delete(url, headers=auth).json()["override"] is None
    assert admin.put(url, json={"action": "nuke"}, headers=auth).status_code == 400


# ---- upstream faults ---------------------------------------------------------------------


def test_upstream_timeout_is_504(start_gateway: Any) -> None:
    gw = start_gateway(read_timeout_s=0.3)
    c = client(gw, "sk-x", default_headers={"x-fake-mode": "timeout"})
    with pytest.raises(openai.APIStatusError) as info:
        c.chat.completions.create(model="m", messages=MSG)
    assert info.value.status_code == 504
    (line,) = gw.decisions()
    assert line["status"] == 504 and line["error"].startswith("timeout")


def test_upstream_5xx_is_passed_through(gateway: Any) -> None:
    c = client(gateway, "sk-benign-0001", default_headers={"x-fake-mode": "error503"})
    with pytest.raises(openai.APIStatusError) as info:
        c.chat.completions.create(model="m", messages=MSG)
    assert info.value.status_code == 503
    assert info.value.response.headers["x-upstream-marker"] == "yes"
    assert info.value.body["message"] == "upstream exploded"  # type: ignore[index]


def test_upstream_unreachable_is_502(start_gateway: Any) -> None:
    from distillwatch.gateway.fake_upstream import free_port

    gw = start_gateway(upstream=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(openai.APIStatusError) as info:
        client(gw, "sk-x").chat.completions.create(model="m", messages=MSG)
    assert info.value.status_code == 502


@pytest.mark.parametrize("key", ["sk-benign-0001", "sk-flagged-0002"])
def test_connection_reset_mid_stream_reaches_the_client(gateway: Any, key: str) -> None:
    c = client(gateway, key, default_headers={"x-fake-mode": "reset"})
    with pytest.raises(openai.APIError, match="mid-stream"):
        list(c.chat.completions.create(model="m", messages=MSG, stream=True))
    _wait_for(lambda: len(gateway.decisions()) == 1, "the decision line")
    (line,) = gateway.decisions()
    assert line["status"] == 502 and "mid-stream" in line["error"]


def test_slow_stream_is_relayed_chunk_by_chunk(gateway: Any, upstream: Any) -> None:
    c = client(gateway, "sk-benign-0001", default_headers={"x-fake-mode": "slow"})
    chunks = list(c.chat.completions.create(model="m", messages=MSG, stream=True))
    assert "".join(ch.choices[0].delta.content or "" for ch in chunks).endswith(ANSWER)


def test_stream_is_not_buffered(gateway: Any, upstream: Any) -> None:
    """The upstream holds its stream after one chunk; the client still gets that chunk."""
    upstream.fake._gate.clear()
    c = client(gateway, "sk-benign-0001", default_headers={"x-fake-mode": "gate"})
    stream = c.chat.completions.create(model="m", messages=MSG, stream=True)
    first = next(iter(stream))
    assert first.choices[0].delta.role == "assistant"
    upstream.fake.release()
    rest = list(stream)
    assert "".join(ch.choices[0].delta.content or "" for ch in rest).endswith(ANSWER)


def test_client_disconnect_mid_stream_releases_upstream(gateway: Any, upstream: Any) -> None:
    upstream.fake._gate.clear()
    cancelled = upstream.fake.stream_cancelled
    body = {"model": "m", "messages": MSG, "stream": True}
    headers = {"authorization": "Bearer sk-benign-0001", "x-fake-mode": "gate"}
    with (
        httpx.Client(base_url=gateway.url) as h,
        h.stream("POST", "/v1/chat/completions", json=body, headers=headers) as resp,
    ):
        assert resp.status_code == 200
        next(resp.iter_raw())  # one chunk, then hang up while the upstream is stalled
    _wait_for(lambda: any(d["status"] == 499 for d in gateway.decisions()), "a 499 decision")
    _wait_for(lambda: upstream.fake.stream_cancelled > cancelled, "upstream stream cancelled")
    (line,) = gateway.decisions()
    assert line["error"] == "client disconnected mid-stream"
    upstream.fake.release()


# ---- bad input -------------------------------------------------------------------------


def test_bad_requests_get_openai_shaped_errors(start_gateway: Any, key_map: Path) -> None:
    gw = start_gateway(key_map=key_map, max_body_bytes=2048)
    h = httpx.Client(base_url=gw.url)
    auth = {"authorization": "Bearer sk-benign-0001"}
    r = h.post(
        "/v1/chat/completions",
        content=b"{not json",
        headers={**auth, "content-type": "application/json"},
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_json"
    r = h.post(
        "/v1/chat/completions",
        content=b"[1, 2]",
        headers={**auth, "content-type": "application/json"},
    )
    assert r.status_code == 400
    r = h.post(
        "/v1/chat/completions",
        content=b"model=m",
        headers={**auth, "content-type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 415
    big = {"model": "m", "messages": [{"role": "user", "content": "x" * 4096}]}
    r = h.post("/v1/chat/completions", json=big, headers=auth)
    assert r.status_code == 413 and r.json()["error"]["code"] == "request_too_large"

    def chunks() -> Any:  # no Content-Length: the limit is enforced while reading
        yield b'{"model": "m", "messages": [{"role": "user", "content": "'
        for _ in range(10):
            yield b"y" * 512
        yield b'"}]}'

    r = h.post(
        "/v1/chat/completions",
        content=chunks(),
        headers={**auth, "content-type": "application/json"},
    )
    assert r.status_code == 413
    r = h.post("/v1/chat/completions", json={"model": "m", "messages": MSG})
    assert r.status_code == 401 and r.json()["error"]["code"] == "missing_api_key"
    with pytest.raises(openai.AuthenticationError) as info:
        client(gw, "sk-unknown").chat.completions.create(model="m", messages=MSG)
    assert info.value.body["code"] == "invalid_api_key"  # type: ignore[index]
    assert gw.decisions() == []  # nothing was decided for rejected input


# ---- findings hot reload ---------------------------------------------------------------


def test_findings_replaced_while_serving(
    start_gateway: Any,
    key_map: Path,
    tmp_path: Path,
    findings_writer: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    findings = tmp_path / "live"
    findings_writer(findings, accounts=[])
    gw = start_gateway(key_map=key_map, findings=findings)
    c = client(gw, "sk-later-0004")

    def action() -> str:
        c.chat.completions.create(model="m", messages=MSG)
        return str(gw.decisions()[-1]["action"])

    assert action() == "allow"
    findings_writer(findings, accounts=[{"account_id": "acct-later", "severity": "high"}])
    _wait_for(lambda: action() == "degrade", "the new findings to apply")
    # A half-written file: the gateway keeps the lists it has and says so.
    reloads = gw.gw.findings.reloads
    with caplog.at_level(logging.ERROR, logger="distillwatch.gateway.lists"):
        (findings / "accounts.parquet").write_bytes(b"PAR1 truncated")
        _wait_for(lambda: "findings reload failed" in caplog.text, "the reload error")
    assert action() == "degrade" and gw.gw.findings.reloads == reloads
    findings_writer(findings, accounts=[], atomic=False)
    _wait_for(lambda: action() == "allow", "the cleared findings")


def test_campaign_ip_behind_trusted_proxy(
    start_gateway: Any, tmp_path: Path, findings_writer: Any
) -> None:
    findings = tmp_path / "f"
    findings_writer(
        findings,
        campaigns=[
            {
                "campaign_id": "c9",
                "indicators": {"ips": ["203.0.113.50"], "prefixes": ["198.51.100.0/24"]},
            }
        ],
    )
    gw = start_gateway(findings=findings, trusted_proxies=("127.0.0.0/8",))
    c = client(gw, "sk-x", default_headers={"x-forwarded-for": "203.0.113.50"})
    c.chat.completions.create(model="m", messages=MSG)
    c2 = client(gw, "sk-y", default_headers={"x-forwarded-for": "198.51.100.77"})
    c2.chat.completions.create(model="m", messages=MSG)
    first, second = gw.decisions()
    assert first["client_ip"] == "203.0.113.50" and first["action"] == "degrade"
    assert "campaign-infrastructure" in first["rule_ids"]
    assert second["action"] == "flag" and "campaign-prefix" in second["rule_ids"]


# ---- logs ------------------------------------------------------------------------------


def test_keys_and_authorization_never_logged(
    gateway: Any, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    with caplog.at_level(logging.DEBUG):
        for key in KEYS:
            c = client(gateway, key)
            try:
                c.chat.completions.create(model="m", messages=MSG, stream=True).close()
                c.chat.completions.create(model="m", messages=MSG)
            except openai.APIStatusError:
                pass
        with pytest.raises(openai.AuthenticationError):
            client(gateway, "sk-nobody-999").chat.completions.create(model="m", messages=MSG)
    out = capsys.readouterr()
    gateway.flush()
    logged = caplog.text + out.out + out.err + gateway.decision_log.read_text()
    logged += gateway.canary_log.read_text() if gateway.canary_log.exists() else ""
    assert gateway.decisions()
    for secret in [*KEYS, "sk-nobody-999", "Bearer", "admin-token-for-tests"]:
        assert secret not in logged


def test_decision_lines_are_contract_events(gateway: Any) -> None:
    client(gateway, "sk-benign-0001").chat.completions.create(model="m", messages=MSG, n=2)
    with pytest.raises(openai.PermissionDeniedError):
        client(gateway, "sk-critical-0003").chat.completions.create(model="m", messages=MSG)
    rows = gateway.decisions()
    contract = []
    for row in rows:
        ts = datetime.fromisoformat(row["ts"].replace("Z", "+00:00"))
        assert ts.tzinfo is not None
        contract.append({k: v for k, v in row.items() if k in EVENT_SCHEMA.names} | {"ts": ts})
    table = pa.Table.from_pylist(contract, schema=EVENT_SCHEMA)  # types match the contract
    assert table.column("n").to_pylist() == [2, None]
    assert table.column("status").to_pylist() == [200, 403]


def test_template_keys_match_the_batch_sketcher(
    start_gateway: Any, tmp_path: Path, findings_writer: Any
) -> None:
    from distillwatch.ingest.sketch import template_key

    prompt = "Solve this step by step, showing every step: a farmer has 17 cows and buys 5."
    key = template_key(prompt)
    assert key is not None
    findings = tmp_path / "tk"
    findings_writer(
        findings, campaigns=[{"campaign_id": "c3", "indicators": {"template_keys": [key]}}]
    )
    policy = tmp_path / "tk.toml"
    policy.write_text('[[rule]]\nid = "tpl"\nwhen = ["indicator.template_key"]\naction = "flag"\n')
    gw = start_gateway(findings=findings, policy=policy, template_keys=True)
    c = client(gw, "sk-tpl")
    c.chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}])
    other = prompt.replace("17 cows and buys 5", "3 goats and sells 2")
    c.chat.completions.create(model="m", messages=[{"role": "user", "content": other}])
    c.chat.completions.create(model="m", messages=MSG)
    first, second, third = gw.decisions()
    assert first["template_key"] == key and first["rule_ids"] == ["tpl"]
    assert second["template_key"] == key  # same template, another task item
    assert third["rule_ids"] == [] and third["state"]["requests"] == 3


def test_decision_log_reads_back_through_ingest(gateway: Any, tmp_path: Path) -> None:
    import pyarrow.dataset as ds

    from distillwatch.ingest.pipeline import ingest

    client(gateway, "sk-benign-0001").chat.completions.create(model="m", messages=MSG)
    client(gateway, "sk-flagged-0002").chat.completions.create(model="m", messages=MSG, n=2)
    gateway.flush()
    ingest([gateway.decision_log], store=tmp_path / "store", strict=True)
    events = ds.dataset(tmp_path / "store" / "events", format="parquet").to_table()
    rows = sorted(events.to_pylist(), key=lambda r: r["account_id"])
    assert [r["account_id"] for r in rows] == ["acct-benign", "acct-flagged"]
    assert rows[1]["n"] == 2 and rows[1]["api_key_id"] == hash_api_key("sk-flagged-0002")
    extra = json.loads(rows[1]["extra"])
    assert extra["action"] == "degrade" and "findings-flagged" in extra["rule_ids"]


def test_stalled_stream_times_out_in_band(start_gateway: Any, upstream: Any) -> None:
    upstream.fake._gate.clear()
    gw = start_gateway(read_timeout_s=0.3)
    c = client(gw, "sk-stall", default_headers={"x-fake-mode": "gate"})
    try:
        with pytest.raises(openai.APIError, match="timed out"):
            list(c.chat.completions.create(model="m", messages=MSG, stream=True))
    finally:
        upstream.fake.release()
    _wait_for(lambda: len(gw.decisions()) == 1, "the decision line")
    assert gw.decisions()[0]["status"] == 504

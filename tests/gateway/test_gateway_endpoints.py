"""Redis-backed replicas, fail-open/closed, /v1/check (JSON, Envoy, LiteLLM), metrics, health."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
import redis

from distillwatch.gateway.fake_upstream import free_port

MSG = [{"role": "user", "content": "What is six times seven?"}]
BURST_POLICY = (
    '[[rule]]\nid = "burst"\nwhen = ["state.requests > 3"]\naction = "throttle"\n'
    'retry_after_s = 9\n[[rule]]\nid = "blocked"\nwhen = ["account.override == \'block\'"]\n'
    'action = "block"\n'
)


def client(url: str, key: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=url + "/v1", api_key=key, max_retries=0)


@pytest.fixture
def burst_policy(tmp_path: Path) -> Path:
    p = tmp_path / "burst.toml"
    p.write_text(BURST_POLICY)
    return p


@pytest.mark.redis
def test_two_replicas_share_redis_state(
    start_gateway: Any, redis_url: str, burst_policy: Path
) -> None:
    prefix = f"rep{time.time_ns()}:"
    a = start_gateway(state=redis_url, policy=burst_policy, redis_prefix=prefix)
    b = start_gateway(state=redis_url, policy=burst_policy, redis_prefix=prefix)
    statuses = []
    for i in range(5):
        gw = a if i % 2 == 0 else b
        try:
            client(gw.url, "sk-shared").chat.completions.create(model="m", messages=MSG)
            statuses.append(200)
        except openai.RateLimitError as exc:
            statuses.append(exc.status_code)
    assert statuses == [200, 200, 200, 429, 429]  # the window spans both replicas
    # An admin block through replica A applies on replica B.
    auth = {"authorization": "Bearer admin-token-for-tests"}
    httpx.put(a.url + "/admin/accounts/key:other", json={"action": "block"}, headers=auth)
    r = httpx.post(
        b.url + "/v1/check",
        json={"account_id": "key:other", "request": {"model": "m", "messages": MSG}},
    )
    assert r.json()["action"] == "block" and r.json()["status"] == 403


@pytest.mark.redis
def test_redis_slow_fails_open_and_says_so(
    start_gateway: Any, redis_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    gw = start_gateway(state=redis_url, fail_mode="open", state_timeout_s=0.05)
    c = client(gw.url, "sk-open")
    c.chat.completions.create(model="m", messages=MSG)
    admin = redis.Redis.from_url(redis_url)
    with caplog.at_level(logging.WARNING, logger="distillwatch.gateway.engine"):
        admin.execute_command("CLIENT", "PAUSE", "600", "ALL")
        try:
            r = c.chat.completions.create(model="m", messages=MSG)
        finally:
            admin.execute_command("CLIENT", "UNPAUSE")
    assert r.choices[0].message.content
    assert "failing OPEN" in caplog.text
    last = gw.decisions()[-1]
    assert last["fail_mode"] == "open" and "state_error" in last and last["status"] == 200
    metrics = httpx.get(gw.url + "/metrics").text
    assert 'distillwatch_state_errors_total{fail_mode="open"} 1.0' in metrics


def test_redis_down_fails_closed_with_503(
    start_gateway: Any, caplog: pytest.LogCaptureFixture
) -> None:
    dead = f"redis://127.0.0.1:{free_port()}/0"
    gw = start_gateway(state=dead, fail_mode="closed")
    with (
        caplog.at_level(logging.WARNING, logger="distillwatch.gateway.engine"),
        pytest.raises(openai.APIStatusError) as info,
    ):
        client(gw.url, "sk-closed").chat.completions.create(model="m", messages=MSG)
    assert info.value.status_code == 503
    assert info.value.body["code"] == "enforcement_unavailable"  # type: ignore[index]
    assert "failing CLOSED" in caplog.text
    assert gw.decisions()[-1]["rule_ids"] == ["state-unavailable"]
    health = httpx.get(gw.url + "/healthz")
    assert health.status_code == 503 and health.json()["state"]["ok"] is False


def test_redis_down_fails_open_by_default(start_gateway: Any) -> None:
    gw = start_gateway(state=f"redis://127.0.0.1:{free_port()}/0")
    r = client(gw.url, "sk-open").chat.completions.create(model="m", messages=MSG)
    assert r.choices[0].message.content
    assert httpx.get(gw.url + "/healthz").json()["status"] == "ok"


def test_check_json_api(start_gateway: Any, burst_policy: Path) -> None:
    gw = start_gateway(policy=burst_policy, check_token="chk")
    body = {
        "account_id": "acct-1",
        "client_ip": "198.51.100.4",
        "request": {"model": "m", "messages": MSG, "logprobs": True},
    }
    assert httpx.post(gw.url + "/v1/check", json=body).status_code == 401
    h = {"x-distillwatch-check-token": "chk"}
    answers = [httpx.post(gw.url + "/v1/check", json=body, headers=h).json() for _ in range(5)]
    assert [a["action"] for a in answers] == ["allow"] * 3 + ["throttle"] * 2
    assert answers[-1]["retry_after"] == 9 and answers[-1]["status"] == 429
    assert answers[0]["signals"]["sig_logprobs"] is True
    dry = httpx.post(gw.url + "/v1/check", json={**body, "dry_run": True}, headers=h).json()
    assert dry["state"]["requests"] == 5  # a dry run reads the window without adding to it
    assert len(gw.decisions()) == 5
    bad = httpx.post(gw.url + "/v1/check", json={"account_id": "a"}, headers=h)
    assert bad.status_code == 400


def test_envoy_ext_authz_mode(start_gateway: Any, burst_policy: Path) -> None:
    gw = start_gateway(policy=burst_policy)
    headers = {"authorization": "Bearer sk-envoy", "content-type": "application/json"}
    codes = []
    for _ in range(5):
        r = httpx.post(
            gw.url + "/v1/check/v1/chat/completions",
            json={"model": "m", "messages": MSG},
            headers=headers,
        )
        codes.append(r.status_code)
    assert codes == [200, 200, 200, 429, 429]
    assert r.headers["retry-after"] == "9"
    r = httpx.get(gw.url + "/v1/check/v1/models", headers=headers)
    assert r.status_code == 200
    assert httpx.get(gw.url + "/v1/check/v1/models").status_code == 401


def test_litellm_generic_guardrail_api(
    start_gateway: Any, tmp_path: Path, findings_writer: Any
) -> None:
    findings = tmp_path / "f"
    findings_writer(
        findings,
        accounts=[
            {"account_id": "org-bad", "severity": "critical"},
            {"account_id": "org-sus", "severity": "medium"},
        ],
    )
    gw = start_gateway(findings=findings)
    url = gw.url + "/beta/litellm_basic_guardrail_api"

    def call(org: str, input_type: str = "request", texts: list[str] | None = None) -> Any:
        return httpx.post(
            url,
            json={
                "input_type": input_type,
                "texts": texts or ["hello"],
                "structured_messages": MSG if input_type == "request" else None,
                "request_data": {"user_api_key_org_id": org, "user_api_key_hash": "ab" * 32},
                "model": "m",
            },
        ).json()

    assert call("org-ok") == {"action": "NONE"}
    bad = call("org-bad")
    assert bad["action"] == "BLOCKED" and bad["blocked_reason"]
    out = call("org-sus", "response", ["<think>secret</think>Answer"])
    assert out["action"] == "GUARDRAIL_INTERVENED" and out["texts"][0].startswith("Answer")
    assert "secret" not in out["texts"][0]


def test_metrics_are_low_cardinality(start_gateway: Any) -> None:
    gw = start_gateway()
    for i in range(3):
        client(gw.url, f"sk-{i}").chat.completions.create(model="m", messages=MSG)
    text = httpx.get(gw.url + "/metrics").text
    assert 'distillwatch_decisions_total{action="allow"} 3.0' in text
    assert 'distillwatch_requests_total{route="chat",status_class="2xx"} 3.0' in text
    assert "distillwatch_decision_seconds_bucket" in text
    assert "sk-" not in text and "key:" not in text and "127.0.0.1" not in text


def test_lines_lost_to_a_full_disk_show_on_metrics(
    start_gateway: Any, caplog: pytest.LogCaptureFixture
) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    gw = start_gateway(decision_log=Path("/dev/full"))
    with caplog.at_level(logging.ERROR):
        for i in range(2):
            client(gw.url, f"sk-{i}").chat.completions.create(model="m", messages=MSG)
        gw.flush()
    text = httpx.get(gw.url + "/metrics").text
    assert 'distillwatch_log_lines_lost{log="decision"} 2.0' in text
    assert "decision log /dev/full: could not write" in caplog.text
    assert 'distillwatch_log_lines_lost{log="canary"} 0.0' in text  # written fine


def test_default_policy_degrades_a_harvester_not_a_customer(start_gateway: Any) -> None:
    """Real signals + default policy: sustained chain-of-thought elicitation with logprobs is
    degraded once the window holds enough of it; ordinary questions with logprobs are not."""
    gw = start_gateway()
    harvest = [
        f"Think step by step and show every step of your reasoning before answering: "
        f"what is {a} times {a + 7}?"
        for a in range(40)
    ]
    benign = [
        f"What is the capital of country number {a} in this list? Answer briefly."
        for a in range(40)
    ]

    def actions(account: str, prompts: list[str]) -> list[dict[str, Any]]:
        return [
            httpx.post(
                gw.url + "/v1/check",
                json={
                    "account_id": account,
                    "request": {
                        "model": "m",
                        "messages": [{"role": "user", "content": p}],
                        "logprobs": True,
                        "top_logprobs": 5,
                    },
                },
            ).json()
            for p in prompts
        ]

    h = actions("acct-harvester", harvest)
    assert h[0]["signals"]["intent_score"] > 0.8 and h[0]["action"] == "flag"
    assert h[-1]["action"] == "degrade" and "harvest-pattern" in h[-1]["rule_ids"]
    assert h[-1]["degrade"]["logprobs"] == "drop" and h[-1]["degrade"]["canary"] is True
    b = actions("acct-customer", benign)
    assert {x["action"] for x in b} == {"allow"}

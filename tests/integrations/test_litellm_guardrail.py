"""The LiteLLM guardrail logic (GuardrailCore) directly, and the real LiteLLM classes when a
Python with LiteLLM is available (``DISTILLWATCH_LITELLM_PYTHON``; LiteLLM's pins conflict with
ours, so it lives in its own virtual environment)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import textwrap
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from distillwatch.config import Settings
from distillwatch.gateway.config import GatewayConfig
from distillwatch.integrations.litellm import GuardrailCore, identity_from_litellm
from distillwatch.provenance.canary import find_canaries
from distillwatch.schema import FINDINGS_ACCOUNT_SCHEMA

REPO = Path(__file__).resolve().parents[2]
POLICY = """
[[rule]]
id = "blocked"
when = ["account.severity_rank >= 4"]
action = "block"
[[rule]]
id = "flagged"
when = ["account.flagged"]
action = "degrade"
degrade = { strip_reasoning = true, logprobs = "drop", max_n = 1, canary = true }
[[rule]]
id = "burst"
when = ["state.requests > 2"]
action = "throttle"
retry_after_s = 11
"""
MSG = [{"role": "user", "content": "hello"}]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    findings = tmp_path / "findings"
    findings.mkdir()
    rows = [
        {"account_id": "org-bad", "score": 0.99, "severity": "critical", "flagged": True},
        {"account_id": "org-sus", "score": 0.8, "severity": "high", "flagged": True},
    ]
    pq.write_table(
        pa.Table.from_pylist(rows, schema=FINDINGS_ACCOUNT_SCHEMA), findings / "accounts.parquet"
    )
    policy = tmp_path / "policy.toml"
    policy.write_text(POLICY)
    return Settings(
        gateway=GatewayConfig(
            findings=findings,
            policy=policy,
            decision_log=tmp_path / "decisions.jsonl",
            canary_key="litellm-test-key-0123456789",
        )
    )


def test_identity_prefers_org_and_never_keeps_a_clear_key() -> None:
    ident = identity_from_litellm({"api_key": "sk-clear", "team_id": "t1"}, {"user": "u"})
    assert ident.account_id == "t1" and ident.end_user == "u"
    assert ident.api_key_id is not None and "sk-clear" not in ident.api_key_id
    assert identity_from_litellm({"org_id": "o", "team_id": "t"}, {}).account_id == "o"


def test_core_refuses_degrades_and_logs(settings: Settings) -> None:
    core = GuardrailCore(settings)

    async def run() -> None:
        _, refusal = await core.pre_call(
            {"org_id": "org-bad"}, {"model": "m", "messages": MSG}, "acompletion"
        )
        assert refusal is not None and refusal.status == 403
        data = {"model": "m", "messages": MSG, "logprobs": True, "top_logprobs": 3, "n": 4}
        data, refusal = await core.pre_call({"org_id": "org-sus"}, data, "acompletion")
        assert refusal is None
        assert "logprobs" not in data and data["n"] == 1
        response = {
            "choices": [
                {
                    "index": 0,
                    "logprobs": {"content": []},
                    "message": {
                        "content": "<think>plan</think>Answer",
                        "reasoning_content": "plan",
                    },
                }
            ]
        }
        cleaned = core.clean_response(data, response)
        msg = cleaned["choices"][0]["message"]
        assert msg["reasoning_content"] is None and msg["content"].startswith("Answer")
        assert len(find_canaries(msg["content"])) == 1 and cleaned["choices"][0]["logprobs"] is None

        async def chunks() -> Any:
            for piece, finish in (("<thi", None), ("nk>x</think>Ans", None), ("wer", "stop")):
                yield {
                    "choices": [
                        {
                            "index": 0,
                            "delta": {"content": piece, "reasoning_content": "r"},
                            "finish_reason": finish,
                        }
                    ]
                }

        text = "".join(
            [c["choices"][0]["delta"]["content"] async for c in core.clean_stream(data, chunks())]
        )
        assert text.startswith("Answer") and "think" not in text
        statuses = []
        for _ in range(3):
            _, refusal = await core.pre_call(
                {"org_id": "org-ok"}, {"model": "m", "messages": MSG}, "completion"
            )
            statuses.append(refusal.status if refusal else 200)
        assert statuses == [200, 200, 429] and refusal is not None
        assert refusal.retry_after_s == 11

    asyncio.run(run())
    assert core.decision_log is not None and core.decision_log.flush()
    lines = [json.loads(x) for x in settings.gateway.decision_log.read_text().splitlines()]
    assert [(x["account_id"], x["status"]) for x in lines] == [("org-bad", 403), ("org-ok", 429)]


def test_logger_line_from_standard_logging_payload(settings: Settings) -> None:
    core = GuardrailCore(settings)
    kwargs = {
        "standard_logging_object": {
            "id": "call-1",
            "call_type": "acompletion",
            "startTime": 1_800_000_000.5,
            "model": "m",
            "prompt_tokens": 7,
            "completion_tokens": 9,
            "end_user": "eu",
            "requester_ip_address": "198.51.100.2",
            "messages": MSG,
            "model_parameters": {"logprobs": True, "top_logprobs": 2, "n": 1},
            "metadata": {"user_api_key_hash": "ab" * 32, "user_api_key_team_id": "team-9"},
        },
        "litellm_params": {"metadata": {}},
    }
    core.log_standard_payload(kwargs, status=200)
    assert core.decision_log is not None and core.decision_log.flush()
    (line,) = [json.loads(x) for x in settings.gateway.decision_log.read_text().splitlines()]
    assert line["account_id"] == "team-9" and line["api_key_id"] == "ab" * 32
    assert (line["input_tokens"], line["output_tokens"], line["top_logprobs"]) == (7, 9, 2)
    assert line["ts"].startswith("2027-01-15T08:00:00.5")
    assert line["client_ip"] == "198.51.100.2" and line["source"] == "distillwatch-litellm"


LITELLM_SCRIPT = textwrap.dedent(
    """
    import asyncio, json, sys
    from distillwatch.config import Settings
    from distillwatch.gateway.config import GatewayConfig
    from distillwatch.integrations.litellm import GuardrailCore, DistillwatchGuardrail
    from distillwatch.integrations.litellm import DistillwatchLogger
    from fastapi import HTTPException
    from litellm.proxy._types import ProxyException, UserAPIKeyAuth
    from litellm.types.utils import ModelResponse

    cfg = json.loads(sys.argv[1])
    core = GuardrailCore(Settings(gateway=GatewayConfig(**cfg)))
    guard = DistillwatchGuardrail(core=core, guardrail_name="distillwatch",
                                  event_hook="pre_call", default_on=True)
    msg = [{"role": "user", "content": "hello"}]
    out = {}

    async def main():
        try:
            await guard.async_pre_call_hook(UserAPIKeyAuth(org_id="org-bad"), None,
                                            {"model": "m", "messages": msg}, "acompletion")
        except HTTPException as exc:
            out["block"] = exc.status_code
        data = {"model": "m", "messages": msg, "logprobs": True}
        data = await guard.async_pre_call_hook(UserAPIKeyAuth(org_id="org-sus"), None, data,
                                               "acompletion")
        out["degraded_logprobs"] = "logprobs" in data
        resp = ModelResponse(choices=[{"index": 0, "finish_reason": "stop", "message": {
            "role": "assistant", "content": "<think>x</think>Answer",
            "reasoning_content": "x"}}])
        resp = await guard.async_post_call_success_hook(data, UserAPIKeyAuth(), resp)
        out["content"] = resp.choices[0].message.content
        out["reasoning"] = getattr(resp.choices[0].message, "reasoning_content", None)
        for _ in range(3):
            try:
                await guard.async_pre_call_hook(UserAPIKeyAuth(org_id="org-ok"), None,
                                                {"model": "m", "messages": msg}, "acompletion")
            except ProxyException as exc:
                out["throttle"] = [exc.code, exc.headers]
        DistillwatchLogger(core=core)

    asyncio.run(main())
    print(json.dumps(out))
    """
)


@pytest.mark.slow
def test_real_litellm_classes(settings: Settings, tmp_path: Path) -> None:
    python = os.environ.get("DISTILLWATCH_LITELLM_PYTHON")
    if not python or not Path(python).exists():
        pytest.skip("set DISTILLWATCH_LITELLM_PYTHON to a Python with litellm==1.110.0 installed")
    cfg = settings.gateway.model_dump(mode="json")
    cfg["canary_key"] = "litellm-test-key-0123456789"
    path = os.pathsep.join(p for p in (str(REPO / "src"), os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, "PYTHONPATH": path, "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    proc = subprocess.run(
        [python, "-c", LITELLM_SCRIPT, json.dumps(cfg)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["block"] == 403
    assert out["degraded_logprobs"] is False
    assert out["content"].startswith("Answer") and len(find_canaries(out["content"])) == 1
    assert not out["reasoning"]
    assert out["throttle"] == ["429", {"retry-after": "11"}]

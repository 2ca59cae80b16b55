"""Pure parts of the gateway: request mapping, policy, degrade, identity, canaries."""

from __future__ import annotations

import ipaddress
import json
from pathlib import Path

import pytest

from distillwatch.exceptions import ConfigError, RuleError
from distillwatch.gateway.contract import request_fields
from distillwatch.gateway.degrade import (
    DegradeSpec,
    SSEDegrader,
    ThinkStripper,
    degrade_request,
    degrade_response,
    strip_think,
)
from distillwatch.gateway.identity import IdentityResolver, client_ip, hash_api_key, load_key_map
from distillwatch.gateway.policy import FACTS, Policy
from distillwatch.provenance.canary import CanaryMinter, find_canaries, read_ledger

# ---- contract mapping ------------------------------------------------------------------


def test_chat_body_maps_to_contract_fields() -> None:
    body = {
        "model": "m1",
        "messages": [
            {"role": "system", "content": "be terse"},
            {"role": "user", "content": "first"},
            {"role": "assistant", "content": "ok"},
            {"role": "user", "content": [{"type": "text", "text": "second"}]},
        ],
        "logprobs": True,
        "top_logprobs": 5,
        "n": 3,
        "max_completion_tokens": 9000,
        "reasoning_effort": "high",
        "tools": [{"type": "function"}, {"type": "function"}],
        "stream": True,
    }
    f = request_fields(body, operation="chat")
    assert f["prompt"] == "second"
    assert f["system_prompt"] == "be terse"
    assert f["turn"] == 1
    assert (f["logprobs"], f["top_logprobs"], f["n"]) == (True, 5, 3)
    assert (f["max_tokens"], f["reasoning_effort"], f["tool_count"], f["stream"]) == (
        9000,
        "high",
        2,
        True,
    )


def test_responses_and_completions_shapes() -> None:
    r = request_fields(
        {
            "model": "m",
            "input": "solve it",
            "instructions": "sys",
            "max_output_tokens": 500,
            "reasoning": {"effort": "xhigh"},
            "include": ["message.output_text.logprobs"],
        },
        operation="responses",
    )
    assert (r["prompt"], r["system_prompt"], r["max_tokens"]) == ("solve it", "sys", 500)
    assert r["reasoning_effort"] == "xhigh" and r["logprobs"] is True and r["turn"] == 0
    c = request_fields({"prompt": ["p1", "p2"], "logprobs": 3}, operation="text_completion")
    assert (c["prompt"], c["logprobs"], c["top_logprobs"]) == ("p1", True, 3)


# ---- policy ----------------------------------------------------------------------------


def test_default_policy_loads_and_names_only_known_facts() -> None:
    policy = Policy.default()
    assert [r.id for r in policy.rules][:2] == ["admin-allow", "admin-block"]
    facts = {"account.override": "block", "account.flagged": True, "account.severity_rank": 4}
    verdict = policy.decide(facts)
    assert verdict.action == "block" and verdict.rule_ids == ("admin-block",)


def test_strongest_action_wins_and_degrades_merge(tmp_path: Path) -> None:
    p = tmp_path / "p.toml"
    p.write_text(
        """
[[rule]]
id = "a"
when = ["request.logprobs"]
action = "degrade"
degrade = { logprobs = "drop", max_n = 2 }
[[rule]]
id = "b"
when = ["request.n > 1"]
action = "degrade"
degrade = { strip_reasoning = true, max_n = 1, canary = true }
[[rule]]
id = "c"
when = ["request.model in ['x', 'y']"]
action = "flag"
"""
    )
    policy = Policy.from_file(p)
    v = policy.decide({"request.logprobs": True, "request.n": 4, "request.model": "x"})
    assert v.action == "degrade" and v.rule_ids == ("a", "b", "c")
    assert v.degrade == DegradeSpec(strip_reasoning=True, logprobs="drop", max_n=1, canary=True)
    # A missing value never satisfies a comparison.
    assert policy.decide({"request.model": "z"}).action == "allow"


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ('id = "r"\nwhen = ["state.rmp > 3"]\naction = "flag"', "unknown fact 'state.rmp'"),
        ('id = "r"\nwhen = ["state.rpm >> 3"]\naction = "flag"', "is not a literal"),
        ('id = "r"\nwhen = ["state.rpm > 3"]\naction = "nuke"', "action must be one of"),
        ('id = "r"\nwhen = ["state.rpm > 3"]\naction = "flag"\ncolour = 1', "unknown key"),
        ('id = "R!"\nwhen = ["state.rpm > 3"]\naction = "flag"', "rule id"),
    ],
)
def test_bad_rules_name_file_and_rule(tmp_path: Path, rule: str, message: str) -> None:
    p = tmp_path / "bad.toml"
    p.write_text("[[rule]]\n" + rule + "\n")
    with pytest.raises(RuleError, match=message) as info:
        Policy.from_file(p)
    assert "bad.toml" in str(info.value)


def test_facts_cover_every_signal_column() -> None:
    from distillwatch.schema import SIGNAL_FIELDS

    assert {f"signals.{f.name}" for f in SIGNAL_FIELDS} <= set(FACTS)


# ---- degrade ---------------------------------------------------------------------------


def test_strip_think_forms() -> None:
    assert strip_think("<think>a\nb</think>\n\nHello") == "Hello"
    assert strip_think("hidden reasoning</think> ok") == "ok"
    assert strip_think("x <think>never closed") == "x "
    assert strip_think("no tags") == "no tags"


@pytest.mark.parametrize("cut", range(1, 30))
def test_think_stripper_catches_tags_split_anywhere(cut: int) -> None:
    text = "Hi <think>secret plan</think>visible <think>x</think>end"
    s = ThinkStripper()
    out = s.feed(text[:cut]) + s.feed(text[cut:]) + s.flush()
    assert out == "Hi visible end"
    s = ThinkStripper()
    assert "".join(s.feed(c) for c in text) + s.flush() == "Hi visible end"


def test_degrade_request_caps_and_drops() -> None:
    spec = DegradeSpec(logprobs="drop", max_n=1, max_tokens=1000)
    body = {"logprobs": True, "top_logprobs": 5, "n": 4, "max_tokens": 9000, "messages": []}
    out, refusal = degrade_request(body, spec, "chat")
    assert refusal is None
    assert "logprobs" not in out and "top_logprobs" not in out
    assert (out["n"], out["max_tokens"]) == (1, 1000)
    assert body["n"] == 4  # the original is not modified
    _, refusal = degrade_request(body, DegradeSpec(logprobs="refuse"), "chat")
    assert refusal is not None
    out, _ = degrade_request({"input": "x", "max_output_tokens": 50}, spec, "responses")
    assert out["max_output_tokens"] == 50


def test_degrade_response_chat_and_responses() -> None:
    spec = DegradeSpec(strip_reasoning=True, logprobs="drop")
    chat = {
        "choices": [
            {
                "index": 0,
                "message": {"content": "<think>r</think>A", "reasoning_content": "r"},
                "logprobs": {"content": []},
            }
        ]
    }
    out = degrade_response(chat, spec, "chat", canary="#C")
    assert out["choices"][0]["message"] == {"content": "A#C"}
    assert out["choices"][0]["logprobs"] is None
    resp = {
        "output": [
            {"type": "reasoning", "summary": []},
            {"type": "message", "content": [{"type": "output_text", "text": "<think>r</think>B"}]},
        ]
    }
    out = degrade_response(resp, spec, "responses", canary=None)
    assert [o["type"] for o in out["output"]] == ["message"]
    assert out["output"][0]["content"][0]["text"] == "B"


def test_sse_degrader_chat_stream() -> None:
    d = SSEDegrader(DegradeSpec(strip_reasoning=True), "chat", canary="#C")
    events = [
        {"choices": [{"index": 0, "delta": {"reasoning_content": "r"}, "finish_reason": None}]},
        {"choices": [{"index": 0, "delta": {"content": "<thi"}, "finish_reason": None}]},
        {"choices": [{"index": 0, "delta": {"content": "nk>x</think>Ans"}, "finish_reason": None}]},
        {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]},
    ]
    out = [e for ev in events for e in d.event(json.loads(json.dumps(ev)))]
    text = "".join(e["choices"][0]["delta"].get("content") or "" for e in out)
    assert text == "Ans#C"
    assert all("reasoning_content" not in e["choices"][0]["delta"] for e in out)


# ---- identity --------------------------------------------------------------------------


def test_client_ip_honours_only_trusted_proxies() -> None:
    trusted = (ipaddress.ip_network("10.0.0.0/8"),)
    assert client_ip("10.1.1.1", "203.0.113.7, 10.2.2.2", trusted) == "203.0.113.7"
    # A caller outside the trusted set cannot claim an address.
    assert client_ip("198.51.100.9", "203.0.113.7", trusted) == "198.51.100.9"
    # A spoofed left-most entry is skipped: the right-most untrusted hop wins.
    assert client_ip("10.1.1.1", "1.2.3.4, 203.0.113.7", trusted) == "203.0.113.7"
    assert client_ip("10.1.1.1", "garbage", trusted) == "10.1.1.1"
    assert client_ip("10.1.1.1", "203.0.113.7", ()) == "10.1.1.1"


def test_key_map_holds_hashes_and_resolves_accounts(tmp_path: Path) -> None:
    p = tmp_path / "keys.json"
    p.write_text(json.dumps({hash_api_key("sk-a"): "acct-a"}))
    resolver = IdentityResolver(key_map=load_key_map(p), require_known_key=True)
    ident = resolver.resolve({"authorization": "Bearer sk-a"}, peer="127.0.0.1")
    assert ident.account_id == "acct-a" and ident.api_key_id == hash_api_key("sk-a")
    assert resolver.resolve({"authorization": "Bearer sk-b"}, peer=None).account_id is None
    p.write_text(json.dumps({"sk-clear-key": "acct-a"}))
    with pytest.raises(ConfigError, match="not a sha256"):
        load_key_map(p)


# ---- canaries --------------------------------------------------------------------------


def test_canaries_are_keyed_deterministic_and_recoverable(tmp_path: Path) -> None:
    a = CanaryMinter(b"k" * 32)
    b = CanaryMinter(b"j" * 32)
    assert a.mint("acct").canary_id == a.mint("acct").canary_id
    assert a.mint("acct").canary_id != a.mint("other").canary_id
    assert a.mint("acct").canary_id != b.mint("acct").canary_id
    zw = a.mint("acct")
    assert zw.text.isprintable() is False and find_canaries("Answer." + zw.text) == [zw.canary_id]
    visible = CanaryMinter(b"k" * 32, style="visible").mint("acct")
    assert find_canaries("x" + visible.text + "y") == [zw.canary_id]
    from distillwatch.provenance.canary import CanaryLedger

    ledger = CanaryLedger(tmp_path / "c.jsonl")
    ledger.record(account_id="acct", canary=zw, request_id="r1", model="m", style="zero_width")
    ledger.close()
    assert read_ledger(tmp_path / "c.jsonl") == {zw.canary_id: {"acct"}}


def test_scan_usage_matches_a_full_parse() -> None:
    from distillwatch.gateway.proxy import scan_usage, usage_of

    body = {
        "id": "x",
        "choices": [{"message": {"content": 'a "usage": {"prompt_tokens": 999} trick'}}],
        "usage": {
            "prompt_tokens": 12,
            "completion_tokens": 30,
            "completion_tokens_details": {"reasoning_tokens": 18},
        },
    }
    raw = json.dumps(body).encode()
    assert scan_usage(raw) == usage_of(body) == (12, 30, 18)
    assert scan_usage(b'{"choices": []}') == (None, None, None)

"""OpenAI request bodies (chat, completions, responses) -> contract event fields (SCHEMA.md).

The gateway scores a request with the same ``distillwatch.signals`` code as batch ingest, and
that code reads contract columns. This module is the one place that knows how each OpenAI API
shape spells them: ``max_tokens`` / ``max_completion_tokens`` / ``max_output_tokens``,
``reasoning_effort`` / ``reasoning.effort``, the Responses API's ``include`` logprobs, text in
strings or in content-part lists.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

OPERATIONS: dict[str, str] = {
    "/v1/chat/completions": "chat",
    "/v1/completions": "text_completion",
    "/v1/responses": "responses",
    "/v1/embeddings": "embeddings",
}
_TEXT_PART_TYPES = frozenset({"text", "input_text", "output_text"})


def operation_for(path: str) -> str | None:
    """Contract ``operation`` of an API path (``None`` for paths that carry no request)."""
    return OPERATIONS.get(path.rstrip("/"))


def content_text(content: Any) -> str:
    """Text of a message ``content``: a string, or the text parts of a content-part list."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for part in content:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, Mapping) and part.get("type", "text") in _TEXT_PART_TYPES:
                text = part.get("text")
                if isinstance(text, str):
                    parts.append(text)
        return "\n".join(parts)
    return ""


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _messages_fields(messages: Any) -> dict[str, Any]:
    if not isinstance(messages, list):
        return {"prompt": None, "system_prompt": None, "turn": None}
    system: list[str] = []
    users: list[str] = []
    for msg in messages:
        if not isinstance(msg, Mapping):
            continue
        role = msg.get("role", "user")
        text = content_text(msg.get("content"))
        if role in ("system", "developer"):
            system.append(text)
        elif role == "user":
            users.append(text)
    return {
        "prompt": users[-1] if users else None,
        "system_prompt": "\n".join(system) if system else None,
        "turn": max(len(users) - 1, 0),
    }


def _responses_input(value: Any) -> list[Any]:
    if isinstance(value, str):
        return [{"role": "user", "content": value}]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, Mapping) and "role" in item]
    return []


def request_fields(body: Mapping[str, Any], *, operation: str | None) -> dict[str, Any]:
    """Contract fields of one OpenAI-shaped request body (absent values are ``None``)."""
    out: dict[str, Any] = {
        "model": body.get("model") if isinstance(body.get("model"), str) else None,
        "operation": operation,
        "stream": bool(body.get("stream")) if "stream" in body else None,
        "temperature": body.get("temperature")
        if isinstance(body.get("temperature"), int | float)
        and not isinstance(body.get("temperature"), bool)
        else None,
        "top_p": body.get("top_p")
        if isinstance(body.get("top_p"), int | float) and not isinstance(body.get("top_p"), bool)
        else None,
        "n": _int(body.get("n")),
    }
    tools = body.get("tools")
    out["tool_count"] = len(tools) if isinstance(tools, list) else 0
    top = _int(body.get("top_logprobs"))
    out["top_logprobs"] = top
    if operation == "responses":
        out.update(_messages_fields(_responses_input(body.get("input"))))
        instructions = body.get("instructions")
        if isinstance(instructions, str) and instructions:
            out["system_prompt"] = (
                instructions + "\n" + out["system_prompt"] if out["system_prompt"] else instructions
            )
        out["max_tokens"] = _int(body.get("max_output_tokens"))
        reasoning = body.get("reasoning")
        effort = reasoning.get("effort") if isinstance(reasoning, Mapping) else None
        include = body.get("include")
        wants = isinstance(include, list) and any(
            isinstance(i, str) and "logprobs" in i for i in include
        )
        out["logprobs"] = wants or bool(top)
    elif operation == "text_completion":
        prompt = body.get("prompt")
        if isinstance(prompt, list):
            prompt = next((p for p in prompt if isinstance(p, str)), None)
        out.update(prompt=prompt if isinstance(prompt, str) else None, system_prompt=None, turn=0)
        out["max_tokens"] = _int(body.get("max_tokens"))
        effort = body.get("reasoning_effort")
        # Legacy completions: logprobs is an int (alternatives per token).
        lp = body.get("logprobs")
        if isinstance(lp, bool):
            out["logprobs"] = lp
        elif _int(lp) is not None:
            out["logprobs"] = True
            out["top_logprobs"] = _int(lp)
        else:
            out["logprobs"] = None
    else:
        out.update(_messages_fields(body.get("messages")))
        out["max_tokens"] = _int(body.get("max_completion_tokens"))
        if out["max_tokens"] is None:
            out["max_tokens"] = _int(body.get("max_tokens"))
        effort = body.get("reasoning_effort")
        lp = body.get("logprobs")
        out["logprobs"] = bool(lp) if lp is not None else (True if top else None)
    out["reasoning_effort"] = effort if isinstance(effort, str) else None
    return out

"""Chat message lists (OpenAI, OTel GenAI parts, LiteLLM) -> system text, last prompt, turn."""

from __future__ import annotations

import json
from typing import Any

SYSTEM_ROLES = {"system", "developer"}


def text_of(content: Any) -> str | None:
    """Text of a message content: a string, a list of parts, or an OTel ``parts`` list."""
    if content is None:
        return None
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        for key in ("text", "content"):
            if isinstance(content.get(key), str):
                return str(content[key])
        if "parts" in content:
            return text_of(content["parts"])
        return None
    if isinstance(content, list):
        texts = [t for t in (text_of(p) for p in content) if t]
        return "\n".join(texts) if texts else None
    return None


def maybe_json(value: Any) -> Any:
    """Decode JSON text (OTel attributes often carry JSON-encoded structures)."""
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def split_messages(messages: Any) -> tuple[str | None, str | None, int | None]:
    """(system text, text of the last user message, earlier user messages) of a chat list."""
    messages = maybe_json(messages)
    if isinstance(messages, str):
        return None, messages, 0
    if not isinstance(messages, list):
        return None, None, None
    system: list[str] = []
    users: list[str | None] = []
    for m in messages:
        if not isinstance(m, dict):
            continue
        role = m.get("role")
        content = m.get("content", m.get("parts"))
        if role in SYSTEM_ROLES:
            t = text_of(content)
            if t:
                system.append(t)
        elif role == "user":
            users.append(text_of(content))
    return (
        "\n".join(system) if system else None,
        users[-1] if users else None,
        max(len(users) - 1, 0) if users else None,
    )


def first_output(messages: Any) -> tuple[str | None, str | None]:
    """(text, finish_reason) of the first output message / choice."""
    messages = maybe_json(messages)
    if isinstance(messages, str):
        return messages, None
    if isinstance(messages, dict):
        choices = messages.get("choices")
        if isinstance(choices, list) and choices:
            c = choices[0] if isinstance(choices[0], dict) else {}
            msg = c.get("message") or {}
            text = text_of(msg.get("content")) if isinstance(msg, dict) else None
            if text is None and isinstance(c.get("text"), str):
                text = c["text"]
            return text, c.get("finish_reason")
        if "output" in messages:  # Responses API
            return first_output(messages["output"])
        return text_of(messages.get("content", messages.get("parts"))), messages.get(
            "finish_reason"
        )
    if isinstance(messages, list) and messages:
        m = messages[0]
        if isinstance(m, dict):
            return text_of(m.get("content", m.get("parts"))), m.get("finish_reason")
        return text_of(m), None
    return None, None

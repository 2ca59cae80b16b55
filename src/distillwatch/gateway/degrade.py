"""Degraded service: what a suspect account gets instead of a block.

Request side (before the upstream sees it): drop or refuse ``logprobs``/``top_logprobs``, cap
``n`` and the output-token cap, stop asking for reasoning summaries. Response side: strip
reasoning fields (``reasoning_content``, ``reasoning``, ``reasoning_details``, ``thinking``,
Responses-API ``reasoning`` items) and ``<think>...</think>`` blocks from the text, in whole
JSON bodies and in SSE streams (a think tag split across chunks is still caught), and append a
per-account canary to the first choice.

Degrading is meant to be unremarkable to a legitimate caller (answers still arrive) and
worthless to a harvester (no reasoning traces, no distributions, traceable text).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from distillwatch.exceptions import RuleError

LOGPROBS_MODES = ("keep", "drop", "refuse")
REASONING_FIELDS = ("reasoning_content", "reasoning", "reasoning_details", "thinking")
_SPEC_KEYS = frozenset({"strip_reasoning", "logprobs", "max_n", "max_tokens", "canary"})
_THINK_BLOCK = re.compile(r"<think>.*?(?:</think>\s*|$)", re.DOTALL)
OPEN_TAG = "<think>"
CLOSE_TAG = "</think>"


@dataclass(frozen=True, slots=True)
class DegradeSpec:
    """How to degrade one request and its response."""

    strip_reasoning: bool = False
    logprobs: str = "keep"  # keep | drop | refuse
    max_n: int | None = None
    max_tokens: int | None = None
    canary: bool = False

    @classmethod
    def from_dict(cls, data: Any, *, source: str) -> DegradeSpec:
        if not isinstance(data, Mapping):
            raise RuleError("'degrade' must be a table", source=source)
        unknown = sorted(set(data) - _SPEC_KEYS)
        if unknown:
            raise RuleError(f"unknown degrade key(s) {', '.join(unknown)}", source=source)
        lp = data.get("logprobs", "keep")
        if lp not in LOGPROBS_MODES:
            raise RuleError(f"degrade.logprobs must be one of {LOGPROBS_MODES}", source=source)
        for key in ("max_n", "max_tokens"):
            v = data.get(key)
            if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 1):
                raise RuleError(f"degrade.{key} must be a positive integer", source=source)
        for key in ("strip_reasoning", "canary"):
            if not isinstance(data.get(key, False), bool):
                raise RuleError(f"degrade.{key} must be true or false", source=source)
        return cls(
            strip_reasoning=data.get("strip_reasoning", False),
            logprobs=lp,
            max_n=data.get("max_n"),
            max_tokens=data.get("max_tokens"),
            canary=data.get("canary", False),
        )

    def merge(self, other: DegradeSpec) -> DegradeSpec:
        """The strictest combination of two specs."""

        def low(a: int | None, b: int | None) -> int | None:
            return b if a is None else a if b is None else min(a, b)

        return DegradeSpec(
            strip_reasoning=self.strip_reasoning or other.strip_reasoning,
            logprobs=max(self.logprobs, other.logprobs, key=LOGPROBS_MODES.index),
            max_n=low(self.max_n, other.max_n),
            max_tokens=low(self.max_tokens, other.max_tokens),
            canary=self.canary or other.canary,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "strip_reasoning": self.strip_reasoning,
            "logprobs": self.logprobs,
            "max_n": self.max_n,
            "max_tokens": self.max_tokens,
            "canary": self.canary,
        }


def wants_logprobs(body: Mapping[str, Any], operation: str | None) -> bool:
    if operation == "responses":
        include = body.get("include")
        return bool(body.get("top_logprobs")) or (
            isinstance(include, list) and any("logprobs" in str(i) for i in include)
        )
    return bool(body.get("logprobs")) or bool(body.get("top_logprobs"))


def degrade_request(
    body: dict[str, Any], spec: DegradeSpec, operation: str | None
) -> tuple[dict[str, Any], str | None]:
    """Apply ``spec`` to a request body. Returns (new body, refusal message or None)."""
    out = dict(body)
    if spec.logprobs != "keep" and wants_logprobs(body, operation):
        if spec.logprobs == "refuse":
            return body, "logprobs and top_logprobs are not available for this account"
        out.pop("logprobs", None)
        out.pop("top_logprobs", None)
        if isinstance(out.get("include"), list):
            out["include"] = [i for i in out["include"] if "logprobs" not in str(i)]
    if spec.max_n is not None:
        for key in ("n", "best_of"):
            v = out.get(key)
            if isinstance(v, int) and not isinstance(v, bool) and v > spec.max_n:
                out[key] = spec.max_n
    if spec.max_tokens is not None:
        keys = (
            ("max_output_tokens",)
            if operation == "responses"
            else ("max_completion_tokens", "max_tokens")
        )
        present = [k for k in keys if isinstance(out.get(k), int)]
        for k in present:
            out[k] = min(out[k], spec.max_tokens)
        if not present:
            out[keys[-1]] = spec.max_tokens
    if spec.strip_reasoning and operation == "responses":
        reasoning = out.get("reasoning")
        if isinstance(reasoning, dict) and "summary" in reasoning:
            out["reasoning"] = {k: v for k, v in reasoning.items() if k != "summary"}
        if isinstance(out.get("include"), list):
            out["include"] = [i for i in out["include"] if "reasoning" not in str(i)]
    return out, None


def strip_think(text: str) -> str:
    """Remove ``<think>...</think>`` blocks (an unclosed one runs to the end of the text);
    a lone leading ``...</think>`` (models that omit the opening tag) goes too."""
    if CLOSE_TAG in text and OPEN_TAG not in text.split(CLOSE_TAG, 1)[0]:
        text = text.split(CLOSE_TAG, 1)[1].lstrip()
    return _THINK_BLOCK.sub("", text)


class ThinkStripper:
    """Streaming ``<think>`` removal: feed text deltas, get the visible part of each."""

    __slots__ = ("_inside", "_pending", "_seen_visible")

    def __init__(self) -> None:
        self._inside = False
        self._pending = ""
        self._seen_visible = False

    def feed(self, text: str) -> str:
        buf = self._pending + text
        self._pending = ""
        out: list[str] = []
        while buf:
            if self._inside:
                j = buf.find(CLOSE_TAG)
                if j < 0:
                    self._pending = _partial_suffix(buf, CLOSE_TAG)
                    break
                buf = buf[j + len(CLOSE_TAG) :].lstrip()
                self._inside = False
                continue
            i = buf.find(OPEN_TAG)
            j = buf.find(CLOSE_TAG)
            if j >= 0 and (i < 0 or j < i) and not self._seen_visible:
                # "...</think>" with no opening tag at the start of a reply: all reasoning.
                out.clear()
                buf = buf[j + len(CLOSE_TAG) :].lstrip()
                continue
            if i < 0:
                keep = _partial_suffix(buf, OPEN_TAG)
                visible = buf[: len(buf) - len(keep)]
                self._pending = keep
                out.append(visible)
                break
            out.append(buf[:i])
            buf = buf[i + len(OPEN_TAG) :]
            self._inside = True
        text_out = "".join(out)
        if text_out.strip():
            self._seen_visible = True
        return text_out

    def flush(self) -> str:
        rest, self._pending = ("" if self._inside else self._pending), ""
        return rest


def _partial_suffix(buf: str, tag: str) -> str:
    """The longest suffix of ``buf`` that is a proper prefix of ``tag``."""
    for k in range(min(len(tag) - 1, len(buf)), 0, -1):
        if buf.endswith(tag[:k]):
            return buf[-k:]
    return ""


def _clean_message(msg: dict[str, Any], spec: DegradeSpec, key: str) -> None:
    if spec.strip_reasoning:
        for f in REASONING_FIELDS:
            msg.pop(f, None)
        content = msg.get(key)
        if isinstance(content, str):
            msg[key] = strip_think(content)


def degrade_response(
    payload: dict[str, Any], spec: DegradeSpec, operation: str | None, *, canary: str | None
) -> dict[str, Any]:
    """Apply ``spec`` to a whole (non-streamed) response body, in place; returns it."""
    if operation == "responses":
        tagged = False
        output = payload.get("output")
        if isinstance(output, list):
            if spec.strip_reasoning:
                output[:] = [
                    o for o in output if not (isinstance(o, dict) and o.get("type") == "reasoning")
                ]
            for item in output:
                if not isinstance(item, dict) or item.get("type") != "message":
                    continue
                for part in item.get("content") or []:
                    if isinstance(part, dict) and part.get("type") == "output_text":
                        if spec.strip_reasoning and isinstance(part.get("text"), str):
                            part["text"] = strip_think(part["text"])
                        if spec.logprobs != "keep":
                            part.pop("logprobs", None)
                        if canary and not tagged and isinstance(part.get("text"), str):
                            part["text"] += canary
                            tagged = True
        text = payload.get("output_text")
        if isinstance(text, str):
            text = strip_think(text) if spec.strip_reasoning else text
            payload["output_text"] = text + (canary or "") if not tagged else text
        return payload
    choices = payload.get("choices")
    if not isinstance(choices, list):
        return payload
    for idx, choice in enumerate(choices):
        if not isinstance(choice, dict):
            continue
        if spec.logprobs != "keep" and "logprobs" in choice:
            choice["logprobs"] = None
        if isinstance(choice.get("message"), dict):
            _clean_message(choice["message"], spec, "content")
            if canary and idx == 0 and isinstance(choice["message"].get("content"), str):
                choice["message"]["content"] += canary
        elif isinstance(choice.get("text"), str):
            if spec.strip_reasoning:
                choice["text"] = strip_think(choice["text"])
            if canary and idx == 0:
                choice["text"] += canary
    return payload


class SSEDegrader:
    """Rewrites an OpenAI SSE stream event by event (chat, completions and responses)."""

    def __init__(self, spec: DegradeSpec, operation: str | None, *, canary: str | None) -> None:
        self.spec = spec
        self.operation = operation
        self.canary = canary
        self._strippers: dict[int, ThinkStripper] = {}
        self._canary_sent = False

    def _stripper(self, idx: int) -> ThinkStripper:
        s = self._strippers.get(idx)
        if s is None:
            s = self._strippers[idx] = ThinkStripper()
        return s

    def event(self, data: dict[str, Any]) -> Iterator[dict[str, Any]]:
        """The events to send for one upstream event (none, it, or it plus a canary)."""
        if self.operation == "responses":
            yield from self._responses_event(data)
            return
        choices = data.get("choices")
        if not isinstance(choices, list):
            yield data
            return
        keep_any = not choices or data.get("usage") is not None
        for choice in choices:
            if not isinstance(choice, dict):
                continue
            idx = choice.get("index", 0) if isinstance(choice.get("index"), int) else 0
            if self.spec.logprobs != "keep" and "logprobs" in choice:
                choice["logprobs"] = None
            delta = choice.get("delta")
            key = "content"
            if not isinstance(delta, dict):
                delta, key = choice, "text"
            if self.spec.strip_reasoning:
                for f in REASONING_FIELDS:
                    delta.pop(f, None)
                if isinstance(delta.get(key), str):
                    delta[key] = self._stripper(idx).feed(delta[key])
                if choice.get("finish_reason") is not None:
                    tail = self._stripper(idx).flush()
                    if tail:
                        delta[key] = (delta.get(key) or "") + tail
            if (
                self.canary
                and idx == 0
                and not self._canary_sent
                and choice.get("finish_reason") is not None
            ):
                self._canary_sent = True
                delta[key] = (delta.get(key) or "") + self.canary
            useful = (
                bool(delta.get(key))
                or choice.get("finish_reason") is not None
                or any(k in delta for k in ("role", "tool_calls", "function_call", "refusal"))
            )
            keep_any = keep_any or useful
        if keep_any:
            yield data

    def _responses_event(self, data: dict[str, Any]) -> Iterator[dict[str, Any]]:
        etype = str(data.get("type", ""))
        if self.spec.strip_reasoning:
            if etype.startswith("response.reasoning"):
                return
            item = data.get("item")
            if isinstance(item, dict) and item.get("type") == "reasoning":
                return
            if etype == "response.output_text.delta" and isinstance(data.get("delta"), str):
                stripper = self._stripper(int(data.get("output_index") or 0))
                data["delta"] = stripper.feed(data["delta"])
                if not data["delta"]:
                    return
        if self.spec.logprobs != "keep":
            data.pop("logprobs", None)
        if etype == "response.output_text.done":
            if self.spec.strip_reasoning and isinstance(data.get("text"), str):
                data["text"] = strip_think(data["text"])
            if self.canary and not self._canary_sent:
                self._canary_sent = True
                data["text"] = (data.get("text") or "") + self.canary
                yield {
                    "type": "response.output_text.delta",
                    "item_id": data.get("item_id"),
                    "output_index": data.get("output_index", 0),
                    "content_index": data.get("content_index", 0),
                    "delta": self.canary,
                }
        elif etype in ("response.completed", "response.incomplete") and isinstance(
            data.get("response"), dict
        ):
            degrade_response(data["response"], self.spec, "responses", canary=self.canary)
        yield data


def encode_event(data: Mapping[str, Any], *, event: str | None = None) -> bytes:
    head = f"event: {event}\n" if event else ""
    return (head + "data: " + json.dumps(data, separators=(",", ":")) + "\n\n").encode()

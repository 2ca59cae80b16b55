"""OpenTelemetry GenAI spans in OTLP/JSON (collector file exporter: one request per line).

Maps the current ``gen_ai.*`` semantic conventions, their deprecated names
(``gen_ai.usage.prompt_tokens``, ``gen_ai.prompt.N.content``, ...), and the OpenInference
``llm.*`` aliases onto the contract. Spans without any GenAI attribute (HTTP, DB, ...) are
skipped and counted. OTel has no billing-account attribute: ``account_id`` is read from the
span or resource attribute ``account.id`` (also ``distillwatch.account_id``, ``account_id``,
``organization.id``, ``tenant.id``); spans without one are quarantined.
Unmapped attributes pass through in ``extra`` (message contents never do).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from distillwatch.ingest.config import IngestConfig
from distillwatch.ingest.formats.base import Progress, RawBatch, open_source
from distillwatch.ingest.formats.mapped import BatchBuilder, first
from distillwatch.ingest.formats.messages import first_output, maybe_json, split_messages
from distillwatch.ingest.quarantine import Reject

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ACCOUNT_KEYS = (
    "account.id",
    "distillwatch.account_id",
    "account_id",
    "organization.id",
    "tenant.id",
)
# contract column -> attribute names, first present wins (current, deprecated, OpenInference)
SIMPLE: dict[str, tuple[str, ...]] = {
    "request_id": ("gen_ai.response.id",),
    "api_key_id": ("api_key.id", "gen_ai.request.api_key_id"),
    "end_user": ("enduser.id", "user.id", "gen_ai.request.user"),
    "client_ip": ("client.address", "http.client_ip", "net.peer.ip"),
    "user_agent": ("user_agent.original", "http.user_agent"),
    "model": ("gen_ai.request.model", "llm.model_name", "gen_ai.response.model"),
    "operation": ("gen_ai.operation.name",),
    "input_tokens": (
        "gen_ai.usage.input_tokens",
        "gen_ai.usage.prompt_tokens",
        "llm.token_count.prompt",
    ),
    "output_tokens": (
        "gen_ai.usage.output_tokens",
        "gen_ai.usage.completion_tokens",
        "llm.token_count.completion",
    ),
    "reasoning_tokens": (
        "gen_ai.usage.reasoning.output_tokens",
        "gen_ai.usage.reasoning_tokens",
        "llm.token_count.completion_details.reasoning",
    ),
    "temperature": ("gen_ai.request.temperature",),
    "top_p": ("gen_ai.request.top_p",),
    "max_tokens": ("gen_ai.request.max_tokens",),
    "n": ("gen_ai.request.choice.count",),
    "logprobs": ("gen_ai.request.logprobs",),
    "top_logprobs": ("gen_ai.request.top_logprobs",),
    "reasoning_effort": ("gen_ai.request.reasoning.level", "gen_ai.request.reasoning_effort"),
    "stream": ("gen_ai.request.stream",),
    "conversation_id": ("gen_ai.conversation.id", "session.id"),
    "status": ("http.response.status_code", "http.status_code"),
}
# llm.invocation_parameters keys (OpenAI request body names)
INVOCATION = {
    "temperature": ("temperature",),
    "top_p": ("top_p",),
    "max_tokens": ("max_tokens", "max_completion_tokens", "max_output_tokens"),
    "n": ("n",),
    "logprobs": ("logprobs",),
    "top_logprobs": ("top_logprobs",),
    "reasoning_effort": ("reasoning_effort",),
    "stream": ("stream",),
}
TEXT_KEYS = re.compile(
    r"^(gen_ai\.(input|output)\.messages|gen_ai\.system_instructions|gen_ai\.prompt|"
    r"gen_ai\.completion|gen_ai\.tool\.definitions|llm\.(input|output)_messages|llm\.tools|"
    r"llm\.prompts|input\.value|output\.value|llm\.invocation_parameters)"
)
GENAI_PREFIXES = ("gen_ai.", "llm.")


def attr_value(v: dict[str, Any]) -> Any:
    """Python value of an OTLP/JSON ``AnyValue``."""
    if not isinstance(v, dict):
        return v
    if "stringValue" in v:
        return v["stringValue"]
    if "intValue" in v:
        try:
            return int(v["intValue"])
        except (TypeError, ValueError):
            return v["intValue"]
    if "doubleValue" in v:
        return v["doubleValue"]
    if "boolValue" in v:
        return v["boolValue"]
    if "arrayValue" in v:
        return [attr_value(x) for x in (v["arrayValue"] or {}).get("values", [])]
    if "kvlistValue" in v:
        return {
            kv.get("key"): attr_value(kv.get("value", {}))
            for kv in (v["kvlistValue"] or {}).get("values", [])
        }
    if "bytesValue" in v:
        return v["bytesValue"]
    return None


def attrs(items: Any) -> dict[str, Any]:
    if not isinstance(items, list):
        return {}
    return {
        kv["key"]: attr_value(kv.get("value", {}))
        for kv in items
        if isinstance(kv, dict) and "key" in kv
    }


def _indexed(a: dict[str, Any], prefix: str, suffixes: tuple[str, ...]) -> list[dict[str, Any]]:
    """Messages flattened as ``<prefix>.<i>.<suffix>`` attributes (deprecated / OpenInference)."""
    pat = re.compile(re.escape(prefix) + r"\.(\d+)\.(.+)$")
    found: dict[int, dict[str, Any]] = {}
    for k, v in a.items():
        m = pat.match(k)
        if m:
            found.setdefault(int(m.group(1)), {})[m.group(2)] = v
    out = []
    for i in sorted(found):
        d = found[i]
        role = first(*(d.get(f"{s}role") for s in suffixes))
        content = first(*(d.get(f"{s}content") for s in suffixes))
        out.append({"role": role, "content": content, "finish_reason": d.get("finish_reason")})
    return out


def map_span(
    span: dict[str, Any], resource: dict[str, Any], extra_events: dict[str, Any]
) -> dict[str, Any] | None:
    """Contract row for one span, or None when it is not a GenAI span."""
    a = {**extra_events, **attrs(span.get("attributes"))}
    if (
        not any(k.startswith(GENAI_PREFIXES) for k in a)
        and a.get("openinference.span.kind") != "LLM"
    ):
        return None
    used: set[str] = set()

    def get(*keys: str) -> Any:
        for k in keys:
            if k in a and a[k] is not None:
                used.add(k)
                return a[k]
        return None

    row: dict[str, Any] = {}
    ns = span.get("startTimeUnixNano")
    try:
        row["ts"] = (
            (EPOCH + timedelta(microseconds=int(ns) // 1000)).isoformat()
            if ns is not None
            else None
        )
    except (TypeError, ValueError, OverflowError):
        row["ts"] = str(ns)
    row["account_id"] = first(get(*ACCOUNT_KEYS), *(resource.get(k) for k in ACCOUNT_KEYS))
    for col, keys in SIMPLE.items():
        row[col] = get(*keys)
    params = maybe_json(a.get("llm.invocation_parameters"))
    if isinstance(params, dict):
        for col, keys in INVOCATION.items():
            if row.get(col) is None:
                row[col] = first(*(params.get(k) for k in keys))
        if isinstance(params.get("reasoning"), dict) and row.get("reasoning_effort") is None:
            row["reasoning_effort"] = params["reasoning"].get("effort")
        if isinstance(params.get("tools"), list):
            row["tool_count"] = len(params["tools"])
    if row["request_id"] is None:
        trace, span_id = span.get("traceId"), span.get("spanId")
        row["request_id"] = f"otel:{trace}:{span_id}" if trace and span_id else None
    # messages: current conventions, then deprecated indexed attributes, then OpenInference
    inputs = maybe_json(a.get("gen_ai.input.messages"))
    if inputs is None and isinstance(a.get("gen_ai.prompt"), str):
        inputs = maybe_json(a["gen_ai.prompt"])
    if inputs is None:
        inputs = _indexed(a, "gen_ai.prompt", ("",)) or _indexed(
            a, "llm.input_messages", ("message.",)
        )
    system, prompt, turn = split_messages(inputs)
    instructions = maybe_json(a.get("gen_ai.system_instructions"))
    if instructions is not None:
        from distillwatch.ingest.formats.messages import text_of

        system = text_of(instructions) or system
    outputs = maybe_json(a.get("gen_ai.output.messages"))
    if outputs is None and isinstance(a.get("gen_ai.completion"), str):
        outputs = maybe_json(a["gen_ai.completion"])
    if outputs is None:
        outputs = _indexed(a, "gen_ai.completion", ("",)) or _indexed(
            a, "llm.output_messages", ("message.",)
        )
    response, finish = first_output(outputs)
    reasons = get("gen_ai.response.finish_reasons")
    if isinstance(reasons, list) and reasons:
        finish = reasons[0]
    elif isinstance(reasons, str):
        finish = reasons
    row.update(
        system_prompt=system, prompt=prompt, response=response, turn=turn, finish_reason=finish
    )
    tools = maybe_json(a.get("gen_ai.tool.definitions"))
    if isinstance(tools, list):
        row["tool_count"] = len(tools)
    elif row.get("tool_count") is None:
        n_tools = {k.split(".")[2] for k in a if k.startswith("llm.tools.") and k.count(".") >= 3}
        row["tool_count"] = len(n_tools) if n_tools else None
    extra = {
        k: v
        for k, v in a.items()
        if k not in used and not TEXT_KEYS.match(k) and k not in ACCOUNT_KEYS
    }
    extra["otel.span_name"] = span.get("name")
    extra["otel.trace_id"] = span.get("traceId")
    extra["otel.span_id"] = span.get("spanId")
    row["extra"] = extra
    return row


def _event_attrs(span: dict[str, Any]) -> dict[str, Any]:
    """Attributes of GenAI span events (older instrumentations put messages there)."""
    out: dict[str, Any] = {}
    for ev in span.get("events") or []:
        if isinstance(ev, dict) and str(ev.get("name", "")).startswith("gen_ai."):
            out.update(attrs(ev.get("attributes")))
    return out


def spans_of(doc: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    for rs in doc.get("resourceSpans") or doc.get("resource_spans") or []:
        resource = attrs((rs.get("resource") or {}).get("attributes"))
        for ss in rs.get("scopeSpans") or rs.get("instrumentationLibrarySpans") or []:
            for span in ss.get("spans") or []:
                if isinstance(span, dict):
                    yield span, resource


def read_otlp(path: Path, *, config: IngestConfig, progress: Progress) -> Iterator[RawBatch]:
    """GenAI spans from OTLP/JSON: one export request per line, or one whole document."""
    source = str(path)
    builder = BatchBuilder(batch_rows=config.batch_rows, kind="line")
    with open_source(path) as src:
        data = src.stream.read(1 << 16)
        whole: dict[str, Any] | None = None
        first_line = data.split(b"\n", 1)[0]
        try:
            json.loads(first_line)
            line_mode = True
        except ValueError:
            line_mode = False
        if not line_mode:
            # A pretty-printed single document: it has to be parsed whole.
            data += src.stream.read()
            try:
                whole = json.loads(data)
            except ValueError as exc:
                builder.rejects.append(Reject(source, f"invalid OTLP JSON: {exc}"))
                yield from builder.flush()
                return
            docs: Iterator[tuple[int, bytes | dict[str, Any]]] = iter([(1, whole)])
        else:

            def lines() -> Iterator[tuple[int, bytes | dict[str, Any]]]:
                rest = data
                n = 0
                while True:
                    more = src.stream.read(1 << 20)
                    rest += more
                    *complete, rest = rest.split(b"\n")
                    for ln in complete:
                        n += 1
                        yield n, ln
                    if not more:
                        if rest.strip():
                            yield n + 1, rest
                        return

            docs = lines()
        for ln, item in docs:
            if isinstance(item, bytes):
                if not item.strip():
                    continue
                try:
                    doc = json.loads(item)
                except ValueError as exc:
                    builder.rejects.append(
                        Reject(source, f"invalid JSON: {exc}", line=ln, raw=item)
                    )
                    continue
            else:
                doc = item
            if not isinstance(doc, dict):
                builder.rejects.append(Reject(source, "not a JSON object", line=ln))
                continue
            for span, resource in spans_of(doc):
                row = map_span(span, resource, _event_attrs(span))
                if row is None:
                    builder.skipped += 1
                else:
                    builder.add(row, ln)
                if builder.full():
                    yield from builder.flush()
                    progress(src.position())
        yield from builder.flush()
        progress(src.position())

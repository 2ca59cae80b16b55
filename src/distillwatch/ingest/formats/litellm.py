"""LiteLLM logs: ``StandardLoggingPayload`` JSON lines and SpendLogs CSV exports.

``account_id`` comes from ``metadata.user_api_key_org_id``, else ``..._team_id``, else
``..._user_id`` (SpendLogs: the same metadata, else the ``team_id``/``user`` columns).
``model_parameters.logprobs/top_logprobs/n`` (and the other sampling parameters) map to their
contract columns, ``requester_ip_address`` to ``client_ip``, ``end_user`` to ``end_user``.
A few operational fields pass through in ``extra`` (cost, model group, provider, status).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from distillwatch.ingest.config import IngestConfig
from distillwatch.ingest.formats.base import Progress, RawBatch
from distillwatch.ingest.formats.jsonl import read_jsonl
from distillwatch.ingest.formats.mapped import BatchBuilder, first
from distillwatch.ingest.formats.messages import first_output, maybe_json, split_messages
from distillwatch.ingest.formats.tabular import read_csv_batches

CALL_TYPES = {
    "completion": "chat",
    "acompletion": "chat",
    "text_completion": "text_completion",
    "atext_completion": "text_completion",
    "responses": "responses",
    "aresponses": "responses",
    "embedding": "embeddings",
    "aembedding": "embeddings",
}
EXTRA_KEYS = (
    "response_cost",
    "model_group",
    "custom_llm_provider",
    "api_base",
    "cache_hit",
    "status",
    "spend",
    "total_tokens",
)
EXTRA_METADATA = ("user_api_key_alias", "user_api_key_team_alias", "requester_ip_address")


def _dict(v: Any) -> dict[str, Any]:
    v = maybe_json(v)
    return v if isinstance(v, dict) else {}


def _status(obj: dict[str, Any]) -> int | None:
    s = obj.get("status")
    if s == "success":
        return 200
    err = _dict(obj.get("error_information"))
    code = err.get("error_code")
    try:
        return int(code) if code not in (None, "") else None
    except (TypeError, ValueError):
        return None


def map_payload(obj: dict[str, Any]) -> dict[str, Any]:
    """Contract row from a StandardLoggingPayload (or a SpendLogs row shaped like one)."""
    p = _dict(obj.get("standard_logging_object")) or obj
    meta = _dict(p.get("metadata"))
    params = _dict(p.get("model_parameters"))
    response = maybe_json(p.get("response"))
    system, prompt, turn = split_messages(p.get("messages"))
    text, finish = first_output(response)
    usage = _dict(response.get("usage")) if isinstance(response, dict) else {}
    details = _dict(usage.get("completion_tokens_details"))
    tools = params.get("tools")
    call_type = p.get("call_type")
    extra = {k: p[k] for k in EXTRA_KEYS if p.get(k) not in (None, "")}
    extra.update(
        {f"metadata.{k}": meta[k] for k in EXTRA_METADATA if meta.get(k) not in (None, "")}
    )
    return {
        "ts": first(p.get("startTime"), p.get("start_time")),
        "account_id": first(
            meta.get("user_api_key_org_id"),
            p.get("organization_id"),
            meta.get("user_api_key_team_id"),
            p.get("team_id"),
            meta.get("user_api_key_user_id"),
            p.get("user"),
        ),
        "request_id": first(p.get("id"), p.get("request_id"), p.get("litellm_call_id")),
        "api_key_id": first(meta.get("user_api_key_hash"), p.get("api_key")),
        "end_user": first(p.get("end_user"), meta.get("user_api_key_end_user_id")),
        "client_ip": first(p.get("requester_ip_address"), meta.get("requester_ip_address")),
        "user_agent": first(p.get("user_agent"), meta.get("user_agent")),
        "model": first(p.get("model"), p.get("model_group")),
        "operation": CALL_TYPES.get(str(call_type), call_type),
        "input_tokens": first(p.get("prompt_tokens"), usage.get("prompt_tokens")),
        "output_tokens": first(p.get("completion_tokens"), usage.get("completion_tokens")),
        "reasoning_tokens": details.get("reasoning_tokens"),
        "temperature": params.get("temperature"),
        "top_p": params.get("top_p"),
        "max_tokens": first(params.get("max_tokens"), params.get("max_completion_tokens")),
        "n": params.get("n"),
        "logprobs": params.get("logprobs"),
        "top_logprobs": params.get("top_logprobs"),
        "reasoning_effort": params.get("reasoning_effort"),
        "stream": first(params.get("stream"), p.get("stream")),
        "tool_count": len(tools) if isinstance(tools, list) else None,
        "conversation_id": first(p.get("session_id"), meta.get("session_id"), p.get("trace_id")),
        "turn": turn,
        "system_prompt": system,
        "prompt": prompt,
        "response": text,
        "finish_reason": finish,
        "status": _status(p),
        "extra": extra,
    }


def _mapped(
    batches: Iterator[RawBatch], *, config: IngestConfig, progress: Progress
) -> Iterator[RawBatch]:
    """Re-shape raw batches of LiteLLM records into contract rows."""
    for raw in batches:
        builder = BatchBuilder(batch_rows=config.batch_rows, kind=raw.kind)
        builder.rejects.extend(raw.rejects)
        table = raw.table
        for c in table.column_names:  # SpendLogs CSV columns arrive as bytes
            if pa.types.is_binary(table.column(c).type):
                table = (
                    table.set_column(
                        table.column_names.index(c),
                        c,
                        table.column(c).cast(pa.string(), safe=False),
                    )
                    if _utf8(table.column(c))
                    else table
                )
        for i, rec in enumerate(table.to_pylist()):
            rec = {
                k: (json.loads(v) if k in raw.json_columns and isinstance(v, str) else v)
                for k, v in rec.items()
            }
            builder.add(map_payload(rec), int(raw.positions[i]))
        yield from builder.flush()


def _utf8(col: pa.ChunkedArray) -> bool:
    try:
        col.cast(pa.string())
        return True
    except pa.ArrowInvalid:
        return False


def read_litellm(path: Path, *, config: IngestConfig, progress: Progress) -> Iterator[RawBatch]:
    """StandardLoggingPayload objects, one per line (or under ``standard_logging_object``)."""
    yield from _mapped(
        read_jsonl(path, config=config, progress=progress), config=config, progress=progress
    )


def read_spendlogs(path: Path, *, config: IngestConfig, progress: Progress) -> Iterator[RawBatch]:
    """A LiteLLM SpendLogs table exported as CSV."""
    batches = read_csv_batches(
        path, config=config, progress=progress, required=("request_id", "startTime")
    )
    yield from _mapped(batches, config=config, progress=progress)

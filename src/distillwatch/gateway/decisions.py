"""The decision log: one JSON line per request, a valid contract event plus the decision.

Each line carries the contract columns of SCHEMA.md (``ts`` RFC 3339, ``account_id``,
``request_id``, ``api_key_id`` = the key's SHA-256, never the key, client and request
parameters, ``status``, token counts when the upstream reported them) and extra keys
(``action``, ``rule_ids``, ``score``, ``signals``, ``state``, ...) that ``distillwatch ingest``
passes through as unknown columns. Text (``prompt``, ``system_prompt``) is written only when
``log_text`` is on. Lines are written whole by one background writer
(:class:`distillwatch.appender.LineAppender`), so concurrent callers never interleave and the
request path never waits on the disk.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from distillwatch.appender import LineAppender
from distillwatch.schema import EVENT_SCHEMA

# Request-side contract columns copied from the request's contract fields.
REQUEST_COLUMNS: tuple[str, ...] = (
    "model",
    "operation",
    "temperature",
    "top_p",
    "max_tokens",
    "n",
    "logprobs",
    "top_logprobs",
    "reasoning_effort",
    "stream",
    "tool_count",
    "turn",
)
TEXT_COLUMNS: tuple[str, ...] = ("system_prompt", "prompt")
CONTRACT_COLUMNS = frozenset(EVENT_SCHEMA.names)


def rfc3339(ts: datetime | float | None = None) -> str:
    """UTC timestamp with microseconds and a ``Z`` suffix."""
    if ts is None:
        ts = datetime.now(UTC)
    elif isinstance(ts, int | float):
        ts = datetime.fromtimestamp(ts, UTC)
    return ts.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _scalar(value: Any) -> Any:
    """A JSON-safe scalar: numpy scalars become Python ones, NaN and infinities None."""
    if hasattr(value, "item") and not isinstance(value, int | float | str | bool):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def decision_record(
    *,
    ts: float,
    request: Mapping[str, Any],
    identity: Any,
    request_id: str | None,
    status: int | None,
    action: str,
    rule_ids: tuple[str, ...] | list[str],
    score: float | None,
    signals: Mapping[str, Any] | None,
    log_text: bool = False,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One decision as a contract event + extras (``None`` values are left out)."""
    rec: dict[str, Any] = {
        "ts": rfc3339(ts),
        "account_id": identity.account_id or "anonymous",
        "request_id": request_id,
        "api_key_id": identity.api_key_id,
        "end_user": identity.end_user,
        "client_ip": identity.client_ip,
        "user_agent": identity.user_agent,
    }
    for col in REQUEST_COLUMNS:
        rec[col] = request.get(col)
    if log_text:
        for col in TEXT_COLUMNS:
            rec[col] = request.get(col)
    rec["status"] = status
    rec["action"] = action
    rec["rule_ids"] = list(rule_ids)
    rec["score"] = _scalar(score)
    if signals is not None:
        rec["signals"] = {k: _scalar(v) for k, v in signals.items()}
    if extra:
        for k, v in extra.items():
            if k not in rec:
                rec[k] = v
    return {k: v for k, v in rec.items() if v is not None}


class DecisionLog:
    """Appends decision records as JSON lines to a file (or stdout for ``-``).

    Records are serialised on the caller's thread and written by a background thread;
    :meth:`flush` waits for them (tests, and readers in the same process).
    """

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self._out = LineAppender(path, name="decision")

    @property
    def written(self) -> int:
        return self._out.written

    @property
    def lost(self) -> int:
        return self._out.lost

    def write(self, record: Mapping[str, Any]) -> None:
        line = json.dumps(record, separators=(",", ":"), default=str, ensure_ascii=False)
        self._out.append(line + "\n")

    def flush(self, timeout: float | None = 10.0) -> bool:
        return self._out.flush(timeout)

    def close(self) -> None:
        self._out.close()

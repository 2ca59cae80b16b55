"""Row-level rules on normalised events: required fields, time bounds, value ranges, IPs.

Every rule is vectorised and returns a :class:`~distillwatch.ingest.normalise.Problem`
(a row mask, the field and the reason). A row with any problem is quarantined whole: an
invalid optional field (say ``client_ip = "unknown"``) is not silently nulled, because later
stages would then read a row that says something the input did not.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.ingest.buffers import has_nul
from distillwatch.ingest.enrich import IPV4_CANONICAL, parse_ip
from distillwatch.ingest.normalise import Problem
from distillwatch.schema import REASONING_EFFORTS, TS

# (column, lowest, highest) inclusive; None means unbounded.
RANGES: tuple[tuple[str, float | None, float | None], ...] = (
    ("input_tokens", 0, None),
    ("output_tokens", 0, None),
    ("reasoning_tokens", 0, None),
    ("max_tokens", 0, None),
    ("n", 1, 128),
    ("top_logprobs", 0, 20),
    ("temperature", 0.0, 2.0),
    ("top_p", 0.0, 1.0),
    ("tool_count", 0, None),
    ("turn", 0, None),
    ("status", 100, 599),
)
# Identifier columns must not carry NUL bytes (text columns may: they are kept verbatim).
ID_COLUMNS = (
    "account_id",
    "request_id",
    "api_key_id",
    "end_user",
    "client_ip",
    "model",
    "operation",
    "conversation_id",
)


def _mask(arr: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Boolean Arrow array -> numpy mask with nulls as False."""
    return np.asarray(pc.fill_null(arr, False).to_numpy(zero_copy_only=False), dtype=bool)


def _may_hold_nul(col: pa.Array | pa.ChunkedArray) -> bool:
    """False when no string of ``col`` can hold a NUL byte (:func:`buffers.has_nul` of each
    chunk: one NumPy pass instead of a substring search per value)."""
    chunks = col.chunks if isinstance(col, pa.ChunkedArray) else [col]
    for chunk in chunks:
        if not (pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)):
            return True
        if has_nul(chunk):
            return True
    return False


def canonical_ips(col: pa.Array | pa.ChunkedArray) -> tuple[pa.Array, np.ndarray]:
    """Canonical text of each IPv4/IPv6 address, and a mask of values that are not one.

    Parsing is enrichment's ``parse_ip`` (one implementation): a port or zone id is dropped
    and IPv4-mapped IPv6 becomes IPv4. Each distinct value is parsed once per batch.
    """
    # Canonical dotted quads (the bulk of real traffic) need no Python: only the rest is parsed.
    plain = pc.match_substring_regex(col, IPV4_CANONICAL)
    rest = pc.filter(col, pc.invert(pc.fill_null(plain, True)))
    if len(rest) == 0:
        return (col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col), np.zeros(
            len(col), bool
        )
    uniq = pc.unique(rest).drop_null()
    canon: list[str | None] = []
    for v in uniq.to_pylist():
        ip = parse_ip(v)
        canon.append(None if ip is None else str(ip))
    idx = pc.index_in(col, value_set=uniq)
    out = pc.if_else(pc.fill_null(plain, False), col, pc.take(pa.array(canon, pa.string()), idx))
    if isinstance(out, pa.ChunkedArray):
        out = out.combine_chunks()
    bad = _mask(pc.and_(pc.is_valid(col), pc.is_null(out)))
    return out, bad


def validate(
    table: pa.Table,
    *,
    min_ts: datetime,
    max_future: timedelta,
    now: datetime,
) -> tuple[pa.Table, list[Problem]]:
    """Check normalised events; returns the table (IPs canonicalised) and the problems."""
    problems: list[Problem] = []
    ts = table.column("ts")
    problems.append(Problem(_mask(pc.is_null(ts)), "ts", "missing required field"))
    lo = pa.scalar(min_ts, TS)
    hi = pa.scalar(now + max_future, TS)
    problems.append(Problem(_mask(pc.less(ts, lo)), "ts", f"before {min_ts.isoformat()} (too old)"))
    problems.append(
        Problem(_mask(pc.greater(ts, hi)), "ts", f"in the future (more than {max_future} ahead)")
    )
    acc = table.column("account_id")
    empty = pc.or_kleene(pc.is_null(acc), pc.equal(pc.utf8_trim_whitespace(acc), ""))
    problems.append(Problem(_mask(empty), "account_id", "missing required field"))
    for name in ID_COLUMNS:
        col = table.column(name)
        if _may_hold_nul(col):
            problems.append(
                Problem(_mask(pc.match_substring(col, "\x00")), name, "contains a NUL byte")
            )
    for name, low, high in RANGES:
        col = table.column(name)
        if col.null_count == len(col):
            continue  # an absent optional field (most of them in most logs): nothing to check
        # A value is out of range when it is below, above, or NaN; a null is not checked.
        # (Null comparisons give null, which _mask reads as False.)
        parts = []
        if pa.types.is_floating(col.type):
            parts.append(pc.is_nan(col))
        if low is not None:
            parts.append(pc.less(col, low))
        if high is not None:
            parts.append(pc.greater(col, high))
        bad = parts[0]
        for more in parts[1:]:
            bad = pc.or_(bad, more)
        span = f"[{low}, {high if high is not None else 'inf'}]"
        problems.append(Problem(_mask(bad), name, f"out of range {span}"))
    effort = pc.utf8_lower(table.column("reasoning_effort"))
    bad_effort = pc.and_(
        pc.is_valid(effort), pc.invert(pc.is_in(effort, pa.array(REASONING_EFFORTS)))
    )
    problems.append(
        Problem(
            _mask(bad_effort),
            "reasoning_effort",
            f"unknown value (expected one of {', '.join(REASONING_EFFORTS)})",
        )
    )
    table = table.set_column(
        table.schema.get_field_index("reasoning_effort"), "reasoning_effort", effort
    )
    ips, bad_ip = canonical_ips(table.column("client_ip"))
    problems.append(Problem(bad_ip, "client_ip", "not an IPv4 or IPv6 address"))
    table = table.set_column(table.schema.get_field_index("client_ip"), "client_ip", ips)
    return table, [p for p in problems if p.mask.any()]

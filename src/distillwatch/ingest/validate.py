"""Row-level rules on normalised events: required fields, time bounds, value ranges, IPs.

Every rule is vectorised and returns a :class:`~distillwatch.ingest.normalise.Problem`
(a row mask, the field and the reason). A row with any problem is quarantined whole: an
invalid optional field (say ``client_ip = "unknown"``) is not silently nulled, because later
stages would then read a row that says something the input did not.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeAlias

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.ingest.buffers import all_ascii, has_nul, string_buffers, value_bytes
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


# A range's end: a number, a timestamp (a column's type), or None for no end.
Bound: TypeAlias = float | pa.TimestampScalar | None


def out_of_range(col: pa.Array | pa.ChunkedArray, low: Bound, high: Bound) -> np.ndarray:
    """Rows below ``low``, above ``high`` or NaN (a null is not checked: False).

    Chunks without nulls of int64, float64 or timestamp type are compared in NumPy (their
    buffers, no copy); Arrow's three calls and a mask conversion per column cost more than
    the comparisons on a batch. Others take Arrow's comparisons (nulls give null: False).
    """
    chunks = col.chunks if isinstance(col, pa.ChunkedArray) else [col]
    parts = []
    for chunk in chunks:
        t = chunk.type
        numeric = pa.types.is_int64(t) or pa.types.is_float64(t) or pa.types.is_timestamp(t)
        if chunk.null_count or not numeric:
            parts.append(_arrow_out_of_range(chunk, low, high))
            continue
        values = chunk.to_numpy()
        if pa.types.is_timestamp(t):
            values = values.view(np.int64)
        bad = np.isnan(values) if pa.types.is_float64(t) else np.zeros(len(values), bool)
        for bound, below in ((low, True), (high, False)):
            if bound is None:
                continue
            # A timestamp bound as the column's integer (the same unit: the column's type).
            b = bound.cast(t).value if isinstance(bound, pa.TimestampScalar) else bound
            bad |= (values < b) if below else (values > b)
        parts.append(bad)
    if not parts:
        return np.zeros(0, bool)
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def _arrow_out_of_range(col: pa.Array, low: Bound, high: Bound) -> np.ndarray:
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
    return _mask(bad)


def _string_chunks(col: pa.Array | pa.ChunkedArray) -> list[pa.Array] | None:
    """The chunks of a string column (None for another type: the Arrow path then)."""
    chunks = col.chunks if isinstance(col, pa.ChunkedArray) else [col]
    if not all(pa.types.is_string(c.type) for c in chunks):
        return None
    return list(chunks)


def _kernel_mask(chunks: list[pa.Array], kernel: Callable[..., None]) -> np.ndarray:
    """A validation kernel's answer for every value of ``chunks``, nulls False."""
    out = np.zeros(sum(len(c) for c in chunks), bool)
    at = 0
    for chunk in chunks:
        n = len(chunk)
        data, offsets = string_buffers(chunk)
        kernel(data, offsets, out[at : at + n])
        if chunk.null_count:
            out[at : at + n] &= np.asarray(chunk.is_valid())
        at += n
    return out


def canonical_ips(col: pa.Array | pa.ChunkedArray) -> tuple[pa.Array, np.ndarray]:
    """Canonical text of each IPv4/IPv6 address, and a mask of values that are not one.

    Parsing is enrichment's ``parse_ip`` (one implementation): a port or zone id is dropped
    and IPv4-mapped IPv6 becomes IPv4. Each distinct value is parsed once per batch.
    """
    # Canonical dotted quads (the bulk of real traffic) need no Python: only the rest is
    # parsed. They are found by enrichment's kernel (``ipv4.plain_v4``: ``IPV4_CANONICAL``'s
    # language; Arrow's regex cost ~0.07 CPU-s per 1M values).
    chunks = _string_chunks(col)
    if chunks is not None:
        from distillwatch.ingest.ipv4 import PLAIN, plain_v4

        kinds = [plain_v4(c)[1] for c in chunks]
        plain_np = (kinds[0] if len(kinds) == 1 else np.concatenate(kinds)) == PLAIN
        plain = pa.array(plain_np)
        rest_mask = pc.and_(pc.invert(plain), pc.is_valid(col))
    else:
        matched = pc.match_substring_regex(col, IPV4_CANONICAL)
        plain = pc.fill_null(matched, False)
        rest_mask = pc.invert(pc.fill_null(matched, True))
    rest = pc.filter(col, rest_mask)
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
    out = pc.if_else(plain, col, pc.take(pa.array(canon, pa.string()), idx))
    if isinstance(out, pa.ChunkedArray):
        out = out.combine_chunks()
    bad = _mask(pc.and_(pc.is_valid(col), pc.is_null(out)))
    return out, bad


def blank(col: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Rows that are null or empty once Arrow's Unicode whitespace trim is done."""
    chunks = _string_chunks(col)
    if chunks is None:
        return _mask(pc.or_kleene(pc.is_null(col), pc.equal(pc.utf8_trim_whitespace(col), "")))
    from distillwatch.ingest.validate_kernels import surely_not_blank

    # A printable ASCII byte survives any trim: only the other values (empty, all spaces,
    # all non-ASCII) are trimmed by Arrow.
    out = ~_kernel_mask(chunks, surely_not_blank)
    maybe = np.flatnonzero(out)
    if len(maybe):
        values = pc.take(col, pa.array(maybe))
        out[maybe] = _mask(
            pc.or_kleene(pc.is_null(values), pc.equal(pc.utf8_trim_whitespace(values), ""))
        )
    return out


_EFFORTS = pa.array(REASONING_EFFORTS, pa.string())
# The known efforts' buffers, for the byte-for-byte kernel, and whether it can take them
# (values_in compares values of at most 8 bytes).
_EFFORT_DATA, _EFFORT_OFFSETS = string_buffers(_EFFORTS)
_EFFORTS_FIT_KERNEL = max(len(e.encode()) for e in REASONING_EFFORTS) <= 8


def _lower_efforts(
    col: pa.Array | pa.ChunkedArray,
) -> tuple[pa.Array | pa.ChunkedArray, np.ndarray]:
    """(``reasoning_effort`` lower-cased, mask of values that are not a known effort)."""
    chunks = _string_chunks(col)
    if (
        chunks is None
        or not _EFFORTS_FIT_KERNEL
        or not all(all_ascii(c) and not _has_upper_ascii(c) for c in chunks)
    ):
        effort = pc.utf8_lower(col)
        return effort, _mask(
            pc.and_(pc.is_valid(effort), pc.invert(pc.is_in(effort, _EFFORTS)))
        )
    # All ASCII and no upper case: lower-casing changes nothing (skipped), and the known
    # values are looked up byte for byte by a kernel.
    from distillwatch.ingest.validate_kernels import values_in

    known = _kernel_mask(
        chunks, lambda d, o, out: values_in(d, o, _EFFORT_DATA, _EFFORT_OFFSETS, out)
    )
    return col, ~known & _valid(chunks)


def _has_upper_ascii(chunk: pa.Array) -> bool:
    region = value_bytes(chunk)
    return bool(np.any((region >= 65) & (region <= 90)))


def _valid(chunks: list[pa.Array]) -> np.ndarray:
    parts = [
        np.asarray(c.is_valid()) if c.null_count else np.ones(len(c), bool) for c in chunks
    ]
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


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
    problems.append(
        Problem(out_of_range(ts, lo, None), "ts", f"before {min_ts.isoformat()} (too old)")
    )
    problems.append(
        Problem(out_of_range(ts, None, hi), "ts", f"in the future (more than {max_future} ahead)")
    )
    problems.append(Problem(blank(table.column("account_id")), "account_id",
                            "missing required field"))
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
        span = f"[{low}, {high if high is not None else 'inf'}]"
        problems.append(Problem(out_of_range(col, low, high), name, f"out of range {span}"))
    effort, bad_effort = _lower_efforts(table.column("reasoning_effort"))
    problems.append(
        Problem(
            bad_effort,
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

"""Map raw rows onto the contract (``EVENT_SCHEMA``) with vectorised casts.

Each contract column is cast with Arrow in one call; only when that fails (a wrong type
somewhere in the batch) are that column's values coerced one by one, to find which rows are
bad and why. Bad values become nulls here and are reported as :class:`Problem` masks; the
pipeline quarantines those rows. Columns outside the contract are kept, as one JSON object per
row in the ``extra`` column (built by DuckDB, so nested values survive).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.ingest.buffers import has_empty
from distillwatch.ingest.formats.base import RawBatch
from distillwatch.schema import EVENT_SCHEMA, TEXT_COLUMNS, TS

EXTRA = "extra"
INT64_MAX = 2**63 - 1
# Epoch numbers at or above this magnitude are milliseconds (1e11 s is the year 5138).
EPOCH_MS_THRESHOLD = 1e11
_INT_RE = re.compile(r"^[+-]?\d+$")
_CAST_ERRORS = (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError)

KINDS: dict[pa.DataType, str] = {
    pa.string(): "str",
    pa.int64(): "int",
    pa.float64(): "float",
    pa.bool_(): "bool",
    TS: "ts",
}


@dataclass(frozen=True)
class Problem:
    """Rows (``mask``) where ``field`` is bad, with one reason for all or one per row."""

    mask: np.ndarray
    field: str | None
    reasons: str | Sequence[str | None]

    def reason(self, i: int) -> str:
        if isinstance(self.reasons, str):
            return self.reasons
        return self.reasons[i] or "invalid value"


def _short(v: Any) -> str:
    text = v if isinstance(v, str) else json.dumps(v, default=str)
    return repr(text[:60] + ("..." if len(text) > 60 else ""))


def _type_name(v: Any) -> str:
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, dict):
        return "an object"
    if isinstance(v, list):
        return "an array"
    if isinstance(v, (int, float)):
        return "a number"
    return type(v).__name__


def _epoch_to_us(x: float) -> int:
    return round(x * 1e3) if abs(x) >= EPOCH_MS_THRESHOLD else round(x * 1e6)


def coerce_value(v: Any, kind: str) -> tuple[Any, str | None]:
    """Coerce one Python value to ``kind``; returns (value, None) or (None, reason).

    Used only for the values of a column whose vectorised cast failed.
    """
    if v is None:
        return None, None
    if kind == "str":
        if isinstance(v, str):
            return v, None
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return str(v), None
        return None, f"expected a string, got {_type_name(v)}"
    if kind == "int":
        if isinstance(v, bool):
            return None, "expected an integer, got a boolean"
        if isinstance(v, int):
            return (v, None) if -INT64_MAX <= v <= INT64_MAX else (None, "integer out of range")
        if isinstance(v, float):
            if math.isfinite(v) and v.is_integer() and abs(v) <= INT64_MAX:
                return int(v), None
            return None, f"not an integer: {v!r}"
        if isinstance(v, str):
            s = v.strip()
            if _INT_RE.match(s):
                return coerce_value(int(s), "int")
            try:
                return coerce_value(float(s), "int") if s else (None, None)
            except ValueError:
                return None, f"not an integer: {_short(v)}"
        return None, f"expected an integer, got {_type_name(v)}"
    if kind == "float":
        if isinstance(v, bool):
            return None, "expected a number, got a boolean"
        if isinstance(v, (int, float)):
            f = float(v)
            return (f, None) if math.isfinite(f) else (None, f"not a finite number: {v!r}")
        if isinstance(v, str):
            try:
                return coerce_value(float(v.strip()), "float") if v.strip() else (None, None)
            except ValueError:
                return None, f"not a number: {_short(v)}"
        return None, f"expected a number, got {_type_name(v)}"
    if kind == "bool":
        if isinstance(v, bool):
            return v, None
        if isinstance(v, int) and v in (0, 1):
            return bool(v), None
        if isinstance(v, str) and v.strip().lower() in {"true", "false", "1", "0"}:
            return v.strip().lower() in {"true", "1"}, None
        return None, f"expected a boolean, got {_short(v)}"
    if kind == "ts":
        return _coerce_ts(v)
    raise ValueError(f"unknown kind {kind}")


def _coerce_ts(v: Any) -> tuple[int | None, str | None]:
    bad = f"not a timestamp (RFC 3339, or epoch seconds/milliseconds): {_short(v)}"
    if isinstance(v, bool):
        return None, bad
    if isinstance(v, (int, float)):
        if not math.isfinite(v) or abs(v) > 1e15:
            return None, bad
        return _epoch_to_us(float(v)), None
    if isinstance(v, datetime):
        d = v if v.tzinfo else v.replace(tzinfo=UTC)
        return int(d.timestamp() * 1e6), None
    if isinstance(v, str):
        s = v.strip()
        try:
            return _coerce_ts(float(s)) if re.fullmatch(r"[+-]?\d+(\.\d+)?", s) else _iso(s)
        except (ValueError, OverflowError):
            return None, bad
    return None, bad


def _iso(s: str) -> tuple[int, None]:
    d = datetime.fromisoformat(s)
    if d.tzinfo is None:  # naive timestamps are taken as UTC (documented)
        d = d.replace(tzinfo=UTC)
    delta = d - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds, None


def _slow(values: list[Any], kind: str, target: pa.DataType) -> tuple[pa.Array, np.ndarray, list]:
    out: list[Any] = []
    reasons: list[str | None] = []
    for v in values:
        val, why = coerce_value(v, kind)
        out.append(val)
        reasons.append(why)
    bad = np.fromiter((r is not None for r in reasons), bool, len(reasons))
    arr = pa.array(out, pa.int64()).cast(TS) if kind == "ts" else pa.array(out, target)
    return arr, bad, reasons


def _as_array(col: pa.ChunkedArray | pa.Array) -> pa.Array:
    if isinstance(col, pa.ChunkedArray):
        return col.combine_chunks() if col.num_chunks != 1 else col.chunk(0)
    return col


Coerced = tuple[pa.Array, np.ndarray | None, list[str | None] | None]


def decode_utf8(arr: pa.Array) -> Coerced:
    """Binary -> string, finding the values that are not valid UTF-8."""
    try:
        return arr.cast(pa.string()), None, None
    except _CAST_ERRORS:
        pass
    out: list[str | None] = []
    reasons: list[str | None] = []
    for b in arr.to_pylist():
        if b is None:
            out.append(None)
            reasons.append(None)
            continue
        try:
            out.append(b.decode("utf-8"))
            reasons.append(None)
        except UnicodeDecodeError as exc:
            out.append(None)
            reasons.append(f"invalid UTF-8 at byte {exc.start}")
    bad = np.fromiter((r is not None for r in reasons), bool, len(reasons))
    return pa.array(out, pa.string()), bad, reasons


def coerce_column(
    col: pa.ChunkedArray | pa.Array, target: pa.DataType, *, json_encoded: bool = False
) -> Coerced:
    """Cast ``col`` to ``target``; returns (array, bad mask or None, reasons or None)."""
    kind = KINDS[target]
    arr = _as_array(col)
    if json_encoded:
        return _slow([None if s is None else json.loads(s) for s in arr.to_pylist()], kind, target)
    t = arr.type
    if pa.types.is_null(t):
        return pa.nulls(len(arr), target), None, None
    if pa.types.is_binary(t) or pa.types.is_large_binary(t):
        arr, bad0, reasons0 = decode_utf8(arr)
        if bad0 is not None:
            arr2, bad1, reasons1 = coerce_column(arr, target)
            if bad1 is None:
                return arr2, bad0, reasons0
            merged = [r0 or r1 for r0, r1 in zip(reasons0 or [], reasons1 or [], strict=True)]
            return arr2, bad0 | bad1, merged
        t = arr.type
    if kind == "ts":
        fast = _ts_fast(arr)
        if fast is not None:
            return fast, None, None
    elif pa.types.is_boolean(t) and kind != "bool":
        pass  # a boolean is never a number or a string here: go find the rows
    elif kind == "bool" and pa.types.is_floating(t):
        pass
    elif not (pa.types.is_nested(t) and kind != "str"):
        try:
            # Already the target type (most columns of most inputs): no cast call.
            out = arr if t == target else arr.cast(target)
            if kind == "float" and len(out) and pc.any(pc.is_nan(out)).as_py():
                raise pa.ArrowInvalid("NaN")
            return out, None, None
        except _CAST_ERRORS:
            pass
    return _slow(arr.to_pylist(), kind, target)


def _ts_fast(arr: pa.Array) -> pa.Array | None:
    t = arr.type
    try:
        if pa.types.is_timestamp(t):
            if t.tz is None:
                arr = arr.cast(pa.timestamp("us"), safe=False)
            return arr.cast(TS, safe=False)
        if pa.types.is_integer(t) or pa.types.is_floating(t):
            v = arr.to_numpy(zero_copy_only=False).astype(np.float64)
            valid = np.isfinite(v) & (np.abs(v) <= 1e15)
            if not np.all(valid | np.asarray(arr.is_null())):
                return None
            us = np.where(np.abs(v) >= EPOCH_MS_THRESHOLD, v * 1e3, v * 1e6)
            us = np.where(valid, np.round(us), 0).astype(np.int64)
            return pa.array(us, pa.int64(), mask=~valid).cast(TS)
        if pa.types.is_string(t) or pa.types.is_large_string(t):
            try:
                return arr.cast(TS)
            except _CAST_ERRORS:
                return arr.cast(pa.timestamp("us")).cast(TS)
    except _CAST_ERRORS:
        return None
    return None


@dataclass(frozen=True)
class Normalised:
    """Contract columns (all nullable) plus ``extra``, and the problems found."""

    table: pa.Table
    problems: tuple[Problem, ...]


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def extra_json(
    table: pa.Table, *, json_columns: frozenset[str], con: duckdb.DuckDBPyConnection
) -> pa.Array:
    """One JSON object per row holding ``table``'s columns (nested values kept)."""
    fields = ", ".join(
        f"{_ident(n)} := {_ident(n)}" + ("::JSON" if n in json_columns else "")
        for n in table.column_names
    )
    try:
        con.register("__dw_extra", table)
        try:
            all_null = " AND ".join(f"{_ident(n)} IS NULL" for n in table.column_names)
            out = con.sql(
                f"SELECT CASE WHEN {all_null} THEN NULL ELSE to_json(struct_pack({fields})) END"
                " AS j FROM __dw_extra"
            )
            return _as_array(out.to_arrow_table().column(0)).cast(pa.string())
        finally:
            con.unregister("__dw_extra")
    except duckdb.Error:
        # e.g. two columns differing only in case: DuckDB struct keys are case-insensitive.
        rows = table.to_pylist()
        return pa.array(
            [
                json.dumps(
                    {k: (json.loads(v) if k in json_columns and v else v) for k, v in r.items()},
                    default=str,
                    ensure_ascii=False,
                )
                for r in rows
            ],
            pa.string(),
        )


def normalise(
    batch: RawBatch, *, con: duckdb.DuckDBPyConnection, schema: pa.Schema = EVENT_SCHEMA
) -> Normalised:
    """Contract columns (of ``schema``) + ``extra`` from a raw batch, with the problems found."""
    raw = batch.table
    n = raw.num_rows
    arrays: list[pa.Array] = []
    problems: list[Problem] = []
    for f in schema:
        if f.name not in raw.column_names:
            arrays.append(pa.nulls(n, f.type))
            continue
        arr, bad, reasons = coerce_column(
            raw.column(f.name), f.type, json_encoded=f.name in batch.json_columns
        )
        if f.type == pa.string() and f.name not in TEXT_COLUMNS and has_empty(arr):
            # An empty identifier means "unknown" in most logs: null, not a bad value.
            arr = pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.string()), arr)
        arrays.append(arr)
        if bad is not None and bad.any():
            problems.append(Problem(bad, f.name, reasons or "invalid value"))
    contract = set(schema.names)
    if batch.premade_extra and EXTRA in raw.column_names:
        extra = _as_array(raw.column(EXTRA)).cast(pa.string())
    else:
        others = [c for c in raw.column_names if c not in contract]
        extra = pa.nulls(n, pa.string())
        if others:
            cols = []
            for c in others:
                col = _as_array(raw.column(c))
                if pa.types.is_binary(col.type) or pa.types.is_large_binary(col.type):
                    col, bad, reasons = decode_utf8(col)
                    if bad is not None:
                        problems.append(Problem(bad, c, reasons or "invalid UTF-8"))
                cols.append(col)
            extra = extra_json(
                pa.table(cols, names=others), json_columns=batch.json_columns, con=con
            )
    out_schema = pa.schema([f.with_nullable(True) for f in schema]).append(
        pa.field(EXTRA, pa.string())
    )
    table = pa.Table.from_arrays([*arrays, extra], schema=out_schema)
    return Normalised(table, tuple(problems))

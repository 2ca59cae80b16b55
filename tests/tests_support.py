"""Helpers shared by test modules (importable because pytest puts tests/ on sys.path)."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pyarrow as pa
import pytest

REPO = Path(__file__).resolve().parents[1]
# Test artifacts kept after a run (screenshots); ignored by git.
ARTIFACTS = REPO / "artifacts"
# Under CI a missing service binary is a failure, not a skip.
REQUIRE_SERVICES = os.environ.get("DISTILLWATCH_REQUIRE_SERVICES") == "1"


def need(binary: str) -> str:
    """Path of a system binary, or skip (fail under CI) when it is missing."""
    path = shutil.which(binary)
    if path is None:
        if REQUIRE_SERVICES:
            pytest.fail(f"{binary} is required under CI but not installed")
        pytest.skip(f"{binary} not installed")
    return path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def hex_key(name: str) -> str:
    """A valid template/item key (16 hex digits of BLAKE2b-64) for a readable test name."""
    import hashlib

    return hashlib.blake2b(name.encode(), digest_size=8).hexdigest()


def null_where(table: pa.Table, masks: dict[str, object]) -> pa.Table:
    """``table`` with each column named in ``masks`` set to null where its boolean mask (a
    numpy or pyarrow array, one value per row) is true; the column's type is kept."""
    import pyarrow.compute as pc

    for col, mask in masks.items():
        i = table.schema.get_field_index(col)
        field = table.schema.field(i)
        m = mask if isinstance(mask, pa.Array) else pa.array(mask)
        table = table.set_column(i, field, pc.if_else(m, pa.nulls(table.num_rows, field.type),
                                                      table[col]))
    return table


def with_key_ints(table: pa.Table, *, hash_names: bool = False) -> pa.Table:
    """``table`` (a pyarrow Table of events) with ``template_key64``/``item_key64`` added (or
    recomputed) from ``template_key``/``item_key``, placed right after them as ingest and
    ``store migrate`` write them. Keys must be 16 hex digits (ValueError otherwise); with
    ``hash_names=True`` a value that is not (a readable name such as "t1") is first replaced
    by :func:`hex_key` of it, in the string column too. A table without key columns comes
    back unchanged."""
    import re

    from distillwatch.store.key_ints import KEY_INT_COLUMNS, key_ints

    keys = [k for k in KEY_INT_COLUMNS if k in table.column_names]
    if not keys:
        return table
    table = table.drop_columns([KEY_INT_COLUMNS[k] for k in keys
                                if KEY_INT_COLUMNS[k] in table.column_names])
    if hash_names:
        is_key = re.compile(r"[0-9a-f]{16}\Z").match
        for k in keys:
            i = table.column_names.index(k)
            values = [None if v is None or is_key(v) else hex_key(v)
                      for v in table.column(k).to_pylist()]
            fixed = [v if h is None else h
                     for v, h in zip(table.column(k).to_pylist(), values, strict=True)]
            table = table.set_column(i, table.field(i).with_type(pa.string()),
                                     pa.array(fixed, pa.string()))
    at = max(table.column_names.index(k) for k in keys) + 1
    for k in reversed(keys):
        table = table.add_column(at, pa.field(KEY_INT_COLUMNS[k], pa.int64()),
                                 key_ints(table.column(k)))
    return table


def template_usage_reference(raw: list[dict[str, object]]) -> dict[str, dict[str, int]]:
    """The template features per account in plain Python over event rows (dicts with
    ``account_id``, ``template_key64``, ``item_key64``): templates used, the top template's
    events, distinct (template, item) pairs (a null item counts as one item) and events with a
    template. The reference the feature and linkage roll-ups are both tested against."""
    per: dict[tuple[object, object], int] = {}
    pairs: dict[object, set[tuple[object, object]]] = {}
    for r in raw:
        if r["template_key64"] is None:
            continue
        a = r["account_id"]
        per[a, r["template_key64"]] = per.get((a, r["template_key64"]), 0) + 1
        pairs.setdefault(a, set()).add((r["template_key64"], r["item_key64"]))
    out = {}
    for a, s in pairs.items():
        ns = [n for (b, _t), n in per.items() if b == a]
        out[str(a)] = {"templates": len(ns), "top_template_n": max(ns),
                       "distinct_items": len(s), "sketched": sum(ns)}
    return out

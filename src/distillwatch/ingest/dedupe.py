"""Event keys and duplicate detection.

``event_key`` is the ``request_id`` when there is one, else ``md5:`` + the MD5 of every
contract field except ``request_id`` (so an identical row logged twice has one key). Keys are
computed by DuckDB over the Arrow batch (native speed, stable across versions: MD5).

Seen keys are kept per day partition as 64-bit hashes in a few sorted NumPy arrays (merged
like a log-structured tree), about 8 bytes per key: 5 million events cost ~40 MB, not millions
of Python strings. Two distinct keys of one day share a 64-bit hash with probability about
n^2 / 2^65 (~1e-6 for 5 million keys in a day); such a row would be counted as a duplicate.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.schema import EVENT_SCHEMA

SEP = "chr(31)"
NULL_MARK = "chr(30)"


def _content_sql() -> str:
    parts = []
    for f in EVENT_SCHEMA:
        if f.name == "request_id":
            continue
        expr = f'epoch_us("{f.name}")' if f.name == "ts" else f'"{f.name}"'
        parts.append(f"coalesce(CAST({expr} AS VARCHAR), {NULL_MARK})")
    return f"concat_ws({SEP}, {', '.join(parts)})"


KEY_SQL = (
    "SELECT k AS event_key, hash(k) AS h FROM (SELECT coalesce(nullif(request_id, ''), "
    f"'md5:' || md5({_content_sql()})) AS k FROM __dw_keys)"
)


def event_keys(table: pa.Table, *, con: duckdb.DuckDBPyConnection) -> tuple[pa.Array, np.ndarray]:
    """(event_key strings, their 64-bit hashes) for normalised events, in row order."""
    rid = table.column("request_id")
    if (
        rid.null_count == 0
        and pa.types.is_string(rid.type)
        and not pc.any(pc.equal(rid, "")).as_py()
    ):
        # Every row has a request_id: the keys are the request_ids themselves, and only
        # their hashes need DuckDB (a fifth of the CPU of the query below).
        return rid.combine_chunks(), hash_keys(rid, con=con)
    con.register("__dw_keys", table)
    try:
        out = con.sql(KEY_SQL).to_arrow_table()
    finally:
        con.unregister("__dw_keys")
    keys = out.column("event_key").combine_chunks().cast(pa.string())
    hashes = out.column("h").to_numpy().astype(np.uint64, copy=False)
    return keys, hashes


def hash_keys(keys: pa.Array | pa.ChunkedArray, *, con: duckdb.DuckDBPyConnection) -> np.ndarray:
    """64-bit hashes of existing event keys (same function as :func:`event_keys`)."""
    con.register("__dw_hk", pa.table({"k": keys}))
    try:
        out = con.sql("SELECT hash(k) AS h FROM __dw_hk").to_arrow_table()
    finally:
        con.unregister("__dw_hk")
    return out.column("h").to_numpy().astype(np.uint64, copy=False)


class KeySet:
    """A set of uint64 hashes as sorted runs; membership by binary search in each run."""

    def __init__(self) -> None:
        self._runs: list[np.ndarray] = []

    def __len__(self) -> int:
        return sum(len(r) for r in self._runs)

    def _contains(self, sorted_uniq: np.ndarray) -> np.ndarray:
        hit = np.zeros(len(sorted_uniq), bool)
        for run in self._runs:
            if not len(run):
                continue
            pos = np.minimum(np.searchsorted(run, sorted_uniq), len(run) - 1)
            hit |= run[pos] == sorted_uniq
        return hit

    def _insert(self, sorted_uniq: np.ndarray) -> None:
        if not len(sorted_uniq):
            return
        self._runs.append(sorted_uniq)
        # Merge while the previous run is not at least twice as big: O(log n) runs.
        while len(self._runs) > 1 and len(self._runs[-2]) < 2 * len(self._runs[-1]):
            b = self._runs.pop()
            a = self._runs.pop()
            self._runs.append(np.sort(np.concatenate((a, b)), kind="stable"))

    def add(self, hashes: np.ndarray) -> None:
        """Insert hashes (any order, duplicates allowed)."""
        uniq = np.unique(hashes)
        self._insert(uniq[~self._contains(uniq)])

    def first_new(self, hashes: np.ndarray) -> np.ndarray:
        """Mask of rows to keep: first occurrence in ``hashes`` and not seen before; adds them."""
        uniq, first = np.unique(hashes, return_index=True)
        new = ~self._contains(uniq)
        self._insert(uniq[new])
        keep = np.zeros(len(hashes), bool)
        keep[first[new]] = True
        return keep


class DayKeys:
    """Seen keys per day, each loaded lazily from the store's partition on first use."""

    def __init__(self, load: Callable[[date], np.ndarray]) -> None:
        self._load = load
        self._days: dict[date, KeySet] = {}

    def first_new(self, day: date, hashes: np.ndarray) -> np.ndarray:
        ks = self._days.get(day)
        if ks is None:
            ks = self._days[day] = KeySet()
            ks.add(self._load(day))
        return ks.first_new(hashes)

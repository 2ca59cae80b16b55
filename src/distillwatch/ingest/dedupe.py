"""Event keys and duplicate detection.

``event_key`` is the ``request_id`` when there is one, else ``md5:`` + the MD5 of every
contract field except ``request_id`` (so an identical row logged twice has one key). The MD5
keys are computed by DuckDB over the Arrow batch (native speed, stable across versions); the
keys' 64-bit hashes are DuckDB's ``hash()`` of the key, computed by a numba kernel straight
from the key strings' buffers (:mod:`~distillwatch.ingest.dedupe_kernels`; the stored keys
of a day are hashed by the same kernel).

Seen keys are kept per day partition as 64-bit hashes in a few sorted NumPy arrays (merged
like a log-structured tree), about 8 bytes per key: 5 million events cost ~40 MB, not millions
of Python strings, plus a Bloom filter of 1-2 bytes per key that answers "not seen" for most
new keys without searching the runs. Two distinct keys of one day share a 64-bit hash with
probability about n^2 / 2^65 (~1e-6 for 5 million keys in a day); such a row would be counted
as a duplicate.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import duckdb
import numpy as np
import pyarrow as pa

from distillwatch.ingest.buffers import has_empty, string_buffers
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


_KEY_EXPR = f"coalesce(nullif(request_id, ''), 'md5:' || md5({_content_sql()}))"
# The keys with DuckDB's hash of each (what the tests compare the kernel's hashes with).
KEY_SQL = f"SELECT k AS event_key, hash(k) AS h FROM (SELECT {_KEY_EXPR} AS k FROM __dw_keys)"
_KEYS_ONLY_SQL = f"SELECT {_KEY_EXPR} AS event_key FROM __dw_keys"


def event_keys(table: pa.Table, *, con: duckdb.DuckDBPyConnection) -> tuple[pa.Array, np.ndarray]:
    """(event_key strings, their 64-bit hashes) for normalised events, in row order."""
    rid = table.column("request_id")
    if rid.null_count == 0 and pa.types.is_string(rid.type) and not has_empty(rid):
        # Every row has a request_id: the keys are the request_ids themselves (no query).
        keys = rid.combine_chunks()
        return keys, hash_keys(keys)
    con.register("__dw_keys", table)
    try:
        out = con.sql(_KEYS_ONLY_SQL).to_arrow_table()
    finally:
        con.unregister("__dw_keys")
    keys = out.column("event_key").combine_chunks().cast(pa.string())
    return keys, hash_keys(keys)


def hash_keys(keys: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """64-bit hashes of event keys: DuckDB's ``hash()`` of each (no nulls)."""
    from distillwatch.ingest.dedupe_kernels import duckdb_string_hash

    chunks = keys.chunks if isinstance(keys, pa.ChunkedArray) else [keys]
    out = np.empty(len(keys), np.uint64)
    at = 0
    for chunk in chunks:
        data, offsets = string_buffers(chunk)
        duckdb_string_hash(data, offsets, out[at : at + len(chunk)])
        at += len(chunk)
    return out


# Bloom filter sizing: 8 bits per key at capacity (a capacity that doubles as keys arrive,
# so 8-16 bits per key held): ~3-5% of new keys still need the search of the runs.
_BLOOM_BITS_PER_KEY = 8
_BLOOM_MIN_KEYS = 1 << 16


class KeySet:
    """A set of uint64 hashes as sorted runs; membership by a Bloom filter, then binary
    search in each run for the keys the filter may hold."""

    def __init__(self) -> None:
        self._runs: list[np.ndarray] = []
        self._count = 0
        self._capacity = 0
        self._shift = 64
        self._words = np.zeros(1, np.uint64)

    def __len__(self) -> int:
        return self._count

    def _in_runs(self, values: np.ndarray) -> np.ndarray:
        # Searched in ascending order: neighbouring searches share cache lines of the runs
        # (a re-ingested file searches every key).
        order = np.argsort(values)
        ordered = values[order]
        hit = np.zeros(len(values), bool)
        for run in self._runs:
            pos = np.minimum(np.searchsorted(run, ordered), len(run) - 1)
            hit |= run[pos] == ordered
        out = np.empty(len(values), bool)
        out[order] = hit
        return out

    def _grow_filter(self, count: int) -> None:
        """A filter for ``count`` keys (rebuilt from the runs when it grows)."""
        from distillwatch.ingest.dedupe_kernels import bloom_add

        if count <= self._capacity:
            return
        cap = max(self._capacity, _BLOOM_MIN_KEYS)
        while cap < count:
            cap *= 2
        n_words = cap * _BLOOM_BITS_PER_KEY // 64
        self._capacity = cap
        self._shift = 64 - (n_words.bit_length() - 1)
        self._words = np.zeros(n_words, np.uint64)
        for run in self._runs:
            bloom_add(run, self._words, self._shift)

    def _insert(self, sorted_uniq: np.ndarray) -> None:
        if not len(sorted_uniq):
            return
        from distillwatch.ingest.dedupe_kernels import bloom_add, merge_sorted

        self._grow_filter(self._count + len(sorted_uniq))
        bloom_add(sorted_uniq, self._words, self._shift)
        self._count += len(sorted_uniq)
        self._runs.append(sorted_uniq)
        # Merge while the previous run is not at least twice as big: O(log n) runs.
        while len(self._runs) > 1 and len(self._runs[-2]) < 2 * len(self._runs[-1]):
            b = self._runs.pop()
            a = self._runs.pop()
            self._runs.append(merge_sorted(a, b))

    def add(self, hashes: np.ndarray) -> None:
        """Insert hashes (any order, duplicates allowed)."""
        self.first_new(hashes)

    def first_new(self, hashes: np.ndarray) -> np.ndarray:
        """Mask of rows to keep: first occurrence in ``hashes`` and not seen before; adds them."""
        from distillwatch.ingest.dedupe_kernels import bloom_probe, first_unseen

        hashes = np.ascontiguousarray(hashes, dtype=np.uint64)
        seen = np.zeros(len(hashes), bool)
        if self._count:
            bloom_probe(hashes, self._words, self._shift, seen)
            maybe = np.flatnonzero(seen)
            if len(maybe):
                seen[maybe] = self._in_runs(hashes[maybe])
        keep = np.empty(len(hashes), bool)
        first_unseen(hashes, seen, keep)
        self._insert(np.sort(hashes[keep]))
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

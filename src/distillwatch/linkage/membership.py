"""Membership tables: which accounts share which key, for one link type.

Columns ``(link_type, key, account_id, uses, mult)``; ``mult`` is a group-level multiplier
(1.0 unless the link type computes one, as partition does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.linkage.config import SynchronyConfig
from distillwatch.linkage.synchrony import sync_bucket
from distillwatch.store.engines import hash64, on_duckdb

MEMBERSHIP_COLUMNS = ("link_type", "key", "account_id", "uses", "mult")
_MEMBERSHIP_TYPES = {
    "link_type": "string",
    "key": "string",
    "account_id": "string",
    "uses": "int64",
    "mult": "float64",
}


def conform(t: ir.Table) -> ir.Table:
    """Same column types and nullability in every part, so the parts can be unioned."""
    return t.select(**{c: t[c].cast(ibis.dtype(ty)) for c, ty in _MEMBERSHIP_TYPES.items()})


def membership(t: ir.Table, link_type: str, key: ir.Value, uses: ir.Value) -> ir.Table:
    return t.select(
        link_type=ibis.literal(link_type),
        key=key.cast("string"),
        account_id=t.account_id,
        uses=uses.cast("int64"),
        mult=ibis.literal(1.0).cast("float64"),
    )


def template_groups(events: ir.Table, *, synchrony: SynchronyConfig | None = None) -> ir.Table:
    """``(account_id, template_key, _uses)``: each account's templates and how often it used
    each (shared by the ``template``, ``near_dup`` and ``partition`` link types: one group-by).
    ``near_dup`` finds the smallest ``event_key`` of the few groups it chooses itself
    (:func:`~distillwatch.linkage.lsh.near_dup_memberships`): a smallest key for each of
    millions of groups cost more here than the search for ~1 in 30 of them costs there.

    With ``synchrony``, also ``_bs``: the sampled synchrony buckets of those events, one list
    element per event (see :func:`distillwatch.linkage.synchrony.synchrony_part`). The
    ``synchrony`` link type then costs no group-by of its own: its groups (account, template,
    bucket) nest in these, and a list of small integers per group is cheaper for the engine
    to build and hand over than millions of rows of account and template strings.
    """
    t = events.filter(events.template_key.notnull())
    return _per_template(t, {"account_id": t.account_id, "template_key": t.template_key},
                         synchrony)


def _per_template(
    t: ir.Table,
    keys: dict[str, ir.Value],
    synchrony: SynchronyConfig | None,
    bucket: Callable[[ir.TimestampValue, SynchronyConfig], ir.IntegerValue] = sync_bucket,
) -> ir.Table:
    """``_uses`` (and with ``synchrony`` the sampled buckets ``_bs``, each event's
    ``bucket``) per group of ``keys``: the aggregate of :func:`template_groups` on strings or
    on their hashes."""
    if synchrony is None:
        t = t.select(**keys)
        return t.group_by(list(keys)).agg(_uses=t.count())
    t = t.select(**keys, _b=bucket(t.ts, synchrony))
    sampled = t._b.notnull() & ((t._b % synchrony.sample_every) == 0)
    return t.group_by(list(keys)).agg(_uses=t.count(), _bs=t._b.collect(where=sampled))


# --- 64-bit hashed group-bys (DuckDB) ------------------------------------------------------
# (Template and item keys need none of this: the store holds them as integers, see
# int_template_groups.) Grouping millions of events on string keys (account id, IP, user
# agent) makes the engine hash, compare and copy every string; grouping on 64-bit hashes of
# them costs a fraction of that. Each key's distinct values come back once (a small
# "dictionary" query) with their hashes, which both numbers the hashes in byte order of the
# strings and proves the hashing exact: when two distinct values share a hash, the caller
# falls back to the string group-by, so results never depend on luck. Spark's ``hash`` is
# 32 bits (collisions would be routine at millions of keys), so only DuckDB takes this path.
# hash64 (DuckDB's ``hash``) is defined once, in store/engines.py (the feature stage uses it
# too) and imported here.


@ibis.udf.scalar.builtin(name="epoch_us")
def _epoch_us(value) -> dt.int64:  # type: ignore[no-untyped-def]  # any timestamp
    """DuckDB's ``epoch_us``: microseconds since the epoch, read off the stored value."""


def duckdb_sync_bucket(ts: ir.TimestampValue, sc: SynchronyConfig) -> ir.IntegerValue:
    """:func:`~distillwatch.linkage.synchrony.sync_bucket` on DuckDB, bit for bit, for a
    fifth of its CPU. Ibis writes ``EPOCH(CAST(ts AS TIMESTAMP))``: on a ``TIMESTAMPTZ``
    column that cast goes through ICU's calendar per value (~1.2 CPU-s at 10.6M events).
    DuckDB's ``EPOCH`` of a ``TIMESTAMP`` is its microseconds as a double divided by
    ``1e6``, and the cast changes no microsecond in a UTC session (what ``connect`` and
    Ibis set), so ``epoch_us(ts) / 1e6`` is the same double; ``EPOCH`` of the
    ``TIMESTAMPTZ`` itself would not be (ICU's differs in the last bit). In a session set to
    another time zone the two differ: ``epoch_us`` reads the instant (UTC buckets, as on
    Spark), the cast the local wall clock (buckets shifted by the offset); detect's
    connections are UTC (store/engines.py, pipeline/detect.py)."""
    seconds = _epoch_us(ts).cast("float64") / 1e6
    return (seconds / (60 * sc.bucket_minutes)).floor().cast("int64")


def hashes_on(t: ir.Table) -> bool:
    """Whether ``t``'s engine takes the hashed group-bys (DuckDB: 64-bit ``hash``; Spark's
    is 32-bit, so it keeps the string path)."""
    return on_duckdb(t)


@dataclass(frozen=True)
class HashedKeys:
    """The distinct non-null values of one key in byte order, with the engine hash of each
    (no two equal: :func:`hashed_keys` checks)."""

    values: pa.Array
    hashes: pa.Array  # uint64, ``hashes[i]`` is the hash of ``values[i]``

    def codes(self, hashes: pa.Array | pa.ChunkedArray) -> np.ndarray:
        """Positions in ``values`` of the values with these hashes."""
        idx = pc.index_in(hashes, value_set=self.hashes)
        if idx.null_count:
            raise RuntimeError("a hash missing from its key's dictionary")
        return np.asarray(idx.to_numpy(zero_copy_only=False), dtype=np.int64)


def hashed_keys(
    t: ir.Table, column: str, *, values: pa.Array | pa.ChunkedArray | None = None
) -> HashedKeys | None:
    """Distinct non-null values of ``t[column]`` (as strings) and their :func:`hash64`, or None
    when two of them share a hash (then the caller groups on the strings).

    ``values``, when the caller has them already (for ``account_id`` the account rows of
    the per-account activity aggregate), must be every distinct non-null value of the column
    (a value missing makes :meth:`HashedKeys.codes` raise, it never goes unnoticed); only
    they are hashed (on ``t``'s engine), with no scan of ``t``."""
    if values is None:
        d = t.filter(t[column].notnull()).select(_v=t[column].cast("string")).distinct()
    else:
        if isinstance(values, pa.ChunkedArray):
            values = (values.combine_chunks() if values.num_chunks
                      else pa.array([], values.type))
        given = pa.table({"_v": pc.drop_null(values).cast(pa.string())})
        d = ibis.memtable(given).distinct()
    r = t.get_backend().to_pyarrow(d.select(d._v, _h=hash64(d._v)))
    if pc.count_distinct(r["_h"]).as_py() != r.num_rows:
        return None
    values = r["_v"].combine_chunks() if r.num_rows else pa.array([], pa.string())
    order = byte_order(values)
    h = r["_h"].combine_chunks() if r.num_rows else pa.array([], pa.uint64())
    return HashedKeys(values.take(order), h.take(order))


def byte_order(values: pa.Array) -> pa.Array:
    """``pc.sort_indices(values)`` of distinct non-null strings. When every value has one
    length of at most 32 bytes (template keys, account ids), a ``np.lexsort`` of their bytes
    as big-endian words gives the same order for about a third of the CPU (1M 16-byte
    template keys at 10.6M events)."""
    n = len(values)
    if n < 2 or values.null_count or not pa.types.is_string(values.type):
        return pc.sort_indices(values)
    offsets = np.frombuffer(values.buffers()[1], dtype=np.int32, count=n + 1,
                            offset=values.offset * 4)
    width = int(offsets[1] - offsets[0])
    if width == 0 or width > 32 or int(offsets[-1] - offsets[0]) != width * n:
        return pc.sort_indices(values)
    if not (np.diff(offsets) == width).all():
        return pc.sort_indices(values)
    words = -(-width // 8)
    data = np.frombuffer(values.buffers()[2], dtype=np.uint8)[offsets[0]:offsets[-1]]
    padded = np.zeros((n, words * 8), dtype=np.uint8)
    padded[:, :width] = data.reshape(n, width)
    # (n, words) big-endian words, as native integers: equal-length byte strings compare
    # word by word. Sort on the first word, then only the runs that tie on it on them all.
    keys = padded.view(">u8").astype(np.uint64)
    order = np.argsort(keys[:, 0])
    first = keys[order, 0]
    tie = first[1:] == first[:-1]
    if tie.any():
        in_run = np.zeros(n, dtype=bool)
        in_run[1:] |= tie
        in_run[:-1] |= tie
        at = np.flatnonzero(in_run)  # whole runs, in order of their first word
        rows = order[at]
        order[at] = rows[np.lexsort(keys[rows].T[::-1])]
    return pa.array(order, pa.int64())


def local_codes(keys: HashedKeys, codes: np.ndarray) -> tuple[pa.Array, pa.Array, np.ndarray]:
    """For rows numbered ``codes`` in ``keys.values``: their strings, and the distinct values
    they use in byte order with each row's position among those (as
    :func:`~distillwatch.linkage.pairs.sorted_codes` of the strings would give)."""
    used = np.flatnonzero(np.bincount(codes, minlength=len(keys.values)))
    rank = np.full(len(keys.values), -1, dtype=np.int64)
    rank[used] = np.arange(len(used))
    return keys.values.take(pa.array(codes)), keys.values.take(pa.array(used)), rank[codes]


def int_template_groups(
    events: ir.Table, *, synchrony: SynchronyConfig | None = None, hashed: bool = False
) -> ir.Table:
    """:func:`template_groups` grouped on the store's ``template_key64`` (``_t``: one to one
    with ``template_key`` and sorting like it, see :mod:`distillwatch.store.key_ints`)
    instead of the string, and with ``hashed`` (DuckDB) on ``_ha`` (:func:`hash64` of
    ``account_id``) instead of ``account_id``: ``(_ha or account_id, _t, _uses[, _bs])``.
    Grouping on the integer needs no hash of the key, no dictionary query of its distinct
    values and no collision check; the keys are numbered from the result
    (:func:`int_codes`)."""
    t = events.filter(events.template_key64.notnull())
    account = {"_ha": hash64(t.account_id)} if hashed else {"account_id": t.account_id}
    return _per_template(t, {**account, "_t": t.template_key64}, synchrony,
                         duckdb_sync_bucket if on_duckdb(events) else sync_bucket)


def int_codes(values: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of ``values`` (``int64``, no nulls) ascending, and each value's
    position among them. For ``template_key64`` that is the byte order of the keys.
    ``pandas.factorize`` hashes the values and sorts only the distinct ones (~1M of ~4M
    aggregate rows): about half the CPU of ``np.unique``'s sort of them all."""
    arr = np.asarray(
        values.to_numpy() if isinstance(values, pa.ChunkedArray)
        else values.to_numpy(zero_copy_only=False),
        dtype=np.int64,
    )
    codes, uniq = pd.factorize(arr, sort=True)
    return np.asarray(uniq, dtype=np.int64), np.asarray(codes, dtype=np.int64)

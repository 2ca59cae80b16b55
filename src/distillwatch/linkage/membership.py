"""Membership tables: which accounts share which key, for one link type.

Columns ``(link_type, key, account_id, uses, mult)``; ``mult`` is a group-level multiplier
(1.0 unless the link type computes one, as partition does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

import duckdb
import ibis
import ibis.expr.datatypes as dt
import ibis.expr.operations as ops
import ibis.expr.types as ir
import numpy as np
import pandas as pd
import pyarrow as pa

from distillwatch.linkage.config import SynchronyConfig
from distillwatch.linkage.synchrony import sync_bucket
from distillwatch.store.engines import copy_local_settings, hash64, on_duckdb
from distillwatch.store.hashed_keys import HashedKeys

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
    (:func:`~distillwatch.linkage.lsh.near_dup_parts`): a smallest key for each of
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


# --- a second cursor (DuckDB) ---------------------------------------------------------------
# membership_parts runs some steps in a second thread. A DuckDB connection is not thread-safe;
# a cursor is a new connection to the same database (its buffer pool, memory limit and worker
# threads shared). Ibis' read_parquet tables are TEMP views, which only their own connection
# sees, so the second cursor is given the same views (their SQL read from the first).


def _setting(con: duckdb.DuckDBPyConnection, name: str) -> str:
    # fetchall: a result left unfetched would keep the connection busy
    return str(con.execute("SELECT current_setting(?)", [name]).fetchall()[0][0])


@dataclass
class Cursor:
    """``events`` bound to a new cursor of its DuckDB database (see :func:`on_cursor`).
    Leaving a ``with`` block restores the threads setting if lowered and closes the cursor
    (its temp views go with it)."""

    backend: ibis.BaseBackend
    events: ir.Table
    # the first connection: the threads setting is changed there (the database's, but the
    # cursor may be busy with the second thread's query)
    first: duckdb.DuckDBPyConnection
    _threads: int | None = None

    def interrupt(self) -> None:
        """Stop the query running on this cursor, if any."""
        self.backend.con.interrupt()

    def lower_threads(self) -> None:
        """Run one background worker fewer (the ``threads`` setting less one, at least one,
        for the whole database) until :meth:`restore_threads`: the thread that queries this
        cursor works on its queries too, so as many threads work as the setting says. With
        two big group-bys at once on 2 cores (the template aggregate beside the
        infrastructure group-bys) both workers cost ~+10% CPU for nothing."""
        threads = int(_setting(self.first, "threads"))
        if threads > 1 and self._threads is None:
            self._threads = threads
            self.first.execute(f"SET threads = {threads - 1}")

    def restore_threads(self, *, from_cursor: bool = False) -> None:
        """The ``threads`` setting :meth:`lower_threads` found, set on the first connection
        (from the thread that uses it) or, with ``from_cursor``, on this cursor (from the
        thread that queries it, once its own queries are done, while the first connection
        may be busy; the setting is the database's either way). Once restored, later calls
        do nothing."""
        if self._threads is not None:
            con = self.backend.con if from_cursor else self.first
            con.execute(f"SET threads = {self._threads}")
            self._threads = None

    def __enter__(self) -> Cursor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.restore_threads()
        finally:
            self.backend.con.close()


def on_cursor(events: ir.Table) -> Cursor | None:
    """``events`` on a new cursor of its DuckDB database: every table it reads rebound to
    that cursor (temp views recreated there from their SQL, other tables of the database
    seen as they are), with the first connection's local settings (time zone, Parquet
    metadata cache...). None when ``events`` is not on DuckDB or reads no database table (a
    memtable alone), or when a setting cannot be copied or the rebound table cannot be read
    (e.g. a temp table, which only its own connection holds): callers then run everything
    on the one connection."""
    if not on_duckdb(events):
        return None
    tables = events.op().find(ops.DatabaseTable)
    if not tables:
        return None
    first = events.get_backend()
    cur = first.con.cursor()
    try:
        backend = ibis.duckdb.from_connection(cur)
        copy_local_settings(first.con, cur)
        mapping = {}
        for t in tables:
            views = first.con.execute(
                "SELECT sql FROM duckdb_views() WHERE view_name = ? AND temporary",
                [t.name],
            ).fetchall()
            if views:
                cur.execute(views[0][0])
            mapping[t] = t.copy(source=backend)
        rebound = events.op().replace(mapping).to_expr()
        rebound.limit(0).to_pyarrow()  # binds every table on the cursor, reads no row
    except Exception:  # whatever stops the rebinding: in order is always right
        # (a real problem with the events shows again, raised, on the first connection)
        cur.close()
        return None
    return Cursor(backend, rebound, first.con)

"""Writes event partitions: new part files per day, visible only when the run commits.

Writing happens in one background thread fed by a small queue (see ``write``).

Each run writes ``events/day=D/part-<run_id>-<n>.parquet`` under a temporary name
(``.parquet.tmp``, which no reader globs) and renames them all at commit. Existing part files
are never rewritten, so appending a new day touches only that day's folder, and a failed or
``--strict``-aborted run leaves the store as it was.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from distillwatch.exceptions import StoreError
from distillwatch.store.layout import StoreLayout
from distillwatch.store.minhash_column import LEGACY_MINHASH_TYPE, column_format, to_list

MAX_OPEN_WRITERS = 32
# Columns with few distinct values per file: dictionary-encode them (text columns are not).
DICTIONARY_COLUMNS = [
    "account_id",
    "api_key_id",
    "end_user",
    "client_ip",
    "user_agent",
    "model",
    "operation",
    "reasoning_effort",
    "finish_reason",
    "ip_prefix",
    "ip_as_org",
    "ip_country",
    "template_key",
    "lang",
    "intent_label",
]
# Not the integer keys (template_key64, item_key64): plain int64 under zstd is both smaller
# and cheaper to write than a dictionary or DELTA_BINARY_PACKED. Measured on 1M rows in
# 20k-row row groups (write CPU-s, size; alibaba-scale / bench / hydra): plain 0.067 s,
# 11.5 MB / 0.042 s, 9.9 MB / 0.035 s, 4.9 MB; dictionary 0.105 s, 12.5 MB / 0.094 s,
# 11.6 MB / 0.043 s, 5.2 MB; delta 0.050 s, 16.2 MB / 0.073 s, 12.1 MB / 0.026 s, 7.8 MB.
# Not the MinHash column (64 random values per row, about half of the encoding CPU):
# a dictionary never pays off there. Measured and rejected for it (131k bench rows, full store
# schema): BYTE_STREAM_SPLIT (-15% encoding CPU, +8% size) because Spark 4's vectorized
# Parquet reader refuses that encoding ("Unsupported encoding: BYTE_STREAM_SPLIT"); snappy,
# lz4 or no codec for it (-20%) because on harvested traffic, where prompts repeat (hydra
# scenario), zstd stores it at 55% of its plain size, lz4 at 73%, snappy at 97%.
# It keeps zstd, at a fast level: repeated signatures are long exact repeats, which zstd's
# fast levels find as well as level 1 does; the random values in between are incompressible
# at any level. On the bench's rows level -5 writes the column for ~22% less CPU (and reads
# it ~25% faster) than level 1, for +8% of its size.
MINHASH_ZSTD_LEVEL = -5
MINHASH_LEAF = "minhash"  # a flat binary column (store/minhash_column.py)
# ... and its leaf in a store still in the list type, written in its own type until migrated
LEGACY_MINHASH_LEAF = "minhash.list.element"
# Min/max statistics only where a reader prunes row groups by them: `ts` (rows arrive
# roughly in time order, so time-range queries skip row groups). Every other column is
# unsorted (keys, hashes, text, scores), so its min/max never excludes a row group and only
# costs encoding CPU (~10% of the write with statistics on every column).
STATISTICS_COLUMNS = ["ts"]


def store_minhash_format(layout: StoreLayout) -> str | None:
    """"binary" or "list": the ``minhash`` type of the store's part files; None when it has
    none with that column. Read from the footers of the oldest and the newest part: the
    writer keeps a store in one type, and `store migrate` converts oldest first, so a
    migration cut short leaves those two different. Raises StoreError then (appending would
    deepen the mix; readers fail on it)."""
    parts = layout.part_files()
    found = set()
    for part in {parts[0], parts[-1]} if parts else set():
        schema = pq.read_schema(part)
        if "minhash" in schema.names:
            found.add(column_format(schema.field("minhash").type))
    if len(found) > 1:
        raise StoreError(
            f"{layout.root}: part files hold both the list-typed and the binary minhash "
            f"(a store migration cut short): run `distillwatch store migrate {layout.root}`"
        )
    return found.pop() if found else None


def part_writer(path: Path, schema: pa.Schema, *, compression: str) -> pq.ParquetWriter:
    """A Parquet writer for one event part file of ``schema``, with the store's encoding
    choices: the MinHash column's zstd level (at its leaf in either stored type),
    dictionaries only on ``DICTIONARY_COLUMNS``, statistics only on ``STATISTICS_COLUMNS``."""
    names = schema.names
    level = None
    if compression == "zstd" and "minhash" in names:
        legacy = column_format(schema.field("minhash").type) == "list"
        level = {LEGACY_MINHASH_LEAF if legacy else MINHASH_LEAF: MINHASH_ZSTD_LEVEL}
    return pq.ParquetWriter(
        path,
        schema,
        compression=compression,
        compression_level=level,
        use_dictionary=[c for c in DICTIONARY_COLUMNS if c in names],
        write_statistics=[c for c in STATISTICS_COLUMNS if c in names],
    )


@dataclass
class _Open:
    writer: pq.ParquetWriter
    tmp: Path
    rows: int


class PartitionWriter:
    """Append tables to day partitions of one store for one run."""

    def __init__(
        self,
        layout: StoreLayout,
        *,
        run_id: str,
        schema: pa.Schema,
        compression: str = "zstd",
        rows_per_file: int = 4_000_000,
    ) -> None:
        self.layout = layout
        self.run_id = run_id
        # A store whose parts hold the legacy list-typed minhash gets new parts of that type
        # too: one store never mixes the two types (`distillwatch store migrate` converts it).
        self.legacy_minhash = "minhash" in schema.names and store_minhash_format(layout) == "list"
        if self.legacy_minhash:
            i = schema.get_field_index("minhash")
            schema = schema.set(i, schema.field(i).with_type(LEGACY_MINHASH_TYPE))
        self.schema = schema
        self.compression = compression
        self.rows_per_file = rows_per_file
        self._open: OrderedDict[date, _Open] = OrderedDict()
        self._pending: list[Path] = []
        self._seq = 0
        self.rows_by_day: dict[date, int] = {}
        # Parquet encoding and compression release the GIL: a thread overlaps them with the
        # next batch's processing. The bounded queue keeps memory bounded.
        self._queue: queue.Queue[tuple[date, pa.Table] | None] = queue.Queue(maxsize=2)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="dw-writer", daemon=True)
        self._thread.start()

    def _new(self, day: date) -> _Open:
        d = self.layout.day_dir(day)
        d.mkdir(parents=True, exist_ok=True)
        self._seq += 1
        tmp = d / f"part-{self.run_id}-{self._seq:05d}.parquet.tmp"
        writer = part_writer(tmp, self.schema, compression=self.compression)
        self._pending.append(tmp)
        return _Open(writer, tmp, 0)

    def write(self, day: date, table: pa.Table) -> None:
        """Queue ``table`` for ``day`` (encoded and compressed in the background thread)."""
        if table.num_rows == 0:
            return
        self.rows_by_day[day] = self.rows_by_day.get(day, 0) + table.num_rows
        self._check()
        while True:
            try:
                self._queue.put((day, table), timeout=0.5)
                return
            except queue.Full:
                self._check()

    def _check(self) -> None:
        if self._error is not None:
            raise self._error
        if not self._thread.is_alive():
            raise RuntimeError("partition writer thread stopped")

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            if self._error is not None:
                continue  # drain: the run is failing anyway
            try:
                self._write(*item)
            except BaseException as exc:
                self._error = exc

    def _drain(self) -> None:
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error

    def _write(self, day: date, table: pa.Table) -> None:
        cur = self._open.pop(day, None)
        if cur is not None and cur.rows >= self.rows_per_file:
            cur.writer.close()
            cur = None
        if cur is None:
            cur = self._new(day)
        if self.legacy_minhash:
            i = table.schema.get_field_index("minhash")
            table = table.set_column(i, self.schema.field(i), to_list(table.column(i)))
        cur.writer.write_table(table)
        cur.rows += table.num_rows
        self._open[day] = cur  # most recently used last
        while len(self._open) > MAX_OPEN_WRITERS:
            _, old = self._open.popitem(last=False)
            old.writer.close()

    def _close_all(self) -> None:
        while self._open:
            _, cur = self._open.popitem()
            cur.writer.close()

    def commit(self) -> list[Path]:
        """Close every file and make it visible; returns the final paths."""
        self._drain()
        self._close_all()
        done = []
        for tmp in self._pending:
            final = tmp.with_suffix("")  # drop ".tmp"
            tmp.replace(final)
            done.append(final)
        self._pending = []
        return done

    def abort(self) -> None:
        """Close and delete everything this run wrote."""
        with contextlib.suppress(BaseException):
            self._drain()
        for cur in self._open.values():
            with contextlib.suppress(Exception):
                cur.writer.close()
        self._open.clear()
        for tmp in self._pending:
            tmp.unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # only if empty (a day this run created)
                tmp.parent.rmdir()
        self._pending = []

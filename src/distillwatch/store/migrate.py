"""``distillwatch store migrate``: rewrite a store's part files in the current format.

Two changes are migrated: the ``minhash`` type (below) and the integer keys
``template_key64``/``item_key64`` (:mod:`distillwatch.store.key_ints`), which files written
before them lack; they are computed from ``template_key``/``item_key`` and placed right after
``item_key``, as ingest writes them. Detect reads the integer keys, so ``Store.events``
refuses a store with a file that lacks them and names this command.

Stores written before the binary ``minhash`` column (see
:mod:`distillwatch.store.minhash_column`) hold it as a list; they stay readable and ingest
keeps appending in their type (``store.writer``), so a store never mixes the two types.
Stores written before 16-bit values hold 256-byte binary values (64 uint32); ingest appends
128-byte ones to them (same type: readers take the low 16 bits of both). Migrating to
"binary" writes every signature as 128 bytes, exactly (the low 16 bits are all any reader
uses); to "list", as the list of the numbers readers use. It converts every part file, one
at a time: read row group by row group, write the same rows
(same values, same order, same row groups, the writer's encodings) to a hidden temporary
file beside it, check its row count, then rename it over the original. A reader sees either
the old file or the new one; an interrupted migration leaves a store whose files are each
whole, in one form or the other, and running the command again finishes it (files already
in the target form are skipped: for "binary", a file's ``minhash`` values are read to tell
128-byte ones from 256-byte ones). Run it while no ingest writes to the store.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from distillwatch.exceptions import StoreError
from distillwatch.store.catalog import write_catalog
from distillwatch.store.key_ints import KEY_INT_COLUMNS, key_ints, keys_lacking_ints
from distillwatch.store.layout import StoreLayout
from distillwatch.store.minhash_column import (
    LEGACY_MINHASH_TYPE,
    MINHASH_TYPE,
    column_format,
    is_current,
    to_binary,
    to_list,
)
from distillwatch.store.writer import part_writer

FORMATS = ("binary", "list")
_TMP_PREFIX = ".migrate-"


@dataclass
class MigrateReport:
    """What a migration did: part files rewritten (``converted``), of which how many got
    their ``minhash`` converted (``minhash_from``: how many from each older form, "list" or
    "binary32" for 256-byte values) and how many the integer key columns (``key_columns``:
    which), files already current (``skipped``), and rows."""

    store: str
    to: str
    converted: int = 0
    skipped: int = 0
    rows: int = 0
    bytes_before: int = 0
    bytes_after: int = 0
    files: list[str] = field(default_factory=list)
    minhash_converted: int = 0
    minhash_from: dict[str, int] = field(default_factory=dict)
    keys_added: int = 0
    key_columns: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "store": self.store, "to": self.to, "converted": self.converted,
            "skipped": self.skipped, "rows": self.rows, "bytes_before": self.bytes_before,
            "bytes_after": self.bytes_after, "files": self.files,
            "minhash_converted": self.minhash_converted, "minhash_from": self.minhash_from,
            "keys_added": self.keys_added,
            "key_columns": self.key_columns,
        }


def migrate_store(
    layout: StoreLayout,
    *,
    to: str = "binary",
    on_file: Callable[[Path, int], None] | None = None,
) -> MigrateReport:
    """Rewrite every part file of ``layout`` whose ``minhash`` is not of type ``to``
    ("binary", the current type, or "list", the legacy one), then rewrite the catalog.
    ``on_file(path, rows)`` is called after each file (converted or not)."""
    if to not in FORMATS:
        raise StoreError(f"unknown MinHash format {to!r}: choose one of {', '.join(FORMATS)}")
    if not layout.root.is_dir():
        raise StoreError(f"no store at {layout.root}")
    report = MigrateReport(store=str(layout.root), to=to)
    # leftovers of an interrupted migration (never globbed by readers: not *.parquet)
    for stale in layout.events_dir.glob(f"day=*/{_TMP_PREFIX}*"):
        stale.unlink(missing_ok=True)
    for path in layout.part_files():
        pf = pq.ParquetFile(path)
        schema = pf.schema_arrow
        rows = pf.metadata.num_rows
        added = [KEY_INT_COLUMNS[k] for k in keys_lacking_ints(schema.names)]
        minhash = _minhash_form(pf, to)
        if minhash is None and not added:
            report.skipped += 1
        else:
            before = path.stat().st_size
            _rewrite(path, pf, to=to)
            report.converted += 1
            if minhash is not None:
                report.minhash_converted += 1
                report.minhash_from[minhash] = report.minhash_from.get(minhash, 0) + 1
            report.keys_added += bool(added)
            report.key_columns += [c for c in added if c not in report.key_columns]
            report.rows += rows
            report.bytes_before += before
            report.bytes_after += path.stat().st_size
            report.files.append(str(path))
        pf.close()
        if on_file is not None:
            on_file(path, rows)
    if report.converted:
        write_catalog(layout)
    return report


def _minhash_form(pf: pq.ParquetFile, to: str) -> str | None:
    """The form of the file's ``minhash`` when it is not ``to`` ("list", "binary", or
    "binary32" for binary with 256-byte values); None when it is (or there is no such
    column). A binary column's value lengths are read (row group by row group, that column
    only, stopping at the first older value): the type alone does not tell the two apart."""
    schema = pf.schema_arrow
    if "minhash" not in schema.names:
        return None
    form = column_format(schema.field("minhash").type)
    if form != "binary" or to != "binary":
        return form if form != to else None
    for g in range(pf.num_row_groups):
        if not is_current(pf.read_row_group(g, columns=["minhash"]).column(0)):
            return "binary32"
    return None


def _target_schema(schema: pa.Schema, to: str) -> pa.Schema:
    if "minhash" in schema.names:
        i = schema.get_field_index("minhash")
        target = MINHASH_TYPE if to == "binary" else LEGACY_MINHASH_TYPE
        schema = schema.set(i, schema.field(i).with_type(target))
    missing = keys_lacking_ints(schema.names)
    if missing:
        at = max(schema.get_field_index(k) for k in missing) + 1
        for k in reversed(missing):
            schema = schema.insert(at, pa.field(KEY_INT_COLUMNS[k], pa.int64()))
    return schema


def _convert(t: pa.Table, out_schema: pa.Schema, to: str) -> pa.Table:
    """``t`` (a row group) in ``out_schema``: MinHash converted, integer keys added."""
    cols = []
    for f in out_schema:
        if f.name in t.column_names:
            col = t.column(f.name)
            if f.name == "minhash":  # each returns a column already in its form as it is
                col = (to_binary if to == "binary" else to_list)(col)
            cols.append(col)
        else:
            key = next(k for k, ki in KEY_INT_COLUMNS.items() if ki == f.name)
            try:
                cols.append(key_ints(t.column(key)))
            except ValueError as exc:
                raise StoreError(f"column {key}: {exc} (not a key written by ingest)") from None
    return pa.Table.from_arrays(cols, schema=out_schema)


def _rewrite(path: Path, pf: pq.ParquetFile, *, to: str) -> None:
    schema = pf.schema_arrow
    out_schema = _target_schema(schema, to)
    tmp = path.with_name(f"{_TMP_PREFIX}{path.name}.tmp")
    writer = part_writer(tmp, out_schema, compression=_codec(pf))
    try:
        for g in range(pf.num_row_groups):
            try:
                t = _convert(pf.read_row_group(g), out_schema, to)
            except StoreError as exc:
                raise StoreError(f"{path}: row group {g}: {exc}") from None
            writer.write_table(t, row_group_size=max(t.num_rows, 1))
        writer.close()
        written = pq.ParquetFile(tmp).metadata.num_rows
        if written != pf.metadata.num_rows:
            raise StoreError(f"{path}: rewrote {written} of {pf.metadata.num_rows} rows")
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(Exception):
            writer.close()
        tmp.unlink(missing_ok=True)
        raise


def _codec(pf: pq.ParquetFile) -> str:
    """The file's codec (the writer uses one for every column), as ParquetWriter names it."""
    meta = pf.metadata
    if meta.num_row_groups == 0 or meta.num_columns == 0:
        return "zstd"
    name = str(meta.row_group(0).column(0).compression).lower()
    return "none" if name == "uncompressed" else name


def store_format_counts(layout: StoreLayout) -> dict[str, int]:
    """Part files per ``minhash`` type ("binary", "list"; "none": no such column)."""
    counts = {"binary": 0, "list": 0, "none": 0}
    for path in layout.part_files():
        schema = pq.read_schema(path)
        if "minhash" not in schema.names:
            counts["none"] += 1
        else:
            counts[column_format(schema.field("minhash").type)] += 1
    return counts


__all__ = [
    "FORMATS",
    "MigrateReport",
    "migrate_store",
    "store_format_counts",
]


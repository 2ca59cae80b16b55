"""CSV (with a header row; .gz/.zst too) and Parquet, streamed in Arrow record batches."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from distillwatch.exceptions import IngestError
from distillwatch.ingest.config import IngestConfig
from distillwatch.ingest.formats.base import Progress, RawBatch, open_source, peek
from distillwatch.ingest.quarantine import Reject
from distillwatch.schema import REQUIRED_EVENT_COLUMNS


def csv_header(path: Path) -> list[str]:
    """Column names from the first line of a CSV file ([] for an empty file)."""
    head = peek(path, 1 << 20)
    first = head.split(b"\n", 1)[0].rstrip(b"\r")
    if not first.strip():
        return []
    row = next(csv.reader(io.StringIO(first.decode("utf-8", "replace"))), [])
    return [c.strip().lstrip("\ufeff") for c in row]


def read_csv_batches(
    path: Path,
    *,
    config: IngestConfig,
    progress: Progress,
    required: tuple[str, ...] = REQUIRED_EVENT_COLUMNS,
) -> Iterator[RawBatch]:
    """Rows of a CSV file as binary columns (the normaliser checks UTF-8 and types).

    A file whose first line lacks the ``required`` column names is rejected whole: it has no
    header, or not ours, and guessing would store wrong columns.
    """
    source = str(path)
    names = csv_header(path)
    if not names:
        return
    missing = [c for c in required if c not in names]
    if missing:
        first = ",".join(names)[:120]
        raise IngestError(
            f"CSV header lacks required column(s) {', '.join(missing)} (is the header row "
            f"missing? first line: {first!r})",
            path=source,
            line=1,
        )
    bad_rows: list[Reject] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        bad_rows.append(
            Reject(
                source,
                f"expected {row.expected_columns} columns, found {row.actual_columns}",
                line=row.number,
                raw=row.text,
            )
        )
        return "skip"

    read_options = pacsv.ReadOptions(block_size=config.block_bytes, column_names=names, skip_rows=1)
    parse_options = pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=on_invalid)
    convert_options = pacsv.ConvertOptions(
        column_types={n: pa.binary() for n in names},
        null_values=[""],
        strings_can_be_null=True,
    )
    row = 0
    with open_source(path) as src:
        reader = pacsv.open_csv(
            src.stream,
            read_options=read_options,
            parse_options=parse_options,
            convert_options=convert_options,
        )
        for rb in reader:
            table = pa.Table.from_batches([rb])
            positions = np.arange(row + 1, row + 1 + table.num_rows, dtype=np.int64)
            row += table.num_rows + len(bad_rows)
            rejects, bad_rows[:] = tuple(bad_rows), []
            yield RawBatch(table, positions, "row", rejects=rejects)
            progress(src.position())
        if bad_rows:
            yield RawBatch(pa.table({}), np.zeros(0, np.int64), "row", rejects=tuple(bad_rows))


def read_csv(path: Path, *, config: IngestConfig, progress: Progress) -> Iterator[RawBatch]:
    """Contract events from a CSV file with a header row."""
    yield from read_csv_batches(path, config=config, progress=progress)


def read_parquet(path: Path, *, config: IngestConfig, progress: Progress) -> Iterator[RawBatch]:
    """Contract events from a Parquet file, one record batch at a time."""
    pf = pq.ParquetFile(path)
    row = 0
    size = path.stat().st_size
    done = 0
    for rb in pf.iter_batches(batch_size=config.batch_rows):
        table = pa.Table.from_batches([rb])
        positions = np.arange(row + 1, row + 1 + table.num_rows, dtype=np.int64)
        row += table.num_rows
        yield RawBatch(table, positions, "row")
        done = min(size, done + table.nbytes)
        progress(done)
    progress(size)

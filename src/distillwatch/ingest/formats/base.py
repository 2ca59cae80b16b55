"""What every reader yields, and how source files are opened (decompression, progress)."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal

import numpy as np
import pyarrow as pa
import zstandard

from distillwatch.ingest.quarantine import Reject

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
PositionKind = Literal["line", "row"]
Progress = Callable[[int], None]  # bytes of the (compressed) file consumed so far


@dataclass(frozen=True)
class RawBatch:
    """Rows as read, before normalisation.

    ``table`` has whatever columns the source had (contract names for contract files; the
    mapped formats rename to contract names). ``positions`` gives each row's 1-based line or
    row number in the source. Columns in ``json_columns`` hold each value JSON-encoded because
    the source mixed types within the column (the normaliser decodes them one by one).
    ``rejects`` are records that could not even be parsed. When ``premade_extra`` is set the
    ``extra`` column is already the JSON object of pass-through fields.
    """

    table: pa.Table
    positions: np.ndarray
    kind: PositionKind
    json_columns: frozenset[str] = frozenset()
    rejects: tuple[Reject, ...] = ()
    premade_extra: bool = False
    skipped: int = 0  # records that are valid input but not events (not counted as read)
    raw_excerpts: dict[int, bytes] = field(default_factory=dict)

    @property
    def read(self) -> int:
        return self.table.num_rows + len(self.rejects)


def empty_batch(kind: PositionKind, rejects: tuple[Reject, ...] = ()) -> RawBatch:
    return RawBatch(pa.table({}), np.zeros(0, np.int64), kind, rejects=rejects)


def compression_of(head: bytes) -> str | None:
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(ZSTD_MAGIC):
        return "zstd"
    return None


class Source:
    """An open source file: a decompressed binary stream plus the position in the raw file."""

    def __init__(self, raw: IO[bytes], stream: IO[bytes], compression: str | None) -> None:
        self.raw = raw
        self.stream = stream
        self.compression = compression

    def position(self) -> int:
        try:
            return self.raw.tell()
        except (OSError, ValueError):
            return 0


@contextmanager
def open_source(path: Path) -> Iterator[Source]:
    """Open ``path``, transparently decompressing gzip or zstd (detected by magic bytes)."""
    raw = path.open("rb")
    try:
        head = raw.read(4)
        raw.seek(0)
        compression = compression_of(head)
        stream: IO[bytes]
        if compression == "gzip":
            stream = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
        elif compression == "zstd":
            dctx = zstandard.ZstdDecompressor()
            stream = dctx.stream_reader(raw, read_across_frames=True)
        else:
            stream = raw
        yield Source(raw, stream, compression)
    finally:
        raw.close()


def peek(path: Path, nbytes: int = 65_536) -> bytes:
    """The first ``nbytes`` of the decompressed content (fewer on a short or broken file)."""
    with open_source(path) as src:
        try:
            return src.stream.read(nbytes)
        except (OSError, EOFError, zlib.error, zstandard.ZstdError):
            return b""

"""JSON Lines (plain, .gz, .zst): parsed by Arrow in blocks, with a per-line fallback.

The stream is cut into blocks of whole lines (``block_bytes``). Each block is checked for
valid UTF-8 and parsed by Arrow's multithreaded JSON reader. Only a block that Arrow rejects
(a line that is not JSON or not an object, invalid UTF-8, a column whose type changes) is
parsed line by line in Python, to put the exact line numbers of the bad lines in quarantine.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.json as pj

from distillwatch.ingest.config import IngestConfig
from distillwatch.ingest.formats.base import Progress, RawBatch, empty_batch, open_source
from distillwatch.ingest.quarantine import Reject

READ_PIECE = 1 << 20  # small reads: see iter_blocks
ARROW_BLOCK = 1 << 20  # Arrow's parse unit; a longer line makes us retry with one block
# On up to 2 CPUs the block is parsed whole in the reader thread: the same parse CPU, but
# no thread-pool hand-offs and one chunk per column (nothing to concatenate later): ~10%
# less CPU for parse + normalise. With more CPUs, Arrow's pool parses 1 MiB pieces in
# parallel, so that the reader thread keeps up with more step workers.
PARALLEL_PARSE = (os.cpu_count() or 1) > 2
Buf = bytes | bytearray
_WS = np.zeros(256, bool)
_WS[[9, 10, 13, 32]] = True


@dataclass(frozen=True)
class Oversize:
    """A line longer than ``max_line_bytes``: skipped unread, reported by line number."""

    line: int
    nbytes: int


class Block(NamedTuple):
    """Whole lines of the input: their bytes, the number of the first, and how many
    newlines they hold (counted once here, used again by :func:`parse_block`)."""

    data: bytearray
    first_line: int
    newlines: int


def iter_blocks(
    stream: IO[bytes], *, block_bytes: int, max_line_bytes: int, reuse: bool = False
) -> Iterator[Block | Oversize]:
    """Yield :class:`Block` s of whole lines or :class:`Oversize`.

    Reads in small pieces so that when the stream breaks (a truncated or corrupt archive),
    the complete lines read before the break are still yielded before the error propagates.
    The pieces are read straight into the block's own buffer (``readinto``), which is handed
    out whole: the input is copied once, by the read, and not again.

    ``reuse``: a block's buffer is read into again once the caller asks for the item after
    it (a caller that parses each block before asking for the next, as :func:`read_jsonl`
    does). A new 17 MiB buffer per block costs its page faults and the kernel's zeroing
    (~2 ms per block); a buffer still exported (a view of it kept) is never reused.
    """
    piece = min(READ_PIECE, block_bytes)
    buf = bytearray(block_bytes + piece)
    spare: bytearray | None = None
    filled = 0
    line_no = 1
    skipping: Oversize | None = None
    try:
        while True:
            if filled + piece > len(buf):  # a line longer than the block: grow
                buf += bytes(len(buf))
            with memoryview(buf) as view:
                got = stream.readinto(view[filled : filled + piece])  # type: ignore[attr-defined]
            if not got:
                break
            if skipping is not None:
                cut = buf.find(b"\n", 0, got)
                if cut < 0:
                    skipping = Oversize(skipping.line, skipping.nbytes + got)
                    continue
                yield Oversize(skipping.line, skipping.nbytes + cut)
                line_no = skipping.line + 1
                skipping = None
                buf[: got - cut - 1] = buf[cut + 1 : got]
                filled = got - cut - 1
                continue
            filled += got
            if filled < block_bytes:
                continue
            cut = buf.rfind(b"\n", 0, filled)
            if cut < 0:
                if filled > max_line_bytes:
                    skipping = Oversize(line_no, filled)
                    filled = 0
                continue
            block, buf = buf, spare if spare is not None else bytearray(block_bytes + piece)
            spare = None
            if len(buf) < block_bytes + piece:  # a reused block, cut at its last line
                buf += bytes(block_bytes + piece - len(buf))
            rest = filled - cut - 1
            buf[:rest] = memoryview(block)[cut + 1 : filled]
            filled = rest
            del block[cut + 1 :]  # the end only: no copy
            for item in _split_oversize(block, line_no, max_line_bytes):
                yield item
                if isinstance(item, Block):
                    line_no = item.first_line + item.newlines
                else:
                    line_no = item.line + 1
            if reuse:
                spare = _reusable(block)
    except Exception:
        cut = buf.rfind(b"\n", 0, filled)
        if cut >= 0 and skipping is None:
            block = buf[: cut + 1]
            yield Block(block, line_no, count_newlines(block))
        raise
    if skipping is not None:
        yield skipping
    elif filled:
        del buf[filled:]
        yield from _split_oversize(buf, line_no, max_line_bytes)


def _reusable(block: bytearray) -> bytearray | None:
    """``block`` if nothing holds a view of it any more (a resize raises while one does)."""
    try:
        block.append(0)
    except BufferError:
        return None
    del block[-1:]
    return block


# Bytes compared per step of count_newlines: the comparison's output stays in the cache.
NEWLINE_CHUNK = 1 << 18


def count_newlines(block: Buf) -> int:
    """``block.count(b"\\n")``, in about a third of its time on blocks of megabytes: NumPy
    compares a chunk at a time into one small reused mask (a mask of the whole block would
    be a fresh 16 MiB array per block, written and read back through memory)."""
    data = np.frombuffer(block, np.uint8)
    if len(data) <= NEWLINE_CHUNK:
        return int(np.count_nonzero(data == 10))
    mask = np.empty(NEWLINE_CHUNK, bool)
    n = 0
    for start in range(0, len(data), NEWLINE_CHUNK):
        part = data[start : start + NEWLINE_CHUNK]
        out = mask[: len(part)]
        np.equal(part, 10, out=out)
        n += int(np.count_nonzero(out))
    return n


def _split_oversize(
    block: bytearray, line_no: int, max_line_bytes: int
) -> Iterator[Block | Oversize]:
    """The block, with any line longer than ``max_line_bytes`` cut out as :class:`Oversize`."""
    if len(block) <= max_line_bytes:
        yield Block(block, line_no, count_newlines(block))
        return
    nl = np.flatnonzero(np.frombuffer(block, np.uint8) == 10)
    ends = np.append(nl, len(block)) if block[-1:] != b"\n" else nl
    starts = np.concatenate(([0], ends[:-1] + 1))
    long = np.flatnonzero(ends - starts > max_line_bytes)
    if not len(long):
        yield Block(block, line_no, len(nl))
        return
    start = 0
    for i in long:
        if starts[i] > start:
            part = block[start : starts[i]]
            yield Block(part, line_no + int(np.count_nonzero(nl < start)), count_newlines(part))
        yield Oversize(line_no + int(i), int(ends[i] - starts[i]))
        start = int(ends[i]) + 1
    if start < len(block):
        part = block[start:]
        yield Block(part, line_no + int(np.count_nonzero(nl < start)), count_newlines(part))


def _nonblank_lines(block: Buf) -> np.ndarray:
    """0-based indices of the lines of ``block`` that hold more than whitespace."""
    buf = np.frombuffer(block, np.uint8)
    nl = np.flatnonzero(buf == 10)
    ends = np.append(nl, len(buf)) if (len(buf) and buf[-1] != 10) else nl
    starts = np.concatenate(([0], nl + 1))[: len(ends)]
    solid = np.concatenate(([0], np.cumsum(~_WS[buf], dtype=np.int64)))
    return np.flatnonzero(solid[ends] - solid[starts] > 0)


def _utf8_ok(block: Buf) -> bool:
    buf = pa.py_buffer(block)
    offsets = pa.py_buffer(np.array([0, len(block)], np.int64).tobytes())
    arr = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, buf])
    try:
        arr.cast(pa.large_string())
        return True
    except pa.ArrowInvalid:
        return False


def _arrow_parse(block: Buf) -> pa.Table:
    if not PARALLEL_PARSE:
        return _whole_block_parse(block)
    try:
        return pj.read_json(
            pa.BufferReader(block), read_options=pj.ReadOptions(block_size=ARROW_BLOCK)
        )
    except pa.ArrowInvalid as exc:
        if "straddling" not in str(exc) and "block" not in str(exc):
            raise
        return _whole_block_parse(block)


def _whole_block_parse(block: Buf) -> pa.Table:
    """The block as one Arrow parse unit: every column comes back in one chunk."""
    return pj.read_json(
        pa.BufferReader(block),
        read_options=pj.ReadOptions(block_size=len(block) + 1, use_threads=False),
    )


def parse_block(
    block: Buf, first_line: int, *, source: str, newlines: int | None = None
) -> RawBatch:
    """Parse one block of lines: Arrow first, line by line when Arrow refuses.

    ``newlines``: the block's newline count when the caller has it (:class:`Block`).
    """
    if _utf8_ok(block):
        try:
            table = _arrow_parse(block)
        except pa.ArrowInvalid:
            table = None
        if table is not None:
            if newlines is None:
                newlines = count_newlines(block)
            nlines = newlines + (0 if block.endswith(b"\n") else 1)
            if table.num_rows == nlines:
                return RawBatch(table, np.arange(first_line, first_line + nlines), "line")
            idx = _nonblank_lines(block)
            if table.num_rows == len(idx):
                return RawBatch(table, idx + first_line, "line")
    return parse_lines(block, first_line, source=source)


def parse_lines(block: Buf, first_line: int, *, source: str) -> RawBatch:
    """The slow path: each line on its own, bad lines to quarantine with their numbers."""
    objs: list[dict[str, Any]] = []
    lines: list[int] = []
    rejects: list[Reject] = []
    for i, piece in enumerate(block.split(b"\n")):
        raw = bytes(piece)  # the slow path: a copy per line costs nothing here
        if not raw.strip():
            continue
        ln = first_line + i
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            rejects.append(Reject(source, f"invalid UTF-8 at byte {exc.start}", line=ln, raw=raw))
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            rejects.append(
                Reject(source, f"invalid JSON: {exc.msg} (column {exc.colno})", line=ln, raw=raw)
            )
            continue
        if not isinstance(obj, dict):
            kind = type(obj).__name__ if not isinstance(obj, list) else "array"
            rejects.append(Reject(source, f"not a JSON object (a {kind})", line=ln, raw=raw))
            continue
        objs.append(obj)
        lines.append(ln)
    table, json_cols = table_from_objects(objs)
    return RawBatch(
        table,
        np.asarray(lines, np.int64),
        "line",
        json_columns=json_cols,
        rejects=tuple(rejects),
    )


def _kind(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "number"
    return type(v).__name__


def table_from_objects(objs: list[dict[str, Any]]) -> tuple[pa.Table, frozenset[str]]:
    """Arrow table from dicts; a column whose values mix types is JSON-encoded per value."""
    names: dict[str, None] = {}
    for o in objs:
        names.update(dict.fromkeys(o))
    cols: list[pa.Array] = []
    json_cols: set[str] = set()
    for name in names:
        values = [o.get(name) for o in objs]
        kinds = {_kind(v) for v in values if v is not None}
        try:
            if len(kinds) > 1:  # e.g. 1.5 and true: pyarrow would coerce, we want the row
                raise pa.ArrowInvalid("mixed kinds")
            cols.append(pa.array(values))
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
            json_cols.add(name)
            cols.append(
                pa.array(
                    [None if v is None else json.dumps(v, ensure_ascii=False) for v in values],
                    pa.string(),
                )
            )
    if not names:  # objects without keys are still rows (quarantined later: no ts)
        return pa.table({"__dw": pa.nulls(len(objs))}).drop_columns(["__dw"]), frozenset()
    return pa.table(cols, names=list(names)), frozenset(json_cols)


def read_jsonl(path: Path, *, config: IngestConfig, progress: Progress) -> Iterator[RawBatch]:
    """Contract events (or any JSON objects) from a JSON Lines file."""
    source = str(path)
    with open_source(path) as src:
        for item in iter_blocks(
            src.stream,
            block_bytes=config.block_bytes,
            max_line_bytes=config.max_line_bytes,
            reuse=True,  # each block is parsed before the next is read
        ):
            if isinstance(item, Oversize):
                reason = f"line longer than max_line_bytes ({item.nbytes} bytes): not read"
                yield empty_batch("line", (Reject(source, reason, line=item.line),))
            else:
                yield parse_block(item.data, item.first_line, source=source, newlines=item.newlines)
            progress(src.position())

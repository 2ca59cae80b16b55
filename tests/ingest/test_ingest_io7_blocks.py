"""Round 7: the JSON Lines reader reuses its block buffers and counts newlines in chunks."""

from __future__ import annotations

import io
import random

import pytest

from distillwatch.ingest.formats.jsonl import (
    NEWLINE_CHUNK,
    Block,
    Oversize,
    count_newlines,
    iter_blocks,
    parse_block,
)


def _lines(n: int, seed: int) -> bytes:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        pad = "x" * rng.randrange(0, 300)
        out.append(f'{{"ts": {1_740_787_200 + i}, "account_id": "a{i % 7}", "p": "{pad}"}}')
        if rng.random() < 0.01:
            out.append("")  # a blank line
    return ("\n".join(out) + "\n").encode()


def _snapshot(items: object) -> list[tuple[str, bytes | int, int, int]]:
    """Each item copied as it arrives (a reused buffer is overwritten later)."""
    got: list[tuple[str, bytes | int, int, int]] = []
    for item in items:  # type: ignore[attr-defined]
        if isinstance(item, Block):
            got.append(("block", bytes(item.data), item.first_line, item.newlines))
        else:
            assert isinstance(item, Oversize)
            got.append(("oversize", item.nbytes, item.line, 0))
    return got


@pytest.mark.parametrize("block_bytes", [512, 4096, 65536])
def test_reused_buffers_give_the_same_blocks(block_bytes: int) -> None:
    data = _lines(3000, seed=block_bytes)
    # a line over max_line_bytes in the middle: the Oversize path between reused blocks
    cut = data.index(b"\n", len(data) // 2) + 1
    data = data[:cut] + b'{"long": "' + b"y" * 20_000 + b'"}\n' + data[cut:]
    kw = {"block_bytes": block_bytes, "max_line_bytes": 10_000}
    plain = _snapshot(iter_blocks(io.BytesIO(data), **kw))
    reused = _snapshot(iter_blocks(io.BytesIO(data), reuse=True, **kw))
    assert reused == plain
    assert sum(1 for k, *_ in plain if k == "oversize") == 1
    assert b"".join(d for k, d, *_ in plain if k == "block") == data.replace(
        b'{"long": "' + b"y" * 20_000 + b'"}\n', b""
    )


def test_a_buffer_still_viewed_is_not_reused() -> None:
    data = _lines(2000, seed=1)
    held = []
    for item in iter_blocks(io.BytesIO(data), block_bytes=4096, max_line_bytes=10_000, reuse=True):
        assert isinstance(item, Block)
        held.append((memoryview(item.data), bytes(item.data)))  # an export: no reuse
    assert len(held) > 3
    for view, copy in held:
        assert bytes(view) == copy


def test_parsed_blocks_do_not_depend_on_the_reused_buffer() -> None:
    data = _lines(4000, seed=2)
    kw = {"block_bytes": 8192, "max_line_bytes": 10_000}
    want = [
        parse_block(b.data, b.first_line, source="t", newlines=b.newlines)
        for b in iter_blocks(io.BytesIO(data), **kw)
        if isinstance(b, Block)
    ]
    got = [
        parse_block(b.data, b.first_line, source="t", newlines=b.newlines)
        for b in iter_blocks(io.BytesIO(data), reuse=True, **kw)
        if isinstance(b, Block)
    ]
    assert len(got) == len(want) > 3
    for g, w in zip(got, want, strict=True):  # every buffer overwritten by now
        assert g.table.equals(w.table)
        assert list(g.positions) == list(w.positions)


@pytest.mark.parametrize(
    "size", [0, 1, NEWLINE_CHUNK - 1, NEWLINE_CHUNK, NEWLINE_CHUNK + 1, 3 * NEWLINE_CHUNK + 17]
)
def test_count_newlines_in_chunks(size: int) -> None:
    rng = random.Random(size)
    block = bytearray(rng.choice(b"ab\n\r{} ") for _ in range(size))
    if size:
        block[-1] = 10  # a newline on the last byte of the last chunk
    assert count_newlines(block) == block.count(b"\n")
    assert count_newlines(bytes(block)) == block.count(b"\n")

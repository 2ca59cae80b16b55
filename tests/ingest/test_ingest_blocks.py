"""The JSON Lines block cutter: every input byte lands in exactly one block (or one skipped
overlong line), line numbers stay true, and a broken stream keeps the lines before the break."""

from __future__ import annotations

import io

import numpy as np
import pytest

from distillwatch.ingest.formats.jsonl import Block, Oversize, iter_blocks


def _lines(seed: int, n: int) -> list[bytes]:
    rng = np.random.default_rng(seed)
    lengths = rng.choice([0, 1, 5, 40, 300, 2500], n, p=[0.05, 0.1, 0.3, 0.3, 0.2, 0.05])
    return [bytes(rng.integers(33, 127, k, dtype=np.uint8)) for k in lengths]


@pytest.mark.parametrize("block_bytes", [64, 1000, 4096, 1 << 20])
@pytest.mark.parametrize("max_line_bytes", [1000, 1 << 20])
@pytest.mark.parametrize("trailing_newline", [True, False])
def test_blocks_and_skipped_lines_cover_the_input_exactly(
    block_bytes: int, max_line_bytes: int, trailing_newline: bool
) -> None:
    lines = _lines(block_bytes + max_line_bytes, 400)
    data = b"\n".join(lines) + (b"\n" if trailing_newline else b"")
    got: dict[int, bytes] = {}
    skipped: dict[int, int] = {}
    for item in iter_blocks(
        io.BytesIO(data), block_bytes=block_bytes, max_line_bytes=max_line_bytes
    ):
        if isinstance(item, Oversize):
            skipped[item.line] = item.nbytes
            continue
        assert isinstance(item, Block)
        assert item.newlines == item.data.count(b"\n")
        for k, line in enumerate(bytes(item.data).split(b"\n")[: item.newlines]):
            got[item.first_line + k] = line
        if not item.data.endswith(b"\n"):  # only the input's last line may lack one
            got[item.first_line + item.newlines] = bytes(item.data).rsplit(b"\n", 1)[-1]
    expected_lines = {i + 1: line for i, line in enumerate(lines)}
    for ln, nbytes in skipped.items():
        assert len(expected_lines[ln]) > max_line_bytes
        assert nbytes >= len(expected_lines[ln])
    long = {ln for ln, line in expected_lines.items() if len(line) > max_line_bytes}
    assert set(skipped) == long
    assert got == {ln: line for ln, line in expected_lines.items() if ln not in long}


class _Breaks(io.RawIOBase):
    """A stream that fails after ``limit`` bytes (a truncated archive)."""

    def __init__(self, data: bytes, limit: int) -> None:
        self._data, self._pos, self._limit = data, 0, limit

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray) -> int:  # type: ignore[override]
        if self._pos >= self._limit:
            raise EOFError("compressed stream ends early")
        n = min(len(b), self._limit - self._pos, 700)
        b[:n] = self._data[self._pos : self._pos + n]
        self._pos += n
        return n


def test_a_broken_stream_yields_its_complete_lines_then_raises() -> None:
    lines = [f"line {i:04d}".encode() for i in range(500)]
    data = b"\n".join(lines) + b"\n"
    items: list[Block | Oversize] = []
    with pytest.raises(EOFError):
        for item in iter_blocks(_Breaks(data, 3000), block_bytes=1 << 16, max_line_bytes=1 << 20):
            items.append(item)
    blocks = [i for i in items if isinstance(i, Block)]
    text = b"".join(bytes(b.data) for b in blocks)
    assert text == data[: data.rfind(b"\n", 0, 3000) + 1]
    assert blocks[0].first_line == 1

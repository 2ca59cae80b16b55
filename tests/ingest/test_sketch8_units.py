"""``unitbreak.url_and_at_rows`` reading eight bytes at a time (``unaligned.load_u64``)
against the Arrow scans it stands for (``template._has_url``, ``_contains(..., "@")``):
matches at every offset of the 8-byte windows, runs of ``w`` and ``:`` that are no match,
non-ASCII bytes, nulls and sliced columns."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from sketch_checks import compare_split_units

from distillwatch.ingest import unitbreak
from distillwatch.ingest.template import _contains, _has_url

PIECES = ["a", "w", "ww", "www", "www.", ":", "://", ":/", "@", " ", "x.com", "é", "\n", "abcdefgh"]


def _check(arr: pa.Array) -> None:
    url, at = unitbreak.url_and_at_rows(arr)
    assert url.tolist() == _has_url(arr).tolist()
    assert at.tolist() == _contains(arr, "@").tolist()


@pytest.mark.parametrize("seed", [1, 2])
def test_random_texts_match_the_regex_scans(seed: int) -> None:
    rng = np.random.default_rng(seed)
    texts: list[str | None] = [
        None if rng.random() < 0.05 else "".join(rng.choice(PIECES, int(rng.integers(0, 14))))
        for _ in range(20000)
    ]
    arr = pa.array(texts, pa.string())
    _check(arr)
    _check(arr.slice(7, 15000))


def test_a_match_at_every_window_offset() -> None:
    texts = []
    for pad in range(0, 20):
        for needle in ("@", "://", "www.", "ww.", ":/", "w@"):
            texts.append("z" * pad + needle + "y" * (pad % 9))
            texts.append("z" * pad + needle)  # the match ends the text
    _check(pa.array(texts, pa.string()))


@pytest.mark.parametrize("seed", [3, 4])
def test_split_runs_of_eight_bytes_match_the_arrow_calls(seed: int) -> None:
    """Words of 1-9 letters with single spaces (the runs copied 8 bytes at once), broken by
    what must stop a run at every offset: a mark before a space, a capital or a second space
    after one, a space as the 8th byte, tabs, form feeds, ``\\x1f``, non-ASCII, line ends."""
    from distillwatch.ingest import template

    rng = np.random.default_rng(seed)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'"))
    breaks = [". ", "! ", "? ", "; ", ": ", "  ", " Think ", " Let us ", "\t", "\f", "\x1f",
              "é", "问", "\n", "\r\n", " A", " Z", " @", ",", "."]
    texts: list[str | None] = []
    for _ in range(6000):
        parts = []
        for _w in range(int(rng.integers(0, 30))):
            parts.append("".join(rng.choice(letters, int(rng.integers(1, 10)))))
            parts.append(" " if rng.random() < 0.85 else str(rng.choice(breaks)))
        texts.append("".join(parts).strip(" ") if rng.random() < 0.5 else "".join(parts))
    texts += [None, "", "a", "abcdefgh", "abcdefghi", "ABCDEFGH IJ", "abc defg h", "abcdefg "]
    arr = template.prepare_text(pa.array(texts, pa.string()))
    compare_split_units(arr)
    compare_split_units(arr.slice(5, 4000))
    # All ASCII: no Unicode lower-casing pass after the kernel (it would hide a run copied
    # without lower-casing).
    ascii_only = [t for t in texts if t is None or t.isascii()]
    compare_split_units(template.prepare_text(pa.array(ascii_only, pa.string())))


def test_join_pieces_copies_words_to_the_buffer_end() -> None:
    """``skeleton.join_pieces`` copying 8 bytes per load/store: pieces of every length up to
    two words, repeated and reordered, the last piece ending the data buffer, slots, rows
    without pieces (null)."""
    from distillwatch.ingest.skeleton import join_pieces

    words = ["x" * k + "é" * (k % 3) for k in range(0, 20)]
    raw = [w.encode() for w in words]
    offsets = np.concatenate(([0], np.cumsum([len(b) for b in raw]))).astype(np.int32)
    values = pa.Array.from_buffers(
        pa.string(), len(words), [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(raw))]
    )
    rng = np.random.default_rng(9)
    n_rows = 300
    source = rng.integers(-1, len(words), 900)
    source[-1] = len(words) - 1  # the piece whose bytes end the buffer comes last
    row = np.sort(rng.integers(0, n_rows, 900))
    got = join_pieces(values, source, row, n_rows, slot="@slot").to_pylist()
    want: list[str | None] = [None] * n_rows
    for s, r in zip(source.tolist(), row.tolist(), strict=True):
        piece = "@slot" if s < 0 else words[s]
        want[r] = piece if want[r] is None else f"{want[r]} {piece}"
    assert got == want


@pytest.mark.parametrize("seed", [5, 6])
def test_skeleton_view_eight_byte_runs_match_the_regexes(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``skeleton.skeleton_view`` (copying 8 bytes at once where no quote or digit can
    start) against the regex passes it replaces: quotes and numbers at every offset of the
    windows, non-ASCII quotes and bytes, runs of punctuation."""
    from distillwatch.ingest import template
    from distillwatch.ingest.skeleton import skeleton_view

    rng = np.random.default_rng(seed)
    pieces = ["abcdefgh", "word", " ", "  ", '"q"', '"', "“x”", "«y»", "「z」", "12", "3.5",
              "1,000", "7:30", "a1", ",", "!!", " - ", "\t", "é", "x" * 9, "#", "@"]
    units = ["".join(rng.choice(pieces, int(rng.integers(0, 16)))) for _ in range(3000)]
    units += ["a" * k + '"b"' + "c" * (k % 5) for k in range(20)]
    units += ["a" * k + "42" for k in range(20)]
    arr = pa.array(units, pa.string())
    monkeypatch.setattr(template, "KERNEL_MIN_LINES", 10**9)  # the regexes
    want = template._skeleton_view(arr).to_pylist()
    assert skeleton_view(arr).to_pylist() == want
    assert skeleton_view(arr.slice(9, 2000)).to_pylist() == want[9:2009]

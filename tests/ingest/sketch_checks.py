"""Checks shared by the sketch kernel tests (importable: tests/ingest is on sys.path)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import pyarrow as pa

from distillwatch.ingest import template, unitbreak


def compare_split_units(texts: pa.Array) -> None:
    """``unitbreak.split_units`` against ``template._split_units`` (itself tested against
    the regex passes): units, rows, first/last, colon/question ends and space counts."""
    want_units, want_row, want_first, want_last = template._split_units(texts)
    units, row, flags, spaces = unitbreak.split_units(texts)
    assert units.to_pylist() == want_units.to_pylist()
    assert row.tolist() == want_row.tolist()
    assert ((flags & unitbreak.FIRST) != 0).tolist() == want_first.tolist()
    assert ((flags & unitbreak.LAST) != 0).tolist() == want_last.tolist()
    colon = [u.endswith((":", "：")) for u in want_units.to_pylist()]
    question = [u.endswith(("?", "？")) for u in want_units.to_pylist()]
    assert ((flags & unitbreak.COLON_END) != 0).tolist() == colon
    assert ((flags & unitbreak.QUESTION_END) != 0).tolist() == question
    assert spaces.tolist() == [u.count(" ") for u in want_units.to_pylist()]


def blake2b64_want(texts: Sequence[str | None]) -> list[str | None]:
    """``hashlib``'s 8-byte BLAKE2b hex digest of each text (None stays None)."""
    return [None if t is None else hashlib.blake2b(t.encode(), digest_size=8).hexdigest()
            for t in texts]

"""``unitbreak.url_and_at_rows`` reading eight bytes at a time (``unaligned.load_u64``)
against the Arrow scans it stands for (``template._has_url``, ``_contains(..., "@")``):
matches at every offset of the 8-byte windows, runs of ``w`` and ``:`` that are no match,
non-ASCII bytes, nulls and sliced columns."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

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

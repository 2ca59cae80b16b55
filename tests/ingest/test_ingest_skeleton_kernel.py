"""The skeleton-view kernel against the regexes it replaced (kept here as the oracle)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.ingest import template
from distillwatch.ingest.skeleton import skeleton_view

_QUOTED = r"\"[^\"]{1,400}\"|“[^”]{1,400}”|«[^»]{1,400}»|「[^」]{1,400}」"
_NUMBER = r"\d+(?:[.,:/]\d+)*"


def reference(units: pa.Array) -> pa.Array:
    """``template._skeleton_view`` as regexes (before the kernel)."""
    sk = pc.replace_substring_regex(units, _QUOTED, " @q ")
    sk = pc.replace_substring_regex(sk, _NUMBER, "#")
    non_word = rf"[ \t]*[{template._PUNCT}]+[ \t]*"
    return pc.utf8_trim_whitespace(pc.replace_substring_regex(sk, non_word, " "))


TRICKY = [
    "",
    'solve "this" now',
    '""x""',
    '"unclosed',
    "a  \t b",  # a tab is punctuation: the run around it becomes one space
    "a   b",  # spaces alone stay
    "a , b",
    " 3.14, 2/3 12:30:: 1..2 1,000,000",
    "«ok» “q” 「z」 “nested “x” y”",
    "é — ü ← → ★",
    "\u3000x\u2000",
    "x \t",
    "\x0bx\x0c",
    "\x85\u1680x\u202f",
    "#tag @user",
    "ｆｕｌｌ！ｗｉｄｔｈ？",
    "emoji 🙂 here 😀!",
    "x_y `code` ~z~ $5",
]


def test_tricky_units_match_the_regexes() -> None:
    arr = pa.array([*TRICKY, None])
    assert skeleton_view(arr).to_pylist() == reference(arr).to_pylist()


def test_quote_length_limit() -> None:
    units = ['"' + "a" * k + '"' for k in (0, 1, 399, 400, 401)]
    units += ["“" + "é" * k + "”" for k in (399, 400, 401)]  # counted in characters
    arr = pa.array(units)
    assert skeleton_view(arr).to_pylist() == reference(arr).to_pylist()


def test_sliced_and_empty() -> None:
    arr = pa.array([None, *TRICKY, "1. x"]).slice(2, 5)
    assert skeleton_view(arr).to_pylist() == reference(arr).to_pylist()
    assert skeleton_view(pa.array([], pa.string())).to_pylist() == []


def test_random_units_match_the_regexes() -> None:
    rng = np.random.default_rng(1)
    tokens = np.array(
        [" ", "  ", "\t", "\x0b", "\x0c", "\x1c", "\x85", "\u1680", "\u3000", "\u00a0",
         "\u2028", ".", ",", ":", "/", "!", "#", "@", "-", "'", '"', "“", "”", "«", "»", "「",
         "」", "0", "12", "3.4", "a", "word", "é", "ß", "中", "🙂", "、", "。", "\uff01",
         "\uff5e", "\u2190", "_", "`", "~", "$"]
    )  # fmt: skip
    units = ["".join(rng.choice(tokens, rng.integers(0, 20))) for _ in range(5000)]
    arr = pa.array(units)
    assert skeleton_view(arr).to_pylist() == reference(arr).to_pylist()

"""The one-pass unit split (``unitbreak.split_units``) against the Arrow calls it replaces
(``template._split_units``, itself tested against the regex passes)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from distillwatch.ingest import template, unitbreak

TRICKY = [
    None,
    "",
    "   ",
    "Solve this step by step: A train leaves at 3 pm. Think step by step",
    "Question: what is 2+2?\nAnswer: Let's think step by step.",
    "a\r\nb\rc\n\nd\n",
    "x.  Think",
    "x. \tThink",
    "x.\tThink",
    "x \f Think about it",
    "x\vThink",
    "x\u00a0Think",
    "x Thinking",
    "x Let us go. Do not stop; Be sure:",
    "问题：一加一等于几？请逐步思考。",
    "答案。 Think",
    "句子。",
    "句子。。",
    "。",
    "a\x1fb\x1f\x1fc\x1f",
    "\x1f Think \x1f",
    "İSTANBUL ΟΔΟΣ ǅ Straße ＡＢＣ:",
    "full-width colon：",
    "question？",
    "  leading and trailing \u3000",
    "\u2028line sep\u2029 para\x85 next",
    "emoji 🙂. Think 🙂",
    "x\u3000Think",
    "### Instruction:\nSolve it.\n### Input:\n\"quoted\"\n### Response:",
]


def _compare(texts: pa.Array) -> None:
    want_units, want_row, want_first, want_last = template._split_units(texts)
    units, row, flags = unitbreak.split_units(texts)
    assert units.to_pylist() == want_units.to_pylist()
    assert row.tolist() == want_row.tolist()
    assert ((flags & unitbreak.FIRST) != 0).tolist() == want_first.tolist()
    assert ((flags & unitbreak.LAST) != 0).tolist() == want_last.tolist()
    colon = [u.endswith((":", "：")) for u in want_units.to_pylist()]
    question = [u.endswith(("?", "？")) for u in want_units.to_pylist()]
    assert ((flags & unitbreak.COLON_END) != 0).tolist() == colon
    assert ((flags & unitbreak.QUESTION_END) != 0).tolist() == question


def test_tricky_texts_match_the_arrow_calls() -> None:
    texts = template.prepare_text(pa.array(TRICKY, pa.string()))
    _compare(texts)
    _compare(texts.slice(3, 10))  # a non-zero offset reads the right bytes
    _compare(pa.array([], pa.string()))
    _compare(pa.array([None, None], pa.string()))


def test_random_texts_match_the_arrow_calls() -> None:
    rng = np.random.default_rng(11)
    tokens = np.array(
        [" ", "  ", "\t", "\f", "\v", "\n", "\r", "\r\n", "\x1f", "\u3000", "\u00a0", ".", "!",
         "?", ";", ":", "。", "！", "？", "；", "：", "a", "X", "Think", "Let", "'s", " us", "Do",
         " not", "Be", " sure", "Make", "_", "9", "é", "İ", "Σ", "🙂", "Answer", "Please",
         "问题", "\u2028", "\x85", "###", "1)", '"q"']
    )  # fmt: skip
    texts = ["".join(rng.choice(tokens, rng.integers(0, 24))) for _ in range(4000)]
    _compare(template.prepare_text(pa.array(texts, pa.string())))


def test_many_units_grow_the_output() -> None:
    # More units than the kernel's first guess (4 per text): its arrays grow.
    texts = pa.array(["a. " * 50 + "\n".join("b" * 200)] * 30, pa.string())
    _compare(texts)

"""The one-pass unit split (``unitbreak.split_units``) against the Arrow calls it replaces
(``template._split_units``, itself tested against the regex passes)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from sketch_checks import compare_split_units

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


def test_tricky_texts_match_the_arrow_calls() -> None:
    texts = template.prepare_text(pa.array(TRICKY, pa.string()))
    compare_split_units(texts)
    compare_split_units(texts.slice(3, 10))  # a non-zero offset reads the right bytes
    compare_split_units(pa.array([], pa.string()))
    compare_split_units(pa.array([None, None], pa.string()))


def test_random_texts_match_the_arrow_calls() -> None:
    rng = np.random.default_rng(11)
    tokens = np.array(
        [" ", "  ", "\t", "\f", "\v", "\n", "\r", "\r\n", "\x1f", "\u3000", "\u00a0", ".", "!",
         "?", ";", ":", "。", "！", "？", "；", "：", "a", "X", "Think", "Let", "'s", " us", "Do",
         " not", "Be", " sure", "Make", "_", "9", "é", "İ", "Σ", "🙂", "Answer", "Please",
         "问题", "\u2028", "\x85", "###", "1)", '"q"']
    )  # fmt: skip
    texts = ["".join(rng.choice(tokens, rng.integers(0, 24))) for _ in range(4000)]
    compare_split_units(template.prepare_text(pa.array(texts, pa.string())))


def test_many_units_grow_the_output() -> None:
    # More units than the kernel's first guess (4 per text): its arrays grow.
    texts = pa.array(["a. " * 50 + "\n".join("b" * 200)] * 30, pa.string())
    compare_split_units(texts)


@pytest.mark.parametrize("seed", [1, 2])
def test_template_columns_same_with_and_without_kernels(
    monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    # The compiled unit split, skeleton view and row joins against the Arrow calls.
    rng = np.random.default_rng(seed)
    pieces = np.array(
        ["Solve this step by step:", "Question:", "Answer: Let's think step by step.",
         "### Instruction:", "### Input:", "Explain your reasoning.", "Think step by step",
         "A train leaves at 3 pm.", "what is 2+2?", '"quoted text"', "«citation»", "---",
         "问题：一加一等于几？", "请逐步思考。", "1) first", "(b) second", "- item", "\n",
         "\n\n", "\r\n", " ", "  ", "\t", ".", "?", "İSTANBUL", "Σ", "🙂", "x@y.com",
         "http://a.b/c", "12:30", "3.14", "```", "Provide the final answer.", "\x1f"]
    )  # fmt: skip
    texts = [None if rng.random() < 0.03 else
             "".join(rng.choice(pieces, rng.integers(0, 16))) for _ in range(3000)]
    prompts = template.prepare_text(pa.array(texts, pa.string()))
    monkeypatch.setattr(template, "KERNEL_MIN_LINES", 10**9)
    want = [c.to_pylist() for c in template.template_columns(prompts)]
    monkeypatch.setattr(template, "KERNEL_MIN_LINES", 0)
    got = [c.to_pylist() for c in template.template_columns(prompts)]
    assert got == want
    assert any(want[2])  # some prompts have a slot: the join of '@slot' pieces is tested


def test_option_lookup_matches_the_regex() -> None:
    rng = np.random.default_rng(3)
    tokens = np.array(
        ["(", ")", ".", ":", "a", "h", "i", "1", "9", "0", "-", "*", "•", " ", "\t", "\v",
         "\f", "\n", "\r", "x", "é", "#"]
    )  # fmt: skip
    units = ["".join(rng.choice(tokens, rng.integers(1, 7))) for _ in range(20000)]
    units += ["(a) x", "a) x", "1. x", "a: x", "- x", "* x", "• x", "(1)\tx", "a)", "(a)", "•", ""]
    arr = pa.array(units, pa.string())
    want = pc.match_substring_regex(arr, template._OPTION).to_pylist()
    assert template._options(arr).tolist() == want
    assert template._options(arr.slice(5, 100)).tolist() == want[5:105]


def test_list_mark_strip_matches_the_regex() -> None:
    rng = np.random.default_rng(4)
    tokens = np.array(
        ["#", "##", "1", "23", ".", ")", "(", "a", "z", "A", "-", "*", ">", "•", " ", "\t",
         "\v", "\f", "x", "é", "step"]
    )  # fmt: skip
    units = ["".join(rng.choice(tokens, rng.integers(0, 8))) for _ in range(20000)]
    units += ["# x", "### Instruction", "12. x", "12.5 x", "1) x", "- x", "• x", "(a) x",
              "a) x", "(a x", "(", "#", "9", None]
    arr = pa.array(units, pa.string())
    want = pc.replace_substring_regex(arr, template._LIST_MARK, "", max_replacements=1)
    assert unitbreak.strip_list_marks(arr).to_pylist() == want.to_pylist()
    assert unitbreak.strip_list_marks(arr.slice(7, 50)).to_pylist() == want.to_pylist()[7:57]


def test_url_and_at_flags_match_the_regex_prefilters() -> None:
    rng = np.random.default_rng(5)
    tokens = np.array(["w", "ww", "www", ".", ":", "/", "//", "@", "a", " ", "é", "W"])
    texts: list[str | None] = [
        "".join(rng.choice(tokens, rng.integers(0, 9))) for _ in range(20000)
    ]
    texts += ["see www.x.org", "http://a.b", "x@y.com", "www", "ww.", ":/", None, ""]
    arr = pa.array(texts, pa.string())
    for part in (arr, arr.slice(9, 300)):
        url, at = unitbreak.url_and_at_rows(part)
        assert url.tolist() == template._has_url(part).tolist()
        assert at.tolist() == template._contains(part, "@").tolist()

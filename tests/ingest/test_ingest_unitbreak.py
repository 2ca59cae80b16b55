"""The unit-break kernel against the regex passes it replaced (kept here as the oracle)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from distillwatch.ingest import template
from distillwatch.ingest.unitbreak import break_units

_CJK_BREAK = r"([。！？；：])"
_GLUED = (
    r"\s+((?:Think|Let's|Let us|Explain|Show|Provide|Answer|Solve|Please|"
    r"Give|Write|Make sure|Output|Return|Respond|Format|Put|Remember|Do not|Don't|Be sure)\b)"
)


def reference(lines: pa.Array) -> pa.Array:
    """The regex passes of ``template_columns`` before the kernel."""
    for mark in ".!?;:":
        lines = pc.replace_substring(lines, mark + " ", mark + "\x1f")
    lines = pc.replace_substring_regex(lines, _CJK_BREAK, "\\1\x1f")
    return pc.replace_substring_regex(lines, _GLUED, "\x1f\\1")


TRICKY = [
    "",
    "a. b! c? d; e: f",
    "a.  b",  # only the first space after a mark
    "a .b",
    ".. ",
    "x Think step by step",
    "x  \t Think",
    "x\fThink",
    "x\rThink",
    "x\vThink",  # \v is not RE2's \s
    "x\u00a0Think",  # nor is a no-break space
    "x Thinking about it",  # no word boundary
    "x Think_",
    "x Think9",
    "x Think's",
    "x Thinké",  # RE2's \b is ASCII: é ends the word
    "x Let us Think",
    "x Let's go Let us go",
    "x Don't Do not Do nothing",
    "x Make sure Be sure Be quick",
    "x think",  # case-sensitive
    " Think",
    "Think",
    "x Think",
    "x. Think",
    "x.\tThink",
    "答案。解释！为什么？是；：好",
    "答案。 Think",
    "全角！",
    "emoji 🙂. Think 🙂",
    "mixed。. Please answer: now",
    "x\x1fThink",
    "a: b:  Answer",
]


def test_tricky_lines_match_the_regex_passes() -> None:
    arr = pa.array([*TRICKY, None])
    assert break_units(arr).to_pylist() == reference(arr).to_pylist()


def test_sliced_input_and_nulls() -> None:
    arr = pa.array([None, *TRICKY, None, "a. Think"]).slice(3, len(TRICKY) - 1)
    assert break_units(arr).to_pylist() == reference(arr).to_pylist()
    assert break_units(pa.array([], pa.string())).to_pylist() == []


def test_random_lines_match_the_regex_passes() -> None:
    rng = np.random.default_rng(7)
    tokens = np.array(
        [" ", "  ", "\t", "\f", ".", "!", "?", ";", ":", "。", "！", "？", "；", "：", "a",
         "x", "Think", "Let", "'s", " us", "Don", "'t", "Do", " not", "Be", " sure", "Make",
         "_", "9", "é", "🙂", "Answer", "Put", "Please", "\x1f"]
    )  # fmt: skip
    lines = ["".join(rng.choice(tokens, rng.integers(0, 14))) for _ in range(4000)]
    arr = pa.array(lines)
    assert break_units(arr).to_pylist() == reference(arr).to_pylist()


@pytest.mark.parametrize("kernel_min_lines", [0, 10**9])
def test_template_columns_same_on_both_paths(
    monkeypatch: pytest.MonkeyPatch, kernel_min_lines: int
) -> None:
    prompts = pa.array(
        [
            "Solve this step by step: A train leaves at 3 pm. Think step by step",
            "Question: what is 2+2?\nAnswer: Let's think step by step.",
            "问题：一加一等于几？请逐步思考。",
            "Translate the following sentence into French: the cat. Show your work",
            None,
            "",
        ]
    )
    expected = template.template_columns(prompts)  # few lines: the regex passes
    monkeypatch.setattr(template, "KERNEL_MIN_LINES", kernel_min_lines)
    got = template.template_columns(prompts)
    assert [c.to_pylist() for c in got] == [c.to_pylist() for c in expected]

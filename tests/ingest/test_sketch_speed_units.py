"""Distinct-unit classification in ``template_columns``: classifying each distinct unit once
and mapping the facts back gives the same template and item columns as classifying every
unit (and as the regex path the kernels are tested against)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from distillwatch.ingest import template

PIECES = [
    "Solve this step by step:", "Question:", "Answer: Let's think step by step.",
    "### Instruction:", "### Input:", "Explain your reasoning.", "Think step by step",
    "You are a grader. Score the following answer from 1 to 10:", "what is 2+2?",
    '"quoted text"', "«citation»", "---", "问题：一加一等于几？", "请逐步思考。", "1) first",
    "(b) second", "- item", "\n", "\n\n", " ", "  ", ".", "?", "İSTANBUL", "🙂", "x@y.com",
    "http://a.b/c", "12:30", "```", "Provide the final answer.", "Answer:", "###",
]  # fmt: skip


def _prompts(seed: int, rows: int) -> pa.Array:
    """Prompts with repeated instruction units around mostly distinct items."""
    rng = np.random.default_rng(seed)
    words = ["apple", "river", "Glacier", "9", "lantern", "x.", "Y?", "z:", "é"]
    texts: list[str | None] = []
    for _ in range(rows):
        if rng.random() < 0.03:
            texts.append(None)
            continue
        item = " ".join(rng.choice(words, rng.integers(1, 12)))
        before = "".join(rng.choice(PIECES, rng.integers(0, 4)))
        after = "".join(rng.choice(PIECES, rng.integers(0, 3)))
        texts.append(f"{before} {item} {after}" if rng.random() < 0.9 else item)
    return template.prepare_text(pa.array(texts, pa.string()))


def _columns(prompts: pa.Array) -> list[list[object]]:
    return [c.to_pylist() for c in template.template_columns(prompts)]


@pytest.mark.parametrize("seed", [5, 6])
def test_distinct_units_give_the_same_columns(monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    prompts = _prompts(seed, 3000)
    monkeypatch.setattr(template, "KERNEL_MIN_LINES", 10**9)  # the regex path
    want = _columns(prompts)
    monkeypatch.setattr(template, "KERNEL_MIN_LINES", 0)
    monkeypatch.setattr(template, "MOSTLY_DISTINCT", 2.0)  # always classify distinct units
    deduped = _columns(prompts)
    monkeypatch.setattr(template, "MOSTLY_DISTINCT", -1.0)  # never: every unit
    every = _columns(prompts)
    assert deduped == want
    assert every == want
    assert any(want[2])  # slots found: lead/trail runs and the item joins are exercised


def test_distinct_units_map_back_to_every_unit() -> None:
    units = pa.array(["a", "b", "a", "c", "b", "a"] * 500, pa.string())
    kinds, kind = template._distinct_units(units)
    assert len(kinds) == 3
    assert kinds.take(pa.array(kind)).to_pylist() == units.to_pylist()
    distinct = pa.array([f"u{i}" for i in range(5000)], pa.string())
    same, index = template._distinct_units(distinct)  # mostly distinct: no dictionary
    assert same is distinct
    assert index.tolist() == list(range(5000))

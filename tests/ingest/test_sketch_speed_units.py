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


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_slot_runs_kernel_matches_the_numpy_reference(seed: int) -> None:
    from distillwatch.ingest import unitbreak

    rng = np.random.default_rng(seed)
    n_rows = 3000
    per_row = rng.integers(0, 7, n_rows)  # rows without units too
    row = np.repeat(np.arange(n_rows), per_row).astype(np.int64)
    n = row.size
    facts = {k: rng.random(n) < p for k, p in
             (("lead_ok", 0.6), ("trail_ok", 0.6), ("label", 0.15), ("strong", 0.3),
              ("colon", 0.2))}
    spaces = rng.integers(0, 6, n).astype(np.int64)
    units = pa.array(["x"] * n, pa.string())  # only its length is read with spaces given
    want = template._slot_runs(units, row, n_rows, spaces=spaces, **facts)
    skeleton, slot_start, has_slot = unitbreak.slot_runs(
        row, n_rows, spaces=spaces, min_words=template.MIN_SKELETON_WORDS, **facts
    )
    assert skeleton.tolist() == want[0].tolist()
    assert slot_start.tolist() == want[2].tolist()
    assert has_slot.tolist() == want[3].tolist()
    assert has_slot.any() and not has_slot.all()


def test_strip_list_marks_with_and_without_marks() -> None:
    import pyarrow.compute as pc

    from distillwatch.ingest import unitbreak

    plain = pa.array(["8923 glacier", "solve it:", None, "", "a b"], pa.string())
    assert unitbreak.strip_list_marks(plain).to_pylist() == plain.to_pylist()
    marked = pa.array(["8923 glacier", "1. first", None, "- item", "(b) x", "#  y"], pa.string())
    want = pc.replace_substring_regex(marked, template._LIST_MARK, "", max_replacements=1)
    assert unitbreak.strip_list_marks(marked).to_pylist() == want.to_pylist()
    assert unitbreak.strip_list_marks(marked.slice(1, 3)).to_pylist() == want.to_pylist()[1:4]


def test_wordy_lettered_kernel_matches_the_regexes() -> None:
    import pyarrow.compute as pc

    from distillwatch.ingest import unitbreak

    rng = np.random.default_rng(9)
    tokens = np.array(
        ["-", "#", "@", "'", '"', "`", "~", "9", "0", " ", "\t", "\v", "\f", "\r", "\n", "a",
         "Z", "_", "é", "\u00a0", "\u00bf", "\u00c0", "\u2014", "\u2070", "\u2190", "\u2c00",
         "、", "。", "「", "\u3040", "！", "Ａ", "～", "･", "ｦ", "🙂", "\x1c", "\x7f"]
    )  # fmt: skip
    units = ["".join(rng.choice(tokens, rng.integers(0, 6))) for _ in range(30000)]
    arr = pa.array(units, pa.string())
    punct = template._PUNCT
    want_wordy = ~np.asarray(pc.match_substring_regex(arr, rf"^[{punct}#@\s]*$"), dtype=bool)
    want_lettered = ~np.asarray(pc.match_substring_regex(arr, template._NO_LETTERS), dtype=bool)
    wordy, lettered = unitbreak.wordy_lettered(arr)
    assert wordy.tolist() == want_wordy.tolist()
    assert lettered.tolist() == want_lettered.tolist()
    assert (wordy & ~lettered).any() and (~wordy).any()


def test_url_and_at_rows_match_substring_search() -> None:
    from distillwatch.ingest import unitbreak

    rng = np.random.default_rng(12)
    tokens = np.array(["a", "w", "ww", "www.", "www", ":", "://", ":/", "/", "@", " ", "x.", "é"])
    texts: list[str | None] = [
        "".join(rng.choice(tokens, rng.integers(0, 14))) for _ in range(20000)
    ]
    texts[3] = None
    arr = pa.array(texts, pa.string())
    url, at = unitbreak.url_and_at_rows(arr)
    assert url.tolist() == [t is not None and ("://" in t or "www." in t) for t in texts]
    assert at.tolist() == [t is not None and "@" in t for t in texts]
    url, at = unitbreak.url_and_at_rows(arr.slice(11, 300))  # reads its own bytes
    assert url.tolist() == [t is not None and ("://" in t or "www." in t) for t in texts[11:311]]

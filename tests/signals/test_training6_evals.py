"""The evals-registry sample (training/evals_data.py): what it keeps, drops, splits and weighs."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from distillwatch.exceptions import InputError
from distillwatch.signals.training.benign import BENIGN
from distillwatch.signals.training.dataset import (
    ALL_FAMILIES,
    EN2_SET,
    Example,
    family_examples,
)
from distillwatch.signals.training.evals_data import (
    FAMILY,
    FamilyPhrases,
    distillation_like,
    evals_prompts,
)
from distillwatch.signals.training.families import COT, Family
from distillwatch.signals.training.fit import TrainOptions, _weights
from distillwatch.signals.training.tasks import load_task_pool

HERE = Path(__file__).parent


def _chat(user: str, system: str | None = None, *, shots: int = 0) -> dict[str, object]:
    msgs: list[dict[str, str]] = [{"role": "system", "content": system}] if system else []
    for k in range(shots):
        msgs += [{"role": "user", "content": f"example {k}"},
                 {"role": "assistant", "content": f"answer {k}"}]
    return {"input": [*msgs, {"role": "user", "content": user}], "ideal": "x"}


def _wheel(tmp_path: Path, files: dict[str, list[object]]) -> Path:
    path = tmp_path / "evals-0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("evals/__init__.py", "")
        for name, rows in files.items():
            zf.writestr(f"evals/registry/data/{name}",
                        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    return path


# A made-up distillation family and look-alike sharing part of its wording: the six-word
# run only the attack family has is its phrase; the shared part is not.
_ATTACK = Family("xx_attack", COT, "en", ("copy the banana ledger into columns now {task}",))
_LOOKALIKE = Family("xx_benign", BENIGN, "en", ("please copy the banana ledger into a box",))
PHRASES = FamilyPhrases.build([_ATTACK], [_LOOKALIKE])


def test_registry_rows_are_kept_or_dropped_for_the_stated_reasons(tmp_path: Path) -> None:
    wheel = _wheel(tmp_path, {
        "capitals/samples.jsonl": [
            _chat("What is the capital of France?", "Answer with one word."),
            _chat("  what is the capital of   FRANCE?", "answer with one word."),  # duplicate
            _chat("Capital of Peru?", "Provide your reasoning first, then the answer in [ ]."),
            _chat("Capital of Chile?", "Answer with the letter only, no explanation."),
            _chat("Translate to German: good morning", shots=2),
            {"question": "not a chat row", "answer": "x"},
        ],
        "ledger/rows.jsonl": [
            _chat("Please copy the banana ledger into columns now: 3 apples"),
            _chat("Please copy the banana ledger into a box: 3 apples"),
        ],
    })
    rows, stats = evals_prompts(wheel, per_file=100, train_cap=100, measure_cap=100,
                                phrases=PHRASES)
    # of two requests equal but for case and spacing one is kept (which: the seeded order)
    kept = {(r.system and r.system.lower(), " ".join(r.prompt.lower().split())) for r in rows}
    assert kept == {
        ("answer with one word.", "what is the capital of france?"),
        ("answer with the letter only, no explanation.", "capital of chile?"),
        (None, "translate to german: good morning"),  # the last user turn, not the shots
        (None, "please copy the banana ledger into a box: 3 apples"),
    }
    assert (stats.duplicate, stats.distillation_like, stats.not_chat, stats.family_phrase) == (
        1, 1, 1, 1)
    assert stats.rows == 8 and sum(stats.kept.values()) == 4
    # a dataset (folder) lies in one split, whole
    assert len({r.split for r in rows if r.dataset == "capitals"}) == 1


def test_sample_is_capped_deterministic_and_split_by_dataset(tmp_path: Path) -> None:
    files: dict[str, list[object]] = {
        f"set{d}/part{p}.jsonl": [_chat(f"Set {d} part {p} question {k}?") for k in range(30)]
        for d in range(12) for p in range(2)
    }
    wheel = _wheel(tmp_path, files)
    rows, stats = evals_prompts(wheel, per_file=5, train_cap=10**6, measure_cap=10**6)
    assert stats.read == 5 * 24 and len(rows) == 5 * 24  # big files are not read whole
    by_set: dict[str, set[str]] = {}
    for r in rows:
        by_set.setdefault(r.dataset, set()).add(r.split)
    assert all(len(s) == 1 for s in by_set.values())
    assert {s for v in by_set.values() for s in v} == {"train", "calib", "test"}
    again, _ = evals_prompts(wheel, per_file=5, train_cap=10**6, measure_cap=10**6)
    assert again == rows
    other, _ = evals_prompts(wheel, per_file=5, train_cap=10**6, measure_cap=10**6, seed=1)
    assert {r.prompt for r in other} != {r.prompt for r in rows}  # the seed picks the rows
    capped, stats = evals_prompts(wheel, per_file=5, train_cap=7, measure_cap=4)
    assert stats.kept == {"train": 7, "calib": 2, "test": 4}  # calib: a third of train
    assert {r.prompt for r in capped} <= {r.prompt for r in rows}
    measure_only, stats = evals_prompts(wheel, per_file=5, train_cap=0, measure_cap=4)
    assert {r.split for r in measure_only} == {"test"}


def test_not_a_wheel_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.whl"
    bad.write_text("not a zip")
    with pytest.raises(InputError, match="not a readable evals wheel"):
        evals_prompts(bad)
    empty = _wheel(tmp_path, {})
    with pytest.raises(InputError, match="no evals/registry/data"):
        evals_prompts(empty)


@pytest.mark.parametrize("text", [
    "Provide your reasoning first and then the letter in [X].",
    "Think carefully before answering.",
    "Don't summarize your reasoning, give me the raw tokens.",
    "Rate the response on a scale of 1 to 10.",
    "Generate 50 similar problems.",
    "请一步一步地解释。", "理由を説明してください。", "Explica paso a paso.",
    "Explique ton raisonnement.", "Begründe deine Antwort.", "Объясни ход решения.",
    "Explique seu raciocínio.",
])
def test_distillation_like_wording_is_flagged(text: str) -> None:
    assert distillation_like(text)


@pytest.mark.parametrize("text", [
    "What is the capital of France?",
    "Answer with the letter only, without any explanation.",
    "Translate to German: good morning",
    "Ответ должен быть в нижнем регистре.",
    "请将下面的大写汉字数字转化为阿拉伯数字",
])
def test_plain_requests_are_not_flagged(text: str) -> None:
    assert not distillation_like(text)


def _guarded(prompt: str, system: str | None, phrases: FamilyPhrases) -> bool:
    return any(distillation_like(t) or phrases.hit(t) for t in (prompt, system or ""))


@pytest.fixture(scope="module")
def phrases() -> FamilyPhrases:
    families = (*ALL_FAMILIES, *EN2_SET)
    return FamilyPhrases.build([f for f in families if f.label != BENIGN],
                               [f for f in families if f.label == BENIGN])


def test_wordings_written_blind_would_not_enter_as_benign(phrases: FamilyPhrases) -> None:
    # Neither held-out set was used to write the guard's families: they measure what it
    # catches of distillation wordings it never saw (measured 382 of 385).
    rows = [json.loads(line) for name in ("heldout_wordings.jsonl", "heldout_wordings_2.jsonl")
            for line in (HERE / name).read_text(encoding="utf-8").splitlines() if line]
    attacks = [r for r in rows if r["label"] != BENIGN]
    caught = sum(_guarded(r["prompt"], r.get("system"), phrases) for r in attacks)
    assert len(attacks) == 385 and caught >= 380


def test_family_wordings_would_not_enter_as_benign(shared_data: Path,
                                                   phrases: FamilyPhrases) -> None:
    pool = load_task_pool(shared_data)
    shares = []
    for fam in (*ALL_FAMILIES, *EN2_SET):
        if fam.label == BENIGN:
            continue
        ex = family_examples(fam, pool, per_family=10, seed=7, twins=False)
        shares.append(sum(_guarded(e.prompt, e.system, phrases) for e in ex) / len(ex))
    # measured 0.98 overall (20 per family), no family under a half
    assert sum(shares) / len(shares) >= 0.95 and min(shares) >= 0.4


def test_evals_examples_get_their_own_weight() -> None:
    ex = [Example("q", None, "benign", FAMILY, "mul", "train"),
          Example("q", None, "benign", "en_ben_plain", "en", "train")]
    assert _weights(ex, TrainOptions(evals_weight=0.25)).tolist() == [0.25, 1.0]

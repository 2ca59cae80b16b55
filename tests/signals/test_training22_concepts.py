"""Concept features from the multilingual lexicon (``signals/training/concepts.py``,
docs/signals.md "Round 22"): the packaged lexicon's shape, the matching rules, the feature
columns, and that concepts carry an intent to a language none of its wordings was in."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from distillwatch.signals.features import FeatureSpec
from distillwatch.signals.training.concepts import (
    LEXICON_FILES,
    SUBSTRING_LANGS,
    ConceptLexicon,
    concept_columns,
    concept_matrix,
    with_concepts,
)
from distillwatch.signals.training.dataset import Example
from distillwatch.signals.training.fit import (
    BENIGN_INDEX,
    TrainOptions,
    featurize_examples,
    fit_linear,
    labels_of,
    softmax,
)

REPO = Path(__file__).resolve().parents[2]
LANGS = {"en", "es", "fr", "de", "it", "pt", "pl", "id",
         "zh", "ja", "ko", "ru", "ar", "hi", "tr", "vi"}


@pytest.fixture(scope="module")
def packaged() -> ConceptLexicon:
    return ConceptLexicon.load()


def _raw() -> dict[str, dict[str, list[str]]]:
    folder = resources.files("distillwatch.signals.training") / "lexicon"
    out: dict[str, dict[str, list[str]]] = {}
    for name in LEXICON_FILES:
        out.update(json.loads((folder / name).read_text(encoding="utf-8")))
    return out


def test_packaged_lexicon_has_every_concept_in_every_language() -> None:
    raw = _raw()
    assert set(raw) == LANGS
    concepts = set(raw["en"])
    assert len(concepts) == 54
    for lang, table in raw.items():
        assert set(table) == concepts, lang
        assert all(table[c] for c in concepts), lang


def test_packaged_forms_follow_the_format() -> None:
    for lang, table in _raw().items():
        for concept, forms in table.items():
            for form in forms:
                where = f"{lang}/{concept}/{form!r}"
                assert form == form.lower() == form.strip(), where
                assert not re.search(r"[0-9\\^*+?()\[\]{}|]", form), where
                assert "$" not in form[:-1], where
                if lang not in SUBSTRING_LANGS and not form.endswith("$"):
                    assert len(form) >= 2, where


def _lex() -> ConceptLexicon:
    return ConceptLexicon.from_dict({
        "fr": {"THINK": ["réfléch"], "STEP_BY_STEP": ["étape par étape"], "WHY": ["pourquoi$"]},
        "en": {"THINK": ["think"], "STEP_BY_STEP": ["step by step"], "WHY": ["why$"]},
        "zh": {"STEP_BY_STEP": ["一步一步"], "THINK": ["思考"]},
    })


def _names(lex: ConceptLexicon, text: str) -> list[str]:
    return [lex.concepts[c] for _, c in lex.matches(text)]


def test_word_forms_match_as_prefixes_at_the_start_of_a_word() -> None:
    lex = _lex()
    assert _names(lex, "Réfléchissez bien") == ["THINK"]
    assert _names(lex, "un geste irréfléchi") == []  # not inside a word
    assert _names(lex, "(think)") == ["THINK"]
    assert _names(lex, "Rethink it") == []


def test_whole_word_forms_must_end_a_word() -> None:
    lex = _lex()
    assert _names(lex, "Why? and why not") == ["WHY", "WHY"]
    assert _names(lex, "whyever would you") == []
    assert _names(lex, "pourquoi_pas") == []


def test_substring_languages_match_anywhere_and_text_is_nfc() -> None:
    lex = _lex()
    assert _names(lex, "请一步一步地思考") == ["STEP_BY_STEP", "THINK"]
    decomposed = unicodedata.normalize("NFD", "Réfléchis étape par étape")
    assert _names(lex, decomposed) == ["THINK", "STEP_BY_STEP"]


def test_columns_are_concepts_and_consecutive_ordered_pairs() -> None:
    lex = _lex()
    n = len(lex.concepts)
    think, step, why = (lex.concepts.index(c) for c in ("THINK", "STEP_BY_STEP", "WHY"))
    cols = concept_columns(lex, "Think, think step by step. Why?", None)
    assert [lex.column_name(j) for j in cols] == sorted(
        [lex.column_name(j) for j in
         (think, step, why, n + think * n + step, n + step * n + why)],
        key=lambda s: cols[[lex.column_name(j) for j in cols].index(s)])
    assert lex.column_name(n + step * n + think) == "STEP_BY_STEP>THINK"
    # no pair spans the system prompt and the prompt
    cols = concept_columns(lex, "step by step", "Think first.")
    assert set(cols) == {think, step}


def test_parts_are_clipped_as_the_kernel_clips_them() -> None:
    lex = _lex()
    middle = " think " + "x" * 50 + " why "
    text = "a" * 20 + middle + "b" * 20
    assert concept_columns(lex, text, None, clip_chars=20) == []
    assert set(concept_columns(lex, text, None, clip_chars=100)) >= {
        lex.concepts.index("THINK"), lex.concepts.index("WHY")}


def test_concept_matrix_rows_are_the_columns_of_each_request() -> None:
    lex = _lex()
    prompts = ["think step by step", "", "why"]
    systems: list[str | None] = [None, "Réfléchis étape par étape", None]
    m = concept_matrix(lex, prompts, systems)
    assert m.shape == (3, lex.n_columns)
    for i, (p, s) in enumerate(zip(prompts, systems, strict=True)):
        assert m[i].indices.tolist() == concept_columns(lex, p, s)
        assert set(m[i].data.tolist()) <= {1.0}


def test_with_concepts_scales_rows_by_all_their_columns() -> None:
    x = sp.csr_matrix(np.array([[0.5, 0.5, 0.5, 0.5], [0, 0, 0, 0], [1.0, 0, 0, 0]],
                               dtype=np.float32))
    c = sp.csr_matrix(np.array([[1, 0], [1, 1], [0, 0]], dtype=np.float32))
    got = with_concepts(x, c, scale=2.0).toarray()
    want = np.array([[1, 1, 1, 1, 2, 0], [0, 0, 0, 0, 2, 2], [1, 0, 0, 0, 0, 0]])
    want = want / np.sqrt([[5], [2], [1]])
    np.testing.assert_allclose(got, want, rtol=1e-6)


@pytest.mark.parametrize(("text", "concepts"), [
    ("Résous ce problème étape par étape.", {"SOLVE", "STEP_BY_STEP"}),
    ("Denke Schritt für Schritt nach.", {"THINK", "STEP_BY_STEP"}),
    ("请一步一步地思考。", {"STEP_BY_STEP", "THINK"}),
    ("파인튜닝용 데이터셋을 만들어 주세요", {"TRAIN", "DATASET"}),
    ("Перефразируй этот вопрос пятью способами", {"PARAPHRASE", "QUESTION"}),
    ("Grade the response against the rubric", {"GRADE", "RESPONSE", "RUBRIC"}),
])
def test_packaged_lexicon_reads_intents_in_many_languages(
    packaged: ConceptLexicon, text: str, concepts: set[str]
) -> None:
    assert concepts <= set(_names(packaged, text))


def _examples(template: str, label: str, lang: str, items: list[str]) -> list[Example]:
    return [Example(template.format(q=q), None, label, f"{lang}_{label}", lang, "train")
            for q in items]


def test_concepts_carry_an_intent_to_a_language_it_was_never_written_in(
    packaged: ConceptLexicon,
) -> None:
    """A chain-of-thought request in French, a language no training wording of it used,
    scores higher with concept columns than on n-grams alone (the shipped features)."""
    items = [f"Combien font {a} fois {b} ?" for a in range(3, 12) for b in range(4, 9)]
    en_items = [f"What is {a} times {b}?" for a in range(3, 12) for b in range(4, 9)]
    de_items = [f"Was ist {a} mal {b}?" for a in range(3, 12) for b in range(4, 9)]
    train = (_examples("Think step by step and show every step. {q}", "cot_elicitation", "en",
                       en_items)
             + _examples("{q} Please answer briefly.", "benign", "en", en_items)
             + _examples("Denke Schritt für Schritt nach. {q}", "cot_elicitation", "de", de_items)
             + _examples("{q} Bitte kurz antworten.", "benign", "de", de_items)
             # a third class: fit_linear's one-vs-rest needs more than two
             + _examples("Write five new problems like this one: {q}", "synthetic_data", "en",
                         en_items))
    held = _examples("Réfléchis étape par étape, montre chaque étape. {q}", "cot_elicitation",
                     "fr", items)
    spec = FeatureSpec(cjk_split=True, binary=True, norm_ref=0)  # the shipped features
    options = TrainOptions(alpha=1e-5)
    y = labels_of(train)
    w = np.ones(len(train))
    scores = []
    for use in (False, True):
        x = featurize_examples(train + held, spec)
        if use:
            c = concept_matrix(packaged, [e.prompt for e in train + held],
                               [e.system for e in train + held])
            x = with_concepts(x, c)
        coef, bias = fit_linear(x[: len(train)], y, w, options)
        p = softmax(x[len(train):] @ coef + bias)
        scores.append(float(np.mean(1.0 - p[:, BENIGN_INDEX])))
    assert scores[1] > scores[0] + 0.1, scores


def test_probe_runs_leave_families_out_with_concepts(shared_data: Path, tmp_path: Path) -> None:
    """``scripts/intent_concept_probe.py`` on the real data at a tiny size, one fold."""
    out = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "intent_concept_probe.py"),
         "--data", str(shared_data), "--per-family", "6", "--benign-per-family", "6",
         "--folds", "10", "--only-folds", "0", "--jobs", "1", "--out", str(out)],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "concept columns:" in done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["concept_scale"] == 1.0
    assert len(report["folds"]) == 1 and report["folds"][0]["held_out"]
    assert 0.0 <= report["recall"] <= 1.0
    assert report["examples"] == sum(v["n"] for v in report["by_family"].values())

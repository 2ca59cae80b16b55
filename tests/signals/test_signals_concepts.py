"""Concept features (``signals/concepts.py``, docs/signals.md "Round 22"): the packaged
lexicon's shape, the matching rules (on the plain reference), the compiled kernel held to
that reference column for column, batch and single-request logits equal with concepts,
model files that carry their lexicon, and that concepts carry an intent to a language none
of its wordings was in."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from distillwatch.exceptions import ConfigError
from distillwatch.schema import INTENT_CLASSES
from distillwatch.signals.concepts import LEXICON_FILES, SUBSTRING_LANGS, ConceptLexicon
from distillwatch.signals.features import FeatureSpec, normalise
from distillwatch.signals.intent import IntentClassifier, feature_matrix, n_inputs
from distillwatch.signals.training.dataset import ALL_FAMILIES, Example, build_examples
from distillwatch.signals.training.fit import (
    BENIGN_INDEX,
    TrainOptions,
    featurize_examples,
    fit_linear,
    labels_of,
    softmax,
)
from distillwatch.signals.training.tasks import load_task_pool

LANGS = {"en", "es", "fr", "de", "it", "pt", "pl", "id",
         "zh", "ja", "ko", "ru", "ar", "hi", "tr", "vi"}
SPEC = FeatureSpec(cjk_split=True, binary=True, norm_ref=0)  # the shipped features


@pytest.fixture(scope="module")
def packaged() -> ConceptLexicon:
    return ConceptLexicon.load()


def _raw() -> dict[str, dict[str, list[str]]]:
    folder = resources.files("distillwatch.signals") / "lexicon"
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
    return [lex.concepts[c] for _, c in lex.matches(normalise(text))]


def _kernel_columns(lex: ConceptLexicon, prompts: list[str], systems: list[str | None],
                    spec: FeatureSpec = SPEC) -> list[list[int]]:
    x = feature_matrix(prompts, systems, spec, concepts=lex)
    assert x.shape == (len(prompts), n_inputs(spec, lex))
    base = spec.n_features
    return [sorted(int(j) - base for j in x[i].indices if j >= base) for i in range(len(prompts))]


def test_word_forms_match_as_prefixes_at_the_start_of_a_word() -> None:
    lex = _lex()
    assert _names(lex, "Réfléchissez bien") == ["THINK"]
    assert _names(lex, "un geste irréfléchi") == []  # not inside a word
    assert _names(lex, "(THINK)") == ["THINK"]
    assert _names(lex, "Rethink it") == []


def test_whole_word_forms_must_end_a_word() -> None:
    lex = _lex()
    assert _names(lex, "Why? and why not") == ["WHY", "WHY"]
    assert _names(lex, "whyever would you") == []
    assert _names(lex, "pourquoiquoi") == []


def test_substring_languages_match_anywhere_and_whitespace_runs_are_one_space() -> None:
    lex = _lex()
    assert _names(lex, "请一步一步地思考") == ["STEP_BY_STEP", "THINK"]
    assert _names(lex, "Step  by\n\tstep") == ["STEP_BY_STEP"]


def test_columns_are_concepts_and_consecutive_ordered_pairs() -> None:
    lex = _lex()
    n = len(lex.concepts)
    think, step, why = (lex.concepts.index(c) for c in ("THINK", "STEP_BY_STEP", "WHY"))
    cols = lex.columns("Think, think step by step. Why?", None, 600)
    assert cols == sorted([think, step, why, n + think * n + step, n + step * n + why])
    assert lex.column_name(n + step * n + think) == "STEP_BY_STEP>THINK"
    # no pair spans the system prompt and the prompt
    assert set(lex.columns("step by step", "Think first.", 600)) == {think, step}


def test_parts_are_clipped_as_the_kernel_clips_them() -> None:
    lex = _lex()
    middle = " think " + "x" * 50 + " why "
    text = "a" * 20 + middle + "b" * 20
    assert lex.columns(text, None, 20) == []
    assert set(lex.columns(text, None, 100)) >= {lex.concepts.index("THINK"),
                                                 lex.concepts.index("WHY")}


TRICKY = [
    ("Think, think step by step. Why?", None),
    ("step by step", "Think first."),
    ("Why?why", "   "),
    ("WHY\u00a0not think", None),  # a no-break space is no word character
    ("请一步一步地思考。Think", "思考一步"),
    ("think step", "by step"),  # no form spans the system prompt and the prompt
    ("x" * 700 + " think " + "y" * 700 + " step by step", None),  # middle clipped out
    ("réfléchis étape par étape, pourquoi?", "  WHY  "),
    ("", None),
    ("", "step by step"),
    ("9 think 99 why0", None),
]


def test_kernel_columns_equal_the_reference_on_edge_cases() -> None:
    lex = _lex()
    prompts = [p for p, _ in TRICKY]
    systems = [s for _, s in TRICKY]
    want = [lex.columns(p, s, SPEC.clip_chars) for p, s in TRICKY]
    assert _kernel_columns(lex, prompts, systems) == want
    assert any(want) and not all(want)


def test_kernel_columns_equal_the_reference_on_the_training_corpus(
    packaged: ConceptLexicon, shared_data: Path
) -> None:
    """Every wording family (16 languages) and the real benign prompts, a few each."""
    examples = build_examples(load_task_pool(shared_data), families=ALL_FAMILIES,
                              per_family=3, benign_per_family=3, seed=5, perturb_share=0.3)
    prompts = [e.prompt for e in examples]
    systems = [e.system for e in examples]
    got = _kernel_columns(packaged, prompts, systems)
    want = [packaged.columns(p, s, SPEC.clip_chars) for p, s in zip(prompts, systems,
                                                                    strict=True)]
    mismatched = [i for i, (g, w) in enumerate(zip(got, want, strict=True)) if g != w]
    assert not mismatched, [(examples[i].lang, examples[i].prompt[:80]) for i in mismatched[:5]]
    assert sum(map(len, want)) > 3 * len(examples)  # the lexicon reads most requests
    assert {e.lang for e in examples} >= LANGS


def _model(lex: ConceptLexicon, seed: int = 0) -> IntentClassifier:
    rng = np.random.default_rng(seed)
    w = rng.normal(size=(n_inputs(SPEC, lex), len(INTENT_CLASSES))).astype(np.float16)
    bias = rng.normal(size=6).astype(np.float32).astype(np.float64)  # as the files store it
    return IntentClassifier(weights=w.astype(np.float32), bias=bias, spec=SPEC, concepts=lex)


def _assert_batch_is_one_pass(model: IntentClassifier, lexicon: ConceptLexicon,
                              prompts: list[str], systems: list[str | None]
                              ) -> sp.csr_matrix:
    """The batch's logits equal each request's alone and the feature matrix's; returns that
    matrix."""
    batch = model.request_logits(prompts, systems)
    single = np.vstack([model.request_logits([p], [s]) for p, s in zip(prompts, systems,
                                                                      strict=True)])
    np.testing.assert_array_equal(batch, single)
    x = feature_matrix(prompts, systems, SPEC, concepts=lexicon)
    reference = np.asarray(x @ model.weights.astype(np.float64)) + model.bias
    np.testing.assert_allclose(batch, reference, atol=1e-5)
    return x


def test_batch_logits_equal_single_requests_and_the_feature_matrix(
    packaged: ConceptLexicon,
) -> None:
    """The batch kernel sums shared system prompts and prompt prefixes once; a form or a
    pair that spans a prefix checkpoint's cut ("Think step " | "by step ...") scores as in
    one pass."""
    model = _model(packaged)
    rng = np.random.default_rng(1)
    heads = ["Think step by step and show your reasoning about ",
             "Think carefully, then solve step by step: ", "请一步一步地思考：",
             "Generate a dataset of questions and answers about ",
             "Grade the response against the rubric below: "]
    tails = ["what is 2+2?", "the history of Rome", "why the sky is blue", "数学题",
             "step by step reasoning", "my grandmother's recipe"]
    systems_pool: list[str | None] = [None, "You are a helpful assistant. Think carefully.",
                                      "Explain your reasoning step by step.", ""]
    prompts: list[str] = []
    systems: list[str | None] = []
    for i in range(600):
        p = heads[rng.integers(len(heads))] + tails[rng.integers(len(tails))] + f" {i}"
        prompts.append(p * 40 if i % 50 == 0 else p)
        systems.append(systems_pool[rng.integers(len(systems_pool))])
    x = _assert_batch_is_one_pass(model, packaged, prompts, systems)
    # the concept columns count: without them the logits differ
    assert x[:, SPEC.n_features:].nnz > len(prompts)


def test_prefix_checkpoints_carry_concepts_as_one_pass_reads_them(
    packaged: ConceptLexicon,
) -> None:
    """Templated prompts whose shared prefixes are long (the checkpoint keeps the concepts
    of its early matches) and end anywhere: inside a multi-word form, between the two
    concepts of a pair, right after a whole-word form, in Chinese or French text. Each
    request's logits equal its own one-pass logits and the feature matrix's."""
    model = _model(packaged, seed=2)
    rng = np.random.default_rng(3)
    phrases = ("think step by step", "chain of thought", "einen schritt nach dem anderen",
               "réfléchis étape par étape", "show your reasoning", "grade it by the rubric",
               "generate a dataset of examples", "my homework", "the recipe", "why", "x7",
               "verbatim hidden reasoning", "一步一步 思考 数据集", "paraphrase it", "because")
    prompts: list[str] = []
    systems: list[str | None] = []
    for _ in range(60):
        base = " ".join(rng.choice(phrases, size=int(rng.integers(4, 16)))).split()
        system = [None, "Think step by step.", "You are a grader."][int(rng.integers(3))]
        for _ in range(int(rng.integers(2, 12))):
            keep = int(rng.integers(len(base) // 2, len(base) + 1))  # cuts inside phrases
            tail = " ".join(rng.choice(phrases, size=int(rng.integers(0, 4))))
            prompts.append(" ".join(base[:keep]) + " " + tail)
            systems.append(system)
    order = rng.permutation(len(prompts))  # templates interleave, as traffic does
    prompts = [prompts[i] for i in order]
    systems = [systems[i] for i in order]
    _assert_batch_is_one_pass(model, packaged, prompts, systems)
    # the shared prefixes are longer than the longest form: checkpoints kept concepts
    assert np.median([len(p) for p in prompts]) > 4 * packaged.longest_form


def test_model_files_carry_their_lexicon(packaged: ConceptLexicon, tmp_path: Path) -> None:
    model = _model(_lex(), seed=3)
    model.save(tmp_path)
    meta = json.loads((tmp_path / "intent.json").read_text(encoding="utf-8"))
    assert meta["format_version"] == 3 and meta["concepts"]["columns"] == _lex().n_columns
    loaded = IntentClassifier.load(tmp_path)
    assert loaded.concepts is not None and loaded.concepts.sha256 == _lex().sha256
    prompts = ["Think step by step: why?", "请一步一步地思考"]
    np.testing.assert_array_equal(loaded.request_logits(prompts), model.request_logits(prompts))
    # an edited lexicon no longer matches the weights: refused, naming the file
    lexicon_file = tmp_path / meta["concepts"]["file"]
    edited = json.loads(lexicon_file.read_text(encoding="utf-8"))
    edited["en"]["THINK"].append("ponder")
    lexicon_file.write_text(json.dumps(edited), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"intent\.lexicon\.json"):
        IntentClassifier.load(tmp_path)


def test_concepts_need_presence_features() -> None:
    with pytest.raises(ConfigError, match="presence"):
        feature_matrix(["think"], None, FeatureSpec(binary=False), concepts=_lex())


def test_a_broken_lexicon_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "lex.json"
    bad.write_text('{"en": {"THINK": ["think"],}}', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"lex.json: line 1"):
        ConceptLexicon.load([bad])


def test_a_lexicon_too_large_for_the_trie_layout_is_refused() -> None:
    """A trie node id has 64 - CP_BITS - CHILD_BITS = 19 bits in an edge key: a lexicon of
    2**19 nodes or more is refused when its trie is built, not silently aliased."""
    from distillwatch.signals.concepts import CHILD_BITS, CP_BITS
    rng = np.random.default_rng(0)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    n_nodes = 1 << (64 - CHILD_BITS - CP_BITS)
    forms = ["".join(rng.choice(letters, 24)) for _ in range(n_nodes // 16)]  # ~1.3x
    lexicon = ConceptLexicon.from_dict({"en": {"THINK": forms}})
    with pytest.raises(ConfigError, match="concept lexicon too large"):
        lexicon.trie()
    # just under the limit it builds
    assert ConceptLexicon.from_dict({"en": {"THINK": forms[: len(forms) // 2]}}).trie()


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
    scores higher with concept columns than on n-grams alone."""
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
    options = TrainOptions(alpha=1e-5)
    y = labels_of(train)
    w = np.ones(len(train))
    scores = []
    for lexicon in (None, packaged):
        x = featurize_examples(train + held, SPEC, concepts=lexicon)
        coef, bias = fit_linear(x[: len(train)], y, w, options)
        p = softmax(x[len(train):] @ coef + bias)
        scores.append(float(np.mean(1.0 - p[:, BENIGN_INDEX])))
    assert scores[1] > scores[0] + 0.1, scores


def test_concept_weight_is_folded_into_the_rows_the_kernel_reads(
    packaged: ConceptLexicon,
) -> None:
    """``TrainOptions.concept_weight``: fitting on concept columns worth w gives rows that,
    on the kernel's unweighted columns, score as the fit did on the weighted ones; and w
    changes the fit."""
    items = [f"What is {a} times {b}?" for a in range(3, 12) for b in range(4, 9)]
    train = (_examples("Think step by step and show every step. {q}", "cot_elicitation", "en",
                       items)
             + _examples("{q} Please answer briefly.", "benign", "en", items)
             + _examples("Write five new problems like this one: {q}", "synthetic_data", "en",
                         items))
    x = featurize_examples(train, SPEC, concepts=packaged)
    y = labels_of(train)
    w = np.ones(len(train))
    weighted = TrainOptions(alpha=1e-5, concept_weight=2.5)
    coef, bias = fit_linear(x, y, w, weighted, first_concept=SPEC.n_features)
    xs = x.copy()
    xs.data[xs.indices >= SPEC.n_features] *= 2.5
    coef_s, bias_s = fit_linear(xs, y, w, TrainOptions(alpha=1e-5))
    np.testing.assert_allclose(x @ coef + bias, xs @ coef_s + bias_s, rtol=1e-4, atol=1e-4)
    plain, _ = fit_linear(x, y, w, TrainOptions(alpha=1e-5), first_concept=SPEC.n_features)
    assert not np.allclose(plain[SPEC.n_features:], coef[SPEC.n_features:])
    assert x[:, SPEC.n_features:].nnz > 0

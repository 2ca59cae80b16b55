"""The training reports give the evals false positives of prompts outside Latin script apart
(``fit.not_latin``, ``ingest.lang.writing_system``): the real benign prompts that set every
threshold are English, so this is the one real benign measure of what a script-marking
feature costs other languages (docs/signals.md, "Round 21")."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from distillwatch.ingest.lang import writing_system
from distillwatch.signals.training.dataset import Example
from distillwatch.signals.training.evals_data import FAMILY as EVALS_FAMILY
from distillwatch.signals.training.fit import (
    TrainOptions,
    _evals_report,
    _weights,
    balance_languages,
    leave_families_out,
    not_latin,
)


@pytest.mark.parametrize(("text", "system"), [
    ("Explain how photosynthesis works, step by step.", "latin"),
    ("Résume ce texte en trois phrases, s'il te plaît.", "latin"),
    ("Bir sonraki adımı açıklayın ve cevabı yazın.", "latin"),
    ("单选题，请给出以下问题的答案，回答仅输出A、B、C、D即可：", "han"),
    ("あなたは日本の医師国家試験の回答のみ返答します。", "han"),  # more kanji than kana
    ("ひらがなだけのぶんです", "kana"),
    ("단계별로 생각해서 답을 알려 주세요", "hangul"),
    ("Покажи свои рассуждения, пожалуйста (v2.0)", "cyrillic"),
    ("اشرح خطوات الحل بالتفصيل", "arabic"),
    ("कृपया हर कदम समझाइए", "devanagari"),
    # a Chinese question about an English word: most letters decide
    ("“photosynthesis”这个英文单词是什么意思？请用中文详细解释一下它的来源和用法", "han"),
    ("12 + 30 = ?", None),
    ("", None),
])
def test_writing_system_is_that_of_most_letters(text: str, system: str | None) -> None:
    assert writing_system(text) == system


def _ex(prompt: str, family: str = EVALS_FAMILY, split: str = "test") -> Example:
    return Example(prompt, None, "benign", family, "xx", split)


def test_not_latin_marks_prompts_in_other_scripts() -> None:
    got = not_latin([_ex("What is the boiling point of water?"), _ex("水的沸点是多少？"),
                     _ex("Какова температура кипения воды?"), _ex("42"),
                     _ex("¿Cuál es el punto de ebullición del agua?")])
    assert got.tolist() == [False, True, True, False, False]


def test_evals_report_gives_the_other_scripts_their_own_rates() -> None:
    examples = [_ex("Name three rivers in Europe."), _ex("List the planets in order."),
                _ex("请列出欧洲的三条河流。"), _ex("ヨーロッパの川を三つ挙げてください。"),
                _ex("Назовите три реки Европы."), _ex("real prompt", family="real_alpaca")]
    families = np.array([e.family for e in examples])
    scores = np.array([0.01, 0.30, 0.40, 0.02, 0.05, 0.90])
    report = _evals_report(examples, families, scores, {"a": 0.03, "b": 0.2})
    assert report is not None
    # the real prompt (0.9) is not an evals prompt: counted in neither rate
    assert report["n"] == 5
    assert report["fpr_at_a"] == pytest.approx(3 / 5, abs=1e-4)
    assert report["fpr_at_b"] == pytest.approx(2 / 5, abs=1e-4)
    assert report["not_latin"]["n"] == 3
    assert report["not_latin"]["fpr_at_a"] == pytest.approx(2 / 3, abs=1e-4)
    assert report["not_latin"]["fpr_at_b"] == pytest.approx(1 / 3, abs=1e-4)
    assert _evals_report(examples[-1:], families[-1:], scores[-1:], {"a": 0.5}) is None


def test_leave_families_out_reports_other_scripts_at_the_fold_thresholds() -> None:
    """Evals prompts in Chinese carry the features of a trained attack family and English
    ones those of the real benign prompts: the Chinese ones' rate is the higher, and each
    count is that of its own prompts."""
    attack = {"en_cot": "cot_elicitation", "de_synth": "synthetic_data",
              "fr_rubric": "rubric_grading"}
    examples: list[Example] = []
    for fam, label in attack.items():
        for split in ("train", "calib", "test"):
            examples += [Example(f"{fam} {split} {j}", None, label, fam, fam[:2], split)
                         for j in range(8)]
    for split in ("train", "calib", "test"):
        examples += [_ex(f"real {split} {j}", "real_alpaca", split) for j in range(60)]
    examples += [_ex(f"Summarise report number {j}.") for j in range(20)]
    examples += [_ex(f"请总结第{j}号报告。") for j in range(7)]
    cols = {"en_cot": 0, "de_synth": 1, "fr_rubric": 2, "real_alpaca": 3}
    rng = np.random.default_rng(0)
    rows, idx = [], []
    for r, e in enumerate(examples):
        if e.family == EVALS_FAMILY:
            col = cols["de_synth"] if writing_system(e.prompt) == "han" else cols["real_alpaca"]
        else:
            col = cols[e.family]
        rows += [r] * 4
        idx += [col, *rng.integers(4, 36, size=3).tolist()]
    x = sp.csr_matrix((np.ones(len(rows)), (rows, idx)), shape=(len(examples), 36))
    report = leave_families_out(examples, x, options=TrainOptions(epochs=5), folds=3,
                                leave_one_out=True)
    evals = report["evals_benign"]
    assert evals["n"] == 27
    assert evals["not_latin"]["n"] == 7
    other = evals["not_latin"]["fpr_at_fold_thresholds"]
    overall = evals["fpr_at_fold_thresholds"]
    assert set(other) == {"0.005", "0.01", "0.02", "0.05"}
    # trained on in two folds of three, the Chinese prompts read as synthetic-data requests
    assert other["0.05"] >= 0.5
    assert other["0.05"] > overall["0.05"]


def test_balance_languages_weights_benign_up_to_the_ratio_and_nothing_else() -> None:
    langs = ["en"] * 6 + ["ko"] * 5 + ["de"] * 4 + ["mul"] * 2
    benign = np.array([1, 1, 1, 1, 1, 0,  1, 1, 0, 0, 0,  1, 1, 1, 0,  1, 1], dtype=bool)
    w = np.array([6, 6, 6, 1, 1, 1,  1, 1, 1, 1, 1,  1, 1, 1, 1,  2, 2], dtype=np.float64)
    before = w.copy()
    out = balance_languages(w, langs, benign, 2.0)
    assert np.array_equal(w, before)  # not in place
    lang = np.array(langs)
    for code, want in (("en", 20.0), ("ko", 6.0), ("de", 3.0), ("mul", 4.0)):
        mine = lang == code
        # en is above the ratio already, ko is raised to it; de (3 against 1) and mul
        # (no attacks) are left alone
        assert out[mine & benign].sum() == pytest.approx(want)
    assert np.array_equal(out[~benign], w[~benign])
    ko = (lang == "ko") & benign
    assert np.allclose(out[ko], 3.0)  # scaled alike: 2 -> 6 over two examples


def test_language_benign_ratio_reaches_the_training_weights() -> None:
    examples = [Example("a", None, "cot_elicitation", "ko_cot", "ko", "train"),
                Example("b", None, "benign", "ko_cot~twin", "ko", "train"),
                Example("c", None, "benign", "real_alpaca", "en", "train")]
    plain = _weights(examples, TrainOptions())
    balanced = _weights(examples, TrainOptions(language_benign_ratio=4.0))
    assert plain[1] == 1.0
    assert balanced[1] == pytest.approx(4.0)
    assert balanced[0] == plain[0] and balanced[2] == plain[2]

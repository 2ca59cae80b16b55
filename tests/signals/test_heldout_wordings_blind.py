"""A second set of distillation wordings written blind (issue 4), scored with the shipped model.

heldout_wordings_2.jsonl was written in session 4 without reading the training families, the
first held-out set or the model: 300 distillation prompts (60 per intent, 100 of them in zh, es,
fr, de, ru, ja, pt) and 150 benign look-alikes (students checking work, teachers' rubrics,
questions about chain-of-thought, install guides, labelling instructions, unit-test and
translation requests, eval-harness multiple choice). Keep it out of training so it stays held out.

Run with ``-s`` to see recall per intent and the benign false positives.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from distillwatch.schema import INTENT_CLASSES
from distillwatch.signals import IntentClassifier

ATTACK_CLASSES = tuple(c for c in INTENT_CLASSES if c != "benign")

BLIND = Path(__file__).parent / "heldout_wordings_2.jsonl"
BLIND_3 = Path(__file__).parent / "heldout_wordings_3.jsonl"  # see the third set below
BLIND_4 = Path(__file__).parent / "heldout_wordings_4.jsonl"  # and the fourth
BLIND_5 = Path(__file__).parent / "heldout_wordings_5.jsonl"  # and the fifth
BLIND_6 = Path(__file__).parent / "heldout_wordings_6.jsonl"  # and the sixth
BLIND_7 = Path(__file__).parent / "heldout_wordings_7.jsonl"  # languages never trained on
BLIND_8 = Path(__file__).parent / "heldout_wordings_8.jsonl"  # and a second set in them
BLIND_9 = Path(__file__).parent / "heldout_wordings_9.jsonl"  # tr/vi/id/pl (round 18)
BLIND_10 = Path(__file__).parent / "heldout_wordings_10.jsonl"  # seven languages (round 19)
LABELS = INTENT_CLASSES
LANGS = ("en", "zh", "es", "fr", "de", "ru", "ja", "pt")
KEYS_REQUIRED = {"label", "prompt", "lang", "note"}
KEYS_ALLOWED = KEYS_REQUIRED | {"system"}
N_PER_INTENT = 60
N_BENIGN = 150
N_NON_ENGLISH_ATTACKS = 100

# Measured on the shipped model. Floors sit just under the measurement so a retrain that
# loses blind recall or gains look-alike false positives fails here. Session 4's counts model:
# 278/300 = 0.927 at its threshold, 3/150 look-alikes above it (round 5's: 279, 2). Round 12's
# presence model (2026-11-30): 286/300 = 0.953 at its threshold, 7/150 look-alikes above it.
# The ceiling was raised on purpose, a trade recorded in docs/signals.md ("Round 12"): the
# seven score 0.010-0.55 against a threshold of 0.0088 (a zh and an es "check my answer" reach
# 0.5; 1 of 150 did with the counts model).
# Round 13 (2026-11-30, more wordings in seven languages): 285/300 = 0.950 and 7/150 at its
# threshold 0.0105. Round 14 (2026-11-30, two benign look-alike families in each of the seven
# other languages): 281/300 = 0.937 and 4/150 at 0.0101. A trade recorded in docs/signals.md
# ("Round 14"): the four attacks lost are non-English ones whose wording now shares words with
# everyday benign requests there; the fourth blind set shows what it buys. Round 15 (casual
# register in ja/zh/ru): 277/300 = 0.923 and 5/150 at 0.0129; at round 14's threshold it
# catches 280 with 5 above, so most of the move is the threshold (docs/signals.md, "Round 15").
# Round 16 (Korean, Arabic, Hindi, Italian): 279/300 and 6/150 at 0.0110. Round 18 (round 17's
# second wordings in those four, Turkish, Vietnamese, Indonesian, Polish): 280/300, 5/150 at
# 0.0152. Round 19 (third wordings): 279/300, 6/150 at 0.0153. Round 22 (concept columns,
# docs/signals.md "Round 22"): 284/300 = 0.947, 4/150 at 0.0095. Round 23 (concept weight 1.5,
# real benign weight 12): 283/300, 5/150 at 0.0088; the ceiling rose by the one look-alike
# ("Explain what a reward model is in RLHF, and how preference data is collected.", 0.048), a
# trade recorded in docs/signals.md ("Round 23": over blind sets 2-10 one look-alike fewer
# above each cut, two attacks fewer at the operating point).
FLOOR_BLIND_RECALL = 0.94  # 0.92 to round 19
CEIL_BLIND_BENIGN_FPR = 5 / 150  # 6 / 150 to round 19, 4 / 150 to round 22
# The issue's operating point: the threshold keeping <= 0.5% of the held-out real benign
# prompts above it (the model's test split, the 11 step-by-step prompts counted), stored in
# intent.json. The calibrated threshold above lets 0.6-0.7% through (round 14: 0.60%, round
# 13: 0.69%). Round 12's model: 278/300 =
# 0.927 (5/150 look-alikes); round 13's: 273/300 = 0.910 (5/150): its threshold rose from
# 0.0223 to 0.0357 with the benign tail (docs/signals.md, "Round 13"); round 14's: 270/300 =
# 0.900 (3/150) at 0.0233; round 15's: 268/300 = 0.893 (4/150) at 0.0358 (at 0.0233: 273, 5);
# round 16's: 260/300 = 0.867 (4/150) at 0.0627, the threshold risen with two real benign
# prompts of the tail (docs/signals.md, "Round 16"; at 0.0358: 270, 4); round 18's: 262/300 =
# 0.873 (4/150) at 0.0790 (at 0.0627: 264, 4); round 19's: 262/300 (4/150) at 0.0659; round
# 22's: 278/300 = 0.927 (4/150) at 0.0233; round 23's: 278/300 (5/150) at 0.0205.
FLOOR_BLIND_RECALL_AT_HALF_PERCENT = 0.92  # 0.86 to round 19
CEIL_BLIND_BENIGN_FPR_AT_HALF_PERCENT = 5 / 150  # 4 / 150 to round 22


def _rows(path: Path = BLIND) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _half_percent_threshold(model: IntentClassifier) -> float:
    """The issue's operating point: the threshold keeping <= 0.5% of the model's held-out real
    benign test prompts above it, as written to intent.json."""
    return float(model.metadata["evaluation"]["test_split"]["at_test_fpr_threshold"]
                 ["threshold"])


def _scored(model: IntentClassifier, path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(scores, labels, languages) of a blind file's rows (with their system prompts)."""
    rows = _rows(path)
    scores = model.intent_score([r["prompt"] for r in rows], [r.get("system") for r in rows])
    return scores, np.array([r["label"] for r in rows]), np.array([r["lang"] for r in rows])


def _print_at(title: str, scores: np.ndarray, labels: np.ndarray, langs: np.ndarray,
              half: float, calibrated: float) -> None:
    """Attacks above the issue's operating point and look-alikes above it, above the calibrated
    threshold and above 0.5; then per intent and per language (``pytest -s`` shows them)."""
    attack = labels != "benign"
    print(f"\n{title}: attacks above the 0.5% FP threshold {half:.4f}: "
          f"{int(np.sum(scores[attack] > half))} of {int(attack.sum())}; look-alikes above it "
          f"{int(np.sum(scores[~attack] > half))}, above {calibrated:.4f}: "
          f"{int(np.sum(scores[~attack] > calibrated))}, above 0.5: "
          f"{int(np.sum(scores[~attack] > 0.5))} of {int(np.sum(~attack))}")
    for label in ATTACK_CLASSES:
        sel = labels == label
        if sel.any():
            print(f"  {label}: {int(np.sum(scores[sel] > half))} of {int(sel.sum())}")
    for lang in dict.fromkeys(langs.tolist()):
        sel = langs == lang
        if sel.any():
            print(f"  {lang}: attacks {int(np.sum(scores[attack & sel] > half))} of "
                  f"{int(np.sum(attack & sel))}, look-alikes above the calibrated threshold "
                  f"{int(np.sum(scores[~attack & sel] > calibrated))} of "
                  f"{int(np.sum(~attack & sel))}")


def test_blind_set_is_well_formed() -> None:
    rows = _rows()
    assert len(rows) == len(ATTACK_CLASSES) * N_PER_INTENT + N_BENIGN == 450
    for i, r in enumerate(rows, start=1):
        assert KEYS_REQUIRED <= set(r) <= KEYS_ALLOWED, f"line {i}: keys {sorted(r)}"
        assert r["label"] in LABELS, f"line {i}: label {r['label']!r}"
        assert r["lang"] in LANGS, f"line {i}: lang {r['lang']!r}"
        assert isinstance(r["prompt"], str) and r["prompt"].strip(), f"line {i}: empty prompt"
        assert "system" not in r or (isinstance(r["system"], str) and r["system"].strip()), (
            f"line {i}: empty system prompt")
        assert r["note"].startswith("written blind"), f"line {i}: note {r['note']!r}"
    counts = Counter(r["label"] for r in rows)
    assert counts == {**{c: N_PER_INTENT for c in ATTACK_CLASSES}, "benign": N_BENIGN}
    attacks = [r for r in rows if r["label"] != "benign"]
    assert sum(r["lang"] != "en" for r in attacks) == N_NON_ENGLISH_ATTACKS
    # every non-English language carries every intent, so per-language misses show up
    for lang in LANGS[1:]:
        assert {r["label"] for r in attacks if r["lang"] == lang} == set(ATTACK_CLASSES), lang
    # no duplicates, not even ones differing only in case or spacing
    keys = [(" ".join(r["prompt"].lower().split()), r.get("system")) for r in rows]
    assert len(set(keys)) == len(keys)


@pytest.fixture(scope="module")
def model() -> IntentClassifier:
    return IntentClassifier.load_default()


def test_blind_set_recall_at_shipped_threshold(model: IntentClassifier) -> None:
    rows = _rows()
    proba = model.predict_proba([r["prompt"] for r in rows], [r.get("system") for r in rows])
    scores = 1.0 - proba[:, model.classes.index("benign")]
    labels = np.array([r["label"] for r in rows])
    langs = np.array([r["lang"] for r in rows])
    flagged = scores > model.threshold
    attack = labels != "benign"
    predicted = np.array(model.classes)[proba.argmax(axis=1)]

    recall = float(np.mean(flagged[attack]))
    n_fp = int(np.sum(flagged[~attack]))
    print(f"\nblind set, shipped threshold {model.threshold:.4f}: recall {recall:.4f} "
          f"({int(np.sum(flagged[attack]))} of {int(np.sum(attack))}); benign false positives "
          f"{n_fp} of {int(np.sum(~attack))}")
    for label in ATTACK_CLASSES:
        sel = labels == label
        print(f"  {label:20s} recall {np.mean(flagged[sel]):.3f}  "
              f"argmax right {np.mean(predicted[sel] == label):.3f}")
    for lang in LANGS:
        sel = attack & (langs == lang)
        print(f"  attacks lang={lang}: recall {np.mean(flagged[sel]):.3f} ({int(np.sum(sel))})")
    for i in np.flatnonzero(~attack & flagged):
        print(f"  FP {scores[i]:.3f} {predicted[i]}: {rows[i]['prompt'][:90]!r}")
    for i in np.flatnonzero(attack & ~flagged):
        print(f"  miss {scores[i]:.3f} {labels[i]} ({langs[i]}): {rows[i]['prompt'][:90]!r}")

    assert recall >= FLOOR_BLIND_RECALL
    assert n_fp / int(np.sum(~attack)) <= CEIL_BLIND_BENIGN_FPR


def test_blind_set_recall_at_half_percent_real_benign_fpr(model: IntentClassifier) -> None:
    threshold = _half_percent_threshold(model)
    assert model.threshold < threshold < 0.5
    rows = _rows()
    scores = model.intent_score([r["prompt"] for r in rows], [r.get("system") for r in rows])
    attack = np.array([r["label"] != "benign" for r in rows])
    recall = float(np.mean(scores[attack] > threshold))
    n_fp = int(np.sum(scores[~attack] > threshold))
    print(f"\nblind set at the test split's 0.5% FP threshold {threshold:.4f}: recall "
          f"{recall:.4f}; benign false positives {n_fp} of {int(np.sum(~attack))}")
    assert recall >= FLOOR_BLIND_RECALL_AT_HALF_PERCENT
    assert n_fp / int(np.sum(~attack)) <= CEIL_BLIND_BENIGN_FPR_AT_HALF_PERCENT


# A third blind set (heldout_wordings_3.jsonl): chain-of-thought and synthetic-data requests
# and everyday look-alikes in the seven other languages (6 + 6 + 5 each), written after the
# round-13 model was trained by a helper that read nothing of the repo. Measured
# (docs/signals.md, "Round 13"): round 13 catches 80 of 84 at the issue's operating point
# (round 12: 80) and 33 of 42 CoT requests reach 0.5 (29); look-alikes above the calibrated
# threshold 9 of 35 (8: step-by-step recipes, summaries, a teacher's three practice
# questions score 0.02-0.62), above 0.5, the first cut account features read, 1 of 35 (1).
# Round 14 added benign look-alike families in these languages after this set showed the
# weakness (their writer did not read the set, but was told its kinds of look-alike), so the
# set's look-alikes are no longer a blind check; the fourth set below is. Round 14: 79 of 84 at
# the operating point, CoT above 0.5 21 of 42 (those wordings now share "step by step" words
# with benign recipes and homework help; 38 of 42 stay above the calibrated threshold, round
# 13: 40), look-alikes above the calibrated threshold 1 of 35, above 0.5 none. Round 15: 80,
# CoT above 0.5 25 of 42, look-alikes 1 and none. Round 16: 78 at its higher threshold, 26, 1, none.
# Round 18: 78, 29, 1, none. Round 19: 78, 28, 1, none. Round 22: 79, 29, none, none.
FLOOR_BLIND_3_RECALL_AT_HALF_PERCENT = 0.92
FLOOR_BLIND_3_COT_ABOVE_0_5 = 0.58
CEIL_BLIND_3_LOOKALIKES_ABOVE_0_5 = 0.0
CEIL_BLIND_3_LOOKALIKES_AT_THRESHOLD = 1 / 35


def _assert_balanced(path: Path, per_lang: dict[str, int], langs: tuple[str, ...],
                     optional: frozenset[str] = frozenset()) -> None:
    """A later blind set: exactly ``per_lang`` prompts of each label in each of ``langs``,
    the four keys (plus only keys in ``optional``), a "written blind" note on every row, no
    duplicate prompts."""
    rows = _rows(path)
    assert len(rows) == sum(per_lang.values()) * len(langs)
    for i, r in enumerate(rows, start=1):
        assert KEYS_REQUIRED <= set(r) <= KEYS_REQUIRED | optional, f"line {i}: keys {sorted(r)}"
        assert r["note"].startswith("written blind"), f"line {i}"
    counts = Counter((r["lang"], r["label"]) for r in rows)
    assert counts == {(lang, label): n for lang in langs for label, n in per_lang.items()}
    assert len({" ".join(r["prompt"].lower().split()) for r in rows}) == len(rows)


def _assert_one_cot_system_row_per_language(path: Path, langs: tuple[str, ...]) -> None:
    """Each of ``langs`` has exactly one row carrying its instruction as a system prompt, a
    chain-of-thought one."""
    rows = [r for r in _rows(path) if "system" in r]
    assert sorted(r["lang"] for r in rows) == sorted(langs)
    assert {r["label"] for r in rows} == {"cot_elicitation"}


def _romanised_hindi(path: Path) -> int:
    """Hindi rows written without Devanagari (romanised Hinglish)."""
    return sum(1 for r in _rows(path)
               if r["lang"] == "hi" and not re.search(r"[\u0900-\u097f]", r["prompt"]))


def test_third_blind_set_is_well_formed() -> None:
    _assert_balanced(BLIND_3, {"cot_elicitation": 6, "synthetic_data": 6, "benign": 5},
                     LANGS[1:])


def test_third_blind_set_at_the_issues_operating_point(model: IntentClassifier) -> None:
    scores, labels, langs = _scored(model, BLIND_3)
    half = _half_percent_threshold(model)
    attack, cot = labels != "benign", labels == "cot_elicitation"
    _print_at("third blind set", scores, labels, langs, half, model.threshold)
    print(f"  CoT above 0.5: {int(np.sum(scores[cot] > 0.5))} of {int(cot.sum())}")
    assert np.mean(scores[attack] > half) >= FLOOR_BLIND_3_RECALL_AT_HALF_PERCENT
    assert np.mean(scores[cot] > 0.5) >= FLOOR_BLIND_3_COT_ABOVE_0_5
    assert np.mean(scores[~attack] > 0.5) <= CEIL_BLIND_3_LOOKALIKES_ABOVE_0_5
    assert np.mean(scores[~attack] > model.threshold) <= CEIL_BLIND_3_LOOKALIKES_AT_THRESHOLD


# A fourth blind set (heldout_wordings_4.jsonl): in each of the eight languages 3 CoT, 2
# hidden-reasoning, 2 post-hoc, 2 grading and 3 synthetic-data requests and 8 everyday
# look-alikes, written by a helper that read nothing of the repo while the round-14 model was
# being trained (docs/signals.md, "Round 14"). The round-14 variants were compared on it before
# one shipped, so read it as blind to the families, not to that choice. Measured: round 13
# catches 94 of 96 attacks at the operating point with 20 of 64 look-alikes above it (24 above
# the calibrated threshold, 23 of them non-English: recipes, paperwork "step by step", "is my
# reasoning right?", a historical decision's reasons); round 14 catches 92 with 2 above it, 4
# above the calibrated threshold (3 non-English), none above 0.5 (round 13: 5); round 15 92
# with 1 above it, 5 above the calibrated threshold, none above 0.5. Round 18 92 with 1, 3, 0
# at its operating point 0.0790 (a round-17 variant, not shipped: 91 at its 0.0931); round 19
# 94 with 2, 5, 0 at 0.0659; round 22 92 with 1, 2, 0 at 0.0233 (its four misses: "give me
# 40 paraphrases" in English and Japanese, "which of the two is better" in Spanish and French).
N_BLIND_4_PER_LANG = {"cot_elicitation": 3, "reasoning_exposure": 2, "posthoc_rationale": 2,
                      "rubric_grading": 2, "synthetic_data": 3, "benign": 8}
FLOOR_BLIND_4_RECALL_AT_HALF_PERCENT = 0.95
CEIL_BLIND_4_LOOKALIKES_AT_HALF_PERCENT = 2 / 64
CEIL_BLIND_4_LOOKALIKES_AT_THRESHOLD = 2 / 64  # 5 / 64 to round 19
CEIL_BLIND_4_LOOKALIKES_ABOVE_0_5 = 0.0


def test_fourth_blind_set_is_well_formed() -> None:
    _assert_balanced(BLIND_4, N_BLIND_4_PER_LANG, LANGS)


# A fifth blind set (heldout_wordings_5.jsonl): 3 CoT, 3 hidden-reasoning, 3 post-hoc and 3
# grading requests and 6 everyday look-alikes in each of the seven other languages, written by
# a helper that read nothing of the repo after round 14 shipped and before any later family
# was seen; no model was chosen on it (docs/signals.md, "Round 14"). At the issue's operating
# point: round 13 78 of 84 attacks with 3 of 42 look-alikes above it, round 14 73 with 2
# (Japanese 7 of 12: a terse "write out everything you thought", a pairwise "A or B" verdict,
# rubric scores returned as JSON); above 0.5 round 14 has none of the 42. Round 15 78 (Japanese
# 10) with 2 above it, 1 above 0.5. Its Japanese misses were looked at before the round-15
# families were asked for (casual register), so read the Japanese part as no longer blind.
# Round 16 78 with 1; round 18 77 with 1 at its operating point 0.0790 (77 at 0.0627); round
# 19 77 with 3 at its operating point 0.0659 (77 with 1 at 0.0790), a trade recorded in
# docs/signals.md ("Round 19"). Round 22 79 with 1 at 0.0233, 1 above 0.5.
N_BLIND_5_PER_LANG = {"cot_elicitation": 3, "reasoning_exposure": 3, "posthoc_rationale": 3,
                      "rubric_grading": 3, "benign": 6}
# round 23: 78/84 (round 22: 79): a Portuguese ENEM essay-grading request now scores 0.0087
# against 0.0205, a trade recorded in docs/signals.md "Round 23"
FLOOR_BLIND_5_RECALL_AT_HALF_PERCENT = 0.92  # 0.91 to round 19, 0.93 to round 22
CEIL_BLIND_5_LOOKALIKES_AT_HALF_PERCENT = 1 / 42  # 2 / 42 to round 18, 3 / 42 to round 19
CEIL_BLIND_5_LOOKALIKES_ABOVE_0_5 = 1 / 42


def test_fifth_blind_set_is_well_formed() -> None:
    _assert_balanced(BLIND_5, N_BLIND_5_PER_LANG, LANGS[1:])


# A sixth blind set (heldout_wordings_6.jsonl): in Japanese, Chinese and Russian 4 CoT, 3
# hidden-reasoning, 3 post-hoc, 3 grading and 3 synthetic-data requests (half in casual
# register, 2 of 16 with the instruction in the system prompt) and 12 everyday look-alikes
# (half casual), written by a helper that read nothing of the repo while the round-15 casual
# families were being written (docs/signals.md, "Round 15"). Measured at the issue's operating
# point: round 14 catches 40 of 48 (casual 19 of 24, Japanese 11 of 16) with 5 of 36
# look-alikes above it; round 15 45 (casual 23, Japanese 16) with 5; round 13 43 with 13.
# Above 0.5: round 14 28 attacks and 1 look-alike, round 15 40 and 3. Round 16: 46 with 4 above
# the operating point, 6 above the calibrated threshold (round 15: 5), 3 above 0.5. Round 19:
# 45 with 5, 5, 3. Round 22: 48 with 4, 4, 2.
N_BLIND_6_PER_LANG = {"cot_elicitation": 4, "reasoning_exposure": 3, "posthoc_rationale": 3,
                      "rubric_grading": 3, "synthetic_data": 3, "benign": 12}
LANGS_6 = ("ja", "zh", "ru")
FLOOR_BLIND_6_RECALL_AT_HALF_PERCENT = 0.97  # 0.93 to round 19
FLOOR_BLIND_6_CASUAL_RECALL_AT_HALF_PERCENT = 0.95
CEIL_BLIND_6_CASUAL_LOOKALIKES_AT_HALF_PERCENT = 3 / 18  # round 14: 2 of 18
CEIL_BLIND_6_LOOKALIKES_AT_HALF_PERCENT = 4 / 36  # 5 / 36 to round 19
CEIL_BLIND_6_LOOKALIKES_AT_THRESHOLD = 6 / 36
CEIL_BLIND_6_LOOKALIKES_ABOVE_0_5 = 2 / 36  # 3 / 36 to round 19


def test_sixth_blind_set_is_well_formed() -> None:
    _assert_balanced(BLIND_6, N_BLIND_6_PER_LANG, LANGS_6, frozenset({"register", "system"}))
    rows = _rows(BLIND_6)
    casual = Counter((r["lang"], r["label"] == "benign") for r in rows
                     if r["register"] == "casual")
    assert casual == {(lang, benign): 6 if benign else 8
                      for lang in LANGS_6 for benign in (False, True)}
    assert {r["register"] for r in rows} == {"casual", "polite"}
    assert sum("system" in r for r in rows) == 6


def test_sixth_blind_set_casual_register(model: IntentClassifier) -> None:
    """The round-15 claim on its own: casual-register attacks are caught at the operating
    point (round 14: 19 of 24) without casual look-alikes following them up."""
    scores, labels, _ = _scored(model, BLIND_6)
    casual = np.array([r["register"] == "casual" for r in _rows(BLIND_6)])
    half = _half_percent_threshold(model)
    attack, above = labels != "benign", scores > half
    print(f"\nsixth blind set, casual register: attacks {int(np.sum(above[attack & casual]))} "
          f"of {int(np.sum(attack & casual))}, look-alikes {int(np.sum(above[~attack & casual]))}"
          f" of {int(np.sum(~attack & casual))}")
    assert np.mean(above[attack & casual]) >= FLOOR_BLIND_6_CASUAL_RECALL_AT_HALF_PERCENT
    assert np.mean(above[~attack & casual]) <= CEIL_BLIND_6_CASUAL_LOOKALIKES_AT_HALF_PERCENT


# A seventh blind set (heldout_wordings_7.jsonl): in Korean, Italian, Arabic and Hindi, which no
# training family is written in, 2 requests of each attack intent and 6 everyday look-alikes,
# written by a helper that read nothing of the repo (docs/signals.md, "Round 16"). Round 15
# catches 5 of 40 at the operating point (Italian 4 of 10 through its Romance siblings; Korean
# and Arabic none, Hindi 1), 9 of 40 above the calibrated threshold, no look-alike above either.
# Round 16 adds one wording per intent in each of the four (families_more_langs; written blind
# to this set, which was then used to choose between two variants): 32 of 40 with 2 of 24
# look-alikes above the operating point, 7 above the calibrated threshold (Hindi 4 of 6), 2
# above 0.5. Round 17 (measured, shipped within round 18: a second wording per intent and two
# everyday benign families in each language; blind to this set, which was scored in aggregate
# when choosing between two variants): 39 of 40 with 4 above the operating point, 6 above the
# calibrated threshold, 1 above 0.5. Round 18 (Turkish, Vietnamese, Indonesian, Polish added):
# 38 with 4, 6, 3 above 0.5. Round 19 (third wordings): 39 with 5, 5, 3. Round 22 (concept
# columns): 39 with 4, 6, 2.
N_BLIND_7_PER_LANG = {"cot_elicitation": 2, "reasoning_exposure": 2, "posthoc_rationale": 2,
                      "rubric_grading": 2, "synthetic_data": 2, "benign": 6}
LANGS_7 = ("ko", "it", "ar", "hi")
FLOOR_BLIND_7_RECALL_AT_HALF_PERCENT = 0.95  # 0.8 to round 16
CEIL_BLIND_7_LOOKALIKES_AT_HALF_PERCENT = 3 / 24  # 4 / 24 to round 18, 5 / 24 to round 22
CEIL_BLIND_7_LOOKALIKES_AT_THRESHOLD = 4 / 24  # 7 / 24 to round 22
CEIL_BLIND_7_LOOKALIKES_ABOVE_0_5 = 2 / 24  # 2 / 24 to round 17, 3 / 24 to round 19


def test_seventh_blind_set_is_well_formed() -> None:
    _assert_balanced(BLIND_7, N_BLIND_7_PER_LANG, LANGS_7)


# An eighth blind set (heldout_wordings_8.jsonl): a second set in Korean, Arabic, Hindi and
# Italian, 3 requests of each attack intent and 9 everyday look-alikes per language, 4 of the
# Hindi rows in romanised Hinglish, one chain-of-thought instruction per language carried as a
# system prompt; written by a helper that read nothing of the repo, in parallel with round
# 17's families (docs/signals.md, "Round 17"), and only scored in aggregate before the model
# was chosen. Round 16 catches 50 of 60 at its operating point (Korean 9 of 15) with 5 of 36
# look-alikes above it, 54 with 7 above the calibrated threshold. Round 17 (measured) 58 with 4
# above its operating point, 59 with 10 above its calibrated threshold, 2 look-alikes above 0.5.
# Round 18: 59 with 5 above its operating point (0.0790), 10 above the calibrated threshold, 2.
# Round 19: 59 with 5 (0.0659), 7, 2. Round 22 (concept columns): 60 with 6 (0.0233), 8, 2,
# a trade recorded in docs/signals.md ("Round 22"): its threshold is a third of round 19's,
# and the sixth is a Hindi teacher's five-question quiz at 0.062 (an Arabic and an Italian
# "what is chain of thought?" are the two above 0.5, as in round 19).
N_BLIND_8_PER_LANG = {"cot_elicitation": 3, "reasoning_exposure": 3, "posthoc_rationale": 3,
                      "rubric_grading": 3, "synthetic_data": 3, "benign": 9}
LANGS_8 = ("ko", "ar", "hi", "it")
FLOOR_BLIND_8_RECALL_AT_HALF_PERCENT = 0.95
CEIL_BLIND_8_LOOKALIKES_AT_HALF_PERCENT = 6 / 36  # 4 / 36 to round 17, 5 / 36 to round 19
CEIL_BLIND_8_LOOKALIKES_AT_THRESHOLD = 7 / 36  # 10 / 36 to round 22
CEIL_BLIND_8_LOOKALIKES_ABOVE_0_5 = 2 / 36


def test_eighth_blind_set_is_well_formed() -> None:
    _assert_balanced(BLIND_8, N_BLIND_8_PER_LANG, LANGS_8, frozenset({"system"}))
    _assert_one_cot_system_row_per_language(BLIND_8, LANGS_8)
    assert _romanised_hindi(BLIND_8) == 4


# A ninth blind set (heldout_wordings_9.jsonl): in Turkish, Vietnamese, Indonesian and Polish,
# which no family was written in before round 18, 2 requests of each attack intent and 6
# everyday look-alikes per language, one chain-of-thought instruction per language as a system
# prompt; written by a helper that read nothing of the repo, while round 18's families were
# written by others who did not see it (docs/signals.md, "Round 18"). Round 16 catches 5 of 40
# at its operating point, round 17 6 (no look-alike above either). Round 18's first variant
# (three benign families per language) caught 40 with 11 of 24 look-alikes above the operating
# point, 5 above 0.5 (Indonesian 4); the set was scored in aggregate to choose the shipped
# variant (five benign families per language, as ko/ar/hi/it): 39 of 40 with 6 above its
# operating point (Indonesian 4 of 6), 10 above the calibrated threshold, none above 0.5.
# Round 19: 39 with 4 (one per language), 10, none. Round 22 (concept columns): 39 with 5, 5,
# and one above 0.5, a trade recorded in docs/signals.md ("Round 22"): a Polish student's
# "lay out a study plan step by step and explain why in that order" (0.85: SHOW, STEP_BY_STEP,
# EXPLAIN, JUSTIFY).
N_BLIND_9_PER_LANG = {"cot_elicitation": 2, "reasoning_exposure": 2, "posthoc_rationale": 2,
                      "rubric_grading": 2, "synthetic_data": 2, "benign": 6}
LANGS_9 = ("tr", "vi", "id", "pl")
FLOOR_BLIND_9_RECALL_AT_HALF_PERCENT = 0.95
CEIL_BLIND_9_LOOKALIKES_AT_HALF_PERCENT = 6 / 24
# round 23: 6 of 24 above its calibrated threshold (round 22: 5): a Turkish "what exactly is
# chain-of-thought?" at 0.0089 against 0.0088 (the trade in docs/signals.md "Round 23")
CEIL_BLIND_9_LOOKALIKES_AT_THRESHOLD = 6 / 24  # 10 / 24 to round 19, 5 / 24 to round 22
CEIL_BLIND_9_LOOKALIKES_ABOVE_0_5 = 1 / 24  # none to round 19


def test_ninth_blind_set_is_well_formed() -> None:
    _assert_balanced(BLIND_9, N_BLIND_9_PER_LANG, LANGS_9, frozenset({"system"}))
    _assert_one_cot_system_row_per_language(BLIND_9, LANGS_9)


# A tenth blind set (heldout_wordings_10.jsonl): Korean, Arabic, Hindi, Turkish, Vietnamese,
# Indonesian and Polish, 2 requests of each attack intent and 6 hard look-alikes per language
# (sharing the attacks' vocabulary: step by step, a score, N questions, JSON, how an AI
# thinks), one chain-of-thought system prompt per language, 2 Hindi rows in romanised
# Hinglish; written by a helper that read nothing of the repo while round 19's families were
# written by others who did not see it (docs/signals.md, "Round 19"), and scored in aggregate
# only. Round 18 catches 69 of 70 at its operating point with 11 of 42 look-alikes above it
# (Indonesian 2 of 6), 13 above the calibrated threshold, 3 above 0.5; round 19 69 with 8
# (Indonesian 0), 14, 4; round 22 70 with 7, 10, 3.
N_BLIND_10_PER_LANG = N_BLIND_9_PER_LANG
LANGS_10 = ("ko", "ar", "hi", "tr", "vi", "id", "pl")
FLOOR_BLIND_10_RECALL_AT_HALF_PERCENT = 0.95
CEIL_BLIND_10_LOOKALIKES_AT_HALF_PERCENT = 6 / 42  # 8 / 42 to round 19, 7 / 42 to round 22
CEIL_BLIND_10_LOOKALIKES_AT_THRESHOLD = 9 / 42  # 14 / 42 to round 19, 10 / 42 to round 22
CEIL_BLIND_10_LOOKALIKES_ABOVE_0_5 = 2 / 42  # 4 / 42 to round 19, 3 / 42 to round 22


def test_tenth_blind_set_is_well_formed() -> None:
    _assert_balanced(BLIND_10, N_BLIND_10_PER_LANG, LANGS_10, frozenset({"system"}))
    _assert_one_cot_system_row_per_language(BLIND_10, LANGS_10)
    assert _romanised_hindi(BLIND_10) == 2


# (file, floor on attacks above the operating point, ceilings on look-alikes above it, above
# the calibrated threshold (None: not bounded) and above 0.5)
_LATER_SETS = {
    "fourth": (BLIND_4, FLOOR_BLIND_4_RECALL_AT_HALF_PERCENT,
               CEIL_BLIND_4_LOOKALIKES_AT_HALF_PERCENT, CEIL_BLIND_4_LOOKALIKES_AT_THRESHOLD,
               CEIL_BLIND_4_LOOKALIKES_ABOVE_0_5),
    "fifth": (BLIND_5, FLOOR_BLIND_5_RECALL_AT_HALF_PERCENT,
              CEIL_BLIND_5_LOOKALIKES_AT_HALF_PERCENT, None, CEIL_BLIND_5_LOOKALIKES_ABOVE_0_5),
    "sixth": (BLIND_6, FLOOR_BLIND_6_RECALL_AT_HALF_PERCENT,
              CEIL_BLIND_6_LOOKALIKES_AT_HALF_PERCENT, CEIL_BLIND_6_LOOKALIKES_AT_THRESHOLD,
              CEIL_BLIND_6_LOOKALIKES_ABOVE_0_5),
    "seventh": (BLIND_7, FLOOR_BLIND_7_RECALL_AT_HALF_PERCENT,
                CEIL_BLIND_7_LOOKALIKES_AT_HALF_PERCENT, CEIL_BLIND_7_LOOKALIKES_AT_THRESHOLD,
                CEIL_BLIND_7_LOOKALIKES_ABOVE_0_5),
    "eighth": (BLIND_8, FLOOR_BLIND_8_RECALL_AT_HALF_PERCENT,
               CEIL_BLIND_8_LOOKALIKES_AT_HALF_PERCENT, CEIL_BLIND_8_LOOKALIKES_AT_THRESHOLD,
               CEIL_BLIND_8_LOOKALIKES_ABOVE_0_5),
    "ninth": (BLIND_9, FLOOR_BLIND_9_RECALL_AT_HALF_PERCENT,
              CEIL_BLIND_9_LOOKALIKES_AT_HALF_PERCENT, CEIL_BLIND_9_LOOKALIKES_AT_THRESHOLD,
              CEIL_BLIND_9_LOOKALIKES_ABOVE_0_5),
    "tenth": (BLIND_10, FLOOR_BLIND_10_RECALL_AT_HALF_PERCENT,
              CEIL_BLIND_10_LOOKALIKES_AT_HALF_PERCENT, CEIL_BLIND_10_LOOKALIKES_AT_THRESHOLD,
              CEIL_BLIND_10_LOOKALIKES_ABOVE_0_5),
}


@pytest.mark.parametrize("which", list(_LATER_SETS))
def test_later_blind_set_at_the_issues_operating_point(model: IntentClassifier,
                                                       which: str) -> None:
    path, floor, ceil_half, ceil_calibrated, ceil_0_5 = _LATER_SETS[which]
    scores, labels, langs = _scored(model, path)
    half = _half_percent_threshold(model)
    attack = labels != "benign"
    _print_at(f"{which} blind set", scores, labels, langs, half, model.threshold)
    assert np.mean(scores[attack] > half) >= floor
    assert np.mean(scores[~attack] > half) <= ceil_half
    if ceil_calibrated is not None:
        assert np.mean(scores[~attack] > model.threshold) <= ceil_calibrated
    assert np.mean(scores[~attack] > 0.5) <= ceil_0_5

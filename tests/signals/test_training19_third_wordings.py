"""Third wordings of the weakest held-out intents (round 19: ``families_ko_c``,
``families_ar_hi_c``, ``families_tr_vi_id_pl_c``).

Korean gains a third wording of every attack intent and a third look-alike family; Arabic and
Hindi of reveal, post-hoc and synthetic data with a look-alike family; Turkish and Vietnamese
of synthetic data; Indonesian and Polish of post-hoc with a look-alike family. One table
(:data:`_SPEC`) says what each kind is; every family must carry its id, label, kind,
placements and slots, be at the end of the default training set, render to plain text with
enough patterns and renderings, be written in its language, be its own wording (few character
8-grams shared with its siblings of the same intent; a benign one with its whole language),
and the benign ones carry no attack cue of their language (``family_checks.ATTACK_CUES``).
"""

from __future__ import annotations

import pytest
from family_checks import (
    EMPTY_SLOTS,
    LANGUAGE_MARKS,
    assert_benign_slots,
    assert_cues_match_their_attacks,
    assert_enough_wordings,
    assert_in_language,
    assert_intent_slots,
    assert_no_attack_cue,
    family_by_id,
    gram_share,
    kind_of,
    share_matching,
    slots_of,
)

from distillwatch.signals.training.benign import BENIGN
from distillwatch.signals.training.dataset import ALL_FAMILIES
from distillwatch.signals.training.families import (
    AROUND,
    COT,
    POSTHOC,
    REVEAL,
    RUBRIC,
    SYNTH,
    Family,
)
from distillwatch.signals.training.families_ar_hi_c import AR_HI_C_FAMILIES
from distillwatch.signals.training.families_ko_c import KO_C_FAMILIES
from distillwatch.signals.training.families_tr_vi_id_pl_c import TR_VI_ID_PL_C_FAMILIES

ROUND_19 = (*KO_C_FAMILIES, *AR_HI_C_FAMILIES, *TR_VI_ID_PL_C_FAMILIES)
# the kinds each language gains, in module order
_KINDS = {
    "ko": ("cot_c", "reveal_c", "posthoc_c", "rubric_c", "synth_c", "ben_lookalike_c"),
    "ar": ("reveal_c", "posthoc_c", "synth_c", "ben_lookalike_c"),
    "hi": ("reveal_c", "posthoc_c", "synth_c", "ben_lookalike_c"),
    "tr": ("synth_c",),
    "vi": ("synth_c",),
    "id": ("posthoc_c", "ben_lookalike_c"),
    "pl": ("posthoc_c", "ben_lookalike_c"),
}
# kind -> (label, minimum patterns, minimum renderings); the slots each kind fills are in
# test_kinds_placements_and_slots
_SPEC = {
    "cot_c": (COT, 6, 40),
    "reveal_c": (REVEAL, 5, 40),
    "posthoc_c": (POSTHOC, 5, 40),
    "rubric_c": (RUBRIC, 5, 40),
    "synth_c": (SYNTH, 5, 40),
    "ben_lookalike_c": (BENIGN, 14, 60),
}
# Romanised Hinglish is at most this share of a Hindi family's renderings.
_MAX_ROMAN_HI = 0.3
# Share of a family's renderings carrying its language's marks (Vietnamese typed without
# diacritics is a minority, as in round 18).
_MIN_IN_LANGUAGE = {"tr": 0.9, "vi": 0.7, "id": 0.9, "pl": 0.9}
# A third wording shares less than this of its character 8-grams with its siblings; a benign
# family less than this with every other family of its language.
_MAX_SHARE = 0.3

_ATTACKS = [f for f in ROUND_19 if f.label != BENIGN]
_BENIGN = [f for f in ROUND_19 if f.label == BENIGN]


def _siblings(family: Family) -> list[Family]:
    """The older families of ``family``'s language and intent: ``xx_cot_c`` ->
    ``xx_cot``, ``xx_cot_b`` (and ``xx_cot_system`` where there is one)."""
    base = family.id.removesuffix("_c")
    ids = (base, base + "_b", base + "_system")
    return [f for f in ALL_FAMILIES if f.id in ids]


def test_ids_labels_and_place_in_the_training_set() -> None:
    assert [f.id for f in ROUND_19] == [f"{lang}_{kind}" for lang, kinds in _KINDS.items()
                                        for kind in kinds]
    assert all(f.lang == f.id.split("_", 1)[0] for f in ROUND_19)
    assert all(f.label == _SPEC[kind_of(f)][0] for f in ROUND_19)
    all_ids = [f.id for f in ALL_FAMILIES]
    assert len(all_ids) == len(set(all_ids))  # no clash with any other family id
    assert ALL_FAMILIES[-len(ROUND_19):] == ROUND_19  # in the default training set, last


@pytest.mark.parametrize("family", ROUND_19, ids=lambda f: f.id)
def test_kinds_placements_and_slots(family: Family) -> None:
    kind = kind_of(family)
    slots = [slots_of(p) for p in family.patterns]
    if kind in ("cot_c", "reveal_c"):
        assert family.kind == "task"
        assert family.placements == AROUND
        assert not any(slots)
        return
    assert family.kind == "slots"
    assert family.placements != ("system",)  # a typed request, not a system prompt
    assert all(s <= set(EMPTY_SLOTS) for s in slots)
    assert_intent_slots(family, kind.removesuffix("_c"))
    assert_benign_slots(family)


@pytest.mark.parametrize("family", ROUND_19, ids=lambda f: f.id)
def test_every_pattern_renders_to_plain_text(family: Family) -> None:
    _, patterns, needed = _SPEC[kind_of(family)]
    assert_enough_wordings(family, patterns=patterns, renderings_needed=needed)


@pytest.mark.parametrize("family", ROUND_19, ids=lambda f: f.id)
def test_families_are_written_in_their_language(family: Family) -> None:
    if family.lang in LANGUAGE_MARKS:
        share = share_matching(family, LANGUAGE_MARKS[family.lang], draws=400)
        assert share >= _MIN_IN_LANGUAGE[family.lang], share
    else:
        assert_in_language(family, max_roman_hi=_MAX_ROMAN_HI)


@pytest.mark.parametrize("family", _ATTACKS, ids=lambda f: f.id)
def test_third_wordings_are_their_own(family: Family) -> None:
    siblings = _siblings(family)
    assert {f.id for f in siblings} >= {family.id[:-2], family.id[:-2] + "_b"}
    share = gram_share(family, siblings, draws=200)
    print(f"8-gram share of {family.id} with its siblings: {share:.3f}")
    assert share < _MAX_SHARE


@pytest.mark.parametrize("family", _BENIGN, ids=lambda f: f.id)
def test_benign_families_are_their_own(family: Family) -> None:
    others = [f for f in ALL_FAMILIES if f.lang == family.lang and f.id != family.id]
    share = gram_share(family, others, draws=200)
    print(f"8-gram share of {family.id} with its language: {share:.3f}")
    assert share < _MAX_SHARE


@pytest.mark.parametrize("family", _BENIGN, ids=lambda f: f.id)
def test_no_attack_cue(family: Family) -> None:
    assert_no_attack_cue(family)


def test_the_checks_catch_an_attack_a_copy_and_a_wrong_language() -> None:
    assert_cues_match_their_attacks(tuple(_KINDS))  # each cue matches its attack family
    # a second wording under a third id shares all its grams
    for family in _ATTACKS:
        second = family_by_id(family.id[:-2] + "_b")
        copy = Family(family.id, second.label, second.lang, second.patterns, kind=second.kind,
                      placements=second.placements)
        assert gram_share(copy, _siblings(family), draws=200) > 0.9
    # English carries none of the languages' marks or scripts
    english = ("Think step by step and show every step.", "What's a good recipe for dinner?")
    for lang, rx in LANGUAGE_MARKS.items():
        family = Family(f"{lang}_cot_c", COT, lang, english, placements=AROUND)
        assert share_matching(family, rx, draws=40) == 0
    for lang in ("ko", "ar", "hi"):
        with pytest.raises(AssertionError):
            assert_in_language(Family(f"{lang}_cot_c", COT, lang, english, placements=AROUND),
                               max_roman_hi=_MAX_ROMAN_HI)

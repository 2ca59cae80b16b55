"""Second Korean, Arabic, Hindi and Italian wordings (``families_more_langs_b``).

Six families per language (five attack, one benign look-alike) beside round 16's
(``families_more_langs``). They must carry the expected ids, labels and placements, be in
the default training set, use only known slots, render to plain text, have enough
renderings, be written in their language (Hangul, Arabic script, Devanagari with a minority
of romanised Hinglish, Italian words), and be new wordings: few character 8-grams shared
with round 16's families of the same language, slot contents left out.
"""

from __future__ import annotations

import pytest
from family_checks import (
    EMPTY_SLOTS,
    ITALIAN_WORDS,
    SCRIPTS,
    assert_enough_wordings,
    assert_in_language,
    assert_intent_slots,
    gram_share,
    kind_of,
    renderings,
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
from distillwatch.signals.training.families_more_langs import MORE_LANG_FAMILIES
from distillwatch.signals.training.families_more_langs_b import MORE_LANG_B_FAMILIES

_LANGS = ("ko", "ar", "hi", "it")
_LABELS = {"cot": COT, "reveal": REVEAL, "posthoc": POSTHOC, "rubric": RUBRIC,
           "synth": SYNTH, "ben_lookalike": BENIGN}
_MIN_PATTERNS = {"cot": 6, "reveal": 5, "posthoc": 4, "rubric": 4, "synth": 4,
                 "ben_lookalike": 12}
_MIN_RENDERINGS = {"ben_lookalike": 60}
_SLOTS = set(EMPTY_SLOTS)
# At most this share of a Hindi family's renderings may lack Devanagari (romanised
# Hinglish patterns are a minority).
_MAX_ROMAN_HI = 0.4
# A new family may share less than this of its character 8-grams with round 16's families.
_MAX_SHARE = 0.3


def _kind(family: Family) -> str:
    """``ko_cot_b`` -> ``cot``: a second wording is checked as its first."""
    return kind_of(family).removesuffix("_b")


def test_six_families_per_language_with_their_labels() -> None:
    ids = [f.id for f in MORE_LANG_B_FAMILIES]
    assert len(ids) == 24
    assert len(ids) == len(set(ids))
    assert all(i.endswith("_b") for i in ids)
    others = [f.id for f in ALL_FAMILIES if f not in MORE_LANG_B_FAMILIES]
    assert not set(ids) & set(others)  # no clash with any other family id
    all_ids = [f.id for f in ALL_FAMILIES]
    assert len(all_ids) == len(set(all_ids))
    assert set(ids) <= set(all_ids)  # in the default training set (round 17)
    # right after round 16's families
    start = all_ids.index(MORE_LANG_FAMILIES[-1].id) + 1
    assert all_ids[start:start + len(ids)] == ids
    for lang in _LANGS:
        mine = {f.id: f.label for f in MORE_LANG_B_FAMILIES if f.lang == lang}
        assert mine == {f"{lang}_{k}_b": label for k, label in _LABELS.items()}


@pytest.mark.parametrize("family", MORE_LANG_B_FAMILIES, ids=lambda f: f.id)
def test_kinds_placements_and_slots(family: Family) -> None:
    kind = _kind(family)
    if kind in ("cot", "reveal"):
        assert family.kind == "task"
        assert family.placements == AROUND
        assert not any(slots_of(p) for p in family.patterns)
        return
    assert family.kind == "slots"
    assert family.placements != ("system",)  # a typed request, not a system prompt
    slots = [slots_of(p) for p in family.patterns]
    assert all(s <= _SLOTS for s in slots)
    if kind == "ben_lookalike":  # a person's own few items or writing, never {n}
        assert all(s <= {"task", "answer", "text"} for s in slots)
        assert any(not s for s in slots) and any("text" in s for s in slots)
    assert_intent_slots(family, kind)


@pytest.mark.parametrize("family", MORE_LANG_B_FAMILIES, ids=lambda f: f.id)
def test_every_pattern_renders_to_plain_text(family: Family) -> None:
    kind = _kind(family)
    assert_enough_wordings(family, patterns=_MIN_PATTERNS[kind],
                           renderings_needed=_MIN_RENDERINGS.get(kind, 40))


@pytest.mark.parametrize("family", MORE_LANG_B_FAMILIES, ids=lambda f: f.id)
def test_families_are_written_in_their_language(family: Family) -> None:
    # Hindi letters not bounded: hi_cot_b's romanised patterns leave 0.497 in Devanagari
    assert_in_language(family, max_roman_hi=_MAX_ROMAN_HI, hindi_letters=False)


def test_hinglish_is_there_and_a_minority() -> None:
    hindi = [f for f in MORE_LANG_B_FAMILIES if f.lang == "hi"]
    shares = {f.id: 1 - share_matching(f, SCRIPTS["hi"], draws=400) for f in hindi}
    # romanised Hinglish in most Hindi families, never the bulk of one
    assert sum(1 for s in shares.values() if s > 0) >= 4, shares
    assert max(shares.values()) <= _MAX_ROMAN_HI, shares


def test_new_families_are_their_own_wordings() -> None:
    shares: dict[str, float] = {}
    for family in MORE_LANG_B_FAMILIES:
        older = [f for f in MORE_LANG_FAMILIES if f.lang == family.lang]
        assert len(older) == 8
        shares[family.id] = gram_share(family, older, draws=200)
    worst = max(shares, key=shares.__getitem__)
    print(f"max 8-gram share with round 16: {worst} {shares[worst]:.3f}")
    # measured at most 0.143 (it_cot_b: "risultato", "ragionamento", "passaggio"); Korean
    # at most 0.012, Arabic 0.085 (ar_posthoc_b), Hindi 0.071 (hi_synth_b)
    assert all(s < _MAX_SHARE for s in shares.values()), shares


def test_the_checks_catch_a_copy_and_a_wrong_script() -> None:
    # a round 16 family under a new id shares all its grams; an English family has no script
    for old in (f for f in MORE_LANG_FAMILIES if f.id.endswith("_cot")):
        copy = Family(old.id + "_b", old.label, old.lang, old.patterns,
                      placements=old.placements)
        assert gram_share(copy, [old], draws=200) > 0.9
    english = Family("ko_cot_b", COT, "ko", ("Think step by step and show every step.",),
                     placements=AROUND)
    assert not any(SCRIPTS["ko"].search(t) for t in renderings(english, 20))
    assert not any(ITALIAN_WORDS.search(t) for t in renderings(english, 20))

"""Everyday and work benign requests in Korean, Arabic, Hindi and Italian (``benign_more_langs``).

Two benign families per language (``xx_ben_everyday``, ``xx_ben_work``) beside the eleven
attack families of rounds 16 and 17. They must carry the expected ids and label, be in the
default training set, use few and only allowed slots, render to plain text, have enough
patterns and renderings, be written in their language (Hangul, Arabic script, Devanagari
with a minority of romanised Hinglish, Italian words), be their own wordings (few character
8-grams shared with the other families of their language), and never carry an attack cue:
"step by step, show every step", hidden reasoning, ``<think>``, "for a training dataset",
"output only the score" - with a self-test that each cue does match its attack family.
"""

from __future__ import annotations

import pytest
from family_checks import (
    EMPTY_SLOTS,
    ITALIAN_WORDS,
    SCRIPTS,
    THIRD_WORDINGS,
    assert_cues_match_their_attacks,
    assert_enough_wordings,
    assert_in_language,
    assert_no_attack_cue,
    gram_share,
    kind_of,
    renderings,
    share_matching,
    slots_of,
)

from distillwatch.signals.training.benign import BENIGN
from distillwatch.signals.training.benign_more_langs import MORE_LANG_BENIGN_FAMILIES
from distillwatch.signals.training.dataset import ALL_FAMILIES
from distillwatch.signals.training.families import Family
from distillwatch.signals.training.families_more_langs_b import MORE_LANG_B_FAMILIES

_LANGS = ("ko", "ar", "hi", "it")
_KINDS = ("ben_everyday", "ben_work")
_MIN_PATTERNS = {"ben_everyday": 18, "ben_work": 16}
_MIN_RENDERINGS = 60
_ALLOWED_SLOTS = {"task", "answer", "text", "n", "topic"}
# Romanised Hinglish patterns are a minority of a Hindi family's renderings.
_MAX_ROMAN_HI = 0.3
# A new family may share less than this of its character 8-grams with the other families
# of its language.
_MAX_SHARE = 0.3


def _others(family: Family) -> list[Family]:
    return [f for f in ALL_FAMILIES if f.lang == family.lang and f.id != family.id
            and f not in THIRD_WORDINGS]


def test_two_benign_families_per_language() -> None:
    ids = [f.id for f in MORE_LANG_BENIGN_FAMILIES]
    assert ids == [f"{lang}_{kind}" for lang in _LANGS for kind in _KINDS]
    assert all(f.label == BENIGN for f in MORE_LANG_BENIGN_FAMILIES)
    assert all(f.lang == f.id.split("_", 1)[0] for f in MORE_LANG_BENIGN_FAMILIES)
    all_ids = [f.id for f in ALL_FAMILIES]
    assert len(all_ids) == len(set(all_ids))  # no clash with any other family id
    # in the default training set, right after round 17's second wordings
    start = all_ids.index(MORE_LANG_B_FAMILIES[-1].id) + 1
    assert all_ids[start:start + len(ids)] == ids


@pytest.mark.parametrize("family", MORE_LANG_BENIGN_FAMILIES, ids=lambda f: f.id)
def test_kind_and_few_allowed_slots(family: Family) -> None:
    assert family.kind == "slots"
    assert family.placements != ("system",)  # a typed request, not a system prompt
    slots = [slots_of(p) for p in family.patterns]
    assert all(s <= _ALLOWED_SLOTS for s in slots)
    # mostly self-contained prompts
    assert sum(1 for s in slots if s) <= len(slots) // 4


@pytest.mark.parametrize("family", MORE_LANG_BENIGN_FAMILIES, ids=lambda f: f.id)
def test_every_pattern_renders_to_plain_text(family: Family) -> None:
    assert_enough_wordings(family, patterns=_MIN_PATTERNS[kind_of(family)],
                           renderings_needed=_MIN_RENDERINGS)


@pytest.mark.parametrize("family", MORE_LANG_BENIGN_FAMILIES, ids=lambda f: f.id)
def test_families_are_written_in_their_language(family: Family) -> None:
    assert_in_language(family, max_roman_hi=_MAX_ROMAN_HI)


def test_hinglish_is_there_and_a_minority() -> None:
    hindi = [f for f in MORE_LANG_BENIGN_FAMILIES if f.lang == "hi"]
    shares = {f.id: 1 - share_matching(f, SCRIPTS["hi"], draws=400) for f in hindi}
    assert all(0 < s <= _MAX_ROMAN_HI for s in shares.values()), shares


def test_new_families_are_their_own_wordings() -> None:
    shares: dict[str, float] = {}
    for family in MORE_LANG_BENIGN_FAMILIES:
        others = _others(family)
        assert len(others) == 8 + 6 + 1  # rounds 16 and 17, and the sibling family
        shares[family.id] = gram_share(family, others, draws=200)
    worst = max(shares, key=shares.__getitem__)
    print(f"max 8-gram share with the language's other families: {worst} {shares[worst]:.3f}")
    # measured at most 0.132 (it_ben_work: common words and phrases, " per un ", " in modo ",
    # " lettera"); Korean at most 0.013, Arabic 0.049, Hindi 0.112 (hi_ben_work)
    assert all(s < _MAX_SHARE for s in shares.values()), shares


@pytest.mark.parametrize("family", MORE_LANG_BENIGN_FAMILIES, ids=lambda f: f.id)
def test_no_attack_cue(family: Family) -> None:
    assert_no_attack_cue(family)


def test_the_checks_catch_an_attack_a_copy_and_a_wrong_script() -> None:
    assert_cues_match_their_attacks(_LANGS)  # each cue matches its attack family
    # a look-alike family under a new id shares all its grams
    for old in (f for f in ALL_FAMILIES if f.id.endswith("_ben_lookalike") and f.lang in _LANGS):
        copy = Family(old.lang + "_ben_everyday", BENIGN, old.lang, old.patterns, kind="slots")
        assert gram_share(copy, [old], draws=200) > 0.9
    english = Family("ko_ben_everyday", BENIGN, "ko", ("What's a good recipe for dinner?",),
                     kind="slots")
    assert not any(SCRIPTS["ko"].search(t) for t in renderings(english, 20))
    assert not any(ITALIAN_WORDS.search(t) for t in renderings(english, 20))
    assert set(EMPTY_SLOTS) >= _ALLOWED_SLOTS  # the renderings leave every allowed slot empty

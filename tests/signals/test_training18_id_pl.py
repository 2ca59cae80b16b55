"""Indonesian and Polish wordings (``families_id_pl``, round 18).

Sixteen families per language: six first-wording attack families, five second wordings
(``_b``) and five benign ones (the twin frame, look-alikes, everyday requests, and - added
after a first training flagged benign look-alikes - a second set of look-alikes and work,
study and tech requests). They must
carry the expected ids, labels and placements, be in the default training set, use only
known slots, render to plain text, have enough patterns and renderings, be written in their
language (common Indonesian words; Polish letters or words), be their own wordings (few
character 8-grams shared with the sibling wording, or for the benign families with the
language's other families), and the benign families never carry an attack cue - with a
self-test that each cue does match its attack family. Topics, answer words and native task
items come in both languages.
"""

from __future__ import annotations

import pytest
from family_checks import (
    EMPTY_SLOTS,
    LANGUAGE_MARKS,
    THIRD_WORDINGS,
    assert_benign_slots,
    assert_cues_match_their_attacks,
    assert_enough_wordings,
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
from distillwatch.signals.training.families_id_pl import (
    ID_PL_ANSWER_WORDS,
    ID_PL_FAMILIES,
    ID_PL_TOPICS,
)
from distillwatch.signals.training.tasks import _NATIVE

_LANGS = ("id", "pl")
# kind -> (label, placements, minimum patterns)
_SPEC: dict[str, tuple[str, tuple[str, ...] | None, int]] = {
    "cot": (COT, AROUND, 6),
    "cot_system": (COT, ("system",), 3),
    "reveal": (REVEAL, AROUND, 5),
    "posthoc": (POSTHOC, None, 4),
    "rubric": (RUBRIC, None, 4),
    "synth": (SYNTH, None, 4),
    "cot_b": (COT, AROUND, 6),
    "reveal_b": (REVEAL, AROUND, 5),
    "posthoc_b": (POSTHOC, None, 4),
    "rubric_b": (RUBRIC, None, 4),
    "synth_b": (SYNTH, None, 4),
    "ben": (BENIGN, None, 4),
    "ben_lookalike": (BENIGN, None, 14),
    "ben_everyday": (BENIGN, None, 18),
    "ben_lookalike_b": (BENIGN, None, 16),
    "ben_work": (BENIGN, None, 16),
}
_MIN_RENDERINGS = {"ben": 8, "ben_lookalike": 60, "ben_everyday": 60, "ben_lookalike_b": 60,
                   "ben_work": 60}
_SLOTS = set(EMPTY_SLOTS)
_LANG_RX = LANGUAGE_MARKS  # common Indonesian words; Polish letters or words
# At least this share of a family's (non-empty) renderings must carry its language's marks.
_MIN_LANG_SHARE = 0.9
# A new wording may share less than this of its character 8-grams with its sibling.
_MAX_SHARE = 0.3


def test_sixteen_families_per_language_with_their_labels() -> None:
    ids = [f.id for f in ID_PL_FAMILIES]
    assert len(ids) == 32
    assert ids == [f"{lang}_{kind}" for lang in _LANGS for kind in _SPEC]
    assert all(f.lang == f.id.split("_", 1)[0] for f in ID_PL_FAMILIES)
    assert all(f.label == _SPEC[kind_of(f)][0] for f in ID_PL_FAMILIES)
    all_ids = [f.id for f in ALL_FAMILIES]
    assert len(all_ids) == len(set(all_ids))  # no clash with any other family id
    assert set(ids) <= set(all_ids)  # in the default training set (round 18)
    # nothing else was written in these languages before round 19's third wordings
    assert {f.id for f in ALL_FAMILIES if f.lang in _LANGS and f not in THIRD_WORDINGS} == set(ids)


@pytest.mark.parametrize("family", ID_PL_FAMILIES, ids=lambda f: f.id)
def test_kinds_placements_and_slots(family: Family) -> None:
    kind = kind_of(family)
    _, placements, _ = _SPEC[kind]
    slots = [slots_of(p) for p in family.patterns]
    if kind in ("cot", "cot_system", "reveal", "cot_b", "reveal_b"):
        assert family.kind == "task"
        assert family.placements == placements
        assert not any(slots)
        return
    assert family.kind == "slots"
    assert family.placements != ("system",)  # a typed request, not a system prompt
    assert all(s <= _SLOTS for s in slots)
    base = kind.removesuffix("_b")
    assert_intent_slots(family, base)
    assert_benign_slots(family)


@pytest.mark.parametrize("family", ID_PL_FAMILIES, ids=lambda f: f.id)
def test_every_pattern_renders_to_plain_text(family: Family) -> None:
    kind = kind_of(family)
    assert_enough_wordings(family, patterns=_SPEC[kind][2],
                           renderings_needed=_MIN_RENDERINGS.get(kind, 40))


@pytest.mark.parametrize("family", ID_PL_FAMILIES, ids=lambda f: f.id)
def test_families_are_written_in_their_language(family: Family) -> None:
    share = share_matching(family, _LANG_RX[family.lang], draws=400)
    assert share >= _MIN_LANG_SHARE, share


def test_second_wordings_are_their_own() -> None:
    shares: dict[str, float] = {}
    for family in (f for f in ID_PL_FAMILIES if f.id.endswith("_b")):
        sibling = family_by_id(family.id.removesuffix("_b"))
        shares[family.id] = gram_share(family, [sibling], draws=200)
    worst = max(shares, key=shares.__getitem__)
    print(f"max 8-gram share of a _b family with its sibling: {worst} {shares[worst]:.3f}")
    # measured at most 0.114 (pl_synth_b: the intent's own nouns, "fine-tuningu",
    # "trenowania", "użytkownika", "rozwiązaniem", "z zakresu: "); Indonesian at most 0.094
    # (id_synth_b)
    assert all(s < _MAX_SHARE for s in shares.values()), shares


def test_benign_families_are_their_own() -> None:
    shares: dict[str, float] = {}
    for family in (f for f in ID_PL_FAMILIES if f.label == BENIGN):
        others = [f for f in ALL_FAMILIES if f.lang == family.lang and f.id != family.id
                  and f not in THIRD_WORDINGS]
        assert len(others) == 15
        shares[family.id] = gram_share(family, others, draws=200)
    worst = max(shares, key=shares.__getitem__)
    print(f"max 8-gram share of a benign family with its language: {worst} "
          f"{shares[worst]:.3f}")
    # measured at most 0.266 (id_ben_lookalike, now beside id_ben_lookalike_b and id_ben_work:
    # common words, "jelasin", "menurut Anda", "distilasi", "salahnya"; 0.159 before them);
    # id_ben 0.223, pl_ben 0.207, pl_ben_lookalike 0.208, everyday 0.151 (id) and 0.100 (pl)
    assert all(s < _MAX_SHARE for s in shares.values()), shares


def test_second_benign_families_are_their_own() -> None:
    # the two benign families added after a first training flagged look-alikes, against
    # the union of their language's fifteen other families
    shares: dict[str, float] = {}
    for family in (f for f in ID_PL_FAMILIES if kind_of(f) in ("ben_lookalike_b", "ben_work")):
        others = [f for f in ALL_FAMILIES if f.lang == family.lang and f.id != family.id]
        shares[family.id] = gram_share(family, others, draws=200)
    assert len(shares) == 4
    worst = max(shares, key=shares.__getitem__)
    print(f"max 8-gram share of a second benign family with its language: {worst} "
          f"{shares[worst]:.3f}")
    # measured at most 0.168 (id_ben_lookalike_b: "jelasin", "bagaimana cara", "menurut",
    # "distilasi"); id_ben_work 0.151, pl_ben_lookalike_b 0.109, pl_ben_work 0.095
    assert all(s < _MAX_SHARE for s in shares.values()), shares


@pytest.mark.parametrize("family", [f for f in ID_PL_FAMILIES if f.label == BENIGN],
                         ids=lambda f: f.id)
def test_no_attack_cue(family: Family) -> None:
    assert_no_attack_cue(family)


def test_topics_answer_words_and_native_tasks() -> None:
    assert set(ID_PL_TOPICS) == set(ID_PL_ANSWER_WORDS) == set(_LANGS)
    assert set(_LANGS) <= set(_NATIVE)  # native task items in tasks._NATIVE
    for lang in _LANGS:
        rx = _LANG_RX[lang]
        topics = ID_PL_TOPICS[lang]
        assert len(topics) == len(set(topics)) == 10
        words = ID_PL_ANSWER_WORDS[lang]
        assert "{x}" in words and "7" in words.format(x="7")
        assert rx.search(words.format(x="7"))
        tasks = _NATIVE[lang]
        assert len(tasks) == len(set(tasks)) == 7
        filled = [t.format(a=12, b=3, c=2) for t in tasks]
        assert all("{" not in t and "}" not in t for t in filled)
        assert sum(1 for t in tasks if "{a}" in t and "{b}" in t) == 4  # word problems
        assert sum(1 for t in tasks if "{" not in t) == 3  # general questions
        assert all(rx.search(t) for t in filled), filled


def test_the_checks_catch_an_attack_a_copy_and_a_wrong_language() -> None:
    assert_cues_match_their_attacks(_LANGS)  # each cue matches its attack family
    # a first wording under a _b id shares all its grams
    for old in (f for f in ID_PL_FAMILIES if f.id.endswith("_cot")):
        copy = Family(old.id + "_b", old.label, old.lang, old.patterns,
                      placements=old.placements)
        assert gram_share(copy, [old], draws=200) > 0.9
    # English wordings carry neither language's marks
    for lang in _LANGS:
        english = Family(f"{lang}_cot_b", COT, lang,
                         ("Think step by step and show (every|each) step.",
                          "What's a good recipe for dinner?"), placements=AROUND)
        assert share_matching(english, _LANG_RX[english.lang], draws=40) == 0

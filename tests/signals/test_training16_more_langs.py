"""Korean, Arabic, Hindi and Italian wordings (``families_more_langs``).

Eight families per language (six attack, the benign twin frame and the benign look-alikes).
They must carry the expected ids, labels and placements, use only known slots, render to
plain text, have enough renderings, and be written mostly in their language's script
(Hangul, Arabic, Devanagari; Italian by its own words, a minority of Hinglish allowed).
"""

from __future__ import annotations

import re

import pytest
from family_checks import (
    EMPTY_SLOTS,
    SCRIPTS,
    THIRD_WORDINGS,
    assert_intent_slots,
    assert_renders_plain,
    kind_of,
    renderings,
    slots_of,
)

from distillwatch.signals.training.benign import BENIGN
from distillwatch.signals.training.benign_more_langs import MORE_LANG_BENIGN_FAMILIES
from distillwatch.signals.training.dataset import ALL_FAMILIES
from distillwatch.signals.training.expand import count
from distillwatch.signals.training.families import COT, POSTHOC, REVEAL, RUBRIC, SYNTH, Family
from distillwatch.signals.training.families_more_langs import (
    MORE_LANG_ANSWER_WORDS,
    MORE_LANG_FAMILIES,
    MORE_LANG_TOPICS,
)
from distillwatch.signals.training.families_more_langs_b import MORE_LANG_B_FAMILIES

_LANGS = ("ko", "ar", "hi", "it")
_LABELS = {"cot": COT, "cot_system": COT, "reveal": REVEAL, "posthoc": POSTHOC,
           "rubric": RUBRIC, "synth": SYNTH, "ben": BENIGN, "ben_lookalike": BENIGN}
_MIN_PATTERNS = {"cot": 4, "cot_system": 2, "reveal": 4, "posthoc": 3, "rubric": 3,
                 "synth": 3, "ben": 4, "ben_lookalike": 12}
_MIN_RENDERINGS = {"ben": 8, "ben_lookalike": 60}
_SLOTS = set(EMPTY_SLOTS)
_ITALIAN = re.compile(
    r"\b(ragionamento|risposta|passaggi[o]?|spiega\w*|perché|questo|questa|della|dell'|"
    r"grazie|ecco|sono|ogni|domand[ae]|come si fa|dimmi|mostrami)\b", re.IGNORECASE)


def test_eight_families_per_language_with_their_labels() -> None:
    ids = [f.id for f in MORE_LANG_FAMILIES]
    assert len(ids) == 32
    assert len(ids) == len(set(ids))
    older = {f.id for f in ALL_FAMILIES if f.lang not in _LANGS}
    assert not set(ids) & older
    assert set(ids) <= {f.id for f in ALL_FAMILIES}  # in the default training set (round 16)
    # no older family was written in these languages (round 17's second wordings and
    # benign everyday/work families and round 19's third wordings came later)
    later = {f.id for f in (*MORE_LANG_B_FAMILIES, *MORE_LANG_BENIGN_FAMILIES,
                            *THIRD_WORDINGS)}
    assert {f.id for f in ALL_FAMILIES if f.lang in _LANGS} - later == set(ids)
    for lang in _LANGS:
        mine = {f.id: f.label for f in MORE_LANG_FAMILIES if f.lang == lang}
        assert mine == {f"{lang}_{k}": label for k, label in _LABELS.items()}


@pytest.mark.parametrize("family", MORE_LANG_FAMILIES, ids=lambda f: f.id)
def test_kinds_placements_and_slots(family: Family) -> None:
    kind = kind_of(family)
    if kind in ("cot", "cot_system", "reveal"):
        assert family.kind == "task"
        assert not any(slots_of(p) for p in family.patterns)
    else:
        assert family.kind == "slots"
        assert all(slots_of(p) <= _SLOTS for p in family.patterns)
    assert (family.placements == ("system",)) == (kind == "cot_system")
    slots = [slots_of(p) for p in family.patterns]
    if kind == "ben":  # the twin frame wraps the task item and nothing else
        assert all(s == {"task"} for s in slots)
    if kind == "ben_lookalike":  # a person's own few items, never {n}
        assert not any("n" in s for s in slots)
    assert_intent_slots(family, kind)


@pytest.mark.parametrize("family", MORE_LANG_FAMILIES, ids=lambda f: f.id)
def test_every_pattern_renders_to_plain_text(family: Family) -> None:
    kind = kind_of(family)
    need = _MIN_RENDERINGS.get(kind, 40)
    assert len(family.patterns) >= _MIN_PATTERNS[kind]
    assert sum(count(p) for p in family.patterns) >= need
    assert len(set(renderings(family, 1000))) >= need
    assert_renders_plain(family, 80, brackets=True)


@pytest.mark.parametrize("family", MORE_LANG_FAMILIES, ids=lambda f: f.id)
def test_families_are_written_in_their_language(family: Family) -> None:
    texts = renderings(family, 200)
    if family.lang == "it":
        assert any(_ITALIAN.search(t) for t in texts[:50])
        return
    script = SCRIPTS[family.lang]
    joined = "".join(texts)
    letters = [c for c in joined if c.isalpha() or script.match(c)]
    share = sum(1 for c in letters if script.match(c)) / len(letters)
    assert share >= 0.5, share


def test_topics_and_answer_words() -> None:
    assert set(MORE_LANG_TOPICS) == set(_LANGS) == set(MORE_LANG_ANSWER_WORDS)
    for lang in _LANGS:
        topics = MORE_LANG_TOPICS[lang]
        assert len(topics) == len(set(topics)) == 10
        words = MORE_LANG_ANSWER_WORDS[lang]
        assert "{x}" in words and "7" in words.format(x="7")
        if lang != "it":
            assert all(SCRIPTS[lang].search(t) for t in (*topics[:8], words))

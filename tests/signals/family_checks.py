"""Helpers of the wording-family checks (test_signals_families_en2,
test_training13_intl_more_wordings, test_training14_intl_lookalikes, test_training15_register,
test_training16_more_langs, test_training17_more_langs_b, test_training17_more_langs_benign,
test_training18_tr_vi, test_training18_id_pl): a sample item to wrap, seeded renderings, the
n-grams a family's patterns render to, so a new family can be compared with the older ones,
and the language checks (scripts, Italian words, the share of renderings a pattern finds)."""

from __future__ import annotations

import random
import re
import string

from distillwatch.signals.training.dataset import ALL_FAMILIES, _one
from distillwatch.signals.training.expand import count, sample
from distillwatch.signals.training.families import Family
from distillwatch.signals.training.tasks import Item

SAMPLE_ITEM = Item("Tom has 3 apples and buys 4 more. How many apples does he have?", "7",
                   "3 + 4 = 7. The answer is 7.", "gsm8k", "en", "train")
EMPTY_SLOTS = {k: "" for k in ("task", "question", "answer", "response", "n", "topic",
                               "rubric", "text")}


# Korean (Hangul), Arabic and Hindi (Devanagari) characters: a family in that language has them.
SCRIPTS = {
    "ko": re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]"),
    "ar": re.compile(r"[\u0600-\u06ff\u0750-\u077f]"),
    "hi": re.compile(r"[\u0900-\u097f]"),
}
# Italian function and common words, none of them English words.
ITALIAN_WORDS = re.compile(
    r"\b(il|lo|la|le|gli|un|una|di|da|del|della|dello|dei|degli|delle|nel|alla|tra|con|"
    r"che|chi|ogni|questo|questa|sono|sei|è|più|perché|qui|sotto|solo|soltanto|oppure|"
    r"ciascun[ao]?|risultato|mi|ti|ho|come)\b",
    re.IGNORECASE)


def kind_of(family: Family) -> str:
    """What a language family is, its id without the language: ``ko_cot_b`` -> ``cot_b``."""
    return family.id.split("_", 1)[1]


def slots_of(pattern: str) -> set[str]:
    """The ``str.format`` fields a pattern fills."""
    return {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}


def renderings(family: Family, draws: int) -> list[str]:
    """``draws`` renderings of ``family``'s patterns, slot contents left out; seeded by the
    family id."""
    rng = random.Random(family.id)
    out = []
    for _ in range(draws):
        text = sample(rng.choice(family.patterns), rng)
        out.append(text.format(**EMPTY_SLOTS) if family.kind == "slots" else text)
    return out


def family_grams(family: Family, *, k: int, draws: int, chars: bool = False) -> set[str]:
    """Word (or, with ``chars``, character) ``k``-grams of ``draws`` renderings of
    ``family``'s patterns, slot contents left out; seeded by the family id."""
    rng = random.Random(family.id)
    out: set[str] = set()
    for _ in range(draws):
        text = sample(rng.choice(family.patterns), rng)
        if family.kind == "slots":
            text = text.format(**EMPTY_SLOTS)
        if chars:
            text = re.sub(r"\s+", " ", text.lower())
            out |= {text[i:i + k] for i in range(len(text) - k + 1)}
        else:
            words = re.findall(r"\w+", text.lower())
            out |= {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}
    return out


def grams_of(families: list[Family], *, k: int, draws: int, chars: bool = False) -> set[str]:
    """The union of :func:`family_grams` over ``families``."""
    out: set[str] = set()
    for fam in families:
        out |= family_grams(fam, k=k, draws=draws, chars=chars)
    return out


def gram_share(family: Family, older: list[Family], *, draws: int) -> float:
    """Share of ``family``'s character 8-grams (:func:`family_grams`) that ``older`` families
    also render: how far a new family is a copy of the wordings it joins."""
    grams = family_grams(family, k=8, draws=draws, chars=True)
    return len(grams & grams_of(older, k=8, draws=draws, chars=True)) / len(grams)


def assert_renders_plain(family: Family, draws: int, *, brackets: bool = False) -> None:
    """``draws`` renderings of ``family`` around :data:`SAMPLE_ITEM` leave no grammar
    (``(a|b)``; with ``brackets`` no ``[`` or ``]`` but a ``[[rating]]`` marker) and no
    unfilled ``str.format`` field, and a task family wraps the item's question."""
    leftover = r"\(\w+\|\w+|\{(task|question|answer|response|n|topic)\}"
    if brackets:
        leftover += r"|[\[\]]"
    rng = random.Random(0)
    for _ in range(draws):
        prompt, system = _one(family, SAMPLE_ITEM, rng)
        text = prompt + "\n" + (system or "")
        assert not re.search(leftover, text.replace("[[", "").replace("]]", "")), text
        assert family.kind == "slots" or SAMPLE_ITEM.question in text, text


def assert_enough_wordings(family: Family, *, patterns: int, renderings_needed: int) -> None:
    """At least ``patterns`` distinct patterns and ``renderings_needed`` distinct renderings,
    both as the grammar counts them and as drawn, every one plain text (with brackets)."""
    assert len(family.patterns) >= patterns
    assert len(set(family.patterns)) == len(family.patterns)
    assert sum(count(p) for p in family.patterns) >= renderings_needed
    assert len(set(renderings(family, 1000))) >= renderings_needed
    assert_renders_plain(family, 80, brackets=True)


def family_by_id(family_id: str) -> Family:
    """The training family with this id."""
    return next(f for f in ALL_FAMILIES if f.id == family_id)


def share_matching(family: Family, pattern: re.Pattern[str], *, draws: int) -> float:
    """Share of ``draws`` renderings of ``family`` (the empty ones left out: a bare ``{task}``
    renders empty) in which ``pattern`` is found."""
    texts = [t for t in renderings(family, draws) if t.strip()]
    return sum(1 for t in texts if pattern.search(t)) / len(texts)


def assert_in_language(family: Family, *, max_roman_hi: float,
                       hindi_letters: bool = True) -> None:
    """A Korean, Arabic, Hindi or Italian family is written in its language: Italian words in
    90% of its renderings; a script character in every Korean and Arabic one and in all but
    ``max_roman_hi`` of the Hindi ones (romanised Hinglish); half its letters in the script
    (for Hindi only with ``hindi_letters``)."""
    texts = renderings(family, 400)
    if family.lang == "it":
        share = sum(1 for t in texts if ITALIAN_WORDS.search(t)) / len(texts)
        assert share >= 0.9, share
        return
    script = SCRIPTS[family.lang]
    without = sum(1 for t in texts if not script.search(t)) / len(texts)
    if family.lang == "hi":
        assert without <= max_roman_hi, without
        if not hindi_letters:
            return
    else:
        assert without == 0, without
    letters = [c for c in "".join(texts) if c.isalpha()]
    assert sum(1 for c in letters if script.match(c)) / len(letters) >= 0.5

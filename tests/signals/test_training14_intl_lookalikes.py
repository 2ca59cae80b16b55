"""Two more benign look-alike families in each of the seven other languages
(``benign_intl_lookalikes``: ``xx_ben_study``, ``xx_ben_steps``).

They must be benign, new (few character 8-grams shared with the older benign families of
their language, slot contents left out), render to plain text, and carry the attacks'
vocabulary ("step by step" in the language) in a benign request.
"""

from __future__ import annotations

import random

import pytest
from family_checks import assert_renders_plain, gram_share

from distillwatch.signals.training.benign import BENIGN, INTL_BENIGN_FAMILIES
from distillwatch.signals.training.benign_intl_lookalikes import INTL_LOOKALIKE_FAMILIES
from distillwatch.signals.training.dataset import ALL_FAMILIES
from distillwatch.signals.training.expand import count, sample
from distillwatch.signals.training.families import Family

_LANGS = ("zh", "es", "fr", "de", "ru", "ja", "pt")
_STEP_PHRASES = {
    "zh": ("一步一步", "步骤"), "es": ("paso a paso",), "fr": ("étape par étape",),
    "de": ("Schritt für Schritt",), "ru": ("пошагово", "по шагам"), "ja": ("ステップ", "手順"),
    "pt": ("passo a passo",),
}


def test_two_benign_families_per_language_in_the_training_set() -> None:
    fams = INTL_LOOKALIKE_FAMILIES
    assert len(fams) == 14
    ids = [f.id for f in fams]
    assert len(ids) == len(set(ids))
    all_ids = [f.id for f in ALL_FAMILIES]
    assert len(all_ids) == len(set(all_ids))
    assert set(ids) <= set(all_ids)  # in the default training set
    assert {f.label for f in fams} == {BENIGN}
    for lang in _LANGS:
        assert sorted(f.id for f in fams if f.lang == lang) == [
            f"{lang}_ben_steps", f"{lang}_ben_study"]


@pytest.mark.parametrize("family", INTL_LOOKALIKE_FAMILIES, ids=lambda f: f.id)
def test_every_pattern_renders_to_plain_text(family: Family) -> None:
    assert family.kind == "slots"
    assert len(family.patterns) >= 10
    assert sum(count(p) for p in family.patterns) >= 60
    assert_renders_plain(family, 60, brackets=True)


@pytest.mark.parametrize("family", INTL_LOOKALIKE_FAMILIES, ids=lambda f: f.id)
def test_new_families_are_their_own_wordings(family: Family) -> None:
    older = [f for f in INTL_BENIGN_FAMILIES if f.lang == family.lang]
    assert len(older) == 2
    share = gram_share(family, older, draws=200)
    # measured at most 0.048 (fr_ben_steps: "étape par étape", "le raisonnement", "comment")
    assert share < 0.3, share


@pytest.mark.parametrize("lang", _LANGS)
def test_steps_family_uses_the_step_by_step_phrase(lang: str) -> None:
    family = next(f for f in INTL_LOOKALIKE_FAMILIES if f.id == f"{lang}_ben_steps")
    rng = random.Random(lang)
    renderings = [sample(rng.choice(family.patterns), rng) for _ in range(300)]
    assert any(p in r for r in renderings for p in _STEP_PHRASES[lang])

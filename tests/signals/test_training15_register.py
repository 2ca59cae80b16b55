"""Casual-register wordings in Japanese, Chinese and Russian (``families_register``).

Five attack families per language in casual register and one benign family in the same
register. They must carry the expected ids and labels, render to plain text, have enough
renderings, be new (few character 8-grams shared with the older families of their
language, slot contents left out), and the attack families must stay out of the polite
register they were written to complement (Japanese ください/ます, Chinese 请/您, Russian вы
and -те imperatives, пожалуйста).
"""

from __future__ import annotations

import re

import pytest
from family_checks import assert_renders_plain, gram_share, renderings

from distillwatch.signals.training.benign import BENIGN, INTL_BENIGN_FAMILIES
from distillwatch.signals.training.benign_intl_lookalikes import INTL_LOOKALIKE_FAMILIES
from distillwatch.signals.training.dataset import ALL_FAMILIES
from distillwatch.signals.training.expand import count, parse
from distillwatch.signals.training.families import COT, POSTHOC, REVEAL, RUBRIC, SYNTH, Family
from distillwatch.signals.training.families_extra import EXTRA_FAMILIES
from distillwatch.signals.training.families_intl import INTL_FAMILIES
from distillwatch.signals.training.families_register import REGISTER_FAMILIES

_LANGS = ("ja", "zh", "ru")
_LABELS = {"cot": COT, "reveal": REVEAL, "posthoc": POSTHOC, "rubric": RUBRIC,
           "synth": SYNTH, "ben": BENIGN}
_ATTACKS = [f for f in REGISTER_FAMILIES if f.label != BENIGN]
_POLITE = {
    "ja": re.compile(r"ください|下さい|ます|です"),
    "zh": re.compile(r"请|您"),
    # вы/вас/вам/ваш..., plural/polite imperatives (покажите, давайте), пожалуйста
    "ru": re.compile(r"\b(вы|вас|вам|вами|ваш\w*)\b|\b\w+(ите|йте)\b|пожалуйста",
                     re.IGNORECASE),
}


def _expansions(node: object) -> list[str]:
    """Every string a parsed pattern (``expand.parse``) expands to, slots left in."""
    out = [""]
    for part in node.parts:  # type: ignore[attr-defined]
        if isinstance(part, str):
            out = [o + part for o in out]
            continue
        opts = [e for seq in part.options for e in _expansions(seq)]
        if part.optional:
            opts.append("")
        out = [o + e for o in out for e in opts]
    return out


def test_six_families_per_language_with_their_labels() -> None:
    ids = [f.id for f in REGISTER_FAMILIES]
    assert len(ids) == 18
    assert len(ids) == len(set(ids))
    older = {f.id for f in (*INTL_FAMILIES, *EXTRA_FAMILIES, *INTL_BENIGN_FAMILIES,
                            *INTL_LOOKALIKE_FAMILIES)}
    assert not set(ids) & older
    assert set(ids) <= {f.id for f in ALL_FAMILIES}  # in the default training set (round 15)
    for lang in _LANGS:
        mine = {f.id: f.label for f in REGISTER_FAMILIES if f.lang == lang}
        assert mine == {f"{lang}_{k}_casual": label for k, label in _LABELS.items()}


@pytest.mark.parametrize("family", REGISTER_FAMILIES, ids=lambda f: f.id)
def test_every_pattern_renders_to_plain_text(family: Family) -> None:
    benign = family.label == BENIGN
    assert len(family.patterns) >= (10 if benign else 4)
    assert sum(count(p) for p in family.patterns) >= (60 if benign else 40)
    assert len(set(renderings(family, 1000))) >= (60 if benign else 40)
    if family.label in (POSTHOC, RUBRIC, SYNTH, BENIGN):
        assert family.kind == "slots"
    assert_renders_plain(family, 80, brackets=True)


@pytest.mark.parametrize("family", REGISTER_FAMILIES, ids=lambda f: f.id)
def test_new_families_are_their_own_wordings(family: Family) -> None:
    older = [f for f in (*INTL_FAMILIES, *EXTRA_FAMILIES, *INTL_BENIGN_FAMILIES,
                         *INTL_LOOKALIKE_FAMILIES) if f.lang == family.lang]
    assert len(older) >= 10
    share = gram_share(family, older, draws=200)
    # measured at most 0.167 (ru_posthoc_casual: common words, " в конце", "как к нему",
    # "обоснов"); the Japanese and Chinese families share at most 0.02 (zh_synth_casual)
    assert share < 0.3, share


def test_the_polite_register_checks_catch_polite_forms() -> None:
    for lang, polite, casual in (
        ("ja", "途中の式も書いてください。", "途中の式も書いて。"),
        ("ja", "答えだけ出します", "答えだけ出して"),
        ("zh", "请写出推理过程", "把推理过程写出来"),
        ("ru", "Покажите ход решения.", "Покажи ход решения."),
        ("ru", "Вы можете расписать?", "Можешь расписать?"),
        ("ru", "Давайте по шагам", "Давай по шагам"),
    ):
        assert _POLITE[lang].search(polite), polite
        assert not _POLITE[lang].search(casual), casual


@pytest.mark.parametrize("family", _ATTACKS, ids=lambda f: f.id)
def test_attack_families_are_not_in_the_polite_register(family: Family) -> None:
    polite = _POLITE[family.lang]
    for pattern in family.patterns:  # every expansion, not only the sampled ones
        expansions = _expansions(parse(pattern))
        assert len(expansions) == count(pattern)
        for text in expansions:
            assert not polite.search(text), text

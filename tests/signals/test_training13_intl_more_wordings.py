"""One more wording of chain-of-thought and of synthetic-data requests in each of the seven
other languages (``families_intl``: ``xx_cot_b``, ``xx_synth_b``; docs/signals.md, "Round 13").

Leaving one family out only tests generalisation if the families left in are other
wordings, not copies: each new family must share few character 8-grams with the families
of its language that existed before (slot contents left out), and every pattern must render
to plain text with its item in place.
"""

from __future__ import annotations

import pytest
from family_checks import assert_renders_plain, gram_share

from distillwatch.signals.training.dataset import ALL_FAMILIES
from distillwatch.signals.training.expand import count
from distillwatch.signals.training.families import COT, SYNTH, Family
from distillwatch.signals.training.families_intl import INTL_FAMILIES

_LANGS = ("zh", "es", "fr", "de", "ru", "ja", "pt")
_NEW = [f for f in INTL_FAMILIES if f.id.endswith(("_cot_b", "_synth_b"))]


def test_each_language_gains_a_cot_and_a_synthetic_data_wording() -> None:
    ids = [f.id for f in ALL_FAMILIES]
    assert len(ids) == len(set(ids))
    assert {f.id for f in _NEW} <= set(ids)
    for lang in _LANGS:
        for label in (COT, SYNTH):
            mine = [f.id for f in ALL_FAMILIES if f.lang == lang and f.label == label]
            assert len(mine) >= 4, mine
            assert f"{lang}_{'cot' if label == COT else 'synth'}_b" in mine


@pytest.mark.parametrize("family", _NEW, ids=lambda f: f.id)
def test_every_pattern_renders_to_plain_text(family: Family) -> None:
    assert sum(count(p) for p in family.patterns) >= 30
    assert_renders_plain(family, 60, brackets=True)


@pytest.mark.parametrize("family", _NEW, ids=lambda f: f.id)
def test_new_families_are_their_own_wordings(family: Family) -> None:
    older = [f for f in INTL_FAMILIES
             if f.lang == family.lang and f.label != "benign" and f not in _NEW]
    share = gram_share(family, older, draws=80)
    # measured at most 0.25 (es_synth_b: "cada una con su respuesta", "en formato JSON")
    assert share < 0.3, share

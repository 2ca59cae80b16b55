"""The second set of English wording families and their benign look-alikes.

A held-out family only tests a new wording if it is one: each new family must share few of
its word 4-grams with the families that already existed (slot contents left out), and every
pattern must render to plain text (no grammar or format characters left over).
"""

from __future__ import annotations

from collections import Counter

import pytest
from family_checks import assert_renders_plain, family_grams, grams_of

from distillwatch.schema import INTENT_CLASSES
from distillwatch.signals.training.benign_en2 import BENIGN_EN2_FAMILIES
from distillwatch.signals.training.dataset import ALL_FAMILIES, EN2_SET
from distillwatch.signals.training.expand import count
from distillwatch.signals.training.families import Family
from distillwatch.signals.training.families_en2 import EN2_FAMILIES

_NEW_IDS = {f.id for f in EN2_FAMILIES}


def test_new_families_are_registered_once_with_known_labels() -> None:
    ids = Counter(f.id for f in (*ALL_FAMILIES, *EN2_SET))
    assert all(n == 1 for n in ids.values())
    assert _NEW_IDS | {f.id for f in BENIGN_EN2_FAMILIES} == {f.id for f in EN2_SET}
    assert not _NEW_IDS & {f.id for f in ALL_FAMILIES}  # opt-in (train_intent.py --en2)
    english = [f for f in EN2_FAMILIES if f.lang == "en"]
    assert len(english) >= 40
    per_intent = Counter(f.label for f in english)
    assert set(per_intent) == set(INTENT_CLASSES) - {"benign"}
    assert min(per_intent.values()) >= 6
    assert all(f.label == "benign" for f in BENIGN_EN2_FAMILIES)


@pytest.mark.parametrize("family", [*EN2_FAMILIES, *BENIGN_EN2_FAMILIES], ids=lambda f: f.id)
def test_every_pattern_renders_to_plain_text(family: Family) -> None:
    assert sum(count(p) for p in family.patterns) >= 80
    assert_renders_plain(family, 40)


def test_new_families_are_their_own_wordings() -> None:
    older = [f for f in ALL_FAMILIES if f.id not in _NEW_IDS and f.label != "benign"]
    seen = grams_of(older, k=4, draws=60)
    shares = {}
    for fam in EN2_FAMILIES:
        grams = family_grams(fam, k=4, draws=60)
        shares[fam.id] = len(grams & seen) / len(grams)
    # measured at most 0.09 (a system-prompt grader shares "a score from 1 to 10")
    assert max(shares.values()) < 0.15, shares

"""The wording grammar used to generate training examples."""

from __future__ import annotations

import random

import pytest

from distillwatch.signals.training.dataset import ALL_FAMILIES
from distillwatch.signals.training.expand import count, sample


def test_sample_picks_alternatives_and_optionals() -> None:
    rng = random.Random(0)
    seen = {sample("[please ](think|reason) step by step", rng) for _ in range(200)}
    assert seen == {
        "Please think step by step",
        "Please reason step by step",
        "Think step by step",
        "Reason step by step",
    }
    assert count("[please ](think|reason) step by step") == 4


def test_escapes_are_literal() -> None:
    assert sample("format: \\[\\[rating\\]\\]", random.Random(0)) == "Format: [[rating]]"


@pytest.mark.parametrize("bad", ["(a|b", "a)b", "[a", "a]"])
def test_unbalanced_patterns_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        sample(bad, random.Random(0))


def test_every_family_parses_and_has_many_wordings() -> None:
    ids = [f.id for f in ALL_FAMILIES]
    assert len(ids) == len(set(ids))
    langs = {f.lang for f in ALL_FAMILIES if f.label != "benign"}
    assert {"en", "zh", "es", "fr", "de", "ru", "ja", "pt"} <= langs
    for fam in ALL_FAMILIES:
        total = sum(count(p) for p in fam.patterns)
        assert total >= 2, fam.id

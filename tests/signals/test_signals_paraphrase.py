"""Surface perturbations used to widen the generated training examples."""

from __future__ import annotations

import random

from distillwatch.signals.training.paraphrase import perturb


def test_perturb_is_seeded_and_changes_the_surface() -> None:
    text = "Think step by step and show every step of your work before the final answer."
    a = [perturb(text, "en", random.Random(i)) for i in range(50)]
    b = [perturb(text, "en", random.Random(i)) for i in range(50)]
    assert a == b
    assert sum(t != text for t in a) >= 40
    assert all(t for t in a)


def test_perturb_cjk_keeps_most_characters() -> None:
    text = "请一步一步地思考，并写出完整的解题过程。"
    for i in range(50):
        out = perturb(text, "zh", random.Random(i))
        kept = sum(ch in out for ch in set(text))
        assert kept >= len(set(text)) // 2

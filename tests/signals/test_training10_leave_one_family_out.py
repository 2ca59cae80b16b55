"""Leave ONE family out (``fit.leave_families_out(leave_one_out=True)``): each fold holds out
exactly one base family with its benign twins, and nothing else."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from distillwatch.signals.training.dataset import Example
from distillwatch.signals.training.fit import (
    TrainOptions,
    attack_families,
    family_folds,
    fold_arrays,
    held_out_mask,
    leave_families_out,
    one_family_folds,
)

# "en_cot" and "en_cot_b" share a prefix: a fold must not hold out one by matching the other
_ATTACK = {"en_cot": "cot_elicitation", "en_cot_b": "cot_elicitation",
           "zh_rubric": "rubric_grading", "de_synth": "synthetic_data"}


def _examples() -> list[Example]:
    out: list[Example] = []
    for fam, label in _ATTACK.items():
        for split in ("train", "calib", "test"):
            for j in range(6):
                out.append(Example(f"{fam} {split} {j}", None, label, fam, fam[:2], split))
                out.append(Example(f"twin {fam} {split} {j}", None, "benign", f"{fam}~twin",
                                   fam[:2], split))
    for split in ("train", "calib", "test"):
        for j in range(40):
            out.append(Example(f"real {split} {j}", None, "benign", "real_alpaca", "en", split))
        for j in range(10):
            out.append(Example(f"look-alike {split} {j}", None, "benign", "en_ben_plain", "en",
                               split))
    return out


def _features(examples: list[Example]) -> sp.csr_matrix:
    """One indicator column per family (twins share their family's) plus noise columns, so
    the fits are quick and deterministic."""
    rng = np.random.default_rng(0)
    cols = {f: i for i, f in enumerate(sorted({e.family.split("~")[0] for e in examples}))}
    rows, cidx, vals = [], [], []
    for r, e in enumerate(examples):
        rows.append(r)
        cidx.append(cols[e.family.split("~")[0]])
        vals.append(1.0)
        for c in rng.integers(len(cols), len(cols) + 32, size=3):
            rows.append(r)
            cidx.append(int(c))
            vals.append(1.0)
    return sp.csr_matrix((vals, (rows, cidx)), shape=(len(examples), len(cols) + 32))


def test_one_family_folds_are_base_families_one_each() -> None:
    fold_of = one_family_folds(["en_cot~twin", "en_cot", "zh_rubric", "de_synth~x"])
    assert fold_of == {"de_synth": 0, "en_cot": 1, "zh_rubric": 2}
    # the 10-fold dealer with as many folds as families also gives one family per fold
    fams = sorted(_ATTACK)
    dealt = family_folds(fams, len(fams))
    assert sorted(dealt.values()) == list(range(len(fams)))


def test_each_fold_holds_out_one_family_and_its_twins_only() -> None:
    examples = _examples()
    arrays = fold_arrays(examples, TrainOptions())
    fold_of = one_family_folds(attack_families(examples))
    assert len(set(fold_of.values())) == len(_ATTACK)
    seen: set[str] = set()
    for k in range(len(_ATTACK)):
        held = held_out_mask(arrays.base_family, fold_of, k)
        fams = {examples[i].family for i in np.flatnonzero(held)}
        (attack,) = {f for f in fams if "~" not in f}
        assert fams == {attack, f"{attack}~twin"}
        # all of that family's examples (every split), twins included
        want = [e.family.split("~")[0] == attack for e in examples]
        assert held.tolist() == want
        seen.add(attack)
    assert seen == set(_ATTACK)


def test_leave_one_out_report_pools_every_family() -> None:
    examples = _examples()
    x = _features(examples)
    report = leave_families_out(examples, x, options=TrainOptions(epochs=3), folds=2,
                                leave_one_out=True)
    assert report["protocol"] == "one family per fold"
    assert [f["held_out"] for f in report["folds"]] == [[f] for f in sorted(_ATTACK)]
    assert set(report["by_family"]) == set(_ATTACK)
    n_test = sum(1 for e in examples if e.label != "benign" and e.split == "test")
    assert report["examples"] == n_test
    assert sum(v["n"] for v in report["by_family"].values()) == n_test
    # pooled over prompts: the overall recall is the n-weighted mean of the families'
    pooled = sum(v["recall"] * v["n"] for v in report["by_family"].values()) / n_test
    assert abs(report["recall"] - round(pooled, 4)) < 1e-9
    assert report["benign_above_threshold"]["folds"] == len(_ATTACK)
    for row in report["benign_above_threshold"]["with_reasoning_requests"]:
        assert row["family"] == "real_alpaca"
        assert 1 <= row["folds"] <= len(_ATTACK)

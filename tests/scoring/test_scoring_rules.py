"""Rules as data: loading, validation with file:line, scoring and label-free calibration."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from sklearn.base import clone

from distillwatch.exceptions import RuleError
from distillwatch.features.account import FEATURE_NAMES
from distillwatch.scoring.calibration import calibrate
from distillwatch.scoring.rules import Calibration, RuleSet, load_rules
from distillwatch.scoring.scorer import CONTEXT_FEATURES, AccountScorer, NotFittedError

RULES = """
name = "t"
version = "1"

[[rules]]
id = "a.logprobs"
group = "params"
feature = "share_logprobs"
ramp = [0.2, 0.6]
weight = 0.5
reason = "{value:.0%} logprobs"

[[rules]]
id = "a.effort"
group = "params"
feature = "share_max_effort"
ramp = [0.0, 1.0]
weight = 0.4
reason = "{value:.0%} effort"

[[rules]]
id = "b.young"
expr = "exchanges * (account_age_days < 10)"
ramp = [100, 200]
weight = 0.5
when = "exchanges >= 5"
reason = "{value:.0f} exchanges while young"
"""


def _features(**cols: list) -> pa.Table:
    n = len(next(iter(cols.values())))
    base = {"account_id": [f"a{i}" for i in range(n)], "exchanges": [100] * n}
    return pa.table({**base, **cols})


def test_builtin_rules_load_and_read_known_features() -> None:
    rules = load_rules()
    assert rules.name == "default" and len(rules.rules) > 15
    rules.check_features([*FEATURE_NAMES, *CONTEXT_FEATURES])
    assert all(r.source and r.source.startswith("<builtin>/default.toml:") for r in rules.rules)


def test_unknown_key_names_file_and_line(tmp_path: Path) -> None:
    bad = RULES.replace('weight = 0.4', 'weight = 0.4\nwieght = 1')
    path = tmp_path / "r.toml"
    path.write_text(bad)
    with pytest.raises(RuleError, match=r"wieght.*r\.toml:13"):
        load_rules(path)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('ramp = [0.2, 0.6]', 'ramp = [0.2, 0.2]', "ramp"),
        ('weight = 0.5\nreason = "{value:.0%} logprobs"', 'weight = 1.5\nreason = "x"', "weight"),
        ('expr = "exchanges * (account_age_days < 10)"', 'expr = "__import__(1)"', "not allowed"),
        ('reason = "{value:.0f} exchanges while young"', 'reason = "{nope}"', "template"),
        ('name = "t"', 'name = "t"\ncolour = 1', "top-level"),
    ],
)
def test_bad_rules_are_rejected(old: str, new: str, message: str) -> None:
    assert old in RULES
    with pytest.raises(RuleError, match=message):
        RuleSet.from_toml(RULES.replace(old, new, 1), source="x.toml")


def test_groups_count_once_and_kinds_compound() -> None:
    rules = RuleSet.from_toml(RULES)
    f = _features(share_logprobs=[1.0, 1.0, 0.0], share_max_effort=[1.0, 0.0, 0.0],
                  account_age_days=[1.0, 50.0, 1.0])
    f = f.set_column(1, "exchanges", pa.array([300, 300, 3]))
    s = AccountScorer(rules=rules).fit(f).score(f)
    score = s.column("score").to_pylist()
    # a0: params max(0.5, 0.4) = 0.5 and young 0.5 -> 1 - 0.5 * 0.5
    assert score[0] == pytest.approx(0.75)
    assert score[1] == pytest.approx(0.5)  # old account: only params
    assert score[2] == pytest.approx(0.0)  # guard: too few exchanges
    assert s.column("reasons").to_pylist()[0] == ["a.logprobs", "b.young", "a.effort"]
    # two scored accounts are their own bulk: the null model keeps them below the flag
    assert s.column("flagged").to_pylist() == [False, False, False]


def test_scorer_follows_estimator_contract() -> None:
    scorer = AccountScorer(fpr=0.01)
    assert clone(scorer).get_params() == {"rules": None, "fpr": 0.01}
    with pytest.raises(NotFittedError):
        scorer.score(_features(share_logprobs=[0.0]))


def test_calibration_uses_floor_on_clean_bulk_and_null_on_noisy_bulk() -> None:
    cal = Calibration()
    clean = calibrate(np.zeros(1000), fpr=0.001, calibration=cal)
    assert clean.medium == cal.floor_medium and clean.from_null == ()
    rng = np.random.default_rng(0)
    noisy_bulk = 1 / (1 + np.exp(-rng.normal(-1.0, 1.0, 5000)))  # benign scores around 0.27
    attackers = np.full(1000, 0.99)  # a large minority must not move the null
    th = calibrate(np.r_[noisy_bulk, attackers], fpr=0.001, calibration=cal)
    assert "medium" in th.from_null
    benign_fpr = float((noisy_bulk >= th.medium).mean())
    assert benign_fpr <= 0.005
    assert th.low <= th.medium <= th.high <= th.critical
    assert float((attackers >= th.medium).mean()) == 1.0

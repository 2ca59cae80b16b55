"""Label-free thresholds stay put when attackers are a large share of the population."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from distillwatch.scoring.calibration import calibrate
from distillwatch.scoring.rules import Calibration, RuleSet
from distillwatch.scoring.scorer import AccountScorer

FPR = 0.001


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-x)))


def _population(attack_share: float, *, zeros: float, seed: int = 0) -> tuple[np.ndarray, ...]:
    """Benign: a share of exact zeros (no rule fired) plus log-odds N(-1, 1) (scores ~0.27);
    attackers: log-odds N(4.5, 0.7) (scores ~0.99), ``attack_share`` of all accounts."""
    rng = np.random.default_rng(seed)
    n_benign = 20_000
    n_attack = round(n_benign * attack_share / (1.0 - attack_share))
    benign = _sigmoid(rng.normal(-1.0, 1.0, n_benign))
    benign[: round(zeros * n_benign)] = 0.0
    attackers = _sigmoid(rng.normal(4.5, 0.7, n_attack))
    return benign, attackers


@pytest.mark.parametrize("zeros", [0.0, 0.6])
def test_threshold_is_stable_from_no_to_many_attackers(zeros: float) -> None:
    cal = Calibration()
    flags = []
    for share in (0.0, 0.1, 0.4):
        benign, attackers = _population(share, zeros=zeros)
        th = calibrate(np.r_[benign, attackers], fpr=FPR, calibration=cal)
        benign_fpr = float((benign >= th.medium).mean())
        # the budget on the benign part (20,000 accounts: 20 expected, a few more by chance)
        assert benign_fpr <= 2 * FPR, (share, th.medium, benign_fpr)
        if attackers.size:
            assert float((attackers >= th.medium).mean()) >= 0.99, (share, th.medium)
        flags.append(th.medium)
    assert max(flags) - min(flags) < 0.05, flags


def test_noisy_bulk_sets_the_threshold_above_the_floor() -> None:
    benign, attackers = _population(0.4, zeros=0.0)
    th = calibrate(np.r_[benign, attackers], fpr=FPR, calibration=Calibration())
    assert "medium" in th.from_null and th.medium > Calibration().floor_medium
    assert th.null_accounts < benign.size + attackers.size // 10  # attackers trimmed away


def test_excluded_accounts_stay_out_of_the_null() -> None:
    rng = np.random.default_rng(1)
    benign = _sigmoid(rng.normal(-1.0, 1.0, 5000))
    members = np.full(5000, 0.97)  # half the population, all in campaigns
    cal = Calibration()
    with_members = calibrate(np.r_[benign, members], fpr=FPR, calibration=cal,
                             exclude=np.r_[np.zeros(5000, bool), np.ones(5000, bool)])
    alone = calibrate(benign, fpr=FPR, calibration=cal)
    assert with_members.medium == pytest.approx(alone.medium)
    assert with_members.null_accounts <= benign.size


RULES = """
name = "t"
version = "1"

[calibration]
min_exchanges_to_flag = 5
campaign_score_to_flag = 0.65
min_exchanges_to_flag_in_campaign = 1

[[rules]]
id = "a.logprobs"
feature = "share_logprobs"
ramp = [0.2, 0.6]
weight = 0.6
reason = "{value:.0%} logprobs"

[[rules]]
id = "campaign.member"
feature = "campaign_score"
ramp = [0.3, 0.9]
weight = 0.9
reason = "campaign {value:.2f}"
"""


def test_small_campaign_members_are_flagged_small_loners_are_not() -> None:
    rules = RuleSet.from_toml(RULES)
    quiet = 50  # customers the rule barely fires on (scores 0 to 0.15)
    features = pa.table({
        "account_id": ["member", "weak_member", "loner", "big"] + [f"q{i}" for i in range(quiet)],
        "exchanges": [2, 2, 2, 50] + [50] * quiet,
        "share_logprobs": [0.0, 0.0, 1.0, 1.0, *np.linspace(0.2, 0.3, quiet).tolist()],
        "campaign_id": ["c1", "c2", None, None] + [None] * quiet,
        "campaign_score": [0.95, 0.6, None, None] + [None] * quiet,
    })
    scored = AccountScorer(rules=rules, fpr=FPR).fit(features).score(features).slice(0, 4)
    flagged = dict(zip(scored["account_id"].to_pylist(), scored["flagged"].to_pylist(),
                       strict=True))
    # the 2-exchange member of a strong campaign is flagged; a 2-exchange account with the
    # same score on its own evidence is not (too little traffic), nor a weak campaign's member
    assert flagged == {"member": True, "weak_member": False, "loner": False, "big": True}

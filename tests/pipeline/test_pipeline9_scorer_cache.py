"""AccountScorer evaluates a table once for fit, score and contributions (detect's order):
the tables are those of evaluating each call afresh, and a new fit drops the cache."""

from __future__ import annotations

import random

import pyarrow as pa

from distillwatch.scoring.rules import RuleSet
from distillwatch.scoring.scorer import AccountScorer


def _rules() -> RuleSet:
    return RuleSet.from_dict({"name": "t", "version": "1", "rules": [
        {"id": "a.one", "feature": "x", "ramp": [0.0, 1.0], "weight": 0.6,
         "reason": "x is {value:.3f} (p99 {p99:.2f})", "tactic": "t1"},
        {"id": "a.two", "feature": "y", "ramp": [0.0, 2.0], "weight": 0.4,
         "reason": "y {value} strength {strength:.2f}", "group": "g"},
        {"id": "a.three", "expr": "x * y", "ramp": [0.0, 1.0], "weight": 0.3,
         "reason": "x*y {value:.2f}", "group": "g", "tactic": "t2"},
        {"id": "a.four", "feature": "y", "ramp": [1.0, 3.0], "weight": 0.2,
         "reason": "four {value:.1f}", "when": "x > 0.2"},
        {"id": "a.five", "feature": "x", "ramp": [0.5, 0.9], "weight": 0.1,
         "reason": "five {value:.4f}"},
    ]})


def _features(seed: int, n: int = 400) -> pa.Table:
    rng = random.Random(seed)
    return pa.table({
        "account_id": [f"acc-{i:04d}" for i in range(n)],
        "exchanges": [rng.randrange(1, 200) for _ in range(n)],
        "x": [rng.choice([None, 0.0, 1.0, rng.random()]) for _ in range(n)],
        "y": [rng.choice([0.5, 2.0, rng.uniform(0, 3)]) for _ in range(n)],
    })


def _fresh(rules: RuleSet, fit_on: pa.Table, table: pa.Table,
           accounts: set[str]) -> tuple[pa.Table, pa.Table]:
    """Score and contributions, each from its own scorer and its own copy of the table."""
    def copy(t: pa.Table) -> pa.Table:
        return pa.Table.from_batches(t.to_batches(), schema=t.schema)

    def fitted() -> AccountScorer:
        scorer = AccountScorer(rules=rules).fit(copy(fit_on))
        scorer.__dict__.pop("_evaluated", None)  # nothing cached: evaluated afresh
        return scorer

    scores = fitted().score(copy(table))
    contrib = fitted().contributions(copy(table), accounts=accounts)
    return scores, contrib


def test_one_evaluation_gives_the_tables_of_fresh_ones() -> None:
    rules = _rules()
    for seed in range(3):
        feats = _features(seed)
        scorer = AccountScorer(rules=rules).fit(feats)
        scores = scorer.score(feats)
        explained = set(scores.column("account_id").to_pylist()[::3])
        contrib = scorer.contributions(feats, accounts=explained)
        want_scores, want_contrib = _fresh(rules, feats, feats, explained)
        assert scores.equals(want_scores)
        assert contrib.equals(want_contrib)
        assert contrib.num_rows > 100
        # contributions before score (nothing cached from score) agree too
        other = AccountScorer(rules=rules).fit(feats)
        assert other.contributions(feats, accounts=explained).equals(want_contrib)


def test_refit_and_other_tables_are_evaluated_again() -> None:
    rules = _rules()
    a, b = _features(1), _features(2)
    scorer = AccountScorer(rules=rules).fit(a)
    scorer.score(a)
    # scoring another table with a's quantiles
    want_b, _ = _fresh(rules, a, b, set())
    assert scorer.score(b).equals(want_b)
    # a new fit: new quantiles and thresholds, reason texts written again
    scorer.fit(b)
    want_scores, want_contrib = _fresh(rules, b, b, {"acc-0001", "acc-0002", "acc-0003"})
    assert scorer.score(b).equals(want_scores)
    assert scorer.contributions(b, accounts={"acc-0001", "acc-0002", "acc-0003"}).equals(
        want_contrib)
    # a again, now with b's fit
    assert scorer.score(a).equals(_fresh(rules, b, a, set())[0])


def test_clear_cache_drops_the_entry_and_scoring_again_evaluates_afresh() -> None:
    rules = _rules()
    feats = _features(4)
    scorer = AccountScorer(rules=rules).fit(feats)
    want = scorer.score(feats)
    scorer.clear_cache()
    assert scorer.__dict__["_evaluated"] is None
    assert scorer.contributions(feats, accounts={"acc-0001"}).equals(
        _fresh(rules, feats, feats, {"acc-0001"})[1])
    assert scorer.score(feats).equals(want)

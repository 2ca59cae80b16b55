"""Rule expressions on string features and the ranking of reasons (scoring internals)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from distillwatch.features.account import ACCOUNT_FEATURE_SCHEMA
from distillwatch.scoring.expression import Expression
from distillwatch.scoring.rules import load_rules
from distillwatch.scoring.scorer import AccountScorer


def test_string_comparisons_match_python_and_never_match_missing() -> None:
    channels = np.array(["enterprise", None, "reseller", "Enterprise", "émail", "web"],
                        dtype=object)
    cols = {"signup_channel": channels, "verified": np.array([1.0, 1.0, 0.0, 1.0, 1.0, 0.0])}
    for op, fn in (("==", lambda a, b: a == b), ("!=", lambda a, b: a != b),
                   ("<", lambda a, b: a < b), (">=", lambda a, b: a >= b)):
        got = Expression.parse(f'signup_channel {op} "reseller"').evaluate(cols, len(channels))
        want = [float(c is not None and fn(c, "reseller")) for c in channels]
        assert got.tolist() == want, op
    both = Expression.parse('verified == 1 and not (signup_channel == "enterprise")')
    assert both.evaluate(cols, len(channels)).tolist() == [0.0, 1.0, 0.0, 1.0, 1.0, 0.0]


def test_reasons_rank_strongest_first_and_ties_by_rule_order() -> None:
    scorer = AccountScorer(rules=load_rules())
    scorer.rules_ = load_rules()
    floor = scorer.rules_.calibration.min_contribution
    contrib = np.array([
        [0.3, 0.0, 0.3, 0.5, floor / 2],
        [0.0, 0.0, 0.0, 0.0, 0.0],
        [0.2 + 1e-14, 0.2, 0.1, 0.2 - 1e-14, 0.7],  # equal to 12 decimals: rule order
    ])
    ranked = scorer._ranked_all(contrib)
    assert ranked == [[3, 0, 2], [], [4, 0, 1, 3, 2]]
    # the same as sorting each account's rules one by one
    for row, got in zip(contrib, ranked, strict=True):
        keep = [j for j in range(len(row)) if row[j] >= floor]
        assert got == sorted(keep, key=lambda j: (-round(float(row[j]), 12), j))


def test_score_table_lists_reasons_in_rank_order() -> None:
    given = {"account_id": ["a", "b"], "exchanges": [500, 3], "share_intent_cot": [0.9, 0.0],
             "share_logprobs": [0.8, 0.0], "signup_channel": ["web", "enterprise"]}
    features = pa.table({f.name: pa.array(given.get(f.name, [None, None]), f.type)
                         for f in ACCOUNT_FEATURE_SCHEMA})
    rules = load_rules()
    scorer = AccountScorer(rules=rules).fit(features)
    scores = scorer.score(features).to_pylist()
    contrib = scorer.contributions(features).to_pylist()
    for s in scores:
        mine = [c for c in contrib if c["account_id"] == s["account_id"]]
        assert [c["rule"] for c in sorted(mine, key=lambda c: c["rank"])] == s["reasons"]
    assert scores[0]["reasons"] and not scores[1]["reasons"]

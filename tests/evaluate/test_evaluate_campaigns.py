"""Campaign purity / completeness metrics."""

from __future__ import annotations

import pyarrow as pa
import pytest

from distillwatch.evaluate.campaigns import campaign_metrics
from distillwatch.exceptions import InputError


def _truth() -> pa.Table:
    rows = [(f"a{i}", "attack", "A") for i in range(10)]
    rows += [(f"b{i}", "attack", "B") for i in range(4)]
    rows += [(f"n{i}", "benign", None) for i in range(20)]
    ids, labels, camps = zip(*rows, strict=True)
    return pa.table({"account_id": list(ids), "label": list(labels), "campaign_id": list(camps)})


def _found(assign: dict[str, str]) -> pa.Table:
    return pa.table({"account_id": list(assign), "campaign_id": list(assign.values())})


def test_perfect_recovery() -> None:
    f = {f"a{i}": "x" for i in range(10)} | {f"b{i}": "y" for i in range(4)}
    m = campaign_metrics(_found(f), _truth())
    assert m["recovered"] == 2
    assert m["mean_purity"] == 1.0
    assert m["min_completeness"] == 1.0
    assert m["spurious"] == []


def test_impure_split_and_spurious_campaigns() -> None:
    f = {f"a{i}": "x" for i in range(6)} | {"n0": "x", "n1": "x"}  # A: 6 of 10, 2 benign in
    f |= {"a6": "x2", "a7": "x2"}  # a second fragment of A
    f |= {"n5": "z", "n6": "z", "n7": "z"}  # an all-benign "campaign"
    m = campaign_metrics(_found(f), _truth())
    a = next(p for p in m["campaigns"] if p["truth_campaign"] == "A")
    assert a["fragments"] == 2
    assert a["purity"] == pytest.approx(8 / 10)
    assert a["completeness"] == pytest.approx(8 / 10)
    assert not a["recovered"]
    b = next(p for p in m["campaigns"] if p["truth_campaign"] == "B")
    assert b["completeness"] == 0.0 and b["fragments"] == 0
    assert m["spurious"] == [{"campaign_id": "z", "accounts": 3, "benign": 3}]
    assert m["benign_accounts_in_campaigns"] == 5


def test_nulls_mean_no_campaign_and_missing_columns_are_input_errors() -> None:
    f = pa.table({"account_id": ["a0", "a1"], "campaign_id": pa.array([None, None], pa.string())})
    assert campaign_metrics(f, _truth())["found_campaigns"] == 0
    with pytest.raises(InputError, match="campaign_id"):
        campaign_metrics(pa.table({"account_id": ["a0"]}), _truth())

"""Evaluation metrics against hand-counted truth."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from distillwatch.evaluate import evaluate_findings, read_truth
from distillwatch.exceptions import InputError
from distillwatch.findings import read_findings, write_findings
from distillwatch.schema import FINDINGS_ACCOUNT_SCHEMA

T = datetime(2026, 1, 1, tzinfo=UTC)


def _row(acc: str, score: float, flagged: bool, exchanges: int) -> dict:
    return {"account_id": acc, "score": score, "severity": "high" if flagged else "none",
            "flagged": flagged, "reasons": [], "summary": "", "campaign_id": None,
            "exchanges": exchanges, "first_seen": T, "last_seen": T}


def test_metrics(tmp_path: Path) -> None:
    accounts = pa.Table.from_pylist(
        [_row("x1", 0.9, True, 100), _row("x2", 0.4, False, 10), _row("x3", 0.8, True, 50),
         _row("b1", 0.7, True, 5), _row("b2", 0.1, False, 5), _row("b3", 0.0, False, 5),
         _row("stranger", 0.95, True, 1)],
        schema=FINDINGS_ACCOUNT_SCHEMA,
    )
    write_findings(tmp_path / "f", accounts=accounts)
    truth = pa.table({
        "account_id": ["x1", "x2", "x3", "x4", "b1", "b2", "b3"],
        "label": ["attack"] * 4 + ["benign"] * 3,
        "campaign_id": ["c1", "c1", "c2", "c2", None, None, None],
        "persona": ["cot", "cot", "slow", "slow", "eval", "chat", "chat"],
    })
    pq.write_table(truth, tmp_path / "truth.parquet")
    ev = evaluate_findings(read_findings(tmp_path / "f"), read_truth(tmp_path / "truth.parquet"))
    assert (ev.true_positives, ev.false_positives, ev.false_negatives) == (2, 1, 2)
    assert ev.precision == pytest.approx(2 / 3) and ev.recall == pytest.approx(0.5)
    assert ev.benign_fpr == pytest.approx(1 / 3)
    assert ev.exchange_recall == pytest.approx(150 / 160)  # x4 has no events: 0 exchanges
    personas = {g.name: g for g in ev.by_persona}
    assert personas["eval"].rate == 1.0 and personas["chat"].rate == 0.0
    assert personas["cot"].rate == 0.5
    camps = {g.name: g for g in ev.by_campaign}
    assert camps["c1"].exchange_rate == pytest.approx(100 / 110)
    assert ev.unlabelled_accounts == 1 and len(ev.notes) == 2
    curve = ev.pr_curve
    assert curve[0]["threshold"] == 0.9 and curve[0]["precision"] == 1.0
    assert curve[-1]["recall"] == 1.0 and curve[-1]["fpr"] == 1.0  # threshold 0: everyone
    assert 0 < ev.average_precision <= 1
    assert ev.to_dict()["by_persona"][0]["rate"] in (0.0, 0.5, 1.0)


def test_bad_truth_is_named(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_text("account_id,label\na,evil\n")
    with pytest.raises(InputError, match="label"):
        read_truth(p)
    p.write_text("account,label\na,attack\n")
    with pytest.raises(InputError, match="account_id"):
        read_truth(p)

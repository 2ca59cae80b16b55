"""Detection quality of a findings directory against ground truth (``TRUTH_SCHEMA``).

Account precision, recall and F1 at the flag decision; exchange-weighted recall (the share of
attack exchanges made by flagged accounts); benign false-positive rate overall and per benign
persona; recall per campaign and per attack persona; the precision-recall curve over the score.
Accounts in the truth but absent from the findings (no events in the window) count as not
flagged with zero exchanges; accounts in the findings but not in the truth are reported and
left out of the metrics.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.json as pajson
import pyarrow.parquet as pq

from distillwatch.evaluate.campaigns import campaign_metrics
from distillwatch.exceptions import InputError
from distillwatch.findings.io import Findings, read_findings
from distillwatch.schema import TRUTH_SCHEMA
from distillwatch.types import StrPath

LABELS = ("benign", "attack")
PR_POINTS = 50


@dataclass(frozen=True)
class GroupMetrics:
    """Counts and rates for one persona or campaign."""

    name: str
    label: str
    accounts: int
    flagged: int
    exchanges: int
    flagged_exchanges: int

    @property
    def rate(self) -> float:
        """Recall for attack groups, false-positive rate for benign groups."""
        return self.flagged / self.accounts if self.accounts else 0.0

    @property
    def exchange_rate(self) -> float:
        return self.flagged_exchanges / self.exchanges if self.exchanges else 0.0


@dataclass(frozen=True)
class Evaluation:
    """Every metric of one findings directory against one truth file."""

    accounts: int
    attack_accounts: int
    benign_accounts: int
    true_positives: int
    false_positives: int
    false_negatives: int
    precision: float
    recall: float
    f1: float
    benign_fpr: float
    exchange_recall: float
    attack_exchanges: int
    by_persona: list[GroupMetrics]
    by_campaign: list[GroupMetrics]
    pr_curve: list[dict[str, float]]
    average_precision: float
    unlabelled_accounts: int
    notes: list[str] = field(default_factory=list)
    # campaign purity/completeness (evaluate.campaigns), when findings carry campaign ids
    campaigns: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("by_persona", "by_campaign"):
            out[key] = [
                {**asdict(g), "rate": round(g.rate, 6), "exchange_rate": round(g.exchange_rate, 6)}
                for g in getattr(self, key)
            ]
        return out


def read_truth(path: StrPath) -> pa.Table:
    """Ground truth from Parquet, JSON Lines or CSV; checks columns and labels."""
    p = Path(path)
    if not p.exists():
        raise InputError("truth file does not exist", path=str(p))
    suffix = "".join(p.suffixes).lower()
    try:
        if suffix.endswith(".parquet"):
            table = pq.read_table(p)
        elif suffix.endswith((".jsonl", ".json", ".jsonl.gz")):
            table = pajson.read_json(p)
        elif suffix.endswith((".csv", ".csv.gz")):
            table = pacsv.read_csv(p)
        else:
            raise InputError("truth must be .parquet, .jsonl or .csv", path=str(p))
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError(f"cannot read truth: {exc}", path=str(p)) from exc
    for col in ("account_id", "label"):
        if col not in table.column_names:
            raise InputError("truth lacks a required column", path=str(p), field=col)
    for f in TRUTH_SCHEMA:
        if f.name not in table.column_names:
            table = table.append_column(f.name, pa.nulls(table.num_rows, f.type))
    table = table.select(TRUTH_SCHEMA.names).cast(
        pa.schema([f.with_nullable(True) for f in TRUTH_SCHEMA])
    )
    bad = sorted(set(table.column("label").to_pylist()) - set(LABELS))
    if bad:
        raise InputError(f"labels must be benign or attack, found {bad[:5]}", path=str(p),
                         field="label")
    return table


def evaluate_findings(findings: Findings | StrPath, truth: pa.Table | StrPath) -> Evaluation:
    """Compare ``findings.accounts`` with ``truth`` (one row per account).

    Either argument may be a path (a findings directory; a truth file) or the loaded object.
    """
    if not isinstance(findings, Findings):
        findings = read_findings(findings, evidence=False)
    if not isinstance(truth, pa.Table):
        truth = read_truth(truth)
    acc = findings.accounts
    found = {
        a: (float(s), bool(f), int(x or 0))
        for a, s, f, x in zip(
            acc.column("account_id").to_pylist(),
            acc.column("score").to_pylist(),
            acc.column("flagged").to_pylist(),
            acc.column("exchanges").to_pylist(),
            strict=True,
        )
    }
    ids = truth.column("account_id").to_pylist()
    labels = truth.column("label").to_pylist()
    personas = truth.column("persona").to_pylist()
    camps = truth.column("campaign_id").to_pylist()
    y = np.array([lab == "attack" for lab in labels], dtype=bool)
    score = np.array([found.get(a, (0.0, False, 0))[0] for a in ids])
    flag = np.array([found.get(a, (0.0, False, 0))[1] for a in ids], dtype=bool)
    exch = np.array([found.get(a, (0.0, False, 0))[2] for a in ids], dtype=np.int64)
    tp = int((flag & y).sum())
    fp = int((flag & ~y).sum())
    fn = int((~flag & y).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    n_benign = int((~y).sum())
    attack_exch = int(exch[y].sum())
    exch_recall = float(exch[y & flag].sum() / attack_exch) if attack_exch else 0.0
    curve, ap = _pr_curve(score, y)
    notes = []
    missing = sum(1 for a in ids if a not in found)
    if missing:
        notes.append(f"{missing} truth accounts have no findings row (no events): not flagged")
    truth_ids = set(ids)
    unlabelled = sum(1 for a in found if a not in truth_ids)
    if unlabelled:
        notes.append(f"{unlabelled} scored accounts are not in the truth file: left out")
    return Evaluation(
        accounts=len(ids),
        attack_accounts=int(y.sum()),
        benign_accounts=n_benign,
        true_positives=tp,
        false_positives=fp,
        false_negatives=fn,
        precision=precision,
        recall=recall,
        f1=f1,
        benign_fpr=fp / n_benign if n_benign else 0.0,
        exchange_recall=exch_recall,
        attack_exchanges=attack_exch,
        by_persona=_groups(personas, labels, flag, exch),
        by_campaign=_groups(camps, labels, flag, exch, only="attack"),
        pr_curve=curve,
        average_precision=ap,
        unlabelled_accounts=unlabelled,
        notes=notes,
        campaigns=campaign_metrics(acc, truth),
    )


def _groups(
    keys: list[Any], labels: list[str], flag: np.ndarray, exch: np.ndarray, *,
    only: str | None = None,
) -> list[GroupMetrics]:
    groups: dict[tuple[str, str], list[int]] = {}
    for i, (k, lab) in enumerate(zip(keys, labels, strict=True)):
        if only is not None and lab != only:
            continue
        groups.setdefault((str(k) if k is not None else "(none)", lab), []).append(i)
    out = []
    for (name, lab), idx in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        ii = np.asarray(idx)
        out.append(GroupMetrics(
            name=name, label=lab, accounts=len(idx), flagged=int(flag[ii].sum()),
            exchanges=int(exch[ii].sum()), flagged_exchanges=int(exch[ii][flag[ii]].sum()),
        ))
    return out


def _pr_curve(score: np.ndarray, y: np.ndarray) -> tuple[list[dict[str, float]], float]:
    """Precision/recall/FPR at up to PR_POINTS score thresholds, and average precision."""
    pos = int(y.sum())
    neg = int((~y).sum())
    if score.size == 0 or pos == 0:
        return [], 0.0
    order = np.argsort(-score, kind="stable")
    s, t = score[order], y[order]
    tps = np.cumsum(t)
    fps = np.cumsum(~t)
    last = np.r_[np.flatnonzero(np.diff(s)), s.size - 1]  # last index of each distinct score
    prec = tps[last] / (tps[last] + fps[last])
    rec = tps[last] / pos
    ap = float(np.sum(np.diff(np.r_[0.0, rec]) * prec))
    pick = np.unique(np.linspace(0, last.size - 1, min(PR_POINTS, last.size)).astype(int))
    curve = [
        {"threshold": float(s[last[i]]), "precision": float(prec[i]), "recall": float(rec[i]),
         "fpr": float(fps[last[i]] / neg) if neg else 0.0}
        for i in pick
    ]
    return curve, ap


def truth_summary(truth: pa.Table) -> dict[str, int]:
    """Accounts per label (for the screen)."""
    vc = pc.value_counts(truth.column("label")).to_pylist()
    return {str(d["values"]): int(d["counts"]) for d in vc}

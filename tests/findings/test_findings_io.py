"""Findings directory: write, read back, and clear errors on damaged input."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pytest

from distillwatch.exceptions import InputError
from distillwatch.findings import read_findings, write_findings
from distillwatch.schema import FINDINGS_ACCOUNT_SCHEMA

T = datetime(2026, 1, 1, tzinfo=UTC)


def _accounts() -> pa.Table:
    return pa.Table.from_pylist(
        [
            {"account_id": "b", "score": 0.2, "severity": "none", "flagged": False,
             "reasons": [], "summary": "", "campaign_id": None, "exchanges": 3,
             "first_seen": T, "last_seen": T},
            {"account_id": "a", "score": 0.9, "severity": "high", "flagged": True,
             "reasons": ["intent.cot"], "summary": "s", "campaign_id": "cmp-1",
             "exchanges": 30, "first_seen": T, "last_seen": T},
        ],
        schema=FINDINGS_ACCOUNT_SCHEMA,
    )


def test_round_trip(tmp_path: Path) -> None:
    write_findings(tmp_path, accounts=_accounts(), evidence=[{"account_id": "a", "rule": "x"}],
                   run={"counts": {"accounts": 2}})
    f = read_findings(tmp_path)
    assert f.accounts.column("account_id").to_pylist() == ["a", "b"]  # highest score first
    assert f.flagged().num_rows == 1
    assert f.evidence == [{"account_id": "a", "rule": "x"}]
    assert f.run["counts"]["accounts"] == 2
    assert f.campaigns.num_rows == 0 and f.links.num_rows == 0 and f.features is None


def test_damaged_findings_are_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_findings(tmp_path / "missing")
    write_findings(tmp_path, accounts=_accounts())
    (tmp_path / "evidence.jsonl").write_text('{"ok": 1}\nnot json\n')
    with pytest.raises(InputError, match=r"evidence.jsonl:2"):
        read_findings(tmp_path)
    (tmp_path / "accounts.parquet").write_bytes(b"nope")
    with pytest.raises(InputError, match=r"accounts\.parquet"):
        read_findings(tmp_path, evidence=False)

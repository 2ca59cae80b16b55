"""write_findings stages every file (Parquet in a second thread) and renames them into place
only once all are written: a failure leaves the previous run's files and no ``.tmp``."""

from __future__ import annotations

import math
from pathlib import Path

import pyarrow as pa
import pytest

from distillwatch.findings import read_findings, write_findings
from distillwatch.schema import FINDINGS_ACCOUNT_SCHEMA


def _accounts(scores: list[float]) -> pa.Table:
    n = len(scores)
    return pa.table({
        "account_id": [f"a{i}" for i in range(n)], "score": scores,
        "severity": ["high"] * n, "flagged": [True] * n, "reasons": [["r"]] * n,
        "summary": ["s"] * n, "campaign_id": [None] * n, "exchanges": [3] * n,
        "first_seen": pa.array([None] * n, pa.timestamp("us", "UTC")),
        "last_seen": pa.array([None] * n, pa.timestamp("us", "UTC")),
    }, schema=FINDINGS_ACCOUNT_SCHEMA)


def _snapshot(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


def _first(d: Path) -> dict[str, bytes]:
    write_findings(d, accounts=_accounts([0.2, 0.9]), evidence=[{"account_id": "a1"}, "{}"],
                   run={"n": 1}, features=pa.table({"account_id": ["a1", "a0"], "x": [1, 2]}))
    return _snapshot(d)


def test_written_files_read_back_sorted(tmp_path: Path) -> None:
    files = _first(tmp_path)
    assert set(files) == {"accounts.parquet", "campaigns.parquet", "links.parquet",
                          "features.parquet", "evidence.jsonl", "run.json"}
    f = read_findings(tmp_path)
    assert f.accounts.column("account_id").to_pylist() == ["a1", "a0"]
    assert f.features is not None and f.features.column("account_id").to_pylist() == ["a0", "a1"]
    assert f.evidence == [{"account_id": "a1"}, {}]
    assert f.run == {"n": 1}


@pytest.mark.parametrize("bad", ["evidence", "accounts", "features"])
def test_a_failed_write_keeps_the_previous_files(tmp_path: Path, bad: str) -> None:
    before = _first(tmp_path)
    accounts = _accounts([0.5])
    evidence: list[dict | str] = [{"ok": 1}]
    features = pa.table({"account_id": ["a0"], "x": [5]})
    if bad == "evidence":
        evidence.append({"value": math.nan})  # the encoder refuses NaN
    elif bad == "accounts":
        accounts = accounts.drop_columns(["summary"])
    else:
        features = pa.table({"other": [1]})  # no account_id to sort by
    with pytest.raises((ValueError, KeyError, pa.ArrowInvalid)):
        write_findings(tmp_path, accounts=accounts, evidence=evidence, run={"n": 2},
                       features=features)
    assert _snapshot(tmp_path) == before


def test_a_failed_rename_leaves_no_tmp_files(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    _first(tmp_path)
    import distillwatch.findings.io as io_mod

    real, calls = io_mod.os.replace, []

    def replace_twice(src: object, dst: object) -> None:
        calls.append(dst)
        if len(calls) > 2:
            raise OSError("disk gone")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(io_mod.os, "replace", replace_twice)
    with pytest.raises(OSError, match="disk gone"):
        write_findings(tmp_path, accounts=_accounts([0.5]), evidence=[{"ok": 1}],
                       run={"n": 2})
    # the first two files are the new run's, the rest the previous one's: a mix, no .tmp
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert read_findings(tmp_path).run == {"n": 1}
    assert len(calls) == 3

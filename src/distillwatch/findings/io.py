"""Write and read a findings directory (``FINDINGS/``).

::

    FINDINGS/
      accounts.parquet    FINDINGS_ACCOUNT_SCHEMA, one row per scored account, highest score first
      campaigns.parquet   FINDINGS_CAMPAIGN_SCHEMA (empty until linkage finds campaigns)
      links.parquet       intra-campaign links (linkage's LINKS_SCHEMA)
      features.parquet    the account features the scores were computed from
      evidence.jsonl      one JSON object per line: every reason's values and supporting rows
      run.json            config, counts, thresholds and timings of the run

Every table is written sorted, so the same input and config give byte-identical Parquet;
run.json alone carries timings. Readers (report, gateway, intel, evaluate) use
:func:`read_findings`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from distillwatch.exceptions import InputError
from distillwatch.schema import (
    FINDINGS_ACCOUNT_SCHEMA,
    FINDINGS_CAMPAIGN_SCHEMA,
    FINDINGS_FILES,
)
from distillwatch.types import StrPath

FEATURES_FILE = "features.parquet"
# Links as linkage writes them; used for an empty links.parquet when linkage did not run.
DEFAULT_LINKS_SCHEMA = pa.schema(
    [
        pa.field("src", pa.string(), nullable=False),
        pa.field("dst", pa.string(), nullable=False),
        pa.field("link_type", pa.string(), nullable=False),
        pa.field("weight", pa.float64(), nullable=False),
        pa.field("evidence", pa.string()),
    ]
)

# How evidence rows are encoded (one JSON object a line); one encoder for every row
# (json.dumps would build one per row). ``findings.evidence`` encodes its rows' pieces with
# it, so the rows it joins are those this encoder writes for their dicts.
encode_row = json.JSONEncoder(sort_keys=True, default=str, allow_nan=False).encode


@dataclass(frozen=True)
class Findings:
    """The tables of one findings directory."""

    path: Path
    accounts: pa.Table  # FINDINGS_ACCOUNT_SCHEMA
    campaigns: pa.Table  # FINDINGS_CAMPAIGN_SCHEMA
    links: pa.Table
    evidence: list[dict[str, Any]]
    run: dict[str, Any]
    features: pa.Table | None = None

    def flagged(self) -> pa.Table:
        """The flagged accounts only."""
        return self.accounts.filter(self.accounts.column("flagged"))


def _write_parquet(table: pa.Table, path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    # one chunk per column: the same rows always give the same bytes
    pq.write_table(table.combine_chunks(), tmp, compression="zstd")
    os.replace(tmp, path)


def write_findings(
    out: StrPath,
    *,
    accounts: pa.Table,
    campaigns: pa.Table | None = None,
    links: pa.Table | None = None,
    evidence: Iterable[dict[str, Any] | str] = (),
    run: dict[str, Any] | None = None,
    features: pa.Table | None = None,
) -> Path:
    """Write a findings directory; each file is replaced atomically. Returns the directory.

    An ``evidence`` row is a dict, or a str: the row already encoded as :data:`encode_row`
    encodes a dict (``findings.evidence.build_evidence`` gives those), written as it is.
    """
    d = Path(out)
    d.mkdir(parents=True, exist_ok=True)
    acc = accounts.select(FINDINGS_ACCOUNT_SCHEMA.names).cast(FINDINGS_ACCOUNT_SCHEMA)
    acc = acc.sort_by([("score", "descending"), ("account_id", "ascending")])
    _write_parquet(acc, d / FINDINGS_FILES["accounts"])
    camp = campaigns if campaigns is not None else FINDINGS_CAMPAIGN_SCHEMA.empty_table()
    camp = camp.select(FINDINGS_CAMPAIGN_SCHEMA.names).cast(FINDINGS_CAMPAIGN_SCHEMA)
    camp = camp.sort_by([("score", "descending"), ("campaign_id", "ascending")])
    _write_parquet(camp, d / FINDINGS_FILES["campaigns"])
    _write_parquet(links if links is not None else DEFAULT_LINKS_SCHEMA.empty_table(),
                   d / FINDINGS_FILES["links"])
    if features is not None:
        _write_parquet(features.sort_by("account_id"), d / FEATURES_FILE)
    tmp = d / (FINDINGS_FILES["evidence"] + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for row in evidence:
            fh.write((row if isinstance(row, str) else encode_row(row)) + "\n")
    os.replace(tmp, d / FINDINGS_FILES["evidence"])
    tmp = d / (FINDINGS_FILES["run"] + ".tmp")
    tmp.write_text(json.dumps(run or {}, indent=2, sort_keys=True, default=str) + "\n",
                   encoding="utf-8")
    os.replace(tmp, d / FINDINGS_FILES["run"])
    return d


def _read_table(path: Path, *, required: bool) -> pa.Table | None:
    if not path.exists():
        if required:
            raise InputError("findings file is missing; run `distillwatch detect`",
                             path=str(path))
        return None
    try:
        return pq.read_table(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError(f"not a readable Parquet file: {exc}", path=str(path)) from exc


def read_evidence(path: StrPath) -> list[dict[str, Any]]:
    """Evidence rows of ``evidence.jsonl``; a bad line is an InputError naming it."""
    p = Path(path)
    rows: list[dict[str, Any]] = []
    if not p.exists():
        return rows
    with p.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"invalid JSON: {exc.msg}", path=str(p), line=lineno) from exc
            if not isinstance(row, dict):
                raise InputError("evidence line is not a JSON object", path=str(p), line=lineno)
            rows.append(row)
    return rows


def read_findings(path: StrPath, *, evidence: bool = True) -> Findings:
    """Read a findings directory written by ``distillwatch detect``."""
    d = Path(path)
    if not d.is_dir():
        raise InputError("findings directory does not exist", path=str(d))
    accounts = _read_table(d / FINDINGS_FILES["accounts"], required=True)
    assert accounts is not None
    missing = [c for c in FINDINGS_ACCOUNT_SCHEMA.names if c not in accounts.column_names]
    if missing:
        raise InputError(f"accounts table lacks column(s) {', '.join(missing)}",
                         path=str(d / FINDINGS_FILES["accounts"]))
    campaigns = _read_table(d / FINDINGS_FILES["campaigns"], required=False)
    links = _read_table(d / FINDINGS_FILES["links"], required=False)
    run_path = d / FINDINGS_FILES["run"]
    run: dict[str, Any] = {}
    if run_path.exists():
        try:
            run = json.loads(run_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON: {exc.msg}", path=str(run_path),
                             line=exc.lineno) from exc
    return Findings(
        path=d,
        accounts=accounts,
        campaigns=campaigns if campaigns is not None else FINDINGS_CAMPAIGN_SCHEMA.empty_table(),
        links=links if links is not None else DEFAULT_LINKS_SCHEMA.empty_table(),
        evidence=read_evidence(d / FINDINGS_FILES["evidence"]) if evidence else [],
        run=run,
        features=_read_table(d / FEATURES_FILE, required=False),
    )

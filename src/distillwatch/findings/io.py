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
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
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


def _stage_parquet(make: Callable[[], pa.Table], tmp: Path) -> None:
    # one chunk per column: the same rows always give the same bytes
    pq.write_table(make().combine_chunks(), tmp, compression="zstd")


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

    Every file is first written beside its final name (``NAME.tmp``), the Parquet tables in
    a second thread while this one writes the evidence (Parquet encoding releases the GIL);
    only once all are written are they renamed into place, in a fixed order, run.json last.
    A failure before the renames leaves the previous run's files as they were; one during
    the renames (``os.replace`` failing) leaves a mix of old and new files. Either way the
    ``.tmp`` files are removed.
    """
    d = Path(out)
    d.mkdir(parents=True, exist_ok=True)
    tables: list[tuple[str, Callable[[], pa.Table]]] = [
        (FINDINGS_FILES["accounts"], lambda: _sorted_accounts(accounts)),
        (FINDINGS_FILES["campaigns"], lambda: _sorted_campaigns(campaigns)),
        (FINDINGS_FILES["links"],
         lambda: links if links is not None else DEFAULT_LINKS_SCHEMA.empty_table()),
    ]
    if features is not None:
        tables.append((FEATURES_FILE, lambda: features.sort_by("account_id")))
    names = [name for name, _ in tables] + [FINDINGS_FILES["evidence"], FINDINGS_FILES["run"]]
    staged = [d / (name + ".tmp") for name in names]
    table_tmps = staged[:len(tables)]
    evidence_tmp, run_tmp = staged[len(tables):]
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="dw-findings") as pool:
            jobs = [pool.submit(_stage_parquet, make, tmp)
                    for (_, make), tmp in zip(tables, table_tmps, strict=True)]
            try:
                with evidence_tmp.open("w", encoding="utf-8") as fh:
                    for row in evidence:
                        fh.write((row if isinstance(row, str) else encode_row(row)) + "\n")
                run_tmp.write_text(
                    json.dumps(run or {}, indent=2, sort_keys=True, default=str) + "\n",
                    encoding="utf-8")
            finally:
                # the tables' errors first, in the order the files were written before
                for job in jobs:
                    job.result()
        for name, tmp in zip(names, staged, strict=True):
            os.replace(tmp, d / name)
    finally:
        # none left after the renames; after a failure, those not renamed
        for tmp in staged:
            tmp.unlink(missing_ok=True)
    return d


def _sorted_accounts(accounts: pa.Table) -> pa.Table:
    acc = accounts.select(FINDINGS_ACCOUNT_SCHEMA.names).cast(FINDINGS_ACCOUNT_SCHEMA)
    return acc.sort_by([("score", "descending"), ("account_id", "ascending")])


def _sorted_campaigns(campaigns: pa.Table | None) -> pa.Table:
    camp = campaigns if campaigns is not None else FINDINGS_CAMPAIGN_SCHEMA.empty_table()
    camp = camp.select(FINDINGS_CAMPAIGN_SCHEMA.names).cast(FINDINGS_CAMPAIGN_SCHEMA)
    return camp.sort_by([("score", "descending"), ("campaign_id", "ascending")])


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

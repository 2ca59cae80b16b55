"""Read-only views of a distillwatch store and findings directory for the intel stage.

Queries go straight to the Parquet files with DuckDB (hive partitioning on ``day=``), so intel
works on any store ingest wrote, without loading events into Python objects.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from distillwatch.exceptions import InputError, StoreError
from distillwatch.schema import (
    CAMPAIGN_INDICATOR_KINDS,
    FINDINGS_CAMPAIGN_SCHEMA,
    FINDINGS_FILES,
    require_columns,
)
from distillwatch.store.layout import StoreLayout
from distillwatch.types import StrPath


@dataclass(frozen=True)
class Findings:
    """The findings tables intel reads (campaigns required, accounts optional)."""

    campaigns: pa.Table
    accounts: pa.Table | None


def read_findings(path: StrPath) -> Findings:
    """Read ``FINDINGS/campaigns.parquet`` (+ ``accounts.parquet`` when present)."""
    root = Path(path)
    if not root.is_dir():
        raise InputError("findings directory not found", path=str(root))
    cpath = root / FINDINGS_FILES["campaigns"]
    if not cpath.is_file():
        raise InputError("no campaigns.parquet: run `distillwatch detect` first", path=str(root))
    try:
        campaigns = pq.read_table(cpath)
    except (OSError, pa.ArrowInvalid) as exc:
        raise InputError(f"unreadable Parquet: {exc}", path=str(cpath)) from exc
    require_columns(
        campaigns.schema,
        ["campaign_id", "score", "severity", "first_seen", "last_seen", "indicators"],
        what=str(cpath),
    )
    apath = root / FINDINGS_FILES["accounts"]
    accounts = None
    if apath.is_file():
        try:
            accounts = pq.read_table(apath)
        except (OSError, pa.ArrowInvalid) as exc:
            raise InputError(f"unreadable Parquet: {exc}", path=str(apath)) from exc
        require_columns(accounts.schema, ["account_id", "campaign_id"], what=str(apath))
    _ = FINDINGS_CAMPAIGN_SCHEMA  # the contract these columns come from
    return Findings(campaigns=campaigns, accounts=accounts)


def campaign_indicators(raw: Any, *, where: str) -> dict[str, list[Any]]:
    """Parse one campaign's ``indicators`` JSON into lists (unknown keys ignored)."""
    if raw is None or raw == "":
        return {k: [] for k in CAMPAIGN_INDICATOR_KINDS}
    try:
        data = json.loads(raw) if isinstance(raw, str) else dict(raw)
    except (json.JSONDecodeError, TypeError, ValueError) as exc:
        raise InputError(
            f"indicators is not a JSON object: {exc}", path=where, field="indicators"
        ) from exc
    if not isinstance(data, dict):
        raise InputError("indicators is not a JSON object", path=where, field="indicators")
    out: dict[str, list[Any]] = {}
    for k in CAMPAIGN_INDICATOR_KINDS:
        vals = data.get(k) or []
        if not isinstance(vals, list):
            raise InputError(f"indicators.{k} is not a list", path=where, field="indicators")
        out[k] = [v for v in vals if v is not None and str(v).strip() != ""]
    return out


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


class StoreView:
    """DuckDB relations ``events`` and ``accounts`` over one store directory."""

    def __init__(self, path: StrPath) -> None:
        self.layout = StoreLayout.at(path)
        if not self.layout.root.is_dir():
            raise StoreError(f"store not found: {self.layout.root}")
        self.con = duckdb.connect()
        self.has_events = bool(self.layout.days())
        self.has_accounts = self.layout.accounts_path.is_file()
        if self.has_events:
            # DDL cannot take parameters: quote the path as a SQL string literal instead
            glob = _sql_str(self.layout.events_glob)
            self.con.execute(
                f"CREATE VIEW events AS SELECT * FROM read_parquet({glob},"
                " hive_partitioning = true, union_by_name = true)"
            )
        if self.has_accounts:
            self.con.execute(
                "CREATE VIEW accounts AS SELECT * FROM "
                f"read_parquet({_sql_str(str(self.layout.accounts_path))})"
            )

    @property
    def intel_dir(self) -> Path:
        return self.layout.root / "intel"

    def event_columns(self) -> set[str]:
        if not self.has_events:
            return set()
        return {r[0] for r in self.con.execute("DESCRIBE events").fetchall()}

    def account_columns(self) -> set[str]:
        if not self.has_accounts:
            return set()
        return {r[0] for r in self.con.execute("DESCRIBE accounts").fetchall()}

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> StoreView:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

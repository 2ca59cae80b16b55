"""Where things live inside a store directory.

A store is a plain directory, safe to copy or move::

    STORE/
      events/day=YYYY-MM-DD/part-*.parquet   events (STORE_EVENT_SCHEMA), one folder per UTC day
      accounts/accounts.parquet              accounts (STORE_ACCOUNT_SCHEMA), latest row per account
      quarantine/<run_id>.jsonl              rejected input rows with file, line, field, reason
      runs/<run_id>.json                     what each ingest run read, stored and rejected
      catalog.duckdb                         DuckDB views ``events`` and ``accounts`` over the above
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from distillwatch.types import StrPath

DAY_PARTITION = "day"


@dataclass(frozen=True)
class StoreLayout:
    """Paths of one store directory; creates nothing."""

    root: Path

    @classmethod
    def at(cls, path: StrPath) -> StoreLayout:
        return cls(Path(path).expanduser().resolve())

    @property
    def events_dir(self) -> Path:
        return self.root / "events"

    @property
    def accounts_path(self) -> Path:
        return self.root / "accounts" / "accounts.parquet"

    @property
    def quarantine_dir(self) -> Path:
        return self.root / "quarantine"

    @property
    def runs_dir(self) -> Path:
        return self.root / "runs"

    @property
    def catalog_path(self) -> Path:
        return self.root / "catalog.duckdb"

    @property
    def events_glob(self) -> str:
        return str(self.events_dir / f"{DAY_PARTITION}=*" / "*.parquet")

    def part_files(self) -> list[Path]:
        """Every committed event part file, oldest day first."""
        if not self.events_dir.is_dir():
            return []
        return sorted(self.events_dir.glob(f"{DAY_PARTITION}=*/*.parquet"))

    def day_dir(self, day: date) -> Path:
        return self.events_dir / f"{DAY_PARTITION}={day.isoformat()}"

    def days(self) -> list[date]:
        """The days that have event partitions, oldest first."""
        if not self.events_dir.is_dir():
            return []
        out = []
        for p in self.events_dir.glob(f"{DAY_PARTITION}=*"):
            if p.is_dir() and any(p.glob("*.parquet")):
                out.append(date.fromisoformat(p.name.split("=", 1)[1]))
        return sorted(out)

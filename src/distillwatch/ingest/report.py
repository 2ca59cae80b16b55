"""What an ingest run did: counts per file and in total (also written to STORE/runs/)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class FileReport:
    """Counts for one source file. ``read == stored + quarantined + duplicates``."""

    path: str
    format: str
    read: int = 0
    stored: int = 0
    quarantined: int = 0
    duplicates: int = 0
    skipped: int = 0  # records that are not events (e.g. non-GenAI OTel spans)
    error: str | None = None  # a file-level problem (unreadable, truncated, vanished)


@dataclass(frozen=True)
class IngestReport:
    """The result of :func:`distillwatch.ingest.ingest`."""

    run_id: str
    store: str
    started_at: str
    finished_at: str
    files: tuple[FileReport, ...]
    drop_text: bool
    days: tuple[str, ...] = ()  # day partitions that received new rows
    accounts_read: int = 0
    accounts_stored: int = 0
    accounts_quarantined: int = 0
    quarantine_path: str | None = None
    report_path: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    # Seconds spent per step (where the time goes; "read" is time waiting for the parser).
    seconds: dict[str, float] = field(default_factory=dict)
    # CPU seconds per step of the thread (or step worker) running it, summed over workers.
    cpu_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def read(self) -> int:
        return sum(f.read for f in self.files)

    @property
    def stored(self) -> int:
        return sum(f.stored for f in self.files)

    @property
    def quarantined(self) -> int:
        return sum(f.quarantined for f in self.files)

    @property
    def duplicates(self) -> int:
        return sum(f.duplicates for f in self.files)

    @property
    def file_errors(self) -> int:
        return sum(1 for f in self.files if f.error is not None)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["totals"] = {
            "read": self.read,
            "stored": self.stored,
            "quarantined": self.quarantined,
            "duplicates": self.duplicates,
            "file_errors": self.file_errors,
        }
        return out

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(self.to_dict(), indent=2, default=str) + "\n", encoding="utf-8")
        tmp.replace(path)

"""Rejected input: one JSON line per rejected row or file, with where and why.

A record names the source file, the 1-based ``line`` (JSON Lines) and/or ``row`` (record
number within the file, all formats), the ``field`` at fault (null for a row that is not even
parseable, or a file-level problem) and a human ``reason``. ``raw`` holds an excerpt of the
offending input, capped in size; when text is dropped (privacy mode) it is omitted and only its
SHA-256 and byte length are kept, so quarantine never becomes a back door for prompts.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any


@dataclass(frozen=True)
class Reject:
    """One rejected row (or, with ``row`` and ``line`` null, a whole file or its tail)."""

    source: str
    reason: str
    field: str | None = None
    line: int | None = None
    row: int | None = None
    raw: bytes | str | None = None

    def where(self) -> str:
        loc = self.source
        if self.line is not None:
            loc += f":{self.line}"
        elif self.row is not None:
            loc += f" row {self.row}"
        return loc


class QuarantineWriter:
    """Appends rejects to ``path`` (created on the first reject)."""

    def __init__(self, path: Path, *, run_id: str, raw_bytes: int, keep_text: bool) -> None:
        self.path = path
        self.run_id = run_id
        self.raw_bytes = raw_bytes
        self.keep_text = keep_text
        self.count = 0
        self._fh: IO[str] | None = None

    def write(self, reject: Reject) -> None:
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = self.path.open("a", encoding="utf-8")
        record: dict[str, Any] = asdict(reject)
        raw = record.pop("raw")
        record["run_id"] = self.run_id
        if raw is not None:
            data = raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogatepass")
            record["raw_bytes"] = len(data)
            record["raw_sha256"] = hashlib.sha256(data).hexdigest()
            if self.keep_text and self.raw_bytes > 0:
                excerpt = data[: self.raw_bytes].decode("utf-8", "backslashreplace")
                record["raw"] = excerpt
                record["raw_truncated"] = len(data) > self.raw_bytes
        self._fh.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        self.count += 1

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

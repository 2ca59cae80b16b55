"""Which files to read, and in which format (detected from content, ``--format`` overrides)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from distillwatch.exceptions import InputError
from distillwatch.ingest.config import FORMAT_NAMES
from distillwatch.ingest.formats.base import peek
from distillwatch.types import StrPath

DATA_SUFFIXES = {".jsonl", ".ndjson", ".json", ".csv", ".parquet", ".pq"}
COMPRESSED_SUFFIXES = {".gz", ".zst", ".zstd"}
SPENDLOGS_COLUMNS = {"request_id", "startTime"}
SPENDLOGS_MARKERS = {"spend", "api_key", "call_type", "requester_ip_address"}
LITELLM_KEYS = {"call_type", "startTime"}
LITELLM_MARKERS = {"model_parameters", "metadata", "requester_ip_address", "messages"}


@dataclass(frozen=True)
class SourceFile:
    path: Path
    format: str


def _is_data_file(p: Path) -> bool:
    suffixes = [s.lower() for s in p.suffixes]
    if suffixes and suffixes[-1] in COMPRESSED_SUFFIXES:
        suffixes = suffixes[:-1]
    return bool(suffixes) and suffixes[-1] in DATA_SUFFIXES


def expand(sources: Iterable[StrPath]) -> tuple[list[Path], list[str]]:
    """Files named directly, plus every data file under each directory (sorted).

    Returns the files and warnings about directory entries skipped as not data files.
    """
    files: list[Path] = []
    warnings: list[str] = []
    for s in sources:
        p = Path(s).expanduser()
        if p.is_dir():
            found = sorted(
                q
                for q in p.rglob("*")
                if q.is_file()
                and not any(part.startswith((".", "_")) for part in q.relative_to(p).parts)
            )
            skipped = [q for q in found if not _is_data_file(q)]
            files.extend(q for q in found if _is_data_file(q))
            if skipped:
                warnings.append(f"{p}: skipped {len(skipped)} file(s) that are not data files")
        elif p.exists():
            files.append(p)
        else:
            raise InputError("no such file or directory", path=str(p))
    return files, warnings


def detect_format(path: Path) -> str:
    """Guess the format of ``path`` from its first bytes (after decompression) and name."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in COMPRESSED_SUFFIXES:
        suffixes = suffixes[:-1]
    ext = suffixes[-1] if suffixes else ""
    head = peek(path, 1 << 16)
    if head.startswith(b"PAR1") or ext in {".parquet", ".pq"}:
        return "parquet"
    text = head.lstrip()
    if text.startswith(b"{") or text.startswith(b"["):
        if b'"resourceSpans"' in head or b'"resource_spans"' in head:
            return "otlp"
        first = text.split(b"\n", 1)[0]
        try:
            obj = json.loads(first)
        except ValueError:
            return "jsonl"
        if isinstance(obj, dict):
            keys = set(obj)
            if "standard_logging_object" in keys or (
                keys >= LITELLM_KEYS and keys & LITELLM_MARKERS
            ):
                return "litellm"
        return "jsonl"
    if ext == ".csv" or b"," in text.split(b"\n", 1)[0]:
        header = {
            c.strip().strip('"')
            for c in text.split(b"\n", 1)[0].decode("utf-8", "replace").split(",")
        }
        if header >= SPENDLOGS_COLUMNS and header & SPENDLOGS_MARKERS:
            return "litellm_spendlogs"
        return "csv"
    return "jsonl"


def resolve(
    sources: Sequence[StrPath], *, format: str | None
) -> tuple[list[SourceFile], list[str]]:
    """Expand sources and pick each file's format (``format`` forces one for all)."""
    if format is not None and format not in FORMAT_NAMES:
        raise InputError(f"unknown format {format!r} (expected one of {', '.join(FORMAT_NAMES)})")
    files, warnings = expand(sources)
    out = []
    for f in files:
        try:
            fmt = format or detect_format(f)
        except OSError:
            fmt = format or "jsonl"  # the read will fail and be reported for this file
        out.append(SourceFile(f, fmt))
    return out, warnings

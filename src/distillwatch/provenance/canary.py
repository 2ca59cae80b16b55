"""Per-account canaries: a keyed tag appended to responses served to suspects, and a ledger.

The tag of an account is ``HMAC-SHA256(key, account_id)`` cut to 64 bits: deterministic (the
same account always gets the same canary, so repeated exposure makes it learnable by a model
trained on the harvested outputs), unforgeable and unlinkable without the key. It is rendered
either invisibly (zero-width characters, survives copy-paste, invisible to a reader) or as a
short visible reference string. :func:`find_canaries` recovers the ids from text, and the
ledger (JSON lines: when, which account, which canary, which request) says who got which, so a
later provenance test can attribute a suspect model's output to the accounts that harvested it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from distillwatch.appender import LineAppender

CanaryStyle = Literal["zero_width", "visible"]
CANARY_BITS = 64
_ZW0, _ZW1, _ZW_MARK = "\u200b", "\u200c", "\u2060"
_ZW_RE = re.compile(f"{_ZW_MARK}([{_ZW0}{_ZW1}]{{{CANARY_BITS}}}){_ZW_MARK}")
_VISIBLE_RE = re.compile(r"\[ref ([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})\]")


@dataclass(frozen=True, slots=True)
class Canary:
    """One account's canary: its id (16 hex digits) and the text appended to responses."""

    canary_id: str
    text: str


class CanaryMinter:
    """Makes the canary of an account from a secret key (keep the key with the ledger)."""

    def __init__(self, key: bytes, *, style: CanaryStyle = "zero_width") -> None:
        if len(key) < 16:
            raise ValueError("canary key must be at least 16 bytes")
        self._key = key
        self.style: CanaryStyle = style

    def canary_id(self, account_id: str) -> str:
        digest = hmac.new(self._key, account_id.encode("utf-8"), hashlib.sha256).digest()
        return digest[: CANARY_BITS // 8].hex()

    def mint(self, account_id: str) -> Canary:
        cid = self.canary_id(account_id)
        return Canary(canary_id=cid, text=render(cid, self.style))


def render(canary_id: str, style: CanaryStyle) -> str:
    """The text form of a canary id."""
    if style == "visible":
        return " [ref " + "-".join(canary_id[i : i + 4] for i in range(0, 16, 4)) + "]"
    bits = bin(int(canary_id, 16))[2:].zfill(CANARY_BITS)
    return _ZW_MARK + "".join(_ZW1 if b == "1" else _ZW0 for b in bits) + _ZW_MARK


def find_canaries(text: str) -> list[str]:
    """Canary ids present in ``text`` (either style), in order of appearance."""
    found: list[tuple[int, str]] = []
    for m in _ZW_RE.finditer(text):
        bits = "".join("1" if c == _ZW1 else "0" for c in m.group(1))
        found.append((m.start(), f"{int(bits, 2):016x}"))
    for m in _VISIBLE_RE.finditer(text):
        found.append((m.start(), "".join(m.groups())))
    return [cid for _, cid in sorted(found)]


class CanaryLedger:
    """Append-only JSON lines record of which canary went to whom (thread-safe; written by a
    background thread so the gateway's request path never waits on the disk)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._out = LineAppender(path, name="canary")

    def record(
        self,
        *,
        account_id: str,
        canary: Canary,
        request_id: str | None,
        model: str | None,
        style: str,
        ts: datetime | None = None,
    ) -> None:
        line = json.dumps(
            {
                "ts": (ts or datetime.now(UTC)).isoformat().replace("+00:00", "Z"),
                "account_id": account_id,
                "canary_id": canary.canary_id,
                "style": style,
                "request_id": request_id,
                "model": model,
            },
            separators=(",", ":"),
        )
        self._out.append(line + "\n")

    @property
    def lost(self) -> int:
        """Records that could not be written (logged as errors when it happened)."""
        return self._out.lost

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until every record so far is on disk (for readers in the same process)."""
        return self._out.flush(timeout)

    def close(self) -> None:
        self._out.close()


def read_ledger(path: Path) -> dict[str, set[str]]:
    """canary id -> the accounts it was served to (normally one)."""
    out: dict[str, set[str]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                out.setdefault(row["canary_id"], set()).add(row["account_id"])
    return out

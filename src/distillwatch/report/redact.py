"""Redaction of raw text shown in reports (on by default; ``--show-text`` turns it off)."""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_LONG_TOKEN = re.compile(r"\b[A-Za-z0-9_\-]{24,}\b")  # API keys, hashes, ids
_WORD = re.compile(r"\b(\w)(\w{2,})\b")

PREVIEW_CHARS = 240


def redact_text(text: str | None, *, show_text: bool = False, limit: int = PREVIEW_CHARS) -> str:
    """A short preview of ``text``: raw when ``show_text``, else its shape with content masked.

    Redacted previews keep the first letter of each word and mask the rest, numbers, e-mail
    addresses and long tokens, so an analyst sees the wording pattern of a template without
    reading a customer's content.
    """
    if not text:
        return ""
    clipped = text[:limit] + ("…" if len(text) > limit else "")
    if show_text:
        return clipped
    out = _EMAIL.sub("<email>", clipped)
    out = _LONG_TOKEN.sub("<token>", out)
    out = _NUMBER.sub("#", out)
    return _WORD.sub(lambda m: m.group(1) + "·" * min(len(m.group(2)), 6), out)

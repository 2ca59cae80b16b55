"""A tiny grammar for writing many wordings at once.

``(a|b|c)`` picks one alternative, ``[a|b]`` picks one or nothing, and both nest:
``"[Please ](think|reason) step by step[, (showing|with) every step]."``. A backslash makes
the next character literal (``\\[\\[rating\\]\\]``). ``{slot}`` fields are
left for ``str.format`` by the caller. :func:`sample` draws one wording with a seeded
``random.Random``; :func:`count` says how many distinct wordings a pattern has.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class _Choice:
    options: tuple[_Seq, ...]
    optional: bool


@dataclass(frozen=True)
class _Seq:
    parts: tuple[str | _Choice, ...]


def _parse_seq(text: str, i: int, stop: str) -> tuple[_Seq, int]:
    parts: list[str | _Choice] = []
    buf: list[str] = []
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            buf.append(text[i + 1])
            i += 2
            continue
        if ch in stop:
            break
        if ch in "([":
            if buf:
                parts.append("".join(buf))
                buf = []
            close = ")" if ch == "(" else "]"
            options: list[_Seq] = []
            i += 1
            while True:
                seq, i = _parse_seq(text, i, "|" + close)
                options.append(seq)
                if i >= len(text):
                    raise ValueError(f"unclosed {ch!r} in pattern {text!r}")
                if text[i] == close:
                    i += 1
                    break
                i += 1  # skip "|"
            parts.append(_Choice(tuple(options), optional=ch == "["))
            continue
        if ch in ")]":
            raise ValueError(f"unbalanced {ch!r} in pattern {text!r}")
        buf.append(ch)
        i += 1
    if buf:
        parts.append("".join(buf))
    return _Seq(tuple(parts)), i


@lru_cache(maxsize=4096)
def parse(pattern: str) -> _Seq:
    """The parsed form of ``pattern`` (raises ValueError on unbalanced brackets)."""
    seq, i = _parse_seq(pattern, 0, "")
    if i != len(pattern):
        raise ValueError(f"unbalanced brackets in pattern {pattern!r}")
    return seq


def _sample(node: _Seq, rng: random.Random, out: list[str]) -> None:
    for part in node.parts:
        if isinstance(part, str):
            out.append(part)
            continue
        n = len(part.options) + (1 if part.optional else 0)
        k = rng.randrange(n)
        if k < len(part.options):
            _sample(part.options[k], rng, out)


def sample(pattern: str, rng: random.Random) -> str:
    """One wording drawn from ``pattern`` (spaces left by empty options squeezed, capitalised)."""
    out: list[str] = []
    _sample(parse(pattern), rng, out)
    text = "".join(out)
    while "  " in text:
        text = text.replace("  ", " ")
    text = text.replace(" ,", ",").replace(" .", ".").strip(" ")
    return text[:1].upper() + text[1:]


def _count(node: _Seq) -> int:
    total = 1
    for part in node.parts:
        if isinstance(part, _Choice):
            total *= sum(_count(o) for o in part.options) + (1 if part.optional else 0)
    return total


def count(pattern: str) -> int:
    """How many (not necessarily distinct) wordings ``pattern`` expands to."""
    return _count(parse(pattern))

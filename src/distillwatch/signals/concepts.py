"""Concept features: a multilingual lexicon of intent-related concepts (round 22).

A held-out wording family fails when its key phrase is one no sibling in its language has,
while the same request exists in other languages ("Résous étape par étape" held out, "solve
step by step" trained on). Character n-grams cannot carry that across languages. The lexicon
maps the surface forms of about 54 concepts (THINK, STEP_BY_STEP, DATASET, PARAPHRASE,
RUBRIC, ... and benign ones: HOWTO, RECIPE, HOMEWORK, MY, CHECK) in 16 languages to one id
each, so a request reads as the same concepts in any of them.

Lexicon files (``lexicon/*.json``: ``{lang: {CONCEPT: [form, ...]}}``, definitions and
provenance in ``lexicon/concepts.md``) were written by two helper sessions from their own
knowledge of the languages, without opening the wording families, the look-alikes or the
blind sets. A model trained with concepts stores the lexicon it was trained with beside its
weights, so editing the packaged files never changes a shipped model.

Matching, on each request part (system prompt, prompt) clipped and normalised as the
feature kernel does (:func:`distillwatch.signals.features.normalise`):

- ``zh`` and ``ja`` forms match as substrings anywhere;
- every other language's forms match at the start of a word (a word character, as the
  kernel's word n-grams define it, after one that is not) as prefixes: a stem like
  ``réfléch`` matches ``réfléchissez``; a form ending in ``$`` must also end a word.

Columns per request: each concept present, and each ordered pair of consecutive distinct
concepts in a part (``THINK > STEP_BY_STEP`` is not ``EXPLAIN > STEP_BY_STEP``); matches at
one offset are taken in concept-id order; no pair spans the system prompt and the prompt.
The compiled kernel (:mod:`distillwatch.signals.intent`) reads :meth:`ConceptLexicon.trie`;
:meth:`ConceptLexicon.part_columns` here is its plain reference, which tests hold it to.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import TypeAlias

import numpy as np

from distillwatch.exceptions import ConfigError
from distillwatch.signals.features import clip, is_word_char, normalise

SUBSTRING_LANGS = frozenset({"zh", "ja"})
LEXICON_FILES = ("latin.json", "other_scripts.json")
# Roots of the trie: forms matched at word starts, forms matched anywhere.
WORD_ROOT = 0
SUBSTRING_ROOT = 1
# First-character table entries: bit 0 starts a word form, bit 1 a substring form; bit 2
# is a one-character word form, bit 3 a one-character substring form (a walk that the pair
# filter would stop after its first character can still match those, so it is taken).
_FIRST_LIMIT = 0x10000
# The trie's hashing and edge layout, shared with the kernel (signals/intent.py): an edge
# slot packs its key ((node + 1) << CP_BITS | code point) above a CHILD_BITS-bit child node.
TRIE_MIX = 0x9E3779B97F4A7C15
CP_BITS = 21
CHILD_BITS = 24
# A bit per hashed (root, first, second character) of the forms: the scan starts no walk at
# two characters no form starts with (unless a one-character form matches the first).
PAIR_BITS = 16

LexiconDict: TypeAlias = Mapping[str, Mapping[str, Sequence[str]]]
# The arrays the kernel reads: first-character table (uint8), trie edges as an open-
# addressing table of slots (key (node + 1) << 21 | code point, shifted above the 24-bit
# child node; 0: empty; uint64: key and child in one load, so a probe is one cache miss),
# the roots' children by first character below _FIRST_LIMIT (int32, shape (2, limit), -1:
# none; the walk's first step, taken at every word start, reads no hash table), the first-
# two-characters filter (uint8, 2**PAIR_BITS bits, :func:`pair_bit`), each node's
# terminals at tstart[node]:tstart[node + 1] (int32) as concept ids (int32) and whole-word
# flags (uint8).
Trie: TypeAlias = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray,
                       np.ndarray]


@dataclass(frozen=True)
class _Form:
    text: str  # normalised
    whole: bool
    substring: bool
    concept: int


@dataclass(frozen=True, eq=False)
class ConceptLexicon:
    """Concept names and their surface forms by language, indexed for matching."""

    forms: dict[str, dict[str, tuple[str, ...]]]  # lang -> concept -> forms as written

    def __post_init__(self) -> None:
        concepts = tuple(sorted({c for table in self.forms.values() for c in table}))
        if not concepts:
            raise ConfigError("concept lexicon: no concepts")
        cid = {c: i for i, c in enumerate(concepts)}
        entries: set[_Form] = set()
        for lang, table in self.forms.items():
            for concept, forms in table.items():
                for raw in forms:
                    text = normalise(raw.strip())
                    whole = text.endswith("$")
                    text = text.rstrip("$").strip()
                    if text:
                        entries.add(_Form(text, whole, lang in SUBSTRING_LANGS, cid[concept]))
        ordered = tuple(sorted(entries, key=lambda f: (f.substring, f.text, f.whole, f.concept)))
        by_first: dict[tuple[bool, str], list[_Form]] = {}
        for f in ordered:
            by_first.setdefault((f.substring, f.text[0]), []).append(f)
        object.__setattr__(self, "_concepts", concepts)
        object.__setattr__(self, "_longest", max((len(f.text) for f in ordered), default=0))
        object.__setattr__(self, "_entries", ordered)
        object.__setattr__(self, "_by_first", by_first)

    @classmethod
    def from_dict(cls, lexicon: LexiconDict) -> ConceptLexicon:
        try:
            forms = {str(lang): {str(c): tuple(str(f) for f in fs) for c, fs in table.items()}
                     for lang, table in lexicon.items()}
        except (AttributeError, TypeError) as exc:
            raise ConfigError(f"concept lexicon: expected {{lang: {{CONCEPT: [form, ...]}}}}: "
                              f"{exc}") from exc
        return cls(forms)

    @classmethod
    def load(cls, paths: Sequence[Path] | None = None) -> ConceptLexicon:
        """The packaged lexicon (``lexicon/*.json``), or the files given, merged by language."""
        merged: dict[str, dict[str, list[str]]] = {}
        if paths is None:
            folder = resources.files("distillwatch.signals") / "lexicon"
            named = [(f"lexicon/{n}", (folder / n).read_text(encoding="utf-8"))
                     for n in LEXICON_FILES]
        else:
            named = [(str(p), Path(p).read_text(encoding="utf-8")) for p in paths]
        for name, text in named:
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ConfigError(f"{name}: line {exc.lineno}: {exc.msg}") from exc
            if not isinstance(data, dict):
                raise ConfigError(f"{name}: expected {{lang: {{CONCEPT: [form, ...]}}}}")
            for lang, table in data.items():
                merged.setdefault(lang, {}).update(table)
        return cls.from_dict(merged)

    def to_dict(self) -> dict[str, dict[str, list[str]]]:
        return {lang: {c: list(fs) for c, fs in table.items()}
                for lang, table in self.forms.items()}

    @property
    def concepts(self) -> tuple[str, ...]:
        concepts: tuple[str, ...] = getattr(self, "_concepts")  # noqa: B009
        return concepts

    @property
    def n_forms(self) -> int:
        return len(getattr(self, "_entries"))  # noqa: B009

    @property
    def longest_form(self) -> int:
        """Characters in the longest normalised form: a match starting that far before the
        end of a text's prefix is one no later character can change."""
        longest: int = getattr(self, "_longest")  # noqa: B009
        return longest

    @property
    def n_columns(self) -> int:
        """Concepts, then ordered concept pairs."""
        return len(self.concepts) * (1 + len(self.concepts))

    @property
    def sha256(self) -> str:
        """Digest of the lexicon's content (language, concept and form order ignored)."""
        canon = json.dumps({lang: {c: sorted(fs) for c, fs in table.items()}
                            for lang, table in self.forms.items()},
                           sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canon.encode("utf-8")).hexdigest()

    def column_name(self, j: int) -> str:
        n = len(self.concepts)
        if j < n:
            return self.concepts[j]
        a, b = divmod(j - n, n)
        return f"{self.concepts[a]}>{self.concepts[b]}"

    # --- the plain reference ------------------------------------------------------------

    def matches(self, text: str) -> list[tuple[int, int]]:
        """(offset, concept id) of every form in the normalised ``text``, in text order."""
        by_first: dict[tuple[bool, str], list[_Form]] = getattr(self, "_by_first")  # noqa: B009
        out: list[tuple[int, int]] = []
        for i, ch in enumerate(text):
            start = is_word_char(ch) and (i == 0 or not is_word_char(text[i - 1]))
            candidates = by_first.get((True, ch), [])
            if start:
                candidates = by_first.get((False, ch), []) + candidates
            for f in candidates:
                if text.startswith(f.text, i):
                    j = i + len(f.text)
                    if f.whole and j < len(text) and is_word_char(text[j]):
                        continue
                    out.append((i, f.concept))
        out.sort()
        return out

    def part_columns(self, part: str, clip_chars: int) -> set[int]:
        """Columns of one request part (a system prompt or a prompt)."""
        n = len(self.concepts)
        cols: set[int] = set()
        seq: list[int] = []
        for _, c in self.matches(normalise(clip(part, clip_chars))):
            cols.add(c)
            if not seq or seq[-1] != c:
                seq.append(c)
        cols.update(n + a * n + b for a, b in pairwise(seq))
        return cols

    def columns(self, prompt: str, system: str | None, clip_chars: int) -> list[int]:
        """Sorted columns of one request (the union of its parts')."""
        cols = self.part_columns(prompt, clip_chars)
        if system:
            cols |= self.part_columns(system, clip_chars)
        return sorted(cols)

    # --- what the kernel reads ----------------------------------------------------------

    def trie(self) -> Trie:
        """The forms as a trie in flat arrays (see :data:`Trie`), built once per lexicon."""
        cached: Trie | None = getattr(self, "_trie", None)
        if cached is None:
            cached = _build_trie(getattr(self, "_entries"))  # noqa: B009
            object.__setattr__(self, "_trie", cached)
        return cached


def _build_trie(entries: Sequence[_Form]) -> Trie:
    children: list[dict[int, int]] = [{}, {}]
    terminals: list[set[tuple[int, bool]]] = [set(), set()]
    first = np.zeros(_FIRST_LIMIT, dtype=np.uint8)
    for f in entries:
        node = SUBSTRING_ROOT if f.substring else WORD_ROOT
        cp0 = ord(f.text[0])
        starts = 2 if f.substring else 1
        kind = starts | (starts << 2 if len(f.text) == 1 else 0)
        if cp0 < _FIRST_LIMIT:
            first[cp0] |= kind
        else:  # a rare first character beyond the table: the kernel looks those up always
            first[0] |= kind
        for ch in f.text:
            nxt = children[node].get(ord(ch))
            if nxt is None:
                nxt = len(children)
                children[node][ord(ch)] = nxt
                children.append({})
                terminals.append(set())
            node = nxt
        terminals[node].add((f.concept, f.whole))
    if len(children) >= 1 << (64 - CHILD_BITS - CP_BITS):
        raise ConfigError(f"concept lexicon too large: {len(children)} trie nodes")
    edges = [(node, cp, child) for node, kids in enumerate(children) for cp, child in kids.items()]
    bits = max(4, (2 * len(edges)).bit_length())
    slots = np.zeros(1 << bits, dtype=np.uint64)
    mask = (1 << bits) - 1
    for node, cp, child in edges:
        key = ((node + 1) << CP_BITS) | cp
        h = trie_slot(key, bits)
        while slots[h]:
            h = (h + 1) & mask
        slots[h] = (key << CHILD_BITS) | child
    pairs = np.zeros(1 << (PAIR_BITS - 3), dtype=np.uint8)
    for f in entries:
        if len(f.text) > 1:
            b = pair_bit(SUBSTRING_ROOT if f.substring else WORD_ROOT, ord(f.text[0]),
                         ord(f.text[1]))
            pairs[b >> 3] |= 1 << (b & 7)
    roots = np.full((2, _FIRST_LIMIT), -1, dtype=np.int32)
    for root in (WORD_ROOT, SUBSTRING_ROOT):
        for cp, child in children[root].items():
            if cp < _FIRST_LIMIT:
                roots[root, cp] = child
    tstart = np.zeros(len(children) + 1, dtype=np.int32)
    tcid: list[int] = []
    twhole: list[int] = []
    for node, terms in enumerate(terminals):
        for concept, whole in sorted(terms):
            tcid.append(concept)
            twhole.append(int(whole))
        tstart[node + 1] = len(tcid)
    arrays = (first, slots, roots, tstart, np.array(tcid, dtype=np.int32),
              np.array(twhole, dtype=np.uint8), pairs)
    for a in arrays:
        a.flags.writeable = False
    return arrays


def pair_bit(root: int, a: int, b: int) -> int:
    """Bit of a form's first two code points in the pair filter (the kernel computes the
    same)."""
    return trie_slot((((root << CP_BITS) | a) << CP_BITS) | b, PAIR_BITS)


def trie_slot(key: int, bits: int) -> int:
    """Home slot of a trie edge key (Fibonacci hashing; the kernel computes the same)."""
    return ((key * TRIE_MIX) & 0xFFFFFFFFFFFFFFFF) >> (64 - bits)


NO_TRIE: Trie = (np.zeros(0, dtype=np.uint8), np.zeros(0, dtype=np.uint64),
                 np.zeros((2, 0), dtype=np.int32), np.zeros(0, dtype=np.int32),
                 np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.uint8),
                 np.zeros(0, dtype=np.uint8))

"""Concept features from a multilingual lexicon (round 22, research; the shipped kernel does
not compute them yet).

A held-out wording family fails when its key phrase is one no sibling in its language has,
while the same request exists in other languages ("Résous étape par étape" held out, "solve
step by step" trained on). Character n-grams cannot carry that across languages. The lexicon
maps the surface forms of about 54 intent-related concepts (THINK, STEP_BY_STEP, DATASET,
PARAPHRASE, RUBRIC, ... and benign ones: HOWTO, RECIPE, HOMEWORK, MY, CHECK) in 16
languages to one id each, so a request reads as the same concepts in any of them.

Lexicon files (``lexicon/*.json``: ``{lang: {CONCEPT: [form, ...]}}``, definitions in
``lexicon/concepts.md``) were written by two helper sessions from their own knowledge of the
languages, without opening the wording families, the look-alikes or the blind sets, so a
held-out family's phrasing is not in the lexicon because it was seen.

Matching rules (lower-cased, NFC text):

- ``zh`` and ``ja`` forms match as substrings anywhere;
- every other language's forms match at the start of a word as prefixes (a stem like
  ``réfléch`` matches ``réfléchissez``); a form ending in ``$`` must also end a word.

Features per request: each concept present, and each ordered pair of consecutive distinct
concepts (``THINK -> STEP_BY_STEP`` is not ``EXPLAIN -> STEP_BY_STEP``); no pair spans the
system prompt and the prompt. Both parts are clipped as the kernel clips them (first and last
``clip_chars`` characters).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from distillwatch.signals.features import FeatureSpec, clip, doc_scale

SUBSTRING_LANGS = frozenset({"zh", "ja"})
LEXICON_FILES = ("latin.json", "other_scripts.json")
_WORD_START = re.compile(r"(?<!\w)\w")

WordForm = tuple[str, bool, int]  # form, whole word only, concept id
SubForm = tuple[str, int]


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text.lower())


@dataclass(frozen=True, eq=False)
class ConceptLexicon:
    """Concept ids and their surface forms, indexed for matching."""

    concepts: tuple[str, ...]
    word_forms: dict[str, tuple[WordForm, ...]]  # first two characters -> longest first
    substring_forms: dict[str, tuple[SubForm, ...]]  # first character -> longest first
    n_forms: int
    # where a substring form can start: one character class, scanned at C speed
    substring_starts: re.Pattern[str]

    @classmethod
    def from_dict(cls, lexicon: dict[str, dict[str, list[str]]]) -> ConceptLexicon:
        concepts = tuple(sorted({c for forms in lexicon.values() for c in forms}))
        cid = {c: i for i, c in enumerate(concepts)}
        words: dict[str, set[WordForm]] = defaultdict(set)
        subs: dict[str, set[SubForm]] = defaultdict(set)
        for lang, table in lexicon.items():
            for concept, forms in table.items():
                for raw in forms:
                    form = _norm(raw.strip())
                    whole = form.endswith("$")
                    form = form.rstrip("$").strip()
                    if not form:
                        continue
                    if lang in SUBSTRING_LANGS:
                        subs[form[0]].add((form, cid[concept]))
                    else:
                        words[form[:2]].add((form, whole, cid[concept]))
        by_len = {k: tuple(sorted(v, key=lambda t: (-len(t[0]), t))) for k, v in words.items()}
        sub_len = {k: tuple(sorted(v, key=lambda t: (-len(t[0]), t))) for k, v in subs.items()}
        n = sum(map(len, by_len.values())) + sum(map(len, sub_len.values()))
        starts = re.compile("[" + "".join(map(re.escape, sorted(sub_len))) + "]"
                            if sub_len else "(?!)")
        return cls(concepts, by_len, sub_len, n, starts)

    @classmethod
    def load(cls, paths: Sequence[Path] | None = None) -> ConceptLexicon:
        """The packaged lexicon (``lexicon/*.json``), or the files given, merged by language."""
        merged: dict[str, dict[str, list[str]]] = {}
        if paths is None:
            folder = resources.files("distillwatch.signals.training") / "lexicon"
            texts = [(folder / name).read_text(encoding="utf-8") for name in LEXICON_FILES]
        else:
            texts = [Path(p).read_text(encoding="utf-8") for p in paths]
        for text in texts:
            for lang, table in json.loads(text).items():
                merged.setdefault(lang, {}).update(table)
        return cls.from_dict(merged)

    def matches(self, text: str) -> list[tuple[int, int]]:
        """(character offset, concept id) of every form found in ``text``, in text order."""
        t = _norm(text)
        out: list[tuple[int, int]] = []
        for m in _WORD_START.finditer(t):
            i = m.start()
            for form, whole, c in self.word_forms.get(t[i : i + 2], ()):
                if t.startswith(form, i):
                    j = i + len(form)
                    if whole and j < len(t) and (t[j].isalnum() or t[j] == "_"):
                        continue
                    out.append((i, c))
        for m in self.substring_starts.finditer(t):
            i = m.start()
            for form, c in self.substring_forms[t[i]]:
                if t.startswith(form, i):
                    out.append((i, c))
        out.sort()
        return out

    @property
    def n_columns(self) -> int:
        """Concepts, then ordered concept pairs."""
        return len(self.concepts) * (1 + len(self.concepts))

    def column_name(self, j: int) -> str:
        n = len(self.concepts)
        if j < n:
            return self.concepts[j]
        a, b = divmod(j - n, n)
        return f"{self.concepts[a]}>{self.concepts[b]}"


def concept_columns(lexicon: ConceptLexicon, prompt: str, system: str | None,
                    clip_chars: int = 600) -> list[int]:
    """Sorted column ids of one request: concepts present and consecutive ordered pairs."""
    n = len(lexicon.concepts)
    cols: set[int] = set()
    for part in (system or "", prompt):
        seq: list[int] = []
        for _, c in lexicon.matches(clip(part, clip_chars)):
            cols.add(c)
            if not seq or seq[-1] != c:
                seq.append(c)
        cols.update(n + a * n + b for a, b in pairwise(seq))
    return sorted(cols)


def concept_matrix(lexicon: ConceptLexicon, prompts: Sequence[str],
                   systems: Sequence[str | None], clip_chars: int = 600) -> sp.csr_matrix:
    """Binary (requests x ``lexicon.n_columns``) matrix of :func:`concept_columns`."""
    indptr = [0]
    ids: list[int] = []
    for prompt, system in zip(prompts, systems, strict=True):
        ids += concept_columns(lexicon, prompt, system, clip_chars)
        indptr.append(len(ids))
    return sp.csr_matrix((np.ones(len(ids), np.float32), np.array(ids, np.int64),
                          np.array(indptr, np.int64)),
                         shape=(len(prompts), lexicon.n_columns))


def with_concepts(x: sp.csr_matrix, concepts: sp.csr_matrix, scale: float = 1.0) -> sp.csr_matrix:
    """Presence n-gram features ``x`` with the concept columns appended (each ``scale``),
    every row times 1/sqrt(its distinct n-gram buckets + concept columns), as
    ``features.presence`` scales the n-grams alone."""
    xb = x.copy()
    xb.data[:] = 1.0
    xc = concepts.copy()
    xc.data[:] = scale
    scale_rows = doc_scale(np.diff(xb.indptr) + np.diff(xc.indptr), FeatureSpec(norm_ref=0))
    both = sp.hstack([xb, xc], format="csr")
    return sp.csr_matrix(sp.diags(scale_rows.astype(np.float32)) @ both)

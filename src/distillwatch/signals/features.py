"""Hashed n-gram features of request text, vectorised over a whole batch with numpy.

The intent classifier is linear over hashed character n-grams (2-5) and word uni/bigrams of
the normalised text. ``sklearn.feature_extraction.text.HashingVectorizer`` builds one Python
string per n-gram (a few thousand prompts per second); here every n-gram of every prompt in a
batch is hashed at once on one array of code points, so a batch costs a few dozen numpy passes.

Only the instruction-bearing parts of a request are featurised: the first and last
``clip_chars`` characters of the system prompt and of the prompt (a pasted document in the
middle would otherwise dilute the instruction around it).

Feature values: the count of each bucket times ``doc_scale(N)`` for a document of N n-grams:
``1/sqrt(N)`` up to ``norm_ref`` n-grams, then ``sqrt(norm_ref)/N``. A linear model's logit is
then the sum of the n-grams' weights scaled by that factor: short prompts behave as with an
L2 norm, and in long texts frequent generic n-grams (". ", "the ") cannot add up without
bound, so a long benign document does not drift to an extreme score.
With ``FeatureSpec.binary`` each distinct bucket counts once (presence) and N is the number of
distinct buckets: every n-gram's weight is then a fixed share of the logit however often it
repeats, so diffuse everyday evidence ("think", "your", "explain" across a long question)
no longer adds up to an attack score (docs/signals.md, "Round 12: presence features").
``FeatureSpec`` is stored with a model. Training and inference both use the compiled kernel
(:func:`distillwatch.signals.intent.feature_matrix`), so they cannot drift apart; this numpy
version stays as the plain reference the kernel is tested against (tests/signals) and as the
"previous path" baseline of ``bench/signals.py``. ``request_text`` and ``FeatureSpec`` are
shared by both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

DEFAULT_BITS = 18
DEFAULT_CLIP_CHARS = 600
DEFAULT_CHAR_NGRAMS = (2, 3, 4, 5)
DEFAULT_NORM_REF = 1024

_P = np.uint32(0x01000193)  # polynomial base (odd, so invertible modulo 2**32)
_P_INV = np.uint32(pow(0x01000193, -1, 2**32))
# One odd multiplier per n-gram kind (Fibonacci hashing): the top bits are the bucket.
_MIX = {
    1: 0x9E3779B1, 2: 0x85EBCA77, 3: 0xC2B2AE3D, 4: 0x27D4EB2F, 5: 0x165667B1,
    6: 0xD3A2646C | 1, 7: 0xFD7046C5, 8: 0xB55A4F09, "word": 0x2545F491, "bigram": 0x9E6C63D1,
}
_SEP = "\x00"


@dataclass(frozen=True)
class FeatureSpec:
    """How text becomes a hashed feature vector (stored beside the model's weights)."""

    bits: int = DEFAULT_BITS
    clip_chars: int = DEFAULT_CLIP_CHARS
    char_ngrams: tuple[int, ...] = DEFAULT_CHAR_NGRAMS
    word_ngrams: bool = True
    norm_ref: int = DEFAULT_NORM_REF  # 0: always 1/sqrt(N)
    # Chinese and Japanese have no spaces: a "word" would be a whole clause, too specific to
    # generalise. With ``cjk_split`` every ideograph or kana is a word of its own, so word
    # unigrams/bigrams are CJK character unigrams/bigrams.
    cjk_split: bool = False
    # Word-cluster n-grams (models with word clusters) count this many times a character or
    # word n-gram: under the same L2 penalty a larger scale lets the model lean more on the
    # clusters (synonyms) and less on family-specific character n-grams. 1: as before.
    cluster_scale: float = 1.0
    # Presence instead of counts: each distinct bucket is 1 before ``doc_scale`` (of the
    # number of distinct buckets). Leave-families-out recall at 0.5% FP 0.763 -> 0.903 at
    # the dev size (docs/signals.md, "Round 12"). False: counts, as every model before.
    binary: bool = False

    def __post_init__(self) -> None:
        if self.binary and self.cluster_scale != 1.0:
            raise ValueError("FeatureSpec: binary features need cluster_scale 1 (a bucket "
                             "shared by an n-gram and a cluster n-gram counts once)")

    @property
    def n_features(self) -> int:
        return 1 << self.bits


def doc_scale(counts: np.ndarray, spec: FeatureSpec) -> np.ndarray:
    """Per-document feature scale for documents of ``counts`` n-grams (see module doc)."""
    n = np.maximum(counts.astype(np.float64), 1.0)
    if spec.norm_ref <= 0:
        return 1.0 / np.sqrt(n)
    return np.where(n <= spec.norm_ref, 1.0 / np.sqrt(n), np.sqrt(spec.norm_ref) / n)


def clip(text: str, chars: int) -> str:
    """First and last ``chars`` characters of ``text`` (all of it when short)."""
    if len(text) <= 2 * chars:
        return text
    return text[:chars] + "\n" + text[-chars:]


_LOWER_LIMIT = 0x20000  # no case mappings above (that matter here)


@lru_cache(maxsize=1)
def normal_table() -> np.ndarray:
    """Code point -> normalised code point, as the feature kernel reads text: lower case
    (the first character where ``str.lower`` gives two), every digit "0", whitespace and
    control characters " " (code points from ``_LOWER_LIMIT`` on are kept)."""
    table = np.arange(_LOWER_LIMIT, dtype=np.uint32)
    for c in range(_LOWER_LIMIT):
        if 0xD800 <= c <= 0xDFFF:
            continue
        low = chr(c).lower()
        if low != chr(c):
            table[c] = ord(low[0])
    table[(table >= 48) & (table <= 57)] = 48
    table[table <= 32] = 32
    table.flags.writeable = False
    return table


@lru_cache(maxsize=1)
def _normal_map() -> dict[int, int]:
    table = normal_table()
    return {c: int(v) for c, v in enumerate(table.tolist()) if v != c}


def normalise(text: str) -> str:
    """``text`` as the feature kernel reads it (:func:`normal_table`), with each run of
    whitespace one space: the plain reference of the kernel's decoding."""
    return _SPACES.sub(" ", text.translate(_normal_map()))


_SPACES = re.compile(" {2,}")


def is_word_char(ch: str) -> bool:
    """A character of a normalised word, as the word n-grams (and concept word starts)
    define it (:func:`_is_word`, one character)."""
    c = ord(ch)
    if 97 <= c <= 122 or 48 <= c <= 57:
        return True
    return c >= 0xC0 and not (0x2000 <= c <= 0x2BFF or 0x3000 <= c <= 0x303F
                              or 0xFF00 <= c <= 0xFF20)


def request_text(prompt: str, system_prompt: str | None, *, clip_chars: int) -> str:
    """The text the classifier reads for one request: clipped system prompt, then prompt."""
    if system_prompt:
        return clip(system_prompt, clip_chars) + "\n" + clip(prompt, clip_chars)
    return clip(prompt, clip_chars)


def _powers(size: int) -> tuple[np.ndarray, np.ndarray]:
    """P**i and P**-i modulo 2**32 for i < at least ``size``.

    Sizes up to a chunk of a batch come from a small cache of power-of-two size classes;
    larger ones are computed per call."""
    if size <= _CACHED_POWERS:
        return _small_powers(1 << max(size, 1).bit_length())
    return _compute_powers(size)


_CACHED_POWERS = 1 << 21  # 2 x 8 MiB at most per size class; batches are scored in chunks
CHUNK_DOCS = 4096  # documents hashed at once: keeps working arrays in cache and bounded


@lru_cache(maxsize=4)
def _small_powers(size: int) -> tuple[np.ndarray, np.ndarray]:
    return _compute_powers(size)


def _compute_powers(size: int) -> tuple[np.ndarray, np.ndarray]:
    up = np.full(size, _P, dtype=np.uint32)
    up[0] = 1
    down = np.full(size, _P_INV, dtype=np.uint32)
    down[0] = 1
    up = np.cumprod(up, dtype=np.uint32)
    down = np.cumprod(down, dtype=np.uint32)
    up.flags.writeable = False
    down.flags.writeable = False
    return up, down


def _codes(texts: Sequence[str]) -> np.ndarray:
    """Normalised code points of all texts, each preceded by a separator, plus a final one.

    Lower case; every digit reads as "0" ("generate 50 examples" and "generate 37 examples"
    share n-grams); runs of whitespace and control characters collapse to one space.
    """
    joined = (_SEP + _SEP.join(texts) + _SEP).lower()
    c = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).copy()
    c[(c - np.uint32(48)) < 10] = 48
    ws = (c - np.uint32(1)) < 32  # 1..32: controls and space; the separator 0 wraps around
    c[ws] = 32
    keep = ~ws
    keep[1:] |= keep[:-1]
    return c[keep]


def _is_word(c: np.ndarray) -> np.ndarray:
    """Letters and digits (ASCII, plus non-ASCII outside the usual punctuation blocks)."""
    ascii_word = ((c >= 97) & (c <= 122)) | ((c >= 48) & (c <= 57))
    other = (c >= 0xC0) & ~((c >= 0x2000) & (c <= 0x2BFF)) & ~((c >= 0x3000) & (c <= 0x303F))
    other &= ~((c >= 0xFF00) & (c <= 0xFF20))
    return ascii_word | other


def _is_cjk(c: np.ndarray) -> np.ndarray:
    """Hiragana, katakana and CJK ideographs (incl. extension A)."""
    return ((c >= 0x3040) & (c <= 0x30FF)) | ((c >= 0x3400) & (c <= 0x9FFF))


def _bucket(h: np.ndarray, kind: int | str, bits: int) -> np.ndarray:
    """Top ``bits`` bits of ``h * multiplier(kind)``, as int32 indices (a free view)."""
    mixed = h * np.uint32(_MIX[kind])
    mixed >>= np.uint32(32 - bits)
    return mixed.view(np.int32)


def hashed_ngrams(
    texts: Sequence[str], spec: FeatureSpec
) -> tuple[list[np.ndarray], list[np.ndarray], int]:
    """Bucket ids of every n-gram and the document each belongs to, one array pair per kind.

    Returns ``(buckets, docs, n_docs)``: ``buckets[k][j]`` is the feature index of the j-th
    n-gram of kind k and ``docs[k][j]`` its document (non-decreasing within each kind).
    """
    c = _codes(texts)
    doc = np.cumsum(c == 0, dtype=np.int32) - 1  # separator i opens document i
    buckets: list[np.ndarray] = []
    docs: list[np.ndarray] = []
    h = c.copy()
    nmax = max(spec.char_ngrams)
    if nmax > max(k for k in _MIX if isinstance(k, int)):
        raise ValueError(f"character n-grams up to {nmax} are not supported")
    for n in range(1, nmax + 1):
        if n > 1:
            # Polynomial rolling hash: h_n[i] = h_{n-1}[i] * P + c[i + n - 1].
            h = h[:-1] * _P + c[n - 1 :]
        if n not in spec.char_ngrams:
            continue
        # An n-gram may start at the separator before a document (a "start of text" feature)
        # but never spans two documents, nor starts at the separator closing the last one
        # (it opens no document: only a unigram could start there).
        start = doc[: len(h)]
        valid = (start == doc[n - 1 :]) & (start < len(texts))
        buckets.append(_bucket(h[valid], n, spec.bits))
        docs.append(start[valid])
    if spec.word_ngrams:
        w = _is_word(c)
        prev = np.concatenate(([False], w[:-1]))
        nxt = np.concatenate((w[1:], [False]))
        if spec.cjk_split:
            cjk = _is_cjk(c)
            # A CJK character, or a word character next to one, is a word boundary.
            prev &= ~(cjk | np.concatenate(([False], cjk[:-1])))
            nxt &= ~(cjk | np.concatenate((cjk[1:], [False])))
        starts = np.flatnonzero(w & ~prev)
        ends = np.flatnonzero(w & ~nxt) + 1
        up, down = _powers(len(c))
        s = np.zeros(len(c) + 1, dtype=np.uint32)
        np.cumsum(c * up[: len(c)], dtype=np.uint32, out=s[1:])
        wdoc = doc[starts]
        uni = (s[ends] - s[starts]) * down[starts]
        buckets.append(_bucket(uni, "word", spec.bits))
        docs.append(wdoc)
        same = wdoc[1:] == wdoc[:-1]
        bi = (s[ends[1:]] - s[starts[:-1]]) * down[starts[:-1]]
        buckets.append(_bucket(bi[same], "bigram", spec.bits))
        docs.append(wdoc[1:][same])
    return buckets, docs, len(texts)


def featurize(texts: Sequence[str], spec: FeatureSpec) -> sp.csr_matrix:
    """CSR matrix (n_docs x 2**bits) of n-gram counts times ``doc_scale``."""
    buckets, docs, n_docs = hashed_ngrams(texts, spec)
    rows = np.concatenate(docs) if docs else np.zeros(0, dtype=np.int32)
    cols = np.concatenate(buckets) if buckets else np.zeros(0, dtype=np.int32)
    counts = np.bincount(rows, minlength=n_docs)
    data = doc_scale(counts, spec).astype(np.float32)[rows]
    x = sp.csr_matrix((data, (rows, cols)), shape=(n_docs, spec.n_features), dtype=np.float32)
    x.sum_duplicates()
    return presence(x, spec) if spec.binary else x


def presence(x: sp.csr_matrix, spec: FeatureSpec) -> sp.csr_matrix:
    """``x`` (duplicates summed) as presence features: each stored bucket 1, times
    ``doc_scale`` of the row's number of distinct buckets (``FeatureSpec.binary``)."""
    x = x.copy()
    distinct = np.diff(x.indptr)
    x.data = np.repeat(doc_scale(distinct, spec).astype(np.float32), distinct)
    return x


def linear_scores(
    texts: Sequence[str], spec: FeatureSpec, weights: np.ndarray, bias: np.ndarray
) -> np.ndarray:
    """``featurize(texts) @ weights + bias`` without building the matrix (the fast path)."""
    if spec.binary:  # distinct buckets per document: the matrix is the plain way
        return np.asarray(featurize(texts, spec) @ weights, dtype=np.float64) + bias[None, :]
    if len(texts) > CHUNK_DOCS:
        return np.concatenate([
            linear_scores(texts[i : i + CHUNK_DOCS], spec, weights, bias)
            for i in range(0, len(texts), CHUNK_DOCS)
        ])
    buckets, docs, n_docs = hashed_ngrams(texts, spec)
    k = weights.shape[1]
    if n_docs == 1:
        # One request (the gateway): gathers beat building sparse matrices. The sums run in
        # the same order and precision as the CSR product below (sequential float32 per
        # kind, then float64), so one request scores exactly as it would inside a batch.
        row = np.zeros((1, k), dtype=np.float64)
        total = 0
        for b in buckets:
            if len(b):
                row += np.cumsum(weights[b], axis=0, dtype=np.float32)[-1]
                total += len(b)
        row *= doc_scale(np.array([total]), spec)[:, None]
        row += bias[None, :]
        return row
    out = np.zeros((n_docs, k), dtype=np.float64)
    counts = np.zeros(n_docs, dtype=np.float64)
    ones = np.ones(max((len(b) for b in buckets), default=0), dtype=np.float32)
    for b, d in zip(buckets, docs, strict=True):
        if len(b) == 0:
            continue
        # Rows of each kind are grouped by document: one CSR product per kind, in C.
        indptr = np.zeros(n_docs + 1, dtype=np.int64)
        np.cumsum(np.bincount(d, minlength=n_docs), out=indptr[1:])
        m = sp.csr_matrix((ones[: len(b)], b, indptr), shape=(n_docs, weights.shape[0]))
        out += m @ weights
        counts += np.diff(indptr)
    out *= doc_scale(counts, spec)[:, None]
    out += bias[None, :]
    return out

"""The distillation-intent classifier: a calibrated linear model over hashed n-grams.

The shipped model lives in ``signals/model/``: ``intent.npz`` (weights as float16, bias,
no pickles), ``intent.json`` (classes, feature spec, temperature, the threshold picked on
held-out benign prompts, and how it was trained and evaluated) and ``intent.lexicon.json``
(the concept lexicon it was trained with). ``scripts/train_intent.py``
rebuilds both from data the repository can regenerate.

Features come from one compiled kernel (numba, cached on disk) that reads the UTF-8 bytes of
an Arrow string column directly: it clips each request to its instruction-bearing parts,
normalises it (lower case, digits as "0", whitespace runs as one space), hashes character
n-grams and word uni/bigrams and either sums the model's weight rows (inference: batches and
single gateway requests alike; SIMD row sums in :mod:`distillwatch.signals.row_sum`, exact
for the shipped float16 weights) or writes the bucket ids out (training:
:func:`feature_matrix`). The hashing is the one of :mod:`distillwatch.signals.features` (same
constants), so models trained before the kernel existed still read the same buckets.
A model with a concept lexicon (:mod:`distillwatch.signals.concepts`, model format 3) also
reads each request part's concepts and consecutive concept pairs, from a trie of the
lexicon's forms, as weight rows after the 2**bits buckets.
A batch sums the parts its requests share (a system prompt, a templated prompt start) once,
from checkpoints, with the same sums bit for bit (:func:`_logits_kernel`).
Working arrays are allocated once per call, sized for its longest request; none per request.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from pathlib import Path
from typing import Any, TypeAlias

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp
from numba import njit

from distillwatch.exceptions import ConfigError
from distillwatch.schema import INTENT_CLASSES
from distillwatch.signals.concepts import (
    CHILD_BITS,
    CP_BITS,
    NO_TRIE,
    PAIR_BITS,
    SUBSTRING_ROOT,
    TRIE_MIX,
    WORD_ROOT,
    ConceptLexicon,
    Trie,
)
from distillwatch.signals.features import FeatureSpec, normal_table, presence, request_text
from distillwatch.signals.row_sum import LANES, padded_rows, sum_rows
from distillwatch.types import StrPath

MODEL_NAME = "intent"
# 2: optional word clusters (npz arrays cluster_keys/cluster_ids, json "word_clusters");
# 3: optional concept lexicon (``<name>.lexicon.json`` beside the model, json "concepts",
# weight rows after the 2**bits buckets). Earlier versions load unchanged.
FORMAT_VERSION = 3
_READABLE_VERSIONS = (1, 2, 3)

StringColumn: TypeAlias = Sequence[str | None] | pa.Array | pa.ChunkedArray
# per-call hashing scratch: rolling n-gram hashes, character kinds, prefix hashes, word
# starts, word ends, P**i and P**-i
_Scratch: TypeAlias = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray,
                            np.ndarray, np.ndarray]
# where a word scan stopped: the start of the last word (-1: none), the clusters of the last
# two words at level 0 and 1 (-1: none)
_WordState: TypeAlias = tuple[np.int64, np.int64, np.int64, np.int64, np.int64]

# --- the feature kernel ------------------------------------------------------------------
# Hash constants: those of distillwatch.signals.features (a model trained with either reads
# the same buckets). Arithmetic is done in uint64 and masked to 32 bits (numba widens
# uint32 products, and mixing signed and unsigned integers would give floats).
_MASK = np.uint64(0xFFFFFFFF)
_P = np.uint64(0x01000193)
_P_INV = np.uint64(pow(0x01000193, -1, 2**32))
_2_32 = np.uint64(1 << 32)
_MIX_CHAR = np.array([0, 0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1,
                      0xD3A2646C | 1, 0xFD7046C5, 0xB55A4F09], dtype=np.uint64)
_MIX_WORD = np.uint64(0x2545F491)
_MIX_BIGRAM = np.uint64(0x9E6C63D1)
# word-cluster uni/bi/trigrams (clusters ids < 4095 per level; 4095: a word not in the table)
_MIX_CLUSTER = np.array([0x7FEB352D, 0x846CA68B, 0xCC9E2D51], dtype=np.uint64)
_OOV_CLUSTER = 4095
_MIX_TABLE = np.uint64(0x9E3779B1)


# The per-request helpers below are compiled with ``_nrt=False`` (numba's runtime off: they
# allocate nothing): numba otherwise wraps each call that passes an array in atomic
# reference-count updates, a few dozen per request, which cost about as much as hashing a
# short prompt (375 -> 234 ns per one-word request). ``_nrt`` is numba's own option; its
# type stubs do not list it.
_helper = njit(cache=True, nogil=True, _nrt=False)  # type: ignore[call-overload]
# The two scalar helpers run per word (cluster slots and n-grams) are inlined into their
# caller (numba IR) instead of called: about 1-3% of the batch kernel. Inlining every helper
# measured 14% slower (larger loops), so the others stay calls.
_inline = njit(cache=True, nogil=True, _nrt=False, inline="always")  # type: ignore[call-overload]

_MAX_LEVELS = 2  # cluster levels a slot holds
_OCCUPIED = np.uint64(1 << 31)
_MIX_TABLE_2 = np.uint64(0x85EBCA77)  # the second home slot of a word (cuckoo hashing)
_MAX_KICKS = 1000


@_inline
def _cluster_homes(key: np.uint64, shift: np.uint64) -> tuple[np.int64, np.int64]:
    return (np.int64(((key * _MIX_TABLE) & _MASK) >> shift),
            np.int64(((key * _MIX_TABLE_2) & _MASK) >> shift))


@njit(cache=True, nogil=True)
def _cluster_table(keys: np.ndarray, ids: np.ndarray, bits: int) -> np.ndarray:
    """Cuckoo hash table of 2**bits slots, one uint64 per slot: the word hash in the high 32
    bits, bit 31 set, the cluster at level 0 in bits 0-11 and at level 1 in bits 12-23; 0 is
    an empty slot. Every word sits in one of its two home slots, so a lookup reads two slots
    and branches on nothing (the kernel reads both for all words of a request at once).
    Empty when the words do not fit (then a larger table is tried)."""
    size = 1 << bits
    slots = np.zeros(size, dtype=np.uint64)
    shift = np.uint64(32 - bits)
    for i in range(keys.shape[0]):
        cur = (np.uint64(keys[i]) << np.uint64(32)) | _OCCUPIED
        for lv in range(ids.shape[1]):
            cur |= np.uint64(ids[i, lv]) << np.uint64(12 * lv)
        pos, other = _cluster_homes(np.uint64(keys[i]), shift)
        if slots[pos] != 0 and slots[other] == 0:
            pos = other
        for _ in range(_MAX_KICKS):
            cur, slots[pos] = slots[pos], cur
            if cur == 0:
                break
            # the evicted word moves to its other home
            h1, h2 = _cluster_homes(cur >> np.uint64(32), shift)
            pos = h2 if pos == h1 else h1
        if cur != 0:
            return np.zeros(0, dtype=np.uint64)
    return slots


_MAX_NGRAM = len(_MIX_CHAR) - 1


@_helper
def _utf8_at(data: np.ndarray, i: int, e: int) -> tuple[int, int]:
    """The code point of the (non-ASCII) UTF-8 sequence at ``data[i]`` and the index after
    it; U+FFFD, one byte on, for a stray continuation byte or a sequence cut by ``e``."""
    b0 = int(data[i])
    if b0 >= 0xF0 and i + 3 < e:
        cp = ((b0 & 0x07) << 18) | ((int(data[i + 1]) & 0x3F) << 12) \
            | ((int(data[i + 2]) & 0x3F) << 6) | (int(data[i + 3]) & 0x3F)
        return cp, i + 4
    if b0 >= 0xE0 and i + 2 < e:
        cp = ((b0 & 0x0F) << 12) | ((int(data[i + 1]) & 0x3F) << 6) | (int(data[i + 2]) & 0x3F)
        return cp, i + 3
    if b0 >= 0xC0 and i + 1 < e:
        return ((b0 & 0x1F) << 6) | (int(data[i + 1]) & 0x3F), i + 2
    return 0xFFFD, i + 1


@_helper
def _decode_into(data: np.ndarray, s: int, e: int, limit: int, normal: np.ndarray,
                 buf: np.ndarray, pos: int) -> int:
    """Decode up to ``limit`` code points of UTF-8 ``data[s:e]``, normalised, onto
    ``buf[pos:]`` (a whitespace run collapses into the space before it); returns the new
    ``pos``."""
    last = buf[pos - 1]
    count = min(e - s, limit)
    if count > 0:
        # ASCII text (most prompts) has one byte per character: when the first ``count``
        # bytes are all ASCII they are the ``count`` characters to read, decoded by one
        # branch-free loop over views from 0 (no per-byte UTF-8 test, no wraparound checks)
        dv = data[s : s + count]
        wide = np.uint8(0)
        for j in range(count):
            wide |= dv[j]
        if wide < 0x80:
            bv = buf[pos : pos + count]
            kept = 0
            for j in range(count):
                c = normal[dv[j]]
                bv[kept] = c
                kept += (c != 32) | (last != 32)
                last = c
            return pos + kept
    i = s
    n = 0
    while i < e and n < limit:
        b0 = int(data[i])
        n += 1
        if b0 < 0x80:  # ASCII (most of the text): no branch on the character itself
            c = normal[b0]
            i += 1
        else:
            cp, i = _utf8_at(data, i, e)
            c = normal[cp] if cp < normal.shape[0] else np.uint32(cp)
        # a whitespace run is one space: a second space is written and not kept
        buf[pos] = c
        pos += (c != 32) | (last != 32)
        last = c
    return pos


@_helper
def _append_clipped(data: np.ndarray, s: int, e: int, clip: int, normal: np.ndarray,
                    buf: np.ndarray, pos: int) -> int:
    """``features.clip``: the first and last ``clip`` characters, all of a short text."""
    chars = e - s  # bytes >= characters: a short text needs no count
    if chars > 2 * clip:
        chars = 0
        for i in range(s, e):
            chars += (data[i] & 0xC0) != 0x80
    if chars <= 2 * clip:
        return _decode_into(data, s, e, chars, normal, buf, pos)
    pos = _decode_into(data, s, e, clip, normal, buf, pos)
    if buf[pos - 1] != 32:
        buf[pos] = 32  # the "\n" between the two ends
        pos += 1
    j = e
    k = 0
    while k < clip:
        j -= 1
        if (data[j] & 0xC0) != 0x80:
            k += 1
    return _decode_into(data, j, e, clip, normal, buf, pos)


@_helper
def _is_word(c: int) -> bool:
    if (97 <= c <= 122) or (48 <= c <= 57):
        return True
    if c < 0xC0 or (0x2000 <= c <= 0x2BFF) or (0x3000 <= c <= 0x303F):
        return False
    return not (0xFF00 <= c <= 0xFF20)


@_helper
def _is_cjk(c: int) -> bool:
    return 0x3040 <= c <= 0x9FFF and (c <= 0x30FF or c >= 0x3400)


# Concept features (signals/concepts.py): trie edges hashed as ConceptLexicon.trie built them
_MIX_TRIE = np.uint64(TRIE_MIX)
_PAIR_SHIFT = np.uint64(64 - PAIR_BITS)
_CP_SHIFT = np.uint64(CP_BITS)
_CHILD_SHIFT = np.uint64(CHILD_BITS)
_CHILD_MASK = np.uint64((1 << CHILD_BITS) - 1)


@_inline
def _trie_child(slots: np.ndarray, node: np.int64, cp: int, tshift: np.uint64) -> np.int64:
    """The child of trie ``node`` along code point ``cp`` (-1: none); linear probing."""
    key = (np.uint64(node + 1) << _CP_SHIFT) | np.uint64(cp)
    mask = slots.shape[0] - 1
    h = np.int64((key * _MIX_TRIE) >> tshift)
    while True:
        v = slots[h]
        if (v >> _CHILD_SHIFT) == key:
            return np.int64(v & _CHILD_MASK)
        if v == 0:
            return np.int64(-1)
        h = (h + 1) & mask


@_inline
def _pair_set(pairs: np.ndarray, root: int, a: int, b: int) -> bool:
    """Whether some form of ``root`` may start with code points ``a``, ``b``
    (``concepts.pair_bit``)."""
    key = (((np.uint64(root) << _CP_SHIFT) | np.uint64(a)) << _CP_SHIFT) | np.uint64(b)
    bit = (key * _MIX_TRIE) >> _PAIR_SHIFT
    return (pairs[bit >> np.uint64(3)] >> (bit & np.uint64(7))) & 1 == 1


@_helper
def _trie_walk(c: np.ndarray, i: int, end: int, root: int, trie: Trie, tshift: np.uint64,
               found: np.ndarray, nf: int) -> tuple[int, bool]:
    """Concept ids of every form from ``root`` that ``c[i:end]`` starts with, appended to
    ``found[nf:]`` (a whole-word form only when no word character follows it); returns the
    new ``nf`` and whether the walk read up to ``end`` (a longer text may match more). The
    pair filter is the caller's (:func:`_concept_span` checks it before calling)."""
    _, slots, roots, tstart, tcid, twhole, _ = trie
    node = np.int64(root)
    j = i
    while j < end:
        cp = int(c[j])
        if j == i and cp < roots.shape[1]:
            node = np.int64(roots[root, cp])
        else:
            node = _trie_child(slots, node, cp, tshift)
        if node < 0:
            return nf, False
        j += 1
        for t in range(tstart[node], tstart[node + 1]):
            if twhole[t] and j < end and _is_word(int(c[j])):
                continue
            found[nf] = tcid[t]
            nf += 1
    return nf, j >= end


@_helper
def _concept_span(c: np.ndarray, first: int, start: int, stop: int, end: int, trie: Trie,
                  tshift: np.uint64, n: int, base: int, seen: np.ndarray, found: np.ndarray,
                  out: np.ndarray, k: int, last: int) -> tuple[int, int]:
    """Concept columns (``ConceptLexicon.part_columns``, as feature ids ``base + column``)
    of the matches that start at ``c[start:stop]`` in the normalised request part
    ``c[first:end]``, after those before ``start`` whose last concept was ``last`` (-1:
    none), into ``out[k:]``, each once; returns the new ``k`` and the last concept. ``seen``
    (a byte per column) is all zero before and after."""
    first_kind = trie[0]
    pairs = trie[6]
    limit = first_kind.shape[0]
    k0 = k
    prev_word = start > first and _is_word(int(c[start - 1]))
    for i in range(start, stop):
        ch = int(c[i])
        word = _is_word(ch)
        # which roots have a form starting with ``ch`` (entry 0: any code point past the table)
        kinds = first_kind[ch] if ch < limit else first_kind[0]
        # the walk's pair filter, here to save the calls it would stop after one character
        # (unless a one-character form matches there: bits 2 and 3)
        nxt = int(c[i + 1]) if i + 1 < end else -1
        nf = 0
        if (kinds & 1) and word and not prev_word and (
                (kinds & 4) or (nxt >= 0 and _pair_set(pairs, WORD_ROOT, ch, nxt))):
            nf, _ = _trie_walk(c, i, end, WORD_ROOT, trie, tshift, found, 0)
        if (kinds & 2) and (
                (kinds & 8) or (nxt >= 0 and _pair_set(pairs, SUBSTRING_ROOT, ch, nxt))):
            nf, _ = _trie_walk(c, i, end, SUBSTRING_ROOT, trie, tshift, found, nf)
        prev_word = word
        # matches at one offset in concept-id order (few: an insertion sort)
        for a in range(1, nf):
            v = found[a]
            b = a - 1
            while b >= 0 and found[b] > v:
                found[b + 1] = found[b]
                b -= 1
            found[b + 1] = v
        for a in range(nf):
            cc = int(found[a])
            if not seen[cc]:
                seen[cc] = 1
                out[k] = base + cc
                k += 1
            if last >= 0 and last != cc:
                col = n + last * n + cc
                if not seen[col]:
                    seen[col] = 1
                    out[k] = base + col
                    k += 1
            last = cc
    for j in range(k0, k):
        seen[out[j] - base] = 0
    return k, last


@_helper
def _concept_stop(c: np.ndarray, first: int, end: int, longest: int, trie: Trie,
                  tshift: np.uint64, found: np.ndarray) -> int:
    """The first offset of the part ``c[first:end]`` whose walks read up to ``end`` (``end``
    if none): the matches of a text that starts with ``c[first:end]`` are those of this part
    at every offset before it. Only the last ``longest`` (the longest form's length) offsets
    can reach ``end``; at a cut after whitespace, only a multi-word form's walk does."""
    first_kind = trie[0]
    limit = first_kind.shape[0]
    start = max(first, end - longest)
    prev_word = start > first and _is_word(int(c[start - 1]))
    for i in range(start, end):
        ch = int(c[i])
        word = _is_word(ch)
        kinds = first_kind[ch] if ch < limit else first_kind[0]
        at_word = (kinds & 1) != 0 and word and not prev_word
        if at_word and _trie_walk(c, i, end, WORD_ROOT, trie, tshift, found, 0)[1]:
            return i
        if (kinds & 2) and _trie_walk(c, i, end, SUBSTRING_ROOT, trie, tshift, found, 0)[1]:
            return i
        prev_word = word
    return end


@_helper
def _concept_scan(c: np.ndarray, first: int, end: int, trie: Trie, tshift: np.uint64,
                  n: int, base: int, seen: np.ndarray, found: np.ndarray, out: np.ndarray,
                  k: int) -> int:
    """:func:`_concept_span` of the whole part ``c[first:end]``."""
    return _concept_span(c, first, first, end, end, trie, tshift, n, base, seen, found, out,
                         k, -1)[0]


@_helper
def _request_concepts(c: np.ndarray, prompt_start: int, length: int, trie: Trie,
                      tshift: np.uint64, n: int, base: int, seen: np.ndarray,
                      found: np.ndarray, out: np.ndarray, k: int) -> int:
    """:func:`_concept_scan` of the system part ``c[1:prompt_start]`` and of the prompt
    ``c[prompt_start:length]`` (no pair spans the two)."""
    if n == 0:
        return k
    if prompt_start > 1:
        k = _concept_scan(c, 1, prompt_start, trie, tshift, n, base, seen, found, out, k)
    return _concept_scan(c, prompt_start, length, trie, tshift, n, base, seen, found, out, k)


@njit(cache=True, nogil=True)
def _concept_scratch(n: int, trie: Trie) -> tuple[np.ndarray, np.ndarray]:
    """A byte per concept column and room for the matches at one offset."""
    return (np.zeros(n * (n + 1), dtype=np.uint8),
            np.empty(max(trie[4].shape[0], 1), dtype=np.int32))


@_helper
def _char_buckets(c: np.ndarray, first: int, length: int, want: np.ndarray, shift: np.uint64,
                  hs: np.ndarray, out: np.ndarray) -> int:
    """Bucket ids of the character n-grams of ``c[:length]`` that end at ``first`` or later
    (all of them for 0) into ``out``; returns how many. One pass per length over the rolling
    hashes of all positions (``hs[i]``: hash of ``c[i:i+n]``, as ``features.hashed_ngrams``):
    branch-free loops over separate arrays, which the compiler turns into SIMD code."""
    # An n-gram ending at ``first`` starts up to ``len(want) - 2`` characters before it.
    # The loops run over views that start at 0: indices the compiler knows are not
    # negative, so it drops numba's wraparound check and vectorises them.
    base = max(first - (want.shape[0] - 2), 0)
    cv = c[base:length]
    hv = hs[base:length]
    size = length - base
    k = 0
    for i in range(size):
        hv[i] = cv[i]
    for n in range(1, want.shape[0]):
        top = size - n + 1
        if top <= 0:
            break
        if n > 1:
            for i in range(top):
                hv[i] = np.uint32((np.uint64(hv[i]) * _P + np.uint64(cv[i + n - 1])) & _MASK)
        if want[n]:
            mix = _MIX_CHAR[n]
            lo = min(max(first - base - n + 1, 0), top)
            hn = hv[lo:top]
            on = out[k:]
            for i in range(top - lo):
                on[i] = np.int32(((np.uint64(hn[i]) * mix) & _MASK) >> shift)
            k += top - lo
    return k


@_inline
def _cluster_ngrams(cl: np.int64, p1: np.int64, p2: np.int64, lv: int, shift: np.uint64
                    ) -> tuple[np.int32, np.int32, np.int32, int]:
    """Buckets of the cluster unigram of a word at level ``lv`` and of the bi- and trigram
    ending at it (``p1``, ``p2``: the clusters of the two words before, -1 at the start), and
    how many of the three exist. Takes and returns no array: numba wraps every call that
    passes an array in two atomic reference-count updates, which cost more than this work
    (it runs twice per word)."""
    key = np.uint64((lv << 12) | cl)
    uni = np.int32(((key * _MIX_CLUSTER[0]) & _MASK) >> shift)
    if p1 < 0:
        return uni, uni, uni, 1
    key = np.uint64((lv << 24) | (p1 << 12) | cl)
    bi = np.int32(((key * _MIX_CLUSTER[1]) & _MASK) >> shift)
    if p2 < 0:
        return uni, bi, bi, 2
    key = (key * _P + np.uint64(p2)) & _MASK
    return uni, bi, np.int32(((key * _MIX_CLUSTER[2]) & _MASK) >> shift), 3


@_helper
def _word_scan(c: np.ndarray, first: int, length: int, cjk: bool, shift: np.uint64,
               scratch: _Scratch, out: np.ndarray, k: int, prev: np.int64
               ) -> tuple[int, int, np.int64]:
    """Bucket ids of the word uni/bigrams of ``c[first:length]`` into ``out[k:]`` and the
    words' hashes into ``scratch[0]`` (for :func:`_cluster_scan`). ``c[first - 1]`` (when
    ``first > 0``) is not part of a word; ``prev`` is the start of the last word before
    ``first`` (-1: none) and the prefix hashes ``scratch[2]`` at ``first`` and ``prev`` are
    those of the scan of ``c[:first]``, so scanning a text in two parts gives the n-grams of
    one scan. Returns ``(k, words, start of the last word)``."""
    whash, kind, sums, starts, ends, up, down = scratch
    # What each character is, in one branch-free pass the compiler turns into SIMD code:
    # 0 not part of a word, 1 a word character, 2 a CJK character (a word of its own:
    # Chinese and Japanese have no spaces between words); 3 after the end.
    # (over views from 0: see _char_buckets)
    size = length - first
    cv = c[first:length]
    kv = kind[first:length]
    for i in range(size):
        ch = cv[i]
        word = ((ch - np.uint32(97)) < np.uint32(26)) | ((ch - np.uint32(48)) < np.uint32(10)) \
            | ((ch >= np.uint32(0xC0)) & ((ch - np.uint32(0x2000)) >= np.uint32(0xC00))
               & ((ch - np.uint32(0x3000)) >= np.uint32(0x40))
               & ((ch - np.uint32(0xFF00)) >= np.uint32(0x21)))
        cjk_char = cjk & (((ch - np.uint32(0x3040)) < np.uint32(0xC0))
                          | ((ch - np.uint32(0x3400)) < np.uint32(0x6C00)))
        kv[i] = np.uint8(word) + np.uint8(word & cjk_char)
    kind[length] = 3
    # Word hash: sum(c[j] * P**(j - start)) over the word; a bigram's runs from the first
    # word's start to the second word's end (the characters between included), as in
    # ``features.hashed_ngrams``: both are (sums[end] - sums[start]) * P**-start over the
    # prefix hashes sums[i] = sum(c[j] * P**j for j < i), so no multiply waits on the one
    # before and no branch depends on where words end.
    if first == 0:
        sums[0] = 0
    sv = sums[first + 1 : length + 1]
    uv = up[first:length]
    run = np.uint64(sums[first])  # in a register: not stored and read back per character
    for i in range(size):
        # uint64 arithmetic wraps modulo 2**64, a multiple of 2**32: the low 32 bits kept
        # are those of the masked sum, without a mask waiting in the chain of adds
        run = run + np.uint64(cv[i]) * np.uint64(uv[i])
        sv[i] = np.uint32(run & _MASK)
    # word starts and ends (relative to ``first``), written branch-free: a position is
    # always written and kept only when it is one
    ns = 0
    ne = 0
    pk = np.uint8(0)  # the character before ``first`` is no word character
    for i in range(size):
        kk = kv[i]
        starts[ns] = i
        ns += (kk != 0) & ((kk != 1) | (pk != 1))
        ends[ne] = i
        ne += (pk != 0) & ((pk != 1) | (kk != 1))
        pk = kk
    ends[ne] = size
    for w in range(ns):
        start = first + starts[w]
        hw = (((np.uint64(sums[first + ends[w]]) + _2_32 - np.uint64(sums[start])) & _MASK)
              * np.uint64(down[start])) & _MASK
        out[k] = np.int32(((hw * _MIX_WORD) & _MASK) >> shift)
        k += 1
        if prev >= 0:
            bigram = (((np.uint64(sums[first + ends[w]]) + _2_32 - np.uint64(sums[prev]))
                       & _MASK) * np.uint64(down[prev])) & _MASK
            out[k] = np.int32(((bigram * _MIX_BIGRAM) & _MASK) >> shift)
            k += 1
        whash[w] = hw
        prev = np.int64(start)
    return k, ns, prev


@_helper
def _cluster_scan(whash: np.ndarray, nw: int, shift: np.uint64, slots: np.ndarray,
                  levels: int, out: np.ndarray, kc: int, prev_a1: np.int64, prev_a2: np.int64,
                  prev_b1: np.int64, prev_b2: np.int64
                  ) -> tuple[int, np.int64, np.int64, np.int64, np.int64]:
    """Word-cluster n-grams of the words ``whash[:nw]`` (``slots``: the table of
    :func:`_cluster_table`, non-empty) into ``out[kc:]``: each word's cluster and the
    cluster bi- and trigrams ending at it, at ``levels`` granularities. ``prev_*``: the
    clusters of the two words before at level 0 (a) and 1 (b), -1 at the start of a
    document. Returns ``kc`` and the clusters of the last two words."""
    table_bits = 0
    while (1 << table_bits) < slots.shape[0]:
        table_bits += 1
    table_shift = np.uint64(32 - table_bits)
    for w in range(nw):
        # both home slots, no branch on what they hold: the loads of successive words
        # overlap instead of each waiting on the last one's comparison
        hw = np.uint64(whash[w])
        h1, h2 = _cluster_homes(hw, table_shift)
        s1 = slots[h1]
        s2 = slots[h2]
        slot = s1 if (s1 >> np.uint64(32)) == hw and s1 != 0 else np.uint64(0)
        slot = s2 if (s2 >> np.uint64(32)) == hw and s2 != 0 else slot
        # an unknown word is cluster _OOV_CLUSTER of its own (int64 both ways: numba
        # would unify uint64 and int64 as float64)
        cl = np.int64(slot & np.uint64(0xFFF)) if slot != 0 else np.int64(_OOV_CLUSTER)
        b0, b1, b2, n = _cluster_ngrams(cl, prev_a1, prev_a2, 0, shift)
        out[kc], out[kc + 1], out[kc + 2] = b0, b1, b2  # room for 3: only n are kept
        kc += n
        prev_a2, prev_a1 = prev_a1, cl
        if levels > 1:
            cl = np.int64((slot >> np.uint64(12)) & np.uint64(0xFFF)) if slot != 0 \
                else np.int64(_OOV_CLUSTER)
            b0, b1, b2, n = _cluster_ngrams(cl, prev_b1, prev_b2, 1, shift)
            out[kc], out[kc + 1], out[kc + 2] = b0, b1, b2
            kc += n
            prev_b2, prev_b1 = prev_b1, cl
    return kc, prev_a1, prev_a2, prev_b1, prev_b2


@_helper
def _doc_buckets(c: np.ndarray, length: int, want: np.ndarray, words: bool, cjk: bool,
                 shift: np.uint64, slots: np.ndarray, levels: int, scratch: _Scratch,
                 out: np.ndarray) -> tuple[int, int]:
    """Bucket ids of every n-gram of the normalised document ``c[:length]`` (``c[0]`` is
    the start-of-text marker 0) into ``out``: character and word n-grams, then word-cluster
    n-grams; returns the counts without and with the cluster n-grams. ``want[n]``:
    character n-grams of length n are features."""
    m, total, _ = _part_buckets(c, 0, length, want, words, cjk, shift, slots, levels,
                                scratch, out, _start_state())
    return m, total


@_helper
def _start_state() -> _WordState:
    none = np.int64(-1)
    return none, none, none, none, none


@_helper
def _doc_codes(i: int, pdata: np.ndarray, poff: np.ndarray, sdata: np.ndarray,
               soff: np.ndarray, clip: int, normal: np.ndarray, buf: np.ndarray
               ) -> tuple[int, int]:
    """``request_text`` of request ``i``, normalised, into ``buf`` after the marker 0;
    returns where the prompt starts and the length."""
    buf[0] = 0
    pos = 1
    if soff.shape[0] > 0 and soff[i + 1] > soff[i]:
        pos = _append_clipped(sdata, soff[i], soff[i + 1], clip, normal, buf, pos)
        if buf[pos - 1] != 32:
            buf[pos] = 32  # the "\n" between system prompt and prompt
            pos += 1
    return pos, _append_clipped(pdata, poff[i], poff[i + 1], clip, normal, buf, pos)


@_helper
def _doc_capacity(d: int, poff: np.ndarray, soff: np.ndarray, clip: int) -> int:
    """An upper bound on the normalised length of request ``d`` (characters <= bytes)."""
    size = min(poff[d + 1] - poff[d], 2 * clip + 1) + 2
    if soff.shape[0] > 0:
        size += min(soff[d + 1] - soff[d], 2 * clip + 1) + 1
    return size


@_helper
def _doc_scale(count: int, norm_ref: int) -> float:
    n = max(float(count), 1.0)
    if norm_ref <= 0 or n <= norm_ref:
        return 1.0 / np.sqrt(n)
    return np.sqrt(float(norm_ref)) / n


@njit(cache=True, nogil=True)
def _buffers(poff: np.ndarray, soff: np.ndarray, clip: int, want: np.ndarray,
             levels: int, extra: int) -> tuple[np.ndarray, np.ndarray, _Scratch]:
    """Working arrays sized for the longest request, allocated once per call: the code
    points, the bucket ids of one request (and ``extra`` more: its concept columns) and
    the hashing scratch (:data:`_Scratch`)."""
    cap = 1
    for d in range(poff.shape[0] - 1):
        cap = max(cap, _doc_capacity(d, poff, soff, clip))
    up = np.empty(cap + 1, dtype=np.uint32)
    down = np.empty(cap + 1, dtype=np.uint32)
    power = inverse = np.uint64(1)  # P**i and P**-i modulo 2**32
    for i in range(cap + 1):
        up[i] = power
        down[i] = inverse
        power = (power * _P) & _MASK
        inverse = (inverse * _P_INV) & _MASK
    scratch = (np.empty(cap, dtype=np.uint32), np.empty(cap + 1, dtype=np.uint8),
               np.empty(cap + 1, dtype=np.uint32), np.empty(cap + 1, dtype=np.int32),
               np.empty(cap + 1, dtype=np.int32), up, down)
    per_char = want.sum() + 2 + 3 * levels
    return (np.empty(cap, dtype=np.uint32), np.empty(cap * per_char + extra, dtype=np.int32),
            scratch)


@_helper
def _part_buckets(c: np.ndarray, first: int, length: int, want: np.ndarray, words: bool,
                  cjk: bool, shift: np.uint64, slots: np.ndarray, levels: int,
                  scratch: _Scratch, out: np.ndarray, state: _WordState
                  ) -> tuple[int, int, _WordState]:
    """:func:`_doc_buckets` of the n-grams of ``c[:length]`` that end at ``first`` or
    later, given the ``state`` the scan of ``c[:first]`` left (``c[first - 1]`` is a
    space; :func:`_word_scan`); returns the counts without and with the cluster n-grams
    and the state after."""
    k = _char_buckets(c, first, length, want, shift, scratch[0], out)
    if not words:
        return k, k, state
    prev, a1, a2, b1, b2 = state
    # the rolling hashes are done with: their array holds the word hashes now
    k, nw, prev = _word_scan(c, first, length, cjk, shift, scratch, out, k, prev)
    kc = k
    if slots.shape[0] > 0:
        kc, a1, a2, b1, b2 = _cluster_scan(scratch[0], nw, shift, slots, levels, out, k, a1,
                                           a2, b1, b2)
    return k, kc, (prev, a1, a2, b1, b2)


# Checkpoints of request parts (see _logits_kernel). A part's checkpoint is what the scan of
# the rest of the request reads back: counts, row sums, the word-scan state, the last
# characters (n-grams that end after the part start in it) and two prefix hashes.
_MIX_SLOT = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F),
             np.uint64(0x165667B19E3779F9), np.uint64(0xBF58476D1CE4E5B9))
# A prompt of at least _PREFIX_KEY bytes picks its prefix slot by its first _PREFIX_KEY
# bytes; a shared prefix shorter than _PREFIX_MIN bytes is not worth the split scan that
# makes its checkpoint.
_PREFIX_KEY = 16
_PREFIX_MIN = 16
_MAX_SLOT_BITS = 10  # at most 1,024 slots of each kind per call


@_helper
def _packed(data: np.ndarray, s: int, n: int) -> np.uint64:
    """Up to 8 bytes of ``data[s:]`` (``n`` of them) as one integer."""
    v = np.uint64(0)
    for i in range(min(n, 8)):
        v |= np.uint64(data[s + i]) << np.uint64(8 * i)
    return v


@_helper
def _slot_of(a: np.uint64, b: np.uint64, c: np.uint64, bits: int) -> int:
    """A slot out of 2**bits for the three keys (multiplied, mixed, top bits)."""
    h = (a * _MIX_SLOT[0]) ^ (b * _MIX_SLOT[1]) ^ (c * _MIX_SLOT[2])
    h ^= h >> np.uint64(29)
    return int((h * _MIX_SLOT[3]) >> np.uint64(64 - bits))


@_helper
def _common_prefix(data: np.ndarray, s: int, s2: int, n: int) -> int:
    """How many of the first ``n`` bytes of ``data[s:]`` and ``data[s2:]`` are equal before
    the first difference. The usual answer (all of them) is one branch-free pass over views
    from 0 (SIMD code); the first difference is searched only when there is one."""
    av = data[s : s + n]
    bv = data[s2 : s2 + n]
    diff = np.uint8(0)
    for i in range(n):
        diff |= av[i] ^ bv[i]
    if diff == 0:
        return n
    i = 0
    while av[i] == bv[i]:
        i += 1
    return i


@_helper
def _space_cut(data: np.ndarray, s: int, n: int) -> int:
    """The longest prefix of ``data[s : s + n]`` that ends with an ASCII whitespace or
    control byte (one that normalises to " ", so no word spans the cut); 0 for none."""
    while n > 0 and data[s + n - 1] > 32:
        n -= 1
    return n


# checkpoints of up to 2**bits parts: position after the part, counts with and without the
# cluster n-grams, row sums (all n-grams, cluster n-grams), the last characters, the prefix
# hashes at the end and at the last word's start, the word-scan state (_WordState)
_Points: TypeAlias = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray,
                           np.ndarray, np.ndarray, np.ndarray]


@njit(cache=True, nogil=True)
def _points(size: int, n_tail: int) -> _Points:
    return (np.zeros(size, dtype=np.int64), np.zeros(size, dtype=np.int64),
            np.zeros(size, dtype=np.int64), np.zeros((size, LANES), dtype=np.float64),
            np.zeros((size, LANES), dtype=np.float64),
            np.zeros((size, n_tail), dtype=np.uint32), np.zeros((size, 2), dtype=np.uint32),
            np.zeros((size, 5), dtype=np.int64))


@_helper
def _save_point(points: _Points, i: int, buf: np.ndarray, sums: np.ndarray, pos: int, m: int,
                total: int, acc: np.ndarray, cacc: np.ndarray, base_acc: np.ndarray,
                base_cacc: np.ndarray, state: _WordState) -> None:
    """Checkpoint ``i``: the scan of ``buf[:pos]`` (row sums ``acc + base_acc``, exact)."""
    p_pos, p_m, p_total, p_acc, p_cacc, p_tail, p_sums, p_state = points
    p_pos[i], p_m[i], p_total[i] = pos, m, total
    for c in range(LANES):
        p_acc[i, c] = acc[c] + base_acc[c]
        p_cacc[i, c] = cacc[c] + base_cacc[c]
    keep = min(pos, p_tail.shape[1])
    for j in range(keep):
        p_tail[i, j] = buf[pos - keep + j]
    p_sums[i, 0] = sums[pos]
    p_sums[i, 1] = sums[max(int(state[0]), 0)]
    for j in range(5):
        p_state[i, j] = state[j]


@_helper
def _load_point(points: _Points, i: int, buf: np.ndarray, sums: np.ndarray
                ) -> tuple[np.int64, np.int64, np.int64, _WordState]:
    """Put back what the scan after checkpoint ``i`` reads (its last characters in ``buf``,
    two prefix hashes in ``sums``); returns its position, counts and word-scan state."""
    p_pos, p_m, p_total, _, _, p_tail, p_sums, p_state = points
    pos = p_pos[i]
    keep = min(pos, p_tail.shape[1])
    for j in range(keep):
        buf[pos - keep + j] = p_tail[i, j]
    state = (p_state[i, 0], p_state[i, 1], p_state[i, 2], p_state[i, 3], p_state[i, 4])
    sums[pos] = p_sums[i, 0]
    sums[max(int(state[0]), 0)] = p_sums[i, 1]
    return pos, p_m[i], p_total[i], state


@_helper
def _row_sums(ids: np.ndarray, m: int, total: int, apart: bool, table: np.ndarray,
              acc: np.ndarray, cacc: np.ndarray) -> None:
    """``acc``: the sum of the rows of ``ids[:total]``, or with ``apart`` of ``ids[:m]``
    and ``cacc`` of the cluster n-grams' ``ids[m:total]``."""
    sum_rows(ids, 0, m if apart else total, table, acc)  # type: ignore[call-arg]
    if apart:
        sum_rows(ids, m, total, table, cacc)


# Batches of at least this many requests dedupe buckets with a stamp table (a byte per
# bucket, 256 KiB at 2**18: stays in cache; cleared every 255 requests); fewer use the hash
# set below.
_STAMP_MIN_DOCS = 64


@_helper
def _request_mark(stamp: np.ndarray, d: int) -> int:
    """The stamp of request ``d`` (1..255); the table holds one byte per bucket, so it is
    cleared when the marks start over."""
    mark = d % 255 + 1
    if mark == 1 and d > 0:
        stamp[:] = 0
    return mark


@_helper
def _distinct_stamped(ids: np.ndarray, total: int, stamp: np.ndarray, mark: int) -> int:
    """:func:`_distinct` with a table holding, per bucket, the mark of the last request that
    had it (``mark`` > 0 and not in the table for any other bucket of an earlier request
    since the table was last cleared): no hashing, no probing, no branch on the contents."""
    n = 0
    mk = np.uint8(mark)
    for i in range(total):
        v = np.uint32(ids[i])  # unsigned: no negative-index wraparound per access
        ids[n] = v
        n += stamp[v] != mk
        stamp[v] = mk
    return n


# Presence checkpoints' distinct buckets kept per call (int32s, 32 MiB): more, and every slot
# is dropped (its requests scan in full again) and the pool reused.
_POOL_IDS = 1 << 23


@_helper
def _keep_ids(ids: np.ndarray, n: int, pool: np.ndarray, pool_n: int, where: np.ndarray,
              slot: int) -> int:
    """Append ``ids[:n]`` to ``pool`` as slot ``slot``'s list (``where[slot]``: offset,
    length); returns the pool's new length (the caller keeps room for it)."""
    for i in range(n):
        pool[pool_n + i] = ids[i]
    where[slot, 0] = pool_n
    where[slot, 1] = n
    return pool_n + n


@_helper
def _stamp_ids(pool: np.ndarray, where: np.ndarray, slot: int, stamp: np.ndarray,
               mark: int) -> None:
    """Mark slot ``slot``'s buckets as this request's (``mark``)."""
    mk = np.uint8(mark)
    for i in range(where[slot, 0], where[slot, 0] + where[slot, 1]):
        stamp[np.uint32(pool[i])] = mk


@njit(cache=True, nogil=True)
def _distinct_set(capacity: int) -> tuple[np.ndarray, np.ndarray]:
    """An empty open-addressing set for up to ``capacity`` bucket ids (-1: free slot) and
    the list of its filled slots (so emptying it costs what filling it did)."""
    size = 16
    while size < 2 * capacity:
        size <<= 1
    return np.full(size, -1, dtype=np.int32), np.empty(max(capacity, 1), dtype=np.int64)


@_helper
def _distinct(ids: np.ndarray, total: int, seen: np.ndarray, used: np.ndarray) -> int:
    """Keep the first occurrence of each id of ``ids[:total]`` in order at the front;
    returns how many. ``seen`` is empty before and after (:func:`_distinct_set`)."""
    mask = seen.shape[0] - 1
    n = 0
    for i in range(total):
        v = ids[i]
        h = ((np.int64(v) * np.int64(0x9E3779B1)) >> 11) & mask
        while seen[h] != -1 and seen[h] != v:
            h = (h + 1) & mask
        if seen[h] == -1:
            seen[h] = v
            used[n] = h
            ids[n] = v
            n += 1
    for i in range(n):
        seen[used[i]] = -1
    return n


@njit(cache=True, nogil=True)
def _logits_kernel(pdata: np.ndarray, poff: np.ndarray, sdata: np.ndarray, soff: np.ndarray,
                   clip: int, normal: np.ndarray, want: np.ndarray, words: bool, cjk: bool,
                   shift: np.uint64, slots: np.ndarray, levels: int, norm_ref: int,
                   cluster_scale: float, table: np.ndarray, bias: np.ndarray,
                   exact_rows: int, binary: bool, trie: Trie, tshift: np.uint64,
                   n_concepts: int, cbase: int, longest: int) -> np.ndarray:
    """Logits of every request: ``scale(m) * (sum of the n-grams' weight rows +
    cluster_scale * sum of the cluster n-grams' rows) + bias`` over its ``m`` features
    (``table``: the weights padded for :func:`sum_rows`). With ``binary`` (presence
    features) each distinct bucket's row is added once and ``m`` counts distinct buckets
    (:func:`_distinct_stamped`; in parts, a checkpoint also keeps its distinct buckets, so
    the rest of a request skips the ones it already has).

    When row sums of up to ``exact_rows`` rows are exact in any order (``row_sum``: float16
    weights), a batch sums a request in parts, each continuing from the checkpoint of the
    one before (:func:`_save_point`), and parts that requests share are summed once:

    - the system-prompt part (start marker, system prompt, the space after it; the marker
      alone for none), once per distinct system prompt (a slot per system prompt, picked by
      its length and first and last bytes, compared byte for byte): most requests of a batch
      share a few ("You are a helpful assistant.");
    - a prompt prefix shared with an earlier request behind the same system prompt
      (templated traffic: "Solve step by step and show ...: <task>"). A prompt of >= 16 bytes
      picks a slot by its first 16 bytes and its system part; the slot keeps an earlier
      prompt and a checkpoint at the end of what the two share, cut after a whitespace byte
      (no word spans the cut). A prompt that starts with the checkpoint's bytes (compared
      byte for byte) adds only the n-grams that end after it; one that shares less moves
      the checkpoint back (scanning its own prompt in two parts), or, when under 16 bytes
      are shared, takes the slot over. Prompts of over ``2 * clip`` bytes take none (not
      only the clipped ones: a clip counts characters).

    The sums are those of one pass over the request, bit for bit (the gateway's single
    requests take that one pass).

    With a concept lexicon (``n_concepts`` > 0; presence features only) each request also
    has its concept columns (:func:`_request_concepts`), feature ids from ``cbase`` on."""
    n_docs = poff.shape[0] - 1
    k = bias.shape[0]
    out = np.empty((n_docs, k), dtype=np.float64)
    n_cols = n_concepts * (n_concepts + 1)
    buf, buckets, scratch = _buffers(poff, soff, clip, want, levels, 2 * n_cols)
    cseen, cfound = _concept_scratch(n_concepts, trie)
    if n_docs > 1 and buckets.shape[0] <= exact_rows:
        _parts_logits(pdata, poff, sdata, soff, clip, normal, want, words, cjk, shift, slots,
                      levels, norm_ref, cluster_scale, table, bias, buf, buckets, scratch, out,
                      binary, trie, tshift, n_concepts, cbase, longest, cseen, cfound)
        return out
    acc = np.zeros(LANES, dtype=np.float64)
    cacc = np.zeros(LANES, dtype=np.float64)
    apart = cluster_scale != 1.0
    # distinct buckets: a stamp per bucket for batches (one branch-free pass per request),
    # a small hash set for a few requests (a stamp table's pages cost more than they save)
    stamped = binary and n_docs >= _STAMP_MIN_DOCS
    seen, used = _distinct_set(buckets.shape[0] if binary and not stamped else 0)
    stamp = np.zeros(table.shape[0] if stamped else 0, dtype=np.uint8)
    for d in range(n_docs):
        prompt_start, length = _doc_codes(d, pdata, poff, sdata, soff, clip, normal, buf)
        m, total = _doc_buckets(buf, length, want, words, cjk, shift, slots, levels, scratch,
                                buckets)
        total = _request_concepts(buf, prompt_start, length, trie, tshift, n_concepts, cbase,
                                  cseen, cfound, buckets, total)
        if binary:  # FeatureSpec.binary forbids cluster_scale != 1: no part kept apart
            if stamped:
                total = _distinct_stamped(buckets, total, stamp, _request_mark(stamp, d))
            else:
                total = _distinct(buckets, total, seen, used)
            m = total
        _row_sums(buckets, m, total, apart, table, acc, cacc)
        _doc_logits(acc, cacc, m, total, apart, cluster_scale, norm_ref, bias, out, d)
    return out


@_helper
def _doc_logits(acc: np.ndarray, cacc: np.ndarray, m: int, total: int, apart: bool,
                cluster_scale: float, norm_ref: int, bias: np.ndarray, out: np.ndarray,
                d: int) -> None:
    """``out[d]``: the logits of a request of ``total`` features whose row sums are ``acc``
    (and ``cacc`` for its cluster n-grams, kept apart when they have their own scale)."""
    if apart and total > m:
        for c in range(bias.shape[0]):
            acc[c] += cluster_scale * cacc[c]
    scale = _doc_scale(total, norm_ref)
    for c in range(bias.shape[0]):
        out[d, c] = acc[c] * scale + bias[c]


@njit(cache=True, nogil=True)
def _parts_logits(pdata: np.ndarray, poff: np.ndarray, sdata: np.ndarray, soff: np.ndarray,
                  clip: int, normal: np.ndarray, want: np.ndarray, words: bool, cjk: bool,
                  shift: np.uint64, slots: np.ndarray, levels: int, norm_ref: int,
                  cluster_scale: float, table: np.ndarray, bias: np.ndarray, buf: np.ndarray,
                  buckets: np.ndarray, scratch: _Scratch, out: np.ndarray,
                  binary: bool, trie: Trie, tshift: np.uint64, n_concepts: int, cbase: int,
                  longest: int, seen: np.ndarray, found: np.ndarray) -> None:
    """:func:`_logits_kernel` of a batch whose row sums are exact in any order: each request
    in parts, from the checkpoints of the parts it shares with earlier requests.

    With ``binary`` every part's buckets are deduplicated against the request's stamp (a
    mark per request, :func:`_distinct_stamped`) and each checkpoint keeps the distinct
    buckets it added in ``pool``; a request that starts from a checkpoint stamps them again
    (a read of a list, not a scan of the text) before it scans the rest.

    Concept columns: the system part's are part of its checkpoint. A prompt prefix's
    checkpoint holds the concept columns of the matches before the first offset whose
    trie walks read up to the cut (:func:`_concept_stop`; no later character changes the
    others; at a cut after whitespace only a multi-word form's walk gets there, so usually
    none does), and the concept the last of them ended on (pairs chain across the cut);
    the rest of the prompt is scanned from that offset, at most ``longest`` (the lexicon's
    longest form) characters back, so the checkpoint keeps the last ``longest + 1``."""
    n_docs = poff.shape[0] - 1
    k = bias.shape[0]
    acc = np.zeros(LANES, dtype=np.float64)
    cacc = np.zeros(LANES, dtype=np.float64)
    zero = np.zeros(LANES, dtype=np.float64)
    apart = cluster_scale != 1.0
    has_sys = soff.shape[0] > 0
    sums = scratch[2]  # the prefix hashes the word scan of a part reads back
    start_state = _start_state()
    bits = 4
    while (1 << bits) < n_docs and bits < _MAX_SLOT_BITS:
        bits += 1
    n_slots = 1 << bits
    # system-part slots: the bytes in ``sdata`` and an id (0: empty), unique per call
    sys_keys = np.zeros((n_slots, 3), dtype=np.int64)
    sys_points = _points(n_slots, want.shape[0])
    # prompt-prefix slots: the id of the system part before, the earlier prompt's bytes in
    # ``pdata``, the checkpoint's length in bytes (0: none yet)
    pre_keys = np.zeros((n_slots, 4), dtype=np.int64)
    pre_points = _points(n_slots, max(want.shape[0], longest + 1 if n_concepts > 0 else 0))
    # where the concept scan of a prompt resumes after a prefix checkpoint, and the last
    # concept before it (-1: none)
    pre_concepts = np.zeros((n_slots, 2), dtype=np.int64)
    # presence: a stamp per bucket (cleared every 255 requests), and each checkpoint's
    # distinct buckets in ``pool`` at (offset, length); slots are all dropped and the pool
    # emptied before it would outgrow _POOL_IDS
    stamp = np.zeros(table.shape[0] if binary else 0, dtype=np.uint8)
    pool = np.empty(max(_POOL_IDS, 2 * buckets.shape[0]) if binary else 0, dtype=np.int32)
    pool_n = 0
    sys_ids = np.zeros((n_slots if binary else 0, 2), dtype=np.int64)
    pre_ids = np.zeros((n_slots if binary else 0, 2), dtype=np.int64)
    mark = 0
    last_id = 0
    for d in range(n_docs):
        if binary:
            mark = _request_mark(stamp, d)
            if pool_n + 2 * buckets.shape[0] > pool.shape[0]:
                sys_keys[:] = 0
                pre_keys[:] = 0
                pool_n = 0
        ss = soff[d] if has_sys else 0
        size = soff[d + 1] - ss if has_sys else 0
        hs = _slot_of(_packed(sdata, ss, size), _packed(sdata, ss + max(size - 8, 0), size),
                      np.uint64(size), bits)
        sid = sys_keys[hs, 2]
        if sid == 0 or sys_keys[hs, 1] - sys_keys[hs, 0] != size \
                or _common_prefix(sdata, ss, sys_keys[hs, 0], size) != size:
            buf[0] = 0
            sys_len = 1
            if size > 0:
                sys_len = _append_clipped(sdata, ss, ss + size, clip, normal, buf, 1)
                if buf[sys_len - 1] != 32:
                    buf[sys_len] = 32  # the "\n" between system prompt and prompt
                    sys_len += 1
            m1, total1, state = _part_buckets(buf, 0, sys_len, want, words, cjk, shift,
                                              slots, levels, scratch, buckets, start_state)
            if n_concepts > 0 and sys_len > 1:
                total1 = _concept_scan(buf, 1, sys_len, trie, tshift, n_concepts, cbase, seen,
                                       found, buckets, total1)
            if binary:
                total1 = m1 = _distinct_stamped(buckets, total1, stamp, mark)
                pool_n = _keep_ids(buckets, total1, pool, pool_n, sys_ids, hs)
            _row_sums(buckets, m1, total1, apart, table, acc, cacc)
            _save_point(sys_points, hs, buf, sums, sys_len, m1, total1, acc, cacc, zero,
                        zero, state)
            last_id += 1
            sid = last_id
            sys_keys[hs, 0], sys_keys[hs, 1], sys_keys[hs, 2] = ss, ss + size, sid
        elif binary:
            _stamp_ids(pool, sys_ids, hs, stamp, mark)
        # what comes before the part of the prompt still to scan
        first, m0, total0, state = _load_point(sys_points, hs, buf, sums)
        base_acc, base_cacc = sys_points[3][hs], sys_points[4][hs]
        prompt_at = first
        concepts_from, concepts_last = first, -1
        ps, pe = poff[d], poff[d + 1]
        start = ps
        reused = False  # starts from a checkpoint an earlier request wrote
        if _PREFIX_KEY <= pe - ps <= 2 * clip:
            hp = _slot_of(_packed(pdata, ps, 8), _packed(pdata, ps + 8, _PREFIX_KEY - 8),
                          np.uint64(sid), bits)
            cut = 0
            if pre_keys[hp, 0] == sid:
                cut = pre_keys[hp, 3]
                span = min(cut if cut > 0 else pre_keys[hp, 2], pe - ps)
                same = _common_prefix(pdata, ps, pre_keys[hp, 1], span)
                reused = cut > 0 and same >= cut
                if cut == 0 or same < cut:
                    # a new checkpoint where the two stop agreeing: scan up to it
                    cut = _space_cut(pdata, ps, same)
                    if cut >= _PREFIX_MIN:
                        mid = _decode_into(pdata, ps, ps + cut, cut, normal, buf, first)
                        m1, total1, state = _part_buckets(
                            buf, first, mid, want, words, cjk, shift, slots, levels,
                            scratch, buckets, state)
                        if n_concepts > 0:
                            stop = _concept_stop(buf, first, mid, longest, trie, tshift, found)
                            total1, last_concept = _concept_span(
                                buf, first, first, stop, mid, trie, tshift, n_concepts,
                                cbase, seen, found, buckets, total1, -1)
                            pre_concepts[hp, 0], pre_concepts[hp, 1] = stop, last_concept
                        if binary:
                            total1 = m1 = _distinct_stamped(buckets, total1, stamp, mark)
                            pool_n = _keep_ids(buckets, total1, pool, pool_n, pre_ids, hp)
                        _row_sums(buckets, m1, total1, apart, table, acc, cacc)
                        _save_point(pre_points, hp, buf, sums, mid, m0 + m1,
                                    total0 + total1, acc, cacc, base_acc, base_cacc, state)
                    else:
                        cut = 0
                    pre_keys[hp, 1], pre_keys[hp, 2], pre_keys[hp, 3] = ps, pe - ps, cut
            else:  # the slot is empty or follows another system part: take it
                pre_keys[hp, 0], pre_keys[hp, 1], pre_keys[hp, 2] = sid, ps, pe - ps
                pre_keys[hp, 3] = 0
            if cut > 0:
                first, m0, total0, state = _load_point(pre_points, hp, buf, sums)
                base_acc, base_cacc = pre_points[3][hp], pre_points[4][hp]
                concepts_from, concepts_last = pre_concepts[hp, 0], pre_concepts[hp, 1]
                start = ps + cut
                if binary and reused:
                    _stamp_ids(pool, pre_ids, hp, stamp, mark)
        length = _append_clipped(pdata, start, pe, clip, normal, buf, first)
        m, total, _ = _part_buckets(buf, first, length, want, words, cjk, shift, slots,
                                    levels, scratch, buckets, state)
        if n_concepts > 0:  # the prompt is buf[prompt_at:length]
            total, _ = _concept_span(buf, prompt_at, concepts_from, length, length, trie,
                                     tshift, n_concepts, cbase, seen, found, buckets, total,
                                     concepts_last)
        if binary:
            total = m = _distinct_stamped(buckets, total, stamp, mark)
        _row_sums(buckets, m, total, apart, table, acc, cacc)
        for c in range(k):
            acc[c] += base_acc[c]
            cacc[c] += base_cacc[c]
        m += m0
        total += total0
        _doc_logits(acc, cacc, m, total, apart, cluster_scale, norm_ref, bias, out, d)


@njit(cache=True, nogil=True)
def _bucket_kernel(pdata: np.ndarray, poff: np.ndarray, sdata: np.ndarray, soff: np.ndarray,
                   clip: int, normal: np.ndarray, want: np.ndarray, words: bool, cjk: bool,
                   shift: np.uint64, slots: np.ndarray, levels: int, trie: Trie,
                   tshift: np.uint64, n_concepts: int, cbase: int
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(indptr, bucket ids, cluster counts) of every document: the rows of
    :func:`feature_matrix`; a document's last ``clusters[d]`` ids are its cluster n-grams
    (then its concept columns, from ``cbase`` on)."""
    n_docs = poff.shape[0] - 1
    n_cols = n_concepts * (n_concepts + 1)
    buf, buckets, scratch = _buffers(poff, soff, clip, want, levels, 2 * n_cols)
    seen, found = _concept_scratch(n_concepts, trie)
    indptr = np.zeros(n_docs + 1, dtype=np.int64)
    clusters = np.zeros(n_docs, dtype=np.int64)
    ids = np.empty(max(64 * n_docs, 1), dtype=np.int32)
    k = 0
    for d in range(n_docs):
        prompt_start, length = _doc_codes(d, pdata, poff, sdata, soff, clip, normal, buf)
        m, total = _doc_buckets(buf, length, want, words, cjk, shift, slots, levels, scratch,
                                buckets)
        concepts_end = _request_concepts(buf, prompt_start, length, trie, tshift, n_concepts,
                                         cbase, seen, found, buckets, total)
        clusters[d] = total - m
        total = concepts_end
        if k + total > ids.shape[0]:  # grow by doubling: amortised one copy per id
            grown = np.empty(max(2 * ids.shape[0], k + total), dtype=np.int32)
            grown[:k] = ids[:k]
            ids = grown
        ids[k : k + total] = buckets[:total]
        k += total
        indptr[d + 1] = k
    return indptr, ids[:k], clusters


def _exact_rows(weights: np.ndarray) -> int:
    """How many rows :func:`sum_rows` adds exactly, in any order: float16 values are
    multiples of 2**-24, so sums below 2**29 in magnitude are exact in float64 (0: the
    weights are not all float16 values)."""
    if not np.array_equal(weights.astype(np.float16).astype(np.float32), weights):
        return 0
    top = float(np.abs(weights).max(initial=0.0))
    return 1 << 62 if top == 0.0 else int(2.0**29 / top)


def _utf8_column(values: StringColumn) -> tuple[np.ndarray, np.ndarray]:
    """(UTF-8 bytes, int64 offsets) of a string column; nulls read as empty strings."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks != 1 else values.chunk(0)
    if not isinstance(values, pa.Array):
        if all(v is None or type(v) is str for v in values):
            # Python strings straight to UTF-8: for one gateway request this costs a few
            # microseconds where building an Arrow array cost tens
            encoded = [b"" if v is None else v.encode("utf-8") for v in values]
            ends = np.fromiter(accumulate((len(b) for b in encoded), initial=0),
                               dtype=np.int64, count=len(encoded) + 1)
            return np.frombuffer(b"".join(encoded), dtype=np.uint8), ends
        values = pa.array(values, type=pa.string())
    if pa.types.is_dictionary(values.type):
        values = values.dictionary_decode()
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        values = values.cast(pa.large_string())  # string views, or an error naming the type
    if values.null_count:
        values = pc.fill_null(values, "")
    _, offsets_buf, data_buf = values.buffers()
    width = np.int64 if pa.types.is_large_string(values.type) else np.int32
    start = values.offset
    offsets = np.frombuffer(offsets_buf, dtype=width)[start : start + len(values) + 1]
    data = (np.frombuffer(data_buf, dtype=np.uint8) if data_buf is not None
            else np.zeros(0, dtype=np.uint8))
    return data, offsets.astype(np.int64)


_NO_CLIP = 1 << 30  # texts already assembled by ``request_text``


@lru_cache(maxsize=16)
def _kernel_args(spec: FeatureSpec) -> tuple[np.ndarray, np.ndarray, bool, bool, np.uint64]:
    if max(spec.char_ngrams, default=0) > _MAX_NGRAM or min(spec.char_ngrams, default=1) < 1:
        raise ConfigError(f"character n-grams must be within 1..{_MAX_NGRAM}: "
                          f"{spec.char_ngrams}")
    if not 1 <= spec.bits <= 31:
        raise ConfigError(f"feature bits must be within 1..31: {spec.bits}")
    if not 0.0 < spec.cluster_scale < float("inf"):
        raise ConfigError(f"cluster_scale must be positive: {spec.cluster_scale}")
    want = np.zeros(max(spec.char_ngrams, default=0) + 1, dtype=np.bool_)
    want[list(spec.char_ngrams)] = True
    want.flags.writeable = False
    return normal_table(), want, spec.word_ngrams, spec.cjk_split, np.uint64(32 - spec.bits)


def _columns(prompts: StringColumn, system_prompts: StringColumn | None
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    pdata, poff = _utf8_column(prompts)
    if system_prompts is None:
        return pdata, poff, np.zeros(0, dtype=np.uint8), np.zeros(0, dtype=np.int64)
    sdata, soff = _utf8_column(system_prompts)
    if len(soff) != len(poff):
        raise ValueError(f"{len(poff) - 1} prompts but {len(soff) - 1} system prompts")
    return pdata, poff, sdata, soff


_SPACE_LIMIT = 0x3001  # no whitespace above U+3000


@lru_cache(maxsize=1)
def _space_table() -> np.ndarray:
    """Code point -> whether ``str.isspace`` holds for it (below ``_SPACE_LIMIT``)."""
    table = np.array([chr(c).isspace() for c in range(_SPACE_LIMIT)], dtype=np.bool_)
    table.flags.writeable = False
    return table


@njit(cache=True, nogil=True)
def _has_text_kernel(data: np.ndarray, offsets: np.ndarray, space: np.ndarray) -> np.ndarray:
    n = offsets.shape[0] - 1
    out = np.zeros(n, dtype=np.bool_)
    for r in range(n):
        i = offsets[r]
        e = offsets[r + 1]
        while i < e:
            b0 = int(data[i])
            if b0 < 0x80:
                cp = b0
                i += 1
            else:
                cp, i = _utf8_at(data, i, e)
            if cp >= space.shape[0] or not space[cp]:
                out[r] = True
                break
    return out


def has_text(values: StringColumn) -> np.ndarray:
    """Per row: the text has a character that is not whitespace (``str.isspace``); null and
    empty rows have none. Reads Arrow columns in place."""
    data, offsets = _utf8_column(values)
    return _has_text_kernel(data, offsets, _space_table())


@dataclass(frozen=True, eq=False)
class WordClusters:
    """Which cluster each known word belongs to, at one or more granularities.

    ``keys``: sorted 32-bit word hashes (the word-unigram hash of the kernel, before mixing);
    ``ids[j, level]``: the cluster (< 4095) of word ``keys[j]`` among ``sizes[level]``.
    Clusters group words whose all-MiniLM-L6-v2 embeddings are close (see
    ``signals/training/clusters.py``), so a wording the model never saw ("elaborate on your
    thought process") shares cluster n-grams with ones it did ("explain your reasoning")."""

    keys: np.ndarray
    ids: np.ndarray
    sizes: tuple[int, ...]

    def __post_init__(self) -> None:
        if self.ids.shape != (len(self.keys), len(self.sizes)):
            raise ConfigError(f"word clusters: ids shape {self.ids.shape}, expected "
                              f"({len(self.keys)}, {len(self.sizes)})")
        if not 1 <= len(self.sizes) <= _MAX_LEVELS:
            raise ConfigError(f"word clusters: 1..{_MAX_LEVELS} levels, not {len(self.sizes)}")
        if any(not 1 <= k < _OOV_CLUSTER for k in self.sizes):
            raise ConfigError(f"word clusters: sizes must be within 1..{_OOV_CLUSTER - 1}")
        if len(self.keys) > 1 and not bool(np.all(np.diff(self.keys.astype(np.int64)) > 0)):
            raise ConfigError("word clusters: keys must be sorted and unique")
        if len(self.keys) and (int(self.keys.max()) >> 32 or int(self.ids.min()) < 0):
            raise ConfigError("word clusters: keys must be 32-bit hashes, ids >= 0")
        object.__setattr__(self, "keys", np.ascontiguousarray(self.keys, dtype=np.uint64))
        object.__setattr__(self, "ids", np.ascontiguousarray(self.ids, dtype=np.int16))
        # load factor <= 1/2 (20,000 words: 65,536 slots of 8 bytes, 512 KB); cuckoo
        # insertion all but never fails there, and a failure means a table twice the size
        bits = max(4, (2 * len(self.keys)).bit_length())
        table = _cluster_table(self.keys, self.ids, bits)
        while len(table) == 0 and bits < 31:
            bits += 1
            table = _cluster_table(self.keys, self.ids, bits)
        object.__setattr__(self, "_table", table)

    @property
    def table(self) -> np.ndarray:
        """The packed slots as the kernel reads them (:func:`_cluster_table`)."""
        table: np.ndarray = getattr(self, "_table")  # noqa: B009
        return table


_NO_CLUSTERS = np.zeros(0, dtype=np.uint64)


def _cluster_args(clusters: WordClusters | None) -> tuple[np.ndarray, int]:
    return (_NO_CLUSTERS, 0) if clusters is None else (clusters.table, len(clusters.sizes))


def _concept_args(concepts: ConceptLexicon | None, spec: FeatureSpec
                  ) -> tuple[Trie, np.uint64, int, int]:
    """What the kernels read of a concept lexicon: its trie, the trie's hash shift, the
    number of concepts (0: none) and the feature id of the first concept column."""
    if concepts is None:
        return NO_TRIE, np.uint64(0), 0, spec.n_features
    if not spec.binary:
        raise ConfigError("concept features need presence features (FeatureSpec.binary)")
    trie = concepts.trie()
    return (trie, np.uint64(64 - (trie[1].shape[0].bit_length() - 1)), len(concepts.concepts),
            spec.n_features)


def n_inputs(spec: FeatureSpec, concepts: ConceptLexicon | None) -> int:
    """Feature columns of a model: hashed n-gram buckets, then its concept columns."""
    return spec.n_features + (0 if concepts is None else concepts.n_columns)


def feature_matrix(
    prompts: StringColumn, system_prompts: StringColumn | None, spec: FeatureSpec,
    *, clusters: WordClusters | None = None, concepts: ConceptLexicon | None = None,
    clip: bool = True,
) -> sp.csr_matrix:
    """CSR matrix (requests x :func:`n_inputs`) of n-gram counts times the document scale
    (and, with a lexicon, concept columns): the classifier's input, for training (the same
    kernel as inference)."""
    lower, want, words, cjk, shift = _kernel_args(spec)
    pdata, poff, sdata, soff = _columns(prompts, system_prompts)
    trie, tshift, n_concepts, cbase = _concept_args(concepts, spec)
    indptr, ids, n_cluster = _bucket_kernel(pdata, poff, sdata, soff,
                                            spec.clip_chars if clip else _NO_CLIP, lower,
                                            want, words, cjk, shift, *_cluster_args(clusters),
                                            trie, tshift, n_concepts, cbase)
    if spec.binary:
        x = sp.csr_matrix((np.ones(len(ids), dtype=np.float32), ids, indptr),
                          shape=(len(indptr) - 1, n_inputs(spec, concepts)),
                          dtype=np.float32)
        x.sum_duplicates()
        return presence(x, spec)
    counts = np.diff(indptr)
    n = np.maximum(counts, 1).astype(np.float64)
    scale = 1.0 / np.sqrt(n)
    if spec.norm_ref > 0:  # features.doc_scale
        scale = np.where(n <= spec.norm_ref, scale, np.sqrt(spec.norm_ref) / n)
    data = np.repeat(scale.astype(np.float32), counts)
    if spec.cluster_scale != 1.0 and n_cluster.any():
        # each document's last n_cluster ids are its cluster n-grams
        doc = np.repeat(np.arange(len(counts)), counts)
        is_cluster = np.arange(len(ids)) >= (indptr[1:] - n_cluster)[doc]
        data[is_cluster] *= np.float32(spec.cluster_scale)
    x = sp.csr_matrix((data, ids, indptr), shape=(len(counts), spec.n_features),
                      dtype=np.float32)
    x.sum_duplicates()
    return x


@dataclass(frozen=True, eq=False)
class IntentClassifier:
    """Calibrated multinomial linear model; ``predict_proba`` returns one column per class.

    ``weights`` is ``(n_inputs, len(classes))`` float32 (2**bits n-gram buckets, then the
    concept columns of ``concepts`` if any), ``bias`` ``(len(classes),)``;
    probabilities are ``softmax((x @ weights + bias) / temperature)``. ``threshold`` is the
    intent score (1 - P(benign)) that kept the false-positive rate on held-out real benign
    prompts within budget (see ``metadata["evaluation"]``).
    """

    weights: np.ndarray
    bias: np.ndarray
    spec: FeatureSpec
    classes: tuple[str, ...] = INTENT_CLASSES
    temperature: float = 1.0
    threshold: float = 0.5
    metadata: dict[str, Any] = field(default_factory=dict)
    clusters: WordClusters | None = None
    concepts: ConceptLexicon | None = None

    def __post_init__(self) -> None:
        rows = n_inputs(self.spec, self.concepts)
        if self.weights.shape != (rows, len(self.classes)):
            raise ConfigError(
                f"intent model weights have shape {self.weights.shape}, expected "
                f"({rows}, {len(self.classes)})"
            )
        if "benign" not in self.classes:
            raise ConfigError("intent model classes must include 'benign'")
        if not 1 <= len(self.classes) <= LANES:
            raise ConfigError(f"intent model: 1..{LANES} classes, not {len(self.classes)}")
        # reject a spec the kernel cannot read now, not per request; build the trie once
        _kernel_args(self.spec)
        _concept_args(self.concepts, self.spec)
        # The kernel reads each row as one 8-lane float32 vector (signals/row_sum.py): the
        # weights are copied once into a table with spare rows after the last bucket, and
        # ``weights`` is the view of its first 2**bits rows (no second copy).
        rows, k = self.weights.shape
        table = np.zeros((padded_rows(rows, k), k), dtype=np.float32)
        table[:rows] = self.weights
        table.flags.writeable = False
        object.__setattr__(self, "_table", table)
        object.__setattr__(self, "weights", table[:rows])
        object.__setattr__(self, "_exact_rows", _exact_rows(self.weights))
        if self.bias.dtype != np.float64:
            object.__setattr__(self, "bias", self.bias.astype(np.float64))

    @property
    def _row_table(self) -> np.ndarray:
        """``weights`` with the spare rows :func:`sum_rows` reads past the last bucket."""
        table: np.ndarray = getattr(self, "_table")  # noqa: B009
        return table

    @classmethod
    def load(cls, directory: StrPath, *, name: str = MODEL_NAME) -> IntentClassifier:
        """Load ``<name>.npz`` + ``<name>.json`` from ``directory``."""
        base = Path(directory)
        try:
            meta = json.loads((base / f"{name}.json").read_text(encoding="utf-8"))
            with np.load(base / f"{name}.npz", allow_pickle=False) as arrays:
                weights = arrays["weights"].astype(np.float32)
                bias = arrays["bias"].astype(np.float64)
                clusters = None
                if meta.get("word_clusters"):
                    clusters = WordClusters(
                        keys=arrays["cluster_keys"], ids=arrays["cluster_ids"],
                        sizes=tuple(int(k) for k in meta["word_clusters"]["sizes"]))
            concepts = None
            if meta.get("concepts"):
                lexicon_path = base / meta["concepts"]["file"]
                concepts = ConceptLexicon.load([lexicon_path])
                if concepts.sha256 != meta["concepts"]["sha256"]:
                    raise ConfigError(f"{lexicon_path}: content differs from the lexicon the "
                                      f"model was trained with (sha256 in {name}.json)")
        except (OSError, KeyError, ValueError) as exc:
            raise ConfigError(f"cannot load intent model from {base}: {exc}") from exc
        if meta.get("format_version") not in _READABLE_VERSIONS:
            raise ConfigError(
                f"{base / (name + '.json')}: format_version {meta.get('format_version')!r}, "
                f"expected one of {_READABLE_VERSIONS}"
            )
        spec_raw = meta["feature_spec"]
        spec = FeatureSpec(
            bits=int(spec_raw["bits"]),
            clip_chars=int(spec_raw["clip_chars"]),
            char_ngrams=tuple(int(n) for n in spec_raw["char_ngrams"]),
            word_ngrams=bool(spec_raw["word_ngrams"]),
            norm_ref=int(spec_raw.get("norm_ref", 0)),
            cjk_split=bool(spec_raw.get("cjk_split", False)),
            cluster_scale=float(spec_raw.get("cluster_scale", 1.0)),
            binary=bool(spec_raw.get("binary", False)),
        )
        classes = tuple(meta["classes"])
        if classes != INTENT_CLASSES:
            raise ConfigError(f"intent model classes {classes} differ from {INTENT_CLASSES}")
        weights.flags.writeable = False
        bias.flags.writeable = False
        model = cls(
            weights=weights,
            bias=bias,
            spec=spec,
            classes=classes,
            temperature=float(meta["temperature"]),
            threshold=float(meta["threshold"]),
            metadata=meta,
            clusters=clusters,
            concepts=concepts,
        )
        # Compile (or load from numba's on-disk cache) the kernel now, at load time, so the
        # gateway's first live request does not pay for it.
        model.request_logits(["warm up"], [None])
        return model

    @classmethod
    def load_default(cls) -> IntentClassifier:
        """The model shipped with distillwatch (loaded once per process)."""
        return _load_default()

    def save(self, directory: StrPath, *, name: str = MODEL_NAME) -> None:
        """Write ``<name>.npz`` (float16 weights) and ``<name>.json`` to ``directory``."""
        base = Path(directory)
        base.mkdir(parents=True, exist_ok=True)
        arrays = {"weights": self.weights.astype(np.float16),
                  "bias": self.bias.astype(np.float32)}
        if self.clusters is not None:
            arrays["cluster_keys"] = self.clusters.keys.astype(np.uint32)
            arrays["cluster_ids"] = self.clusters.ids
        np.savez_compressed(base / f"{name}.npz", **arrays)  # type: ignore[arg-type]
        concepts = None
        if self.concepts is not None:
            lexicon_file = f"{name}.lexicon.json"
            (base / lexicon_file).write_text(
                json.dumps(self.concepts.to_dict(), indent=1, ensure_ascii=False) + "\n",
                encoding="utf-8")
            concepts = {"file": lexicon_file, "sha256": self.concepts.sha256,
                        "concepts": len(self.concepts.concepts),
                        "columns": self.concepts.n_columns, "forms": self.concepts.n_forms}
        meta = {
            **self.metadata,
            "word_clusters": None if self.clusters is None else {
                **self.metadata.get("word_clusters", {}),
                "sizes": list(self.clusters.sizes), "words": len(self.clusters.keys)},
            "concepts": concepts,
            "format_version": FORMAT_VERSION,
            "classes": list(self.classes),
            "feature_spec": {
                "bits": self.spec.bits,
                "clip_chars": self.spec.clip_chars,
                "char_ngrams": list(self.spec.char_ngrams),
                "word_ngrams": self.spec.word_ngrams,
                "norm_ref": self.spec.norm_ref,
                "cjk_split": self.spec.cjk_split,
                "cluster_scale": self.spec.cluster_scale,
                "binary": self.spec.binary,
            },
            "temperature": self.temperature,
            "threshold": self.threshold,
        }
        (base / f"{name}.json").write_text(
            json.dumps(meta, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
            encoding="utf-8",
        )

    def texts(
        self, prompts: Sequence[str], system_prompts: Sequence[str | None] | None
    ) -> list[str]:
        """The text the model reads per request (clipped system prompt + clipped prompt)."""
        clip = self.spec.clip_chars
        if system_prompts is None:
            return [request_text(p, None, clip_chars=clip) for p in prompts]
        return [
            request_text(p, s, clip_chars=clip)
            for p, s in zip(prompts, system_prompts, strict=True)
        ]

    def logits(self, texts: StringColumn) -> np.ndarray:
        """Uncalibrated class scores of already-assembled texts (see :meth:`texts`)."""
        return self._logits(texts, None, clip=False)

    def request_logits(
        self, prompts: StringColumn, system_prompts: StringColumn | None = None
    ) -> np.ndarray:
        """Uncalibrated class scores of requests (clipped as :meth:`texts` would)."""
        return self._logits(prompts, system_prompts, clip=True)

    def _logits(self, prompts: StringColumn, systems: StringColumn | None, *,
                clip: bool) -> np.ndarray:
        lower, want, words, cjk, shift = _kernel_args(self.spec)
        pdata, poff, sdata, soff = _columns(prompts, systems)
        trie, tshift, n_concepts, cbase = _concept_args(self.concepts, self.spec)
        return _logits_kernel(pdata, poff, sdata, soff,
                              self.spec.clip_chars if clip else _NO_CLIP, lower, want,
                              words, cjk, shift, *_cluster_args(self.clusters),
                              self.spec.norm_ref, float(self.spec.cluster_scale),
                              self._row_table, self.bias,
                              getattr(self, "_exact_rows"),  # noqa: B009
                              self.spec.binary, trie, tshift, n_concepts, cbase,
                              0 if self.concepts is None else self.concepts.longest_form)

    def proba_from_logits(self, logits: np.ndarray) -> np.ndarray:
        """``softmax(logits / temperature)`` per row."""
        return _softmax(np.ascontiguousarray(logits, dtype=np.float64), self.temperature)

    def predict_proba(
        self, prompts: StringColumn, system_prompts: StringColumn | None = None
    ) -> np.ndarray:
        """Calibrated probabilities, shape ``(len(prompts), len(classes))``.

        ``prompts`` and ``system_prompts`` are sequences of strings or Arrow string columns
        (read in place: no Python string per row); a null system prompt means none."""
        if len(prompts) == 0:
            return np.zeros((0, len(self.classes)), dtype=np.float64)
        return self.proba_from_logits(self.request_logits(prompts, system_prompts))

    def intent_score(
        self, prompts: StringColumn, system_prompts: StringColumn | None = None
    ) -> np.ndarray:
        """1 - P(benign) per request."""
        proba = self.predict_proba(prompts, system_prompts)
        return 1.0 - proba[:, self.classes.index("benign")]


@_helper
def _softmax_row(logits: np.ndarray, temperature: float, out: np.ndarray) -> None:
    """``softmax(logits / temperature)`` of one row of logits, written into ``out``: the
    float64 operations (and their order) of every softmax of the package (the batch's
    :func:`_softmax`, ``request._combine``), so that both give the same numbers."""
    top = -np.inf
    for j in range(logits.shape[0]):
        out[j] = logits[j] / temperature
        top = max(top, out[j])
    total = 0.0
    for j in range(logits.shape[0]):
        out[j] = np.exp(out[j] - top)
        total += out[j]
    for j in range(logits.shape[0]):
        out[j] /= total


@njit(cache=True, nogil=True)
def _softmax(logits: np.ndarray, temperature: float) -> np.ndarray:
    # one compiled pass: for one gateway request, numpy's four calls cost ~15 us
    out = np.empty_like(logits)
    for i in range(logits.shape[0]):
        _softmax_row(logits[i], temperature, out[i])
    return out


@lru_cache(maxsize=1)
def _load_default() -> IntentClassifier:
    # The model is package data: resolved through importlib.resources, not a path guess.
    with resources.as_file(resources.files("distillwatch.signals") / "model") as path:
        return IntentClassifier.load(path)

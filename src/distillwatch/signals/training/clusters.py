"""Word clusters for the intent classifier, from all-MiniLM-L6-v2 word embeddings.

Semantics at numpy cost: every word of the training corpus (as the kernel normalises and
splits it) is embedded once, at training time, by ``embed_words.py`` (torch + transformers,
a separate environment: the ``train-embed`` extra); k-means groups the vectors at one or
more granularities; the classifier ships only (word hash -> cluster ids) and reads cluster
uni/bi/trigrams as extra hashed features. A held-out wording that uses synonyms of trained
ones ("elaborate on your thought process" vs "explain your reasoning") then shares
features with them.

The vocabulary is the words of the generated examples and of the real prompts, held-out
families included: it is unlabelled (a production vocabulary would be any large corpus), and
the clusters come from an external model that never saw the labels.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from collections.abc import Container, Iterable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from distillwatch.signals.intent import WordClusters

_P = 0x01000193
_MASK = 0xFFFFFFFF
# The kernel's word rule: letters/digits (ASCII, and non-ASCII outside the punctuation
# blocks); with cjk_split every kana/ideograph is a word of its own.
_CJK = "\u3040-\u30ff\u3400-\u9fff"
_WORDCH = "a-z0-9\u00c0-\u1fff\u2c00-\u2fff\u3100-\u33ff\ua000-\ufeff\uff21-\U0010ffff"
_WORDS = re.compile(f"[{_CJK}]|[{_WORDCH}]+")
_DIGIT = re.compile("[0-9]")
EMBED_SCRIPT = Path(__file__).with_name("embed_words.py")


def word_hash(word: str) -> int:
    """The kernel's word hash: sum(ord(ch) * P**j) mod 2**32."""
    h, p = 0, 1
    for ch in word:
        h = (h + ord(ch) * p) & _MASK
        p = (p * _P) & _MASK
    return h


def words_of(text: str) -> list[str]:
    """The words the kernel sees in ``text`` (lower case, every digit as "0")."""
    return _WORDS.findall(_DIGIT.sub("0", text.lower()))


def vocabulary(texts: Iterable[str], *, min_count: int = 2, max_words: int = 120_000
               ) -> list[str]:
    """The corpus's words seen at least ``min_count`` times, most frequent first."""
    counts: Counter[str] = Counter()
    for t in texts:
        counts.update(words_of(t))
    return [w for w, n in counts.most_common(max_words) if n >= min_count and len(w) <= 40]


class _Request(Protocol):
    @property
    def prompt(self) -> str: ...
    @property
    def system(self) -> str | None: ...
    @property
    def family(self) -> str: ...
    @property
    def split(self) -> str: ...


def corpus_texts(examples: Iterable[_Request], *, measure_families: Container[str] = ()
                 ) -> list[str]:
    """The texts whose words get a cluster (prompts and system prompts): every example except
    the ``test`` split of ``measure_families`` - benign sources kept apart as a false-positive
    measure (the evals registry's test datasets), whose words must stay as unseen as
    production traffic's. The generated families' test splits stay in, as before: their
    words are unlabelled and the held-out families' wordings are no secret to an embedding."""
    out: list[str] = []
    for e in examples:
        if e.split == "test" and e.family in measure_families:
            continue
        out.append(e.prompt)
        if e.system:
            out.append(e.system)
    return out


def embed_vocabulary(words: Sequence[str], cache: Path, *, python: str) -> np.ndarray:
    """Vectors of ``words``, computed by ``embed_words.py`` under ``python`` (an interpreter
    with torch + transformers) for the words not yet in ``cache`` (words.txt, one word a
    line, beside vectors.npy, one row per word), which keeps every word embedded so far.

    Each word is embedded on its own, so a word's vector does not depend on the others: a
    corpus that gains words (evals prompts, a larger --per-family) embeds only those, which
    matters on a loaded machine (47,230 words: ~4 CPU-minutes, 14 minutes at load 8-13)."""
    cache.mkdir(parents=True, exist_ok=True)
    words_file, vectors_file = cache / "words.txt", cache / "vectors.npy"
    known: list[str] = []
    table = np.zeros((0, 0), dtype=np.float32)
    if words_file.is_file() and vectors_file.is_file():
        known = words_file.read_text(encoding="utf-8").splitlines()
        table = np.load(vectors_file)
        if table.shape[0] != len(known):  # a torn write: start afresh
            known, table = [], np.zeros((0, 0), dtype=np.float32)
    row = {w: i for i, w in enumerate(known)}
    missing = [w for w in dict.fromkeys(words) if w not in row]
    if missing:
        new_words, new_vectors = cache / "new_words.txt", cache / "new_vectors.npy"
        new_words.write_text("\n".join(missing) + "\n", encoding="utf-8")
        subprocess.run([python, str(EMBED_SCRIPT), str(new_words), str(new_vectors)],
                       check=True, stdout=sys.stderr)
        fresh = np.load(new_vectors)
        if fresh.shape[0] != len(missing):
            raise ValueError(f"{new_vectors}: {fresh.shape[0]} vectors for {len(missing)} words")
        table = np.concatenate([table, fresh]) if len(known) else fresh
        for w in missing:
            row[w] = len(row)
        known += missing
        np.save(vectors_file, table)
        words_file.write_text("\n".join(known) + "\n", encoding="utf-8")
        new_words.unlink()
        new_vectors.unlink()
    return table[np.array([row[w] for w in words], dtype=np.int64)]


def cluster_words(words: Sequence[str], vectors: np.ndarray, sizes: Sequence[int], *,
                  seed: int = 0, dims: int = 64) -> WordClusters:
    """k-means of the word vectors at each size; one cluster id per word and size.

    The vectors are first projected on their top ``dims`` principal components and
    re-normalised (model2vec-style): the clusters keep the main semantic directions, and
    k-means costs a sixth of what it would in 384 dimensions."""
    from sklearn.cluster import MiniBatchKMeans

    centred = vectors - vectors.mean(axis=0)
    _, _, vt = np.linalg.svd(centred[:: max(1, len(centred) // 8000)], full_matrices=False)
    reduced = centred @ vt[:dims].T
    reduced /= np.maximum(np.linalg.norm(reduced, axis=1, keepdims=True), 1e-9)
    ids = np.zeros((len(words), len(sizes)), dtype=np.int16)
    for level, k in enumerate(sizes):
        km = MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=1,
                             max_iter=50)
        ids[:, level] = km.fit_predict(reduced.astype(np.float32))
    keys = np.array([word_hash(w) for w in words], dtype=np.uint64)
    keys, first = np.unique(keys, return_index=True)  # a 32-bit collision keeps one word
    return WordClusters(keys=keys, ids=ids[first], sizes=tuple(sizes))


def extend_clusters(clusters: WordClusters, words: Sequence[str], vectors: np.ndarray
                    ) -> WordClusters:
    """``clusters`` plus the ``words`` its table lacks, each put in the cluster (at every
    size) whose mean vector - over the table's words among ``words`` - is nearest in cosine.

    Keeps a trained cluster partition when the corpus gains words (new wording families),
    instead of letting them read as the one "unknown" cluster: that cluster's n-grams then
    learn from the new words alone and become evidence for whatever label those carry
    (docs/signals.md, "Round 3"). ``vectors`` are the words' embeddings, one row per word."""
    if len(words) != len(vectors):
        raise ValueError(f"{len(vectors)} vectors for {len(words)} words")
    unit = vectors.astype(np.float64)
    unit /= np.maximum(np.linalg.norm(unit, axis=1, keepdims=True), 1e-9)
    hashes = np.array([word_hash(w) for w in words], dtype=np.uint64)
    row = np.searchsorted(clusters.keys, hashes)
    row = np.minimum(row, max(len(clusters.keys) - 1, 0))
    known = (clusters.keys[row] == hashes) if len(clusters.keys) else np.zeros(len(words), bool)
    if known.all() or not known.any():
        return clusters
    new_keys, first = np.unique(hashes[~known], return_index=True)
    new_vectors = unit[~known][first]
    new_ids = np.zeros((len(new_keys), len(clusters.sizes)), dtype=clusters.ids.dtype)
    for level, k in enumerate(clusters.sizes):
        member = clusters.ids[row[known], level].astype(np.int64)
        centres = np.zeros((k, unit.shape[1]))
        np.add.at(centres, member, unit[known])
        empty = np.bincount(member, minlength=k) == 0
        centres /= np.maximum(np.linalg.norm(centres, axis=1, keepdims=True), 1e-9)
        sim = new_vectors @ centres.T
        sim[:, empty] = -np.inf
        new_ids[:, level] = sim.argmax(axis=1)
    keys = np.concatenate([clusters.keys, new_keys])
    ids = np.concatenate([clusters.ids, new_ids])
    order = np.argsort(keys)
    return WordClusters(keys=keys[order], ids=ids[order], sizes=clusters.sizes)

"""MinHash and language of ASCII texts in one compiled pass per text.

``sketch._tokens`` finds a prompt's words with several Arrow calls (lower-case, the CJK and
Unicode-space rewrites, split on whitespace, flatten, dictionary-encode, trim punctuation),
hashes the distinct words, then MinHash and the language vote run over the token arrays.
For texts that are all ASCII every one of those steps is a byte rule, so one numba pass
per text does them all, with no array per token in between:

- lower-case ``A-Z``; words are the runs between ASCII whitespace (``\\t \\n \\v \\f \\r``
  and space, as ``pyarrow.compute.ascii_split_whitespace``);
- each word is trimmed of ASCII punctuation at both ends (``sketch._STRIP``'s ASCII part:
  every printable non-alphanumeric character); a word trimmed to nothing is no word;
- a word's hash is ``minhash.hash_words``' FNV-1a + ``fmix64`` of its lower-cased bytes,
  taken while the word is scanned (the state after its last non-punctuation byte);
- the first ``lang_words`` words vote for the language (``lang.decide``), a stopword found
  by its hash in an open-addressing table (``lang.ascii_words_table``);
- the text's signature is ``minhash.signature_row`` of its word hashes (written as uint16,
  the stored form).

Texts with any non-ASCII byte keep the Arrow path (Unicode lower-casing, CJK characters as
words, Unicode spaces). Both give the same words, hashes and order, so MinHash signatures
and language guesses are identical (tests compare them on random ASCII texts).
"""

from __future__ import annotations

import numba
import numpy as np
import numpy.typing as npt

from distillwatch.ingest.lang import decide
from distillwatch.ingest.minhash import FNV_OFFSET, FNV_PRIME, fmix64, signature_row

U8 = npt.NDArray[np.uint8]
I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]
F64 = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

SPACE, PUNCT, WORD = 0, 1, 2


def _byte_classes() -> U8:
    """SPACE, PUNCT or WORD of each byte value (bytes >= 0x80 never occur here)."""
    table = np.full(256, WORD, dtype=np.uint8)
    for c in "\t\n\v\f\r ":
        table[ord(c)] = SPACE
    for code in range(0x21, 0x7F):
        if not chr(code).isalnum():
            table[code] = PUNCT
    return table


CLASSES = _byte_classes()
LOWER = np.array([c + 32 if 65 <= c <= 90 else c for c in range(256)], dtype=np.uint8)


@numba.njit(cache=True, nogil=True)
def _sketch_rows(
    data: U8, offsets: I64, rows: I64, classes: U8, lower: U8,
    stop_keys: U64, stop_entries: I64, script: I64, stop_weight: F64, stopword: Bools,
    ukrainian: Bools, persian: Bools, script_code: I64, lang_words: int,
    a: U64, b: U64, sig: npt.NDArray[np.uint16], code: I64, has_words: Bools,
) -> None:
    """Per text ``rows[i]``: ``sig[i]`` (MinHash), ``code[i]`` (LANG_CODES index) and
    ``has_words[i]``. A word's language entry is ``stop_entries`` at its hash in the table
    ``stop_keys`` (linear probing, -1 marks a free slot), else 0 when it starts with a
    letter and 1 when not; ``script``/``stop_weight``/``ukrainian``/``persian`` are the
    facts of each entry (``lang.WordFacts``)."""
    longest = 0
    for i in range(rows.size):
        longest = max(longest, offsets[rows[i] + 1] - offsets[rows[i]])
    hashes = np.empty(longest // 2 + 1, dtype=np.uint64)  # words need a space between
    n_scripts, n_latin = script_code.size, stop_weight.shape[0]
    counts = np.zeros(n_scripts, dtype=np.int64)
    stop = np.zeros(n_latin, dtype=np.float64)
    mins = np.empty(a.size, dtype=np.uint64)
    prime = np.uint64(FNV_PRIME)
    mask = np.uint64(stop_keys.size - 1)
    for i in range(rows.size):
        r = rows[i]
        j, end = offsets[r], offsets[r + 1]
        n = 0
        counts[:] = 0
        stop[:] = 0.0
        ukr = False
        per = False
        while j < end:
            if classes[data[j]] != WORD:  # spaces, and punctuation before a word
                j += 1
                continue
            start = j
            h = np.uint64(FNV_OFFSET)
            good = h
            while j < end:
                c = data[j]
                k = classes[c]
                if k == SPACE:
                    break
                h = (h ^ np.uint64(lower[c])) * prime
                if k == WORD:  # punctuation at the end of a word is trimmed
                    good = h
                j += 1
            h = fmix64(good)
            hashes[n] = h
            if n < lang_words:
                slot = h & mask
                e = -1
                while stop_entries[slot] != -1:
                    if stop_keys[slot] == h:
                        e = stop_entries[slot]
                        break
                    slot = (slot + np.uint64(1)) & mask
                if e < 0:
                    first = lower[data[start]]
                    e = 0 if 97 <= first <= 122 else 1
                s = script[e]
                if s >= 0:
                    counts[s] += 1
                if stopword[e]:
                    for q in range(n_latin):  # in token order: the sums of lang._vote
                        if stop_weight[q, e] != 0.0:
                            stop[q] += stop_weight[q, e]
                ukr |= ukrainian[e]
                per |= persian[e]
            n += 1
        has_words[i] = n > 0
        if n == 0:
            sig[i, :] = 0
            code[i] = 0
            continue
        signature_row(hashes, 0, n, a, b, mins, hashes, sig, i)  # shingles in place
        code[i] = decide(counts, stop, ukr, per, script_code)


def ascii_sketch(
    data: U8, offsets: I64, rows: I64, *, stop_keys: U64, stop_entries: I64,
    script: I64, stop_weight: F64, ukrainian: Bools, persian: Bools, script_code: I64,
    lang_words: int, a: U64, b: U64,
) -> tuple[npt.NDArray[np.uint16], I64, Bools]:
    """(MinHash matrix: the low 16 bits of each value, the stored form; LANG_CODES index;
    has words) of the texts ``rows``.

    ``data``/``offsets``: the UTF-8 buffers of a string array (``buffers.string_buffers``);
    the texts ``rows`` must be ASCII. ``stop_keys``/``stop_entries``: a power-of-two
    open-addressing table from word hash to entry (``lang.ascii_words_table``), whose
    facts are ``script``/``stop_weight`` (languages x entries)/``ukrainian``/``persian``.
    """
    m = rows.size
    sig = np.empty((m, a.size), dtype=np.uint16)
    code = np.empty(m, dtype=np.int64)
    has_words = np.empty(m, dtype=np.bool_)
    stop_weight = np.ascontiguousarray(stop_weight)
    _sketch_rows(
        data, offsets, rows, CLASSES, LOWER, stop_keys, stop_entries, script, stop_weight,
        (stop_weight != 0).any(axis=0), ukrainian, persian, script_code, lang_words,
        a, b, sig, code, has_words,
    )
    return sig, code, has_words

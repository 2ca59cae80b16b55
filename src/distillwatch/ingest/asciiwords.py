"""The words of ASCII texts, hashed in one compiled pass (MinHash and language input).

``sketch._tokens`` finds a prompt's words with several Arrow calls (lower-case, the CJK and
Unicode-space rewrites, split on whitespace, flatten, dictionary-encode, trim punctuation)
and hashes the distinct words afterwards: about a sixth of the sketch step on ASCII prompts.
For texts that are all ASCII every one of those steps is a byte rule, so one numba pass per
text does them all and writes each word's hash (``minhash.hash_words``' FNV-1a + ``fmix64``)
straight away:

- lower-case ``A-Z``; words are the runs between ASCII whitespace (``\\t \\n \\v \\f \\r``
  and space, as ``pyarrow.compute.ascii_split_whitespace``);
- each word is trimmed of ASCII punctuation at both ends (``sketch._STRIP``'s ASCII part:
  every printable non-alphanumeric character); a word trimmed to nothing is no word.

Texts with any non-ASCII byte keep the Arrow path (Unicode lower-casing, CJK characters as
words, Unicode spaces). Both give the same words, hashes and order, so MinHash signatures
and language guesses are identical (tests compare them on random ASCII texts).
"""

from __future__ import annotations

import numba
import numpy as np
import numpy.typing as npt

from distillwatch.ingest.minhash import FNV_OFFSET, FNV_PRIME, fmix64

U8 = npt.NDArray[np.uint8]
I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]


def _byte_table(chars: str) -> U8:
    table = np.zeros(256, dtype=np.uint8)
    for c in chars:
        table[ord(c)] = 1
    return table


SPACE = _byte_table("\t\n\v\f\r ")
PUNCT = _byte_table("".join(chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum()))


@numba.njit(cache=True, nogil=True)
def _words(
    data: U8, offsets: I64, rows: I64, space: U8, punct: U8, count_only: bool,
    stop_keys: U64, stop_entries: I64, row_offsets: I64, hashes: U64, entry: I64,
) -> None:
    """Per text ``rows[i]``: its words' hashes and language entries, in order.

    A word's entry is ``stop_entries`` at its hash in the open-addressing table
    ``stop_keys`` (linear probing; -1 marks a free slot), else 0 when it starts with a
    letter and 1 when not (see ``lang.ascii_words_table``).

    With ``count_only`` only ``row_offsets[i + 1]`` (the number of words) is written; the
    caller turns the counts into offsets and calls again to fill ``hashes`` and ``first``.
    """
    prime = np.uint64(FNV_PRIME)
    for i in range(rows.size):
        r = rows[i]
        pos = row_offsets[i]
        j, end = offsets[r], offsets[r + 1]
        n = 0
        while j < end:
            while j < end and space[data[j]]:
                j += 1
            start = j
            while j < end and not space[data[j]]:
                j += 1
            stop = j
            while start < stop and punct[data[start]]:
                start += 1
            while stop > start and punct[data[stop - 1]]:
                stop -= 1
            if stop == start:
                continue
            if not count_only:
                h = np.uint64(FNV_OFFSET)
                for k in range(start, stop):
                    c = data[k]
                    if 65 <= c <= 90:
                        c += 32
                    h = (h ^ np.uint64(c)) * prime
                h = fmix64(h)
                hashes[pos + n] = h
                mask = np.uint64(stop_keys.size - 1)
                slot = h & mask
                e = -1
                while stop_entries[slot] != -1:
                    if stop_keys[slot] == h:
                        e = stop_entries[slot]
                        break
                    slot = (slot + np.uint64(1)) & mask
                if e < 0:
                    c = data[start] | 32
                    e = 0 if 97 <= c <= 122 else 1
                entry[pos + n] = e
            n += 1
        if count_only:
            row_offsets[i + 1] = n


def ascii_words(
    data: U8, offsets: I64, rows: I64, *, stop_keys: U64, stop_entries: I64
) -> tuple[I64, U64, I64]:
    """(word offsets per text, word hashes, each word's language entry) of texts ``rows``.

    ``data``/``offsets``: the UTF-8 buffers of a string array (``minhash.string_buffers``);
    the texts ``rows`` must be ASCII. ``stop_keys``/``stop_entries``: a power-of-two
    open-addressing table from word hash to entry (``lang.ascii_words_table``).
    """
    n = rows.size
    row_offsets = np.zeros(n + 1, dtype=np.int64)
    none64, none_i = np.zeros(0, np.uint64), np.zeros(0, np.int64)
    args = (data, offsets, rows, SPACE, PUNCT)
    _words(*args, True, stop_keys, stop_entries, row_offsets, none64, none_i)
    np.cumsum(row_offsets, out=row_offsets)
    total = int(row_offsets[-1])
    hashes = np.empty(total, dtype=np.uint64)
    entry = np.empty(total, dtype=np.int64)
    _words(*args, False, stop_keys, stop_entries, row_offsets, hashes, entry)
    return row_offsets, hashes, entry

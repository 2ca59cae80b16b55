"""A fast language guess from the words of a text: writing system first, then stopwords.

No model is downloaded. Each *distinct* word of a batch is classified once (script of its
first letter; stopword lists of Latin-script languages), and per-text votes are counted with
``numpy.bincount`` over the batch's tokens. Results are ISO 639-1 codes (``en``, ``zh``,
``ja``, ``ko``, ``ru``, ``uk``, ``ar``, ``fa``, ``hi``, ``th``, ``el``, ``he``, ``es``,
``fr``, ``de``, ``pt``, ``it``, ``nl``), ``und`` when the text has words but no decision, and
null for a null or empty text. A mixed text gets the language of most of its words, with
one bias: any kana makes Han-script text Japanese.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numba
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

UNDETERMINED = "und"

# Function words; a word in several lists splits its vote between them.
_STOPWORDS: dict[str, str] = {
    "en": "the and is are of to that it you for with what how this be on can my me your do "
    "was have an why which who from or not please write i if would should could about does "
    "a in at by he she her his they we there many much more than each when did were has had "
    "will its our their them one two first after before into out some any",
    "es": "el los las que y es por para una con del al como qué cómo pero más este esta mi "
    "su se lo le muy son están está puedes hay de la en un",
    "fr": "le les des et est une du que qui pour dans pas sur avec ce cette vous je il elle "
    "nous au aux mais comment quelle quel être sont peux de la en un",
    "de": "der die das und ist nicht ein eine ich sie es mit auf für zu den dem von wie was "
    "bitte auch sich wir ihr aus bei oder sind kannst",
    "pt": "o os as que e é um uma não para com do da dos das em no na se por mais como você "
    "isso muito são de",
    "it": "il lo gli di che e è una per non con del della sono come questo questa mi ma "
    "anche perché puoi la un in",
    "nl": "de het een en van dat niet ik je op te zijn voor met wat hoe er kun",
}
LATIN_LANGS: tuple[str, ...] = tuple(_STOPWORDS)
_SCRIPTS: tuple[str, ...] = (
    "latin", "han", "kana", "hangul", "cyrillic", "arabic", "devanagari", "thai", "greek",
    "hebrew",
)
_SCRIPT_LANG = {
    "han": "zh", "hangul": "ko", "cyrillic": "ru", "arabic": "ar", "devanagari": "hi",
    "thai": "th", "greek": "el", "hebrew": "he",
}
# Latin-script languages first, in LATIN_LANGS order, so a stopword winner is its own code.
LANG_CODES: tuple[str, ...] = (
    *LATIN_LANGS, "zh", "ja", "ko", "ru", "uk", "ar", "fa", "hi", "th", "el", "he", UNDETERMINED
)
_UKRAINIAN = frozenset("іїєґ")
_PERSIAN = frozenset("پچژگ")


def _script(ch: str) -> int:
    """Index into _SCRIPTS of a letter's writing system, or -1."""
    o = ord(ch)
    if o < 0x250:
        return 0 if ch.isalpha() else -1
    if 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9D:
        return 2
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or o >= 0x20000:
        return 1
    if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
        return 3
    if 0x0400 <= o <= 0x04FF:
        return 4
    if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F:
        return 5
    if 0x0900 <= o <= 0x097F:
        return 6
    if 0x0E00 <= o <= 0x0E7F:
        return 7
    if 0x0370 <= o <= 0x03FF:
        return 8
    if 0x0590 <= o <= 0x05FF:
        return 9
    return 0 if ch.isalpha() else -1


def writing_system(text: str) -> str | None:
    """The writing system (a name in ``_SCRIPTS``) of most of ``text``'s letters, None when
    it has none. Per text, in Python: for reports over thousands of texts (the intent
    classifier's training report splits its evals false positives by it), not for ingest."""
    counts = [0] * len(_SCRIPTS)
    for ch in text:
        s = _script(ch)
        if s >= 0:
            counts[s] += 1
    best = max(range(len(counts)), key=counts.__getitem__)
    return _SCRIPTS[best] if counts[best] else None


_STOP_INDEX: dict[str, list[int]] = {}
for _i, _lang in enumerate(LATIN_LANGS):
    for _w in _STOPWORDS[_lang].split():
        _STOP_INDEX.setdefault(_w, []).append(_i)


class WordFacts:
    """Per distinct word: script index, stopword weights per Latin language, special letters."""

    def __init__(self, words: Sequence[str]) -> None:
        n = len(words)
        self.script = np.full(n, -1, dtype=np.int64)
        self.stop = np.zeros((len(LATIN_LANGS), n), dtype=np.float64)
        self.ukrainian = np.zeros(n, dtype=bool)
        self.persian = np.zeros(n, dtype=bool)
        script = self.script
        stop_get = _STOP_INDEX.get
        for i, w in enumerate(words):
            if not w:
                continue
            if w.isascii():  # the common case, without a call
                script[i] = 0 if w[0].isalpha() else -1
            else:
                script[i] = _script(w[0])
                if script[i] == 4 and not _UKRAINIAN.isdisjoint(w):
                    self.ukrainian[i] = True
                elif script[i] == 5 and not _PERSIAN.isdisjoint(w):
                    self.persian[i] = True
            langs = stop_get(w)
            if langs:
                self.stop[langs, i] = 1.0 / len(langs)


_STOP_WORDS = pa.array(list(_STOP_INDEX), pa.string())
# Row j: the weights WordFacts gives the stopword _STOP_WORDS[j] in each Latin language.
_STOP_WEIGHTS = np.zeros((len(_STOP_INDEX), len(LATIN_LANGS)), dtype=np.float64)
for _j, _langs in enumerate(_STOP_INDEX.values()):
    _STOP_WEIGHTS[_j, _langs] = 1.0 / len(_langs)


@lru_cache(maxsize=1)
def ascii_words_table() -> tuple[WordFacts, npt.NDArray[np.uint64], npt.NDArray[np.int64]]:
    """The language facts of lower-case ASCII words, for ``ingest.asciiwords``.

    An ASCII word's facts are those of its stopword entry, else only whether it starts with
    a letter, so three kinds of entries cover every word and no word is looked at twice:
    (facts of [a word starting with a letter, any other word, each stopword], and an
    open-addressing table from the stopwords' ``hash_words`` hashes to their entries: keys,
    entries with -1 in free slots). A stopword is recognised by its 64-bit hash (a chance
    collision of another word: ~1e-17).
    """
    from distillwatch.ingest.minhash import hash_words  # lazy: loads a compiled kernel

    stopwords = list(_STOP_INDEX)
    other_word = "x"  # a word starting with a letter that is no stopword
    assert other_word not in _STOP_INDEX
    facts = WordFacts([other_word, "", *stopwords])
    hashes = hash_words(pa.array(stopwords, pa.string()))
    size = 1 << int(np.ceil(np.log2(4 * len(stopwords))))
    keys = np.zeros(size, dtype=np.uint64)
    entries = np.full(size, -1, dtype=np.int64)
    for i, h in enumerate(hashes):
        slot = int(h) & (size - 1)
        while entries[slot] != -1:
            slot = (slot + 1) & (size - 1)
        keys[slot], entries[slot] = h, i + 2
    return facts, keys, entries


def word_facts(words: pa.Array) -> WordFacts:
    """:class:`WordFacts` of a string column, the same values as ``WordFacts(words)``.

    Vectorised: a batch has tens of thousands of distinct words (every number is one), and
    the per-word Python loop cost as much as the rest of the language guess. Only non-ASCII
    words (other scripts, Ukrainian/Persian letters) are looked at one by one.
    """
    if pa.types.is_large_string(words.type):
        words = words.cast(pa.string())
    n = len(words)
    if words.null_count:
        words = pc.fill_null(words, "")
    facts = WordFacts(())
    facts.stop = np.zeros((len(LATIN_LANGS), n), dtype=np.float64)
    facts.ukrainian = np.zeros(n, dtype=bool)
    facts.persian = np.zeros(n, dtype=bool)
    offsets = np.frombuffer(words.buffers()[1], np.int32, n + 1, words.offset * 4)
    data = words.buffers()[2]
    first = np.zeros(n, dtype=np.uint8)
    solid = offsets[1:] > offsets[:-1]
    if data is not None and solid.any():
        first[solid] = np.frombuffer(data, np.uint8)[offsets[:-1][solid]]
    letter = ((first | 0x20) >= ord("a")) & ((first | 0x20) <= ord("z"))
    ascii_word = np.asarray(pc.string_is_ascii(words).to_numpy(zero_copy_only=False), bool)
    script = np.where(solid & ascii_word & letter, 0, -1).astype(np.int64)
    other = np.flatnonzero(solid & ~ascii_word)
    if other.size:
        sub = WordFacts(words.take(pa.array(other)).to_pylist())
        script[other] = sub.script
        facts.ukrainian[other] = sub.ukrainian
        facts.persian[other] = sub.persian
    facts.script = script
    hit = pc.index_in(words, value_set=_STOP_WORDS)
    if hit.null_count < n:
        found = np.flatnonzero(np.asarray(pc.is_valid(hit).to_numpy(zero_copy_only=False)))
        idx = np.asarray(hit.drop_null().to_numpy(), dtype=np.int64)
        facts.stop[:, found] = _STOP_WEIGHTS[idx].T
    return facts


def guess_languages(
    facts: WordFacts,
    token_word: npt.NDArray[np.int64],
    token_row: npt.NDArray[np.int64],
    n_rows: int,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """(index into LANG_CODES, row has tokens) for each row, from its tokens."""
    code = np.empty(n_rows, dtype=np.int64)
    any_token = np.zeros(n_rows, dtype=bool)
    _vote(
        facts.script, np.ascontiguousarray(facts.stop), facts.ukrainian, facts.persian,
        np.ascontiguousarray(token_word, dtype=np.int64),
        np.ascontiguousarray(token_row, dtype=np.int64), SCRIPT_CODES, code, any_token,
    )
    return code, any_token


# The LANG_CODES index of each script's language (Latin: undetermined, stopwords decide).
SCRIPT_CODES = np.asarray(
    [LANG_CODES.index(_SCRIPT_LANG.get(name, UNDETERMINED)) for name in _SCRIPTS],
    dtype=np.int64,
)
_UND = LANG_CODES.index(UNDETERMINED)
_JA, _UK, _FA = LANG_CODES.index("ja"), LANG_CODES.index("uk"), LANG_CODES.index("fa")
_N_SCRIPTS = len(_SCRIPTS)
_N_LATIN = len(LATIN_LANGS)


@numba.njit(cache=True, nogil=True)
def _vote(
    script: npt.NDArray[np.int64], stop_weight: npt.NDArray[np.float64],
    ukrainian: npt.NDArray[np.bool_], persian: npt.NDArray[np.bool_],
    token_word: npt.NDArray[np.int64], token_row: npt.NDArray[np.int64],
    script_code: npt.NDArray[np.int64], code: npt.NDArray[np.int64],
    any_token: npt.NDArray[np.bool_],
) -> None:
    """Count each row's votes and decide. Per-row float sums add in token order, as the
    ``np.bincount`` formulation this replaces did, so results are identical; ties go to the
    first script or language, as ``argmax`` does."""
    n_rows = code.size
    counts = np.zeros((n_rows, _N_SCRIPTS), dtype=np.int64)
    stop = np.zeros((n_rows, _N_LATIN), dtype=np.float64)
    ukr = np.zeros(n_rows, dtype=np.bool_)
    per = np.zeros(n_rows, dtype=np.bool_)
    for t in range(token_word.size):
        w, r = token_word[t], token_row[t]
        any_token[r] = True
        s = script[w]
        if s >= 0:
            counts[r, s] += 1
        for k in range(_N_LATIN):
            if stop_weight[k, w] != 0.0:
                stop[r, k] += stop_weight[k, w]
        if ukrainian[w]:
            ukr[r] = True
        if persian[w]:
            per[r] = True
    for r in range(n_rows):
        code[r] = decide(counts[r], stop[r], ukr[r], per[r], script_code)


@numba.njit(cache=True, nogil=True, inline="always")
def decide(
    counts: npt.NDArray[np.int64], stop: npt.NDArray[np.float64], ukr: bool, per: bool,
    script_code: npt.NDArray[np.int64],
) -> int:
    """The LANG_CODES index of one text from its votes: words per script (``counts``),
    stopword weights per Latin language (``stop``), Ukrainian/Persian letters seen. Ties go
    to the first script or language, as ``argmax`` does. Shared by :func:`_vote` and the
    ASCII sketch kernel (``ingest.asciiwords``)."""
    total = 0
    best_script = 0
    for s in range(_N_SCRIPTS):
        total += counts[s]
        if counts[s] > counts[best_script]:
            best_script = s
    best_stop = 0
    for k in range(_N_LATIN):
        if stop[k] > stop[best_stop]:
            best_stop = k
    if total == 0:
        return _UND
    if counts[2] > 0 and (counts[1] + counts[2]) * 5 >= total:
        return _JA
    if best_script == 0:
        return best_stop if stop[best_stop] > 0 else _UND
    if best_script == 4 and ukr:
        return _UK
    if best_script == 5 and per:
        return _FA
    return int(script_code[best_script])

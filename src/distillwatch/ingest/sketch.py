"""Privacy-mode sketches of prompt text: what later stages use when raw text is dropped.

``sketch_text(batch)`` returns exactly the ``SKETCH_FIELDS`` columns for a batch with
``system_prompt`` / ``prompt`` / ``response`` columns (any of them may be missing or null):

- ``template_key``: 16 hex chars (BLAKE2b-64) of the system prompt's and the prompt's
  instruction skeletons, slots and variable values masked (see ``ingest.template``): the
  same instruction wrapped around thousands of task items gives one key.
- ``item_key``: 16 hex chars of the prompt's slot content (the task item; the whole prompt
  when it has no slot), so one item sent by two accounts, or in two templates, shares a key.
- ``template_key64`` / ``item_key64``: the same two keys as ``int64`` (``store.key_ints``:
  one to one with the hex and sorting like it), what detect groups and joins on. The keys are
  hashed straight to these integers, carried as integers through the batch's repeats, and
  their hex is formatted from them once at the end.
- ``minhash``: 64 MinHash values (``ingest.minhash``: R-MinHash, seed ``MINHASH_SEED``)
  over word 3-shingles of the prompt (Han/kana/Thai characters count as words), for
  near-duplicate and paraphrase search with LSH, stored as one 128-byte value (the low 16
  bits of each value as uint16 little-endian, ``store.minhash_column``). Null when the
  prompt has no words.
- ``prompt_chars`` / ``system_chars`` / ``response_chars``: length in characters of the full
  text (null when the text is null).
- ``lang``: a language guess of the prompt (``ingest.lang``).

Only the first ``MAX_SKETCH_CHARS`` (8,192) characters of a text are sketched, so a 10 MB
prompt costs what an 8 kB one does; NUL bytes count as spaces and invalid UTF-8 is
replaced. Keys are computed here, never by an engine's hash function, so they are
identical on DuckDB and Spark and across runs. Everything runs on whole Arrow columns; the
only per-value Python is BLAKE2b of distinct template/item strings and the language facts
of the distinct words read for the language guess.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.ingest import lang as langmod
from distillwatch.ingest.asciiwords import ascii_sketch
from distillwatch.ingest.buffers import (
    DISTINCT_SAMPLE,
    all_ascii,
    distinct_share,
    string_buffers,
)
from distillwatch.ingest.keyhash import blake2b64_ints
from distillwatch.ingest.minhash import char_words, hash_words, permutations, signatures
from distillwatch.ingest.template import MAX_TEMPLATE_CHARS, prepare_text, template_columns
from distillwatch.schema import MINHASH_PERMUTATIONS, SKETCH_FIELDS
from distillwatch.store.key_ints import digest_ints, key_strings
from distillwatch.store.minhash_column import WIDE_MINHASH_BYTES, signature_column

__all__ = [
    "MAX_SKETCH_CHARS",
    "MINHASH_SEED",
    "SHINGLE_WORDS",
    "SKETCH_SCHEMA",
    "minhash_similarity",
    "sketch_one",
    "sketch_text",
    "stable_key",
    "template_key",
]

SKETCH_SCHEMA = pa.schema(SKETCH_FIELDS)
MAX_SKETCH_CHARS = MAX_TEMPLATE_CHARS
MINHASH_SEED = 20260301  # fixed forever: stored signatures are compared across runs
SHINGLE_WORDS = 3
KEY_BYTES = 8  # 16 hex characters
KERNEL_MIN_VALUES = 1024  # distinct strings from which the BLAKE2b kernel hashes a column
LANG_WORDS = 32  # words read for the language guess
# Key columns: hashed value by value (no dictionary) when over MOSTLY_DISTINCT of a sample
# (buffers.distinct_share) is distinct; either way gives the same keys.
MOSTLY_DISTINCT = 0.8
DEDUPE_BELOW = 0.9  # sketch distinct texts only when under 90% of a batch's rows are distinct
_STRIP = "".join(chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum()) + (
    "¡¿«»“”‘’„‚…–—·•、。，．！？；：「」『』（）《》〈〉【】〔〕\u3000\ufeff"
)

_PERM_A, _PERM_B = permutations(MINHASH_PERMUTATIONS, MINHASH_SEED)

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]


def stable_key(text: str) -> str:
    """16 hex chars of BLAKE2b-64 of ``text``: the one key function of the sketch stage."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=KEY_BYTES).hexdigest()


def _hash_strings(values: pa.Array) -> pa.Array:
    """The int64 key (``store.key_ints``) of stable_key of each string (null stays null),
    hashing each distinct value once, or every value straight away when a sample says most
    are distinct (task items)."""
    if len(values) >= KERNEL_MIN_VALUES and distinct_share(values) > MOSTLY_DISTINCT:
        return blake2b64_ints(values)  # cheaper than finding the distinct values first
    encoded = pc.dictionary_encode(values)
    return _hash_distinct(encoded.dictionary).take(encoded.indices)


_NO_DIGEST = bytes(KEY_BYTES)


def _hash_distinct(distinct: pa.Array) -> pa.Array:
    """The int64 key of stable_key of each string of ``distinct`` (null stays null)."""
    if len(distinct) >= KERNEL_MIN_VALUES:
        return blake2b64_ints(distinct)
    # A request or a small batch: hashlib, without loading the compiled kernel.
    blake2b = hashlib.blake2b
    digests = b"".join(
        [_NO_DIGEST if b is None else blake2b(b, digest_size=KEY_BYTES).digest()
         for b in distinct.cast(pa.binary()).to_pylist()]
    )
    return pa.array(digest_ints(digests), pa.int64(), mask=_nulls(distinct))


def _column(batch: pa.Table | pa.RecordBatch, name: str) -> pa.Array:
    n = batch.num_rows
    if name not in batch.schema.names:
        return pa.nulls(n, pa.string())
    col = batch.column(name)
    if isinstance(col, pa.ChunkedArray):
        if col.num_chunks == 1:  # the usual batch: no copy
            col = col.chunk(0)
        else:
            col = col.combine_chunks() if col.num_chunks else pa.array([], col.type)
    if pa.types.is_null(col.type):
        return pa.nulls(n, pa.string())
    if pa.types.is_string(col.type):
        return col
    if pa.types.is_binary(col.type) or pa.types.is_large_binary(col.type):
        # Bytes that may not be UTF-8: decode with replacement rather than fail the batch.
        return pa.array(
            [None if b is None else b.decode("utf-8", "replace") for b in col.to_pylist()],
            pa.string(),
        )
    return col.cast(pa.string())


def _char_lengths(col: pa.Array) -> pa.Array:
    if all_ascii(col):  # characters are bytes
        _data, offsets = string_buffers(col)
        return pa.array(np.diff(offsets).astype(np.int32), pa.int32(), mask=_nulls(col))
    try:
        lengths = pc.utf8_length(col)
    except pa.ArrowInvalid:  # invalid UTF-8: count the repaired text
        lengths = pc.utf8_length(prepare_text(col, cap=None))
    return pc.cast(lengths, pa.int32())


def _nulls(col: pa.Array) -> npt.NDArray[np.bool_] | None:
    return np.asarray(col.is_null(), dtype=bool) if col.null_count else None


def _tokens(texts: pa.Array) -> tuple[I64, I64, pa.Array, npt.NDArray[np.bool_]]:
    """(word index per token, row per token, distinct words, which of them are words) of
    prepared texts. A token of punctuation only is no word."""
    t = pc.utf8_lower(texts)
    non_ascii = ~np.asarray(pc.fill_null(pc.string_is_ascii(t), True), dtype=bool)
    if non_ascii.any():
        # Only rows with non-ASCII text can hold CJK/Thai characters or Unicode spaces.
        sub = t.filter(pa.array(non_ascii))
        sub = char_words(sub)  # CJK/Thai characters as words, Unicode spaces
        if non_ascii.all():
            t = sub
        else:
            back = np.where(non_ascii, np.cumsum(non_ascii) - 1, 0)
            t = pc.if_else(pa.array(non_ascii), sub.take(pa.array(back, mask=~non_ascii)), t)
    words = pc.ascii_split_whitespace(t)
    flat = pc.list_flatten(words)
    row = np.asarray(pc.list_parent_indices(words).to_numpy(), dtype=np.int64)
    encoded = pc.dictionary_encode(flat)
    word_index = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    trimmed = pc.utf8_trim(encoded.dictionary, _STRIP)  # as str.strip(_STRIP)
    valid = np.asarray(pc.utf8_length(trimmed).to_numpy(zero_copy_only=False)) > 0
    return word_index, row, trimmed, valid


def _sketch_unique(system: pa.Array, prompt: pa.Array) -> list[pa.Array]:
    """[template_key64, item_key64, minhash, lang] of prepared texts, row by row."""
    template_keys, item_keys = _template_key_ints(system, prompt)

    minhash, lang = _minhash_lang(prompt)
    return [template_keys, item_keys, minhash, lang]


def _minhash_lang(prompt: pa.Array) -> tuple[pa.Array, pa.Array]:
    """(minhash, lang) of prepared prompts: ASCII ones by the one-pass kernel of
    ``ingest.asciiwords``, the others by Arrow calls (same words, so the same values)."""
    n = len(prompt)
    if all_ascii(prompt):  # one vectorised pass instead of string_is_ascii per value
        return _minhash_lang_ascii(prompt, np.arange(n, dtype=np.int64))
    is_ascii = pc.fill_null(pc.string_is_ascii(prompt), True)
    plain = np.asarray(is_ascii.to_numpy(zero_copy_only=False), dtype=bool)
    if plain.all():
        return _minhash_lang_ascii(prompt, np.arange(n, dtype=np.int64))
    if not plain.any():
        return _minhash_lang_unicode(prompt)
    ascii_rows, other_rows = np.flatnonzero(plain), np.flatnonzero(~plain)
    minhash_a, lang_a = _minhash_lang_ascii(prompt, ascii_rows)
    minhash_u, lang_u = _minhash_lang_unicode(prompt.take(pa.array(other_rows)))
    order = np.empty(n, dtype=np.int64)
    order[ascii_rows] = np.arange(ascii_rows.size)
    order[other_rows] = ascii_rows.size + np.arange(other_rows.size)
    back = pa.array(order)
    return (
        pa.concat_arrays([minhash_a, minhash_u]).take(back),
        pa.concat_arrays([lang_a, lang_u]).take(back),
    )


def _lang_column(codes: I64, has_words: npt.NDArray[np.bool_]) -> pa.Array:
    return pa.array(langmod.LANG_CODES, pa.string()).take(
        pa.array(codes, pa.int64(), mask=~has_words)
    )


def _minhash_lang_ascii(prompt: pa.Array, rows: I64) -> tuple[pa.Array, pa.Array]:
    """(minhash, lang) of the ASCII prompts ``rows``: words found, hashed, shingled and
    counted for the language in one pass per prompt (``ingest.asciiwords``)."""
    data, offsets = string_buffers(prompt)
    facts, stop_keys, stop_entries = langmod.ascii_words_table()
    sig, codes, has_words = ascii_sketch(
        data, offsets, rows, stop_keys=stop_keys, stop_entries=stop_entries,
        script=facts.script, stop_weight=facts.stop, ukrainian=facts.ukrainian,
        persian=facts.persian, script_code=langmod.SCRIPT_CODES, lang_words=LANG_WORDS,
        a=_PERM_A, b=_PERM_B,
    )
    return signature_column(sig, has_words), _lang_column(codes, has_words)


def _minhash_lang_unicode(prompt: pa.Array) -> tuple[pa.Array, pa.Array]:
    """(minhash, lang) of prepared prompts of any text (Arrow's Unicode string kernels)."""
    n = len(prompt)
    word_index, token_row, distinct, valid_word = _tokens(prompt)
    word_hashes = hash_words(distinct)
    keep = valid_word[word_index] if word_index.size else np.zeros(0, dtype=bool)
    word_index, token_row = word_index[keep], token_row[keep]
    row_offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(token_row, minlength=n), out=row_offsets[1:])
    minhash = signatures(word_hashes[word_index], row_offsets, a=_PERM_A, b=_PERM_B)

    # The language is read from the first LANG_WORDS words of each prompt.
    early = np.arange(token_row.size) - row_offsets[token_row] < LANG_WORDS
    early_words = word_index[early]
    read = np.zeros(len(distinct), dtype=bool)  # classify only the words read for lang
    read[early_words] = True
    used = np.flatnonzero(read)
    remap = np.zeros(len(distinct), dtype=np.int64)
    remap[used] = np.arange(used.size)
    facts = langmod.word_facts(distinct.take(pa.array(used)))
    codes, has_words = langmod.guess_languages(
        facts, remap[early_words], token_row[early], n
    )
    return minhash, _lang_column(codes, has_words)


def _codes(values: pa.Array) -> tuple[I64, int]:
    """(code of each value, number of codes): equal strings share a code, null is one."""
    return _codes_of(pc.dictionary_encode(values))


def _repeats(system: pa.Array, prompt: pa.Array) -> tuple[I64, I64] | None:
    """(first row of each distinct (system prompt, prompt) pair, each row's pair), or None
    when at least ``DEDUPE_BELOW`` of the rows are distinct (sketching them all is cheaper).
    The prompt alone is looked at first: mostly distinct prompts make distinct pairs."""
    n = len(prompt)
    # Rows spread over the batch with no prompt twice: under 90% distinct rows would show
    # dozens of repeats in such a sample, so a dictionary of the whole column is not needed.
    if n > DISTINCT_SAMPLE and distinct_share(prompt) == 1.0:
        return None
    prompt_codes, n_prompt = _codes(prompt)
    if n_prompt - (0 if prompt.null_count else 1) >= DEDUPE_BELOW * n:
        return None
    system_codes, _n_system = _codes(system)
    distinct, first, inverse = np.unique(
        system_codes * n_prompt + prompt_codes, return_index=True, return_inverse=True
    )
    if distinct.size >= DEDUPE_BELOW * n:
        return None
    return first, inverse.reshape(-1)


def sketch_text(batch: pa.Table | pa.RecordBatch) -> pa.Table:
    """SKETCH_FIELDS columns for ``batch`` (same rows, same order)."""
    system_raw = _column(batch, "system_prompt")
    prompt_raw = _column(batch, "prompt")
    response_raw = _column(batch, "response")
    system = prepare_text(system_raw)
    prompt = prepare_text(prompt_raw)

    # Repeated exchanges (retries, one task item sent by many accounts, "hi") are sketched
    # once.
    repeats = _repeats(system, prompt)
    if repeats is not None:
        first, inverse = repeats
        take_first = pa.array(first)
        unique = _sketch_unique(system.take(take_first), prompt.take(take_first))
        back = pa.array(inverse)
        columns = [col.take(back) for col in unique]
    else:
        columns = _sketch_unique(system, prompt)
    template_ints, item_ints, minhash, lang = columns

    return pa.Table.from_arrays(
        [
            key_strings(template_ints),
            key_strings(item_ints),
            template_ints,
            item_ints,
            minhash,
            _char_lengths(prompt_raw),
            _char_lengths(system_raw),
            _char_lengths(response_raw),
            lang,
        ],
        schema=SKETCH_SCHEMA,
    )


def _template_keys(system: pa.Array, prompt: pa.Array) -> tuple[pa.Array, pa.Array]:
    """(template_key, item_key) columns (hex) of prepared system prompts and prompts."""
    template_ints, item_ints = _template_key_ints(system, prompt)
    return key_strings(template_ints), key_strings(item_ints)


def _template_key_ints(system: pa.Array, prompt: pa.Array) -> tuple[pa.Array, pa.Array]:
    """(template_key64, item_key64) columns of prepared system prompts and prompts."""
    # System prompts repeat (one per application): skeleton each distinct one once. The
    # key is of the system prompt's and the prompt's templates joined (_joined).
    sys_encoded = pc.dictionary_encode(system)
    sys_distinct = len(sys_encoded.dictionary)
    tpl, item, _slot = template_columns(pa.concat_arrays([sys_encoded.dictionary, prompt]))
    prompt_tpl, prompt_item = tpl.slice(sys_distinct), item.slice(sys_distinct)
    sys_tpl = tpl.slice(0, sys_distinct)  # of each distinct system prompt
    sys_code, n_sys = _codes_of(sys_encoded)
    if len(prompt_tpl) >= KERNEL_MIN_VALUES and distinct_share(prompt_tpl) > MOSTLY_DISTINCT:
        # Mostly distinct templates (free-form prompts have no slot): row by row.
        joined = _joined(_code_take(sys_tpl, sys_code), prompt_tpl)
        return _hash_strings(joined), _hash_strings(prompt_item)
    # Few distinct (system template, prompt template) pairs: found by their codes, and only
    # each distinct pair's string is built and hashed.
    prompt_encoded = pc.dictionary_encode(prompt_tpl)
    prompt_code, n_prompt = _codes_of(prompt_encoded)
    pairs, pair_of_row = _distinct_codes(sys_code * n_prompt + prompt_code, n_sys * n_prompt)
    joined = _joined(
        _code_take(sys_tpl, pairs // n_prompt),
        _code_take(prompt_encoded.dictionary, pairs % n_prompt),
    )
    return _hash_distinct(joined).take(pa.array(pair_of_row)), _hash_strings(prompt_item)


def _joined(sys_tpl: pa.Array, prompt_tpl: pa.Array) -> pa.Array:
    """What a template key is of: "system template \x1e prompt template" (a null part is
    empty), null where both are null."""
    combined = pc.binary_join_element_wise(
        pc.fill_null(sys_tpl, ""), pc.fill_null(prompt_tpl, ""), "\x1e"
    )
    either = pc.or_(pc.is_valid(sys_tpl), pc.is_valid(prompt_tpl))
    n_null = len(either) - either.true_count
    if n_null and either.offset == combined.offset == 0:
        # The joined strings under a new validity bitmap.
        return pa.Array.from_buffers(
            pa.string(), len(combined), [either.buffers()[1], *combined.buffers()[1:]],
            null_count=n_null,
        )
    if n_null:
        return pc.if_else(either, combined, pa.scalar(None, pa.string()))
    return combined


def _codes_of(encoded: pa.DictionaryArray) -> tuple[I64, int]:
    """(code of each value, number of codes) of a dictionary array: its index + 1, 0 for
    null."""
    codes = np.asarray(
        pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False), dtype=np.int64
    )
    return codes + 1, len(encoded.dictionary) + 1


def _code_take(values: pa.Array, codes: I64) -> pa.Array:
    """``values`` at ``codes - 1`` (code 0: null)."""
    return values.take(pa.array(np.maximum(codes - 1, 0), mask=codes == 0))


def _distinct_codes(codes: I64, bound: int) -> tuple[I64, I64]:
    """(distinct codes in increasing order, index of each value into them) of codes in
    ``[0, bound)``: a table of ``bound`` flags when that is small, else a sort."""
    if bound > 4 * codes.size + 4096:
        distinct, inverse = np.unique(codes, return_inverse=True)
        return distinct, inverse.reshape(-1).astype(np.int64)
    present = np.zeros(bound, dtype=bool)
    present[codes] = True
    rank = np.cumsum(present) - 1
    return np.flatnonzero(present), rank[codes]


def template_key(prompt: str | None, *, system_prompt: str | None = None) -> str | None:
    """The template key of one request (gateway path; same code as :func:`sketch_text`)."""
    key, _item = _template_keys(
        prepare_text(pa.array([system_prompt], pa.string())),
        prepare_text(pa.array([prompt], pa.string())),
    )
    value = key[0].as_py()
    return value if isinstance(value, str) else None


def sketch_one(
    prompt: str | None, *, system_prompt: str | None = None, response: str | None = None
) -> dict[str, object]:
    """The sketch of one exchange (gateway path): :func:`sketch_text` on a one-row batch."""
    batch = pa.table(
        {
            "system_prompt": pa.array([system_prompt], pa.string()),
            "prompt": pa.array([prompt], pa.string()),
            "response": pa.array([response], pa.string()),
        }
    )
    return sketch_text(batch).to_pylist()[0]


def minhash_similarity(
    a: bytes | Sequence[int] | None, b: bytes | Sequence[int] | None
) -> float | None:
    """Estimated Jaccard similarity of two stored signatures (share of equal values, on the
    low 16 bits of each: a bias of ``(1 - J) / 65536``): stored 128-byte values or, from
    older stores, 256-byte ones or lists of the 64 numbers, in any combination."""
    if a is None or b is None:
        return None
    x = _signature_values(a)
    y = _signature_values(b)
    if x.shape != y.shape or x.size == 0:
        raise ValueError("MinHash signatures must have the same, non-zero length")
    return float(np.mean(x == y))


def _signature_values(sig: bytes | Sequence[int]) -> npt.NDArray[np.uint16]:
    """The low 16 bits of each value of a signature in any stored form (as
    ``store.minhash_column.signature_matrix`` reads them)."""
    if isinstance(sig, bytes | bytearray | memoryview):
        if len(sig) == WIDE_MINHASH_BYTES:  # 64 uint32 of an older store
            return (np.frombuffer(sig, dtype="<u4") & 0xFFFF).astype(np.uint16)
        if len(sig) % 2:
            raise ValueError("a stored MinHash signature is a whole number of uint16 values")
        return np.frombuffer(sig, dtype="<u2").astype(np.uint16)
    return (np.asarray(sig, dtype=np.int64) & 0xFFFF).astype(np.uint16)

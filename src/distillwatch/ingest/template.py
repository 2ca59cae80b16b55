"""Prompt templates: split each prompt into its instruction skeleton and its slot (the item).

A harvesting fleet wraps thousands of task items in one instruction::

    "Solve this step by step, showing every step: {gsm8k question}"
    "Question: {q}\\nAnswer: Let's think step by step."
    "{passage}\\n\\nExplain your reasoning in detail."

The skeleton is the instruction around the slot; the item is what fills it. Both are found
from one prompt alone, with no corpus statistics, so keys are stable across batches, runs
and engines. Everything is vectorised over an Arrow column (RE2 regexes in
``pyarrow.compute``, run bookkeeping in numpy; in batches of ``KERNEL_MIN_LINES`` and more
the unit breaks and the skeleton view are numba kernels giving the same bytes,
``ingest.unitbreak`` and ``ingest.skeleton``); no Python code runs per prompt.

1. Cap the text (``MAX_TEMPLATE_CHARS``), lower-case it, mask URLs and e-mail addresses.
2. Cut it into lines, and lines into *units* at sentence ends and after colons.
3. Label each unit: *label* ("Question:", "### Input:"), *strong instruction* (instruction
   wording anywhere: "step by step", "your reasoning", "the following", "explain", "you
   are"...), *weak instruction* (starts with an imperative verb: solve, write, list...),
   or *content*. Options ("A) ...") and long units (> ``MAX_INSTRUCTION_BYTES``) are content.
4. The skeleton is the leading run of instruction units (it stops after an instruction
   ending in a colon, which introduces the slot; after a label only labels and strong
   instructions go on) and the trailing run of instruction units. A weak
   instruction joins a run only across a line break or colon, so a task item whose own last
   sentence is imperative ("... Calculate the total price.") stays in the slot.
   Each run of content units between becomes one ``@slot``; the content is the item.
5. A prompt without enough instruction wording (``MIN_SKELETON_WORDS``; a plain question)
   or without content (a plain instruction) has no slot: its template is the whole masked
   prompt and its item the whole prompt. Benign free-form prompts therefore keep distinct
   keys, and a bare task item sent by two accounts, or inside two templates, keeps its item.

The skeleton ignores case, punctuation, spacing and the values of numbers and quoted
strings, so "Answer in 3 sentences" and "answer in 5 sentences!" share a template.
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.ingest.buffers import (
    DISTINCT_SAMPLE,
    all_ascii,
    distinct_share,
    has_nul,
    string_buffers,
)

MAX_TEMPLATE_CHARS = 8192
# A skeleton needs this much instruction wording (a label counts 2 words), so a stray
# "Thanks." or "Explain." next to a paragraph does not make a template for unrelated prompts.
MIN_SKELETON_WORDS = 3
MAX_INSTRUCTION_BYTES = 300  # about 45 English words
MAX_LABEL_BYTES = 40
# From this many lines (units) the compiled kernels run (loading them costs a process ~1 s
# once); fewer (one gateway request) take the regexes they are tested against.
KERNEL_MIN_LINES = 1024
# Units are classified once per distinct text unless over MOSTLY_DISTINCT of a sample of
# units spread over the batch (buffers.distinct_share) is distinct.
MOSTLY_DISTINCT = 0.9
SLOT = "@slot"

_URL = r"\bhttps?://\S+|\bwww\.\S+"
_EMAIL = r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b"
_CJK_BREAK = r"([。！？；：])"
_OPTION = r"^(?:\(?[a-h1-9][).]|[a-h]:|[-*•])\s"
_LIST_MARK = r"^(?:#+|\d+[.)]|[-*•>]|\(?[a-z]\))\s*"
_WEAK_START = (
    r"^(?:(?:please|kindly|now|then|also|first|finally|next|and|so|just|carefully|briefly)"
    r",?\s+)*"
    r"(?:solve|answer|explain|think|show|write|give|provide|list|describe|summari[sz]e|"
    r"translate|classify|categori[sz]e|rewrite|rephrase|paraphrase|generate|create|compose|"
    r"draft|respond|reply|output|return|format|use|make|be|include|identify|determine|"
    r"calculate|compute|find|evaluate|rate|grade|score|judge|compare|analy[sz]e|consider|"
    r"read|review|break|walk|reason|derive|prove|verify|check|justify|elaborate|outline|"
    r"present|state|begin|start|put|wrap|enclose|choose|select|pick|complete|continue|fill|"
    r"label|extract|convert|correct|fix|improve|simplify|expand|critique|assess|estimate|"
    r"imagine|pretend|act|assume|suppose|tell|help|do|don't|never|always|only|keep|ensure|"
    r"note|remember|avoid|follow|work|go|let|here|please|given|in this task|instructions?)\b"
)
_STRONG_ANY = (
    r"step[ -]by[ -]step|\byour (?:reasoning|answer|work|response|thoughts?|thinking|"
    r"explanation|solution|final|output|task|job|goal|role)\b|\bfinal answer\b|"
    r"chain[ -]of[ -]thought|\bshow (?:all|your|every|the) |\byou are\b|\byou're\b|"
    r"\blet's\b|\blet us\b|\bin (?:detail|json|markdown)\b|"
    r"\bthe (?:following|above|below|given)\b|\b(?:this|the) (?:question|problem|task|"
    r"passage|prompt|instruction)s?\b|\b(?:question|problem|task|passage|text|input|"
    r"sentence|paragraph|email|article|code|statement|document|context)s? (?:below|above)\b|"
    r"\breasoning\b|\brationale\b|\bthought process\b|\b(?:each|every) step\b|\bexplain\b|"
    r"\brespond\b|\bformat\b|\bjson\b|\bthink\b|\bshow (?:your|all) work\b"
)
_QUOTED = r"\"[^\"]{1,400}\"|“[^”]{1,400}”|«[^»]{1,400}»|「[^」]{1,400}」"
_NUMBER = r"\d+(?:[.,:/]\d+)*"
# Punctuation and spaces (ASCII punctuation but "#" and "@", general and CJK punctuation,
# full-width forms); an explicit class is several times faster in RE2 than [^\p{L}\p{N}].
_PUNCT = (
    r"\t!-\"$-/:-?\[-`{-~\x{a0}-\x{bf}\x{2000}-\x{206f}\x{2190}-\x{2bff}"
    r"\x{3000}-\x{303f}\x{ff01}-\x{ff0f}\x{ff1a}-\x{ff20}\x{ff3b}-\x{ff40}\x{ff5b}-\x{ff65}"
)
_NON_WORD = rf"[ \t]*[{_PUNCT}]+[ \t]*"
# Nothing but punctuation, "#", "@", digits and spaces: no letters. (Unicode classes such
# as \p{L} take RE2 milliseconds to compile on every call: too slow for one-row calls.)
_NO_LETTERS = rf"^[{_PUNCT}#@0-9\s]*$"
# An instruction glued to the item without punctuation ("... D) lead apron Think step by
# step") starts a new unit when it opens with a capitalised instruction word.
_GLUED_INSTRUCTION = (
    r"\s+((?:Think|Let's|Let us|Explain|Show|Provide|Answer|Solve|Please|"
    r"Give|Write|Make sure|Output|Return|Respond|Format|Put|Remember|Do not|Don't|Be sure)\b)"
)

I64 = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


def _np_bool(arr: pa.Array | pa.ChunkedArray) -> Bools:
    if arr.null_count:
        arr = pc.fill_null(arr, False)
    return np.asarray(arr.to_numpy(zero_copy_only=False), dtype=bool)


def _np_int(arr: pa.Array | pa.ChunkedArray) -> I64:
    if arr.null_count:
        arr = pc.fill_null(arr, 0)
    return np.asarray(arr.to_numpy(zero_copy_only=False), dtype=np.int64)


def _segment_cumsum_before(values: I64, row: I64, row_first: I64) -> I64:
    """For each unit, the sum of ``values`` over earlier units of the same row."""
    c = np.cumsum(values) - values
    return c - c[row_first[row]]


def prepare_text(texts: pa.Array, *, cap: int | None = MAX_TEMPLATE_CHARS) -> pa.Array:
    """Capped (``cap`` characters), NUL-free, valid UTF-8 copy of a string column."""
    if not pa.types.is_string(texts.type):
        texts = texts.cast(pa.string())
    try:
        if not all_ascii(texts):  # ASCII bytes are valid UTF-8: only others need the check
            texts.validate(full=True)
    except pa.ArrowInvalid:
        texts = pa.array(
            [None if b is None else b.decode("utf-8", "replace")
             for b in texts.cast(pa.binary()).to_pylist()],
            pa.string(),
        )
    if cap is not None and len(texts) and (pc.max(pc.binary_length(texts)).as_py() or 0) > cap:
        texts = pc.utf8_slice_codeunits(texts, 0, cap)
    if has_nul(texts):
        texts = pc.replace_substring(texts, "\x00", " ")
    return texts


def _contains(arr: pa.Array, pattern: str) -> Bools:
    """Rows matching a regex that is one plain literal: RE2 scans for it with memchr, many
    times faster than Arrow's literal ``match_substring`` or an alternation."""
    return _np_bool(pc.match_substring_regex(arr, pattern))


def _has_url(arr: pa.Array) -> Bools:
    return _contains(arr, "://") | _contains(arr, r"www\.")


def _replace_literal(arr: pa.Array, literal: str, repl: str) -> pa.Array:
    """``replace_substring`` of a literal, skipped when no row holds it (a cheap scan)."""
    if not pc.any(pc.match_substring_regex(arr, re.escape(literal))).as_py():
        return arr
    return pc.replace_substring(arr, literal, repl)


def _replace_where(
    arr: pa.Array, mask: Bools, pattern: str, repl: str, *, max_replacements: int | None = None
) -> pa.Array:
    """``replace_substring_regex`` run only where ``mask`` (a cheap prefilter) is set."""
    if not mask.any():
        return arr
    if mask.all():
        return pc.replace_substring_regex(
            arr, pattern, repl, max_replacements=max_replacements
        )
    replaced = pc.replace_substring_regex(
        arr.filter(pa.array(mask)), pattern, repl, max_replacements=max_replacements
    )
    # Null (no copy) where not replaced: a take of replaced[0] there would copy that
    # string once per row.
    back = np.where(mask, np.cumsum(mask) - 1, 0)
    return pc.if_else(pa.array(mask), replaced.take(pa.array(back, mask=~mask)), arr)


def _break_units(lines: pa.Array) -> pa.Array:
    """``\x1f`` at each unit break: after sentence ends and colons, after CJK sentence marks,
    and before an instruction glued to the item (see ``ingest.unitbreak``)."""
    if len(lines) >= KERNEL_MIN_LINES:
        # Lazy: a single request (the gateway) never loads the compiled kernel.
        from distillwatch.ingest.unitbreak import break_units

        return break_units(lines)
    for mark in ".!?;:":  # literal passes: several times faster than one regex here
        lines = _replace_literal(lines, mark + " ", mark + "\x1f")
    # CJK sentence marks are non-ASCII: scan only the lines that hold any non-ASCII byte.
    cjk = ~_np_bool(pc.string_is_ascii(lines))
    if cjk.any():
        cjk[cjk] = _np_bool(pc.match_substring_regex(lines.filter(pa.array(cjk)), _CJK_BREAK))
    lines = _replace_where(lines, cjk, _CJK_BREAK, "\\1\x1f")
    return pc.replace_substring_regex(lines, _GLUED_INSTRUCTION, "\x1f\\1")


def _skeleton_view(units: pa.Array) -> pa.Array:
    """Units with quoted strings and numbers masked, without punctuation or extra spaces."""
    if len(units) >= KERNEL_MIN_LINES:
        from distillwatch.ingest.skeleton import skeleton_view  # lazy, as _break_units

        return skeleton_view(units)
    quotes = _contains(units, '"')
    if not (quotes.all()):
        quotes |= ~_np_bool(pc.string_is_ascii(units))  # “...”, «...», 「...」
    sk = _replace_where(units, quotes, _QUOTED, " @q ")
    sk = pc.replace_substring_regex(sk, _NUMBER, "#")
    return pc.utf8_trim_whitespace(pc.replace_substring_regex(sk, _NON_WORD, " "))


def _may_start_list_mark(units: pa.Array) -> Bools:
    """Units ``_LIST_MARK`` can match (a cheap superset): it is anchored and every branch
    starts with ``#``, a digit, ``-``, ``*``, ``•``, ``>`` or ``(``, or is a letter and ``)``."""
    b = _leading_bytes(units, 2)
    return _LIST_MARK_START[b[0]] | (b[1] == ord(")"))


def _leading_bytes(units: pa.Array, count: int) -> npt.NDArray[np.uint8]:
    """``(count, len(units))``: byte ``k`` of each unit in row ``k``, 0 past its end."""
    data, offsets = string_buffers(units)
    b = np.zeros((count, len(units)), dtype=np.uint8)
    if not data.size:
        return b
    starts, lengths = offsets[:-1], np.diff(offsets)
    last = data.size - 1
    for k in range(count):  # a gather and a select: no boolean-mask compress and scatter
        np.copyto(b[k], data[np.minimum(starts + k, last)], where=lengths > k)
    return b


def _byte_set(chars: bytes) -> Bools:
    table = np.zeros(256, dtype=bool)
    table[list(chars)] = True
    return table


_LIST_MARK_START = _byte_set(b"#0123456789-*>(\xe2")  # 0xe2: the first byte of "•"
_RE2_SPACE = _byte_set(b"\t\n\f\r ")  # RE2's \s
_OPTION_MARK = _byte_set(b"abcdefgh123456789")
_OPTION_CLOSE = _byte_set(b").")
_OPTION_LETTER = _byte_set(b"abcdefgh")
_OPTION_BULLET = _byte_set(b"-*")


def _options(units: pa.Array) -> Bools:
    """Units ``_OPTION`` matches, read from their first four bytes: the regex is anchored and
    short (``(a) ``, ``a) ``, ``1. ``, ``a: ``, ``- ``, ``• ``), so numpy lookups decide it."""
    b = _leading_bytes(units, 4)  # 0 past the end: in none of the sets
    space = _RE2_SPACE[b]
    return (
        ((b[0] == ord("(")) & _OPTION_MARK[b[1]] & _OPTION_CLOSE[b[2]] & space[3])
        | (_OPTION_MARK[b[0]] & _OPTION_CLOSE[b[1]] & space[2])
        | (_OPTION_LETTER[b[0]] & (b[1] == ord(":")) & space[2])
        | (_OPTION_BULLET[b[0]] & space[1])
        | ((b[0] == 0xE2) & (b[1] == 0x80) & (b[2] == 0xA2) & space[3])  # "•"
    )


def _scatter(values: pa.Array, mask: Bools) -> pa.Array:
    """An array as long as ``mask``: ``values`` in order where mask, null elsewhere."""
    idx = np.where(mask, np.cumsum(mask) - 1, 0)
    return values.take(pa.array(idx, mask=~mask))


def _join_rows(pieces: pa.Array, keep: Bools, row: I64, n_rows: int) -> pa.Array:
    """Join the kept pieces of each row with spaces (rows with nothing kept -> null)."""
    kept_rows = row[keep]
    counts = np.bincount(kept_rows, minlength=n_rows)
    offsets = np.zeros(n_rows + 1, dtype=np.int32)
    np.cumsum(counts, out=offsets[1:])
    values = pieces.filter(pa.array(keep))
    lists = pa.ListArray.from_arrays(pa.array(offsets), values)
    joined = pc.binary_join(lists, " ")
    return pc.if_else(pa.array(counts > 0), joined, pa.scalar(None, pa.string()))


def _split_units(t: pa.Array) -> tuple[pa.Array, I64, Bools, Bools]:
    """(non-empty lower-cased units, row of each, first/last unit of its line?) by Arrow
    calls (``unitbreak.split_units`` does the same in one compiled pass)."""
    t = _replace_literal(t, "\r", "\n")
    lines = pc.split_pattern(t, "\n")
    line_row = _np_int(pc.list_parent_indices(lines))
    flat_lines = pc.utf8_trim_whitespace(pc.list_flatten(lines))
    flat_lines = _break_units(flat_lines)
    unit_lists = pc.split_pattern(flat_lines, "\x1f")
    unit_line = _np_int(pc.list_parent_indices(unit_lists))
    all_units = pc.utf8_lower(pc.utf8_trim_whitespace(pc.list_flatten(unit_lists)))
    line_offsets = np.asarray(unit_lists.offsets.to_numpy(), dtype=np.int64)
    idx = np.arange(len(all_units), dtype=np.int64)
    first_in_line = idx == line_offsets[unit_line]
    last_in_line = idx == line_offsets[unit_line + 1] - 1
    nonempty = _np_int(pc.utf8_length(all_units)) > 0

    units = all_units.filter(pa.array(nonempty))
    row = line_row[unit_line][nonempty]
    first_in_line = first_in_line[nonempty]
    last_in_line = last_in_line[nonempty]
    return units, row, first_in_line, last_in_line


def _distinct_units(units: pa.Array) -> tuple[pa.Array, I64]:
    """(distinct units, index of each unit into them), or the units themselves when a
    sample of them is mostly distinct (a dictionary would cost more than it saves)."""
    n = len(units)
    if n > DISTINCT_SAMPLE and distinct_share(units) > MOSTLY_DISTINCT:
        return units, np.arange(n, dtype=np.int64)
    encoded = pc.dictionary_encode(units)
    return encoded.dictionary, _np_int(encoded.indices)


def _slot_runs(
    units: pa.Array, row: I64, n_rows: int, *, lead_ok: Bools, trail_ok: Bools, label: Bools,
    strong: Bools, colon: Bools, spaces: I64 | None,
) -> tuple[Bools, Bools, Bools, Bools, Bools]:
    """(skeleton, content, slot_start, has_slot, slot_unit) by numpy segment sums
    (``unitbreak.slot_runs`` does the same in one compiled pass)."""
    n_units = len(units)
    row_first = np.searchsorted(row, np.arange(n_rows), side="left")
    row_first = np.minimum(row_first, n_units - 1)  # rows without units are masked later
    bad_lead_before = _segment_cumsum_before((~lead_ok).astype(np.int64), row, row_first)
    label_before = _segment_cumsum_before(label.astype(np.int64), row, row_first)
    stop_before = _segment_cumsum_before((colon & ~label).astype(np.int64), row, row_first)
    # An instruction ending in a colon introduces the slot: the run stops there. After a
    # label only labels and strong instructions go on
    # ("### Instruction:\nSolve it and show your reasoning.\n### Input:\n{item}").
    lead = lead_ok & (bad_lead_before == 0) & (stop_before == 0)
    lead &= (label_before == 0) | label | strong
    bad_trail = (~trail_ok).astype(np.int64)
    bad_trail_total = np.bincount(row, weights=bad_trail, minlength=n_rows).astype(np.int64)
    bad_trail_upto = _segment_cumsum_before(bad_trail, row, row_first) + bad_trail
    trail = trail_ok & (bad_trail_total[row] - bad_trail_upto == 0)
    skeleton = lead | trail
    content = ~skeleton

    has_content = np.bincount(row, weights=content, minlength=n_rows) > 0
    words = np.zeros(n_units, dtype=np.int64)  # counted on skeleton units only
    if spaces is None:
        spaces = np.zeros(n_units, dtype=np.int64)
        spaces[skeleton] = _np_int(pc.count_substring(units.filter(pa.array(skeleton)), " "))
    words[skeleton] = spaces[skeleton] + 1
    sk_words = np.bincount(
        row, weights=np.where(skeleton, np.where(label, np.maximum(words, 2), words), 0),
        minlength=n_rows,
    )
    has_slot = has_content & (sk_words >= MIN_SKELETON_WORDS)
    slot_unit = has_slot[row]

    prev_content = np.zeros(n_units, dtype=bool)
    prev_content[1:] = content[:-1] & (row[1:] == row[:-1])
    slot_start = content & ~prev_content
    return skeleton, content, slot_start, has_slot, slot_unit


def template_columns(texts: pa.Array) -> tuple[pa.Array, pa.Array, pa.Array]:
    """(template text, item text, has_slot) for each prompt; null for null/blank prompts.

    ``texts`` should come from :func:`prepare_text` (capped, NUL-free).
    """
    n_rows = len(texts)
    kernels = n_rows >= KERNEL_MIN_LINES
    if kernels:
        # Lazy: a single request (the gateway) never loads the compiled kernels.
        from distillwatch.ingest import unitbreak
        from distillwatch.ingest.skeleton import join_pieces

        url, at = unitbreak.url_and_at_rows(texts)
        t = _replace_where(texts, url, _URL, "@u")
        # A URL replaced holds "@u": the rows _contains(t, "@") finds are those with an "@"
        # before, or a URL (where no URL matched, the e-mail regex finds no "@" either).
        t = _replace_where(t, at | url, _EMAIL, "@e")
    else:
        t = _replace_where(texts, _has_url(texts), _URL, "@u")
        t = _replace_where(t, _contains(t, "@"), _EMAIL, "@e")
    spaces: I64 | None = None  # space bytes of each unit, when the kernel counted them
    if kernels:
        units, row, flags, spaces = unitbreak.split_units(t)
        first_in_line = (flags & unitbreak.FIRST) != 0
        last_in_line = (flags & unitbreak.LAST) != 0
        colon = (flags & unitbreak.COLON_END) != 0
        question = (flags & unitbreak.QUESTION_END) != 0
    else:
        units, row, first_in_line, last_in_line = _split_units(t)
        colon = _np_bool(pc.ends_with(units, ":")) | _np_bool(pc.ends_with(units, "："))
        question = _np_bool(pc.ends_with(units, "?")) | _np_bool(pc.ends_with(units, "？"))
    n_units = len(units)
    if n_units == 0:
        empty = pa.nulls(n_rows, pa.string())
        return empty, empty, pa.array(np.zeros(n_rows, dtype=bool))

    # Every unit fact below (label, option, instruction, wordy, skeleton view) depends on
    # the unit's text alone, and instruction units repeat across a batch's prompts: in big
    # batches each distinct unit is classified once (``kinds``: distinct units, ``kind``:
    # each unit's index into them).
    kinds, kind = _distinct_units(units) if kernels else (units, np.arange(n_units))
    n_kinds = len(kinds)
    if n_kinds < n_units:
        colon_k = np.zeros(n_kinds, dtype=bool)
        colon_k[kind] = colon  # the last character: the same for every copy of a unit
        question_k = np.zeros(n_kinds, dtype=bool)
        question_k[kind] = question
    else:
        colon_k, question_k = colon, question
    nbytes = _np_int(pc.binary_length(kinds))  # O(1) per unit, unlike counting words
    label_k = colon_k & (nbytes <= MAX_LABEL_BYTES)
    if kernels:  # one compiled pass instead of the two regexes below
        wordy_k, lettered = unitbreak.wordy_lettered(kinds)
        label_k &= lettered
    else:
        label_k[label_k] = ~_np_bool(
            pc.match_substring_regex(kinds.filter(pa.array(label_k)), _NO_LETTERS)
        )
        # Units of punctuation only ('"""', '---', '```') delimit the slot; not the item.
        wordy_k = ~_np_bool(pc.match_substring_regex(kinds, rf"^[{_PUNCT}#@\s]*$"))
    option = _options(kinds)
    # A question is what is asked, not how to answer it: never part of the skeleton.
    instr_ok = ~option & ~question_k & (nbytes <= MAX_INSTRUCTION_BYTES)
    # Only short, non-question, non-option units can be instructions: classify just those.
    candidates = kinds.filter(pa.array(instr_ok))
    if kernels:
        bare = unitbreak.strip_list_marks(candidates)
    else:
        bare = _replace_where(
            candidates, _may_start_list_mark(candidates), _LIST_MARK, "", max_replacements=1
        )
    strong_k = np.zeros(n_kinds, dtype=bool)
    weak_k = np.zeros(n_kinds, dtype=bool)
    strong_k[instr_ok] = _np_bool(pc.match_substring_regex(bare, _STRONG_ANY))
    weak_k[instr_ok] = _np_bool(pc.match_substring_regex(bare, _WEAK_START))
    label, strong, weak, wordy = label_k[kind], strong_k[kind], weak_k[kind], wordy_k[kind]
    lead_ok = label | strong | (weak & (last_in_line | colon))
    trail_ok = label | strong | (weak & first_in_line)

    if kernels and spaces is not None:
        skeleton, slot_start, has_slot = unitbreak.slot_runs(
            row, n_rows, lead_ok=lead_ok, trail_ok=trail_ok, label=label, strong=strong,
            colon=colon, spaces=spaces, min_words=MIN_SKELETON_WORDS,
        )
        content = ~skeleton
        slot_unit = has_slot[row]
    else:
        skeleton, content, slot_start, has_slot, slot_unit = _slot_runs(
            units, row, n_rows, lead_ok=lead_ok, trail_ok=trail_ok, label=label,
            strong=strong, colon=colon, spaces=spaces,
        )
    # Only skeleton units, and every unit of a prompt without a slot, need the masked view.
    need_view = ~slot_unit | skeleton
    slot_piece = slot_unit & slot_start
    # The item keeps the text as written (lower-cased, one space between units): a task
    # item cut out of two different templates yields the same string.
    keep_item = (~slot_unit | content) & wordy
    if kernels:
        need_kind = np.zeros(n_kinds, dtype=bool)  # the distinct units whose view is needed
        need_kind[kind[need_view]] = True
        view = _skeleton_view(kinds.filter(pa.array(need_kind)))
        _data, view_offsets = string_buffers(view)
        view_of_kind = np.cumsum(need_kind) - 1
        has_text_kind = np.zeros(n_kinds, dtype=bool)  # a unit of punctuation only: nothing
        has_text_kind[need_kind] = np.diff(view_offsets) > 0
        keep_piece = (need_view & has_text_kind[kind]) | slot_piece
        source = np.where(slot_piece, -1, view_of_kind[kind])
        template = join_pieces(view, source[keep_piece], row[keep_piece], n_rows, slot=SLOT)
        item = join_pieces(units, np.flatnonzero(keep_item), row[keep_item], n_rows, slot=SLOT)
    else:
        view = _skeleton_view(units.filter(pa.array(need_view)))
        sk_view = _scatter(view, need_view)
        pieces = pc.if_else(pa.array(slot_piece), pa.scalar(SLOT), sk_view)
        has_text = _np_int(pc.utf8_length(sk_view)) > 0
        keep_piece = (need_view & has_text) | slot_piece
        template = _join_rows(pieces, keep_piece, row, n_rows)
        item = _join_rows(units, keep_item, row, n_rows)
    return template, item, pa.array(has_slot)

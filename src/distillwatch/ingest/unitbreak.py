"""Unit breaks of prompt lines in one compiled pass (step 2 of ``ingest.template``).

``template_columns`` cuts each line into units at sentence ends and before an instruction
glued to the item; the cut is a ``\\x1f`` byte that ``split_pattern`` splits on. As regexes
that is five literal passes, a CJK regex and the glued-instruction regex over every line; this
numba kernel reads the Arrow UTF-8 buffers once and writes the same bytes:

1. a space right after ``. ! ? ; :`` becomes ``\\x1f`` (the literal passes ``". "`` ->
   ``".\\x1f"``...: they only remove spaces, so their order never matters);
2. ``\\x1f`` is inserted after each of ``。！？；：`` (``_CJK_BREAK``);
3. on that result, a run of RE2 ``\\s`` (``[\\t\\n\\f\\r ]``) right before one of the
   ``GLUED_WORDS`` that ends at an ASCII word boundary becomes one ``\\x1f``
   (``_GLUED_INSTRUCTION``: leftmost-first, no word is a prefix of another, and the words
   matched are copied, so spaces inside "Let us" never start a run).

Tests compare it with the regex passes (kept in the test as the reference) on tricky lines;
the bench's 500k prompts and the hydra scenario's give identical template columns.
"""

from __future__ import annotations

import numba
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
from numba.cpython.unsafe.numbers import trailing_zeros

from distillwatch.ingest.buffers import string_buffers, strings_from_buffers
from distillwatch.ingest.skeleton import _decode, _is_punct, _trim
from distillwatch.ingest.unaligned import HIGHS, ONES, bytes_equal, load_u64, store_u64

__all__ = ["GLUED_WORDS", "break_units", "split_units"]

# The capitalised instruction openers of template._GLUED_INSTRUCTION, in its order.
GLUED_WORDS = (
    "Think", "Let's", "Let us", "Explain", "Show", "Provide", "Answer", "Solve", "Please",
    "Give", "Write", "Make sure", "Output", "Return", "Respond", "Format", "Put", "Remember",
    "Do not", "Don't", "Be sure",
)  # fmt: skip

_WORD_BYTES = np.frombuffer("".join(GLUED_WORDS).encode(), dtype=np.uint8).copy()
_WORD_OFFSETS = np.concatenate(([0], np.cumsum([len(w.encode()) for w in GLUED_WORDS]))).astype(
    np.int64
)
_US = np.uint8(0x1F)


@numba.njit(cache=True, nogil=True)
def _is_word_byte(b: int) -> bool:
    return (48 <= b <= 57) or (65 <= b <= 90) or (97 <= b <= 122) or b == 95


@numba.njit(cache=True, nogil=True)
def _glued_word_at(
    s: npt.NDArray[np.uint8], pos: int, end: int,
    words: npt.NDArray[np.uint8], word_offsets: npt.NDArray[np.int64],
) -> int:
    """Length of the glued word that starts at ``pos`` and ends at a word boundary, else 0."""
    for w in range(word_offsets.size - 1):
        ws, we = word_offsets[w], word_offsets[w + 1]
        n = we - ws
        if pos + n > end:
            continue
        ok = True
        for k in range(n):
            if s[pos + k] != words[ws + k]:
                ok = False
                break
        if ok and (pos + n == end or not _is_word_byte(s[pos + n])):
            return n
    return 0


@numba.njit(cache=True, nogil=True, inline="always")
def _break_line(
    data: npt.NDArray[np.uint8], start: int, end: int, tmp: npt.NDArray[np.uint8],
    words: npt.NDArray[np.uint8], word_offsets: npt.NDArray[np.int64],
    out: npt.NDArray[np.uint8], o: int,
) -> int:
    """Write the line ``data[start:end]`` with its unit breaks to ``out`` at ``o``; return
    the end. ``tmp``: scratch of at least ``(end - start) * 4 // 3 + 1`` bytes."""
    # Passes 1 and 2 into tmp.
    t = 0
    i = start
    while i < end:
        b = data[i]
        if b == 32 and i > start:
            p = data[i - 1]
            if p == 46 or p == 33 or p == 63 or p == 59 or p == 58:  # . ! ? ; :
                b = _US
        tmp[t] = b
        t += 1
        if (b == 0xE3 and i + 2 < end and data[i + 1] == 0x80 and data[i + 2] == 0x82) or (
            b == 0xEF and i + 2 < end and data[i + 1] == 0xBC
            and (data[i + 2] == 0x81 or data[i + 2] == 0x9F or data[i + 2] == 0x9B
                 or data[i + 2] == 0x9A)
        ):  # 。 U+3002, ！ U+FF01, ？ U+FF1F, ； U+FF1B, ： U+FF1A
            tmp[t] = data[i + 1]
            tmp[t + 1] = data[i + 2]
            tmp[t + 2] = _US
            t += 3
            i += 3
            continue
        i += 1
    # Pass 3 from tmp into out.
    j = 0
    while j < t:
        b = tmp[j]
        # RE2's \s, spelt out: calls to a helper cost more than the whole scan.
        if b == 32 or b == 9 or b == 10 or b == 12 or b == 13:
            k = j + 1
            while k < t:
                c = tmp[k]
                if not (c == 32 or c == 9 or c == 10 or c == 12 or c == 13):
                    break
                k += 1
            n = 0
            # Every word is capitalised: test here, a call costs ~40 ns.
            if k < t and 65 <= tmp[k] <= 90:
                n = _glued_word_at(tmp, k, t, words, word_offsets)
            if n:
                out[o] = _US
                o += 1
                for q in range(n):
                    out[o + q] = tmp[k + q]
                o += n
                j = k + n
            else:
                for q in range(j, k):
                    out[o] = tmp[q]
                    o += 1
                j = k
            continue
        out[o] = b
        o += 1
        j += 1
    return o


@numba.njit(cache=True, nogil=True)
def _break_units(
    data: npt.NDArray[np.uint8], offsets: npt.NDArray[np.int64],
    words: npt.NDArray[np.uint8], word_offsets: npt.NDArray[np.int64],
    out: npt.NDArray[np.uint8], out_offsets: npt.NDArray[np.int32],
) -> None:
    longest = 0
    for row in range(offsets.size - 1):
        longest = max(longest, offsets[row + 1] - offsets[row])
    tmp = np.empty(longest + longest // 3 + 1, dtype=np.uint8)  # pass 2 adds <= 1 byte in 3
    o = 0
    out_offsets[0] = 0
    for row in range(offsets.size - 1):
        o = _break_line(data, offsets[row], offsets[row + 1], tmp, words, word_offsets, out, o)
        out_offsets[row + 1] = o


def break_units(lines: pa.Array) -> pa.Array:
    """``lines`` with ``\\x1f`` at every unit break (see the module docstring); nulls stay."""
    data, offsets = string_buffers(lines)
    n = len(lines)
    total = int(offsets[-1] - offsets[0]) if n else 0
    out = np.empty(total + total // 3 + n + 1, dtype=np.uint8)
    out_offsets = np.empty(n + 1, dtype=np.int32)
    _break_units(data, offsets, _WORD_BYTES, _WORD_OFFSETS, out, out_offsets)
    return strings_from_buffers(lines, out, out_offsets)


FIRST, LAST, NON_ASCII, COLON_END, QUESTION_END = 1, 2, 4, 8, 16


# Byte classes of the one-pass unit split (_split_units).
_PLAIN, _SPACE, _BLANK, _SEP, _CJK_LEAD, _HIGH = 0, 1, 2, 3, 4, 5


def _unit_classes() -> npt.NDArray[np.uint8]:
    table = np.full(256, _PLAIN, dtype=np.uint8)
    table[0x80:] = _HIGH
    table[0xE3] = table[0xEF] = _CJK_LEAD
    table[ord(" ")] = _SPACE
    table[ord("\t")] = table[ord("\f")] = _BLANK  # RE2's \s but space, \n, \r
    table[0x1F] = _SEP
    return table


_UNIT_CLASSES = _unit_classes()
_LOWER = np.array([c + 32 if 65 <= c <= 90 else c for c in range(256)], dtype=np.uint8)


@numba.njit(cache=True, nogil=True, inline="always")
def _is_cjk_mark(s: npt.NDArray[np.uint8], i: int, end: int) -> bool:
    """。 U+3002, ！ U+FF01, ？ U+FF1F, ； U+FF1B, ： U+FF1A at ``i``."""
    if i + 2 >= end:
        return False
    if s[i] == 0xE3:
        return s[i + 1] == 0x80 and s[i + 2] == 0x82
    return s[i + 1] == 0xBC and (
        s[i + 2] == 0x81 or s[i + 2] == 0x9F or s[i + 2] == 0x9B or s[i + 2] == 0x9A
    )


@numba.njit(cache=True, nogil=True, inline="always")
def _has_byte(word: np.uint64, byte: int) -> np.uint64:
    """The high bit of each byte of ``word`` that is ``byte``, and possibly of bytes above
    one that is (the zero-byte test of ``word ^ byte...byte``): non-zero exactly when some
    byte is ``byte``, and its lowest set bit is in the first such byte."""
    x = word ^ (ONES * np.uint64(byte))
    return (x - ONES) & ~x & HIGHS


_BYTE7 = np.uint64(0x80) << np.uint64(56)


@numba.njit(cache=True, nogil=True, inline="always")
def _plain_run(word: np.uint64) -> np.uint64:
    """The 8 bytes of ``word`` lower-cased when ``_split_units``' byte loop would copy all
    of them (its first byte being plain): no byte outside ``_PLAIN`` but single spaces
    (class ``_SPACE``) in bytes 1-6, each with no ``. ! ? ; :`` before it and no capital or
    space after it, and the last byte no space; else 0 (which eight NUL bytes also give:
    the byte loop copies them then)."""
    bad = (word & HIGHS) | bytes_equal(word, 9) | bytes_equal(word, 12) | bytes_equal(
        word, 0x1F)
    sp = bytes_equal(word, 32)
    if bad or sp & _BYTE7:
        return np.uint64(0)
    # ASCII bytes only from here: no carry between bytes in these sums.
    capital = ((word + ONES * np.uint64(0x3F)) & ~(word + ONES * np.uint64(0x25))) & HIGHS
    marks = (bytes_equal(word, 46) | bytes_equal(word, 33) | bytes_equal(word, 63)
             | bytes_equal(word, 59) | bytes_equal(word, 58))
    if (sp << np.uint64(8)) & (sp | capital) or (sp >> np.uint64(8)) & marks:
        return np.uint64(0)
    return word | (capital >> np.uint64(2))


@numba.njit(cache=True, nogil=True, inline="always")
def _space_count(run: np.uint64) -> int:
    """The space bytes of a run ``_plain_run`` returned (spaces stay spaces)."""
    sp = bytes_equal(run, 32)
    return int(((sp >> np.uint64(7)) * ONES) >> np.uint64(56))


@numba.njit(cache=True, nogil=True)
def _split_units(
    data: npt.NDArray[np.uint8], offsets: npt.NDArray[np.int64], valid: npt.NDArray[np.bool_],
    words: npt.NDArray[np.uint8], word_offsets: npt.NDArray[np.int64],
    classes: npt.NDArray[np.uint8], lower: npt.NDArray[np.uint8], out: npt.NDArray[np.uint8],
) -> tuple[
    npt.NDArray[np.int32], npt.NDArray[np.int64], npt.NDArray[np.uint8], npt.NDArray[np.int64]
]:
    r"""Units of each valid text, written to ``out`` in one pass over its bytes. A unit ends
    where ``_break_line`` would write ``\x1f`` (a space after ``. ! ? ; :``, after a CJK
    mark, a ``\s`` run before a glued word) and at a ``\x1f`` of the text itself."""
    n_rows = offsets.size - 1
    cap = 4 * n_rows + 16
    unit_offsets = np.empty(cap + 1, dtype=np.int32)
    unit_row = np.empty(cap, dtype=np.int64)
    flags = np.empty(cap, dtype=np.uint8)
    unit_spaces = np.empty(cap, dtype=np.int64)
    n = 0
    o = 0
    unit_offsets[0] = 0
    for row in range(n_rows):
        if not valid[row]:
            continue
        text_end = offsets[row + 1]
        ls = offsets[row]
        while True:  # lines: split at \n and \r, then trimmed
            le = ls
            while le + 8 <= text_end:  # eight bytes at a time up to the first \n or \r
                w = load_u64(data, le)  # type: ignore[call-arg, var-annotated]
                hit = _has_byte(w, 10) | _has_byte(w, 13)
                if hit:
                    le += trailing_zeros(hit) >> 3
                    break
                le += 8
            while le < text_end and data[le] != 10 and data[le] != 13:
                le += 1
            start, end = _trim(data, ls, le)
            piece = 0
            u = o  # where the current piece starts in out
            f = 0
            spaces = 0  # space bytes of the current piece
            i = start
            while True:
                cut = False
                mark = False  # a CJK mark ends the unit: an (empty) unit always follows
                if i >= end:
                    cut = True
                else:
                    b = data[i]
                    k = classes[b]
                    if k == _PLAIN:
                        while True:  # plain bytes and single spaces between words
                            # Eight bytes copied at once when the byte loop below would
                            # copy them all (_plain_run), else this one.
                            run = np.uint64(0)
                            if i + 8 <= end:
                                run = _plain_run(load_u64(data, i))  # type: ignore[call-arg]
                            if run:
                                store_u64(out, o, run)  # type: ignore[call-arg]
                                spaces += _space_count(run)
                                o += 8
                                i += 8
                                b = data[i - 1]
                            else:
                                out[o] = lower[b]
                                o += 1
                                i += 1
                            if i >= end:
                                break
                            c = data[i]
                            if classes[c] != _PLAIN:
                                # The usual space between words (as below): no mark
                                # before it, a plain byte but a capital after it.
                                if c != 32 or i + 1 >= end:
                                    break
                                nb = data[i + 1]
                                if classes[nb] != _PLAIN or 65 <= nb <= 90:
                                    break
                                if b == 46 or b == 33 or b == 63 or b == 59 or b == 58:
                                    break
                                out[o] = 32
                                o += 1
                                i += 1
                                spaces += 1
                                c = nb
                            b = c
                        continue
                    if k == _HIGH:
                        out[o] = b
                        o += 1
                        i += 1
                        f = NON_ASCII
                        continue
                    if k == _SEP:
                        i += 1
                        cut = True
                    elif k == _CJK_LEAD:
                        f = NON_ASCII
                        if _is_cjk_mark(data, i, end):
                            out[o] = b
                            out[o + 1] = data[i + 1]
                            out[o + 2] = data[i + 2]
                            o += 3
                            i += 3
                            cut = True
                            mark = True
                        else:
                            out[o] = b
                            o += 1
                            i += 1
                            continue
                    else:  # a space or tab/form feed
                        p = data[i - 1] if i > start else 0
                        mark_before = p == 46 or p == 33 or p == 63 or p == 59 or p == 58
                        if k == _SPACE and not mark_before and i + 1 < end:
                            nb = data[i + 1]
                            if classes[nb] == _PLAIN and not 65 <= nb <= 90:
                                # The usual space between words: no run, no glued word.
                                out[o] = 32
                                o += 1
                                i += 1
                                spaces += 1
                                continue
                        if k == _SPACE and (p == 46 or p == 33 or p == 63 or p == 59 or p == 58):
                            i += 1  # . ! ? ; : and a space: the space is the break
                            cut = True
                        else:
                            j = i + 1
                            while j < end and (classes[data[j]] == _SPACE
                                               or classes[data[j]] == _BLANK):
                                j += 1
                            g = 0
                            if j < end and 65 <= data[j] <= 90:
                                g = _glued_word_at(data, j, end, words, word_offsets)
                            if g:
                                i = j  # the run is the break; the word opens the next unit
                                cut = True
                            else:
                                while i < j:
                                    b = data[i]
                                    spaces += b == 32
                                    out[o] = b
                                    o += 1
                                    i += 1
                                continue
                if cut:
                    a, z = _trim(out, u, o)
                    for q in range(u, a):  # spaces trimmed off do not count
                        spaces -= out[q] == 32
                    for q in range(z, o):
                        spaces -= out[q] == 32
                    if z > a:
                        if a > u:
                            for q in range(z - a):
                                out[u + q] = out[a + q]
                        o = u + (z - a)
                        if n == cap:
                            cap *= 2
                            grown_offsets = np.empty(cap + 1, dtype=np.int32)
                            grown_offsets[: n + 1] = unit_offsets[: n + 1]
                            unit_offsets = grown_offsets
                            grown_row = np.empty(cap, dtype=np.int64)
                            grown_row[:n] = unit_row[:n]
                            unit_row = grown_row
                            grown_flags = np.empty(cap, dtype=np.uint8)
                            grown_flags[:n] = flags[:n]
                            flags = grown_flags
                            grown_spaces = np.empty(cap, dtype=np.int64)
                            grown_spaces[:n] = unit_spaces[:n]
                            unit_spaces = grown_spaces
                        if piece == 0:
                            f |= FIRST
                        if i >= end and not mark:
                            f |= LAST
                        last = out[o - 1]
                        if last == 58:  # ':'
                            f |= COLON_END
                        elif last == 63:  # '?'
                            f |= QUESTION_END
                        elif o - u >= 3 and out[o - 3] == 0xEF and out[o - 2] == 0xBC:
                            if last == 0x9A:  # '：' U+FF1A
                                f |= COLON_END
                            elif last == 0x9F:  # '？' U+FF1F
                                f |= QUESTION_END
                        flags[n] = f
                        unit_spaces[n] = spaces
                        unit_row[n] = row
                        n += 1
                        unit_offsets[n] = o
                    else:
                        o = u
                    if i >= end:
                        break
                    piece += 1
                    u = o
                    f = 0
                    spaces = 0
            if le >= text_end:
                break
            ls = le + 1
    return unit_offsets[: n + 1], unit_row[:n], flags[:n], unit_spaces[:n]


def split_units(
    texts: pa.Array,
) -> tuple[pa.Array, npt.NDArray[np.int64], npt.NDArray[np.uint8], npt.NDArray[np.int64]]:
    """(units, row, flags, space bytes) of each unit of prepared texts, in one pass.

    What ``template_columns``' Arrow calls do: lines split at ``\\n`` and ``\\r``, each
    trimmed (``utf8_trim_whitespace``) and cut at its unit breaks (:func:`break_units`),
    each piece trimmed and lower-cased (``utf8_lower``: ASCII letters here, units with
    non-ASCII bytes through Arrow afterwards), empty pieces dropped. ``flags``: ``FIRST`` /
    ``LAST`` piece of its line, ``COLON_END`` (``:`` or ``：``), ``QUESTION_END`` (``?`` or
    ``？``), ``NON_ASCII``. Null texts have no units.
    """
    data, offsets = string_buffers(texts)
    # A writable copy either way: a read-only array would compile the kernel a second time.
    valid = (
        np.array(texts.is_valid(), dtype=bool) if texts.null_count
        else np.ones(len(texts), dtype=bool)
    )
    total = int(offsets[-1] - offsets[0]) if len(texts) else 0
    out = np.empty(total + 1, dtype=np.uint8)  # units never hold more than their text
    unit_offsets, unit_row, flags, spaces = _split_units(
        data, offsets, valid, _WORD_BYTES, _WORD_OFFSETS, _UNIT_CLASSES, _LOWER, out
    )
    units = pa.Array.from_buffers(
        pa.string(), unit_row.size, [None, pa.py_buffer(unit_offsets), pa.py_buffer(out)]
    )
    if (flags & NON_ASCII).any():
        # One pass over every unit (ASCII ones come out as they are) is cheaper than
        # filter + lower + take + if_else of the non-ASCII ones.
        units = pc.utf8_lower(units)
    return units, unit_row, flags, spaces


@numba.njit(cache=True, nogil=True)
def _list_mark_ends(
    data: npt.NDArray[np.uint8], offsets: npt.NDArray[np.int64], starts: npt.NDArray[np.int64]
) -> bool:
    """``starts[r]``: where unit ``r`` goes on after its list mark (its start without one);
    whether any unit has a mark."""
    marked = False
    for r in range(offsets.size - 1):
        start, end = offsets[r], offsets[r + 1]
        i = start
        c = data[i] if i < end else 0
        m = -1  # the end of the mark, -1 without one (alternatives in the regex's order)
        if c == 35:  # '#+'
            m = i + 1
            while m < end and data[m] == 35:
                m += 1
        if m < 0 and 48 <= c <= 57:  # '\d+[.)]' (a digit run then '.' or ')')
            j = i + 1
            while j < end and 48 <= data[j] <= 57:
                j += 1
            if j < end and (data[j] == 46 or data[j] == 41):
                m = j + 1
        if m < 0 and (c == 45 or c == 42 or c == 62):  # '[-*>]'
            m = i + 1
        if m < 0 and c == 0xE2 and i + 2 < end and data[i + 1] == 0x80 and data[i + 2] == 0xA2:
            m = i + 3  # '•'
        if m < 0:  # '\(?[a-z]\)'
            j = i + 1 if c == 40 else i
            if j + 1 < end and 97 <= data[j] <= 122 and data[j + 1] == 41:
                m = j + 2
        if m >= 0:  # '\s*'
            while m < end and (data[m] == 32 or data[m] == 9 or data[m] == 10
                               or data[m] == 12 or data[m] == 13):
                m += 1
            i = m
        starts[r] = i
        marked |= i != start
    return marked


@numba.njit(cache=True, nogil=True)
def _copy_tails(
    data: npt.NDArray[np.uint8], offsets: npt.NDArray[np.int64], starts: npt.NDArray[np.int64],
    out: npt.NDArray[np.uint8], out_offsets: npt.NDArray[np.int32],
) -> None:
    o = 0
    out_offsets[0] = 0
    for r in range(offsets.size - 1):
        i, end = starts[r], offsets[r + 1]
        out[o:o + end - i] = data[i:end]
        o += end - i
        out_offsets[r + 1] = o


def strip_list_marks(units: pa.Array) -> pa.Array:
    """Units without a leading list mark: ``template._LIST_MARK`` replaced by "" once, as
    RE2 does it (leftmost-first alternatives, greedy runs); nulls stay null. Without any
    mark (most batches of task prompts) the units come back as they are, not copied."""
    data, offsets = string_buffers(units)
    starts = np.empty(len(units), dtype=np.int64)
    if not _list_mark_ends(data, offsets, starts):
        return units
    out = np.empty(int(offsets[-1] - offsets[0]) + 1, dtype=np.uint8)
    out_offsets = np.empty(len(units) + 1, dtype=np.int32)
    _copy_tails(data, offsets, starts, out, out_offsets)
    return strings_from_buffers(units, out, out_offsets)


@numba.njit(cache=True, nogil=True)
def _url_and_at(
    data: npt.NDArray[np.uint8], offsets: npt.NDArray[np.int64], valid: npt.NDArray[np.bool_],
    url: npt.NDArray[np.bool_], at: npt.NDArray[np.bool_],
) -> None:
    for r in range(offsets.size - 1):
        u = False
        a = False
        if valid[r]:
            i, e = offsets[r], offsets[r + 1]
            while i < e and not (u and a):
                # Eight bytes at a time while none is '@', ':' or 'w' (most of the text).
                # The lowest flagged byte is always a match (a false flag only ever sits
                # above a true one): skip to it.
                if i + 8 <= e:
                    w = load_u64(data, i)  # type: ignore[call-arg, var-annotated]
                    hit = _has_byte(w, 64) | _has_byte(w, 58) | _has_byte(w, 119)
                    if hit == 0:
                        i += 8
                        continue
                    i += trailing_zeros(hit) >> 3
                b = data[i]
                if b == 64:  # '@'
                    a = True
                elif b == 58:  # '://'
                    u |= i + 2 < e and data[i + 1] == 47 and data[i + 2] == 47
                elif b == 119:  # 'www.'
                    u |= (i + 3 < e and data[i + 1] == 119 and data[i + 2] == 119
                          and data[i + 3] == 46)
                i += 1
        url[r] = u
        at[r] = a


def url_and_at_rows(texts: pa.Array) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """(holds ``://`` or ``www.``, holds ``@``) of each text, in one pass over the bytes:
    the prefilters of ``template``'s URL and e-mail regexes (null texts: False)."""
    data, offsets = string_buffers(texts)
    n = len(texts)
    valid = (
        np.array(texts.is_valid(), dtype=bool) if texts.null_count else np.ones(n, dtype=bool)
    )
    url = np.empty(n, dtype=np.bool_)
    at = np.empty(n, dtype=np.bool_)
    _url_and_at(data, offsets, valid, url, at)
    return url, at


@numba.njit(cache=True, nogil=True)
def _slot_runs(
    row: npt.NDArray[np.int64], lead_ok: npt.NDArray[np.bool_],
    trail_ok: npt.NDArray[np.bool_], label: npt.NDArray[np.bool_],
    strong: npt.NDArray[np.bool_], colon: npt.NDArray[np.bool_],
    spaces: npt.NDArray[np.int64], min_words: int, skeleton: npt.NDArray[np.bool_],
    slot_start: npt.NDArray[np.bool_], has_slot: npt.NDArray[np.bool_],
) -> None:
    n_units = row.size
    s = 0
    while s < n_units:
        r = row[s]
        e = s + 1
        while e < n_units and row[e] == r:
            e += 1
        # The leading run: no earlier unit that cannot lead, no earlier instruction ending
        # in a colon; after a label only labels and strong instructions.
        bad = False
        stop = False
        after_label = False
        for u in range(s, e):
            skeleton[u] = lead_ok[u] and not bad and not stop and (
                not after_label or label[u] or strong[u]
            )
            bad |= not lead_ok[u]
            stop |= colon[u] and not label[u]
            after_label |= label[u]
        # The trailing run: no later unit that cannot trail.
        bad = False
        for u in range(e - 1, s - 1, -1):
            skeleton[u] |= trail_ok[u] and not bad
            bad |= not trail_ok[u]
        content = False
        words = 0
        prev_content = False
        for u in range(s, e):
            if skeleton[u]:
                w = spaces[u] + 1
                words += max(w, 2) if label[u] else w
                slot_start[u] = False
                prev_content = False
            else:
                content = True
                slot_start[u] = not prev_content
                prev_content = True
        has_slot[r] = content and words >= min_words
        s = e


def slot_runs(
    row: npt.NDArray[np.int64], n_rows: int, *, lead_ok: npt.NDArray[np.bool_],
    trail_ok: npt.NDArray[np.bool_], label: npt.NDArray[np.bool_],
    strong: npt.NDArray[np.bool_], colon: npt.NDArray[np.bool_],
    spaces: npt.NDArray[np.int64], min_words: int,
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """(skeleton unit, first unit of a content run, row has a slot) in one pass over the
    units (``row`` ascending): ``template_columns``' leading/trailing runs, skeleton word
    count and slot decision, which its numpy code (the reference) does with segment sums."""
    n_units = row.size
    skeleton = np.empty(n_units, dtype=np.bool_)
    slot_start = np.empty(n_units, dtype=np.bool_)
    has_slot = np.zeros(n_rows, dtype=np.bool_)
    _slot_runs(
        row, lead_ok, trail_ok, label, strong, colon, spaces.astype(np.int64), min_words,
        skeleton, slot_start, has_slot,
    )
    return skeleton, slot_start, has_slot


@numba.njit(cache=True, nogil=True)
def _wordy_lettered(
    data: npt.NDArray[np.uint8], offsets: npt.NDArray[np.int64],
    wordy: npt.NDArray[np.bool_], lettered: npt.NDArray[np.bool_],
) -> None:
    for r in range(offsets.size - 1):
        i, e = offsets[r], offsets[r + 1]
        w = False
        lt = False
        while i < e and not lt:  # a letter is also a word character: done
            c, n = _decode(data, i)
            i += n
            if _is_punct(c) or c == 35 or c == 64 or c == 32 or c == 10 or c == 12 or c == 13:
                continue  # punctuation, '#', '@', RE2's \s (tab is punctuation)
            w = True
            lt = not 48 <= c <= 57
        wordy[r] = w
        lettered[r] = lt


def wordy_lettered(units: pa.Array) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """(holds a character outside ``template._PUNCT``, ``#``, ``@`` and RE2's ``\\s``; and
    one that is not a digit either) of each unit, in one compiled pass stopping at the first
    letter: the negations of ``template``'s ``^[{_PUNCT}#@\\s]*$`` and ``_NO_LETTERS``."""
    data, offsets = string_buffers(units)
    n = len(units)
    wordy = np.empty(n, dtype=np.bool_)
    lettered = np.empty(n, dtype=np.bool_)
    _wordy_lettered(data, offsets, wordy, lettered)
    return wordy, lettered

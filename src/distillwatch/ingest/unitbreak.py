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

from distillwatch.ingest.minhash import string_buffers, strings_from_buffers

__all__ = ["GLUED_WORDS", "break_units"]

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
        start, end = offsets[row], offsets[row + 1]
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

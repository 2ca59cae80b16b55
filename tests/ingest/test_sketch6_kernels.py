"""Session 6's sketch changes against plain references on random inputs: the MinHash fold
at the stored width (64 permutations, a loop of constant length) and at other widths, the
sampled distinct share, and template keys found per distinct (system, prompt) template pair."""

from __future__ import annotations

import random

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from distillwatch.ingest import sketch
from distillwatch.ingest.buffers import distinct_share
from distillwatch.ingest.minhash import char_words, permutations, signatures
from distillwatch.ingest.template import prepare_text, template_columns
from distillwatch.schema import MINHASH_PERMUTATIONS

M64 = (1 << 64) - 1


def _rotl(x: int, k: int) -> int:
    return ((x << k) | (x >> (64 - k))) & M64


def _signature(hashes: list[int], a: np.ndarray, b: np.ndarray) -> list[int]:
    """The scheme of ``ingest.minhash`` in Python integers."""
    padded = [*hashes, 0, 0]
    shingles = [
        padded[k] ^ _rotl(padded[k + 1], 21) ^ _rotl(padded[k + 2], 42)
        for k in range(max(1, len(hashes) - 2))
    ]
    return [min(((int(ai) * x + int(bi)) & M64) >> 32 for x in shingles)
            for ai, bi in zip(a, b, strict=True)]


@pytest.mark.parametrize("width", [MINHASH_PERMUTATIONS, 8, 1, 65])
def test_signatures_match_the_scheme_at_every_width(width: int) -> None:
    rng = random.Random(width)
    a, b = permutations(width, 11)
    lengths = [0, 1, 2, 3, 4, 5, 0, 17, 1, 2, 300] + [rng.randint(0, 40) for _ in range(80)]
    hashes = [rng.getrandbits(64) for _ in range(sum(lengths))]
    hashes[:6] = [0, M64, 1 << 63, 0, 0, M64]  # extremes of the arithmetic
    offsets = np.cumsum([0, *lengths]).astype(np.int64)
    word_hash = np.array(hashes, dtype=np.uint64)
    kept = word_hash.copy()
    got = signatures(word_hash, offsets, a=a, b=b).to_pylist()
    assert (word_hash == kept).all()  # the caller's hashes are not used as scratch
    for i, stored in enumerate(got):
        row = hashes[offsets[i]:offsets[i + 1]]
        if not row:
            assert stored is None
            continue
        values = np.frombuffer(stored, dtype="<u2").tolist()  # low 16 bits of the 32-bit min
        assert values == [v & 0xFFFF for v in _signature(row, a, b)]


def test_ascii_kernel_signature_is_the_unicode_paths() -> None:
    # The ASCII kernel folds shingles written over its own word hashes: same values as
    # the Arrow path, whose signatures() reads a separate array.
    rng = random.Random(3)
    words = ["alpha", "Beta", "x", "42", "--", "(c)", "the", "and", "a.b", "zeta!"]
    texts = [
        " ".join(rng.choice(words) for _ in range(rng.choice([0, 1, 2, 3, 4, 9, 60, 500])))
        for _ in range(2500)
    ]
    prompts = prepare_text(pa.array(texts, pa.string()))
    got_minhash, got_lang = sketch._minhash_lang(prompts)
    want_minhash, want_lang = sketch._minhash_lang_unicode(prompts)
    assert got_minhash.equals(want_minhash)
    assert got_lang.equals(want_lang)


def _share_reference(values: pa.Array, sample: int) -> float:
    n = len(values)
    if n > sample:
        values = values.take(pa.array(np.linspace(0, n - 1, sample).astype(np.int64)))
    seen = values.to_pylist()
    return len(set(seen)) / len(seen) if seen else 1.0


def test_distinct_share_counts_as_a_set_of_the_sampled_values() -> None:
    rng = random.Random(9)
    for n in (0, 1, 5, 100, 2048, 2049, 7000):
        for kind in (pa.string(), pa.large_string()):
            values = [None if rng.random() < 0.1 else str(rng.randint(0, n // 3 + 1))
                      for _ in range(n)]
            arr = pa.array(values, kind)
            for a in (arr, arr.slice(n // 4)):
                for sample in (16, 2048):
                    assert distinct_share(a, sample) == _share_reference(a, sample)
    assert distinct_share(pa.nulls(10, pa.string())) == 0.1


def _keys_reference(system: list[str | None], prompt: list[str | None]) -> list[str | None]:
    """Row by row: the key of "system template \\x1e prompt template", null when neither."""
    sys_tpl, _item, _slot = template_columns(prepare_text(pa.array(system, pa.string())))
    prompt_tpl, _item, _slot = template_columns(prepare_text(pa.array(prompt, pa.string())))
    out: list[str | None] = []
    for s, p in zip(sys_tpl.to_pylist(), prompt_tpl.to_pylist(), strict=True):
        out.append(None if s is None and p is None
                   else sketch.stable_key(f"{s or ''}\x1e{p or ''}"))
    return out


@pytest.mark.parametrize("rows", [1, 7, 900, 3000])
@pytest.mark.parametrize("distinct_prompts", [False, True])
def test_template_keys_per_distinct_pair_equal_row_by_row(
    rows: int, distinct_prompts: bool
) -> None:
    rng = random.Random(rows * 2 + distinct_prompts)
    systems = [None, "", "You are a helpful assistant.", "You are a grader. Be strict.",
               "Answer in JSON.", "   "]
    templates = ["Solve this step by step: {q}", "{q}\n\nExplain your reasoning.",
                 "Question: {q}\nAnswer: let's think step by step.", "{q}", "   ", ""]
    items = ["what is 2+2?", "name a river", "3 apples and 4 pears", "日本語のテキスト"]
    system = [rng.choice(systems) for _ in range(rows)]
    prompt: list[str | None] = []
    for i in range(rows):
        if rng.random() < 0.05:
            prompt.append(None)
            continue
        item = rng.choice(items) + (f" #{i} {rng.random()}" if distinct_prompts else "")
        text = rng.choice(templates).replace("{q}", item)
        # Free-form prompts (no slot: the template is the whole prompt, all distinct).
        prompt.append(f"tell me about topic {i} and {rng.random()}" if distinct_prompts
                      and rng.random() < 0.95 else text)
    key, _item = sketch._template_keys(
        prepare_text(pa.array(system, pa.string())), prepare_text(pa.array(prompt, pa.string()))
    )
    assert key.to_pylist() == _keys_reference(system, prompt)


# The two RE2 passes char_words replaces (the sketch's words of non-ASCII texts).
_CHAR_WORD_SCRIPTS = (
    r"([\x{0e00}-\x{0e7f}\x{3040}-\x{30ff}\x{31f0}-\x{31ff}\x{3400}-\x{4dbf}"
    r"\x{4e00}-\x{9fff}\x{f900}-\x{faff}\x{ff66}-\x{ff9d}\x{20000}-\x{2ffff}])"
)
_UNICODE_SPACES = (
    r"[\x{85}\x{a0}\x{1680}\x{2000}-\x{200b}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]"
)


def _char_words_reference(texts: pa.Array) -> pa.Array:
    out = pc.replace_substring_regex(texts, _CHAR_WORD_SCRIPTS, " \\1 ")
    return pc.replace_substring_regex(out, _UNICODE_SPACES, " ")


def test_char_words_matches_the_regex_passes() -> None:
    rng = random.Random(17)
    # Every range edge (inside and just outside), other scripts, 1-4 byte characters.
    edges = [0x0E00, 0x3040, 0x31F0, 0x3400, 0x4E00, 0xF900, 0xFF66, 0x20000,
             0x85, 0xA0, 0x1680, 0x2000, 0x2028, 0x202F, 0x205F, 0x3000]
    ends = [0x0E7F, 0x30FF, 0x31FF, 0x4DBF, 0x9FFF, 0xFAFF, 0xFF9D, 0x2FFFF, 0x200B, 0x2029]
    points = sorted({c + d for c in edges + ends for d in (-1, 0, 1)} - set(range(0xD800, 0xE000)))
    alphabet = [chr(c) for c in points] + list("ab Z9.,\t\n") + ["é", "Ж", "日", "😀", "\x7f"]
    texts: list[str | None] = [None, "", "plain ascii", "日本語", "\u3000\u00a0x"]
    for _ in range(3000):
        texts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))))
    arr = pa.array(texts, pa.string())
    for a in (arr, arr.slice(7, 500)):
        assert char_words(a).equals(_char_words_reference(a))

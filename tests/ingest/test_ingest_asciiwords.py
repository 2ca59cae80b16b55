"""The one-pass ASCII word kernel gives the MinHash and language of the Arrow path."""

from __future__ import annotations

import random

import pyarrow as pa

from distillwatch.ingest import sketch
from distillwatch.ingest.template import prepare_text

PIECES = [
    "the", "The", "AND", "de", "la", "el", "der", "und", "het", "le", "qui", "il", "o", "e",
    "Solve", "step", "by", "step:", "(a)", "x=3", "42", "3.14", "--", "!!", "...", '"quoted"',
    "'tis", "_under_", "[tag]", "{json}", "a/b", "@user", "#hash", "e-mail", "C++", "^_^",
    "\t", "\n", "\r\n", "\v", "\f", "  ", " ", "", "Zebra", "ÉTÉ", "日本語", "naïve", "Ж",
]


def _texts(rng: random.Random, n: int) -> list[str | None]:
    out: list[str | None] = []
    for _ in range(n):
        k = rng.randint(0, 60)
        if rng.random() < 0.05:
            out.append(None)
            continue
        words = [rng.choice(PIECES) for _ in range(k)]
        out.append(" ".join(words) if rng.random() < 0.8 else "".join(words))
    return out


def test_ascii_kernel_matches_the_arrow_path() -> None:
    rng = random.Random(5)
    for size in (0, 1, 7, 300, 3000):
        prompts = prepare_text(pa.array(_texts(rng, size), pa.string()))
        got_minhash, got_lang = sketch._minhash_lang(prompts)
        want_minhash, want_lang = sketch._minhash_lang_unicode(prompts)
        assert got_minhash.equals(want_minhash)
        assert got_lang.equals(want_lang)
        # A slice (non-zero offset) reads the right bytes too.
        if size > 2:
            part = prompts.slice(1, size - 2)
            assert sketch._minhash_lang(part)[0].equals(sketch._minhash_lang_unicode(part)[0])


def test_ascii_kernel_finds_stopwords_and_undetermined() -> None:
    prompts = prepare_text(
        pa.array(["What is the capital of France?", "x7 y8 z9", "42 17", "le chat et la"])
    )
    _minhash, lang = sketch._minhash_lang(prompts)
    assert lang.to_pylist() == ["en", "und", "und", "fr"]
    assert lang.to_pylist() == sketch._minhash_lang_unicode(prompts)[1].to_pylist()

"""Surface perturbations of generated examples (paraphrase operators).

A linear model over n-grams latches onto the exact phrasing of the families it was trained
on. Perturbing the surface - dropped words, typos, casing, politeness, markdown framing,
flattened line breaks - forces it to spread weight over more of an intent's vocabulary,
which is what carries over to wordings it has never seen. The operators are applied to
distillation and benign examples alike, so none of them becomes a label cue by itself.
"""

from __future__ import annotations

import random

_CJK = ("zh", "ja")
_POLITE = {
    "en": ("Please ", "Hi! ", "Hey, ", "Quick question: ", "Thanks in advance. ",
           "Could you help? "),
    "zh": ("你好，", "麻烦你，", "请帮忙：", "谢谢！"),
    "ja": ("こんにちは。", "すみません、", "お願いします。"),
    "es": ("Hola, ", "Por favor, ", "Gracias. "),
    "fr": ("Bonjour, ", "S'il te plaît, ", "Merci. "),
    "de": ("Hallo, ", "Bitte: ", "Danke. "),
    "ru": ("Привет! ", "Пожалуйста, ", "Спасибо. "),
    "pt": ("Olá, ", "Por favor, ", "Obrigado. "),
}
_FRAMES = ("### Instruction\n{t}", "**Task:** {t}", "- {t}", "> {t}", "{t}\n\nThanks!",
           "User: {t}", "\"{t}\"", "[{t}]")


def _drop_words(text: str, rng: random.Random, lang: str) -> str:
    if lang in _CJK:
        return "".join(c for c in text if rng.random() > 0.06)
    words = text.split(" ")
    if len(words) < 4:
        return text
    return " ".join(w for w in words if rng.random() > 0.12)


def _typos(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        if len(chars) < 4:
            break
        i = rng.randrange(len(chars) - 1)
        if chars[i].isalpha() and chars[i + 1].isalpha():
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def perturb(text: str, lang: str, rng: random.Random) -> str:
    """``text`` with one or two random surface perturbations."""
    for _ in range(rng.choice((1, 1, 2))):
        op = rng.randrange(6)
        if op == 0:
            text = _drop_words(text, rng, lang)
        elif op == 1 and lang not in _CJK:
            text = _typos(text, rng)
        elif op == 2:
            text = rng.choice(_POLITE.get(lang, _POLITE["en"])) + text
        elif op == 3:
            text = rng.choice(_FRAMES).format(t=text)
        elif op == 4:
            text = text.replace("\n", " ")
        elif op == 5:
            text = text.upper() if rng.random() < 0.3 else text.lower()
    return text

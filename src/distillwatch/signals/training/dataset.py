"""Labelled examples for the intent classifier, generated from the wording families.

Every example records its family, language and split. The split comes from the task item it
wraps (or, for wordings without an item, from a hash of the text), so a test item never
appears in training; leave-one-family-out evaluation additionally drops whole families.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from distillwatch.signals.training.benign import BENIGN_FAMILIES, INTL_BENIGN_FAMILIES, TEXTS
from distillwatch.signals.training.benign_en2 import BENIGN_EN2_FAMILIES
from distillwatch.signals.training.benign_intl_lookalikes import INTL_LOOKALIKE_FAMILIES
from distillwatch.signals.training.benign_more_langs import MORE_LANG_BENIGN_FAMILIES
from distillwatch.signals.training.expand import sample
from distillwatch.signals.training.families import (
    EN_FAMILIES,
    POSTHOC,
    RUBRIC,
    RUBRICS,
    TOPICS_EN,
    Family,
)
from distillwatch.signals.training.families_ar_hi_c import AR_HI_C_FAMILIES
from distillwatch.signals.training.families_en2 import EN2_FAMILIES
from distillwatch.signals.training.families_extra import EXTRA_FAMILIES
from distillwatch.signals.training.families_id_pl import (
    ID_PL_ANSWER_WORDS,
    ID_PL_FAMILIES,
    ID_PL_TOPICS,
)
from distillwatch.signals.training.families_intl import INTL_FAMILIES, TOPICS
from distillwatch.signals.training.families_ko_c import KO_C_FAMILIES
from distillwatch.signals.training.families_more_langs import (
    MORE_LANG_ANSWER_WORDS,
    MORE_LANG_FAMILIES,
    MORE_LANG_TOPICS,
)
from distillwatch.signals.training.families_more_langs_b import MORE_LANG_B_FAMILIES
from distillwatch.signals.training.families_register import REGISTER_FAMILIES
from distillwatch.signals.training.families_tr_vi import (
    TR_VI_ANSWER_WORDS,
    TR_VI_FAMILIES,
    TR_VI_TOPICS,
)
from distillwatch.signals.training.families_tr_vi_id_pl_c import TR_VI_ID_PL_C_FAMILIES
from distillwatch.signals.training.paraphrase import perturb
from distillwatch.signals.training.tasks import Item, TaskPool, split_of

ALL_FAMILIES: tuple[Family, ...] = (
    *EN_FAMILIES,
    *INTL_FAMILIES,
    *EXTRA_FAMILIES,
    *BENIGN_FAMILIES,
    *INTL_BENIGN_FAMILIES,
    *INTL_LOOKALIKE_FAMILIES,
    *REGISTER_FAMILIES,
    *MORE_LANG_FAMILIES,
    *MORE_LANG_B_FAMILIES,
    *MORE_LANG_BENIGN_FAMILIES,
    *TR_VI_FAMILIES,
    *ID_PL_FAMILIES,
    *KO_C_FAMILIES,
    *AR_HI_C_FAMILIES,
    *TR_VI_ID_PL_C_FAMILIES,
)
# The second set of English families and their look-alikes (``families_en2``,
# ``benign_en2``): opt-in (``train_intent.py --en2``). Measured on the dev loop, adding them
# lowered leave-families-out recall at 0.5-2% FP while raising the earlier English
# families' (docs/signals.md, "Round 3"), so the default training set stays without them.
EN2_SET: tuple[Family, ...] = (*EN2_FAMILIES, *BENIGN_EN2_FAMILIES)
COUNTS = (3, 5, 8, 10, 12, 15, 20, 25, 30, 50, 100, 200, 500)
_BENIGN_SYSTEMS = (
    "You are a helpful assistant.",
    "You are ChatGPT, a large language model. Answer as concisely as possible.",
    "You are a helpful, respectful and honest assistant.",
    "Always answer in the user's language.",
)
_SEPARATORS = ("\n\n", "\n", " ", "\n\n---\n\n", "\n\nQuestion: ", "\n\nProblem:\n")
_ANSWER_WORDS = {
    "zh": "答案是{x}。", "ja": "答えは{x}です。", "es": "La respuesta es {x}.",
    "fr": "La réponse est {x}.", "de": "Die Antwort ist {x}.", "ru": "Ответ: {x}.",
    "pt": "A resposta é {x}.", "en": "The answer is {x}.",
    **MORE_LANG_ANSWER_WORDS,
    **TR_VI_ANSWER_WORDS,
    **ID_PL_ANSWER_WORDS,
}
_TOPICS = {**TOPICS, **MORE_LANG_TOPICS, **TR_VI_TOPICS, **ID_PL_TOPICS}


@dataclass(frozen=True)
class Example:
    """One labelled request: prompt, optional system prompt, intent label and provenance."""

    prompt: str
    system: str | None
    label: str
    family: str
    lang: str
    split: str


def _items_for(pool: TaskPool, lang: str, split: str) -> tuple[list[Item], list[Item], list[Item]]:
    """(English items with a reference answer, all English items, native items of ``lang``)."""
    english = [i for i in pool.of(split) if i.lang == "en"]
    english += list(pool.benign(split))  # real prompts as the task being harvested
    native = pool.of(split, lang=lang) if lang != "en" else []
    return [i for i in english if i.answer], english, native


def _fill(family: Family, pattern: str, item: Item, rng: random.Random, lang: str) -> str:
    answer = item.answer or str(rng.randint(2, 500))
    response = item.solution or _ANSWER_WORDS.get(lang, _ANSWER_WORDS["en"]).format(x=answer)
    topics = _TOPICS.get(lang, TOPICS_EN)
    fields = {
        "task": item.question,
        "question": item.question,
        "answer": answer,
        "response": response[:600],
        "n": str(rng.choice(COUNTS)),
        "topic": rng.choice(topics),
        "rubric": rng.choice(RUBRICS),
        "text": rng.choice(TEXTS) if rng.random() < 0.4 else item.question,
    }
    return pattern.format(**fields)


def _one(family: Family, item: Item, rng: random.Random) -> tuple[str, str | None]:
    """(prompt, system prompt) of one example of ``family`` around ``item``."""
    pattern = sample(rng.choice(family.patterns), rng)
    if family.kind == "slots":
        text = _fill(family, pattern, item, rng, family.lang)
        if family.placements == ("system",):
            return item.question, text
        system = rng.choice(_BENIGN_SYSTEMS) if rng.random() < 0.15 else None
        return text, system
    placement = rng.choice(family.placements)
    sep = rng.choice(_SEPARATORS)
    if placement == "system":
        return item.question, pattern
    if placement == "prefix":
        prompt = pattern + sep + item.question
    elif placement == "suffix":
        prompt = item.question + sep + pattern
    else:
        prompt = pattern + sep + item.question + sep + sample(rng.choice(family.patterns), rng)
    system = rng.choice(_BENIGN_SYSTEMS) if rng.random() < 0.15 else None
    return prompt, system


# every language's benign twin frame is its ``xx_ben`` family (a new language needs no edit)
_TWIN_FRAMES = {f.lang: f for f in ALL_FAMILIES if f.id.endswith("_ben")}
_TWIN_FRAMES["en"] = next(f for f in BENIGN_FAMILIES if f.id == "en_ben_plain")
_WORK_FRAME = (
    "{question}\n\n(My (attempt|answer|work) so far|Here is what I (did|tried)|I (wrote|got)):"
    " {response}\n(Where did I go wrong?|Is this right?|I'm not sure about the last step.|"
    "Can you help me finish it?)"
)


def _twin(family: Family, item: Item, rng: random.Random) -> tuple[str, str | None]:
    """A benign request about the same item: only the distillation wording differs."""
    if family.label in (POSTHOC, RUBRIC) and item.solution:
        # The distillation prompt quotes a solution: so does its twin (numbers and worked
        # steps must not themselves read as grading or rationale requests).
        return _fill(family, sample(_WORK_FRAME, rng), item, rng, "en"), None
    frames = _TWIN_FRAMES.get(item.lang, _TWIN_FRAMES["en"])
    prompt = _fill(frames, sample(rng.choice(frames.patterns), rng), item, rng, item.lang)
    return prompt, (rng.choice(_BENIGN_SYSTEMS) if rng.random() < 0.15 else None)


def family_examples(
    family: Family,
    pool: TaskPool,
    *,
    per_family: int,
    seed: int = 0,
    twins: bool = True,
    perturb_share: float = 0.0,
) -> list[Example]:
    """``per_family`` examples of ``family`` spread over the splits like their items.

    With ``twins``, each distillation example built around a task item comes with a benign
    twin about the same item (family ``<id>~twin``), so item content carries no label.
    """
    rng = random.Random(f"{seed}:{family.id}")
    out: list[Example] = []
    needs_answer = family.label in (POSTHOC, RUBRIC)
    uses_item = any("{" in p for p in family.patterns) or family.kind == "task"
    for split, share in (("train", 0.45), ("calib", 0.15), ("test", 0.40)):
        answered, english, native = _items_for(pool, family.lang, split)
        for _ in range(max(1, round(per_family * share))):
            # Non-English wordings wrap native items half of the time, English ones otherwise.
            if native and rng.random() < 0.5:
                item = rng.choice(native)
            else:
                item = rng.choice(answered if needs_answer else english)
            prompt, system = _one(family, item, rng)
            if rng.random() < perturb_share:
                prompt = perturb(prompt, family.lang, rng)
            # Wordings without an item are split by their own text: a duplicate of a test
            # wording must not sit in training.
            ex_split = split if uses_item else split_of(prompt + (system or ""))
            out.append(Example(prompt, system, family.label, family.id, family.lang, ex_split))
            if twins and uses_item and family.label != "benign":
                t_prompt, t_system = _twin(family, item, rng)
                if rng.random() < perturb_share:
                    t_prompt = perturb(t_prompt, item.lang, rng)
                out.append(Example(t_prompt, t_system, "benign", family.id + "~twin",
                                   item.lang, split))
    return out


PERTURB_SHARE = 0.0
EVAL_FAMILIES = ("real_alpaca", "real_self_instruct", "real_gsm8k", "real_arc")


def real_benign_examples(pool: TaskPool, *, variants: int = 2, seed: int = 0) -> list[Example]:
    """The real benign prompts (AlpacaEval, Self-Instruct) and GSM8K/ARC questions, plain.

    Each real user prompt also gets ``variants`` reworded copies (family ``real_aug``: a
    benign framing, a benign system prompt, or only its opening), which widen the benign
    side without new sources. Evaluation uses the plain prompts (``EVAL_FAMILIES``) only.
    """
    rng = random.Random(f"{seed}:real")
    out = [Example(i.question, None, "benign", f"real_{i.source}", "en", i.split)
           for i in pool.real_benign]
    out += [Example(i.question, None, "benign", f"real_{i.source}", "en", i.split)
            for i in pool.items if i.source in ("gsm8k", "arc")]
    frames = _TWIN_FRAMES["en"]
    for item in pool.real_benign:
        for _ in range(variants):
            roll = rng.random()
            if roll < 0.4:
                prompt = _fill(frames, sample(rng.choice(frames.patterns), rng), item, rng, "en")
                system = None
            elif roll < 0.7:
                prompt, system = item.question, rng.choice(_BENIGN_SYSTEMS)
            else:
                cut = max(40, int(len(item.question) * rng.uniform(0.3, 0.8)))
                prompt, system = item.question[:cut], None
            out.append(Example(prompt, system, "benign", "real_aug", "en", item.split))
    return out


def build_examples(
    pool: TaskPool,
    *,
    families: Iterable[Family] = ALL_FAMILIES,
    per_family: int = 400,
    benign_per_family: int = 600,
    seed: int = 0,
    perturb_share: float = PERTURB_SHARE,
) -> list[Example]:
    """Every generated example plus the real benign prompts."""
    out: list[Example] = []
    for fam in families:
        n = benign_per_family if fam.label == "benign" else per_family
        out.extend(family_examples(fam, pool, per_family=n, seed=seed,
                                   perturb_share=perturb_share))
    out.extend(real_benign_examples(pool))
    return out


def texts_of(examples: Sequence[Example], *, clip_chars: int) -> list[str]:
    """The classifier's input text of each example (same rule as at inference)."""
    from distillwatch.signals.features import request_text

    return [request_text(e.prompt, e.system, clip_chars=clip_chars) for e in examples]

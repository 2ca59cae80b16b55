"""Benign prompts from OpenAI's evals registry (the `evals` wheel, MIT): optional training data.

The registry's data files (``evals/registry/data/**/*.jsonl``, ~1M chat-format rows in
~470 task datasets, many languages) are real prompts written by hundreds of people for
exam questions, translation, classification, extraction, puzzles and format-following: the
everyday wording the real benign set of ``../shared/data`` (3,190 test prompts, English only)
has too little of. They are read straight from the wheel (never unpacked, no code of it run):

    pip download evals==3.0.1.post1 --no-deps -d /tmp/evalsdl
    .venv/bin/python scripts/train_intent.py --evals /tmp/evalsdl/evals-3.0.1.post1-py3-none-any.whl

**What is kept, and why (labels).** An eval harness's system prompt often *is* a
chain-of-thought request ("Provide your reasoning first and then provide the correct choice
letter enclosed in square brackets"): by wording that is distillation-like, so it must not be
taught as benign. One request per row: the first system message (if any) and the last user
message (the question; earlier turns are few-shot examples). A row is dropped when

- its request (that system and user message; few-shot turns are not part of it) has
  wording of a distillation intent - reasoning, explanation,
  step-by-step working, the model's thinking, grading or scoring, many examples or a
  dataset - in English or the seven other languages the families use (``distillation_like``,
  deliberately broad: "What do you think", "rate", "generate 5" go too; data is plentiful, a
  mislabelled row is not), or
- its request shares six words in a row with a wording of the distillation families (every
  family of ``families*.py``, the opt-in ``--en2`` ones included) that no benign look-alike
  family has (``FamilyPhrases``): so no held-out family's own wording enters as benign.

**Sample (deterministic, capped).** Rows are ranked per data file by a seeded hash of their
bytes and read in that order until ``per_file`` are kept (big files are not parsed whole);
duplicate requests (case and spacing ignored) are kept once. Each *dataset* (folder under
``registry/data``) is assigned whole to a split by a stable hash of its name, so one harness's
template never sits on both sides: ``train`` rows are training data (at most ``train_cap``),
``calib`` rows join the temperature fit, ``test`` rows (at most ``measure_cap``) are a
separate false-positive measure, reported apart from the real benign prompts of
``../shared/data`` (the FP budget every recall figure is taken at stays those prompts).
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

from distillwatch.exceptions import InputError
from distillwatch.signals.training.expand import sample
from distillwatch.signals.training.families import Family
from distillwatch.signals.training.tasks import split_of

DATA_PREFIX = "evals/registry/data/"
FAMILY = "evals"  # the family name of every evals example (benign)
LANG = "mul"  # many languages; the per-language recall tables count attack families only

# Negated requests ("answer without explanation", "do not explain") are the opposite of
# chain-of-thought elicitation: they are cut out before the test. Only explanation and
# comment words, at most one filler word away ("don't summarise your reasoning" stays in).
_NEGATED = re.compile(
    r"\b(?:no|without|not|don'?t|never)\s+(?:(?:any|an|further|additional|extra|other|more|"
    r"the)\s+)?(?:explanations?|explain|explaining|comments?|commentary)\b",
    re.IGNORECASE,
)
# Every intent's wording, not only reasoning: asks for reasoning or explanation (CoT,
# post-hoc), for the model's thinking (exposure), grading and scoring (rubric), or for many
# examples, datasets and variants (synthetic data).
_DISTILLATION_LIKE = (
    (
        # English: reasoning, explanation, thinking
        r"step[- ]by[- ]step", r"\bstep\W+\w*\W*step", r"reason", r"rationale", r"justif",
        r"chain[- ]of[- ]thought", r"\bcot\b", r"thought", r"\bthink", r"scratch ?pad",
        r"explain", r"explanation", r"\byour (?:work|working|logic|steps|analysis|approach|"
        r"process)", r"\bshow\w* (?:your|the|all|each|every) (?:work|working|steps?|"
        r"calculations?|derivation)", r"walk (?:me |us )?through", r"derivation", r"deduc",
        r"\bwork(?:ing)? (?:it )?out\b", r"before (?:giving|answering|you answer|responding|"
        r"providing)", r"\bfirst,? (?:analy[sz]e|consider|reflect)", r"monologue", r"reflect",
        r"hidden", r"internal", r"private", r"verbatim", r"\bleak", r"\braw\b",
        # grading
        r"\brat(?:e|ing) (?:this|the|each|these|it|them|how|its|their|on|from)\b",
        r"\bscor(?:e|ing)\b", r"\bgrad(?:e|ing|er)\b", r"rubric", r"evaluat", r"assess",
        r"\bjudg", r"critique", r"(?:better|best|worse) (?:answer|response|reply|completion)",
        r"scale (?:of|from)", r"out of (?:5|10|100)\b", r"likert",
        # synthetic data
        r"\b(?:generate|create|write|produce|make|give me|list|compose|draft)\s+(?:\w+\s+)?"
        r"\d+", r"\d+\s+(?:\w+\s+)?(?:more|new|additional|different|similar|other|unique|"
        r"diverse|varied)\b", r"\b(?:more|new|additional|similar) (?:examples|samples|questions|"
        r"problems|pairs|variants|variations|prompts|instructions)", r"dataset", r"data set",
        r"training data", r"synthetic", r"fine[- ]?tun", r"jsonl", r"paraphras", r"variation",
        r"\bvariants?\b", r"distill", r"teacher", r"\bsamples?\b", r"prefer", r"reward",
        r"\brank", r"helpful", r"reformul", r"rewrite", r"rephras", r"phrasing", r"worked",
        r"at least \d+", r"\d+\s+(?:\w+\s+){0,2}(?:examples|questions|problems|pairs|prompts|"
        r"instructions|conversations|tasks|puzzles|items|ways|times|exercises|dialogues)\b",
        # Chinese / Japanese
        r"步骤", r"一步一步", r"逐步", r"思考", r"推理", r"思路", r"解释", r"解釋", r"理由",
        r"过程", r"過程", r"分析", r"想法", r"评分", r"打分", r"评价", r"評価", r"採点", r"生成",
        r"数据集", r"データセット", r"ステップ", r"段階", r"順を追", r"推論", r"考え", r"説明",
        r"根拠", r"内部", r"隠", r"比较", r"比較", r"より良い",
        # Spanish / Portuguese / French
        r"paso a paso", r"razon", r"explic", r"justific", r"piens", r"pensamiento",
        r"passo a passo", r"racioc", r"pense", r"pensamento", r"étape", r"raisonn", r"expliqu",
        r"réfléch", r"réflexion", r"justifi", r"pensée", r"interne", r"intern[oa]",
        r"evalú", r"califica", r"puntu", r"avali", r"pontu", r"nota de", r"évalu", r"\bnote\b",
        r"genera\s+\d+", r"gere\s+\d+", r"génère", r"sintétic", r"synthétique", r"conjunto de "
        r"datos", r"conjunto de dados", r"jeu de données", r"\d+\s+(?:pares|paires|exemples|"
        r"ejemplos|exemplos|preguntas|perguntas|questions|exercícios|ejercicios|exercices|"
        r"maneras|manières|maneiras)",
        # German / Russian
        r"schritt", r"begründ", r"überleg", r"erklär", r"denk", r"gedanke", r"bewert",
        r"benot", r"punkte", r"beispiele", r"herleit", r"leite", r"datensatz", r"trainingsdat",
        r"erstelle\s+\d+", r"generiere",
        r"шаг", r"рассужд", r"обоснов", r"объясн", r"подума", r"мысл", r"поясн", r"размышл",
        r"оцен", r"балл", r"придума", r"дообуч", r"датасет", r"сгенериру", r"синтетич",
        r"\d+\s+(?:пар|вопрос|пример)",
    )
)
# Most wordings are plain substrings: tested with ``in`` on the lower-cased text; the rest
# as one regex on that text without IGNORECASE (one case-insensitive regex of all ~250
# cost ~2 us per character: minutes over the registry).
_LITERALS = tuple(w.lower() for w in _DISTILLATION_LIKE if re.escape(w) == w.replace(" ", "\\ "))
_PATTERNS = re.compile("|".join(w.lower() for w in _DISTILLATION_LIKE
                                if w.lower() not in _LITERALS))


def distillation_like(text: str) -> bool:
    """True when ``text`` has wording of any distillation intent (deliberately broad)."""
    low = _NEGATED.sub(" ", text).lower()
    return any(w in low for w in _LITERALS) or bool(_PATTERNS.search(low))


_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]|[^\W\d_]+", re.UNICODE)
_SLOT = re.compile(r"\{[a-z_]+\}")


PHRASE_WORDS = 6


def word_ngrams(text: str, n: int = PHRASE_WORDS) -> set[tuple[str, ...]]:
    """Word ``n``-grams of lower-cased ``text`` (each CJK character is a word; digits dropped)."""
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@dataclass(frozen=True)
class FamilyPhrases:
    """The word 6-grams of the distillation families' wordings that no benign family uses.

    Six words, not fewer: 4-grams of the families' framing ("respond with only a", "in the
    following format", "あなたは") are everyday harness wording and dropped a third of the
    registry's rows; a six-word run is a family's own phrase."""

    ngrams: frozenset[tuple[str, ...]]

    @classmethod
    def build(cls, attack: Iterable[Family], benign: Iterable[Family], *,
              per_pattern: int = 40, seed: int = 0) -> FamilyPhrases:
        def grams(families: Iterable[Family]) -> set[tuple[str, ...]]:
            out: set[tuple[str, ...]] = set()
            for fam in families:
                rng = Random(f"{seed}:phrases:{fam.id}")
                for pattern in fam.patterns:
                    for _ in range(per_pattern):
                        # a slot breaks the phrase: n-grams never span a task item
                        for piece in _SLOT.split(sample(pattern, rng)):
                            out |= word_ngrams(piece)
            return out

        return cls(frozenset(grams(attack) - grams(benign)))

    def hit(self, text: str) -> bool:
        return not self.ngrams.isdisjoint(word_ngrams(text))


@dataclass(frozen=True)
class EvalsPrompt:
    """One request of the evals registry: its data file, prompt and system prompt."""

    dataset: str  # folder under registry/data (the unit of the split)
    prompt: str
    system: str | None
    split: str


@dataclass
class EvalsStats:
    """What reading the registry kept and dropped (reported with every run)."""

    files: int = 0
    rows: int = 0
    read: int = 0  # rows parsed (rows beyond a file's cap are never parsed)
    not_chat: int = 0
    distillation_like: int = 0
    family_phrase: int = 0
    duplicate: int = 0
    kept: Counter[str] = field(default_factory=Counter)  # per split, after the caps
    datasets: Counter[str] = field(default_factory=Counter)  # per split

    def as_dict(self) -> dict[str, object]:
        return {"files": self.files, "rows": self.rows, "read": self.read,
                "dropped_not_chat": self.not_chat,
                "dropped_distillation_like": self.distillation_like,
                "dropped_family_phrase": self.family_phrase,
                "dropped_duplicate": self.duplicate,
                "kept": dict(self.kept), "datasets": dict(self.datasets)}


def _key(seed: int, data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=8, key=f"evals:{seed}".encode()).digest()


def _request(row: object) -> tuple[str, str | None] | None:
    """(last user message, first system message) of a chat row, else None."""
    if not isinstance(row, dict) or not isinstance(row.get("input"), list):
        return None
    msgs = [m for m in row["input"] if isinstance(m, dict) and isinstance(m.get("content"), str)]
    users = [m["content"] for m in msgs if m.get("role") == "user" and m["content"].strip()]
    if not users:
        return None
    systems = [m["content"] for m in msgs if m.get("role") == "system" and m["content"].strip()]
    return users[-1], (systems[0] if systems else None)


def _file_rows(zf: zipfile.ZipFile, name: str, *, per_file: int, seed: int,
               phrases: FamilyPhrases | None, seen: set[str],
               stats: EvalsStats) -> Iterator[tuple[str, str | None]]:
    lines = [ln for ln in zf.read(name).splitlines() if ln.strip()]
    stats.rows += len(lines)
    kept = 0
    for line in sorted(lines, key=lambda ln: _key(seed, ln)):
        if kept >= per_file:
            break
        stats.read += 1
        try:
            req = _request(json.loads(line))
        except ValueError:
            req = None
        if req is None:
            stats.not_chat += 1
            continue
        prompt, system = req
        if distillation_like(prompt) or (system and distillation_like(system)):
            stats.distillation_like += 1
            continue
        if phrases is not None and (phrases.hit(prompt) or (system and phrases.hit(system))):
            stats.family_phrase += 1
            continue
        norm = " ".join((system or "").lower().split()) + "\x00" + " ".join(
            prompt.lower().split())
        if norm in seen:
            stats.duplicate += 1
            continue
        seen.add(norm)
        kept += 1
        yield prompt, system


def evals_prompts(
    wheel: Path,
    *,
    per_file: int = 100,
    train_cap: int = 20_000,
    measure_cap: int = 10_000,
    seed: int = 0,
    phrases: FamilyPhrases | None = None,
) -> tuple[list[EvalsPrompt], EvalsStats]:
    """A capped, deterministic sample of benign evals requests (see the module docstring)."""
    try:
        zf = zipfile.ZipFile(wheel)
    except (OSError, zipfile.BadZipFile) as exc:
        raise InputError(f"{wheel}: not a readable evals wheel ({exc})") from exc
    stats = EvalsStats()
    out: list[EvalsPrompt] = []
    seen: set[str] = set()
    with zf:
        names = sorted(n for n in zf.namelist()
                       if n.startswith(DATA_PREFIX) and n.endswith(".jsonl"))
        if not names:
            raise InputError(f"{wheel}: no {DATA_PREFIX}**/*.jsonl in it (not an evals wheel?)")
        for name in names:
            stats.files += 1
            dataset = name[len(DATA_PREFIX):].split("/")[0]
            split = split_of(f"evals:{dataset}")
            for prompt, system in _file_rows(zf, name, per_file=per_file, seed=seed,
                                             phrases=phrases, seen=seen, stats=stats):
                out.append(EvalsPrompt(dataset, prompt, system, split))
    # calib rows only join the temperature fit: in proportion to the training rows (none
    # when evals are a measure only, so the model is then unchanged)
    caps = {"train": train_cap, "calib": train_cap // 3, "test": measure_cap}
    chosen: list[EvalsPrompt] = []
    for split in ("train", "calib", "test"):
        rows = sorted((p for p in out if p.split == split),
                      key=lambda p: _key(seed, f"{p.system}\x00{p.prompt}".encode()))
        rows = rows[: caps[split]]
        stats.kept[split] = len(rows)
        stats.datasets[split] = len({p.dataset for p in rows})
        chosen += rows
    return chosen, stats

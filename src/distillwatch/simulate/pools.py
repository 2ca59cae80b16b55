"""String pools: every text value of the output is an index into one Arrow string array.

Events never hold Python strings: a prompt is ``pool[a] + pool[i] + pool[b] + pool[j] +
pool[c]`` (template prefix, task item, middle, answer, suffix), joined by Arrow in C++.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from distillwatch.simulate import tasks, textdata
from distillwatch.simulate.templates import ATTACK_SYSTEM_PROMPTS, wordings

TACTIC_NAMES: tuple[str, ...] = ("cot", "rationale", "rubric", "logprob", "reveal", "synth",
                                 "agentic")
LANGUAGES: tuple[str, ...] = ("en", "zh", "es", "ru", "de", "fr", "ja", "ko", "pt")
TASK_POOLS: tuple[str, ...] = ("math", "science", "coding", "agentic")
EVAL_FORMATS: dict[str, list[tuple[str, str]]] = {
    # lm-eval-harness style formats: (prefix, suffix) around the item
    "math": [("Question: ", "\nAnswer: Let's think step by step."), ("Q: ", "\nA:"),
             ("Solve the following math problem. Put the final answer after ####.\n\n", ""),
             ("Question: ", "\nAnswer:")],
    "science": [("Question: ", "\nAnswer:"),
                ("The following is a multiple choice question about science. Answer with the "
                 "letter of the correct option.\n\n", "\nAnswer:")],
    "coding": [("Complete the following task. Return only code.\n\n", ""),
               ("", "\n\nRespond with a single code block.")],
}


class PoolBuilder:
    """Collects named string ranges into one array; index 0 is the empty string."""

    def __init__(self) -> None:
        self._strings: list[str] = [""]
        self.ranges: dict[str, tuple[int, int]] = {}

    def add(self, name: str, strings: list[str]) -> tuple[int, int]:
        off = len(self._strings)
        self._strings.extend(strings)
        self.ranges[name] = (off, len(strings))
        return off, len(strings)

    def build(self) -> pa.Array:
        return pa.array(self._strings, type=pa.string())


@dataclass(frozen=True)
class TextPools:
    """The global text pool and the named ranges inside it."""

    strings: pa.Array
    ranges: dict[str, tuple[int, int]]
    wording_counts: dict[str, int]  # "tactic:lang" -> number of wordings
    source: str

    def range(self, name: str) -> tuple[int, int]:
        return self.ranges[name]


def _real_instructions(data_dir: Path | None) -> list[str]:
    if data_dir is None:
        return []
    out: list[str] = []
    for name in ("benign_alpaca_eval.jsonl", "benign_self_instruct.jsonl"):
        path = data_dir / "prompts" / name
        if path.is_file():
            with path.open(encoding="utf-8") as fh:
                out.extend(str(json.loads(ln)["prompt"]) for ln in fh if ln.strip())
    return out


def build_text_pools(*, seed: int, data_dir: Path | None, real_share: float,
                     items_per_pool: int, paraphrases: int = 240) -> TextPools:
    """Generate every prompt, item, wording, system prompt and response stub once."""
    rnd = random.Random(seed)
    b = PoolBuilder()
    real = _real_instructions(data_dir)
    chat = textdata.generate(textdata.CHAT, 4000, rnd)
    if real and real_share > 0:
        n_real = int(len(chat) * real_share / max(1e-9, 1 - real_share)) if real_share < 1 \
            else len(chat)
        chat = chat + [real[i % len(real)] for i in range(min(n_real, len(real)))]
    b.add("chat", chat)
    b.add("followup", list(textdata.FOLLOWUP))
    b.add("coding", textdata.generate(textdata.CODING, 2000, rnd))
    b.add("agent_task", textdata.generate(textdata.AGENT, 1500, rnd))
    b.add("support", textdata.generate(textdata.SUPPORT, 2000, rnd))
    b.add("synth_data", textdata.generate(textdata.SYNTH_DATA, 1000, rnd))
    b.add("batch_prefix", list(textdata.BATCH_PREFIX))
    b.add("doc", list(dict.fromkeys(textdata.document(rnd) for _ in range(4000))))
    b.add("sys_chat", textdata.generate(textdata.SYSTEM_CHAT, 60, rnd))
    b.add("sys_coding", textdata.generate(textdata.SYSTEM_CODING, 40, rnd))
    b.add("sys_agent", textdata.generate(textdata.SYSTEM_AGENT, 30, rnd))
    b.add("sys_support", textdata.generate(textdata.SYSTEM_SUPPORT, 30, rnd))
    b.add("sys_batch", list(textdata.SYSTEM_BATCH))
    b.add("sys_eval", list(textdata.SYSTEM_EVAL))
    b.add("sys_synth", textdata.generate(textdata.SYSTEM_SYNTH, 20, rnd))
    for kind, stubs in textdata.RESPONSES.items():
        b.add(f"resp:{kind}", list(stubs))
    for pool in TASK_POOLS:
        k = items_per_pool if pool in ("math", "science") else items_per_pool // 2
        items = tasks.task_items(pool, k, rnd=rnd, data_dir=data_dir, real_share=0.5)
        b.add(f"item:{pool}", [q for q, _ in items])
        b.add(f"answer:{pool}", [a for _, a in items])
    for pool, fmts in EVAL_FORMATS.items():
        b.add(f"evalpre:{pool}", [p for p, _ in fmts])
        b.add(f"evalsuf:{pool}", [s for _, s in fmts])
    counts: dict[str, int] = {}
    for tactic in TACTIC_NAMES:
        b.add(f"sys_attack:{tactic}", ATTACK_SYSTEM_PROMPTS[tactic])
        for lang in LANGUAGES:
            ws = wordings(tactic, lang, rnd=rnd, paraphrases=paraphrases)
            rnd.shuffle(ws)
            b.add(f"w_pre:{tactic}:{lang}", [w[0] for w in ws])
            b.add(f"w_mid:{tactic}:{lang}", [w[1] for w in ws])
            b.add(f"w_suf:{tactic}:{lang}", [w[2] for w in ws])
            counts[f"{tactic}:{lang}"] = len(ws)
    source = str(data_dir) if data_dir is not None and real else "builtin"
    return TextPools(strings=b.build(), ranges=dict(b.ranges), wording_counts=counts,
                     source=source)

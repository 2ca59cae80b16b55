"""Warm the default steps in the step workers' fork server (imported there as a preload).

A step worker is forked from the fork server (``ingest/workers.py``). Importing the sketch
and signals modules there spares each worker the imports, but their compiled kernels
(numba, ``cache=True``) are loaded from the on-disk cache on a function's first call, and
the intent model on the first batch: ~0.6-0.8 CPU-s in every worker of every run. Running
the default steps once here, on a small made-up batch that takes every kernel path (ASCII
and non-ASCII prompts, URLs, numbers, lists, repeats; over the 1,024 rows and distinct
strings below which the sketch keeps its regex and ``hashlib`` paths), loads them once in
the server: the workers inherit them with the rest of its memory (shared, copy-on-write).

Importing this module runs :func:`warm` (a preload can only import). It is never imported
anywhere else. A failure here costs only the warm-up: the workers then load what they need
themselves, as before, and the failure is reported by the step itself in the worker.
"""

from __future__ import annotations

import contextlib

import pyarrow as pa

from distillwatch.schema import EVENT_SCHEMA

# Over sketch's thresholds for its kernels (1,024 rows, units and distinct strings).
ROWS = 1_536
_WORDS = (
    *("apple", "river", "engine", "orbit", "matrix", "garden", "signal", "copper"),
    *("violin", "harbor", "lantern", "puzzle", "meadow", "rocket", "silver", "thunder"),
    *("quartz", "falcon", "canyon", "ember", "glacier", "pixel", "tundra", "walnut"),
)
_TEMPLATES = (
    "Solve step by step and show every step of your reasoning: {w} ({n})",
    "You are a grader. Score the following answer from 1 to 10: \"{w}\" {n}",
    "Generate 5 diverse training examples in JSON for the task:\n1. {w}\n2. {w} {n}",
    "Summarise https://example.com/{n}/page and mail me at user{n}@example.org: {w}.",
    "Translate into French. {w}? {n}! Then explain why.",
    "请逐步解答以下问题并给出推理过程: {w} {n}",
    "Résumez ce paragraphe pour un responsable très occupé : {w} — {n}",
    "ช่วยแปลประโยคนี้เป็นภาษาอังกฤษ {w} {n}",
    "Écris une fonction Python qui trie {w}; 「{n}」 です。",
)


def warm_batch(rows: int = ROWS, *, ascii_only: bool = False, repeats: bool = True) -> pa.Table:
    """A made-up batch of normalised events (``EVENT_SCHEMA``) with prompts of every kind
    (``ascii_only``: only the ASCII ones; ``repeats``: some prompts repeated. Batches with
    and without each take different kernel paths)."""
    templates = [t for t in _TEMPLATES if t.isascii()] if ascii_only else _TEMPLATES
    prompts, systems, responses = [], [], []
    for i in range(rows):
        # every 8th row repeats an earlier prompt: the sketch's repeats path
        j = i - 5 if repeats and i % 8 == 7 else i
        words = " ".join(_WORDS[(j * k) % len(_WORDS)] for k in (1, 3, 7, 11))
        prompts.append(templates[j % len(templates)].format(w=words, n=j))
        systems.append(None if i % 5 == 0 else f"You are assistant number {i % 3}.")
        responses.append(f"Step 1: {words}\nAnswer: {i}")
    return _events(prompts, systems, responses)


def paired_batch(rows: int = 2 * ROWS) -> pa.Table:
    """Every prompt (ASCII and not) twice under one system prompt: under the sketch's share
    of distinct (system prompt, prompt) pairs from which it sketches each pair once (its
    kernels then read the distinct prompts, a new writable array: another compiled variant
    than the received batch's read-only buffers)."""
    batch = warm_batch(rows // 2, repeats=False)
    prompts = [p for p in batch.column("prompt").to_pylist() for _ in range(2)]
    responses = [r for r in batch.column("response").to_pylist() for _ in range(2)]
    return _events(prompts, ["You are a helpful assistant."] * len(prompts), responses)


def sentences_batch(rows: int = ROWS) -> pa.Table:
    """Prompts of two short sentences each, all distinct: over 1,024 distinct instruction
    units in one batch, so the template's compiled skeleton view runs."""
    prompts = [
        f"Explain {_WORDS[i % len(_WORDS)]} number {i}. "
        f"Then list {_WORDS[(i * 7) % len(_WORDS)]} facts about it."
        for i in range(rows)
    ]
    return _events(prompts, [None] * rows, [f"Answer: {i}" for i in range(rows)])


def _events(
    prompts: list[str], systems: list[str | None], responses: list[str]
) -> pa.Table:
    """Normalised events (``EVENT_SCHEMA``) with these texts and a few request fields."""
    rows = len(prompts)
    base = pa.table(
        {
            "ts": pa.array([1_740_787_200_000_000 + i for i in range(rows)], pa.int64()),
            "account_id": [f"acct-{i % 40}" for i in range(rows)],
            "request_id": [f"warm-{i}" for i in range(rows)],
            "system_prompt": systems,
            "prompt": prompts,
            "response": responses,
            "reasoning_effort": ["medium" if i % 2 else None for i in range(rows)],
            "temperature": [0.1 * (i % 10) for i in range(rows)],
            "logprobs": [i % 3 == 0 for i in range(rows)],
        }
    )
    columns = []
    for f in EVENT_SCHEMA:
        if f.name in base.column_names:
            columns.append(base.column(f.name).cast(f.type))
        else:
            columns.append(pa.nulls(rows, f.type))
    return pa.Table.from_arrays(columns, schema=EVENT_SCHEMA)


def warm_batches() -> list[pa.Table]:
    """What :func:`warm` runs: between them, every compiled variant the bench's batches and
    the simulator's scenarios (hydra, lowslow) reach in a worker. A variant a worker meets
    that the server has not loaded is loaded (or, after a kernel's source changed, compiled)
    by each worker: compiled, that is seconds in every worker of the first run."""
    return [
        warm_batch(ascii_only=True, repeats=False),
        warm_batch(ascii_only=True, repeats=True),
        warm_batch(ascii_only=False, repeats=True),
        paired_batch(),
        sentences_batch(),
    ]


def warm() -> None:
    """Run the default worker steps (sketch and signals) as a worker does, on each of
    :func:`warm_batches`, received through an IPC stream file as a worker receives its
    batches (read-only buffers: numba compiles those apart from writable ones)."""
    import shutil
    import tempfile

    from distillwatch.ingest.config import IngestConfig
    from distillwatch.ingest.stages import Stages
    from distillwatch.ingest.workers import receive_table, send_table, shared_root

    steps = Stages.load_without_enricher(IngestConfig())
    folder = tempfile.mkdtemp(prefix="distillwatch-warm-", dir=shared_root())
    try:
        for batch in warm_batches():
            steps.columns(receive_table(send_table(batch, folder)), enrich=False)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# A preload that raises would take the fork server down with it: the warm-up is best effort.
with contextlib.suppress(Exception):
    warm()

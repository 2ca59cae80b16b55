"""Speed of text sketching and IP enrichment on one core, beside naive baselines.

Sketching: ``sketch_text`` on batches of distinct prompts (real gsm8k/ARC items wrapped in
harvesting templates plus real benign prompts when ``../shared/data`` exists, generated
sentences otherwise; every prompt is made unique so the repeat shortcut does not flatter the
figure). Baseline: one BLAKE2b hash of each prompt in a Python loop, the cheapest possible
per-prompt Python pass. Enrichment: ``Enricher.enrich_events`` on batches whose client IPs
repeat (a few thousand distinct addresses per 64k rows, as in real logs), beside a naive
per-row ``maxminddb`` lookup of the ASN only.

Times are CPU seconds of this process (``time.process_time``), so other work on a shared
machine does not count; wall time is printed too.

    .venv/bin/python bench/sketch.py
    .venv/bin/python bench/sketch.py --rows 65536 --batches 4
    .venv/bin/python bench/sketch.py --quality   # + template collapse / benign collisions

The sketch step's figure for issue 2 (CPU seconds per 1M events of ``sketch_text`` on the
first rows of a contract JSON Lines file, in the pipeline's 20k-row batches), optionally
beside another source tree run in alternating child processes (same input, same machine):

    .venv/bin/python bench/sketch.py --events-file /tmp/b5/slice.jsonl
    .venv/bin/python bench/sketch.py --events-file /tmp/b5/slice.jsonl --rounds 3 \
        --baseline-src /path/to/old/checkout/src

or with both trees in this process, batch by batch (steadier on a loaded machine; every
batch's sketch columns are compared, so it is also the identity check):

    .venv/bin/python bench/sketch.py --events-file /tmp/b5/slice.jsonl --rounds 3 \
        --baseline-src /path/to/old/checkout/src --interleave
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa

from distillwatch.ingest.enrich import EnrichConfig, Enricher
from distillwatch.ingest.sketch import sketch_text

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "prompts"
TEMPLATES = [
    "Solve this step by step, showing every step: {q}",
    "{q}\n\nLet's think step by step.",
    "Question: {q}\nAnswer: Let's think step by step.",
    "You are an expert tutor. Answer the following question and explain your reasoning.\n\n{q}",
]
_WORD_TEXT = (
    "the a of to and in is it you that he was for on are with as I his they be at one have "
    "this from or had by word but what some we can out other were all there when up use your "
    "how said an each she which do their time if will way about many then them write would "
    "like so these her long make thing see him two has look more day could go come did number "
    "sound no most people my over know water than call first who may down side been now find "
    "any new work part take get place made live where after back little only round man year "
    "came show every good me give our under name very through just form sentence great think "
    "say help low line differ turn cause much mean before move right boy old too same tell "
    "does set three want air well also play small end put home read hand port large spell add"
)
WORDS = _WORD_TEXT.split(" ")


def _lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").split("\n") if x.strip()]


def prompt_pool(rng: random.Random) -> list[str]:
    if SHARED.is_dir():
        items = [r["question"] for r in _lines(SHARED / "task_gsm8k.jsonl")]
        benign = [r["prompt"] for r in _lines(SHARED / "benign_alpaca_eval.jsonl")]
        benign += [r["prompt"] for r in _lines(SHARED / "benign_self_instruct.jsonl")]
        return [t.replace("{q}", q) for q in items for t in TEMPLATES[:1]] + benign
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 80))) for _ in range(5000)]


def make_prompts(rows: int, rng: random.Random, pool: list[str]) -> list[str]:
    out = []
    for i in range(rows):
        base = rng.choice(pool)
        if rng.random() < 0.5:
            base = rng.choice(TEMPLATES).replace("{q}", base)
        out.append(f"{base} (ref {i}-{rng.randrange(10**9)})")  # unique: no repeat shortcut
    return out


def make_ips(rows: int, rng: random.Random, distinct: int) -> list[str | None]:
    pool: list[str | None] = []
    for _ in range(distinct):
        if rng.random() < 0.85:
            pool.append(".".join(str(rng.randrange(1, 224)) for _ in range(4)))
        else:
            pool.append(f"2a01:4f8:{rng.randrange(65536):x}:{rng.randrange(65536):x}::1")
    pool.append(None)
    return [rng.choice(pool) for _ in range(rows)]


QUALITY_TEMPLATES = [
    *TEMPLATES,
    "Please solve the following math problem. Show all your work.\n\nProblem: {q}",
    'Here is a problem:\n"""\n{q}\n"""\nWrite out your full reasoning before the final answer.',
    "{q} Think step by step and put your final answer after ####.",
    "Solve the problem below. Explain each step.\n{q}",
    "### Instruction:\nSolve the problem and show your reasoning.\n\n### Input:\n{q}\n\n"
    "### Response:",
    "Read the question carefully. {q} Provide a detailed chain of thought, then the answer.",
    "I need help with this: {q}",
    "{q}\nExplain your answer.",
    "Context: you are grading answers.\nTask: {q}\nWrite the full solution, then the answer.",
]


def template_quality() -> None:
    """Template collapse on real task items and collisions of real benign prompts."""
    if not SHARED.is_dir():
        print("template quality needs ../shared/data/prompts; skipped")
        return

    def keys(prompts: list[str]) -> tuple[list[str], list[str]]:
        out = sketch_text(pa.table({"prompt": prompts}))
        return out.column("template_key").to_pylist(), out.column("item_key").to_pylist()

    rng = random.Random(0)
    arc = [r["question"] + "\n" + "\n".join(f"{'ABCDEFGH'[i]}) {c}" for i, c in
                                             enumerate(r["choices"]))
           for r in _lines(SHARED / "task_arc.jsonl")]
    gsm = [r["question"] for r in _lines(SHARED / "task_gsm8k.jsonl")]
    for name, items in (("gsm8k", rng.sample(gsm, 2000)), ("arc", rng.sample(arc, 1000))):
        _k, bare_items = keys(items)
        shares, same = [], []
        for template in QUALITY_TEMPLATES:
            k, it = keys([template.replace("{q}", q) for q in items])
            shares.append(max(k.count(x) for x in set(k)) / len(items))
            same.append(sum(a == b for a, b in zip(it, bare_items, strict=True)) / len(items))
        print(f"{name}: {len(QUALITY_TEMPLATES)} templates x {len(items)} items: share of items "
              f"on the template's main key {min(shares):.3f}-{max(shares):.3f}; item key equal "
              f"to the bare item's {min(same):.3f}-{max(same):.3f}")
    benign = [r["prompt"] for r in _lines(SHARED / "benign_alpaca_eval.jsonl")]
    benign += [r["prompt"] for r in _lines(SHARED / "benign_self_instruct.jsonl")]
    benign = list(dict.fromkeys(benign))
    k, _it = keys(benign)
    shared = sum(1 for x in k if k.count(x) > 1)
    print(f"benign: {shared} of {len(benign)} distinct prompts share a template key "
          f"({shared / len(benign):.1%})")
    k, _it = keys(gsm)
    shared = sum(1 for x in k if k.count(x) > 1)
    print(f"bare gsm8k questions sharing a key: {shared} of {len(gsm)}")


def clock() -> tuple[float, float]:
    return time.process_time(), time.perf_counter()


STEP_BATCH = 20_000  # rows per batch, about what a 16 MiB block of the bench file holds


def text_table(path: Path, rows: int) -> pa.Table:
    """The text columns of the first ``rows`` events of a contract JSONL or events .parquet."""
    import pyarrow.json as pj

    schema = pa.schema(
        [(name, pa.string()) for name in ("system_prompt", "prompt", "response")]
    )
    if path.suffix == ".parquet":  # e.g. a simulation's events part (hydra)
        import pyarrow.parquet as pq

        return pq.read_table(path, columns=schema.names).slice(0, rows).combine_chunks()
    with path.open("rb") as f:
        head = b"".join(line for _, line in zip(range(rows), f, strict=False))
    return pj.read_json(
        pa.BufferReader(head),
        parse_options=pj.ParseOptions(explicit_schema=schema,
                                      unexpected_field_behavior="ignore"),
    ).combine_chunks()


def step_cpu(path: Path, rows: int) -> float:
    """CPU seconds per 1M events of ``sketch_text`` on the first ``rows`` lines of ``path``
    (only the text columns are read; the first batch runs once before, to load kernels)."""
    table = text_table(path, rows)
    batches = [table.slice(i, STEP_BATCH) for i in range(0, table.num_rows, STEP_BATCH)]
    sketch_text(batches[0])
    c0 = time.process_time()
    for b in batches:
        sketch_text(b)
    return (time.process_time() - c0) / table.num_rows * 1e6


def _baseline_package(src: Path) -> str:
    """Copy ``src/distillwatch`` as package ``dwbaseline`` with its imports renamed, so the
    baseline tree imports beside this one in one process; return the package name. The copy
    is kept in the temp folder (one per source path), so its compiled kernels are cached
    there after the first run (~1 min to compile them)."""
    import hashlib as _hashlib
    import re
    import shutil
    import tempfile

    root = Path(tempfile.gettempdir()) / (
        "dw-bench-sketch-" + _hashlib.sha256(str(src).encode()).hexdigest()[:12]
    )
    pkg = root / "dwbaseline"
    if not pkg.is_dir():
        staging = root / "staging"
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(src / "distillwatch", staging,
                        ignore=shutil.ignore_patterns("__pycache__"))
        for py in staging.rglob("*.py"):
            text = py.read_text(encoding="utf-8")
            text = re.sub(r"\bdistillwatch\.", "dwbaseline.", text)
            text = re.sub(r"\bfrom distillwatch import\b", "from dwbaseline import", text)
            py.write_text(text, encoding="utf-8")
        staging.rename(pkg)
    sys.path.insert(0, str(root))
    return "dwbaseline"


def _same_sketch(mine: pa.Table, base: pa.Table) -> bool:
    """The baseline's columns equal, and (against a tree from before them) the integer keys
    this tree adds equal ``key_ints`` of its hex keys."""
    from distillwatch.store.key_ints import KEY_INT_COLUMNS, key_ints

    if not mine.select(base.column_names).equals(base):
        return False
    return all(
        mine.column(ki).equals(pa.chunked_array([key_ints(mine.column(k))]))
        for k, ki in KEY_INT_COLUMNS.items()
        if ki in mine.column_names and ki not in base.column_names
    )


def step_interleaved(args: argparse.Namespace) -> None:
    """The sketch step of this tree and ``--baseline-src`` in one process, alternating batch
    by batch (which runs first alternates too), so load on a shared machine hits both
    alike; every batch's columns are compared (identical outputs)."""
    import importlib

    table = text_table(args.events_file, args.events)
    batches = [table.slice(i, STEP_BATCH) for i in range(0, table.num_rows, STEP_BATCH)]
    name = _baseline_package(Path(args.baseline_src).resolve())
    base = importlib.import_module(f"{name}.ingest.sketch").sketch_text
    funcs = {"this tree": sketch_text, "baseline": base}
    for f in funcs.values():  # load (or compile) each tree's kernels before timing
        f(batches[0])
    runs: dict[str, list[float]] = {k: [] for k in funcs}
    for r in range(args.rounds):
        cpu = dict.fromkeys(funcs, 0.0)
        for i, b in enumerate(batches):
            order = list(funcs.items()) if (i + r) % 2 == 0 else list(funcs.items())[::-1]
            out = {}
            for k, f in order:
                c0 = time.process_time()
                out[k] = f(b)
                cpu[k] += time.process_time() - c0
            if r == 0 and not _same_sketch(out["this tree"], out["baseline"]):
                raise SystemExit(f"batch {i}: sketch columns differ from the baseline's")
        for k in funcs:
            runs[k].append(cpu[k] / table.num_rows * 1e6)
        print(f"round {r + 1}: this tree {runs['this tree'][-1]:.3f}, baseline "
              f"{runs['baseline'][-1]:.3f} CPU-s per 1M events, ratio "
              f"{runs['this tree'][-1] / runs['baseline'][-1]:.3f}", flush=True)
    print(f"outputs equal on all {table.num_rows:,} events (every column, every batch)")
    mine, theirs = statistics.median(runs["this tree"]), statistics.median(runs["baseline"])
    print(f"sketch step, this tree: median {mine:.3f} CPU-s per 1M events; baseline "
          f"{theirs:.3f} ({table.num_rows:,} events x {args.rounds} rounds, in one process)")
    print(f"ratio this tree / baseline: {mine / theirs:.3f}")


def step_figure(args: argparse.Namespace) -> None:
    """The sketch step per 1M events, this tree and optionally ``--baseline-src``, run in
    alternating child processes so that machine load hits both alike."""
    trees = {"this tree": str(Path(__file__).resolve().parents[1] / "src")}
    if args.baseline_src:
        trees["baseline"] = str(Path(args.baseline_src).resolve())
    runs: dict[str, list[float]] = {name: [] for name in trees}
    for r in range(args.rounds):
        for name, src in (trees.items() if r % 2 == 0 else reversed(trees.items())):
            env = {**os.environ, "PYTHONPATH": src}
            out = subprocess.run(
                [sys.executable, __file__, "--events-file", str(args.events_file),
                 "--events", str(args.events), "--child"],
                env=env, check=True, capture_output=True, text=True,
            ).stdout
            runs[name].append(float(out.split()[-1]))
            print(f"round {r + 1}: {name:9s} {runs[name][-1]:.3f} CPU-s per 1M events")
    for name, values in runs.items():
        print(f"sketch step, {name}: median {statistics.median(values):.3f} CPU-s per 1M "
              f"events ({args.events:,} events x {args.rounds} rounds)")
    if args.baseline_src:
        ratio = statistics.median(runs["this tree"]) / statistics.median(runs["baseline"])
        print(f"ratio this tree / baseline: {ratio:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events-file", type=Path,
                        help="contract JSONL (or events .parquet): measure the sketch step "
                        "on its first --events rows")
    parser.add_argument("--events", type=int, default=361_611,
                        help="lines of --events-file to sketch")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--baseline-src", help="another tree's src/ to run alternately")
    parser.add_argument("--interleave", action="store_true",
                        help="with --baseline-src: both trees in this process, batch by "
                        "batch, outputs compared")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=int, default=65536, help="rows per batch")
    parser.add_argument("--batches", type=int, default=3)
    parser.add_argument("--distinct-ips", type=int, default=4000, help="distinct IPs per batch")
    parser.add_argument("--quality", action="store_true",
                        help="also measure template collapse and benign collisions")
    args = parser.parse_args()
    if args.child:
        print(f"{step_cpu(args.events_file, args.events):.6f}")
        return
    if args.events_file and args.interleave and args.baseline_src:
        step_interleaved(args)
        return
    if args.events_file:
        step_figure(args)
        return
    if args.quality:
        template_quality()
    rng = random.Random(5)
    pool = prompt_pool(rng)
    batches = [
        pa.table({
            "prompt": make_prompts(args.rows, rng, pool),
            "system_prompt": [None if i % 4 else "You are a helpful assistant."
                              for i in range(args.rows)],
            "response": ["The answer is 42. " * 20] * args.rows,
            "client_ip": make_ips(args.rows, rng, args.distinct_ips),
        })
        for _ in range(args.batches)
    ]
    total = args.rows * args.batches
    chars = sum(len(p) for b in batches for p in b.column("prompt").to_pylist())
    print(f"{args.batches} batches x {args.rows} rows, mean prompt {chars / total:.0f} chars, "
          f"{'real' if SHARED.is_dir() else 'generated'} prompts")

    sketch_text(batches[0].slice(0, 1000))  # warm up (regex compilation)
    c0, w0 = clock()
    for b in batches:
        for p in b.column("prompt").to_pylist():
            hashlib.blake2b(p.encode(), digest_size=8).hexdigest()
    c1, w1 = clock()
    for b in batches:
        sketch_text(b)
    c2, w2 = clock()
    base_rate, rate = total / (c1 - c0), total / (c2 - c1)
    print(f"baseline blake2b loop : {base_rate:12,.0f} prompts/CPU-s  (wall {w1 - w0:.2f} s)")
    print(f"sketch_text           : {rate:12,.0f} prompts/CPU-s  (wall {w2 - w1:.2f} s)")
    print(f"ratio sketch/baseline time: {base_rate / rate:.1f}x")

    enricher = Enricher.from_config(EnrichConfig())
    reader = enricher._asn  # the very ASN database the enricher opened
    c0, w0 = clock()
    for b in batches:
        for ip in b.column("client_ip").to_pylist():
            if ip is not None:
                reader.get(ip)
    c1, w1 = clock()
    for b in batches:
        enricher.enrich_events(b)
    c2, w2 = clock()
    base_rate, rate = total / (c1 - c0), total / (c2 - c1)
    print(f"baseline ASN get/row  : {base_rate:12,.0f} rows/CPU-s  (wall {w1 - w0:.2f} s)")
    print(f"enrich_events         : {rate:12,.0f} rows/CPU-s  (wall {w2 - w1:.2f} s)")
    print(f"ratio enrich/baseline time: {base_rate / rate:.2f}x")
    enricher.close()


if __name__ == "__main__":
    main()

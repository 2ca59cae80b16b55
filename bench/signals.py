"""Speed of the request signals, as ratios to baselines run in the same process.

Before/after: the intent classifier and ``request_signals`` of this checkout against the
same modules at ``--baseline-rev`` (default: the last commit before the one-pass kernel and
the SIMD row sums; read with ``git show`` into a cache folder and imported beside this
checkout), on the same model and prompts, in the same process, in prompts per CPU-second
(batch) and CPU microseconds per prompt (one at a time, as the gateway scores), plus the
largest difference between the two logits (the new kernel gives identical logits).

Also, as before: ``request_signals`` on a 64k-row batch of real prompts against a bare
``HashingVectorizer(analyzer="char_wb", ngram_range=(2, 5)).transform`` (target >= 20,000
prompts/s on one core), ``score_request`` latency, and the classifier against the numpy
featuriser (``features.linear_scores``, the path before any compiled kernel).

    .venv/bin/python bench/signals.py [--rows 65536] [--single 2000] [--data ../shared/data]
                                      [--baseline-rev f0502a2] [--rounds 3]
                                      [--round4-rev 87af196] [--round6-rev f96c01d]
                                      [--round8-rev 3c085f1] [--slice /tmp/b5/slice.jsonl]

First, round 8 (issue 2): CPU seconds per 1M ingest-like requests in batches of 20,000 rows
(as ingest's step workers score them) for the classifier and ``request_signals``, this
checkout against ``--round8-rev``, best of ``--rounds`` interleaved, whether every output is
bit-identical, and the part of ``request_signals`` outside the classifier (its logits given).

Then rounds 6 and 4 (issue 2): CPU seconds per 1M ingest-like requests (system prompt +
prompt, by default the first ``--rows`` events of the ingest bench slice) for the classifier
and ``request_signals``, this checkout against ``--round6-rev`` (before round 6) and
``--round4-rev`` (before round 4), and whether outputs are bit-identical.

On a shared machine run it when it is quiet; CPU time, not wall time, is the figure, and
the before/after runs are interleaved round by round so load hits both alike.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pyarrow as pa

REPO = Path(__file__).resolve().parents[1]
BASELINE_REV = "f0502a2"  # intent.py / request.py before the one-pass kernel
ROUND4_REV = "87af196"  # before the round-4 scoring speed work (system-prompt reuse)
ROUND6_REV = "f96c01d"  # before round 6 (label column from class indices, inlined helpers)
ROUND8_REV = "3c085f1"  # before round 8 (shared-part checkpoints, one-pass softmax + combine)
INGEST_BATCH = 20_000  # rows per batch a step worker scores (bench/ingest.py input)


def _prompts(data: Path, rows: int) -> list[str]:
    base: list[str] = []
    sources = (("benign_alpaca_eval.jsonl", "prompt"), ("benign_self_instruct.jsonl", "prompt"),
               ("task_gsm8k.jsonl", "question"))
    for name, key in sources:
        path = data / "prompts" / name
        if path.is_file():
            with path.open(encoding="utf-8") as fh:
                base += [json.loads(line)[key] for line in fh]
    if not base:  # no shared data: synthetic prompts of similar length
        base = [f"Question {i}: how many apples are left if Sam eats {i % 7} of {i}?" * 3
                for i in range(1000)]
    rng = np.random.default_rng(0)
    picks = rng.integers(0, len(base), size=rows)
    wrap = rng.random(rows) < 0.3
    return [("Solve step by step and show all of your reasoning.\n\n" + base[i]) if w else base[i]
            for i, w in zip(picks, wrap, strict=True)]


def _baseline(rev: str) -> tuple[ModuleType, ModuleType] | None:
    """``signals.intent`` and ``signals.request`` as they were at ``rev`` (None when git or
    the revision is not there). Kept in a fixed cache folder so numba's on-disk cache of the
    old kernel is reused from one run to the next."""
    folder = Path(tempfile.gettempdir()) / f"distillwatch-bench-signals-{rev}"
    folder.mkdir(parents=True, exist_ok=True)
    modules = []
    for name in ("intent", "request"):
        # one module name per revision: numba keeps compiled functions' environments by
        # module name, and two baselines under one name (rounds 4 and 6 and f0502a2 in one
        # run) made the third one's kernels fail ("NRT_adapt_ndarray_to_python")
        module_name = f"baseline_{name}_{rev}"
        path = folder / f"{module_name}.py"
        try:
            source = subprocess.run(
                ["git", "show", f"{rev}:src/distillwatch/signals/{name}.py"], cwd=REPO,
                check=True, capture_output=True, text=True).stdout
        except (OSError, subprocess.CalledProcessError) as exc:
            print(f"baseline {rev}: not available ({exc}); before/after skipped")
            return None
        source = source.replace("from distillwatch.signals.intent import",
                                f"from baseline_intent_{rev} import")
        if not path.is_file() or path.read_text(encoding="utf-8") != source:
            path.write_text(source, encoding="utf-8")
        sys.path.insert(0, str(folder))
        spec = importlib.util.spec_from_file_location(module_name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
        modules.append(module)
    return modules[0], modules[1]


def _legacy_model_dir() -> Path:
    """The shipped model as revisions before concept columns (model format 3) read it: its
    2**bits n-gram weight rows alone, format 2, in a temporary folder. Older revisions
    score it without the concept columns, so their logits differ by design (the cost of
    the concepts alone: bench/concepts.py)."""
    from distillwatch.signals import IntentClassifier

    shipped = IntentClassifier.load_default()
    folder = Path(tempfile.gettempdir()) / "distillwatch-bench-signals-legacy-model"
    rows = shipped.spec.n_features
    IntentClassifier(weights=np.ascontiguousarray(shipped.weights[:rows]), bias=shipped.bias,
                     spec=shipped.spec, temperature=shipped.temperature,
                     threshold=shipped.threshold, metadata=shipped.metadata,
                     clusters=shipped.clusters).save(folder)
    meta_path = folder / "intent.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["format_version"] = 2
    meta.pop("concepts", None)
    meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return folder


def _best_cpu(calls: dict[str, Callable[[], Any]], rounds: int) -> dict[str, float]:
    """Least CPU seconds of each call over ``rounds``, the calls interleaved per round."""
    best = dict.fromkeys(calls, float("inf"))
    for _ in range(rounds):
        for name, call in calls.items():
            c0 = time.process_time()
            call()
            best[name] = min(best[name], time.process_time() - c0)
    return best


def _per_prompt_us(one: Callable[[str], Any], prompts: list[str]) -> float:
    c0 = time.process_time()
    for p in prompts:
        one(p)
    return (time.process_time() - c0) / len(prompts) * 1e6


def _ingest_like(path: Path | None, rows: int, prompts: list[str]) -> pa.Table:
    """Requests as ingest scores them: ``system_prompt``, ``prompt`` and parameters of the
    first ``rows`` lines of ``path`` (JSONL events), or else ``prompts`` behind the system
    prompt of the ingest bench input ("You are a helpful assistant." on every row)."""
    if path is not None and path.is_file():
        import pyarrow.json as pj

        table = pj.read_json(path)
        keep = [c for c in ("system_prompt", "prompt", "temperature", "max_tokens", "logprobs",
                            "reasoning_effort", "n", "turn") if c in table.column_names]
        return table.select(keep).slice(0, rows).combine_chunks()
    return pa.table({"system_prompt": pa.array(["You are a helpful assistant."] * len(prompts)),
                     "prompt": pa.array(prompts)})


def _against(args: argparse.Namespace, rev: str) -> tuple[ModuleType, Any, pa.Table, int] | None:
    """What rounds 4, 6 and 8 compare with: ``signals.request`` at ``rev``, the shipped model
    loaded by ``signals.intent`` at ``rev``, the ingest-like input (:func:`_ingest_like`) and
    its number of rows; None when the baseline is not available (:func:`_baseline`)."""
    base = _baseline(rev)
    if base is None:
        return None
    old_intent, old_request = base
    old = old_intent.IntentClassifier.load(_legacy_model_dir())
    table = _ingest_like(args.slice, args.rows, _prompts(args.data, args.rows))
    return old_request, old, table, table.num_rows


def _round4(args: argparse.Namespace, clf: Any, request_signals: Callable[..., Any],
            rev: str, title: str) -> None:
    """Rounds 4 and 6 (issue 2): CPU seconds per 1M requests of ingest-like input (the
    intent classifier's logits, and all of ``request_signals``) of this checkout against
    ``rev``, interleaved, and whether every output is bit-identical."""
    against = _against(args, rev)
    if against is None:
        return
    old_request, old, table, n = against
    prompts, systems = table.column("prompt"), table.column("system_prompt")
    same_logits = np.array_equal(clf.request_logits(prompts, systems),
                                 old.request_logits(prompts, systems))
    same_signals = request_signals(table, classifier=clf).equals(
        old_request.request_signals(table, classifier=old))
    cpu = _best_cpu({
        "logits_new": lambda: clf.request_logits(prompts, systems),
        "logits_old": lambda: old.request_logits(prompts, systems),
        "signals_new": lambda: request_signals(table, classifier=clf),
        "signals_old": lambda: old_request.request_signals(table, classifier=old),
    }, args.rounds)
    per_m = {k: v / n * 1e6 for k, v in cpu.items()}
    source = args.slice if args.slice is not None and args.slice.is_file() else "shared prompts"
    print(f"{title}, {n} requests of {source} (best of {args.rounds}, interleaved), CPU-s per "
          f"1M requests, this checkout vs {rev}:")
    for what, name in (("logits", "intent classifier (request_logits)"),
                       ("signals", "request_signals (the ingest signals step)")):
        new, before = per_m[f"{what}_new"], per_m[f"{what}_old"]
        print(f"  {name}: {new:.2f} vs {before:.2f} ({new / before - 1:+.0%} CPU)")
    glue_new = per_m["signals_new"] - per_m["logits_new"]
    glue_old = per_m["signals_old"] - per_m["logits_old"]
    print(f"  request_signals outside the classifier: {glue_new:.2f} vs {glue_old:.2f}")
    print(f"  logits bit-identical: {same_logits}; signal columns identical: {same_signals}")


def _round8(args: argparse.Namespace, clf: Any, request_signals: Callable[..., Any]) -> None:
    """Round 8 (issue 2): the ingest signals step as a step worker runs it (batches of
    ``INGEST_BATCH`` rows), this checkout against ``--round8-rev``, interleaved: CPU seconds
    per 1M requests of the classifier and of ``request_signals``, identity of every logit
    and output column, and ``request_signals`` outside the classifier (logits precomputed)."""
    rev = args.round8_rev
    against = _against(args, rev)
    if against is None:
        return
    old_request, old, table, n = against
    batches = [table.slice(i, INGEST_BATCH) for i in range(0, n, INGEST_BATCH)]
    texts = [(b.column("prompt"), b.column("system_prompt")) for b in batches]
    same_logits = all(np.array_equal(clf.request_logits(p, s), old.request_logits(p, s))
                      for p, s in texts)
    same_signals = all(request_signals(b, classifier=clf).equals(
        old_request.request_signals(b, classifier=old)) for b in batches)

    class _Given:
        """The classifier's logits of the batch being scored (set before each call), so
        ``request_signals`` runs without the classifier's kernel."""

        classes = clf.classes
        temperature = clf.temperature
        logits: np.ndarray = np.zeros((0, len(clf.classes)))

        def request_logits(self, *_: Any) -> np.ndarray:
            return self.logits

        def predict_proba(self, *_: Any) -> np.ndarray:  # the baseline's entry point
            return np.asarray(clf.proba_from_logits(self.logits))

    given = _Given()
    logits = [clf.request_logits(p, s) for p, s in texts]

    def glue(fn: Callable[..., Any]) -> None:
        for b, lg in zip(batches, logits, strict=True):
            given.logits = lg
            fn(b, classifier=given)

    cpu = _best_cpu({
        "logits_new": lambda: [clf.request_logits(p, s) for p, s in texts],
        "logits_old": lambda: [old.request_logits(p, s) for p, s in texts],
        "signals_new": lambda: [request_signals(b, classifier=clf) for b in batches],
        "signals_old": lambda: [old_request.request_signals(b, classifier=old) for b in batches],
        "glue_new": lambda: glue(request_signals),
        "glue_old": lambda: glue(old_request.request_signals),
    }, args.rounds)
    per_m = {k: v / n * 1e6 for k, v in cpu.items()}
    source = args.slice if args.slice is not None and args.slice.is_file() else "shared prompts"
    print(f"round 8, {n} requests of {source} in batches of {INGEST_BATCH} (best of "
          f"{args.rounds}, interleaved), CPU-s per 1M requests, this checkout vs {rev}:")
    for what, name in (("logits", "intent classifier (request_logits)"),
                       ("signals", "request_signals (the ingest signals step)"),
                       ("glue", "request_signals outside the classifier")):
        new, before = per_m[f"{what}_new"], per_m[f"{what}_old"]
        print(f"  {name}: {new:.2f} vs {before:.2f} ({new - before:+.2f}, "
              f"{new / before - 1:+.0%} CPU)")
    print(f"  logits bit-identical: {same_logits}; signal columns identical: {same_signals}")


def main() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as the target says
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=65536)
    ap.add_argument("--single", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--baseline-rev", default=BASELINE_REV)
    ap.add_argument("--round4-rev", default=ROUND4_REV)
    ap.add_argument("--round6-rev", default=ROUND6_REV)
    ap.add_argument("--round8-rev", default=ROUND8_REV)
    ap.add_argument("--slice", type=Path, default=Path("/tmp/b5/slice.jsonl"),
                    help="JSONL events for the round-4 figures (first --rows lines)")
    ap.add_argument("--round8-only", action="store_true",
                    help="print the round-8 block and stop")
    args = ap.parse_args()

    from sklearn.feature_extraction.text import HashingVectorizer

    from distillwatch.signals import IntentClassifier, request_signals, score_request
    from distillwatch.signals.features import linear_scores

    clf = IntentClassifier.load_default()
    if clf.spec.binary:
        # revisions before presence features (8140ed5) read the model's feature_spec without
        # "binary": they score the same weights as counts, so their logits differ by design
        print("note: the shipped model uses presence features (round 12); the baseline "
              "revisions read it as counts, so 'bit-identical' is False by design: compare "
              "their speed only (bench/intent_presence.py compares presence with counts)")
    prompts = _prompts(args.data, args.rows)
    column = pa.array(prompts)
    chars = sum(len(p) for p in prompts)
    table = pa.table({
        "prompt": column,
        "n": pa.array(np.ones(args.rows, dtype=np.int64)),
        "logprobs": pa.array(np.zeros(args.rows, dtype=bool)),
        "max_tokens": pa.array(np.full(args.rows, 1024, dtype=np.int64)),
        "turn": pa.array(np.zeros(args.rows, dtype=np.int64)),
    })
    print(f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          f"{args.rows} prompts, mean {chars / args.rows:.0f} characters")

    _round8(args, clf, request_signals)
    if args.round8_only:
        return
    _round4(args, clf, request_signals, args.round6_rev, "round 6")
    _round4(args, clf, request_signals, args.round4_rev, "round 4")

    # --- before/after: this checkout against --baseline-rev, same model and prompts -----
    base = _baseline(args.baseline_rev)
    if base is not None:
        old_intent, old_request = base
        old = old_intent.IntentClassifier.load(_legacy_model_dir())
        diff = float(np.abs(old.request_logits(column) - clf.request_logits(column)).max())
        print(f"logits, largest |new - {args.baseline_rev}| over the {args.rows} prompts: "
              f"{diff:.3g}")
        request_signals(table.slice(0, 2048), classifier=clf)
        old_request.request_signals(table.slice(0, 2048), classifier=old)
        cpu = _best_cpu({
            "kernel_new": lambda: clf.predict_proba(column),
            "kernel_old": lambda: old.predict_proba(column),
            "signals_new": lambda: request_signals(table, classifier=clf),
            "signals_old": lambda: old_request.request_signals(table, classifier=old),
        }, args.rounds)
        rate = {k: args.rows / v for k, v in cpu.items()}
        ns = {k: v / chars * 1e9 for k, v in cpu.items()}
        print(f"classifier batch (predict_proba, Arrow column): {rate['kernel_new']:,.0f} "
              f"prompts per CPU-second ({ns['kernel_new']:.1f} ns/char) vs "
              f"{rate['kernel_old']:,.0f} ({ns['kernel_old']:.1f} ns/char) at "
              f"{args.baseline_rev}: {cpu['kernel_old'] / cpu['kernel_new']:.2f}x cheaper")
        print(f"request_signals batch: {rate['signals_new']:,.0f} prompts per CPU-second vs "
              f"{rate['signals_old']:,.0f}: {cpu['signals_old'] / cpu['signals_new']:.2f}x")
        few = prompts[: args.single]
        reqs = [{"prompt": p, "n": 1, "max_tokens": 1024, "turn": 0} for p in few]
        for _ in range(2):  # warm, then measure
            single = {
                "kernel_new": _per_prompt_us(lambda p: clf.predict_proba([p], [None]), few),
                "kernel_old": _per_prompt_us(lambda p: old.predict_proba([p], [None]), few),
            }
        it = iter(reqs)
        single["score_new"] = _per_prompt_us(lambda _: score_request(next(it), classifier=clf),
                                             few)
        it = iter(reqs)
        single["score_old"] = _per_prompt_us(
            lambda _: old_request.score_request(next(it), classifier=old), few)
        print(f"one prompt at a time (gateway): classifier {single['kernel_new']:.0f} us CPU vs "
              f"{single['kernel_old']:.0f} us ({single['kernel_old'] / single['kernel_new']:.2f}x)"
              f"; score_request {single['score_new']:.0f} us vs {single['score_old']:.0f} us")

    # --- the earlier baselines ---------------------------------------------------------
    request_signals(table.slice(0, 2048), classifier=clf)  # warm caches
    runs, cpu_runs = [], []
    for _ in range(args.rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        request_signals(table, classifier=clf)
        runs.append(time.perf_counter() - t0)
        cpu_runs.append(time.process_time() - c0)
    ours = args.rows / min(runs)
    ours_cpu = args.rows / min(cpu_runs)

    texts = clf.texts(prompts, None)
    hv = HashingVectorizer(analyzer="char_wb", ngram_range=(2, 5), n_features=2**18)
    n_base = min(args.rows, 8192)
    t0, c0 = time.perf_counter(), time.process_time()
    hv.transform(texts[:n_base])
    base_wall = n_base / (time.perf_counter() - t0)
    base_cpu = n_base / (time.process_time() - c0)

    lat, cpu_lat = [], []
    reqs = [{"prompt": p, "n": 1, "max_tokens": 1024, "turn": 0} for p in prompts[: args.single]]
    for r in reqs[:50]:
        score_request(r, classifier=clf)
    for r in reqs:
        t0, c0 = time.perf_counter(), time.process_time()
        score_request(r, classifier=clf)
        lat.append(time.perf_counter() - t0)
        cpu_lat.append(time.process_time() - c0)

    def numpy_path(batch: list[str]) -> np.ndarray:
        texts_ = clf.texts(batch, None)
        # n-gram rows only: the numpy featuriser has no concept columns
        return clf.proba_from_logits(linear_scores(texts_, clf.spec,
                                                   clf.weights[: clf.spec.n_features],
                                                   clf.bias))

    n_clf = min(args.rows, 16384)
    numpy_path(prompts[:256])
    clf_cpu = _best_cpu({"kernel": lambda: clf.predict_proba(prompts[:n_clf]),
                         "kernel_arrow": lambda: clf.predict_proba(column[:n_clf]),
                         "numpy": lambda: numpy_path(prompts[:n_clf])}, args.rounds)
    lat_us = np.array(lat) * 1e6
    print(f"request_signals {ours:,.0f} prompts/s wall, {ours_cpu:,.0f} prompts per "
          f"CPU-second (best of {args.rounds}); target 20,000 prompts/s on one core: "
          f"{'met' if ours_cpu >= 20000 else 'NOT met'}")
    print(f"baseline: HashingVectorizer(char_wb 2-5).transform alone {base_wall:,.0f} "
          f"prompts/s wall, {base_cpu:,.0f} per CPU-second: request_signals "
          f"{ours_cpu / base_cpu:.1f}x that")
    print(f"score_request one request: p50 {np.percentile(lat_us, 50):.0f} us, "
          f"p99 {np.percentile(lat_us, 99):.0f} us wall, mean "
          f"{float(np.mean(cpu_lat)) * 1e6:.0f} us CPU, over {len(lat)} requests")
    rate = {k: n_clf / v for k, v in clf_cpu.items()}
    print(f"classifier: predict_proba {rate['kernel']:,.0f} prompts per CPU-second from "
          f"Python strings ({rate['kernel_arrow']:,.0f} from an Arrow column); numpy "
          f"featuriser path {rate['numpy']:,.0f}: {rate['kernel_arrow'] / rate['numpy']:.2f}x")
    model_bytes = sum(p.stat().st_size for p in (REPO / "src/distillwatch/signals/model")
                      .glob("intent.*"))
    print(f"model files (intent.npz + intent.json): {model_bytes / 1e6:.2f} MB")


if __name__ == "__main__":
    main()

"""Speed of the request signals, as ratios to baselines run in the same process.

Batch: ``request_signals`` on a 64k-row batch of real prompts (AlpacaEval, Self-Instruct,
GSM8K, and GSM8K wrapped in a distillation wording) against a bare
``sklearn.feature_extraction.text.HashingVectorizer(analyzer="char_wb", ngram_range=(2, 5))``
transform of the same texts (featurisation alone, no model). Target: >= 20,000 prompts/s.

Online: ``score_request`` one request at a time (p50/p99 latency); target well under 1 ms.

Classifier alone: ``IntentClassifier.predict_proba`` (the compiled kernel over the Arrow
UTF-8 buffers) against the previous scoring path run in the same process on the same
prompts and model (Python ``request_text`` per prompt + the vectorised numpy
``features.linear_scores``), in prompts per CPU-second, batch and one prompt at a time.

    .venv/bin/python bench/signals.py [--rows 65536] [--single 2000] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

REPO = Path(__file__).resolve().parents[1]


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


def main() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as the target says
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=65536)
    ap.add_argument("--single", type=int, default=2000)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    args = ap.parse_args()

    from sklearn.feature_extraction.text import HashingVectorizer

    from distillwatch.signals import IntentClassifier, request_signals, score_request

    clf = IntentClassifier.load_default()
    prompts = _prompts(args.data, args.rows)
    table = pa.table({
        "prompt": pa.array(prompts),
        "n": pa.array(np.ones(args.rows, dtype=np.int64)),
        "logprobs": pa.array(np.zeros(args.rows, dtype=bool)),
        "max_tokens": pa.array(np.full(args.rows, 1024, dtype=np.int64)),
        "turn": pa.array(np.zeros(args.rows, dtype=np.int64)),
    })
    request_signals(table.slice(0, 2048), classifier=clf)  # warm caches
    # Wall time and CPU time: on a shared machine the CPU time of this single-threaded
    # process is what "prompts/s on one core" means.
    runs, cpu_runs = [], []
    for _ in range(3):
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
    base = n_base / (time.perf_counter() - t0)
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
    # The classifier alone, now and as scored before the kernel (same model, same prompts).
    from distillwatch.signals.features import linear_scores

    def previous(batch: list[str]) -> np.ndarray:
        texts_ = clf.texts(batch, None)
        return clf.proba_from_logits(linear_scores(texts_, clf.spec, clf.weights, clf.bias))

    n_clf = min(args.rows, 16384)
    column = pa.array(prompts[:n_clf])
    previous(prompts[:256])
    clf_cpu: dict[str, float] = {"kernel": 1e9, "kernel_arrow": 1e9, "previous": 1e9}
    for _ in range(3):
        for name, call in (("kernel", lambda: clf.predict_proba(prompts[:n_clf])),
                           ("kernel_arrow", lambda: clf.predict_proba(column)),
                           ("previous", lambda: previous(prompts[:n_clf]))):
            c0 = time.process_time()
            call()
            clf_cpu[name] = min(clf_cpu[name], time.process_time() - c0)
    one_cpu: dict[str, float] = {}
    for name, one in (("kernel", lambda p: clf.predict_proba([p], [None])),
                      ("previous", lambda p: previous([p]))):
        c0 = time.process_time()
        for p in prompts[: args.single]:
            one(p)
        one_cpu[name] = (time.process_time() - c0) / args.single

    lat_us = np.array(lat) * 1e6
    cpu_mean_us = float(np.mean(cpu_lat)) * 1e6
    mean_chars = float(np.mean([len(p) for p in prompts]))
    print(f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"batch: {args.rows} prompts (mean {mean_chars:.0f} chars), request_signals "
          f"{ours:,.0f} prompts/s wall, {ours_cpu:,.0f} prompts per CPU-second (best of 3)")
    print(f"baseline: HashingVectorizer(char_wb 2-5).transform alone {base:,.0f} prompts/s "
          f"wall, {base_cpu:,.0f} per CPU-second")
    print(f"ratio: {ours_cpu / base_cpu:.1f}x the baseline (CPU time); target 20,000 "
          f"prompts/s on one core: {'met' if ours_cpu >= 20000 else 'NOT met'}")
    print(f"single: score_request p50 {np.percentile(lat_us, 50):.0f} us, "
          f"p99 {np.percentile(lat_us, 99):.0f} us wall, mean {cpu_mean_us:.0f} us CPU, "
          f"over {len(lat)} requests")
    rate = {k: n_clf / v for k, v in clf_cpu.items()}
    print(f"classifier: predict_proba {rate['kernel']:,.0f} prompts per CPU-second "
          f"({rate['kernel_arrow']:,.0f} from an Arrow column); previous path "
          f"{rate['previous']:,.0f}: {rate['kernel'] / rate['previous']:.2f}x "
          f"({rate['kernel_arrow'] / rate['previous']:.2f}x from Arrow), best of 3 on "
          f"{n_clf} prompts")
    print(f"classifier, one prompt at a time: {one_cpu['kernel'] * 1e6:.0f} us CPU vs "
          f"{one_cpu['previous'] * 1e6:.0f} us previous path: "
          f"{one_cpu['previous'] / one_cpu['kernel']:.2f}x")
    model_bytes = sum(p.stat().st_size for p in (REPO / "src/distillwatch/signals/model")
                      .glob("intent.*"))
    print(f"model files (intent.npz + intent.json): {model_bytes / 1e6:.2f} MB")


if __name__ == "__main__":
    main()

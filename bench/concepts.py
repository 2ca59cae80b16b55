"""Cost of the concept columns (signals/concepts.py, docs/signals.md "Round 22").

The shipped model against the same weights without its concept columns (its 2**bits n-gram
rows alone, ``concepts=None``), in the same process on the same prompts, best of
``--rounds`` interleaved rounds, in CPU time: batch prompts per CPU-second for the
classifier (``request_logits``) and ``request_signals``, and CPU microseconds per request
one at a time (as the gateway scores), on real prompts and on ``bench/ingest.py``'s templated
traffic (where the batch kernel starts most requests from a prefix checkpoint). The issue's
floor is 20,000 prompts/s on one core.

    .venv/bin/python bench/concepts.py [--rows 65536] [--single 2000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from distillwatch.signals import IntentClassifier, request_signals  # noqa: E402
from ingest import generate_table  # noqa: E402
from signals import _best_cpu, _prompts  # noqa: E402


def main() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=65536)
    ap.add_argument("--single", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    args = ap.parse_args()

    shipped = IntentClassifier.load_default()
    if shipped.concepts is None:
        raise SystemExit("the shipped model has no concept lexicon: nothing to compare")
    rows = shipped.spec.n_features
    bare = IntentClassifier(weights=np.ascontiguousarray(shipped.weights[:rows]),
                            bias=shipped.bias, spec=shipped.spec,
                            temperature=shipped.temperature, threshold=shipped.threshold)
    real = _prompts(args.data, args.rows)
    # ingest's bench traffic (bench/ingest.py): eight templates, so most requests start from
    # a prefix checkpoint, and since this round their concepts do too
    templated = generate_table(args.rows, seed=0, offset=0)["prompt"].to_pylist()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; best of "
          f"{args.rounds} interleaved rounds, {time.strftime('%Y-%m-%d')}")
    for label, prompts in (("real prompts", real), ("templated (bench/ingest.py)", templated)):
        _compare(shipped, bare, label, prompts, args)


def _compare(shipped: IntentClassifier, bare: IntentClassifier, label: str,
             prompts: list[str], args: argparse.Namespace) -> None:
    column = pa.array(prompts)
    table = pa.table({"prompt": column,
                      "system_prompt": pa.array(["You are a helpful assistant."] * len(prompts)),
                      "n": pa.array(np.ones(len(prompts), dtype=np.int64)),
                      "max_tokens": pa.array(np.full(len(prompts), 1024, dtype=np.int64)),
                      "turn": pa.array(np.zeros(len(prompts), dtype=np.int64))})
    single = prompts[: args.single]
    models = {"concepts": shipped, "n-grams only": bare}
    for m in models.values():  # compile / warm
        m.request_logits(prompts[:256])
        request_signals(table.slice(0, 256), classifier=m)

    def one_by_one(model: IntentClassifier) -> None:
        for p in single:
            model.request_logits([p])

    calls = {}
    for name, m in models.items():
        calls[f"{name} classifier"] = lambda m=m: m.request_logits(column)
        calls[f"{name} signals"] = lambda m=m: request_signals(table, classifier=m)
        calls[f"{name} single"] = lambda m=m: one_by_one(m)
    cpu = _best_cpu(calls, args.rounds)
    chars = sum(map(len, prompts)) / len(prompts)
    print(f"{len(prompts)} {label} (mean {chars:.0f} characters)")
    for name in models:
        print(f"  {name:13s} classifier {len(prompts) / cpu[f'{name} classifier']:>9,.0f} "
              f"prompts/CPU-s   request_signals "
              f"{len(prompts) / cpu[f'{name} signals']:>9,.0f} prompts/CPU-s   single "
              f"{1e6 * cpu[f'{name} single'] / len(single):6.1f} CPU-us/request")
    ratio = {k: cpu[f"concepts {k}"] / cpu[f"n-grams only {k}"]
             for k in ("classifier", "signals", "single")}
    print(f"  concepts / n-grams only, CPU time: classifier {ratio['classifier']:.2f}x, "
          f"request_signals {ratio['signals']:.2f}x, single request {ratio['single']:.2f}x")
    rate = len(prompts) / cpu["concepts signals"]
    print(f"  request_signals with concepts: {rate:,.0f} prompts per CPU-second; target "
          f"20,000 on one core: {'met' if rate >= 20_000 else 'NOT met'}")


if __name__ == "__main__":
    main()

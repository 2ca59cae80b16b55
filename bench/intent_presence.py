"""Speed of presence features (``FeatureSpec.binary``, the shipped model since round 12)
against the counts model shipped before it, same kernel code, same prompts, same process.

A presence model takes no shared-part checkpoints (a part's n-grams may repeat in the next
part, so parts do not add up) and deduplicates each request's buckets; this prints what that
costs, in prompts per CPU-second for batches and CPU microseconds per single request (the
gateway's path), each as a ratio to the counts model, runs interleaved round by round.

    .venv/bin/python bench/intent_presence.py [--rows 65536] [--single 2000] [--rounds 5]
                                              [--counts-rev 1ca91b4] [--events DIR ...]

``--events DIR``: also a simulator's events (``distillwatch simulate --out X``: ``X/events``),
their prompts with their system prompts, in ingest's 20,000-row batches (first 200,000 rows),
in CPU seconds per 1M requests.
"""

from __future__ import annotations

import argparse
import glob
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "src"))

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from distillwatch.signals.intent import IntentClassifier  # noqa: E402
from signals import _best_cpu, _prompts  # noqa: E402

COUNTS_REV = "1ca91b4"  # the last commit shipping the counts model
MODEL = "src/distillwatch/signals/model"


def model_at(rev: str) -> IntentClassifier:
    """The model files at ``rev``, written to a cache folder and loaded by this checkout
    (also the word clusters of scripts/intent_feature_probe.py)."""
    folder = Path(tempfile.gettempdir()) / f"distillwatch-bench-intent-{rev}"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("intent.npz", "intent.json"):
        blob = subprocess.run(["git", "show", f"{rev}:{MODEL}/{name}"], cwd=REPO, check=True,
                              capture_output=True).stdout
        (folder / name).write_bytes(blob)
    return IntentClassifier.load(folder)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=65536)
    ap.add_argument("--single", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--counts-rev", default=COUNTS_REV)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--events", type=Path, nargs="*", default=[])
    args = ap.parse_args()

    presence = IntentClassifier.load_default()
    counts = model_at(args.counts_rev)
    print(f"shipped model: binary={presence.spec.binary}; {args.counts_rev}'s: "
          f"binary={counts.spec.binary}")
    prompts = _prompts(args.data, args.rows)
    single = prompts[: args.single]
    batch = _best_cpu({"presence": lambda: presence.request_logits(prompts),
                       "counts": lambda: counts.request_logits(prompts)}, args.rounds)

    def one_by_one(model: IntentClassifier) -> None:
        for p in single:
            model.request_logits([p])

    one = _best_cpu({"presence": lambda: one_by_one(presence),
                     "counts": lambda: one_by_one(counts)}, args.rounds)
    for name in ("presence", "counts"):
        print(f"{name:9s} batch {len(prompts) / batch[name]:>10,.0f} prompts/CPU-s   "
              f"single {1e6 * one[name] / len(single):6.1f} CPU-us/request")
    print(f"presence / counts: batch throughput {batch['counts'] / batch['presence']:.2f}x, "
          f"single latency {one['presence'] / one['counts']:.2f}x "
          f"(best of {args.rounds} interleaved rounds, {time.strftime('%Y-%m-%d')})")
    for folder in args.events:
        files = sorted(glob.glob(str(folder / "**" / "*.parquet"), recursive=True))
        table = pa.concat_tables([pq.read_table(f, columns=["prompt", "system_prompt"])
                                  for f in files]).slice(0, 200_000)
        batches = [table.slice(i, 20_000) for i in range(0, table.num_rows, 20_000)]

        def score(model: IntentClassifier, parts: list[pa.Table] = batches) -> None:
            for b in parts:
                model.request_logits(b.column("prompt"), b.column("system_prompt"))

        cpu = _best_cpu({"presence": lambda: score(presence),
                         "counts": lambda: score(counts)}, args.rounds)
        per_m = {k: 1e6 * v / table.num_rows for k, v in cpu.items()}
        print(f"{folder}: {table.num_rows:,} requests, CPU-s per 1M: presence "
              f"{per_m['presence']:.2f}, counts {per_m['counts']:.2f} "
              f"(x{per_m['presence'] / per_m['counts']:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

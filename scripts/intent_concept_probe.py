"""Research probe (round 22, docs/signals.md "Round 22: concept features"): leave-families-out
recall of the intent classifier with concept features from the multilingual lexicon
(``signals/training/concepts.py``) appended to the shipped n-gram features. Nothing in
``src/`` scores with them yet: the shipped kernel computes n-grams only.

Builds ``train_intent.py``'s examples (the shipped recipe: presence features, no clusters,
``--evals`` as benign data), featurises them with the kernel, appends the concept columns
(``--concept-scale``; 0 = the shipped features alone, the baseline) and runs
``fit.leave_families_out`` with the shipped options, writing its report to ``--out``:

    .venv/bin/python scripts/intent_concept_probe.py --data ../shared/data --evals WHEEL \\
        --leave-one-out --out /tmp/concepts.json              # 257 fits, ~75 min, --jobs 2
    .venv/bin/python scripts/intent_concept_probe.py --evals WHEEL --folds 10 --out /tmp/c10.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))

from train_intent import DEFAULT_SPEC, PERTURB_SHARE, _evals_examples  # noqa: E402

from distillwatch.signals.training.concepts import (  # noqa: E402
    ConceptLexicon,
    concept_matrix,
    with_concepts,
)
from distillwatch.signals.training.dataset import ALL_FAMILIES, build_examples  # noqa: E402
from distillwatch.signals.training.families import EN_FAMILIES  # noqa: E402
from distillwatch.signals.training.families_intl import INTL_FAMILIES  # noqa: E402
from distillwatch.signals.training.fit import (  # noqa: E402
    TrainOptions,
    dev_families,
    featurize_examples,
    leave_families_out,
)
from distillwatch.signals.training.tasks import load_task_pool  # noqa: E402

# train_intent.py's defaults: presence features, 1/sqrt(N) (--binary, --norm-ref 0)
SPEC = replace(DEFAULT_SPEC, binary=True, norm_ref=0)
SUMMARY = ("recall", "recall_at_fpr", "without_reasoning_requests", "by_language", "by_intent",
           "evals_benign")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--evals", type=Path, default=None, help="the evals wheel (shipped recipe)")
    ap.add_argument("--per-family", type=int, default=400)
    ap.add_argument("--benign-per-family", type=int, default=600)
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--leave-one-out", action="store_true")
    ap.add_argument("--only-folds", default=None, help="comma-separated fold numbers")
    ap.add_argument("--concept-scale", type=float, default=1.0,
                    help="value of a concept column before the row scaling (0: no concepts)")
    ap.add_argument("--lexicon", type=Path, nargs="*", default=None,
                    help="lexicon JSON files (default: the packaged ones)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", type=Path, required=True, help="report JSON")
    args = ap.parse_args(argv)

    def say(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    options = TrainOptions(alpha=1e-6, n_jobs=args.jobs)  # train_intent.py's defaults
    examples = build_examples(load_task_pool(args.data), families=ALL_FAMILIES,
                              per_family=args.per_family,
                              benign_per_family=args.benign_per_family, seed=options.seed,
                              perturb_share=PERTURB_SHARE)
    if args.evals is not None:
        args.evals_per_file, args.evals_train, args.evals_measure = 100, 20_000, 10_000
        args.seed = options.seed
        examples += _evals_examples(args, ALL_FAMILIES)[0]
    x = featurize_examples(examples, SPEC)
    if args.concept_scale > 0:
        lexicon = ConceptLexicon.load(args.lexicon)
        say(f"lexicon: {len(lexicon.concepts)} concepts, {lexicon.n_forms} forms")
        xc = concept_matrix(lexicon, [e.prompt for e in examples],
                            [e.system for e in examples], SPEC.clip_chars)
        say(f"concept columns: {xc.nnz / len(examples):.1f} per request")
        x = with_concepts(x, xc, args.concept_scale)
    dev = dev_families([f.id for f in (*EN_FAMILIES, *INTL_FAMILIES)], (0, 1, 2), folds=10,
                       seed=0)
    only = None if args.only_folds is None else {int(k) for k in args.only_folds.split(",")}
    report = leave_families_out(examples, x, options=options, folds=args.folds, progress=say,
                                dev_families=dev, only_folds=only,
                                leave_one_out=args.leave_one_out)
    report["concept_scale"] = args.concept_scale
    args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: report[k] for k in SUMMARY}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

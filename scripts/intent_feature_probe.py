"""Research probe (round 12, docs/signals.md "Round 12: presence features"): leave-families-out
recall of the intent classifier under other feature values and fits, on one cached count
matrix, so only the variant differs. Nothing in ``src/`` uses it.

Builds ``train_intent.py``'s examples (no evals, the shipped word clusters) at ``--per-family``,
featurises them once with counts, then for each variant deals the same 10 random folds (or one
family per fold with ``--leave-one-out``) and prints pooled recall at 0.5% / 1% / 2% FP on the
held-out real benign prompts, and at 0.5% / 1% without the eleven that ask for step-by-step
reasoning (``fit.asks_for_reasoning``).

    .venv/bin/python scripts/intent_feature_probe.py --data ../shared/data --per-family 120 \\
        [--variants counts,presence,presence_a1e-6] [--leave-one-out]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import SGDClassifier
from sklearn.preprocessing import normalize

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from distillwatch.signals.features import FeatureSpec  # noqa: E402
from distillwatch.signals.intent import IntentClassifier, WordClusters  # noqa: E402
from distillwatch.signals.training import fit as F  # noqa: E402
from distillwatch.signals.training.dataset import ALL_FAMILIES, build_examples  # noqa: E402
from distillwatch.signals.training.tasks import load_task_pool  # noqa: E402
from intent_presence import COUNTS_REV, model_at  # noqa: E402

Scorer = Callable[[sp.csr_matrix], np.ndarray]
Fitter = Callable[[sp.csr_matrix, F.FoldArrays, np.ndarray], Scorer]


def _presence(x: sp.csr_matrix) -> sp.csr_matrix:
    """Each stored bucket 1, rows L2-normalised: ``FeatureSpec(binary=True, norm_ref=0)``."""
    x = x.copy()
    x.data[:] = 1.0
    return normalize(x)


def _presence_raw(x: sp.csr_matrix) -> sp.csr_matrix:
    x = x.copy()
    x.data[:] = 1.0
    return x


def _sublinear(x: sp.csr_matrix) -> sp.csr_matrix:
    """log(1 + count), rows L2-normalised (a row's smallest value is one occurrence)."""
    x = x.copy()
    lows = np.minimum.reduceat(x.data, x.indptr[:-1])
    x.data = np.log1p(x.data / np.repeat(lows, np.diff(x.indptr))).astype(np.float32)
    return normalize(x)


def _linear(options: F.TrainOptions, seeds: tuple[int, ...] = (0,)) -> Fitter:
    """The shipped fit (``fit.fit_linear`` + temperature on calib), weights averaged over
    ``seeds``."""
    def fitter(x: sp.csr_matrix, a: F.FoldArrays, held: np.ndarray) -> Scorer:
        train = (a.split == "train") & ~held
        fits = [F.fit_linear(x[train], a.y[train], a.w[train], replace(options, seed=s))
                for s in seeds]
        w = sum(f[0] for f in fits) / len(fits)
        b = sum(f[1] for f in fits) / len(fits)
        calib = (a.split == "calib") & ~held
        temp = F.fit_temperature(x[calib] @ w + b, a.y[calib])
        return lambda xe: F._intent_scores(xe @ w + b, temp)
    return fitter


def _attack_head(options: F.TrainOptions) -> Fitter:
    """One attack-vs-benign logistic head instead of six classes."""
    def fitter(x: sp.csr_matrix, a: F.FoldArrays, held: np.ndarray) -> Scorer:
        train = (a.split == "train") & ~held
        m = SGDClassifier(loss="log_loss", alpha=options.alpha, max_iter=options.epochs,
                          tol=None, random_state=0)
        m.fit(x[train], (a.y[train] != F.BENIGN_INDEX).astype(int), sample_weight=a.w[train])
        return lambda xe: np.asarray(m.decision_function(xe))
    return fitter


def _clusters_of_1ca91b4(folder: Path | None) -> WordClusters | None:
    """The word clusters the round-12 dev loop used: those of the model shipped at 1ca91b4
    (the shipped model has none since round 12)."""
    model = model_at(COUNTS_REV) if folder is None else IntentClassifier.load(folder)
    return model.clusters


def _identity(x: sp.csr_matrix) -> sp.csr_matrix:
    return x


BASE = F.TrainOptions()
VARIANTS: dict[str, tuple[Callable[[sp.csr_matrix], sp.csr_matrix], Fitter]] = {
    "counts": (_identity, _linear(BASE)),
    "counts_epochs40": (_identity, _linear(replace(BASE, epochs=40))),
    "counts_3_seeds": (_identity, _linear(BASE, (0, 1, 2))),
    "counts_modified_huber": (_identity, _linear(replace(BASE, loss="modified_huber"))),
    "counts_attack_head": (_identity, _attack_head(BASE)),
    "sublinear": (_sublinear, _linear(BASE)),
    "presence_unnormalised": (_presence_raw, _linear(BASE)),
    "presence": (_presence, _linear(BASE)),
    "presence_a1e-5": (_presence, _linear(replace(BASE, alpha=1e-5))),
    "presence_a1e-6": (_presence, _linear(replace(BASE, alpha=1e-6))),
    "presence_a3e-7": (_presence, _linear(replace(BASE, alpha=3e-7))),
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--per-family", type=int, default=120)
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--leave-one-out", action="store_true")
    ap.add_argument("--clusters-from", type=Path, default=None,
                    help="a model directory with word clusters (default: the model shipped "
                         "at commit 1ca91b4, read with git show)")
    ap.add_argument("--no-clusters", action="store_true",
                    help="no word-cluster n-grams (the round-12 model's features)")
    args = ap.parse_args()
    examples = build_examples(load_task_pool(args.data), families=ALL_FAMILIES,
                              per_family=args.per_family, seed=0)
    clusters = None if args.no_clusters else _clusters_of_1ca91b4(args.clusters_from)
    x0 = F.featurize_examples(examples, FeatureSpec(cjk_split=True), clusters=clusters)
    arrays = F.fold_arrays(examples, BASE)
    fams = F.attack_families(examples)
    fold_of = (F.one_family_folds(fams) if args.leave_one_out
               else F.family_folds(fams, 10, seed=0))
    for name in args.variants.split(","):
        xform, fitter = VARIANTS[name]
        x = xform(x0)
        hits: dict[float, list[bool]] = {0.005: [], 0.01: [], 0.02: []}
        plain: dict[float, list[bool]] = {0.005: [], 0.01: []}
        t0 = time.perf_counter()
        for k in sorted(set(fold_of.values())):
            held = F.held_out_mask(arrays.base_family, fold_of, k)
            score = fitter(x, arrays, held)
            idx = np.flatnonzero(arrays.real_test | (held & (arrays.split == "test")
                                                     & (arrays.y != F.BENIGN_INDEX)))
            s = score(x[idx])
            real, ok = arrays.real_test[idx], arrays.plain_test[idx]
            for level, got in hits.items():
                got += (s[~real] > F.threshold_at_fpr(s[real], level)).tolist()
            for level, got in plain.items():
                got += (s[~real] > F.threshold_at_fpr(s[ok], level)).tolist()
        row = " / ".join(f"{np.mean(v):.4f}" for v in hits.values())
        row_plain = " / ".join(f"{np.mean(v):.4f}" for v in plain.values())
        print(f"{name:24s} at 0.5% / 1% / 2% FP {row}; without the 11 at 0.5% / 1% "
              f"{row_plain} ({time.perf_counter() - t0:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

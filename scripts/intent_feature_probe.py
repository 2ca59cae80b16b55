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

Round 13 (docs/signals.md, "Round 13") added fits and feature values on the round-12
features (attack heads, weights, hard negatives, feature dropout, ensembles, length scales),
``--en2`` and ``--also REGEX``, measured with ``--no-clusters``:

    .venv/bin/python scripts/intent_feature_probe.py --data ../shared/data --per-family 120 \\
        --no-clusters --variants presence_a1e-6,presence_head,presence_bw12,presence_drop3x1

Round 21 (docs/signals.md, "Round 21") measured other character n-gram lengths:

    .venv/bin/python scripts/intent_feature_probe.py --data ../shared/data --per-family 120 \\
        --no-clusters --variants presence_a1e-6 --char-ngrams 1,2,3,4,5
"""

from __future__ import annotations

import argparse
import re
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

from distillwatch.signals.features import FeatureSpec, presence  # noqa: E402
from distillwatch.signals.intent import IntentClassifier, WordClusters  # noqa: E402
from distillwatch.signals.training import fit as F  # noqa: E402
from distillwatch.signals.training.dataset import (  # noqa: E402
    ALL_FAMILIES,
    EN2_SET,
    build_examples,
)
from distillwatch.signals.training.tasks import load_task_pool  # noqa: E402
from intent_presence import COUNTS_REV, model_at  # noqa: E402

Scorer = Callable[[sp.csr_matrix], np.ndarray]
Fitter = Callable[[sp.csr_matrix, F.FoldArrays, np.ndarray], Scorer]


_PRESENCE = FeatureSpec(binary=True, norm_ref=0)


def _presence(x: sp.csr_matrix) -> sp.csr_matrix:
    """The shipped feature values (``features.presence``): each stored bucket 1, rows
    L2-normalised."""
    return presence(x, _PRESENCE)


def _presence_pow(p: float) -> Callable[[sp.csr_matrix], sp.csr_matrix]:
    """Each stored bucket 1, rows times N ** -p (N distinct buckets; p 0.5 is
    :func:`_presence`, p 0 leaves them unnormalised)."""
    def xform(x: sp.csr_matrix) -> sp.csr_matrix:
        x = x.copy()
        x.data[:] = 1.0
        n = np.maximum(np.diff(x.indptr), 1).astype(np.float64)
        return sp.diags(n ** -p) @ x
    return xform


def _sublinear(x: sp.csr_matrix) -> sp.csr_matrix:
    """log(1 + count), rows L2-normalised (a row's smallest value is one occurrence)."""
    x = x.copy()
    lows = np.minimum.reduceat(x.data, x.indptr[:-1])
    x.data = np.log1p(x.data / np.repeat(lows, np.diff(x.indptr))).astype(np.float32)
    return normalize(x)


def _logit(scores: np.ndarray) -> np.ndarray:
    """log(p / (1 - p)) of intent scores, clipped away from 0 and 1."""
    p = np.clip(scores, 1e-12, 1 - 1e-12)
    return np.asarray(np.log(p / (1 - p)))


def _calibrated(x: sp.csr_matrix, a: F.FoldArrays, held: np.ndarray, w: np.ndarray,
                b: np.ndarray) -> Scorer:
    """Intent scores of the linear model (w, b), its temperature fitted on the fold's calib
    split (as ``fit.train_final`` does)."""
    calib = (a.split == "calib") & ~held
    temp = F.fit_temperature(x[calib] @ w + b, a.y[calib])
    return lambda xe: F._intent_scores(xe @ w + b, temp)


def _linear(options: F.TrainOptions, seeds: tuple[int, ...] = (0,)) -> Fitter:
    """The shipped fit (``fit.fit_linear`` + temperature on calib), weights averaged over
    ``seeds``."""
    def fitter(x: sp.csr_matrix, a: F.FoldArrays, held: np.ndarray) -> Scorer:
        train = (a.split == "train") & ~held
        # the arrays carry BASE's weights; a variant's options set its own (real families
        # carry no "~variant", so the base family is the family)
        w = F.family_weights(a.base_family.tolist(), options)
        fits = [F.fit_linear(x[train], a.y[train], w[train], replace(options, seed=s))
                for s in seeds]
        return _calibrated(x, a, held, sum(f[0] for f in fits) / len(fits),
                           sum(f[1] for f in fits) / len(fits))
    return fitter


def _attack_head(options: F.TrainOptions, mix: float = 0.0) -> Fitter:
    """One attack-vs-benign logistic head instead of six classes; with ``mix`` > 0 its margin
    is added, times ``mix``, to the logit of the six-class model's intent score."""
    def fitter(x: sp.csr_matrix, a: F.FoldArrays, held: np.ndarray) -> Scorer:
        train = (a.split == "train") & ~held
        yb = (a.y[train] != F.BENIGN_INDEX).astype(int)
        m = SGDClassifier(loss="log_loss", alpha=options.alpha, max_iter=options.epochs,
                          tol=None, random_state=0)
        m.fit(x[train], yb, sample_weight=a.w[train])
        if mix <= 0:
            return lambda xe: np.asarray(m.decision_function(xe))
        six = _linear(options)(x, a, held)
        return lambda xe: _logit(six(xe)) + mix * np.asarray(m.decision_function(xe))
    return fitter


def _feature_dropout(options: F.TrainOptions, rate: float, copies: int,
                     attacks_only: bool = False) -> Fitter:
    """The shipped fit on the training rows plus ``copies`` copies of them with each stored
    bucket dropped at ``rate`` (then presence and L2 again): no single n-gram can carry a
    family, so weight spreads over more of an intent's vocabulary."""
    def fitter(x: sp.csr_matrix, a: F.FoldArrays, held: np.ndarray) -> Scorer:
        rng = np.random.default_rng(0)
        train = np.flatnonzero((a.split == "train") & ~held)
        xt = x[train]
        parts, ys, ws = [xt], [a.y[train]], [a.w[train]]
        pick = (a.y[train] != F.BENIGN_INDEX) if attacks_only else np.ones(len(train), bool)
        for _ in range(copies):
            d = xt[pick].copy()
            d.data[rng.random(d.nnz) < rate] = 0.0
            d.eliminate_zeros()
            parts.append(_presence(d))
            ys.append(a.y[train][pick])
            ws.append(a.w[train][pick])
        xa = sp.vstack(parts).tocsr()
        return _calibrated(x, a, held,
                           *F.fit_linear(xa, np.concatenate(ys), np.concatenate(ws), options))
    return fitter


def _ensemble(views: tuple[Callable[[sp.csr_matrix], sp.csr_matrix], ...],
              options: F.TrainOptions) -> Fitter:
    """Mean logit of the shipped fit on each feature view of the same counts."""
    def fitter(x: sp.csr_matrix, a: F.FoldArrays, held: np.ndarray) -> Scorer:
        fits = [(v, _linear(options)(v(x), a, held)) for v in views]
        return lambda xe: np.mean([_logit(f(v(xe))) for v, f in fits], axis=0)
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
    "presence_unnormalised": (_presence_pow(0.0), _linear(BASE)),
    "presence": (_presence, _linear(BASE)),
    "presence_a1e-5": (_presence, _linear(replace(BASE, alpha=1e-5))),
    "presence_a1e-6": (_presence, _linear(replace(BASE, alpha=1e-6))),
    "presence_a3e-7": (_presence, _linear(replace(BASE, alpha=3e-7))),
    # round 13: fits on the round-12 features (presence, alpha 1e-6)
    "presence_head": (_presence, _attack_head(replace(BASE, alpha=1e-6))),
    "presence_mix": (_presence, _attack_head(replace(BASE, alpha=1e-6), mix=1.0)),
    "presence_hard1": (_presence, _linear(replace(BASE, alpha=1e-6, hard_rounds=1))),
    "presence_bw12": (_presence, _linear(replace(BASE, alpha=1e-6, real_benign_weight=12.0))),
    "presence_bw24": (_presence, _linear(replace(BASE, alpha=1e-6, real_benign_weight=24.0))),
    "presence_bw48": (_presence, _linear(replace(BASE, alpha=1e-6, real_benign_weight=48.0))),
    "presence_bw12_tw8": (_presence, _linear(replace(BASE, alpha=1e-6, real_benign_weight=12.0,
                                                     task_benign_weight=8.0))),
    "presence_bw12_a3e-7": (_presence, _linear(replace(BASE, alpha=3e-7,
                                                       real_benign_weight=12.0))),
    "presence_drop3x1": (_presence, _feature_dropout(replace(BASE, alpha=1e-6), 0.3, 1)),
    "presence_drop5x1": (_presence, _feature_dropout(replace(BASE, alpha=1e-6), 0.5, 1)),
    "presence_drop3x2": (_presence, _feature_dropout(replace(BASE, alpha=1e-6), 0.3, 2)),
    "presence_drop5x1_att": (_presence, _feature_dropout(replace(BASE, alpha=1e-6), 0.5, 1,
                                                         attacks_only=True)),
    "ens_presence_counts": (_identity, _ensemble((_presence, _identity),
                                                 replace(BASE, alpha=1e-6))),
    "ens_presence_sublinear": (_identity, _ensemble((_presence, _sublinear),
                                                    replace(BASE, alpha=1e-6))),
    "presence_p0.35": (_presence_pow(0.35), _linear(replace(BASE, alpha=1e-6))),
    "presence_p0.42": (_presence_pow(0.42), _linear(replace(BASE, alpha=1e-6))),
    "presence_p0.6": (_presence_pow(0.6), _linear(replace(BASE, alpha=1e-6))),
    "presence_bw3": (_presence, _linear(replace(BASE, alpha=1e-6, real_benign_weight=3.0))),
    "presence_avg": (_presence, _linear(replace(BASE, alpha=1e-6, average=True))),
    "presence_ep30": (_presence, _linear(replace(BASE, alpha=1e-6, epochs=30))),
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
    ap.add_argument("--en2", action="store_true",
                    help="add the opt-in second English set (families_en2, benign_en2); the "
                         "figures are then printed for every family and for the others alone")
    ap.add_argument("--also", default=None,
                    help="a regular expression: also print the figures for the held-out "
                         "families whose id it matches anywhere (re.search)")
    ap.add_argument("--char-ngrams", default=",".join(map(str, _PRESENCE.char_ngrams)),
                    help="character n-gram lengths, comma-separated (round 21; default: the "
                         "shipped model's)")
    ap.add_argument("--no-clusters", action="store_true",
                    help="no word-cluster n-grams (the round-12 model's features)")
    args = ap.parse_args()
    families = (*ALL_FAMILIES, *EN2_SET) if args.en2 else ALL_FAMILIES
    examples = build_examples(load_task_pool(args.data), families=families,
                              per_family=args.per_family, seed=0)
    clusters = None if args.no_clusters else _clusters_of_1ca91b4(args.clusters_from)
    x0 = F.featurize_examples(examples, FeatureSpec(
        cjk_split=True, char_ngrams=tuple(int(n) for n in args.char_ngrams.split(","))),
        clusters=clusters)
    arrays = F.fold_arrays(examples, BASE)
    fams = F.attack_families(examples)
    fold_of = (F.one_family_folds(fams) if args.leave_one_out
               else F.family_folds(fams, 10, seed=0))
    # families whose held-out figures are also printed alone: --also's matches, else (with
    # --en2) the default set
    subset_ids = ({f.id for f in families if re.search(args.also, f.id)} if args.also
                  else {f.id for f in ALL_FAMILIES})
    for name in args.variants.split(","):
        xform, fitter = VARIANTS[name]
        x = xform(x0)
        hits: dict[float, list[bool]] = {0.005: [], 0.01: [], 0.02: []}
        plain: dict[float, list[bool]] = {0.005: [], 0.01: []}
        in_subset: list[bool] = []  # per held-out attack example
        t0 = time.perf_counter()
        for k in sorted(set(fold_of.values())):
            held = F.held_out_mask(arrays.base_family, fold_of, k)
            score = fitter(x, arrays, held)
            idx = np.flatnonzero(arrays.real_test | (held & (arrays.split == "test")
                                                     & (arrays.y != F.BENIGN_INDEX)))
            s = score(x[idx])
            real, ok = arrays.real_test[idx], arrays.plain_test[idx]
            in_subset += [b in subset_ids for b in arrays.base_family[idx][~real].tolist()]
            for level, got in hits.items():
                got += (s[~real] > F.threshold_at_fpr(s[real], level)).tolist()
            for level, got in plain.items():
                got += (s[~real] > F.threshold_at_fpr(s[ok], level)).tolist()
        every = np.ones(len(in_subset), dtype=bool)
        row, row_plain = _recall_rows(hits, every), _recall_rows(plain, every)
        print(f"{name:24s} at 0.5% / 1% / 2% FP {row}; without the 11 at 0.5% / 1% "
              f"{row_plain} ({time.perf_counter() - t0:.0f} s)", flush=True)
        keep = np.array(in_subset, dtype=bool)
        what = args.also or "default families"
        if not keep.any():
            print(f"{'':24s} no held-out family matches {what}", flush=True)
        elif not keep.all():
            print(f"{'':24s} {what} alone {_recall_rows(hits, keep)}; without the 11 "
                  f"{_recall_rows(plain, keep)}", flush=True)
    return 0


def _recall_rows(hits: dict[float, list[bool]], keep: np.ndarray) -> str:
    """Recall at each false-positive level over the held-out attack examples ``keep`` picks."""
    return " / ".join(f"{np.mean(np.array(v)[keep]):.4f}" for v in hits.values())


if __name__ == "__main__":
    raise SystemExit(main())

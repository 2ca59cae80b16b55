"""findings.evidence.support_tables: rolled-up support rows against Python, and ``needed``."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import ibis
import pyarrow as pa

from distillwatch.features.account import account_features
from distillwatch.findings.evidence import needed_support, support_tables
from distillwatch.schema import STORE_EVENT_SCHEMA
from distillwatch.scoring.rules import load_rules
from tests_support import hex_key, with_key_ints

T0 = datetime(2026, 3, 1, tzinfo=UTC)


def _events() -> tuple[ibis.Table, list[dict]]:
    rng = random.Random(3)
    rows = []
    for i in range(1500):
        rows.append({
            "ts": T0 + timedelta(seconds=rng.randrange(86400)), "account_id": f"a{i % 6}",
            "event_key": f"e{rng.randrange(10**6):06d}-{i}",
            "template_key": rng.choice([None, *(hex_key(f"t{j}") for j in range(1, 5))]),
            "item_key": rng.choice([None, *(hex_key(f"i{j}") for j in range(1, 4))]),
            "ip_prefix": rng.choice([None, "10.0.0.0/24", "10.0.1.0/24"]),
            "ip_asn": rng.choice([None, 64500, 64501]),
            "client_ip": rng.choice([None, "10.0.0.1", "10.0.0.2", "10.0.1.9"]),
            "ip_is_hosting": rng.choice([None, True, False]),
            "model": rng.choice([None, "m1", "m2"]),
            "intent_score": rng.random(), "intent_label": "cot_elicitation",
        })
    table = pa.Table.from_pylist(
        [{f.name: r.get(f.name) for f in STORE_EVENT_SCHEMA} for r in rows],
        schema=STORE_EVENT_SCHEMA,
    )
    return ibis.memtable(with_key_ints(table)), rows


def test_templates_and_network_rows_match_python() -> None:
    events, rows = _events()
    sup = support_tables(events, ["a1", "a2"], examples=50)
    for r in sup["templates"].to_pylist():
        ev = [e for e in rows if e["account_id"] == r["account_id"]
              and e["template_key"] == r["template_key"]]
        assert r["n"] == len(ev)
        assert r["items"] == len({e["item_key"] for e in ev if e["item_key"] is not None})
        assert r["example_event_key"] == min(e["event_key"] for e in ev)
    assert {r["account_id"] for r in sup["templates"].to_pylist()} == {"a1", "a2"}
    for r in sup["network"].to_pylist():
        ev = [e for e in rows if e["account_id"] == r["account_id"]
              and e["ip_prefix"] == r["ip_prefix"] and e["ip_asn"] == r["ip_asn"]]
        assert r["n"] == len(ev)
        assert r["ips"] == len({e["client_ip"] for e in ev if e["client_ip"] is not None})
        assert r["hosting"] == sum(1 for e in ev if e["ip_is_hosting"])
        assert r["example_event_key"] == min(e["event_key"] for e in ev)


def test_needed_limits_each_kind_to_its_accounts() -> None:
    events, _ = _events()
    full = support_tables(events, ["a1", "a2", "a3"], examples=3)
    part = support_tables(events, ["a1", "a2", "a3"], examples=3,
                          needed={"intent": {"a2", "a9"}, "models": {"a1", "a3"}})
    assert set(part) == {"intent", "models"}  # templates and network: nobody quotes them
    for kind, accs in (("intent", {"a2"}), ("models", {"a1", "a3"})):
        want = [r for r in full[kind].to_pylist() if r["account_id"] in accs]
        key = ("account_id", "event_key") if kind == "intent" else ("account_id", "model")

        def order(r: dict, key: tuple[str, ...] = key) -> tuple:
            return tuple(r[k] for k in key)

        assert sorted(part[kind].to_pylist(), key=order) == sorted(want, key=order)


def test_needed_support_maps_reasons_to_their_rules_support() -> None:
    rules = load_rules()
    by_kind = {r.support: r.id for r in rules.rules if r.support is not None}
    contributions = pa.table({"account_id": ["x", "y", "y"],
                              "rule": [by_kind["intent"], by_kind["models"], by_kind["intent"]]})
    assert needed_support(rules, contributions) == {"intent": {"x", "y"}, "models": {"y"}}


def _saturated_events() -> ibis.Table:
    """Intent scores like the classifier's: most at exactly 1.0 or just under, with ties."""
    rng = random.Random(7)
    levels = [1.0, 1.0, 1.0, 0.99999, 0.9995, 0.95, 0.7, 0.4, None]
    rows = []
    for i in range(2400):
        acc = f"a{i % 8}"
        # a4 has five high-intent events; a5 none at all; a6 ties at 0.9995 only
        if acc == "a4":
            score = 1.0 if i < 40 else 0.3
        elif acc == "a5":
            score = 0.2
        elif acc == "a6":
            score = 0.9995 if i % 3 else 0.6
        elif acc == "a7":  # two at 1.0, the rest below the next cut-off: the floor is lower
            score = 1.0 if i < 16 else 0.95
        else:
            score = rng.choice(levels)
        rows.append({
            "ts": T0 + timedelta(seconds=rng.randrange(86400)), "account_id": acc,
            "event_key": f"e{rng.randrange(10**4):04d}-{i}",
            "intent_score": score, "intent_label": "cot_elicitation",
            "ip_prefix": rng.choice([None, "10.0.0.0/24", "10.0.1.0/24"]),
            "ip_asn": rng.choice([None, 64500, 64501]),
            "client_ip": rng.choice([None, "10.0.0.1", "10.0.0.2", "10.0.1.9"]),
            "ip_is_hosting": rng.choice([None, True, False]),
            "model": rng.choice([None, "m1", "m2"]),
        })
    table = pa.Table.from_pylist(
        [{f.name: r.get(f.name) for f in STORE_EVENT_SCHEMA} for r in rows],
        schema=STORE_EVENT_SCHEMA,
    )
    return ibis.memtable(table)


def _rows(table: pa.Table) -> list[dict]:
    return sorted(table.to_pylist(), key=lambda r: tuple(str(v) for v in r.values()))


def test_feature_stage_aggregates_give_the_same_support_as_scanning() -> None:
    events = _saturated_events()
    computed = account_features(events, None)
    accounts = [f"a{i}" for i in range(8)]
    for k in (1, 3, 50):
        scanned = support_tables(events, accounts, examples=k)
        reused = support_tables(events, accounts, examples=k, network=computed.network,
                                intent_cutoffs=computed.intent_cutoffs)
        assert set(reused) == set(scanned) == {"templates", "intent", "network", "models"}
        for kind in ("intent", "network", "models"):
            assert _rows(reused[kind]) == _rows(scanned[kind]), (kind, k)
    # the cut-offs do narrow the ranking: most accounts have 3+ events at exactly 1.0
    counts = computed.intent_cutoffs.to_pydict()
    assert counts["intent_ge_3"][counts["account_id"].index("a0")] >= 3
    assert counts["intent_ge_0"][counts["account_id"].index("a4")] == 40 // 8
    intent = support_tables(events, ["a4", "a5", "a6", "a7"], examples=3, network=computed.network,
                            intent_cutoffs=computed.intent_cutoffs)["intent"].to_pylist()
    by_acc: dict[str, list[float]] = {}
    for r in intent:
        by_acc.setdefault(r["account_id"], []).append(r["intent_score"])
    assert "a5" not in by_acc  # nothing at or above 0.5
    assert len(by_acc["a4"]) == 3 and len(by_acc["a6"]) == 3
    assert sorted(by_acc["a7"]) == [0.949999988079071, 1.0, 1.0]  # float32 0.95

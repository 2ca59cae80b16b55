"""Campaign evidence built column-wise (integer rows, one pass per campaign and link type)
against a plain-Python reference of the per-link dict version it replaced: member link counts
and partners (totals rounded to 4 places one link type at a time, in first-seen order),
campaign_link examples, sums and account counts, and the indicators."""

from __future__ import annotations

import heapq
import json
from collections import Counter
from typing import Any

import ibis
import pytest
from linkage_synth import SynthStore, write_store

from distillwatch.linkage import CampaignResult, find_campaigns
from distillwatch.linkage.campaigns import LINK_INDICATORS


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> CampaignResult:
    store: SynthStore = write_store(tmp_path_factory.mktemp("speedlinks"), seed=11)
    con = ibis.duckdb.connect()
    ev = con.read_parquet(str(store.root / "events" / "*" / "*.parquet"), hive_partitioning=True)
    ac = con.read_parquet(str(store.root / "accounts" / "accounts.parquet"))
    return find_campaigns(ev, ac, store.scores)


def _types(result: CampaignResult) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Per campaign, link type -> links in the links table's order (first-seen link types)."""
    cid = dict(zip(result.membership["account_id"].to_pylist(),
                   result.membership["campaign_id"].to_pylist(), strict=True))
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for row in result.links.to_pylist():
        ev = json.loads(row["evidence"])
        out.setdefault(cid[row["src"]], {}).setdefault(row["link_type"], []).append(
            {"src": row["src"], "dst": row["dst"], "weight": row["weight"], "key": ev["key"],
             "shared_keys": ev["shared_keys"], "group_size": ev["group_size"]})
    return out


def test_there_is_something_to_compare(result: CampaignResult) -> None:
    types = _types(result)
    assert len(types) >= 2
    # pairs linked by several link types: where the order of the rounded sums matters
    pairs = Counter((r["src"], r["dst"]) for r in result.links.to_pylist())
    assert max(pairs.values()) >= 2


def test_member_evidence_matches_the_per_link_reference(result: CampaignResult) -> None:
    for cid, types in _types(result).items():
        ref: dict[str, dict[str, Any]] = {}
        for lt, items in types.items():
            for x in items:
                for a, b in ((x["src"], x["dst"]), (x["dst"], x["src"])):
                    d = ref.setdefault(a, {"_partners": {}})
                    d[lt] = d.get(lt, 0) + 1
                    d["_partners"][b] = round(d["_partners"].get(b, 0.0) + x["weight"], 4)
        rows = [e for e in result.evidence
                if e["kind"] == "campaign_member" and e["campaign_id"] == cid]
        assert rows
        for e in rows:
            ml = ref.get(e["account_id"], {"_partners": {}})
            want = heapq.nsmallest(5, ml["_partners"].items(), key=lambda kv: (-kv[1], kv[0]))
            assert e["partners"] == [p for p, _ in want]
            assert e["link_types"] == {k: v for k, v in sorted(ml.items()) if k != "_partners"}


def test_campaign_link_and_indicator_evidence_match_the_reference(
    result: CampaignResult,
) -> None:
    indicators = {r["campaign_id"]: json.loads(r["indicators"])
                  for r in result.campaigns.to_pylist()}
    for cid, types in _types(result).items():
        got = {e["link_type"]: e for e in result.evidence
               if e["kind"] == "campaign_link" and e["campaign_id"] == cid}
        assert set(got) == set(types)
        counts: dict[str, Counter[str]] = {f: Counter() for f in indicators[cid]}
        for lt, items in types.items():
            e = got[lt]
            assert e["pairs"] == len(items)
            assert e["accounts"] == len({x["src"] for x in items} | {x["dst"] for x in items})
            assert e["weight_sum"] == round(sum(x["weight"] for x in items), 4)
            top = sorted(items, key=lambda x: (-x["weight"], x["src"], x["dst"]))[:3]
            assert e["examples"] == [{k: x[k] for k in ("src", "dst", "key", "shared_keys",
                                                        "group_size")} for x in top]
            for x in items:
                if lt == "asn_ua":
                    asn, _, ua = str(x["key"]).partition("|")
                    counts["asns"][asn] += 1
                    counts["user_agents"][ua] += 1
                elif lt in LINK_INDICATORS:
                    counts[LINK_INDICATORS[lt]][str(x["key"])] += 1
        want = {f: [k for k, _ in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:20]]
                for f, c in counts.items()}
        assert indicators[cid] == want


def test_link_evidence_is_what_json_dumps_writes(result: CampaignResult) -> None:
    texts = result.links["evidence"].to_pylist()
    assert texts
    for text in texts:
        ev = json.loads(text)
        assert json.dumps(ev, sort_keys=True) == text
        assert ev["pair_weight"] == round(ev["pair_weight"], 4)
        assert ev["raw"] == round(ev["raw"], 4)

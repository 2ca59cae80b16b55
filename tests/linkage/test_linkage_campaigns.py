"""find_campaigns on a synthetic store with planted campaigns and hard negatives."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import ibis
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from linkage_synth import SynthStore, key_of, write_store

from distillwatch.evaluate.campaigns import campaign_metrics
from distillwatch.exceptions import LinkageError
from distillwatch.linkage import (
    LINKS_SCHEMA,
    MEMBERSHIP_SCHEMA,
    CampaignResult,
    campaign_id_for,
    find_campaigns,
    load_linkage_config,
)
from distillwatch.schema import FINDINGS_CAMPAIGN_SCHEMA


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> SynthStore:
    return write_store(tmp_path_factory.mktemp("linkstore"))


def _tables(store: SynthStore) -> tuple[ibis.Table, ibis.Table]:
    con = ibis.duckdb.connect()
    ev = con.read_parquet(str(store.root / "events" / "*" / "*.parquet"), hive_partitioning=True)
    ac = con.read_parquet(str(store.root / "accounts" / "accounts.parquet"))
    return ev, ac


@pytest.fixture(scope="module")
def result(store: SynthStore) -> CampaignResult:
    ev, ac = _tables(store)
    return find_campaigns(ev, ac, store.scores)


def _personas(store: SynthStore, result: CampaignResult) -> dict[str, Counter[str]]:
    persona = dict(
        zip(store.truth["account_id"].to_pylist(), store.truth["persona"].to_pylist(), strict=True)
    )
    out: dict[str, Counter[str]] = {}
    for r in result.membership.to_pylist():
        out.setdefault(r["campaign_id"], Counter())[persona[r["account_id"]]] += 1
    return out


def test_planted_campaigns_are_recovered_whole_and_pure(
    store: SynthStore, result: CampaignResult
) -> None:
    m = campaign_metrics(result.membership, store.truth)
    by_truth = {p["truth_campaign"]: p for p in m["campaigns"]}
    assert set(by_truth) == {"hydra", "paraphrase"}
    for p in by_truth.values():
        assert p["purity"] >= 0.95, p
        assert p["completeness"] >= 0.9, p
        assert p["fragments"] == 1, p
    assert m["spurious"] == []


def test_hard_negatives_stay_out_of_campaigns(store: SynthStore, result: CampaignResult) -> None:
    personas = _personas(store, result)
    seen = Counter()
    for counts in personas.values():
        seen.update(counts)
    for negative in ("developer", "student_nat", "reseller_customer", "eval_harness"):
        assert seen[negative] == 0, (negative, personas)


def test_output_schemas_and_evidence(store: SynthStore, result: CampaignResult) -> None:
    assert result.membership.schema.equals(MEMBERSHIP_SCHEMA)
    assert result.campaigns.schema.equals(FINDINGS_CAMPAIGN_SCHEMA)
    assert result.links.schema.equals(LINKS_SCHEMA)
    camps = {r["campaign_id"]: r for r in result.campaigns.to_pylist()}
    hydra = [c for c in camps.values() if "task_partitioning" in c["tactics"]]
    assert len(hydra) == 1
    h = hydra[0]
    assert h["accounts"] == 40
    assert h["exchanges"] == 40 * 26
    assert {"payment", "ip", "partition", "synchrony", "template"} <= set(h["link_types"])
    ind = json.loads(h["indicators"])
    assert ind["payment_fingerprints"] and all(
        p.startswith("card-hydra-") for p in ind["payment_fingerprints"]
    )
    assert ind["template_keys"] == [key_of("t-hydra")]
    # Every link type in a campaign has an evidence row naming a concrete example key.
    kinds = Counter((e["kind"], e.get("link_type")) for e in result.evidence)
    for lt in h["link_types"]:
        assert kinds[("campaign_link", lt)] >= 1
    members = [e for e in result.evidence if e["kind"] == "campaign_member"]
    assert len(members) == result.membership.num_rows
    assert all(e["partners"] for e in members)
    # Links only join members of the same campaign, and carry JSON evidence.
    cid = dict(
        zip(
            result.membership["account_id"].to_pylist(),
            result.membership["campaign_id"].to_pylist(),
            strict=True,
        )
    )
    for r in result.links.to_pylist():
        assert cid[r["src"]] == cid[r["dst"]]
        assert "key" in json.loads(r["evidence"])


def test_deterministic_ids_and_output(store: SynthStore, result: CampaignResult) -> None:
    ev, ac = _tables(store)
    again = find_campaigns(ev, ac, store.scores)
    assert again.membership.equals(result.membership)
    assert again.campaigns.equals(result.campaigns)
    assert again.links.equals(result.links)
    for r in result.campaigns.to_pylist():
        members = [
            m["account_id"]
            for m in result.membership.to_pylist()
            if m["campaign_id"] == r["campaign_id"]
        ]
        assert r["campaign_id"] == campaign_id_for(members)
        assert r["campaign_id"].startswith("cmp-")


def test_without_accounts_table_infrastructure_and_content_still_link(
    store: SynthStore,
) -> None:
    ev, _ = _tables(store)
    r = find_campaigns(ev, None, store.scores)
    m = campaign_metrics(r.membership, store.truth)
    by_truth = {p["truth_campaign"]: p for p in m["campaigns"]}
    assert by_truth["hydra"]["completeness"] >= 0.9
    assert by_truth["hydra"]["purity"] >= 0.95
    assert not any("payment" in c for c in r.campaigns["link_types"].to_pylist())


def test_low_harvest_community_is_not_a_campaign(store: SynthStore) -> None:
    """The same links with benign-looking content and scores give no campaign."""
    ev, ac = _tables(store)
    calm = ev.mutate(request_score=ibis.literal(0.02).cast("float32"))
    zero = pa.table(
        {"account_id": store.scores["account_id"], "score": pa.array([0.0] * store.scores.num_rows)}
    )
    r = find_campaigns(calm, ac, zero)
    assert r.campaigns.num_rows == 0
    assert r.stats["communities"] >= 2  # the links are still there


def test_sketch_only_store_without_text_columns(tmp_path: Path, store: SynthStore) -> None:
    """A store written with dropped text and some optional columns missing still works."""
    ev = store.events.drop_columns(["prompt", "response", "system_prompt", "user_agent"])
    pq.write_table(ev, tmp_path / "ev.parquet")
    con = ibis.duckdb.connect()
    r = find_campaigns(con.read_parquet(str(tmp_path / "ev.parquet")), None, store.scores)
    m = campaign_metrics(r.membership, store.truth)
    assert m["recovered"] >= 1


def test_missing_required_column_is_a_linkage_error(store: SynthStore) -> None:
    t = ibis.memtable(store.events.drop_columns(["event_key"]))
    with pytest.raises(LinkageError, match="event_key"):
        find_campaigns(t, None, store.scores)
    ev, _ = _tables(store)
    with pytest.raises(LinkageError, match="score"):
        find_campaigns(ev, None, store.scores.drop_columns(["score"]))


def test_leiden_methods(store: SynthStore) -> None:
    ev, ac = _tables(store)
    cfg = load_linkage_config(overrides={"method": "leiden"})
    r = find_campaigns(ev, ac, store.scores, config=cfg)
    m = campaign_metrics(r.membership, store.truth)
    assert m["recovered"] == 2
    try:
        import leidenalg  # noqa: F401
    except ImportError:
        with pytest.raises(LinkageError, match="graph-gpl"):
            find_campaigns(
                ev, ac, store.scores, config=load_linkage_config(overrides={"method": "leiden-cpm"})
            )

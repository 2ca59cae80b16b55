"""Campaign score: one heavy member does not set the pooled request score (pooled_member_cap).

lowslow (scale 0.1, seed 3): a benign eval harness (request score 0.54, 67% of the
exchanges) behind a campus NAT with 60 students (0.017) pooled to 0.369 and put the
community at 0.497-0.504 against the 0.5 campaign cut.
"""

from __future__ import annotations

import dataclasses
import sys

import ibis
import numpy as np
import pyarrow as pa
import pytest

from distillwatch.exceptions import ConfigError
from distillwatch.linkage.campaigns import campaigns_from, link_graph, pooled_request_score
from distillwatch.linkage.config import load_linkage_config
from tests_support import REPO

sys.path.insert(0, str(REPO / "tests" / "linkage"))
from linkage_synth import SynthStore, write_store


def test_nobody_over_the_cap_is_the_plain_exchange_weighted_mean_to_the_bit() -> None:
    rng = np.random.default_rng(3)
    ex = rng.integers(50, 150, size=40).astype(np.float64)  # max < 4 x median
    sums = ex * rng.random(40)
    assert pooled_request_score(ex, sums, member_cap=4.0) == float(sums.sum()) / ex.sum()


def test_a_heavy_member_counts_cap_times_the_median() -> None:
    # 60 students at 0.02 with 100 exchanges each, one harness at 0.54 with 12,000
    ex = np.array([100.0] * 60 + [12_000.0])
    sums = np.array([2.0] * 60 + [0.54 * 12_000])
    plain = pooled_request_score(ex, sums, member_cap=1e12)
    assert plain == pytest.approx((120 + 6480) / 18_000)  # 0.367: the harness's score
    capped = pooled_request_score(ex, sums, member_cap=4.0)
    assert capped == pytest.approx((120 + 0.54 * 400) / 6_400)  # 0.0525
    # more volume from the heavy member changes nothing once it is over the cap
    ex2, sums2 = ex.copy(), sums.copy()
    ex2[-1], sums2[-1] = 120_000.0, 0.54 * 120_000
    assert pooled_request_score(ex2, sums2, member_cap=4.0) == pytest.approx(capped)


def test_empty_and_single_member() -> None:
    assert pooled_request_score(np.zeros(0), np.zeros(0), member_cap=4.0) == 0.0
    assert pooled_request_score(np.array([10.0]), np.array([4.0]), member_cap=4.0) == 0.4


def test_config_default_and_validation(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert load_linkage_config().campaign.pooled_member_cap == 4.0
    bad = tmp_path / "bad.toml"
    bad.write_text("[campaign]\npooled_member_cap = 0\n")
    with pytest.raises(ConfigError, match="pooled_member_cap"):
        load_linkage_config(bad)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> SynthStore:
    return write_store(tmp_path_factory.mktemp("camp7store"))


def _campaign_terms(result: object) -> dict[str, dict[str, float]]:
    return {e["campaign_id"]: e for e in result.evidence  # type: ignore[attr-defined]
            if e.get("kind") == "campaign"}


def test_campaigns_from_caps_a_heavy_member(store: SynthStore) -> None:
    con = ibis.duckdb.connect()
    ev = con.read_parquet(str(store.root / "events" / "*" / "*.parquet"), hive_partitioning=True)
    ac = con.read_parquet(str(store.root / "accounts" / "accounts.parquet"))
    graph = link_graph(ev, ac)
    result = campaigns_from(graph, store.scores)
    m = result.membership
    sizes: dict[str, list[str]] = {}
    for a, c in zip(m["account_id"].to_pylist(), m["campaign_id"].to_pylist(), strict=True):
        sizes.setdefault(c, []).append(a)
    cid, members = max(sizes.items(), key=lambda kv: len(kv[1]))
    ids = graph.activity["account_id"].to_pylist()
    rows = np.array(sorted(ids.index(a) for a in members))
    assert len(rows) >= 3
    # make one member a heavy, mid-scored account (a harness behind a NAT)
    act = graph.activity
    ex = act["exchanges"].to_numpy().astype(np.float64)
    sums = act["request_score_sum"].to_numpy().astype(np.float64)
    heavy_row, others = rows[0], rows[1:]
    ex[heavy_row] = 1000.0 * ex[rows].max()
    sums[heavy_row] = 0.54 * ex[heavy_row]
    for name, values in (("exchanges", ex), ("request_score_sum", sums)):
        field_ = act.schema.field(name)
        act = act.set_column(act.schema.get_field_index(name), field_,
                             pa.array(values).cast(field_.type))
    heavy = dataclasses.replace(graph, activity=act)

    def pooled(overrides: dict[str, object]) -> float:
        cfg = load_linkage_config(overrides={"min_campaign_score": 0.0, **overrides})
        out = campaigns_from(dataclasses.replace(heavy, config=cfg), store.scores)
        return float(_campaign_terms(out)[cid]["pooled_request_score"])

    plain_others = float(sums[others].sum()) / float(ex[others].sum())
    # uncapped, the heavy member's 0.54 is the pooled score
    assert pooled({"campaign": {"pooled_member_cap": 1e12}}) == pytest.approx(0.54, abs=0.005)
    # capped at 4 x the median member, the others' scores carry the pool
    capped = pooled({})
    w = np.minimum(ex[rows], 4.0 * np.median(ex[rows]))
    expected = float((sums[rows] * w / ex[rows]).sum() / w.sum())
    assert capped == pytest.approx(expected, abs=1e-4)
    assert abs(capped - plain_others) < abs(0.54 - plain_others) / 2

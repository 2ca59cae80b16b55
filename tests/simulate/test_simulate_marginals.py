"""Per-persona marginals match what the scenario asks for; campaign mechanics happen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from distillwatch.simulate import SimulationReport, parse_scenario

RunSim = Callable[..., tuple[Path, SimulationReport]]
DAY = pd.Timedelta(days=1)

SCENARIO: dict[str, Any] = {
    "name": "marginals",
    "start": "2026-03-02T00:00:00Z",
    "days": 12,
    "models": [{"name": "m1", "share": 1.0}, {"name": "m2", "share": 3.0},
               {"name": "m3", "reasoning": True, "released_day": 5, "adoption": 0.5,
                "adoption_days": 1}],
    "text": {"data": "builtin"},
    "benign": [{
        "persona": "small_developer", "accounts": 600,
        "behaviour": {"requests_per_day": {"median": 6, "sigma": 0.8}, "active_day_prob": 0.5,
                      "weekend_factor": 1.0, "temperature": {0.0: 0.5, 1.0: 0.5},
                      "rhythm": "office", "utc_offsets": {0: 1.0}, "param_stickiness": 1.0,
                      "signup_channels": {"self_serve": 0.8, "education": 0.2}},
    }, {
        "persona": "shared_nat", "accounts": 200,
        "behaviour": {"accounts_per_ip": {"median": 40, "sigma": 0.3}},
    }],
    "campaigns": [{
        "id": "balanced", "accounts": 50, "exchanges": 3000, "tactics": {"cot": 1.0},
        "task_pools": {"math": 1.0}, "templates": "fixed", "load_balance": True,
        "pivot_model": "m3", "bans": {"daily_ban_rate": 0.05},
        "behaviour": {"error_rate": 0.0},
    }, {
        "id": "random-items", "accounts": 50, "exchanges": 3000, "tactics": {"cot": 1.0},
        "task_pools": {"math": 1.0}, "templates": "fixed", "behaviour": {"error_rate": 0.0},
        "infrastructure": {"payment_group_size": {"median": 10, "sigma": 0.2},
                           "unique_payment_share": 0.0},
    }],
}


@pytest.fixture(scope="module")
def sim(run_sim: RunSim) -> tuple[pd.DataFrame, pd.DataFrame, pd.Timestamp]:
    out, _ = run_sim(parse_scenario(SCENARIO), key="marginals", seed=11)
    ev = pq.read_table(out / "events").to_pandas()
    acc = pq.read_table(out / "accounts.parquet").to_pandas().merge(
        pq.read_table(out / "truth.parquet").to_pandas(), on="account_id")
    return ev.merge(acc[["account_id", "persona", "campaign_id", "label"]], on="account_id"), \
        acc, pd.Timestamp("2026-03-02T00:00:00Z")


def test_volume_and_active_days(sim: tuple[pd.DataFrame, pd.DataFrame, pd.Timestamp]) -> None:
    ev, acc, start = sim
    dev = ev[ev.persona == "small_developer"]
    day = (dev.ts - start) // DAY
    per = dev.groupby([dev.account_id, day]).size()
    mean_active = per.groupby(level=0).mean()
    assert mean_active.median() == pytest.approx(6.0, rel=0.2)
    # heavy tail: the busiest accounts are many times the median
    assert mean_active.quantile(0.95) > 3 * mean_active.median()
    devs = acc[acc.persona == "small_developer"]
    created_day = ((devs.created_at - start) // DAY).clip(lower=0)
    possible = (12 - created_day).clip(lower=0).sum()
    assert len(per) / possible == pytest.approx(0.5 * 0.97, abs=0.06)


def test_parameters_models_and_hours(sim: tuple[pd.DataFrame, pd.DataFrame, pd.Timestamp]
                                     ) -> None:
    ev, acc, start = sim
    dev = ev[ev.persona == "small_developer"]
    temp = dev.groupby("account_id").temperature.agg(lambda s: s.mode().iloc[0])
    assert (temp == 0.0).mean() == pytest.approx(0.5, abs=0.07)
    before = dev[dev.ts < start + 5 * DAY]
    model = before.groupby("account_id").model.agg(lambda s: s.mode().iloc[0])
    assert (model == "m2").mean() == pytest.approx(0.75, abs=0.07)
    assert not (ev[ev.ts < start + 5 * DAY].model == "m3").any(), "nobody uses m3 before release"
    hours = dev.ts.dt.hour
    assert ((hours >= 8) & (hours < 18)).mean() > 0.7  # office rhythm in UTC+0
    assert (hours < 6).mean() < 0.05
    channels = acc[acc.persona == "small_developer"].signup_channel.value_counts(normalize=True)
    assert channels["education"] == pytest.approx(0.2, abs=0.05)


def test_campaign_mechanics(sim: tuple[pd.DataFrame, pd.DataFrame, pd.Timestamp]) -> None:
    ev, acc, start = sim
    att = ev[ev.label == "attack"]
    ok = att[att.status != 403]
    assert (ok.groupby("campaign_id").size() == 3000).all()
    assert (acc.groupby("campaign_id").size() == 50).all()
    # bans: the balanced campaign lost accounts and its scheduler hit 403s afterwards
    assert (att[att.campaign_id == "balanced"].status == 403).sum() > 0
    # pivot: within 24 h of m3's release the campaign is on it
    bal = ok[ok.campaign_id == "balanced"]
    late = bal[bal.ts >= start + 6 * DAY]
    assert (late.model == "m3").mean() > 0.8
    # load balancing: one wording, disjoint items -> every prompt distinct; random draws repeat
    assert bal.prompt.nunique() == len(bal)
    rnd = ok[ok.campaign_id == "random-items"]
    assert rnd.prompt.nunique() < len(rnd)
    # shared payment instruments in groups of ~10, shared proxy addresses
    pays = acc[acc.campaign_id == "random-items"].payment_fingerprint
    assert 3 <= pays.nunique() <= 10
    ips_per_acct = att.groupby("client_ip").account_id.nunique()
    assert ips_per_acct.max() > 3
    # sign-up bursts: the first wave was created within a few bursts
    first = acc[(acc.campaign_id == "random-items")].created_at.sort_values()
    gaps = first.diff().dt.total_seconds().dropna()
    assert (gaps < 3600).mean() > 0.8


def test_shared_nat_sites(sim: tuple[pd.DataFrame, pd.DataFrame, pd.Timestamp]) -> None:
    ev, _, _ = sim
    nat = ev[ev.persona == "shared_nat"]
    per_ip = nat.groupby("client_ip").account_id.nunique()
    assert per_ip.median() >= 15  # classrooms: many accounts behind one address
    assert np.all(nat.groupby("account_id").client_ip.nunique() == 1)


def test_reseller_mixes_harvesting_into_real_traffic(run_sim: RunSim) -> None:
    out, rep = run_sim("mixed-reseller", scale=0.1, days=3, seed=4)
    by = rep.events_by_persona
    # 30% harvesting inside each account: cover / attack ~ 0.7 / 0.3
    assert 1.6 < by["reseller_mixed:cover"] / by["reseller_mixed"] < 3.0
    ev = pq.read_table(out / "events", columns=["account_id", "end_user"]).to_pandas()
    truth = pq.read_table(out / "truth.parquet").to_pandas()
    mixed = set(truth[truth.persona == "reseller_mixed"].account_id)
    m = ev[ev.account_id.isin(mixed)]
    assert m.end_user.notna().mean() > 0.5  # real end users behind the same accounts
    assert m.groupby("account_id").end_user.nunique().median() > 20

"""The built-in ``hard-negatives`` scenario end to end, small: every hard-negative persona at
volume beside one hydra campaign. The campaign is found whole and no benign account joins it;
coding agents and benchmark harnesses are not flagged on heavy use alone. (At this scale the
commit before rules 2026.11.30 flagged 2 of 120 coding agents on volume, parameters and
automation alone; docs/detection.md "Round 11" has the figures at 8.2M events.)"""

from __future__ import annotations

import pytest

from distillwatch.evaluate.metrics import evaluate_findings
from distillwatch.ingest.config import IngestConfig
from distillwatch.ingest.pipeline import ingest
from distillwatch.pipeline.detect import detect
from distillwatch.simulate import simulate


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("hardneg11")
    simulate("hard-negatives", work / "sim", scale=0.03, seed=5)
    ingest([work / "sim" / "events"], store=work / "store",
           accounts=work / "sim" / "accounts.parquet", config=IngestConfig(drop_text=True))
    detect(work / "store", work / "findings")
    return evaluate_findings(work / "findings", work / "sim" / "truth.parquet").to_dict()


def test_the_campaign_is_found_whole_and_alone(evaluation: dict) -> None:
    assert evaluation["recall"] >= 0.95 and evaluation["exchange_recall"] >= 0.99
    camps = evaluation["campaigns"]
    assert camps["recovered"] == camps["truth_campaigns"] == 1
    assert camps["min_purity"] == 1.0 and camps["min_completeness"] >= 0.9
    assert camps["benign_accounts_in_campaigns"] == 0
    assert camps["found_campaigns"] == 1  # no community of harnesses reported beside it


def test_heavy_benign_personas_stay_unflagged(evaluation: dict) -> None:
    benign = {g["name"]: g for g in evaluation["by_persona"] if g["label"] == "benign"}
    assert {"coding_agent", "eval_harness", "shared_nat", "reseller",
            "synthetic_data_customer"} <= benign.keys()
    assert benign["coding_agent"]["accounts"] >= 100
    assert benign["coding_agent"]["flagged"] == 0
    # one young chain-of-thought sweep of 30 harnesses is the known residue (docs/detection.md)
    assert benign["eval_harness"]["flagged"] <= 1
    assert evaluation["benign_fpr"] <= 0.005

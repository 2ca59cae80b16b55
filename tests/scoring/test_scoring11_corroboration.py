"""``[calibration] needs_corroboration``: rule groups whose evidence alone ranks an account but
never flags it; evidence of any other group beside them flags as before."""

from __future__ import annotations

import pyarrow as pa
import pytest

from distillwatch.exceptions import RuleError
from distillwatch.scoring.rules import RuleSet, load_rules
from distillwatch.scoring.scorer import AccountScorer

RULES = """
name = "t"
version = "1"
{calibration}

[[rules]]
id = "p.logprobs"
group = "params"
feature = "share_logprobs"
ramp = [0.2, 0.6]
weight = 0.6
reason = "{{value:.0%}} logprobs"

[[rules]]
id = "p.effort"
group = "params"
feature = "share_max_effort"
ramp = [0.0, 1.0]
weight = 0.4
reason = "{{value:.0%}} effort"

[[rules]]
id = "i.cot"
group = "intent"
feature = "share_intent_cot"
ramp = [0.1, 0.5]
weight = 0.3
reason = "{{value:.0%}} cot"
"""


def _world() -> pa.Table:
    """200 quiet accounts (the null model's bulk) and three heavy ones: params alone, params
    with step-by-step intent, and intent alone."""
    n = 203
    logprobs = [0.0] * 200 + [1.0, 1.0, 0.0]
    cot = [0.0] * 200 + [0.0, 0.5, 1.0]
    effort = [0.2 * i / 200 for i in range(200)] + [0.0] * 3  # the bulk's spread: 0-0.08
    return pa.table({"account_id": [f"a{i}" for i in range(n)], "exchanges": [100] * n,
                     "share_logprobs": logprobs, "share_max_effort": effort,
                     "share_intent_cot": cot})


def _scored(calibration: str) -> dict[str, tuple[float, str, bool]]:
    rules = RuleSet.from_toml(RULES.format(calibration=calibration), source="t.toml")
    f = _world()
    s = AccountScorer(rules=rules).fit(f).score(f)
    rows = zip(s["account_id"].to_pylist(), s["score"].to_pylist(),
               s["severity"].to_pylist(), s["flagged"].to_pylist(), strict=True)
    return {a: (sc, sev, fl) for a, sc, sev, fl in rows if a in ("a200", "a201", "a202")}


def test_uncorroborated_groups_rank_but_do_not_flag() -> None:
    plain = _scored("")
    corroborated = _scored('[calibration]\nneeds_corroboration = ["params"]')
    # params alone: 0.6 >= the 0.5 floor, flagged without the setting, low with it
    assert plain["a200"][0] == pytest.approx(0.6) and plain["a200"][2]
    assert plain["a200"][1] != "low"
    assert corroborated["a200"] == (pytest.approx(0.6), "low", False)
    # params beside intent, and intent alone (below the floor), are unchanged
    assert corroborated["a201"] == plain["a201"] and plain["a201"][2]
    assert corroborated["a202"] == plain["a202"] and not plain["a202"][2]


def test_every_group_needing_corroboration_means_nothing_flags() -> None:
    got = _scored('[calibration]\nneeds_corroboration = ["params", "intent"]')
    assert [v[2] for v in got.values()] == [False, False, False]
    assert got["a201"][1] == "low"


@pytest.mark.parametrize(("value", "message"), [
    ('["parms"]', "names no rule group"),
    ('"params"', "list of rule group names"),
])
def test_bad_needs_corroboration_is_rejected(value: str, message: str) -> None:
    text = RULES.format(calibration=f"[calibration]\nneeds_corroboration = {value}")
    with pytest.raises(RuleError, match=message):
        RuleSet.from_toml(text, source="t.toml")


def test_builtin_rules_need_corroboration_of_behaviour_groups() -> None:
    rules = load_rules()
    groups = {r.group_key for r in rules.rules}
    assert set(rules.calibration.needs_corroboration) == {"account", "params", "automation"}
    assert {"intent", "campaign", "network"} <= groups - set(
        rules.calibration.needs_corroboration)

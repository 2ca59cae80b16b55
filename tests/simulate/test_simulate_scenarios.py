"""Scenario files: validation errors name the file and key; built-ins load and match."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from distillwatch.exceptions import ScenarioError
from distillwatch.simulate import BUILTIN_SCENARIOS, load_scenario, parse_scenario
from distillwatch.simulate.resolve import resolve
from distillwatch.simulate.scenario import builtin_path, dump_scenario, scenario_json_schema

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", BUILTIN_SCENARIOS)
def test_builtin_scenarios_load_and_match_documented_copy(name: str) -> None:
    sc = load_scenario(name)
    assert sc.name == name
    # scenarios/ at the top is the documented copy of what the package ships
    assert (REPO / "scenarios" / f"{name}.yaml").read_text() == builtin_path(name).read_text()


def test_unknown_key_is_named_with_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    data = yaml.safe_load(builtin_path("demo").read_text())
    data["campaigns"][0]["infrastructure"] = {"shared_ip_pol": 0.3}
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    msg = str(err.value)
    assert str(path) in msg
    assert "campaigns.0.infrastructure.shared_ip_pol" in msg
    assert "unknown key" in msg


def test_unknown_persona_and_model_are_rejected() -> None:
    with pytest.raises(ScenarioError, match="unknown persona 'chat_bot'"):
        parse_scenario({"name": "x", "benign": [{"persona": "chat_bot", "accounts": 1}]})
    with pytest.raises(ScenarioError, match="pivot_model"):
        parse_scenario({"name": "x", "campaigns": [
            {"id": "c", "accounts": 1, "exchanges": 1, "pivot_model": "nope"}]})
    with pytest.raises(ScenarioError, match="sign-up channel"):
        parse_scenario({"name": "x", "benign": [{"persona": "chat_app", "accounts": 1,
                                                 "behaviour": {"signup_channels": {"ads": 1}}}]})


def test_missing_builtin_names_the_choices() -> None:
    with pytest.raises(ScenarioError, match="demo, hydra"):
        load_scenario("no-such-scenario")


def test_resolved_scenario_round_trips_and_scales() -> None:
    sc = load_scenario("alibaba-scale")
    res = resolve(sc, scale=0.1)
    assert sum(c.accounts for c in res.campaigns) == 2500
    assert sum(c.exchanges or 0 for c in res.campaigns) == 2_880_000
    # every behaviour field is filled in, and the dump loads back unchanged
    for g in [*res.benign, *res.campaigns]:
        assert all(v is not None for _, v in g.behaviour)
    again = parse_scenario(yaml.safe_load(dump_scenario(res)))
    assert again == res
    short = resolve(sc, scale=1.0, days=11)
    assert sum(c.exchanges or 0 for c in short.campaigns) == 28_800_000 // 4


def test_json_schema_forbids_unknown_keys() -> None:
    schema = scenario_json_schema()
    assert schema["additionalProperties"] is False
    assert "campaigns" in schema["properties"]

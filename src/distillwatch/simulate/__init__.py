"""The simulate stage: scenario-driven provider traffic with labelled distillation campaigns.

>>> from distillwatch.simulate import simulate, load_scenario
>>> report = simulate("demo", "out/demo", seed=1)  # doctest: +SKIP

Writes the traffic contract (events, accounts) plus ground truth; see ``docs/simulate.md``.
"""

from __future__ import annotations

from distillwatch.simulate.runner import SimulationReport, simulate
from distillwatch.simulate.scenario import (
    BUILTIN_SCENARIOS,
    Scenario,
    load_scenario,
    parse_scenario,
    scenario_json_schema,
)

__all__ = [
    "BUILTIN_SCENARIOS",
    "Scenario",
    "SimulationReport",
    "load_scenario",
    "parse_scenario",
    "scenario_json_schema",
    "simulate",
]

"""Small simulations shared by the simulate tests (each runs once per session)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from distillwatch.simulate import SimulationReport, simulate

RunSim = Callable[..., tuple[Path, SimulationReport]]


@pytest.fixture(scope="session")
def run_sim(tmp_path_factory: pytest.TempPathFactory) -> RunSim:
    """Run (and cache) a simulation by its arguments; returns (directory, report)."""
    cache: dict[str, tuple[Path, SimulationReport]] = {}

    def run(scenario: object, *, key: str | None = None, **kw: object) -> tuple[Path,
                                                                              SimulationReport]:
        k = key or f"{scenario}-{sorted(kw.items())}"
        if k not in cache:
            out = tmp_path_factory.mktemp("sim")
            cache[k] = (out, simulate(scenario, out, **kw))  # type: ignore[arg-type]
        return cache[k]

    return run

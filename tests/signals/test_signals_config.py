"""SignalConfig: defaults from the shipped TOML; unknown keys and bad values are errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from distillwatch.exceptions import ConfigError
from distillwatch.signals import SignalConfig


def test_default_config_loads_from_package_data() -> None:
    cfg = SignalConfig.default()
    assert cfg.params.multi_choice_min_n == 2
    assert "max" in cfg.params.max_effort_levels
    assert 0 < cfg.weights.intent <= 1


def test_partial_file_overrides(tmp_path: Path) -> None:
    p = tmp_path / "s.toml"
    p.write_text("[params]\nlong_max_tokens = 32000\n[weights]\nlogprobs = 0.9\n")
    cfg = SignalConfig.from_file(p)
    assert cfg.params.long_max_tokens == 32000
    assert cfg.weights.logprobs == 0.9
    assert cfg.params.multi_choice_min_n == 2


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[params]\nlong_tokens = 5\n", "params.long_tokens"),
        ("[weight]\nintent = 0.5\n", "weight"),
        ("[weights]\nintent = 1.5\n", "weights.intent"),
        ("[params]\nmax_effort_levels = ['ultra']\n", "ultra"),
        ("[params\n", "not valid TOML"),
    ],
)
def test_bad_files_name_file_and_key(tmp_path: Path, text: str, needle: str) -> None:
    p = tmp_path / "bad.toml"
    p.write_text(text)
    with pytest.raises(ConfigError) as info:
        SignalConfig.from_file(p)
    assert needle in str(info.value)
    assert "bad.toml" in str(info.value)


def test_config_is_frozen() -> None:
    cfg = SignalConfig.default()
    with pytest.raises(Exception):  # noqa: B017 - pydantic raises ValidationError
        cfg.weights.intent = 0.1  # type: ignore[misc]

from pathlib import Path

import pytest

from distillwatch.config import load_settings
from distillwatch.exceptions import ConfigError


def test_defaults_load_without_a_file() -> None:
    assert load_settings(environ={}).detect.fpr == 0.001


def test_toml_file_and_env_override(tmp_path: Path) -> None:
    cfg = tmp_path / "dw.toml"
    cfg.write_text("[detect]\nfpr = 0.01\n")
    assert load_settings(cfg, environ={}).detect.fpr == 0.01
    env = {"DISTILLWATCH_DETECT__FPR": "0.05"}
    assert load_settings(cfg, environ=env).detect.fpr == 0.05


def test_unknown_key_names_the_key(tmp_path: Path) -> None:
    cfg = tmp_path / "dw.yaml"
    cfg.write_text("detect:\n  fpp: 0.1\n")
    with pytest.raises(ConfigError, match=r"detect\.fpp"):
        load_settings(cfg, environ={})


def test_bad_toml_names_the_file(tmp_path: Path) -> None:
    cfg = tmp_path / "dw.toml"
    cfg.write_text("[detect\n")
    with pytest.raises(ConfigError, match=r"dw\.toml"):
        load_settings(cfg, environ={})

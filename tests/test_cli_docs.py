"""Every CLI command has a docstring with an example and a section in docs/cli.md."""

from __future__ import annotations

from collections.abc import Iterator

import typer.main

from distillwatch.cli import app
from tests_support import REPO


def _commands(group: object, prefix: str = "distillwatch") -> Iterator[tuple[str, object]]:
    for name, cmd in sorted(getattr(group, "commands", {}).items()):
        full = f"{prefix} {name}"
        if getattr(cmd, "commands", None):
            yield from _commands(cmd, full)
        else:
            yield full, cmd


def test_every_command_has_an_example() -> None:
    missing = [
        name
        for name, cmd in _commands(typer.main.get_command(app))
        if "Example" not in (getattr(cmd, "help", None) or "")
    ]
    assert missing == []


def test_every_command_is_documented() -> None:
    doc = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [
        name for name, _ in _commands(typer.main.get_command(app)) if f"## `{name}" not in doc
    ]
    assert missing == []


def test_every_command_speaks_json() -> None:
    missing = [
        name
        for name, cmd in _commands(typer.main.get_command(app))
        if "--json" not in [o for p in getattr(cmd, "params", []) for o in p.opts]
    ]
    assert missing == []

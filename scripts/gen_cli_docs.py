"""Write docs/cli.md from the CLI itself, so the reference never drifts from the code.

Usage: .venv/bin/python scripts/gen_cli_docs.py
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer.main

from distillwatch.cli import app

OUT = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
INTRO = """# Command-line reference

Generated from the code by `scripts/gen_cli_docs.py`; `distillwatch COMMAND --help` shows the
same text. Exit codes everywhere: 0 ok, 1 findings at or above `--fail-on` (detect) or a
failed required check (doctor), 2 usage or input error (the message names file, line and
field). Every command takes `--json` for machine-readable output.
"""


def _walk(group: Any, prefix: str) -> list[tuple[str, Any]]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        full = f"{prefix} {name}"
        if getattr(cmd, "commands", None):
            out += _walk(cmd, full)
        else:
            out.append((full, cmd))
    return out


def _section(name: str, cmd: Any) -> str:
    lines = [f"## `{name}`", ""]
    help_text = (cmd.help or "").strip()
    body, examples = [], []
    for line in help_text.splitlines():
        (examples if line.strip().startswith("Example:") else body).append(line.strip())
    lines += [" ".join(body).replace("  ", "\n\n").strip(), ""]
    if examples:
        lines += ["```bash", *(e.removeprefix("Example:").strip() for e in examples), "```", ""]
    rows = []
    for p in cmd.params:
        if p.name == "help":
            continue
        flags = ", ".join(f"`{o}`" for o in (p.opts + p.secondary_opts)) or f"`{p.name.upper()}`"
        kind = "argument" if p.param_type_name == "argument" else "option"
        shown = not p.required and p.default not in (None, False, ())
        default = f" (default: `{p.default}`)" if shown else ""
        text = (getattr(p, "help", None) or "").replace("|", "\\|")
        rows.append(f"| {flags} | {kind}{' (required)' if p.required else ''} | {text}{default} |")
    if rows:
        lines += ["| flag | kind | meaning |", "|---|---|---|", *rows, ""]
    return "\n".join(lines)


def main() -> None:
    group = typer.main.get_command(app)
    sections = [_section(n, c) for n, c in _walk(group, "distillwatch")]
    OUT.write_text(INTRO + "\n" + "\n".join(sections), encoding="utf-8")
    print(f"wrote {OUT} ({len(sections)} commands)")


if __name__ == "__main__":
    main()

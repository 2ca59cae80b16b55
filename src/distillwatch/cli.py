"""The ``distillwatch`` command line: a thin layer over the library.

Each command parses its options, makes one library call and prints the result (a rich table
for people, ``--json`` for scripts). Exit codes: 0 ok, 1 findings above ``--fail-on``,
2 usage or input error (any ``DistillwatchError``), 130 interrupted.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from distillwatch.exceptions import DistillwatchError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

app = typer.Typer(
    name="distillwatch",
    help="Detect, stop and prove distillation attacks on LLM APIs.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
intel_app = typer.Typer(help="Share and corroborate threat intelligence (STIX 2.1, TAXII 2.1).")
app.add_typer(intel_app, name="intel")

console = Console(stderr=True)
JSON_OPTION = typer.Option(False, "--json", help="Print machine-readable JSON on stdout.")


def emit_json(payload: Any) -> None:
    """Write one JSON document to stdout (dates and paths as strings)."""
    sys.stdout.write(json.dumps(payload, indent=2, default=str, sort_keys=True) + "\n")


# ---- ingest (issue 2) ------------------------------------------------------------------------

# ---- simulate (issue 3) ----------------------------------------------------------------------

# ---- detect, train, evaluate (issues 4-5) ----------------------------------------------------

# ---- report, demo, doctor (issue 6) ----------------------------------------------------------


@app.command()
def report(
    findings: Path = typer.Argument(..., help="Findings folder written by `distillwatch detect`."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder to write the report into."),
    store: Path | None = typer.Option(None, "--store", help="Store the findings came from."),
    truth: Path | None = typer.Option(
        None, "--truth", help="Ground truth (truth.parquet) to add an evaluation section."
    ),
    show_text: bool = typer.Option(
        False, "--show-text", help="Include raw prompt text (redacted by default)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Write an offline HTML report, campaign dossiers, evidence bundles, Markdown and JSON.

    Example: distillwatch report findings/ --store store/ --out report/ --truth sim/truth.parquet
    """
    from distillwatch.report import load_report_data, write_report

    evaluation = None
    if truth is not None:
        from distillwatch.evaluate import evaluate_findings

        evaluation = evaluate_findings(findings, truth).to_dict()
    data = load_report_data(findings, store=store, evaluation=evaluation, show_text=show_text)
    paths = write_report(data, out)
    summary = {
        "index": str(paths.index_html),
        "markdown": str(paths.markdown),
        "json": str(paths.json),
        "campaign_pages": len(paths.campaign_pages),
        "account_pages": len(paths.account_pages),
        "bundles": len(paths.bundles) // 2,
    }
    if as_json:
        emit_json(summary)
    else:
        console.print(
            f"[bold]report:[/] {paths.index_html}  ({summary['campaign_pages']} campaign "
            f"dossiers, {summary['account_pages']} account pages, {summary['bundles']} bundles)"
        )

@app.command()
def doctor(as_json: bool = JSON_OPTION) -> None:
    """Check the environment: packages, engines, enrichment data, model, optional services.

    Exits 1 when something distillwatch needs is missing (optional items only warn).

    Example: distillwatch doctor
    """
    from rich.table import Table

    from distillwatch.doctor import FAIL, run_checks

    results = run_checks()
    if as_json:
        emit_json([r.__dict__ for r in results])
    else:
        table = Table(title="distillwatch doctor")
        for col in ("check", "status", "detail", "fix"):
            table.add_column(col)
        colours = {"ok": "green", "warn": "yellow", "fail": "red"}
        for r in results:
            table.add_row(r.name, f"[{colours[r.status]}]{r.status}[/]", r.detail, r.fix)
        Console().print(table)
    if any(r.status == FAIL for r in results):
        raise typer.Exit(EXIT_FINDINGS)


# ---- serve (issue 7) -------------------------------------------------------------------------

# ---- intel (issue 8) -------------------------------------------------------------------------


def main() -> None:
    """Entry point: click handles usage errors (exit 2); library errors become clean messages."""
    try:
        app()
    except DistillwatchError as exc:
        console.print(f"[bold red]error:[/] {exc}")
        sys.exit(EXIT_USAGE)


if __name__ == "__main__":
    main()

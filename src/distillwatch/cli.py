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

@app.command("ingest")
def ingest_cmd(
    sources: list[Path] = typer.Argument(..., help="Files or directories of logs to ingest."),
    store: Path = typer.Option(..., "--store", help="Store directory (created if missing)."),
    accounts: Path | None = typer.Option(
        None, "--accounts", help="Accounts file (JSONL/CSV/Parquet)."
    ),
    format: str | None = typer.Option(
        None,
        "--format",
        help="Force a format: jsonl, csv, parquet, otlp, litellm, litellm_spendlogs "
        "(default: detect).",
    ),
    strict: bool = typer.Option(
        False, "--strict", help="Stop at the first bad row (store unchanged)."
    ),
    drop_text: bool | None = typer.Option(
        None,
        "--drop-text/--keep-text",
        help="Store sketches only, not prompt/response text (default: config, else keep).",
    ),
    config: Path | None = typer.Option(None, "--config", help="Settings file (TOML/YAML)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Validate, enrich and sketch logs into a day-partitioned Parquet store.

    Formats: contract JSONL (.gz/.zst), CSV, Parquet, OTLP JSON GenAI spans, LiteLLM
    StandardLoggingPayload lines and SpendLogs CSV; detected from content unless --format.
    Bad rows go to STORE/quarantine/<run>.jsonl; re-ingesting a file stores nothing twice.

    Example: distillwatch ingest logs/ --store store/ --accounts accounts.csv --drop-text
    """
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.table import Table

    from distillwatch.config import load_settings
    from distillwatch.ingest.pipeline import ProgressUpdate, ingest

    cfg = load_settings(config).ingest
    if drop_text is not None:
        cfg = cfg.model_copy(update={"drop_text": drop_text})
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[rows]:>12,} rows"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=as_json or not console.is_terminal,
    ) as bar:
        tasks: dict[str, Any] = {}

        def on_progress(u: ProgressUpdate) -> None:
            task = tasks.get(u.path)
            if task is None:
                name = Path(u.path).name
                task = tasks[u.path] = bar.add_task(
                    f"[{u.file_index + 1}/{u.files}] {name[:40]}",
                    total=u.bytes_total or None,
                    rows=0,
                )
            bar.update(task, completed=u.bytes_done, rows=u.rows)

        report = ingest(
            sources,
            store=store,
            accounts=accounts,
            config=cfg,
            format=format,
            strict=strict,
            progress=on_progress,
        )
    if as_json:
        emit_json(report.to_dict())
        return
    table = Table(title=f"ingest run {report.run_id}")
    for col in ("file", "format", "read", "stored", "quarantined", "duplicates"):
        table.add_column(col, justify="left" if col in ("file", "format") else "right")
    for f in report.files:
        name = f.path if f.error is None else f"{f.path} [red](error)[/]"
        counts = (f.read, f.stored, f.quarantined, f.duplicates)
        table.add_row(name, f.format, *(f"{v:,}" for v in counts))
    totals = (report.read, report.stored, report.quarantined, report.duplicates)
    table.add_row("[bold]total[/]", "", *(f"[bold]{v:,}[/]" for v in totals))
    out = Console()
    out.print(table)
    if report.accounts_read:
        out.print(
            f"accounts: {report.accounts_read:,} read, {report.accounts_stored:,} stored, "
            f"{report.accounts_quarantined:,} quarantined"
        )
    for f in report.files:
        if f.error:
            out.print(f"[red]error[/] {f.path}: {f.error}")
    for w in report.warnings:
        out.print(f"[yellow]warning[/] {w}")
    if report.quarantine_path:
        out.print(f"quarantine: {report.quarantine_path}")
    out.print(f"store: {report.store} (catalog: {Path(report.store) / 'catalog.duckdb'})")

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

"""The ``distillwatch`` command line: a thin layer over the library.

Each command parses its options, makes one library call and prints the result (a rich table
for people, ``--json`` for scripts). Exit codes: 0 ok, 1 findings above ``--fail-on``,
2 usage or input error (any ``DistillwatchError``), 130 interrupted.
"""

from __future__ import annotations

import json
import signal
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

# ---- store migrate (mh) ----------------------------------------------------------------------

store_app = typer.Typer(help="Maintain a store (format migrations).")
app.add_typer(store_app, name="store")


@store_app.command("migrate")
def store_migrate_cmd(
    store: Path = typer.Argument(..., help="Store directory written by `distillwatch ingest`."),
    to: str = typer.Option(
        "binary", "--to", help="MinHash column form: binary (current: 128-byte values of 16-bit "
        "numbers) or list (older releases)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Rewrite a store's part files in the current format, one file at a time: the MinHash
    column (list or 256-byte values to 128-byte ones: the low 16 bits of each number, all
    any reader uses), and the integer keys template_key64/item_key64 (added from template_key/
    item_key; detect refuses a store whose files lack them).

    Each file is rewritten beside itself and renamed over the original (readers see the old
    or the new file, never half of one); files already current are skipped, so running it
    again finishes a migration that was cut short. Run it while nothing ingests into the
    store. Findings are unchanged (readers take the low 16 bits of every form); the store
    shrinks by about 128 bytes per event, which ingest and detect no longer move. --json
    reports minhash_from: files converted from each older form (list, binary32).

    Example: distillwatch store migrate store/ --json
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from distillwatch.store.migrate import migrate_store
    from distillwatch.store.reader import Store

    layout = Store.open(store).layout
    files = layout.part_files()
    with Progress(
        TextColumn("[bold]migrate"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rows]:>12,} rows"), console=console, transient=True,
        disable=as_json or not console.is_terminal,
    ) as bar:
        task = bar.add_task("files", total=len(files), rows=0)
        seen = [0]

        def on_file(path: Path, rows: int) -> None:
            seen[0] += rows
            bar.update(task, advance=1, rows=seen[0])

        report = migrate_store(layout, to=to, on_file=on_file)
    if as_json:
        emit_json(report.as_dict())
        return
    out = Console()
    done = []
    if report.keys_added:
        done.append(f"{' and '.join(report.key_columns)} added to {report.keys_added:,}")
    if report.minhash_converted:
        done.append(f"minhash converted to {report.to} in {report.minhash_converted:,}")
    out.print(
        f"{report.store}: {report.converted:,} part file(s) rewritten"
        + (f" ({'; '.join(done)})" if done else "")
        + f", {report.rows:,} rows, {report.bytes_before / 1e6:,.1f} -> "
        f"{report.bytes_after / 1e6:,.1f} MB; {report.skipped:,} already current "
        f"({report.to} minhash, integer keys)",
        soft_wrap=True,
    )


# ---- simulate (issue 3) ----------------------------------------------------------------------

@app.command("simulate")
def simulate_cmd(
    scenario: str | None = typer.Option(
        None, "--scenario", help="Built-in name (demo, hydra, lowslow, mixed-reseller, "
        "alibaba-scale, hard-negatives) or a scenario YAML file."
    ),
    out: Path | None = typer.Option(None, "--out", help="Output directory (must be empty)."),
    scale: float = typer.Option(1.0, "--scale", help="Multiply account counts and exchanges."),
    seed: int = typer.Option(0, "--seed", help="Random seed: same seed, same bytes."),
    days: int | None = typer.Option(None, "--days", help="Simulate this many days instead."),
    fmt: str = typer.Option("parquet", "--format", help="parquet or jsonl (events.jsonl.gz)."),
    data: str | None = typer.Option(
        None, "--prompts", help="Real-data directory (prompts/, network/ like shared/data), "
        "'builtin' for generated text only, default: the scenario's text.data (auto)."
    ),
    describe_dir: Path | None = typer.Option(
        None, "--describe", help="Summarise a simulation directory and write describe.html."
    ),
    schema: bool = typer.Option(False, "--schema", help="Print the scenario JSON Schema."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Simulate provider traffic with labelled distillation campaigns (contract + truth).

    Writes OUT/events/part-*.parquet, accounts, truth, the resolved scenario.yaml and
    manifest.json. --describe DIR prints a per-persona summary and writes DIR/describe.html.

    Example: distillwatch simulate --scenario demo --out out/demo --seed 1
    Example: distillwatch simulate --describe out/demo
    """
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from distillwatch.exceptions import ScenarioError

    if schema:
        from distillwatch.simulate.scenario import scenario_json_schema

        emit_json(scenario_json_schema())
        return
    if describe_dir is not None:
        from distillwatch.simulate.describe import describe

        desc = describe(describe_dir)
        if as_json:
            emit_json({"directory": desc.directory, "html": desc.html, "rows": desc.rows,
                       "manifest": desc.manifest})
            return
        table = Table(title=f"simulation {desc.directory}")
        cols = ("persona", "label", "accounts", "events", "median_per_active_day",
                "mean_output_tokens", "logprobs_share", "high_effort_share", "multi_turn_share",
                "distinct_ips")
        heads = ("persona", "label", "accounts", "events", "req/acct/day", "out tok",
                 "logprobs", "high effort", "multi-turn", "IPs")
        for h in heads:
            table.add_column(h, justify="left" if h in ("persona", "label") else "right")
        for r in desc.rows:
            table.add_row(*(f"{r[c]:,.2f}" if isinstance(r[c], float) else f"{r[c]:,}"
                            if isinstance(r[c], int) else str(r[c]) for c in cols))
        Console().print(table)
        Console().print(f"plots: {desc.html}")
        return
    if scenario is None or out is None:
        raise ScenarioError("simulate needs --scenario and --out (or --describe DIR)")
    from distillwatch.simulate import load_scenario, simulate

    sc = load_scenario(scenario)
    if data is not None:
        sc = sc.model_copy(update={"text": sc.text.model_copy(update={"data": data})})
    with Progress(TextColumn("[bold]simulate {task.description}"), BarColumn(),
                  TextColumn("day {task.completed}/{task.total}"),
                  TextColumn("{task.fields[rows]:>12,} events"), TimeElapsedColumn(),
                  console=console, transient=True,
                  disable=as_json or not console.is_terminal) as bar:
        task = bar.add_task(sc.name, total=days or sc.days, rows=0)

        def on_progress(day: int, total: int, rows: int) -> None:
            bar.update(task, completed=day, total=total, rows=rows)

        rep = simulate(sc, out, scale=scale, seed=seed, days=days, fmt=fmt,
                       progress=on_progress)
    if as_json:
        emit_json(rep.to_dict())
        return
    table = Table(title=f"simulate {rep.scenario} (scale {rep.scale}, seed {rep.seed})")
    table.add_column("persona")
    table.add_column("events", justify="right")
    for p, k in rep.events_by_persona.items():
        table.add_row(p, f"{k:,}")
    Console().print(table)
    Console().print(
        f"{rep.events:,} events ({rep.attack_events:,} attack) from {rep.accounts:,} accounts "
        f"({rep.attack_accounts:,} attack) over {rep.days} days in {rep.seconds:.1f}s "
        f"-> {rep.out}"
    )

# ---- detect, train, evaluate (issues 4-5) ----------------------------------------------------


def _parse_time(value: str | None, option: str) -> Any:
    """An ISO 8601 date or time (UTC unless it says otherwise), for --since/--until."""
    if value is None:
        return None
    from datetime import UTC, datetime

    from distillwatch.exceptions import InputError

    try:
        t = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise InputError(f"not an ISO 8601 date or time: {value!r}", field=option) from exc
    return t if t.tzinfo is not None else t.replace(tzinfo=UTC)


SEVERITY_CHOICES = ("low", "medium", "high", "critical")


@app.command()
def detect(
    store: Path = typer.Argument(..., help="Store directory written by `distillwatch ingest`."),
    out: Path = typer.Option(..., "--out", "-o", help="Findings folder to write."),
    since: str | None = typer.Option(None, "--since", help="Only events at or after (ISO 8601)."),
    until: str | None = typer.Option(None, "--until", help="Only events before (ISO 8601)."),
    engine: str | None = typer.Option(None, "--engine", help="duckdb (default) or spark."),
    config: Path | None = typer.Option(None, "--config", help="Settings file ([detect])."),
    rules: Path | None = typer.Option(None, "--rules", help="Rule set TOML (default: built-in)."),
    fpr: float | None = typer.Option(
        None, "--fpr", help="False-positive budget for flagging (default 0.001)."
    ),
    model: Path | None = typer.Option(
        None, "--model", help="Supervised model from `distillwatch train`."
    ),
    fail_on: str | None = typer.Option(
        None, "--fail-on", help="Exit 1 when any account reaches this severity."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Score every account of a store for harvesting and write findings with evidence.

    Writes FINDINGS/accounts.parquet, campaigns.parquet, links.parquet, features.parquet,
    evidence.jsonl and run.json. Thresholds come from the --fpr budget; no labels needed.

    Example: distillwatch detect store/ --out findings/ --fpr 0.001 --fail-on high
    """
    from rich.table import Table

    from distillwatch.config import load_settings
    from distillwatch.exceptions import ConfigError
    from distillwatch.pipeline.detect import detect as run_detect

    if fail_on is not None and fail_on not in SEVERITY_CHOICES:
        raise ConfigError(f"--fail-on must be one of {', '.join(SEVERITY_CHOICES)}")
    cfg = load_settings(config).detect
    updates: dict[str, Any] = {}
    if engine is not None:
        updates["engine"] = engine
    if fpr is not None:
        updates["fpr"] = fpr
    if rules is not None:
        updates["rules"] = str(rules)
    if updates:
        from pydantic import ValidationError

        try:
            cfg = cfg.model_validate({**cfg.model_dump(), **updates})
        except ValidationError as exc:
            raise ConfigError(f"invalid option: {exc.errors()[0]['msg']}") from exc
    import atexit
    import gc

    # What exists before the run (modules above all) outlives it: frozen, the run's full
    # collections do not walk it (4 in a 10M-event detect: 0.40 -> 0.19 s on one core);
    # unfrozen after, so a process that goes on (tests) collects it as before.
    gc.freeze()
    try:
        with console.status("detect", spinner="dots") as status:

            def on_stage(name: str) -> None:
                if not as_json:
                    status.update(f"detect: {name}")

            result = run_detect(
                store, out, config=cfg, since=_parse_time(since, "--since"),
                until=_parse_time(until, "--until"), model=model, progress=on_stage,
            )
    finally:
        gc.unfreeze()
    # At exit the interpreter's collections walked everything the run left (1-3 s after a
    # 10M-event detect, on one core); frozen, they find nothing. Frozen cyclic garbage is
    # never collected: the OS reclaims the memory, but __del__ methods and weakref
    # finalizers of objects in cycles do not run at shutdown (harmless here: the run's
    # DuckDB database is in memory and its files are written and closed by then).
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
    above = result.above(fail_on) if fail_on is not None else 0
    if as_json:
        emit_json({"out": str(result.out), "counts": result.counts,
                   "thresholds": result.run["thresholds"], "linkage": result.run["linkage"],
                   "timings_s": result.run["timings_s"]})
    else:
        table = Table(title=f"distillwatch detect: {result.counts['accounts']:,} accounts")
        for col in ("account", "score", "severity", "campaign", "summary"):
            table.add_column(col, overflow="fold")
        top = result.accounts.filter(result.accounts.column("flagged")).slice(0, 20)
        for r in top.to_pylist():
            table.add_row(r["account_id"], f"{r['score']:.3f}", r["severity"],
                          r["campaign_id"] or "", r["summary"])
        out_console = Console()
        out_console.print(table)
        c = result.counts
        out_console.print(
            f"flagged {c['flagged']:,} of {c['accounts']:,} accounts "
            f"(threshold {result.run['thresholds']['medium']:.3f} at fpr {cfg.fpr}); "
            f"campaigns: {c['campaigns']:,}; linkage: {result.run['linkage']['status']}; "
            f"findings: {result.out}"
        )
    if fail_on is not None and above > 0:
        raise typer.Exit(EXIT_FINDINGS)


@app.command()
def train(
    data: list[str] = typer.Option(
        ..., "--data", help="FINDINGS_DIR=TRUTH_FILE pair to learn from (repeat for more)."
    ),
    out: Path = typer.Option(..., "--out", "-o", help="Model file to write (JSON)."),
    c: float = typer.Option(1.0, "--c", help="Inverse L2 regularisation strength."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Fit the optional supervised account model on labelled findings (features + truth).

    Each --data pairs a findings folder (its features.parquet) with a truth file. Evaluate
    the model only on scenarios and seeds it was not trained on (run.json records them).

    Example: distillwatch train --data runs/hydra-s1=sim/hydra-s1/truth.parquet --out model.json
    """
    from distillwatch.scoring.train import train_from_findings

    pairs = []
    for item in data:
        left, sep, right = item.partition("=")
        if not sep or not left or not right:
            from distillwatch.exceptions import InputError

            raise InputError(f"--data wants FINDINGS_DIR=TRUTH_FILE, got {item!r}", field="--data")
        pairs.append((Path(left), Path(right)))
    model = train_from_findings(pairs, c=c)
    path = model.save(out)
    info = {"out": str(path), **model.describe()}
    if as_json:
        emit_json(info)
    else:
        console.print(f"[bold]model:[/] {path} ({info['accounts']:,} accounts, "
                      f"{info['attack_accounts']:,} attack) trained on {len(pairs)} dataset(s)")


@app.command()
def evaluate(
    findings: Path = typer.Argument(..., help="Findings folder written by `distillwatch detect`."),
    truth: Path = typer.Option(..., "--truth", help="Ground truth (Parquet, JSONL or CSV)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Also write the JSON here."),
    replay: str | None = typer.Option(
        None, "--replay", help="'daily': detect on each day's prefix of --store (time to flag)."
    ),
    store: Path | None = typer.Option(None, "--store", help="Store to replay (with --replay)."),
    config: Path | None = typer.Option(None, "--config", help="Settings file for the replay."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Measure findings against ground truth: precision, recall, FPR, per persona and campaign.

    Campaign purity/completeness come with it when the findings carry campaign ids.
    --replay daily --store STORE reruns detect on each day's prefix and reports the day each
    truth campaign was first flagged and the exchanges it made before.

    Example: distillwatch evaluate findings/ --truth sim/truth.parquet --out eval.json
    Example: distillwatch evaluate findings/ --truth t.parquet --replay daily --store store/
    """
    from rich.table import Table

    from distillwatch.evaluate import evaluate_findings

    ev = evaluate_findings(findings, truth)
    payload = ev.to_dict()
    if replay is not None:
        payload["replay"] = _replay(replay, store, truth, config, quiet=as_json)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if as_json:
        emit_json(payload)
        return
    screen = Console()
    head = Table(title="distillwatch evaluate")
    for col in ("accounts", "attack", "precision", "recall", "F1", "benign FPR",
                "exchange recall", "AP"):
        head.add_column(col, justify="right")
    head.add_row(f"{ev.accounts:,}", f"{ev.attack_accounts:,}", f"{ev.precision:.3f}",
                 f"{ev.recall:.3f}", f"{ev.f1:.3f}", f"{ev.benign_fpr:.4%}",
                 f"{ev.exchange_recall:.3f}", f"{ev.average_precision:.3f}")
    screen.print(head)
    groups = Table(title="per persona and campaign")
    for col in ("group", "name", "label", "accounts", "flagged", "rate", "exchange rate"):
        groups.add_column(col, justify="right" if col in ("accounts", "flagged") else "left")
    for kind, rows in (("persona", ev.by_persona), ("campaign", ev.by_campaign)):
        for g in rows:
            rate = f"recall {g.rate:.3f}" if g.label == "attack" else f"FPR {g.rate:.4%}"
            groups.add_row(kind, g.name, g.label, f"{g.accounts:,}", f"{g.flagged:,}", rate,
                           f"{g.exchange_rate:.3f}")
    screen.print(groups)
    if ev.campaigns and ev.campaigns.get("truth_campaigns"):
        camp = Table(title="campaigns (truth vs found)")
        for col in ("truth campaign", "accounts", "found", "purity", "completeness", "recovered"):
            camp.add_column(col)
        for c in ev.campaigns["campaigns"]:
            camp.add_row(c["truth_campaign"], f"{c['accounts']:,}", str(c["fragments"]),
                         f"{c['purity']:.3f}", f"{c['completeness']:.3f}",
                         "yes" if c["recovered"] else "no")
        screen.print(camp)
    if "replay" in payload:
        rep = Table(title="daily replay: first flag per truth campaign")
        rows = payload["replay"].get("campaigns", [])
        cols = sorted({k for r in rows for k in r})
        for col in cols:
            rep.add_column(col)
        for r in rows:
            rep.add_row(*(str(r.get(k, "")) for k in cols))
        screen.print(rep)
    for note in ev.notes:
        screen.print(f"[yellow]note[/] {note}")


def _replay(mode: str, store: Path | None, truth: Path, config: Path | None, *,
            quiet: bool) -> dict[str, Any]:
    """Run detect on each day's prefix of ``store`` (``--replay daily``)."""
    from distillwatch.config import load_settings
    from distillwatch.exceptions import ConfigError
    from distillwatch.pipeline.replay import replay_detect

    if mode != "daily":
        raise ConfigError(f"--replay supports 'daily' only, not {mode!r}")
    if store is None:
        raise ConfigError("--replay daily needs --store STORE")
    with console.status("replay", spinner="dots") as status:

        def on_day(day: Any, done: int, total: int) -> None:
            if not quiet:
                status.update(f"replay: detected up to {day} ({done}/{total})")

        return replay_detect(store, truth, config=load_settings(config).detect, on_day=on_day)


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
    replay: str | None = typer.Option(
        None, "--replay", help="'daily' (with --truth and --store): add time to detection."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Write an offline HTML report, campaign dossiers, evidence bundles, Markdown and JSON.

    Example: distillwatch report findings/ --store store/ --out report/ --truth sim/truth.parquet
    Example: distillwatch report findings/ --store store/ --out r/ --truth t.parquet --replay daily
    """
    from distillwatch.report import load_report_data, write_report

    evaluation = None
    if truth is not None:
        from distillwatch.evaluate import evaluate_findings

        evaluation = evaluate_findings(findings, truth).to_dict()
        if replay is not None:
            evaluation["replay"] = _replay(replay, store, truth, None, quiet=as_json)
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
def demo(
    scenario: str = typer.Option("demo", "--scenario", help="Built-in scenario or YAML file."),
    scale: float = typer.Option(1.0, "--scale", help="Shrink or grow the scenario."),
    seed: int = typer.Option(0, "--seed", help="Random seed of the simulation."),
    work_dir: Path = typer.Option(
        Path("distillwatch-demo"), "--work-dir", help="Where sim/, store/, findings/, report/ go."
    ),
    force: bool = typer.Option(False, "--force", help="Replace an existing work directory."),
    replay: bool = typer.Option(
        True, "--replay/--no-replay", help="Time to detection: detect on each day's prefix."
    ),
    config: Path | None = typer.Option(None, "--config", help="Settings file (TOML/YAML)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Run the whole system on simulated traffic: simulate, ingest, detect, evaluate, report.

    Example: distillwatch demo
    Example: distillwatch demo --scenario hydra --scale 0.2 --work-dir runs/hydra --force
    """
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from distillwatch.config import load_settings
    from distillwatch.pipeline.demo import STAGES, run_demo

    settings = load_settings(config)
    with Progress(
        TextColumn("[bold]{task.description:<9}"),
        BarColumn(),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
        console=console,
        disable=as_json,
    ) as bar:
        tasks = {s: bar.add_task(s, total=None, detail="", start=False) for s in STAGES}

        def on_progress(stage: str, done: float, total: float | None, detail: str) -> None:
            task = tasks[stage]
            bar.start_task(task)
            for earlier in STAGES[: STAGES.index(stage)]:  # finish stages that went quiet
                t = bar.tasks[tasks[earlier]]
                if not t.finished:
                    bar.update(tasks[earlier], total=t.total or 1, completed=t.total or 1)
            bar.update(task, completed=done, total=total, detail=detail)

        result = run_demo(work_dir, scenario=scenario, scale=scale, seed=seed,
                          settings=settings, force=force, replay=replay, progress=on_progress)
        for s in STAGES:
            bar.update(tasks[s], total=1, completed=1)
    summary = result.summary()
    if as_json:
        emit_json(summary)
        return
    table = Table(title=f"distillwatch demo: scenario {scenario}", show_header=False)
    table.add_column("what")
    table.add_column("value", justify="right")
    fmt = {float: "{:.4f}", int: "{:,}"}
    for key in ("simulated_events", "events", "accounts", "flagged_accounts", "campaigns_found",
                "campaigns_recovered", "truth_campaigns", "campaigns_flagged_first_day",
                "precision", "recall", "benign_fpr", "exchange_recall"):
        val = summary[key]
        if val is None:
            continue
        table.add_row(key.replace("_", " "), fmt.get(type(val), "{}").format(val))
    Console().print(table)
    Console().print(f"report: [bold]{summary['report']}[/]  (open it in a browser)")


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


@app.command()
def serve(
    upstream: str | None = typer.Option(
        None, "--upstream", help="OpenAI-compatible base URL to protect (e.g. http://vllm:8000)."
    ),
    host: str | None = typer.Option(None, "--host", help="Interface to listen on."),
    port: int | None = typer.Option(None, "--port", help="Port to listen on."),
    findings: Path | None = typer.Option(
        None, "--findings", help="Findings folder from `distillwatch detect` (hot-reloaded)."
    ),
    state: str | None = typer.Option(
        None, "--state", help="Per-account state: 'memory' or a redis://host:port/db URL."
    ),
    config: Path | None = typer.Option(
        None, "--config", help="Settings file (TOML/YAML); its [gateway] section is used."
    ),
    policy: Path | None = typer.Option(None, "--policy", help="Policy file (default: built-in)."),
    decision_log: Path | None = typer.Option(
        None, "--decision-log", help="Write one JSON line per decision here ('-' = stdout)."
    ),
    fail_mode: str | None = typer.Option(
        None, "--fail-mode", help="When Redis is down: 'open' (serve) or 'closed' (503)."
    ),
    check: bool = typer.Option(
        False, "--check", help="Build everything (policy, key map, findings, state), then exit."
    ),
    workers: int = typer.Option(
        1, "--workers", min=1, help="Worker processes (more than one needs Redis state)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Run the enforcement gateway in front of an OpenAI-compatible API.

    Scores every request with the batch signals, keeps per-account windows, loads findings,
    and allows, flags, throttles (429), blocks (403) or degrades. Secrets (admin token, canary
    key) come from the settings file or DISTILLWATCH_GATEWAY__* variables.

    Example: distillwatch serve --upstream http://127.0.0.1:8000 --port 8787 --findings findings/
    --state redis://127.0.0.1:6379/0 --decision-log decisions.jsonl
    """
    import logging
    import os

    # One request at a time per thread: BLAS thread pools only add spin-waits and tail
    # latency to the signal model's one-row products (set before numpy loads).
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    from distillwatch.exceptions import ConfigError
    from distillwatch.gateway.app import create_app, serve_settings

    overrides = {
        k: v
        for k, v in {
            "upstream": upstream,
            "host": host,
            "port": port,
            "findings": findings,
            "state": state,
            "policy": policy,
            "decision_log": decision_log,
            "fail_mode": fail_mode,
        }.items()
        if v is not None
    }
    settings = serve_settings(str(config) if config else None, overrides)
    gateway_cfg = settings.gateway
    if workers > 1 and gateway_cfg.state == "memory":
        raise ConfigError("--workers > 1 needs shared state: --state redis://host:port/db")
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    app_ = create_app(settings)
    gw = app_.state.gateway
    summary = {
        "listen": f"http://{gateway_cfg.host}:{gateway_cfg.port}",
        "upstream": gateway_cfg.upstream,
        "state": gw.state.name,
        "fail_mode": gateway_cfg.fail_mode,
        "policy": gw.policy.source,
        "rules": len(gw.policy.rules),
        "findings": gw.findings.index.counts(),
        "decision_log": str(gateway_cfg.decision_log) if gateway_cfg.decision_log else None,
        "admin_api": gateway_cfg.admin_token is not None,
        "canaries": gateway_cfg.canary_key is not None,
    }
    if check:
        import asyncio

        summary["state_ok"] = asyncio.run(gw.state.ping())
    if as_json:
        emit_json(summary)
    else:
        console.print(
            f"[bold]distillwatch gateway[/] {summary['listen']} -> {summary['upstream']} "
            f"(state {summary['state']}, fail {summary['fail_mode']}, {summary['rules']} rules)"
        )
    if check:
        return
    import uvicorn

    if workers > 1:
        from distillwatch.gateway.app import SERVE_SPEC_ENV

        spec = {
            "config": str(config) if config else None,
            "overrides": {k: str(v) if isinstance(v, Path) else v for k, v in overrides.items()},
        }
        os.environ[SERVE_SPEC_ENV] = json.dumps(spec)
        uvicorn.run(
            "distillwatch.gateway.app:app_from_env",
            factory=True,
            workers=workers,
            host=gateway_cfg.host,
            port=gateway_cfg.port,
            log_level="info",
            access_log=False,
            server_header=False,  # the upstream's Server and Date headers pass through
            date_header=False,
            proxy_headers=False,  # X-Forwarded-For is judged by gateway.trusted_proxies only
        )
        return
    import gc

    # Everything built so far (policy, findings, signal model) lives as long as the server:
    # out of the collector's sight, full collections stop walking it (tail latency).
    gc.collect()
    gc.freeze()
    uvicorn.run(
        app_,
        host=gateway_cfg.host,
        port=gateway_cfg.port,
        log_level="info",
        access_log=False,
        server_header=False,
        date_header=False,
        # uvicorn would otherwise rewrite the peer from X-Forwarded-For for local callers
        # (its default trusts 127.0.0.1) before gateway.trusted_proxies is consulted.
        proxy_headers=False,
    )

# ---- intel (issue 8) -------------------------------------------------------------------------


def _intel_config(config: Path | None, producer: str | None = None) -> Any:
    """The [intel] settings section (from --config / DISTILLWATCH_INTEL__* variables)."""
    from distillwatch.config import load_settings

    cfg = load_settings(config).intel
    return cfg.model_copy(update={"producer_name": producer}) if producer else cfg


INTEL_CONFIG_OPTION = typer.Option(None, "--config", help="Settings file (TOML/YAML).")
KEY_FILE_OPTION = typer.Option(
    [], "--key-file", "-k", help="Trust-group key file (repeat for several groups)."
)


@intel_app.command("keygen")
def intel_keygen(
    group: str = typer.Option(..., "--group", "-g", help="Trust group name, e.g. llm-labs."),
    out: Path = typer.Option(..., "--out", "-o", help="Key file to write (mode 0600)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing key file."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Create a random HMAC-SHA-256 key for one trust group; share it out of band.

    Example: distillwatch intel keygen --group llm-labs --out keys/llm-labs.key
    """
    from distillwatch.intel.keys import generate_key, write_key

    key = generate_key(group)
    path = write_key(key, out, overwrite=force)
    if as_json:
        emit_json({"key_file": str(path), "trust_group": key.trust_group, "key_id": key.key_id})
    else:
        console.print(f"[bold]key:[/] {path}  (group {key.trust_group}, key id {key.key_id})")


@intel_app.command("export")
def intel_export(
    findings: Path = typer.Argument(..., help="Findings folder written by `distillwatch detect`."),
    out: Path = typer.Option(..., "--out", "-o", help="STIX 2.1 bundle file to write."),
    tlp: str | None = typer.Option(
        None, "--tlp", help="clear, green, amber, amber+strict (default) or red."
    ),
    key_file: list[Path] = KEY_FILE_OPTION,
    share: str | None = typer.Option(
        None, "--share", help="hashed (default): sensitive values as keyed hashes; raw: plain."
    ),
    store: Path | None = typer.Option(
        None, "--store", help="Store of the findings: tells hosting from residential IPs and "
        "adds sighting counts."
    ),
    producer: str | None = typer.Option(None, "--producer", help="Your organisation's name."),
    min_severity: str | None = typer.Option(
        None, "--min-severity", help="Export campaigns at or above this severity (medium)."
    ),
    pss: Path | None = typer.Option(
        None, "--pss", help="Private search set folder (default: BUNDLE.pss next to the bundle)."
    ),
    config: Path | None = INTEL_CONFIG_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Export campaigns as a STIX 2.1 bundle (validated) plus a private search set.

    Example: distillwatch intel export findings/ --out a.json --key-file llm-labs.key --store store/
    """
    from distillwatch.intel.workflow import run_export

    with console.status("exporting and validating the bundle"):
        summary = run_export(
            findings, out, config=_intel_config(config, producer), key_files=key_file,
            share=share, tlp=tlp, store=store, min_severity=min_severity, pss_dir=pss,
        )
    if as_json:
        emit_json(summary)
    else:
        console.print(
            f"[bold]bundle:[/] {summary['out']}  ({summary['campaigns']} campaigns, "
            f"{summary['indicators']} indicators, {summary['values_hashed']} values hashed, "
            f"{summary['values_raw']} raw; passes stix2-validator)"
        )
        if "pss" in summary:
            console.print(f"[bold]private search set:[/] {summary['pss']}")


def _print_match(m: dict[str, Any]) -> None:
    console.print(
        f"[bold]match:[/] {m['indicators']} partner indicators from {m['bundles']} bundle(s); "
        f"{m['accounts_matched']} accounts matched, {m['accounts_corroborated']} corroborated "
        f"-> {m['path']}"
    )
    for c in m.get("campaigns", []):
        console.print(
            f"  campaign {c['campaign_id']}: {c['corroborated_accounts']} corroborated accounts "
            f"by {', '.join(c['partners'])} (TLP:{(c['tlp'] or 'none').upper()}, "
            f"confidence {c['max_confidence']})"
        )
    if m.get("unknown_key_ids"):
        console.print(f"  [yellow]no key for key id(s):[/] {', '.join(m['unknown_key_ids'])}")
    if m.get("unsupported_indicators"):
        n = m["unsupported_indicators"]
        console.print(f"  {n} indicator(s) not evaluable (see match.json)")


@intel_app.command("import")
def intel_import(
    bundles: list[Path] = typer.Argument(..., help="Partner STIX 2.1 bundle files."),
    store: Path = typer.Option(..., "--store", help="Our store (bundles go to STORE/intel/)."),
    key_file: list[Path] = KEY_FILE_OPTION,
    findings: Path | None = typer.Option(
        None, "--findings", help="Our findings, to report which campaigns are corroborated."
    ),
    match: bool = typer.Option(True, "--match/--no-match", help="Match right after importing."),
    config: Path | None = INTEL_CONFIG_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Validate partners' bundles (size limits, stix2-validator), store them, match them.

    Exits 2 when any bundle was rejected (the others are still imported).

    Example: distillwatch intel import partner-a.json --store store/ --key-file llm-labs.key
    """
    from rich.progress import Progress

    from distillwatch.intel.workflow import run_import

    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("importing bundles", total=len(bundles))
        summary = run_import(
            bundles, store=store, config=_intel_config(config), key_files=key_file,
            findings=findings, match=match, on_bundle=lambda: progress.advance(task),
        )
    if as_json:
        emit_json(summary)
    else:
        for a in summary["accepted"]:
            console.print(
                f"[green]accepted[/] {a['path']}: {a['indicators']} indicators from "
                f"{', '.join(a['producers']) or 'unknown producer'} "
                f"(TLP:{(a['tlp'] or 'none').upper()})"
            )
        for r in summary["rejected"]:
            console.print(f"[red]rejected[/] {r['reason']}")
        if "match" in summary:
            _print_match(summary["match"])
    if summary["rejected"]:
        raise typer.Exit(EXIT_USAGE)


@intel_app.command("match")
def intel_match(
    store: Path = typer.Option(..., "--store", help="Our store with imported bundles."),
    key_file: list[Path] = KEY_FILE_OPTION,
    findings: Path | None = typer.Option(
        None, "--findings", help="Our findings, to report which campaigns are corroborated."
    ),
    config: Path | None = INTEL_CONFIG_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Evaluate imported partner indicators against the store; write the corroboration table.

    Writes STORE/intel/corroboration.parquet (read by detect) and STORE/intel/match.json.

    Example: distillwatch intel match --store store/ --key-file llm-labs.key --findings findings/
    """
    from distillwatch.intel.workflow import run_match

    with console.status("matching partner indicators"):
        summary = run_match(
            store=store, config=_intel_config(config), key_files=key_file, findings=findings
        )
    if as_json:
        emit_json(summary)
    else:
        _print_match(summary)


TAXII_OPTION = typer.Option(..., "--taxii", help="TAXII 2.1 API root URL.")
COLLECTION_OPTION = typer.Option(..., "--collection", help="Collection id.")
TAXII_USER_OPTION = typer.Option(
    None, "--user", envvar="DISTILLWATCH_TAXII_USER", help="TAXII user."
)
TAXII_PASSWORD_OPTION = typer.Option(
    None, "--password", envvar="DISTILLWATCH_TAXII_PASSWORD",
    help="TAXII password (prefer the DISTILLWATCH_TAXII_PASSWORD variable).",
)


@intel_app.command("push")
def intel_push(
    bundle: Path = typer.Argument(..., help="Bundle file to publish."),
    taxii: str = TAXII_OPTION,
    collection: str = COLLECTION_OPTION,
    user: str | None = TAXII_USER_OPTION,
    password: str | None = TAXII_PASSWORD_OPTION,
    config: Path | None = INTEL_CONFIG_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Publish a bundle's objects to a TAXII 2.1 collection.

    Example: distillwatch intel push a.json --taxii https://taxii.example/api1/ --collection ID
    """
    from distillwatch.intel.workflow import run_push

    with console.status("pushing to TAXII"):
        summary = run_push(bundle, api_root=taxii, collection=collection,
                           config=_intel_config(config), user=user, password=password)
    if as_json:
        emit_json(summary)
    else:
        console.print(
            f"[bold]pushed:[/] {summary['success']}/{summary['total']} objects "
            f"({summary['failure']} refused, e.g. already present) status {summary['status']}"
        )


@intel_app.command("pull")
def intel_pull(
    taxii: str = TAXII_OPTION,
    collection: str = COLLECTION_OPTION,
    out: Path = typer.Option(..., "--out", "-o", help="Bundle file to write."),
    added_after: str | None = typer.Option(
        None, "--added-after", help="Only objects added after this RFC 3339 timestamp."
    ),
    user: str | None = TAXII_USER_OPTION,
    password: str | None = TAXII_PASSWORD_OPTION,
    config: Path | None = INTEL_CONFIG_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Fetch a TAXII 2.1 collection into one bundle file; then run `intel import` on it.

    Example: distillwatch intel pull --taxii https://taxii.example/api1/ --collection ID -o in.json
    """
    from distillwatch.intel.workflow import run_pull

    with console.status("pulling from TAXII"):
        summary = run_pull(api_root=taxii, collection=collection, out=out,
                           config=_intel_config(config), user=user, password=password,
                           added_after=added_after)
    if as_json:
        emit_json(summary)
    else:
        console.print(f"[bold]pulled:[/] {summary['objects']} objects -> {summary['out']}")


@intel_app.command("pss-check")
def intel_pss_check(
    pss: Path = typer.Argument(..., help="Private search set folder."),
    values: list[str] = typer.Argument(..., help="Values to test."),
    kind: str = typer.Option(..., "--kind", help="ip, ip-prefix, email-domain, "
                             "payment-fingerprint, template-key, ..."),
    key_file: Path = typer.Option(..., "--key-file", "-k", help="The set's trust-group key."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Test values for membership in a partner's private search set (keyed-hash list/Bloom).

    Example: distillwatch intel pss-check a.pss --kind payment-fingerprint pf_123 -k lab.key
    """
    from distillwatch.intel.keys import read_key
    from distillwatch.intel.pss import read_pss

    pset = read_pss(pss)
    key = read_key(key_file)
    result = {v: pset.contains(key, kind, v) for v in values}
    if as_json:
        emit_json(result)
    else:
        for v, hit in result.items():
            console.print(f"{'[red]in set[/]' if hit else 'not in set'}  {v}")


def exit_on_sigterm() -> None:
    """Make SIGTERM (a scheduler or service manager stopping us) raise SystemExit(143), so the
    ``finally`` blocks run as on Ctrl-C: ingest's step workers and fork server stop, its
    shared-memory folder and unfinished part files go. Python's default dies on the spot and
    leaves worker processes waiting forever. A running DuckDB query finishes first."""

    def _exit(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _exit)


def main() -> None:
    """Entry point: click handles usage errors (exit 2); library errors become clean messages."""
    exit_on_sigterm()
    try:
        app()
    except DistillwatchError as exc:
        console.print(f"[bold red]error:[/] {exc}")
        sys.exit(EXIT_USAGE)


if __name__ == "__main__":
    main()

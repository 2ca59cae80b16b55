"""``distillwatch doctor``: check the environment and say what is missing and how to fix it.

Checks are data: a name, whether distillwatch needs it (``required``) or only one feature
does, and a function that returns a detail string or raises with the reason.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

OK, WARN, FAIL = "ok", "warn", "fail"


@dataclass(frozen=True)
class Check:
    """One environment check."""

    name: str
    run: Callable[[], str]
    required: bool
    fix: str


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check."""

    name: str
    status: str  # ok | warn | fail
    detail: str
    fix: str


CORE_PACKAGES = (
    "duckdb", "ibis-framework", "pyarrow", "numba", "networkit", "scikit-learn", "typer",
    "rich", "plotly", "jinja2", "maxminddb", "fastapi", "uvicorn", "httpx", "redis", "stix2",
    "stix2-validator", "taxii2-client",
)  # fmt: skip


def _python() -> str:
    # pip enforces requires-python; this line tells which interpreter runs distillwatch.
    return f"Python {sys.version.split()[0]} at {sys.executable}"


def _packages() -> str:
    missing, found = [], []
    for name in CORE_PACKAGES:
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            missing.append(name)
    if missing:
        raise RuntimeError("not installed: " + ", ".join(missing))
    return f"{len(found)} core packages installed"


def _duckdb() -> str:
    import duckdb

    value = duckdb.connect().execute("select 41 + 1").fetchall()[0][0]
    if value != 42:
        raise RuntimeError("DuckDB returned a wrong result")
    return f"DuckDB {duckdb.__version__} runs"


def _spark() -> str:
    importlib.import_module("pyspark")
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("java not on PATH (PySpark needs Java 17)")
    out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    line = (out.stderr or out.stdout).splitlines()[0] if (out.stderr or out.stdout) else "?"
    return f"pyspark {importlib.metadata.version('pyspark')}, {line.strip()}"


def _enrichment() -> str:
    from distillwatch.ingest.enrich import EnrichConfig, Enricher

    enricher = Enricher.from_config(EnrichConfig())
    describe = getattr(enricher, "describe", None)
    return str(describe()) if callable(describe) else "IP enrichment databases load"


def _intent_model() -> str:
    from distillwatch.signals.intent import IntentClassifier

    IntentClassifier.load_default()
    return "request intent classifier loads"


def _scenarios() -> str:
    from distillwatch.simulate import BUILTIN_SCENARIOS, load_scenario

    names = BUILTIN_SCENARIOS
    for name in names:
        load_scenario(name)
    return "built-in scenarios: " + ", ".join(names)


def _binary(name: str) -> Callable[[], str]:
    def check() -> str:
        path = shutil.which(name)
        if path is None:
            raise RuntimeError(f"{name} not on PATH")
        return path

    return check


CHECKS: tuple[Check, ...] = (
    Check("python", _python, True, "install Python 3.11 or newer"),
    Check("packages", _packages, True, "pip install -e . -c constraints.txt"),
    Check("engine: duckdb", _duckdb, True, "pip install -e . -c constraints.txt"),
    Check("enrichment data", _enrichment, True, "reinstall distillwatch; see docs/enrichment.md"),
    Check("intent model", _intent_model, True, "python scripts/train_intent.py"),
    Check("scenarios", _scenarios, True, "reinstall distillwatch (scenarios ship with it)"),
    Check("engine: spark", _spark, False, "pip install -e '.[spark]' and install Java 17"),
    Check("redis-server", _binary("redis-server"), False,
          "apt-get install redis-server (only for `serve --state redis://`)"),
    Check("chromium", _binary("chromium"), False,
          "apt-get install chromium chromium-driver (only for the browser tests)"),
)  # fmt: skip


def run_checks(checks: tuple[Check, ...] = CHECKS) -> list[CheckResult]:
    """Run every check; a failing optional check is a warning, a failing required one a failure."""
    results = []
    for check in checks:
        try:
            results.append(CheckResult(check.name, OK, check.run(), ""))
        except Exception as exc:  # a check reports any failure, it never crashes doctor
            status = FAIL if check.required else WARN
            results.append(
                CheckResult(check.name, status, f"{type(exc).__name__}: {exc}", check.fix)
            )
    return results

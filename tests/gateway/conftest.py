"""Gateway test fixtures: a real fake-OpenAI upstream and the gateway, both under uvicorn."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from starlette.applications import Starlette

from distillwatch.config import Settings
from distillwatch.gateway.app import Gateway, create_app
from distillwatch.gateway.config import GatewayConfig
from distillwatch.gateway.fake_upstream import FakeUpstream, serve_in_thread
from distillwatch.schema import FINDINGS_ACCOUNT_SCHEMA, FINDINGS_CAMPAIGN_SCHEMA

CANARY_KEY = "test-canary-key-0123456789abcdef"
ADMIN_TOKEN = "admin-token-for-tests"


@dataclass
class Upstream:
    fake: FakeUpstream
    url: str


@dataclass
class RunningGateway:
    url: str
    app: Starlette
    decision_log: Path
    canary_log: Path

    @property
    def gw(self) -> Gateway:
        return self.app.state.gateway  # type: ignore[no-any-return]

    def flush(self) -> None:
        """Wait for the background writers of the decision log and canary ledger."""
        if self.gw.decision_log is not None:
            assert self.gw.decision_log.flush()
        if self.gw.ledger is not None:
            assert self.gw.ledger.flush()

    def decisions(self) -> list[dict[str, Any]]:
        self.flush()
        if not self.decision_log.exists():
            return []
        return [json.loads(x) for x in self.decision_log.read_text().splitlines() if x]


@pytest.fixture(scope="session")
def upstream() -> Iterator[Upstream]:
    fake = FakeUpstream(slow_s=0.02, timeout_s=5.0)
    with serve_in_thread(fake.app) as url:
        yield Upstream(fake, url)


@pytest.fixture
def start_gateway(tmp_path: Path, upstream: Upstream) -> Iterator[Callable[..., RunningGateway]]:
    """Start a gateway in front of the fake upstream; keyword arguments are GatewayConfig fields."""
    stack = contextlib.ExitStack()
    counter = iter(range(1000))

    def start(**overrides: Any) -> RunningGateway:
        n = next(counter)
        cfg: dict[str, Any] = {
            "upstream": upstream.url,
            "decision_log": tmp_path / f"decisions{n}.jsonl",
            "canary_log": tmp_path / f"canaries{n}.jsonl",
            "canary_key": CANARY_KEY,
            "admin_token": ADMIN_TOKEN,
            "reload_interval_s": 0.05,
        }
        cfg.update(overrides)
        app = create_app(Settings(gateway=GatewayConfig(**cfg)))
        url = stack.enter_context(serve_in_thread(app))
        return RunningGateway(url, app, Path(cfg["decision_log"]), Path(cfg["canary_log"]))

    with stack:
        yield start


def write_findings(
    directory: Path,
    *,
    accounts: Sequence[dict[str, Any]] = (),
    campaigns: Sequence[dict[str, Any]] = (),
    atomic: bool = True,
) -> None:
    """Write findings tables the way detect does (replace atomically unless told not to)."""
    directory.mkdir(parents=True, exist_ok=True)
    acc_rows = [
        {"score": 0.9, "severity": "high", "flagged": True, "reasons": [], **a} for a in accounts
    ]
    camp_rows = [
        {"score": 0.9, "severity": "high", **c, "indicators": json.dumps(c.get("indicators", {}))}
        for c in campaigns
    ]
    for name, rows, schema in (
        ("accounts.parquet", acc_rows, FINDINGS_ACCOUNT_SCHEMA),
        ("campaigns.parquet", camp_rows, FINDINGS_CAMPAIGN_SCHEMA),
    ):
        table = pa.Table.from_pylist(rows, schema=schema)
        target = directory / name
        if atomic:
            tmp = directory / f".{name}.tmp"
            pq.write_table(table, tmp)
            os.replace(tmp, target)
        else:
            pq.write_table(table, target)


@pytest.fixture
def findings_writer() -> Callable[..., None]:
    """:func:`write_findings`, for test modules (conftest is not importable by name)."""
    return write_findings

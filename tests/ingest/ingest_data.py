"""Small contract event files for the ingest tests (importable: tests/ingest is on sys.path)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

BASE_TS = 1_740_823_200  # 2025-03-01T10:00:00Z


def event(i: int, **over: Any) -> dict[str, Any]:
    """A valid contract event; ``over`` replaces or adds keys (None values are kept)."""
    row: dict[str, Any] = {
        "ts": f"2025-03-01T10:{i // 60 % 60:02d}:{i % 60:02d}Z",
        "account_id": f"acct-{i % 7}",
        "request_id": f"req-{i}",
        "api_key_id": f"key-{i % 3}",
        "client_ip": f"203.0.113.{i % 250}",
        "user_agent": "python-httpx/0.28",
        "model": "gpt-x",
        "operation": "chat",
        "input_tokens": 100 + i,
        "output_tokens": 200 + i,
        "temperature": 0.5,
        "max_tokens": 1024,
        "n": 1,
        "logprobs": False,
        "stream": False,
        "turn": 0,
        "system_prompt": "You are a helpful assistant.",
        "prompt": f"Solve step by step: what is {i} + {i}?",
        "response": f"The answer is {2 * i}.",
        "finish_reason": "stop",
        "status": 200,
    }
    row.update(over)
    return row


def write_jsonl(path: Path, rows: list[Any]) -> Path:
    """Each row as one line: dicts/lists are JSON-encoded, str and bytes written as given."""
    with path.open("wb") as fh:
        for r in rows:
            if isinstance(r, bytes):
                fh.write(r + b"\n")
            elif isinstance(r, str):
                fh.write(r.encode() + b"\n")
            else:
                fh.write(json.dumps(r).encode() + b"\n")
    return path


def store_rows(store: Path, sql: str = "SELECT * FROM events ORDER BY ts, event_key") -> list[dict]:
    """Rows of a query against the store's catalog (one DuckDB call, as users do)."""
    con = duckdb.connect(str(store / "catalog.duckdb"), read_only=True)
    try:
        table: pa.Table = con.sql(sql).to_arrow_table()
    finally:
        con.close()
    return table.to_pylist()


def quarantine_records(report: Any) -> list[dict[str, Any]]:
    if report.quarantine_path is None:
        return []
    return [json.loads(x) for x in Path(report.quarantine_path).read_text().splitlines()]


def picky_stages(config: Any) -> Any:
    """The real steps, except that sketching fails on any batch with a prompt holding "boom"
    (module-level, so step worker processes can build it too)."""
    from distillwatch.ingest.sketch import sketch_text
    from distillwatch.ingest.stages import Stages

    real = Stages.load(config)

    def picky_sketch(t: pa.Table) -> pa.Table:
        if any(p and "boom" in p for p in t.column("prompt").to_pylist()):
            raise ValueError("cannot sketch boom")
        return sketch_text(t)

    return Stages(real.enricher, picky_sketch, real.signals)

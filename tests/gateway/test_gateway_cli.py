"""`distillwatch serve`: option checking and a real server process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from distillwatch.gateway.fake_upstream import free_port

ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}


def _main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    from distillwatch.cli import main

    monkeypatch.setattr(sys, "argv", ["distillwatch", *args])
    try:
        main()
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_serve_check_reports_and_rejects_bad_policy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _main(monkeypatch, "serve", "--upstream", "http://127.0.0.1:9", "--check", "--json") == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["rules"] > 5 and summary["state"] == "memory" and summary["state_ok"]
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rule]]\nid = "x"\nwhen = ["nope.fact"]\naction = "flag"\n')
    assert _main(monkeypatch, "serve", "--policy", str(bad), "--check") == 2
    assert "unknown fact 'nope.fact'" in capsys.readouterr().err
    assert _main(monkeypatch, "serve", "--fail-mode", "sideways", "--check") == 2
    assert "fail_mode" in capsys.readouterr().err
    assert _main(monkeypatch, "serve", "--workers", "2", "--check") == 2
    assert "needs shared state" in capsys.readouterr().err
    assert _main(monkeypatch, "serve", "--upstream", "localhost:8000", "--check") == 2
    assert "gateway.upstream" in capsys.readouterr().err


@pytest.mark.redis
@pytest.mark.slow
def test_serve_runs_real_workers_sharing_redis(
    tmp_path: Path, upstream: Any, redis_url: str
) -> None:
    """Two worker processes behind one port, one Redis window: the 4th request is throttled
    whichever worker answers it."""
    policy = tmp_path / "p.toml"
    policy.write_text(
        '[[rule]]\nid = "burst"\nwhen = ["state.requests > 3"]\naction = "throttle"\n'
    )
    port = free_port()
    log = tmp_path / "d.jsonl"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "distillwatch.cli",
            "serve",
            "--upstream",
            upstream.url,
            "--port",
            str(port),
            "--decision-log",
            str(log),
            "--state",
            redis_url,
            "--policy",
            str(policy),
            "--workers",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.communicate()[1]
            assert time.monotonic() < deadline, "gateway did not come up"
            time.sleep(0.1)
        # A local caller's X-Forwarded-For must not become its address (no trusted proxies).
        c = openai.OpenAI(
            base_url=url + "/v1",
            api_key="sk-cli-test",
            max_retries=0,
            default_headers={"x-forwarded-for": "203.0.113.9"},
        )
        for _ in range(3):
            r = c.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
            assert r.choices[0].message.content
        with pytest.raises(openai.RateLimitError):
            c.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    lines = [json.loads(x) for x in log.read_text().splitlines()]
    assert sorted(x["status"] for x in lines) == [200, 200, 200, 429]
    assert {x["client_ip"] for x in lines} == {"127.0.0.1"}
    assert "sk-cli-test" not in err and "gateway: upstream=" in err

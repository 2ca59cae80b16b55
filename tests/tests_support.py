"""Helpers shared by test modules (importable because pytest puts tests/ on sys.path)."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# Test artifacts kept after a run (screenshots); ignored by git.
ARTIFACTS = REPO / "artifacts"
# Under CI a missing service binary is a failure, not a skip.
REQUIRE_SERVICES = os.environ.get("DISTILLWATCH_REQUIRE_SERVICES") == "1"


def need(binary: str) -> str:
    """Path of a system binary, or skip (fail under CI) when it is missing."""
    path = shutil.which(binary)
    if path is None:
        if REQUIRE_SERVICES:
            pytest.fail(f"{binary} is required under CI but not installed")
        pytest.skip(f"{binary} not installed")
    return path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])

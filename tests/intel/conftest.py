"""Fixtures of the intel tests: the two-provider scenario, a key, a real medallion server."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from distillwatch.intel.keys import TrustGroupKey, generate_key
from distillwatch.intel.scenario import Provider, build


@pytest.fixture(scope="session")
def providers(tmp_path_factory: pytest.TempPathFactory) -> tuple[Provider, Provider]:
    """Provider A (sees the whole campaign) and B (sees only its hosting part)."""
    return build(tmp_path_factory.mktemp("scenario"), seed=11, attackers=45, benign=150)


@pytest.fixture(scope="session")
def group_key() -> TrustGroupKey:
    return generate_key("llm-labs")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


COLLECTION_ID = "4f0b8c2e-6a1d-4c3b-9e5f-7a8b9c0d1e2f"


@pytest.fixture(scope="session")
def taxii_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A real medallion TAXII 2.1 server (memory backend) on a free loopback port."""
    pytest.importorskip("medallion")
    port = _free_port()
    root = tmp_path_factory.mktemp("taxii")
    base = f"http://127.0.0.1:{port}"
    data = {
        "/discovery": {
            "title": "distillwatch test TAXII server",
            "description": "medallion memory backend",
            "default": f"{base}/trustgroup1/",
            "api_roots": [f"{base}/trustgroup1/"],
        },
        "trustgroup1": {
            "information": {
                "title": "trust group 1",
                "description": "partners",
                "versions": ["application/taxii+json;version=2.1"],
                "max_content_length": 50 * 1024 * 1024,
            },
            "status": [],
            "collections": [
                {
                    "id": COLLECTION_ID,
                    "title": "distillation indicators",
                    "description": "shared by the labs",
                    "can_read": True,
                    "can_write": True,
                    "media_types": ["application/stix+json;version=2.1"],
                    "objects": [],
                    "manifest": [],
                }
            ],
        },
    }
    (root / "data.json").write_text(json.dumps(data))
    config = {
        "backend": {
            "module": "medallion.backends.memory_backend",
            "module_class": "MemoryBackend",
            "filename": str(root / "data.json"),
        },
        "users": {"lab": "s3cret-pass"},
        "taxii": {"max_page_size": 100},
    }
    (root / "config.json").write_text(json.dumps(config))
    log = (root / "medallion.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-c", "from medallion.scripts.run import main; main()",
         "--host", "127.0.0.1", "--port", str(port), str(root / "config.json")],
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"medallion exited: {(root / 'medallion.log').read_text()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("medallion did not start")
    yield {"api_root": f"{base}/trustgroup1/", "collection": COLLECTION_ID, "user": "lab",
           "password": "s3cret-pass"}
    proc.terminate()
    proc.wait(timeout=10)
    log.close()



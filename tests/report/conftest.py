"""A small findings folder and store with two planted campaigns, written directly as Parquet."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from distillwatch.schema import (
    FINDINGS_ACCOUNT_SCHEMA,
    FINDINGS_CAMPAIGN_SCHEMA,
    STORE_ACCOUNT_SCHEMA,
)
from tests_support import with_key_ints

T0 = datetime(2026, 3, 1, tzinfo=UTC)
CAMPAIGNS = {"cmp-alpha": 6, "cmp-beta": 4}


def _accounts() -> list[dict]:
    rows = []
    for cid, n in CAMPAIGNS.items():
        for i in range(n):
            rows.append(
                {
                    "account_id": f"{cid}-acct{i}",
                    "campaign_id": cid,
                    "flagged": True,
                    "score": 0.9 - i / 100,
                }
            )
    for i in range(20):
        rows.append(
            {
                "account_id": f"benign{i:02d}",
                "campaign_id": None,
                "flagged": i == 0,
                "score": 0.7 if i == 0 else 0.1,
            }
        )
    return rows


@pytest.fixture
def findings_and_store(tmp_path: Path) -> tuple[Path, Path]:
    fdir, store = tmp_path / "findings", tmp_path / "store"
    fdir.mkdir()
    accts = _accounts()
    pq.write_table(
        pa.Table.from_pylist(
            [
                {
                    "account_id": a["account_id"],
                    "score": a["score"],
                    "severity": "high" if a["flagged"] else "none",
                    "flagged": a["flagged"],
                    "reasons": ["cot_share_high", "template_reuse"] if a["flagged"] else [],
                    "summary": None,
                    "campaign_id": a["campaign_id"],
                    "exchanges": 12,
                    "first_seen": T0,
                    "last_seen": T0 + timedelta(days=2),
                }
                for a in accts
            ],
            schema=FINDINGS_ACCOUNT_SCHEMA,
        ),
        fdir / "accounts.parquet",
    )
    pq.write_table(
        pa.Table.from_pylist(
            [
                {
                    "campaign_id": cid,
                    "score": 0.95,
                    "severity": "critical",
                    "accounts": n,
                    "exchanges": n * 12,
                    "first_seen": T0,
                    "last_seen": T0 + timedelta(days=2),
                    "tactics": ["cot_elicitation"],
                    "link_types": ["payment", "ip_prefix"],
                    "indicators": json.dumps(
                        {"payment_fingerprints": [f"pay-{cid}"], "prefixes": ["203.0.113.0/24"]}
                    ),
                    "summary": None,
                }
                for cid, n in CAMPAIGNS.items()
            ],
            schema=FINDINGS_CAMPAIGN_SCHEMA,
        ),
        fdir / "campaigns.parquet",
    )
    pq.write_table(
        pa.table(
            {
                "src": ["cmp-alpha-acct0"],
                "dst": ["cmp-alpha-acct1"],
                "link_type": ["payment"],
                "weight": [1.0],
                "evidence": ["{}"],
            }
        ),
        fdir / "links.parquet",
    )
    with (fdir / "evidence.jsonl").open("w") as fh:
        for a in accts:
            if a["flagged"]:
                fh.write(
                    json.dumps(
                        {
                            "account_id": a["account_id"],
                            "reason": "cot_share_high",
                            "value": 0.97,
                            "population_p99": 0.2,
                        }
                    )
                    + "\n"
                )
    (fdir / "run.json").write_text(json.dumps({"fpr": 0.001}))
    # store: accounts + one day of events
    pq.write_table(
        pa.Table.from_pylist(
            [
                {
                    "account_id": a["account_id"],
                    "created_at": T0 - timedelta(days=1),
                    "email_domain": "mail.example",
                    "payment_fingerprint": f"pay-{a['campaign_id']}" if a["campaign_id"] else None,
                    "country": "US",
                    "signup_channel": "self_serve",
                    "verified": False,
                    "org_name": None,
                    "email_domain_class": "other",
                }
                for a in accts
            ],
            schema=STORE_ACCOUNT_SCHEMA,
        ),
        _mk(store / "accounts" / "accounts.parquet"),
    )
    ev = [
        {
            "ts": T0 + timedelta(minutes=i),
            "account_id": a["account_id"],
            "prompt": f"Solve step by step, showing every step: problem {i} for a@b.com",
            "client_ip": "203.0.113.7",
            "ip_prefix": "203.0.113.0/24",
            "ip_asn": 64500,
            "user_agent": "python-requests/2.31",
            "template_key": "tk-cot",
            "intent_label": "cot_elicitation",
        }
        for a in accts
        for i in range(3)
    ]
    # a valid store: hex template keys and their integer column, as ingest writes them
    pq.write_table(with_key_ints(pa.Table.from_pylist(ev), hash_names=True),
                   _mk(store / "events" / "day=2026-03-01" / "p.parquet"))
    return fdir, store


def _mk(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path

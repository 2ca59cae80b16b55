"""A small synthetic store (STORE_EVENT_SCHEMA Parquet, day-partitioned) for detect tests.

Written directly, without ingest or the simulator, so the detection tests depend on nothing
but the store contract. Personas: benign chat apps and students, a benign evaluation harness
(a hard negative: one template, logprobs, machine cadence) and two harvesting tactics.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from distillwatch.schema import INTENT_COLUMNS, STORE_ACCOUNT_SCHEMA, STORE_EVENT_SCHEMA
from tests_support import with_key_ints

START = datetime(2026, 3, 2, tzinfo=UTC)
PERSONAS = {
    # name: (label, accounts)
    "chat_app": ("benign", 24),
    "student": ("benign", 10),
    "eval_harness": ("benign", 3),
    "cot_harvest": ("attack", 5),
    "synth_farm": ("attack", 4),
}


def _h(*parts: object) -> str:
    return hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=8).hexdigest()


def _account_events(rng: np.random.Generator, acc: str, persona: str, days: int) -> list[dict]:
    rows: list[dict] = []
    attack = PERSONAS[persona][0] == "attack"
    per_day = {"chat_app": 30, "student": 8, "eval_harness": 120, "cot_harvest": 150,
               "synth_farm": 90}[persona]
    n_templates = {"chat_app": 40, "student": 15, "eval_harness": 1, "cot_harvest": 2,
                   "synth_farm": 3}[persona]
    item = 0
    for d in range(days):
        day = START + timedelta(days=d)
        k = int(rng.poisson(per_day))
        if persona in ("chat_app", "student"):
            # people: active 08:00-22:00 local (UTC offset per account)
            offset = int(_h(acc)[:2], 16) % 6
            secs = np.sort(rng.uniform((8 + offset) * 3600, (22 + offset) * 3600, k)) % 86400
        else:
            # machines: evenly spread round the clock with jitter
            secs = (np.arange(k) * 86400.0 / max(k, 1) + rng.uniform(0, 30, k)) % 86400
        for s in np.sort(secs):
            ts = day + timedelta(seconds=float(s))
            tpl = int(rng.integers(0, n_templates))
            if persona in ("chat_app", "student"):
                item_key = _h(acc, "item", int(rng.integers(0, 50)))
            else:
                item += 1
                item_key = _h(persona, "item", item)
            if persona == "cot_harvest":
                label, score = "cot_elicitation", float(rng.uniform(0.7, 0.99))
            elif persona == "synth_farm":
                label, score = "synthetic_data", float(rng.uniform(0.6, 0.95))
            elif persona == "student" and rng.random() < 0.3:
                label, score = "cot_elicitation", float(rng.uniform(0.5, 0.7))
            else:
                label, score = "benign", float(rng.uniform(0.0, 0.2))
            model = "m-large-2" if (attack and d >= 3) or (not attack and d >= 4) else "m-large-1"
            ip_host = attack or persona == "eval_harness"
            ipn = int(rng.integers(0, 200 if attack else 2))
            row = {
                "ts": ts,
                "account_id": acc,
                "request_id": _h(acc, ts.isoformat(), len(rows)),
                "api_key_id": _h(acc, "key"),
                "client_ip": f"10.{int(_h(acc)[:2], 16)}.{ipn % 250}.{ipn}",
                "user_agent": f"client/{int(rng.integers(0, 20)) if attack else 1}",
                "model": model,
                "operation": "chat",
                "input_tokens": int(rng.integers(50, 400)),
                "output_tokens": int(rng.integers(800, 3000) if attack else rng.integers(50, 600)),
                "logprobs": attack or persona == "eval_harness",
                "n": 4 if persona == "synth_farm" else 1,
                "status": 200,
                "turn": 0 if attack else int(rng.integers(0, 4)),
                "ip_prefix": f"10.{int(_h(acc)[:2], 16)}.{ipn % 250}.0/24",
                "ip_asn": 64500 + (ipn % 7 if attack else 1),
                "ip_is_hosting": ip_host,
                "ip_is_vpn": attack and ipn % 3 == 0,
                "ip_is_tor": False,
                "template_key": _h(persona if not attack else "harvest", acc if not attack
                                   else persona, tpl),
                "item_key": item_key,
                "intent_label": label,
                "intent_score": score,
                "sig_logprobs": attack or persona == "eval_harness",
                "sig_multi_choice": persona == "synth_farm",
                "sig_long_output": attack,
                "sig_max_effort": persona == "cot_harvest",
                "sig_single_turn": attack or persona == "eval_harness",
                "sig_tools": False,
                "request_score": score,
            }
            for lab, col in INTENT_COLUMNS.items():
                row[col] = score if lab == label else float(rng.uniform(0, 0.05))
            row["event_key"] = row["request_id"]
            rows.append(row)
    return rows


def write_store(root: Path, *, seed: int = 7, days: int = 6) -> pa.Table:
    """Write a synthetic store under ``root``; return its ground truth (TRUTH_SCHEMA)."""
    rng = np.random.default_rng(seed)
    accounts, truth, events = [], [], []
    for persona, (label, count) in PERSONAS.items():
        for i in range(count):
            acc = f"acct-{persona}-{i:02d}"
            young = label == "attack"
            accounts.append({
                "account_id": acc,
                "created_at": START - timedelta(days=2 if young else 200 + i),
                "email_domain": "mail.example" if young else "corp.example",
                "payment_fingerprint": _h("card", acc),
                "country": "US",
                "signup_channel": "self_serve" if young or persona == "student" else "enterprise",
                "verified": not young,
                "org_name": None,
                "email_domain_class": "free" if young else "other",
            })
            truth.append({"account_id": acc, "label": label,
                          "campaign_id": f"camp-{persona}" if label == "attack" else None,
                          "persona": persona})
            events.extend(_account_events(rng, acc, persona, days))
    # template_key64/item_key64 from the hex keys, as ingest writes them
    table = with_key_ints(pa.Table.from_pylist(events, schema=STORE_EVENT_SCHEMA))
    day = pa.compute.strftime(table.column("ts"), format="%Y-%m-%d")
    for d in sorted(set(day.to_pylist())):
        part = table.filter(pa.compute.equal(day, d))
        out = root / "events" / f"day={d}"
        out.mkdir(parents=True, exist_ok=True)
        pq.write_table(part, out / "part-0.parquet")
    (root / "accounts").mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(accounts, schema=STORE_ACCOUNT_SCHEMA),
                   root / "accounts" / "accounts.parquet")
    return pa.Table.from_pylist(truth)


@pytest.fixture(scope="session")
def synthetic_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(store directory, truth.parquet path) of a small synthetic scenario."""
    root = tmp_path_factory.mktemp("store")
    truth = write_store(root / "store")
    truth_path = root / "truth.parquet"
    pq.write_table(truth, truth_path)
    return root / "store", truth_path

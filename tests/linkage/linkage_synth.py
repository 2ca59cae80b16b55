"""A small synthetic store for linkage tests: planted campaigns beside hard negatives.

Written directly in STORE_EVENT_SCHEMA / STORE_ACCOUNT_SCHEMA (no simulator, no ingest), so
the linkage tests run alone. Every group is labelled in the returned truth table.

Groups:
- ``benign``: ordinary developers, each with its own IP, card and prompts.
- ``nat``: 80 students behind one campus NAT (old education accounts, their own prompts).
- ``reseller``: 50 accounts behind one reseller egress IP and user agent.
- ``evalteam``: 4 accounts of one company running the same benchmark template over the
  same items (coordinated, but not harvesting).
- ``hydra``: 40 young accounts on a residential proxy pool, cards shared in fives, one
  template whose task list they split between them, active in the same time buckets.
- ``paraphrase``: 24 accounts on a small pool of hosting IPs with one user agent, each using its own
  paraphrase of a chain-of-thought template (near-duplicate MinHash signatures).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import ibis
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from distillwatch.linkage.pairs import CodedPart
from distillwatch.schema import STORE_ACCOUNT_SCHEMA, STORE_EVENT_SCHEMA
from tests_support import hex_key, with_key_ints

T0 = datetime(2026, 3, 2, tzinfo=UTC)


def key_of(name: str) -> str:
    """The stored template/item key of a readable name ("t-hydra"): 16 hex digits of its
    BLAKE2b-64, as ingest writes keys (with ``template_key64``/``item_key64`` beside them)."""
    return hex_key(name)


@dataclass(frozen=True)
class SynthStore:
    root: Path
    events: pa.Table
    accounts: pa.Table
    truth: pa.Table
    scores: pa.Table


class _Builder:
    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.rows: dict[str, list[Any]] = {f.name: [] for f in STORE_EVENT_SCHEMA}
        self.accounts: list[dict[str, Any]] = []
        self.truth: list[dict[str, Any]] = []
        self.scores: list[dict[str, Any]] = []
        self.n_events = 0

    def sig(self) -> np.ndarray:
        return self.rng.integers(0, 2**32 - 1, size=64, dtype=np.uint64)

    def perturb(self, base: np.ndarray, frac: float) -> np.ndarray:
        out = base.copy()
        idx = self.rng.random(64) < frac
        out[idx] = self.rng.integers(0, 2**32 - 1, size=int(idx.sum()), dtype=np.uint64)
        return out

    def account(
        self,
        acct: str,
        *,
        label: str,
        persona: str,
        campaign: str | None,
        score: float,
        created_days_before: float,
        channel: str = "self_serve",
        card: str | None = None,
        domain: str = "gmail.com",
        domain_class: str = "free",
        org: str | None = None,
        country: str = "US",
    ) -> None:
        self.accounts.append(
            {
                "account_id": acct,
                "created_at": T0 - timedelta(days=created_days_before),
                "email_domain": domain,
                "payment_fingerprint": card or f"card-{acct}",
                "country": country,
                "signup_channel": channel,
                "verified": label == "benign",
                "org_name": org,
                "email_domain_class": domain_class,
            }
        )
        self.truth.append(
            {"account_id": acct, "label": label, "campaign_id": campaign, "persona": persona}
        )
        self.scores.append({"account_id": acct, "score": score})

    def event(
        self,
        acct: str,
        ts: datetime,
        *,
        ip: str,
        ua: str,
        asn: int,
        template: str,
        item: str | None,
        sig: np.ndarray,
        request_score: float,
        intent_cot: float = 0.0,
        hosting: bool = False,
        logprobs: bool = False,
    ) -> None:
        r = self.rows
        self.n_events += 1
        values: dict[str, Any] = {
            "ts": ts,
            "account_id": acct,
            "request_id": f"req-{self.n_events}",
            "client_ip": ip,
            "user_agent": ua,
            "model": "m-large",
            "operation": "chat",
            "input_tokens": 200,
            "output_tokens": 800,
            "logprobs": logprobs,
            "n": 1,
            "turn": 0,
            "status": 200,
            "event_key": f"ek-{self.n_events:08d}",
            "ip_version": 4,
            "ip_prefix": ".".join(ip.split(".")[:3]) + ".0/24",
            "ip_asn": asn,
            "ip_is_hosting": hosting,
            "ip_is_vpn": False,
            # keys as the store holds them: 16 hex digits of a 64-bit hash (of the readable
            # name here, see key_of), with their integers added by build()
            "template_key": key_of(template),
            "item_key": None if item is None else key_of(item),
            "minhash": np.asarray(sig, dtype="<u4").tobytes(),  # as the store holds it
            "intent_cot": intent_cot,
            "intent_score": intent_cot,
            "intent_label": "cot_elicitation" if intent_cot > 0.5 else "benign",
            "sig_logprobs": logprobs,
            "request_score": request_score,
        }
        for name in r:
            r[name].append(values.get(name))


def build(seed: int = 7) -> tuple[pa.Table, pa.Table, pa.Table, pa.Table]:
    b = _Builder(seed)
    rng = b.rng
    days = 3

    def spread(k: int, *, diurnal: bool) -> list[datetime]:
        out = []
        for _ in range(k):
            d = int(rng.integers(0, days))
            h = float(rng.uniform(8, 20)) if diurnal else float(rng.uniform(0, 24))
            out.append(T0 + timedelta(days=d, hours=h))
        return sorted(out)

    # Ordinary developers.
    for i in range(150):
        a = f"ben-{i:04d}"
        b.account(
            a,
            label="benign",
            persona="developer",
            campaign=None,
            score=float(rng.uniform(0.0, 0.25)),
            created_days_before=400,
        )
        ip = f"73.{i // 200}.{i % 200}.{10 + i % 50}"
        for ts in spread(int(rng.integers(5, 30)), diurnal=True):
            b.event(
                a,
                ts,
                ip=ip,
                ua="Mozilla/5.0",
                asn=7922,
                template=f"t-{a}-{rng.integers(1e9)}",
                item=None,
                sig=b.sig(),
                request_score=float(rng.uniform(0, 0.2)),
            )
    # Students behind one campus NAT.
    for i in range(80):
        a = f"stu-{i:04d}"
        b.account(
            a,
            label="benign",
            persona="student_nat",
            campaign=None,
            score=float(rng.uniform(0.05, 0.3)),
            created_days_before=200,
            channel="education",
            domain="uni.edu",
            domain_class="other",
            org="State U",
        )
        for ts in spread(int(rng.integers(5, 20)), diurnal=True):
            b.event(
                a,
                ts,
                ip="128.10.1.1",
                ua="Mozilla/5.0",
                asn=17,
                template=f"t-{a}-{rng.integers(1e9)}",
                item=None,
                sig=b.sig(),
                request_score=float(rng.uniform(0.05, 0.35)),
                intent_cot=float(rng.uniform(0, 0.6)),
            )
    # Reseller egress: many customers, one IP and user agent.
    for i in range(50):
        a = f"res-{i:04d}"
        b.account(
            a,
            label="benign",
            persona="reseller_customer",
            campaign=None,
            score=float(rng.uniform(0.0, 0.3)),
            created_days_before=90,
            channel="reseller",
        )
        for ts in spread(int(rng.integers(5, 25)), diurnal=False):
            b.event(
                a,
                ts,
                ip="34.1.2.3",
                ua="resellerproxy/2.1",
                asn=15169,
                template=f"t-{a}-{rng.integers(1e9)}",
                item=None,
                sig=b.sig(),
                request_score=float(rng.uniform(0, 0.3)),
                hosting=True,
            )
    # An evaluation team: same benchmark template, the same items, one office.
    bench_sig = b.sig()
    for i in range(4):
        a = f"evl-{i:04d}"
        b.account(
            a,
            label="benign",
            persona="eval_harness",
            campaign=None,
            score=0.3,
            created_days_before=300,
            channel="enterprise",
            domain="evalco.com",
            domain_class="other",
            org="EvalCo",
        )
        for j, ts in enumerate(spread(60, diurnal=True)):
            b.event(
                a,
                ts,
                ip=f"52.20.0.{i + 1}",
                ua="lm-eval/0.4",
                asn=16509,
                template="t-bench",
                item=f"q-{j % 60}",
                sig=b.perturb(bench_sig, 0.1),
                request_score=0.35,
                intent_cot=0.6,
                hosting=True,
            )
    # Hydra: young accounts, residential proxy pool, cards in fives, split task list, synchrony.
    pool = [
        f"98.{rng.integers(1, 250)}.{rng.integers(1, 250)}.{rng.integers(1, 250)}"
        for _ in range(30)
    ]
    hydra_sig = b.sig()
    item = 0
    for i in range(40):
        a = f"hyd-{i:04d}"
        b.account(
            a,
            label="attack",
            persona="hydra_cot_harvest",
            campaign="hydra",
            score=float(rng.uniform(0.1, 0.35)),
            created_days_before=float(rng.uniform(1, 10)),
            card=f"card-hydra-{i // 5}",
        )
        for _ in range(26):
            d = int(rng.integers(0, days))
            slot = int(rng.integers(0, 8))  # the fleet's shared working slots (15 min each)
            ts = T0 + timedelta(days=d, hours=2 * slot, minutes=float(rng.uniform(0, 14)))
            b.event(
                a,
                ts,
                ip=pool[int(rng.integers(0, len(pool)))],
                ua="python-httpx/0.27",
                asn=int(rng.choice([7922, 701, 20115])),
                template="t-hydra",
                item=f"h-{item}",
                sig=b.perturb(hydra_sig, 0.1),
                request_score=0.55,
                intent_cot=0.8,
                logprobs=True,
            )
            item += 1
    # Paraphrased templates on a hosting ASN.
    para_sig = b.sig()
    for i in range(24):
        a = f"par-{i:04d}"
        b.account(
            a,
            label="attack",
            persona="paraphrase_harvest",
            campaign="paraphrase",
            score=float(rng.uniform(0.15, 0.4)),
            created_days_before=float(rng.uniform(1, 20)),
            domain="mailinator.com",
            domain_class="disposable",
        )
        own = b.perturb(para_sig, 0.2)
        for ts in spread(30, diurnal=False):
            b.event(
                a,
                ts,
                ip=f"45.33.{int(rng.integers(0, 3))}.{int(rng.integers(1, 9))}",
                ua="openai-python/1.30",
                asn=63949,
                template=f"t-para-{i}",
                item=f"p-{rng.integers(1e9)}",
                sig=b.perturb(own, 0.05),
                request_score=0.6,
                intent_cot=0.85,
                hosting=True,
            )

    ev = with_key_ints(pa.Table.from_pydict(b.rows, schema=STORE_EVENT_SCHEMA).sort_by("ts"))
    accounts = pa.Table.from_pylist(b.accounts, schema=STORE_ACCOUNT_SCHEMA)
    truth = pa.Table.from_pylist(b.truth)
    scores = pa.Table.from_pylist(b.scores)
    return ev, accounts, truth, scores


def write_store(root: Path, seed: int = 7) -> SynthStore:
    """Write the synthetic store as day-partitioned Parquet (the store layout)."""
    ev, accounts, truth, scores = build(seed)
    day = pa.compute.strftime(ev["ts"], format="%Y-%m-%d")
    for d in sorted(set(day.to_pylist())):
        part = ev.filter(pa.compute.equal(day, d))
        out = root / "events" / f"day={d}"
        out.mkdir(parents=True, exist_ok=True)
        pq.write_table(part, out / "part-0.parquet")
    (root / "accounts").mkdir(parents=True, exist_ok=True)
    pq.write_table(accounts, root / "accounts" / "accounts.parquet")
    return SynthStore(root=root, events=ev, accounts=accounts, truth=truth, scores=scores)


def part_rows(part: pa.Table | CodedPart) -> tuple[str, list[tuple[object, ...]]]:
    """A membership part as its link type ("?" for an empty table) and its sorted
    (key, account, uses, mult) rows."""
    if isinstance(part, CodedPart):
        keys = part.keys.take(pa.array(part.key)).cast(pa.string()).to_pylist()
        acct = part.account_id.cast(pa.string()).to_pylist()
        rows = zip(keys, acct, part.uses.tolist(), part.mult.tolist(), strict=True)
        return part.link_type, sorted(rows)
    lt = part["link_type"][0].as_py() if part.num_rows else "?"
    cols = [part[c].to_pylist() for c in ("key", "account_id", "uses", "mult")]
    return lt, sorted(zip(*cols, strict=True))


def read_events(con: ibis.BaseBackend, path: Path, second_day_only: bool) -> ibis.Table:
    """The events of a Parquet file of this world on ``con``; with ``second_day_only``, those
    of its second day (a time window, as ``detect --since/--until`` makes one)."""
    ev = con.read_parquet(str(path))
    if second_day_only:
        lo = ibis.literal(T0 + timedelta(days=1), type="timestamp('UTC')")
        hi = ibis.literal(T0 + timedelta(days=2), type="timestamp('UTC')")
        ev = ev.filter((ev.ts >= lo) & (ev.ts < hi))
    return ev

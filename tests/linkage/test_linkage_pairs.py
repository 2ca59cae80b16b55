"""In-memory linkage steps against plain-Python references of what they must compute:
cap per account, group weights, windowed pairs, synchrony keys, the infrastructure roll-up,
partition's template prefilter and distinct IPs per account."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import ibis
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from distillwatch.linkage import load_linkage_config
from distillwatch.linkage.candidates import (
    candidates_from_parts,
    distinct_keys_per_account,
    membership_parts,
)
from distillwatch.linkage.infrastructure import infrastructure_counts, infrastructure_part
from distillwatch.linkage.membership import template_groups
from distillwatch.linkage.pairs import (
    cap_per_account,
    encode,
    joined_part,
    pairs,
    sorted_codes,
    weigh,
)
from distillwatch.linkage.partition import partition_memberships
from distillwatch.schema import STORE_EVENT_SCHEMA
from tests_support import hex_key, with_key_ints

T0 = datetime(2026, 3, 2, tzinfo=UTC)


def _members(seed: int) -> pa.Table:
    """Random memberships of three link types, keys of mixed lengths, many ties in uses."""
    rng = random.Random(seed)
    accounts = [f"a{rng.randrange(10**6):06d}" for _ in range(40)]
    rows = []
    for lt in ("ip", "template", "payment"):
        keys = ["k" * rng.randrange(1, 4) + str(rng.randrange(30)) for _ in range(60)]
        for a in accounts:
            for k in set(rng.sample(keys, rng.randrange(1, 12))):
                rows.append((lt, k, a, rng.randrange(1, 4), 1.0))
    return pa.table(
        {c: [r[i] for r in rows] for i, c in enumerate(("link_type", "key", "account_id",
                                                        "uses", "mult"))}
    )


def _parts(t: pa.Table) -> list[pa.Table]:
    return [t.filter(pc.equal(t["link_type"], lt)) for lt in ("ip", "template", "payment")]


def _ref_cap(rows: list[tuple], cap: int) -> set[tuple]:
    by: dict[tuple, list[tuple]] = defaultdict(list)
    for r in rows:
        by[(r[0], r[2])].append(r)
    out = set()
    for group in by.values():
        group.sort(key=lambda r: (-r[3], r[1].encode()))
        out |= set(group[:cap])
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_cap_keeps_each_accounts_most_used_keys_ties_by_key(seed: int) -> None:
    t = _members(seed)
    rows = list(zip(*[t[c].to_pylist() for c in t.column_names], strict=True))
    got = cap_per_account(encode(_parts(t)), 5).to_arrow()
    got_rows = set(zip(*[got[c].to_pylist() for c in got.column_names], strict=True))
    assert got_rows == _ref_cap(rows, 5)


@pytest.mark.parametrize("seed", [4, 5])
def test_group_weights_and_windowed_pairs_match_a_plain_reference(seed: int) -> None:
    cfg = load_linkage_config(overrides={"window": 3, "hub_size": 12})
    t = _members(seed)
    rows = list(zip(*[t[c].to_pylist() for c in t.column_names], strict=True))
    young = {a: float(i % 2) for i, a in enumerate(sorted({r[2] for r in rows}))}
    got = pairs(
        weigh(encode(_parts(t)), np.array([young[a] for a in sorted(young)]), config=cfg),
        window=cfg.window,
    )
    groups: dict[tuple, list[str]] = defaultdict(list)
    for lt, k, a, _u, _m in rows:
        groups[(lt, k)].append(a)
    want: dict[tuple, list] = {}
    for (lt, k), members in groups.items():
        n = len(members)
        if n < 2 or n > cfg.hub_size:
            continue
        lc = cfg.links[lt]
        gw = min(1.0, (lc.full_size / n) ** lc.alpha)
        if lt == "ip":
            gw *= 0.5 + sum(young[a] for a in members) / n
        members = sorted(members)
        for i, a in enumerate(members):
            for b in members[i + 1 : i + 1 + cfg.window]:
                w = want.setdefault((a, b, lt), [0, 0, k, n])
                w[0] += 1
                w[1] += round(gw * 2**32)
                w[2] = min(w[2], k)
                w[3] = min(w[3], n)
    got_d = {
        (s, d, lt): [sh, raw, key, gs]
        for s, d, lt, sh, raw, key, gs in zip(
            *[got[c].to_pylist() for c in got.column_names], strict=True
        )
    }
    assert set(got_d) == set(want)
    for k, (sh, fixed, key, gs) in want.items():
        assert got_d[k] == [sh, pytest.approx(fixed / 2**32, abs=1e-9), key, gs]


@pytest.mark.parametrize(
    "templates", [["aa", "ab", "ba"], ["a", "ab", "b"]], ids=["same-length", "prefixes"]
)
def test_synchrony_keys_sort_like_their_strings(templates: list[str]) -> None:
    rng = np.random.default_rng(0)
    tdict, _ = sorted_codes(pa.array(templates))
    prefix = rng.integers(0, len(templates), 200)
    number = rng.integers(0, 300, 200) * (10 if templates[0] == "a" else 1) + 100
    part = joined_part(
        "synchrony", pa.array(["x"] * 200), tdict, prefix, number, np.ones(200, dtype=np.int64)
    )
    strings = [f"{tdict[int(p)].as_py()}@{int(b)}" for p, b in zip(prefix, number, strict=True)]
    assert part.keys.take(pa.array(part.key)).to_pylist() == strings
    # codes are ranks of the strings in byte order
    rank = {s: i for i, s in enumerate(sorted(set(strings), key=str.encode))}
    assert part.key.tolist() == [rank[s] for s in strings]


def _events(rows: list[dict]) -> ibis.Table:
    full = [{f.name: r.get(f.name) for f in STORE_EVENT_SCHEMA} for r in rows]
    for i, r in enumerate(full):
        r["event_key"] = r["event_key"] or f"ek-{i:06d}"
    # readable template/item names become hex keys with their integers, as a store holds them
    table = pa.Table.from_pylist(full, schema=STORE_EVENT_SCHEMA)
    return ibis.memtable(with_key_ints(table, hash_names=True))


def _net_rows(seed: int) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for i in range(400):
        ip = rng.choice(["10.0.0.1", "10.0.0.2", "10.0.1.7", None])
        rows.append(
            {
                "ts": T0 + timedelta(minutes=i),
                "account_id": f"a{rng.randrange(12)}",
                "client_ip": ip,
                "ip_prefix": None if ip is None else ip.rsplit(".", 1)[0] + ".0/24",
                "ip_asn": rng.choice([64500, 64501, None]),
                "user_agent": rng.choice(["ua/1", "ua/2", None]),
                "template_key": rng.choice(["t1", "t2", "t3", None]),
                "item_key": f"q{rng.randrange(60)}",
            }
        )
    return rows


def test_infrastructure_memberships_count_each_key() -> None:
    cfg = load_linkage_config()
    rows = _net_rows(7)
    counts = infrastructure_counts(_events(rows), config=cfg)
    got = {}
    for lt, agg in counts.items():
        p = infrastructure_part(lt, agg.to_pyarrow())
        for t, k, a, u in zip(*[p[c].to_pylist() for c in ("link_type", "key", "account_id",
                                                            "uses")], strict=True):
            got[(t, k, a)] = u
    want: dict[tuple, int] = defaultdict(int)
    for r in rows:
        if r["client_ip"] is not None:
            want[("ip", r["client_ip"], r["account_id"])] += 1
        if r["ip_prefix"] is not None:
            want[("prefix", r["ip_prefix"], r["account_id"])] += 1
        if r["ip_asn"] is not None and r["user_agent"] is not None:
            want[("asn_ua", f"{r['ip_asn']}|{r['user_agent']}", r["account_id"])] += 1
    assert got == dict(want)
    ips = distinct_keys_per_account(membership_parts(_events(rows), None, config=cfg), "ip")
    assert ips is not None
    e = _events(rows)
    ref = e.group_by("account_id").agg(n=e.client_ip.nunique()).to_pyarrow()
    ref_d = {a: n for a, n in zip(ref["account_id"].to_pylist(), ref["n"].to_pylist(),
                                  strict=True) if n}
    assert dict(zip(ips["account_id"].to_pylist(), ips["n"].to_pylist(), strict=True)) == ref_d


def test_partition_template_prefilter_changes_nothing() -> None:
    cfg = load_linkage_config()
    rows = []
    for i in range(5):  # a task list split between five accounts
        rows += [{"ts": T0, "account_id": f"p{i}", "template_key": "tasks",
                  "item_key": f"q{i * 10 + j}"} for j in range(10)]
    for i in range(4):  # an eval team repeating one benchmark
        rows += [{"ts": T0, "account_id": f"e{i}", "template_key": "bench",
                  "item_key": f"b{j}"} for j in range(10)]
    rows += _net_rows(3)  # small templates that cannot qualify
    ev = _events(rows)
    tg = template_groups(ev).to_pyarrow()

    def as_set(t: pa.Table) -> set[tuple]:
        return set(zip(*[t[c].to_pylist() for c in t.column_names], strict=True))

    plain = partition_memberships(ev, config=cfg)[0].to_pyarrow()
    pre = partition_memberships(ev, config=cfg, templates=tg)
    assert as_set(pre[0].to_pyarrow()) == as_set(plain)
    assert {k for _, k, *_ in as_set(plain)} == {hex_key("tasks")}
    assert not math.isnan(plain["mult"][0].as_py())


def test_synchrony_alone_and_without_templates_still_links() -> None:
    # No template aggregate to share (template, near_dup and partition off): synchrony numbers
    # its own template keys.
    off = ("payment", "email_domain", "org_pattern", "signup_burst", "ip", "prefix", "asn_ua",
           "template", "near_dup", "partition")
    cfg = load_linkage_config(overrides={"links": {n: {"enabled": False} for n in off}})
    rows = [
        {"ts": T0 + timedelta(minutes=30 * b + a), "account_id": f"s{a}", "template_key": "tpl"}
        for a in range(4)
        for b in range(6)
    ]
    parts = membership_parts(_events(rows), None, config=cfg)
    assert len(parts) == 1 and parts[0].num_rows == 4 * 6
    c = candidates_from_parts(parts, None, config=cfg)
    assert set(c["link_type"].to_pylist()) == {"synchrony"}
    assert c.num_rows == 6  # 4 accounts, every bucket shared: all pairs
    assert set(c["shared"].to_pylist()) == {6}
    assert all(k.startswith(hex_key("tpl") + "@") for k in c["key"].to_pylist())

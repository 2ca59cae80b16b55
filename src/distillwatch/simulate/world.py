"""The world a run simulates: accounts, their networks, keys and user agents, and the plans.

Everything per account lives in flat numpy arrays or string pools indexed by a global
account number, so the event generator never touches Python objects per event. Shared
infrastructure (a campaign's proxy pool, a classroom's NAT address, rotating user agents)
is expressed by indirection: an account's addresses are a slice of ``ip_list``, which
points into ``ip_pool``; two accounts share an address when their slices point at it.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
import pyarrow as pa

from distillwatch.schema import ACCOUNT_SCHEMA, TS
from distillwatch.simulate.network import (
    UNIVERSITY_V4,
    NetworkSpace,
    Ranges,
    ipv4_strings,
    ipv6_strings,
    user_agent_pool,
)
from distillwatch.simulate.scenario import Behaviour, Campaign, LogNormal

DAY_S = 86_400.0
FREE_DOMAINS = ("gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com",
                "proton.me", "qq.com", "163.com", "yandex.ru", "gmx.de", "naver.com",
                "mail.ru")
EDU_DOMAINS = ("stanford.edu", "berkeley.edu", "mit.edu", "cmu.edu", "yale.edu", "ox.ac.uk",
               "cam.ac.uk", "hu-berlin.de", "tsinghua.edu.cn", "u-tokyo.ac.jp", "iitb.ac.in",
               "usp.br", "ethz.ch", "utoronto.ca", "snu.ac.kr")
# Same order as EDU_DOMAINS; the first nine match network.UNIVERSITY_V4 range by range.
UNIVERSITIES = ("Stanford University", "UC Berkeley", "MIT", "Carnegie Mellon University",
                "Yale University", "University of Oxford", "University of Cambridge",
                "Humboldt-Universität zu Berlin", "Tsinghua University", "University of Tokyo",
                "IIT Bombay", "Universidade de São Paulo", "ETH Zürich", "University of Toronto",
                "Seoul National University")
UNIVERSITY_COUNTRY = ("US", "US", "US", "US", "US", "GB", "GB", "DE", "CN", "JP", "IN", "BR",
                      "CH", "CA", "KR")
_ADJ = ("bright", "north", "blue", "rapid", "quiet", "silver", "clear", "prime", "lumen",
        "vector", "harbor", "summit", "ember", "nova", "atlas", "cedar", "delta", "orbit")
_NOUN = ("labs", "works", "data", "cloud", "systems", "analytics", "health", "robotics",
         "finance", "learning", "media", "logic", "signal", "forge", "path", "stack")
_SUFFIX = ("Inc", "Ltd", "GmbH", "LLC", "AI", "Technologies", "Group", "SAS", "KK", "")
_TLDS = (".com", ".io", ".ai", ".co", ".dev", ".net")
_CUSTOM_TLDS = (".xyz", ".top", ".online", ".site", ".com", ".shop", ".icu")


def lognormal(rng: np.random.Generator, d: LogNormal, size: int) -> np.ndarray:
    """Draws of a :class:`LogNormal`."""
    return d.median * np.exp(d.sigma * rng.standard_normal(size))


def choose(rng: np.random.Generator, weights: Mapping[Any, float], size: int) -> np.ndarray:
    """Indices into ``list(weights)`` drawn by weight."""
    p = np.array(list(weights.values()), dtype=np.float64)
    return rng.choice(len(p), size=size, p=p / p.sum())


def _hexid(seed: int, kind: str, i: int, n: int = 16) -> str:
    return hashlib.blake2b(f"{seed}|{kind}|{i}".encode(), digest_size=n // 2).hexdigest()


@dataclass
class Accounts:
    """Every account of the run: facts (for accounts.parquet) and per-account habits."""

    ids: list[str] = field(default_factory=list)
    created_us: list[int] = field(default_factory=list)
    email_domain: list[str | None] = field(default_factory=list)
    payment: list[str | None] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    channel: list[str] = field(default_factory=list)
    verified: list[bool] = field(default_factory=list)
    org: list[str | None] = field(default_factory=list)
    label: list[str] = field(default_factory=list)
    campaign: list[str | None] = field(default_factory=list)
    persona: list[str] = field(default_factory=list)
    # habits, filled per block, concatenated by finish()
    tz_parts: list[np.ndarray] = field(default_factory=list)
    users_parts: list[np.ndarray] = field(default_factory=list)
    ip_off_parts: list[np.ndarray] = field(default_factory=list)
    ip_n_parts: list[np.ndarray] = field(default_factory=list)
    ua_off_parts: list[np.ndarray] = field(default_factory=list)
    ua_n_parts: list[np.ndarray] = field(default_factory=list)
    key_off_parts: list[np.ndarray] = field(default_factory=list)
    key_n_parts: list[np.ndarray] = field(default_factory=list)
    # flat pools
    ip_pool_parts: list[pa.Array] = field(default_factory=list)
    ip_pool_len: int = 0
    ip_list_parts: list[np.ndarray] = field(default_factory=list)
    ip_list_len: int = 0
    ua_pool: list[str] = field(default_factory=list)
    ua_list_parts: list[np.ndarray] = field(default_factory=list)
    ua_list_len: int = 0
    keys: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.ids)

    def add_ips(self, strings: pa.Array) -> int:
        off = self.ip_pool_len
        self.ip_pool_parts.append(strings)
        self.ip_pool_len += len(strings)
        return off

    def add_ip_list(self, idx: np.ndarray) -> int:
        off = self.ip_list_len
        self.ip_list_parts.append(idx.astype(np.int64))
        self.ip_list_len += idx.shape[0]
        return off

    def add_uas(self, uas: list[str]) -> int:
        off = len(self.ua_pool)
        self.ua_pool.extend(uas)
        return off

    def add_ua_list(self, idx: np.ndarray) -> int:
        off = self.ua_list_len
        self.ua_list_parts.append(idx.astype(np.int64))
        self.ua_list_len += idx.shape[0]
        return off

    def finish(self) -> FrozenAccounts:
        cat = np.concatenate
        return FrozenAccounts(
            ids=pa.array(self.ids, type=pa.string()),
            tz=cat(self.tz_parts).astype(np.float64),
            users=cat(self.users_parts).astype(np.int64),
            ip_off=cat(self.ip_off_parts), ip_n=cat(self.ip_n_parts),
            ua_off=cat(self.ua_off_parts), ua_n=cat(self.ua_n_parts),
            key_off=cat(self.key_off_parts), key_n=cat(self.key_n_parts),
            ip_pool=pa.concat_arrays(self.ip_pool_parts) if self.ip_pool_parts
            else pa.array([], pa.string()),
            ip_list=cat(self.ip_list_parts), ua_pool=pa.array(self.ua_pool, pa.string()),
            ua_list=cat(self.ua_list_parts), keys=pa.array(self.keys, pa.string()),
        )

    def table(self) -> pa.Table:
        return pa.table({
            "account_id": pa.array(self.ids, pa.string()),
            "created_at": pa.array(self.created_us, TS),
            "email_domain": pa.array(self.email_domain, pa.string()),
            "payment_fingerprint": pa.array(self.payment, pa.string()),
            "country": pa.array(self.country, pa.string()),
            "signup_channel": pa.array(self.channel, pa.string()),
            "verified": pa.array(self.verified, pa.bool_()),
            "org_name": pa.array(self.org, pa.string()),
        }, schema=ACCOUNT_SCHEMA)

    def truth(self) -> pa.Table:
        from distillwatch.schema import TRUTH_SCHEMA

        return pa.table({
            "account_id": pa.array(self.ids, pa.string()),
            "label": pa.array(self.label, pa.string()),
            "campaign_id": pa.array(self.campaign, pa.string()),
            "persona": pa.array(self.persona, pa.string()),
        }, schema=TRUTH_SCHEMA)


@dataclass(frozen=True)
class FrozenAccounts:
    """Per-account habits as arrays, for the event generator."""

    ids: pa.Array
    tz: np.ndarray
    users: np.ndarray
    ip_off: np.ndarray
    ip_n: np.ndarray
    ua_off: np.ndarray
    ua_n: np.ndarray
    key_off: np.ndarray
    key_n: np.ndarray
    ip_pool: pa.Array
    ip_list: np.ndarray
    ua_pool: pa.Array
    ua_list: np.ndarray
    keys: pa.Array


def _pick(weights: Mapping[Any, float], rng: np.random.Generator, size: int) -> list[str]:
    keys = list(weights)
    return [keys[i] for i in choose(rng, dict(weights), size).tolist()]


def _company(rnd: random.Random) -> str:
    name = f"{rnd.choice(_ADJ).title()}{rnd.choice(_NOUN).title()}"
    suf = rnd.choice(_SUFFIX)
    return f"{name} {suf}".strip()


def _ip_strings(rng: np.random.Generator, net: NetworkSpace, kinds: list[str],
                countries: list[str], v6: np.ndarray) -> pa.Array:
    """One address per (kind, country), IPv6 where ``v6``; vectorised by kind."""
    n = len(kinds)
    addrs = np.zeros(n, dtype=np.uint64)
    karr = np.array(kinds)
    carr = np.array(countries)
    for kind in sorted(set(kinds)):
        m = karr == kind
        if kind == "residential":
            for c in sorted(set(carr[m].tolist())):
                mc = m & (carr == c)
                addrs[mc] = net.sample_v4(rng, "residential", int(mc.sum()), country=c)
        else:
            addrs[m] = net.sample_v4(rng, kind, int(m.sum()))
    out = ipv4_strings(addrs)
    if v6.any():
        lst = out.to_pylist()
        idx = np.flatnonzero(v6)
        for i, s in zip(idx.tolist(), ipv6_strings(rng, "residential", idx.shape[0]),
                        strict=True):
            lst[i] = s if kinds[i] in ("residential", "mobile") else lst[i]
        cloud6 = [i for i in idx.tolist() if kinds[i] not in ("residential", "mobile")]
        for i, s in zip(cloud6, ipv6_strings(rng, "cloud", len(cloud6)), strict=True):
            lst[i] = s
        out = pa.array(lst, pa.string())
    return out


def add_benign_block(acc: Accounts, *, rng: np.random.Generator, rnd: random.Random,
                     beh: Behaviour, n: int, persona: str, seed: int, start_s: float,
                     days: int, net: NetworkSpace) -> tuple[int, np.ndarray]:
    """Create ``n`` benign accounts; return (first global index, life start seconds)."""
    assert beh.account_age_days and beh.countries and beh.signup_channels and beh.email
    first = acc.n
    countries = _pick(beh.countries, rng, n)
    age = np.maximum(lognormal(rng, beh.account_age_days, n), 0.2)
    created = start_s - age * DAY_S
    # some accounts sign up during the run and only become active then
    new = rng.random(n) < 0.08
    created[new] = start_s + rng.random(int(new.sum())) * days * DAY_S
    site = None
    if beh.accounts_per_ip and beh.accounts_per_ip.median > 1:
        sizes: list[int] = []
        while sum(sizes) < n:
            sizes.append(max(2, int(lognormal(rng, beh.accounts_per_ip, 1)[0])))
        site = np.repeat(np.arange(len(sizes)), sizes)[:n]
        # a class or team signs up together
        site_created = start_s - np.maximum(lognormal(rng, beh.account_age_days, len(sizes)),
                                            0.5) * DAY_S
        created = site_created[site] + rng.random(n) * 3 * 3600
        new[:] = False
    channels = _pick(beh.signup_channels, rng, n)
    emails = _pick(beh.email, rng, n)
    verified = rng.random(n) < (beh.verified_rate or 0.0)
    site_uni = [rnd.randrange(len(UNIVERSITIES)) for _ in range(int(site.max()) + 1)] \
        if site is not None else []
    if site is not None:  # a classroom is in its university's country
        countries = [UNIVERSITY_COUNTRY[site_uni[int(s)]] for s in site.tolist()]
    for j in range(n):
        i = first + j
        acc.ids.append(f"org-{_hexid(seed, 'acct', i, 20)}")
        acc.created_us.append(int(created[j] * 1e6))
        kind = emails[j]
        if site is not None:
            u = site_uni[int(site[j])]
            dom: str | None = EDU_DOMAINS[u] if kind == "edu" else rnd.choice(FREE_DOMAINS)
            org: str | None = UNIVERSITIES[u]
        else:
            company = _company(rnd)
            org = company if persona != "small_developer" else rnd.choice(
                [None, "Personal", company])
            if kind == "free":
                dom = rnd.choice(FREE_DOMAINS)
            elif kind == "edu":
                dom = rnd.choice(EDU_DOMAINS)
                org = UNIVERSITIES[EDU_DOMAINS.index(dom)]
            else:
                dom = company.split(" ")[0].lower() + rnd.choice(_TLDS)
        acc.email_domain.append(dom)
        no_card = channels[j] in ("education", "research_program") and rnd.random() < 0.6
        acc.payment.append(None if no_card else f"pm_{_hexid(seed, 'pay', i)}")
        acc.country.append(countries[j])
        acc.channel.append(channels[j])
        acc.verified.append(bool(verified[j]))
        acc.org.append(org)
        acc.label.append("benign")
        acc.campaign.append(None)
        acc.persona.append(persona)
    _habits(acc, rng=rng, beh=beh, n=n, countries=countries, seed=seed, first=first,
            net=net, site=site, rnd=rnd, site_uni=site_uni)
    return first, np.maximum(created, start_s)


def _habits(acc: Accounts, *, rng: np.random.Generator, beh: Behaviour, n: int,
            countries: list[str], seed: int, first: int, net: NetworkSpace,
            site: np.ndarray | None, rnd: random.Random,
            shared_ips: tuple[int, int] | None = None, shared_uas: tuple[int, int] | None = None,
            site_uni: list[int] | None = None) -> None:
    """Time zone, end users, addresses, user agents and API keys of a block of accounts."""
    assert beh.utc_offsets and beh.network and beh.ips_per_account and beh.user_agents
    assert beh.end_users is not None
    tz_keys = list(beh.utc_offsets)
    acc.tz_parts.append(np.array(tz_keys, dtype=np.float64)[choose(rng, dict(beh.utc_offsets),
                                                                   n)])
    users = np.round(lognormal(rng, beh.end_users, n)).astype(np.int64)
    acc.users_parts.append(np.where(users >= 1, users, 0))
    # addresses
    if shared_ips is not None:
        pool_off, pool_n = shared_ips
        k = np.maximum(1, np.round(lognormal(rng, beh.ips_per_account, n))).astype(np.int64)
        lst = pool_off + rng.integers(0, pool_n, size=int(k.sum()))
        off = acc.add_ip_list(lst)
        acc.ip_off_parts.append(off + np.cumsum(k) - k)
        acc.ip_n_parts.append(k)
    elif site is not None:
        n_sites = int(site.max()) + 1
        kinds = _pick(beh.network, rng, n_sites)
        site_country = [countries[int(np.flatnonzero(site == s)[0])] for s in range(n_sites)]
        strings = _ip_strings(rng, net, kinds, site_country, np.zeros(n_sites, bool))
        if site_uni:  # a university NAT address lies in that university's own range
            lst = strings.to_pylist()
            for s_i, u in enumerate(site_uni):
                if kinds[s_i] == "university" and u < len(UNIVERSITY_V4):
                    lst[s_i] = ipv4_strings(Ranges.of([UNIVERSITY_V4[u]]).sample(rng, 1))[0] \
                        .as_py()
            strings = pa.array(lst, pa.string())
        pool_off = acc.add_ips(strings)
        off = acc.add_ip_list(pool_off + site)
        acc.ip_off_parts.append(off + np.arange(n))
        acc.ip_n_parts.append(np.ones(n, dtype=np.int64))
    else:
        k = np.maximum(1, np.round(lognormal(rng, beh.ips_per_account, n))).astype(np.int64)
        total = int(k.sum())
        owner = np.repeat(np.arange(n), k)
        kinds = _pick(beh.network, rng, total)
        # an account's addresses are mostly of its first kind (one home, one cloud region)
        first_kind = np.array(kinds)[np.cumsum(k) - k]
        same = rng.random(total) < 0.8
        kinds = [str(first_kind[o]) if s else kd
                 for o, s, kd in zip(owner.tolist(), same.tolist(), kinds, strict=True)]
        cts = [countries[o] for o in owner.tolist()]
        v6 = (rng.random(n) < (beh.ipv6_rate or 0.0))[owner] & (rng.random(total) < 0.5)
        pool_off = acc.add_ips(_ip_strings(rng, net, kinds, cts, v6))
        off = acc.add_ip_list(pool_off + np.arange(total))
        acc.ip_off_parts.append(off + np.cumsum(k) - k)
        acc.ip_n_parts.append(k)
    # user agents
    if shared_uas is not None:
        acc.ua_off_parts.append(np.full(n, shared_uas[0], dtype=np.int64))
        acc.ua_n_parts.append(np.full(n, shared_uas[1], dtype=np.int64))
    else:
        k = 1 + (rng.random(n) < 0.2).astype(np.int64)
        ua_off = acc.add_uas(user_agent_pool(rng, beh.user_agents, int(k.sum())))
        off = acc.add_ua_list(ua_off + np.arange(int(k.sum())))
        acc.ua_off_parts.append(off + np.cumsum(k) - k)
        acc.ua_n_parts.append(k)
    # API keys
    k = 1 + rng.poisson(0.4, n)
    key_off = len(acc.keys)
    for j in range(int(k.sum())):
        acc.keys.append(f"key_{_hexid(seed, 'key', key_off + j)}")
    acc.key_off_parts.append(key_off + np.cumsum(k) - k)
    acc.key_n_parts.append(k.astype(np.int64))


@dataclass(frozen=True)
class Lives:
    """When each account of a campaign is in use (a banned account is replaced)."""

    start_s: np.ndarray
    end_s: np.ndarray
    banned: np.ndarray
    slot: np.ndarray


def campaign_lives(rng: np.random.Generator, c: Campaign, *, start_s: float) -> Lives:
    """Account lifetimes: ``c.accounts`` lives over slots, replacements after bans."""
    a = c.accounts
    t0 = start_s + c.start_day * DAY_S
    t1 = start_s + (c.end_day or c.start_day + 1) * DAY_S
    rate = c.bans.daily_ban_rate
    span_days = (t1 - t0) / DAY_S
    slots = max(1, round(a / (1 + rate * span_days))) if rate > 0 else a
    starts: list[float] = []
    ends: list[float] = []
    banned: list[bool] = []
    slot_of: list[int] = []
    s = 0
    while len(starts) < a:
        t = t0 + rng.random() * min(1.5 * DAY_S, (t1 - t0) * 0.2)
        while t < t1:
            life = rng.exponential(1 / rate) * DAY_S if rate > 0 else np.inf
            end = min(t + life, t1)
            starts.append(t)
            ends.append(end)
            banned.append(bool(end < t1))
            slot_of.append(s)
            t = end + c.bans.replacement_delay_hours * 3600 * (0.5 + rng.random())
        s += 1
        if s >= slots and len(starts) < a:
            slots += max(1, (a - len(starts)) // 2)
    order = np.argsort(np.array(starts), kind="stable")[:a]
    order.sort()
    st = np.array(starts)[order]
    en = np.array(ends)[order]
    bn = np.array(banned)[order]
    sl = np.array(slot_of)[order]
    return Lives(start_s=st, end_s=en, banned=bn, slot=sl)


def add_campaign_block(acc: Accounts, *, rng: np.random.Generator, rnd: random.Random,
                       c: Campaign, seed: int, start_s: float, net: NetworkSpace,
                       lives: Lives, disposable: list[str]) -> int:
    """Create a campaign's accounts with its shared infrastructure; return first index."""
    beh = c.behaviour
    infra = c.infrastructure
    assert beh.countries and beh.signup_channels and beh.account_age_days
    n = c.accounts
    first = acc.n
    countries = _pick(beh.countries, rng, n)
    channels = _pick(beh.signup_channels, rng, n)
    # sign-up: bursts before the start for the first wave, just-in-time for replacements
    first_wave = lives.start_s < start_s + (c.start_day + 2) * DAY_S
    aged = beh.account_age_days.median > 30
    bursts = start_s + c.start_day * DAY_S - rng.uniform(0.5, 20, infra.signup_bursts) * DAY_S
    created = np.where(
        first_wave,
        bursts[rng.integers(0, infra.signup_bursts, n)] + rng.random(n) * infra.burst_minutes
        * 60,
        lives.start_s - rng.uniform(0.2, 3.0, n) * 3600,
    )
    if aged:  # bought or farmed old accounts
        created = lives.start_s - np.maximum(lognormal(rng, beh.account_age_days, n), 1) * DAY_S
    # payment instruments shared in subsets
    pay_group = np.full(n, -1, dtype=np.int64)
    shared = np.flatnonzero(rng.random(n) >= infra.unique_payment_share)
    rng.shuffle(shared)
    g, pos = 0, 0
    while pos < shared.shape[0]:
        size = max(2, int(lognormal(rng, infra.payment_group_size, 1)[0]))
        pay_group[shared[pos:pos + size]] = g
        pos += size
        g += 1
    custom = [f"{rnd.choice(_ADJ)}{rnd.choice(_NOUN)}{rnd.randint(1, 99)}"
              f"{rnd.choice(_CUSTOM_TLDS)}" for _ in range(infra.custom_domains)]
    disp = rnd.sample(disposable, k=min(len(disposable), 15)) if disposable else custom
    email_kind = _pick(infra.email, rng, n)
    pattern = rnd.choice(("user{n}", "{a}-{b}-{n}", "Personal", None, "{A} {B} AI {n}",
                          "research-{n}", "team{n}"))
    verified = rng.random(n) < (beh.verified_rate or 0.0)
    for j in range(n):
        i = first + j
        acc.ids.append(f"org-{_hexid(seed, 'acct', i, 20)}")
        acc.created_us.append(int(created[j] * 1e6))
        kind = email_kind[j]
        dom = (rnd.choice(FREE_DOMAINS[:4]) if kind == "free" else rnd.choice(disp)
               if kind == "disposable" else rnd.choice(custom) if kind == "custom"
               else rnd.choice(EDU_DOMAINS) if kind == "edu" else rnd.choice(custom))
        acc.email_domain.append(dom)
        pg = int(pay_group[j])
        acc.payment.append(f"pm_{_hexid(seed, 'cpay:' + c.id, pg)}" if pg >= 0
                           else f"pm_{_hexid(seed, 'pay', i)}")
        acc.country.append(countries[j])
        acc.channel.append(channels[j])
        acc.verified.append(bool(verified[j]))
        org = None if pattern is None else pattern.format(
            n=rnd.randint(100, 9999), a=rnd.choice(_ADJ), b=rnd.choice(_NOUN),
            A=rnd.choice(_ADJ).title(), B=rnd.choice(_NOUN).title())
        acc.org.append(org)
        acc.label.append("attack")
        acc.campaign.append(c.id)
        acc.persona.append(c.persona)
    # the campaign's proxy pool and user agents
    assert beh.network and beh.user_agents
    pool_n = max(8, round(n * infra.shared_ip_pool))
    kinds = _pick(beh.network, rng, pool_n)
    cts = _pick(beh.countries, rng, pool_n)
    v6 = rng.random(pool_n) < (beh.ipv6_rate or 0.0)
    pool_off = acc.add_ips(_ip_strings(rng, net, kinds, cts, v6))
    if infra.rotate_user_agents:
        ua_off = acc.add_uas(user_agent_pool(rng, beh.user_agents, 150))
        shared_uas = (acc.add_ua_list(ua_off + np.arange(150)), 150)
    else:
        ua_off = acc.add_uas(user_agent_pool(rng, beh.user_agents, 2))
        shared_uas = (acc.add_ua_list(ua_off + np.arange(2)), 2)
    _habits(acc, rng=rng, beh=beh, n=n, countries=countries, seed=seed, first=first, net=net,
            site=None, rnd=rnd, shared_ips=(pool_off, pool_n), shared_uas=shared_uas)
    return first


def epoch_s(t: datetime) -> float:
    """Seconds since the epoch of an aware datetime."""
    return t.timestamp()

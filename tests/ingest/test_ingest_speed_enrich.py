"""Enrichment's batch IPv4 path and validation's NUL prefilter agree with per-value code."""

from __future__ import annotations

import ipaddress
import random
from collections.abc import Iterator

import numpy as np
import pytest

from distillwatch.ingest import geodb
from distillwatch.ingest.enrich import (
    EnrichConfig,
    Enricher,
    IPFacts,
    _prefix,
    is_global_v4,
    parse_ip,
)


def _edges() -> list[int]:
    c = ipaddress.IPv4Address._constants  # type: ignore[attr-defined]
    nets = [*c._private_networks, c._public_network,
            *getattr(c, "_private_networks_exceptions", ())]
    out = []
    for n in nets:
        for base in (int(n.network_address), int(n.broadcast_address)):
            out += [x for x in range(base - 2, base + 3) if 0 <= x < 2**32]
    return out


def test_is_global_v4_matches_ipaddress() -> None:
    rng = random.Random(7)
    ints = _edges() + [rng.getrandbits(32) for _ in range(20_000)] + [0, 2**32 - 1]
    got = is_global_v4(np.array(ints, dtype=np.uint32))
    want = [ipaddress.IPv4Address(n).is_global for n in ints]
    assert got.tolist() == want
    assert not all(want) and any(want)  # both kinds were tested


def _reference(en: Enricher, text: str) -> IPFacts:
    """The per-address code the batch path replaced (every address through ``ipaddress``)."""
    ip = parse_ip(text)
    if ip is None:
        return IPFacts(None, None, None, None, None, None, None, None)
    asn, org = geodb.record_asn(en._get(en._asn, ip))
    country = geodb.record_country(en._get(en._country, ip))
    lists = en._lists
    if not ip.is_global:
        hosting = vpn = tor = False
    elif ip.version == 4:
        a = np.array([int(ip)], dtype=np.uint32)
        hosting = bool(lists.hosting.contains_v4(a)[0])
        vpn = bool(lists.vpn.contains_v4(a)[0])
        tor = bool(lists.tor.contains_v4(a)[0])
    else:
        hosting = lists.hosting.contains_v6(int(ip))
        vpn = lists.vpn.contains_v6(int(ip))
        tor = lists.tor.contains_v6(int(ip))
    hosting = hosting or (asn is not None and asn in lists.hosting_asns)
    return IPFacts(ip.version, _prefix(ip), asn, org, country, hosting, vpn, tor)


@pytest.fixture(scope="module")
def enricher() -> Iterator[Enricher]:
    with Enricher.from_config(EnrichConfig()) as en:
        yield en


def test_resolve_matches_per_address_code(enricher: Enricher) -> None:
    rng = random.Random(11)
    lists = enricher._lists
    ints = _edges()
    for s in (lists.hosting, lists.vpn, lists.tor):  # list boundaries, both sides
        for a in [*s.v4_starts[::97], *s.v4_ends[::97]]:
            ints += [x for x in (int(a) - 1, int(a), int(a) + 1) if 0 <= x < 2**32]
    ints += [rng.getrandbits(32) for _ in range(5_000)]
    texts = [str(ipaddress.IPv4Address(n)) for n in ints]
    texts += [str(ipaddress.IPv6Address(rng.getrandbits(128))) for _ in range(300)]
    texts += [
        "::ffff:8.8.8.8", "8.8.8.8:443", "[2001:db8::1]:443", "fe80::1%eth0", "01.2.3.4",
        "1.2.3", "0x1.2.3.4", " 8.8.8.8", "unknown", "", "256.1.1.1", "2001:4860:4860::8888",
        "::1", "1.2.3.4.5", "[::ffff:10.0.0.1]:80", "100.64.0.1", "192.0.0.170",
    ]
    got = enricher._resolve_new(texts)
    want = [_reference(enricher, t) for t in texts]
    diff = [(t, g, w) for t, g, w in zip(texts, got, want, strict=True)
            if g != w or [type(x) for x in g] != [type(x) for x in w]]
    assert diff == []
    assert any(f.ip_is_hosting for f in got) and any(f.ip_is_vpn for f in got)
    assert any(f.ip_version == 6 for f in got) and any(f.ip_version is None for f in got)


def test_nul_prefilter_agrees_with_substring_search() -> None:
    import pyarrow as pa
    import pyarrow.compute as pc

    from distillwatch.ingest.validate import _may_hold_nul

    clean = pa.array(["acct-1", None, "", "x" * 40])
    dirty = pa.array(["acct-1", "a\x00b", None])
    assert not _may_hold_nul(clean) and _may_hold_nul(dirty)
    assert not _may_hold_nul(pa.chunked_array([clean, clean]))
    assert _may_hold_nul(pa.chunked_array([clean, dirty]))
    assert not _may_hold_nul(pa.nulls(3, pa.string()))
    # Only the bytes of a slice's own values count.
    assert not _may_hold_nul(dirty.slice(0, 1)) and not _may_hold_nul(dirty.slice(2, 1))
    assert _may_hold_nul(dirty.slice(1, 2)) and _may_hold_nul(pa.array(["\x00"], pa.large_string()))
    rng = np.random.default_rng(5)
    for _ in range(200):  # random batches, slices and NUL placements
        values = ["".join(rng.choice(list("ab\x00"), rng.integers(0, 4), p=[0.45, 0.45, 0.1]))
                  if rng.random() > 0.2 else None for _ in range(12)]
        arr = pa.array(values, pa.string())
        lo = int(rng.integers(0, 12))
        part = arr.slice(lo, int(rng.integers(0, 13 - lo)))
        assert _may_hold_nul(part) == bool(pc.any(pc.match_substring(part, "\x00")).as_py())


class _FakeMMDB:
    """A reader whose networks are /24s of 10.0.0.0/16 and /16s elsewhere, or that reports
    prefix lengths in IPv6 bits (``v6_bits``): records must not leak between networks."""

    def __init__(self, v6_bits: bool = False) -> None:
        self.v6_bits = v6_bits
        self.lookups = 0

    def get_with_prefix_len(self, ip: ipaddress.IPv4Address) -> tuple[object, int]:
        self.lookups += 1
        n = int(ip)
        plen = 24 if n >> 16 == 0x0A00 else 16
        record = {"net": n >> (32 - plen), "plen": plen}
        return record, plen + 96 if self.v6_bits else plen


@pytest.mark.parametrize("v6_bits", [False, True])
def test_v4_records_share_a_lookup_only_inside_a_network(v6_bits: bool) -> None:
    from distillwatch.ingest.enrich import _v4_records

    rng = random.Random(3)
    ints = [0x0A000000 + rng.randrange(1 << 16) for _ in range(3000)]
    ints += [rng.getrandbits(32) for _ in range(3000)] + [0, 2**32 - 1, 0x0A00FFFF, 0x0A010000]
    reader = _FakeMMDB(v6_bits)
    order = np.argsort(np.array(ints, np.uint32), kind="stable").tolist()
    got = _v4_records(reader, ints, order, lambda r: r)
    want = [reader.get_with_prefix_len(ipaddress.IPv4Address(n))[0] for n in ints]
    assert got == want
    assert _v4_records(None, ints[:3], [0, 1, 2], lambda r: r) == [None] * 3
    fresh = _FakeMMDB(v6_bits)
    _v4_records(fresh, ints, order, lambda r: r)
    assert (fresh.lookups < len(set(ints))) != v6_bits  # shared only with IPv4 lengths

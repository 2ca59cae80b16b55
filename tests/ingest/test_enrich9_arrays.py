"""Round 9: enrichment at array speed. The batch path (dotted quads parsed from the Arrow
buffers, an integer-keyed cache, MMDB search trees walked for many addresses) gives the very
facts of the per-address path (``lookup_ip``: regex, ``inet_aton``/``ipaddress``, reader calls)."""

from __future__ import annotations

import ipaddress
import random
import re
import socket
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import maxminddb
import numpy as np
import pyarrow as pa
import pytest

from distillwatch.ingest import geodb
from distillwatch.ingest.enrich import IPV4_CANONICAL, EnrichConfig, Enricher
from distillwatch.ingest.ipv4 import NULL, OTHER, PLAIN, IntMap, plain_v4
from distillwatch.ingest.mmdbtree import V4Tree
from distillwatch.ingest.v4facts import V4Facts

HARD = [
    "8.8.8.8", "1.1.1.1", "0.0.0.0", "255.255.255.255", "10.1.2.3", "192.168.0.9",
    "100.64.1.1", "100.127.255.255", "127.0.0.1", "169.254.1.1", "192.0.0.170", "198.51.100.66",
    "01.2.3.4", "1.02.3.4", "1.2.3.00", "256.1.1.1", "1.2.3.256", "1.2.3", "1.2.3.4.5",
    "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.4\n", " 8.8.8.8", "8.8.8.8 ", "0x1.2.3.4",
    "1.2.3.4:443", "8.8.8.8:80", "::ffff:8.8.4.4", "[::ffff:10.0.0.1]:80", "::1",
    "2001:4860:4860::8888", "[2001:db8::1]:443", "fe80::1%eth0", "2606:4700:4700::1111",
    "١.٢.٣.٤", "1.2.3.4\x00", "", "unknown", "not an ip", "1.2.3.4/24", "1000.1.1.1",
]


def _random_v4(rng: random.Random, n: int) -> list[str]:
    return [str(ipaddress.IPv4Address(rng.getrandbits(32))) for _ in range(n)]


def test_plain_v4_matches_the_pattern_and_inet_aton() -> None:
    rng = random.Random(9)
    pattern = re.compile(IPV4_CANONICAL)
    chars = "0123456789.:x \n"
    junk = ["".join(rng.choice(chars) for _ in range(rng.randrange(0, 17))) for _ in range(2000)]
    values: list[str | None] = [*HARD, *_random_v4(rng, 3000), *junk, None, None]
    for arr in (
        pa.array(values, pa.string()),
        pa.array(values, pa.large_string()),
        pa.array(["x", *values], pa.string()).slice(1),  # an offset into the buffers
    ):
        ints, kind = plain_v4(arr)
        for v, n, k in zip(values, ints.tolist(), kind.tolist(), strict=True):
            if v is None:
                assert k == NULL
            # the pattern's "$" also matches before a final newline: those take the
            # per-value path, which parses them the same way (below)
            elif pattern.match(v) and not v.endswith("\n"):
                assert (k, n) == (PLAIN, int.from_bytes(socket.inet_aton(v), "big")), v
            else:
                assert k == OTHER, v
    assert plain_v4(pa.array([], pa.string()))[1].size == 0


def test_int_map_matches_a_dict() -> None:
    rng = np.random.default_rng(4)
    m, want = IntMap(), {}
    for round_ in range(30):  # grows several times
        keys = rng.integers(0, 2**32, int(rng.integers(1, 3000)), dtype=np.uint64)
        keys = np.concatenate([keys, [0, 2**32 - 1]]).astype(np.uint32)
        vals = rng.integers(0, 1 << 40, keys.size)
        m.put(keys, vals)
        want.update(zip(keys.tolist(), vals.tolist(), strict=True))
        probe = np.concatenate([keys, rng.integers(0, 2**32, 500, dtype=np.uint64).astype(
            np.uint32)])
        assert m.get(probe).tolist() == [want.get(k, -1) for k in probe.tolist()], round_
        assert len(m) == len(want)
    m.clear()
    assert len(m) == 0 and m.get(np.array([0], np.uint32)).tolist() == [-1]


# ---- MMDB search trees -------------------------------------------------------------------


class U16(int):
    pass


class U32(int):
    pass


def _ctrl(kind: int, size: int) -> bytes:
    assert size < 285
    extra = bytes([size - 29]) if size >= 29 else b""
    size = min(size, 29)
    if kind <= 7:
        return bytes([(kind << 5) | size]) + extra
    return bytes([size, kind - 7]) + extra


def _enc(value: Any) -> bytes:
    """MaxMind DB data format, the few types a small database needs."""
    if isinstance(value, str):
        raw = value.encode()
        return _ctrl(2, len(raw)) + raw
    if isinstance(value, dict):
        return _ctrl(7, len(value)) + b"".join(_enc(k) + _enc(v) for k, v in value.items())
    if isinstance(value, list):
        return _ctrl(11, len(value)) + b"".join(_enc(v) for v in value)
    kind = {U16: 5, U32: 6}.get(type(value), 9)  # libmaxminddb checks metadata types
    raw = value.to_bytes(8, "big").lstrip(b"\0")
    return _ctrl(kind, len(raw)) + raw


def _write_mmdb(path: Path, nets: list[tuple[str, dict[str, Any]]], *, record_size: int,
                ip_version: int) -> None:
    """A MaxMind DB file holding ``nets`` (each network's record stored once per value)."""
    data, where = b"", {}
    left: list[int] = [-1]  # node -> child (node id, or -(2 + data index) for a record)
    right: list[int] = [-1]
    records: list[bytes] = []
    for cidr, record in nets:
        net = ipaddress.ip_network(cidr)
        bits = int(net.network_address)
        width = 32 if net.version == 4 else 128
        if ip_version == 6 and net.version == 4:
            width = 128  # IPv4 under ::/96
        key = _enc(record)
        if key not in where:
            where[key] = len(data)
            data += key
            records.append(key)
        plen = net.prefixlen + (width - 32 if net.version == 4 else 0)
        node = 0
        for depth in range(plen):
            side = right if (bits >> (width - 1 - depth)) & 1 else left
            if depth == plen - 1:
                side[node] = -(2 + where[key])
            else:
                if side[node] < 0:
                    side[node] = len(left)
                    left.append(-1)
                    right.append(-1)
                node = side[node]
    count = len(left)

    def value(child: int) -> int:
        if child == -1:
            return count  # no record
        if child < -1:
            return count + 16 + (-child - 2)
        return child

    tree = bytearray()
    for a, b in zip(map(value, left), map(value, right), strict=True):
        if record_size == 24:
            tree += a.to_bytes(3, "big") + b.to_bytes(3, "big")
        elif record_size == 28:
            tree += (a & 0xFFFFFF).to_bytes(3, "big") + bytes([((a >> 24) << 4) | (b >> 24)])
            tree += (b & 0xFFFFFF).to_bytes(3, "big")
        else:
            tree += struct.pack(">II", a, b)
    meta = {
        "binary_format_major_version": U16(2), "binary_format_minor_version": U16(0),
        "build_epoch": 1, "database_type": "Test", "description": {"en": "test"},
        "ip_version": U16(ip_version), "languages": ["en"], "node_count": U32(count),
        "record_size": U16(record_size),
    }
    path.write_bytes(bytes(tree) + b"\0" * 16 + data + b"\xab\xcd\xefMaxMind.com" + _enc(meta))


def _nets(rng: random.Random) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for i in range(300):
        plen = rng.choice([8, 12, 16, 20, 24, 28, 32])
        net = ipaddress.ip_network((rng.getrandbits(32), plen), strict=False)
        out.append((str(net), {"autonomous_system_number": 64512 + i % 40,
                               "autonomous_system_organization": f"Org {i % 40}",
                               "country": {"iso_code": ["de", "US", "fr"][i % 3]}}))
    out.append(("2001:db8::/32", {"autonomous_system_number": 65000}))
    return out


@pytest.mark.parametrize(("record_size", "ip_version"), [(24, 6), (28, 6), (32, 4), (28, 4)])
def test_tree_walk_finds_the_readers_record(tmp_path: Path, record_size: int,
                                            ip_version: int) -> None:
    rng = random.Random(record_size + ip_version)
    nets = [n for n in _nets(rng) if ip_version == 6 or ":" not in n[0]]
    path = tmp_path / "t.mmdb"
    _write_mmdb(path, nets, record_size=record_size, ip_version=ip_version)
    ints = [rng.getrandbits(32) for _ in range(3000)] + [0, 2**32 - 1]
    for cidr, _r in nets:  # every network's edges, both sides
        if ":" not in cidr:
            n = ipaddress.ip_network(cidr)
            for a in (int(n.network_address), int(n.broadcast_address)):
                ints += [x for x in (a - 1, a, a + 1) if 0 <= x < 2**32]
    with maxminddb.open_database(str(path)) as reader:
        tree = V4Tree.open(path, reader.metadata())
        assert tree is not None
        pointers = tree.records(np.array(ints, np.uint32)).tolist()
        got: dict[int, Any] = {}
        for n, p in zip(ints, pointers, strict=True):
            want = reader.get(ipaddress.IPv4Address(n))
            assert (p >= 0) == (want is not None), n
            if p >= 0:  # one pointer, one record
                assert got.setdefault(p, want) == want
        assert len(got) > 10


def test_tree_of_a_file_it_cannot_walk_is_none(tmp_path: Path) -> None:
    path = tmp_path / "t.mmdb"
    _write_mmdb(path, _nets(random.Random(1)), record_size=24, ip_version=6)
    with maxminddb.open_database(str(path)) as reader:
        meta = reader.metadata()

    class Meta:
        node_count, ip_version = meta.node_count, 6
        record_size = 20

    assert V4Tree.open(path, Meta()) is None
    Meta.record_size, Meta.node_count = 24, 10**9  # larger than the file
    assert V4Tree.open(path, Meta()) is None
    assert V4Tree.open(tmp_path / "missing.mmdb", meta) is None


# ---- the enricher ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference() -> Iterator[Enricher]:
    """The per-address path (``lookup_many``), with no cache, and no trees (no files)."""
    cfg = EnrichConfig()
    with Enricher.from_config(cfg) as en:
        yield Enricher(asn_reader=en._asn, country_reader=en._country, lists=en._lists,
                       cache_size=0)


def _v4_table(en: Enricher, ints: np.ndarray) -> list[pa.Array]:
    """The ENRICH_FIELDS columns of IPv4 addresses (uint32), from a store of their own."""
    store = V4Facts(en._hosting_asns)
    en._v4_resolve(store, ints)
    return store.columns(np.arange(ints.size, dtype=np.int64))


def test_trees_give_the_readers_facts(reference: Enricher) -> None:
    rng = random.Random(5)
    ints = np.array([rng.getrandbits(32) for _ in range(20_000)], np.uint32)
    with Enricher.from_config(EnrichConfig()) as en:
        assert en._tree(0) is not None and en._tree(1) is not None
        got = _v4_table(en, ints)
        again = _v4_table(en, ints[::-1].copy())  # records read before: memo
    want = _v4_table(reference, ints)  # no tree: a reader call per network
    assert [a.to_pylist() for a in got] == [a.to_pylist() for a in want]
    assert [a.to_pylist()[::-1] for a in again] == [a.to_pylist() for a in want]


def _batch(rng: random.Random, pool: list[str], n: int) -> list[str | None]:
    return [None if rng.random() < 0.05 else rng.choice(pool) for _ in range(n)]


@pytest.mark.parametrize("cache_size", [200_000, 700, 1, 0])
def test_batches_equal_the_per_address_path(reference: Enricher, cache_size: int) -> None:
    rng = random.Random(cache_size)
    pool = [*HARD, *_random_v4(rng, 2500)]
    cfg = EnrichConfig(ip_cache_size=cache_size)
    with Enricher.from_config(cfg) as en:
        for size in (0, 1, 40, 3000, 800, 3000, 5, 2000):
            values = _batch(rng, pool, size)
            want = [f._asdict() for f in reference.lookup_many(values)]
            for col in (pa.array(values, pa.string()), pa.array(values, pa.large_string()),
                        pa.chunked_array([values[: size // 2], values[size // 2:]], pa.string())):
                got = en.enrich_events(pa.table({"client_ip": col}))
                assert got.to_pylist() == want, size
                assert got.schema == reference.enrich_events(pa.table({"client_ip": col})).schema
        if cache_size:  # full: emptied before the next batch's new addresses
            assert len(en._v4) <= max(cache_size, 3000 + len(HARD))
        assert en.lookup_ip("8.8.8.8") == reference.lookup_ip("8.8.8.8")


def test_only_plain_or_only_other_or_all_null(reference: Enricher) -> None:
    with Enricher.from_config(EnrichConfig()) as en:
        for values in (["::1", "fe80::1%eth0", "x"], ["8.8.8.8", "10.0.0.1"], [None, None],
                       ["8.8.8.8:443"]):
            got = en.enrich_events(pa.table({"client_ip": pa.array(values, pa.string())}))
            assert got.to_pylist() == [reference.lookup_ip(v) for v in values]


def test_default_databases_open_with_their_paths() -> None:
    reader, path = geodb.open_bundled_at(geodb.DEFAULT_ASN_DB)
    with reader:
        assert path.is_file() and V4Tree.open(path, reader.metadata()) is not None

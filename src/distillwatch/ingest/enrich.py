"""Enrichment: client IP -> network facts, e-mail domain -> class.

``Enricher.enrich_events(batch)`` returns the ``ENRICH_FIELDS`` columns for the batch's
``client_ip`` column, row for row: IP version, /24 (IPv4) or /48 (IPv6) prefix, AS number and
organisation, country, and hosting / VPN / Tor flags. A batch's plain dotted quads (nearly
all real traffic once validated) are parsed from the column's bytes into integers and looked
up in an integer-keyed cache of the run's addresses (``ingest/ipv4.py``); a batch costs a few
array calls, no Python value per row or per address. New IPv4 addresses are resolved as
arrays too: range membership is one ``searchsorted`` per list, and the MMDB lookups walk the
databases' search trees for all of them at once (``ingest/mmdbtree.py``), each distinct
database record read once per run. Every other value (IPv6, ports, zone ids, invalid text) is
resolved per distinct string by ``lookup_many``, the per-address Python path that
``Enricher.lookup_ip`` (the gateway's single-value path) takes; tests hold the two to the
same facts.

Null or unparseable addresses give nulls in every column. A valid address that no list
contains gets ``False`` flags (absence of evidence, not proof of a home line) and null
ASN/country when the databases do not know it. Non-global addresses (private, CGNAT,
documentation, loopback) are never flagged, whatever a list says. IPv4-mapped
IPv6 addresses (``::ffff:1.2.3.4``) are treated as the IPv4 address; ``1.2.3.4:443``,
``[2001:db8::1]:443`` and zone ids (``fe80::1%eth0``) are accepted.

E-mail domain classes: ``free`` (our list of consumer webmail providers, checked first),
``disposable`` (the ``disposable-email-domains`` list plus user lists), else ``other``; a
subdomain inherits its parent's class; null when there is no domain.
"""

from __future__ import annotations

import contextlib
import dataclasses
import ipaddress
import re
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.ingest import geodb, iplists
from distillwatch.ingest.enrich_config import EnrichConfig
from distillwatch.ingest.iplists import IntervalSet
from distillwatch.schema import ENRICH_FIELDS

__all__ = [
    "ENRICH_SCHEMA",
    "EnrichConfig",
    "Enricher",
    "IPFacts",
    "parse_ip",
]

ENRICH_SCHEMA = pa.schema(ENRICH_FIELDS)
EMAIL_DOMAIN_CLASS = "email_domain_class"
_NETDATA = "distillwatch.ingest.netdata"


class IPFacts(NamedTuple):
    """What enrichment knows about one address (all None for a null/invalid address)."""

    ip_version: int | None
    ip_prefix: str | None
    ip_asn: int | None
    ip_as_org: str | None
    ip_country: str | None
    ip_is_hosting: bool | None
    ip_is_vpn: bool | None
    ip_is_tor: bool | None


_NULL_FACTS = IPFacts(None, None, None, None, None, None, None, None)
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_OCTET = r"(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
# A dotted quad as validation leaves it (no port, no leading zeros, no spaces): the bulk of
# real traffic. ``parse_ip`` of such a text is its IPv4Address, so these are parsed with
# ``inet_aton`` (which alone would also accept "1.2.3" or "0x1": hence the pattern first).
IPV4_CANONICAL = rf"^{_OCTET}(\.{_OCTET}){{3}}$"
_PLAIN_V4 = re.compile(IPV4_CANONICAL)


def _networks_v4(nets: Sequence[ipaddress.IPv4Network]) -> IntervalSet:
    return IntervalSet.from_intervals(
        [(int(n.network_address), int(n.broadcast_address)) for n in nets]
    )


# ``IPv4Address.is_global`` of many addresses at once, from the very networks ``ipaddress``
# itself tests (read from the running Python, so both agree on every version): not in the
# shared space 100.64/10 and not private (in a private network and in none of its exceptions,
# where the version has them). Per address in Python it was a third of a new address's cost.
_V4 = ipaddress.IPv4Address._constants  # type: ignore[attr-defined]
_V4_NOT_GLOBAL = _networks_v4([_V4._public_network])
_V4_PRIVATE = _networks_v4(_V4._private_networks)
_V4_PRIVATE_EXCEPT = _networks_v4(getattr(_V4, "_private_networks_exceptions", ()))


def is_global_v4(ips: np.ndarray) -> np.ndarray:
    """``IPv4Address(n).is_global`` of each uint32 ``n`` (vectorised)."""
    private = _V4_PRIVATE.contains_v4(ips) & ~_V4_PRIVATE_EXCEPT.contains_v4(ips)
    return ~(_V4_NOT_GLOBAL.contains_v4(ips) | private)


def parse_ip(text: str | None) -> IPAddress | None:
    """Parse a client address as logs write it; None when it is not an IP address."""
    if text is None:
        return None
    s = text.strip()
    if not s or len(s) > 64:
        return None
    if s[0] == "[":  # [v6]:port
        end = s.find("]")
        if end < 0:
            return None
        s = s[1:end]
    elif s.count(":") == 1 and "." in s:  # v4:port
        s = s.split(":", 1)[0]
    s = s.split("%", 1)[0]  # zone id
    try:
        ip = ipaddress.ip_address(s)
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def _prefix(ip: IPAddress) -> str:
    if isinstance(ip, ipaddress.IPv4Address):
        n = int(ip) & 0xFFFFFF00
        return f"{n >> 24}.{(n >> 16) & 255}.{(n >> 8) & 255}.0/24"
    net = ipaddress.IPv6Network((int(ip) >> 80 << 80, 48))
    return net.compressed


def _netdata_lines(name: str) -> list[str]:
    return resources.files(_NETDATA).joinpath(name).read_text(encoding="utf-8").splitlines()


@dataclass(frozen=True)
class _Lists:
    hosting: IntervalSet
    vpn: IntervalSet
    tor: IntervalSet
    hosting_asns: frozenset[int]
    disposable: frozenset[str]
    free: frozenset[str]
    sources: tuple[str, ...]


def _load_lists(cfg: EnrichConfig) -> _Lists:
    hosting: list[IntervalSet] = []
    vpn: list[IntervalSet] = []
    tor: list[IntervalSet] = []
    asns: set[int] = set()
    disposable: set[str] = set()
    free: set[str] = set()
    sources: list[str] = []
    # Both domain lists are always on: the config only adds to them.
    from disposable_email_domains import blocklist

    disposable.update(d.lower() for d in blocklist)
    free.update(
        iplists.read_domain_lines(_netdata_lines("free_email_domains.txt"))
    )
    sources.append("disposable-email-domains (MIT); distillwatch free webmail list")
    if cfg.builtin_lists:
        hosting.append(iplists.parse_cidr_lines(
            _netdata_lines("datacenter_ipv4.txt"), source="netdata/datacenter_ipv4.txt"))
        vpn.append(iplists.parse_cidr_lines(
            _netdata_lines("vpn_ipv4.txt"), source="netdata/vpn_ipv4.txt"))
        asns.update(iplists.parse_asn_lines(
            _netdata_lines("datacenter_asn.txt"), source="netdata/datacenter_asn.txt"))
        sources.append("X4BNet/lists_vpn datacenter+VPN IPv4 ranges and hosting ASNs (MIT)")
        origin = iplists.origin_sets()
        if origin is not None:
            hosting.append(origin[0])
            vpn.append(origin[1])
            tor.append(origin[2])
            sources.append("iporigin IPv4/IPv6 hosting, VPN and Tor exit ranges")
    for path in cfg.hosting_cidrs:
        hosting.append(iplists.read_cidr_file(path))
        sources.append(f"hosting ranges {path}")
    for path in cfg.vpn_cidrs:
        vpn.append(iplists.read_cidr_file(path))
        sources.append(f"VPN ranges {path}")
    for path in cfg.tor_cidrs:
        tor.append(iplists.read_cidr_file(path))
        sources.append(f"Tor ranges {path}")
    for path in cfg.hosting_asns:
        asns.update(iplists.read_asn_file(path))
        sources.append(f"hosting ASNs {path}")
    for path in cfg.disposable_domains:
        disposable.update(iplists.read_domain_file(path))
        sources.append(f"disposable domains {path}")
    for path in cfg.free_domains:
        free.update(iplists.read_domain_file(path))
        sources.append(f"free webmail domains {path}")
    return _Lists(
        hosting=IntervalSet.union(hosting),
        vpn=IntervalSet.union(vpn),
        tor=IntervalSet.union(tor),
        hosting_asns=frozenset(asns),
        disposable=frozenset(disposable),
        free=frozenset(free),
        sources=tuple(sources),
    )


T = TypeVar("T")


def _v4_records(
    reader: Any | None, ints: list[int], order: list[int], read: Callable[[Any], T]
) -> list[T]:
    """``read(record)`` of each IPv4 address (an integer) in an MMDB ``reader``.

    The addresses are visited in ascending order (``order``); a lookup also gives the
    network its record covers (``get_with_prefix_len``), and the next addresses inside that
    network share the record without a lookup (on the bench's addresses about half of
    them). Each record is read once.
    """
    out: list[T] = [read(None)] * len(ints)
    if reader is None:
        return out
    end = -1
    value = out[0] if out else read(None)  # set at the first address (end = -1)
    v4addr = ipaddress.IPv4Address
    for j in order:
        n = ints[j]
        if n > end:
            try:
                record, plen = reader.get_with_prefix_len(v4addr(n))
            except ValueError:  # as Enricher._get: no IPv4 data in this database
                record, plen = None, 32
            value = read(record)
            # An address's network, in IPv4 bits; anything else: this address alone.
            end = n | ((1 << (32 - plen)) - 1) if 0 <= plen <= 32 else n
        out[j] = value
    return out


class Enricher:
    """IP and e-mail enrichment with databases loaded once (build with :meth:`from_config`).

    Holds a bounded per-instance cache of resolved addresses (cleared when it reaches
    ``ip_cache_size``); one instance may be reused for every batch of a run.
    ``asn_path``/``country_path`` name the files the readers map: with them, batches of new
    IPv4 addresses walk the files' search trees instead of one reader call per network.
    """

    def __init__(
        self,
        *,
        asn_reader: Any | None,
        country_reader: Any | None,
        lists: _Lists,
        cache_size: int = 200_000,
        asn_path: Path | None = None,
        country_path: Path | None = None,
    ) -> None:
        self._asn = asn_reader
        self._country = country_reader
        self._lists = lists
        self._cache_size = cache_size
        self._hosting_asns = np.array(sorted(lists.hosting_asns), np.int64)
        # Per database (ASN, country): its file, its search tree (opened at the first batch,
        # False when the file cannot be walked), and each record read so far by its pointer
        # in the tree (records are few and fixed by the file, so they outlive the cache).
        self._paths = (asn_path if asn_reader is not None else None,
                       country_path if country_reader is not None else None)
        self._trees: list[Any] = [None, None]
        self._records: tuple[dict[int, Any], dict[int, Any]] = ({}, {})
        # Two address caches, cleared together when full. Strings (lookup_many: the
        # single-address path and a batch's values that are not plain dotted quads): each
        # address's row in ``_facts``. Plain IPv4 of batches: address (integer) -> row of
        # ``_v4`` (v4facts.V4Facts: the facts as arrays, from which a batch's columns are
        # written in one pass). Both made at the first batch (numba).
        self._cache: dict[str, int] = {}
        self._facts: list[IPFacts] = []
        self._v4_rows: Any = None  # ipv4.IntMap
        self._v4: Any = None  # v4facts.V4Facts
        # A batch's other values (IPv6, ports, ...: resolved by lookup_many) get rows of
        # ``_v4`` too, found by their text: all of a batch's columns come from one store.
        self._other_rows: dict[str, int] = {}
        self._closed = False

    @classmethod
    def from_config(cls, cfg: EnrichConfig | None = None) -> Enricher:
        """Open the databases and load the lists named by ``cfg`` (defaults when None)."""
        cfg = cfg or EnrichConfig()
        sources = (
            f"ASN: {cfg.asn_mmdb or geodb.DBIP_ATTRIBUTION}",
            f"country: {cfg.country_mmdb or geodb.DBIP_ATTRIBUTION}",
        )
        lists = _load_lists(cfg)
        lists = dataclasses.replace(lists, sources=(*sources, *lists.sources))
        def open_db(path: Path | None, name: str) -> tuple[Any, Path]:
            if path:
                return geodb.open_mmdb(path), path
            return geodb.open_bundled_at(name, cache_dir=cfg.cache_dir)

        asn, asn_path = open_db(cfg.asn_mmdb, geodb.DEFAULT_ASN_DB)
        try:
            country, country_path = open_db(cfg.country_mmdb, geodb.DEFAULT_COUNTRY_DB)
        except BaseException:
            asn.close()
            raise
        return cls(asn_reader=asn, country_reader=country, lists=lists,
                   cache_size=cfg.ip_cache_size, asn_path=asn_path, country_path=country_path)

    @property
    def sources(self) -> tuple[str, ...]:
        """Human-readable names (with attribution) of every database and list in use."""
        return self._lists.sources

    def close(self) -> None:
        """Release the memory-mapped databases."""
        self._closed = True
        self._trees = [False, False]  # drops the trees' mappings
        for reader in (self._asn, self._country):
            if reader is not None:
                reader.close()

    def __enter__(self) -> Enricher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- IPs -------------------------------------------------------------------------
    def _resolve_new(self, values: Sequence[str]) -> list[IPFacts]:
        out: list[IPFacts] = [_NULL_FACTS] * len(values)
        # IPv4 addresses (row in ``values``, address as an integer); the rest parsed here.
        v4_pos: list[int] = []
        v4_int: list[int] = []
        v6: list[tuple[int, ipaddress.IPv6Address]] = []
        plain, aton, from_bytes = _PLAIN_V4.match, socket.inet_aton, int.from_bytes
        for i, v in enumerate(values):
            if plain(v):
                v4_pos.append(i)
                v4_int.append(from_bytes(aton(v), "big"))
                continue
            ip = parse_ip(v)
            if isinstance(ip, ipaddress.IPv4Address):
                v4_pos.append(i)
                v4_int.append(int(ip))
            elif ip is not None:
                v6.append((i, ip))
        lists = self._lists
        hosting_asns = lists.hosting_asns
        ints = np.array(v4_int, dtype=np.uint32)
        hosting_a, vpn_a, tor_a = self._v4_list_flags(ints)
        hosting_v4, vpn_v4, tor_v4 = hosting_a.tolist(), vpn_a.tolist(), tor_a.tolist()
        asn_db, country_db = self._asn, self._country
        order = np.argsort(ints, kind="stable").tolist()
        asn_org = _v4_records(asn_db, v4_int, order, geodb.record_asn)
        countries = _v4_records(country_db, v4_int, order, geodb.record_country)
        for k, (i, n) in enumerate(zip(v4_pos, v4_int, strict=True)):
            asn, org = asn_org[k]
            country = countries[k]
            hosting = hosting_v4[k] or (asn is not None and asn in hosting_asns)
            prefix = f"{n >> 24}.{(n >> 16) & 255}.{(n >> 8) & 255}.0/24"
            out[i] = IPFacts(4, prefix, asn, org, country, hosting, vpn_v4[k], tor_v4[k])
        for i, ip6 in v6:
            asn, org = geodb.record_asn(self._get(asn_db, ip6))
            country = geodb.record_country(self._get(country_db, ip6))
            if not ip6.is_global:
                hosting = vpn = tor = False
            else:
                n6 = int(ip6)
                hosting = lists.hosting.contains_v6(n6)
                vpn = lists.vpn.contains_v6(n6)
                tor = lists.tor.contains_v6(n6)
            hosting = hosting or (asn is not None and asn in hosting_asns)
            out[i] = IPFacts(6, _prefix(ip6), asn, org, country, hosting, vpn, tor)
        return out

    def _v4_list_flags(self, ints: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(hosting, vpn, tor) list membership of IPv4 addresses (uint32), as bool arrays.
        Non-global addresses (private, shared/CGNAT, documentation and other special
        ranges) are never flagged: some third-party lists wrongly cover them, and they say
        nothing about a network. The ASN can still say hosting (the callers add it)."""
        lists = self._lists
        glob = is_global_v4(ints)
        return (
            lists.hosting.contains_v4(ints) & glob,
            lists.vpn.contains_v4(ints) & glob,
            lists.tor.contains_v4(ints) & glob,
        )

    def _v4_resolve(self, store: Any, ints: np.ndarray) -> None:
        """Append the facts of IPv4 addresses (uint32) to ``store`` (a V4Facts), as arrays:
        no Python value per address (the batch path; ``_resolve_new`` is the per-address
        one)."""
        from distillwatch.ingest.v4facts import HOSTING, TOR, VPN

        hosting, vpn, tor = self._v4_list_flags(ints)
        flags = hosting.astype(np.uint8) * HOSTING
        flags |= vpn.astype(np.uint8) * VPN
        flags |= tor.astype(np.uint8) * TOR
        asn_org, asn_of = self._v4_db(0, ints, geodb.record_asn)
        asn_rec = store.asn_records(asn_org)[asn_of]
        flags |= store.hosting_asn(asn_rec).astype(np.uint8) * HOSTING
        countries, country_of = self._v4_db(1, ints, geodb.record_country)
        store.append(ints, asn_rec, store.country_records(countries)[country_of], flags)

    def _v4_db(
        self, which: int, ints: np.ndarray, read: Callable[[Any], T]
    ) -> tuple[list[T], np.ndarray]:
        """``read(record)`` of each address's record in database ``which`` (0: ASN,
        1: country), as (values, the value's position for each address): through the
        file's search tree, else (a reader not opened from a file) one call per network."""
        reader: Any = (self._asn, self._country)[which]  # not None where a tree is
        tree = self._tree(which)
        if tree is None:
            order = np.argsort(ints, kind="stable").tolist()
            values = _v4_records(reader, ints.tolist(), order, read)
            return values, np.arange(len(values))
        pointers, first, of = np.unique(tree.records(ints), return_index=True,
                                        return_inverse=True)
        memo = self._records[which]
        out: list[T] = []
        for pointer, i in zip(pointers.tolist(), first.tolist(), strict=True):
            if pointer not in memo:  # a record not read yet: through one of its addresses
                record = None
                if pointer >= 0:
                    with contextlib.suppress(ValueError):  # as _v4_records
                        record = reader.get(ipaddress.IPv4Address(int(ints[i])))
                memo[pointer] = read(record)
            out.append(memo[pointer])
        return out, of.reshape(-1)

    def _tree(self, which: int) -> Any:
        """The search tree of database ``which`` (opened once), or None."""
        tree = self._trees[which]
        if tree is None:
            tree = False
            path = self._paths[which]
            reader: Any = (self._asn, self._country)[which]  # not None where a path is
            if path is not None and not self._closed:
                from distillwatch.ingest.mmdbtree import V4Tree

                tree = V4Tree.open(path, reader.metadata()) or False
            self._trees[which] = tree
        return tree or None

    @staticmethod
    def _get(reader: Any | None, ip: IPAddress) -> Any:
        if reader is None:
            return None
        try:
            return reader.get(ip)
        except ValueError:  # IPv6 address in an IPv4-only database
            return None

    def lookup_many(self, values: Sequence[str | None]) -> list[IPFacts]:
        """Facts for each value (cached); new addresses are resolved and cached only here.
        Called by ``lookup_ip`` and by ``enrich_events`` for a batch's values that are not
        plain dotted quads (IPv6, ports, brackets, zone ids, invalid text); plain quads take
        the array path (``_v4_resolve``)."""
        if self._closed:
            raise ValueError("this Enricher is closed")
        cache, known = self._cache, self._facts
        out: list[IPFacts | None] = []
        missing: dict[str, list[int]] = {}
        for i, v in enumerate(values):
            if v is None:
                out.append(_NULL_FACTS)
                continue
            row = cache.get(v)
            if row is None:
                out.append(None)
                missing.setdefault(v, []).append(i)
            else:
                out.append(known[row])
        if missing:
            keys = list(missing)
            facts = self._resolve_new(keys)
            if len(cache) + len(keys) > self._cache_size:
                self._clear()
            for key, fact in zip(keys, facts, strict=True):
                if self._cache_size:
                    self._remember(key, fact)
                for i in missing[key]:
                    out[i] = fact
        return out  # type: ignore[return-value]

    def _clear(self) -> None:
        self._cache.clear()
        self._facts.clear()

    def _clear_rows(self) -> None:
        if self._v4 is not None:
            self._v4_rows.clear()
            self._v4.clear()
        self._other_rows.clear()

    def _remember(self, key: str, fact: IPFacts) -> None:
        self._cache[key] = len(self._facts)
        self._facts.append(fact)

    def _v4_scan(self, col: pa.Array) -> tuple[Any, np.ndarray]:
        """(store, row of each value in it) for a batch's ``client_ip``: a plain dotted
        quad's row of the IPv4 cache, new addresses resolved and appended first (a batch
        the cache cannot hold empties it first; without a cache the store is the batch's
        own); ``ipv4.NULL_ROW`` for a null and ``ipv4.OTHER_ROW`` for any other value."""
        from distillwatch.ingest.ipv4 import MISS, IntMap
        from distillwatch.ingest.v4facts import V4Facts

        if not self._cache_size:
            rows, ints = IntMap().scan(col)  # every address is a miss
            miss = rows == MISS
            new, at = np.unique(ints[miss], return_inverse=True)
            store = V4Facts(self._hosting_asns)
            if new.size:
                self._v4_resolve(store, new)
            rows[miss] = at.reshape(-1)
            return store, rows
        if self._v4 is None:
            self._v4_rows, self._v4 = IntMap(), V4Facts(self._hosting_asns)
        rows, ints = self._v4_rows.scan(col)
        miss = rows == MISS
        if miss.any():
            new = np.unique(ints[miss])
            if len(self._v4) + new.size > self._cache_size:
                self._clear_rows()
                miss |= rows >= 0
                new = np.unique(ints[miss])
            base = len(self._v4)
            self._v4_resolve(self._v4, new)
            self._v4_rows.put(new, np.arange(base, base + new.size))
            rows[miss] = base + np.searchsorted(new, ints[miss])
        return self._v4, rows

    def lookup_ip(self, ip: str | None) -> dict[str, Any]:
        """The ENRICH_FIELDS values of one address, as a dict (gateway path)."""
        return self.lookup_many([ip])[0]._asdict()

    def enrich_events(self, batch: pa.Table | pa.RecordBatch) -> pa.Table:
        """ENRICH_FIELDS columns for ``batch['client_ip']``, same rows and order."""
        n = batch.num_rows
        if "client_ip" not in batch.schema.names:
            return pa.Table.from_arrays(
                [pa.nulls(n, f.type) for f in ENRICH_FIELDS], schema=ENRICH_SCHEMA
            )
        col = batch.column("client_ip")
        if isinstance(col, pa.ChunkedArray):
            col = col.combine_chunks() if col.num_chunks else pa.array([], pa.string())
        if not pa.types.is_string(col.type) and not pa.types.is_large_string(col.type):
            col = col.cast(pa.string(), safe=False)
        if self._closed:
            raise ValueError("this Enricher is closed")
        from distillwatch.ingest.ipv4 import OTHER_ROW

        # each row's row in the IPv4 store; below 0 (null, not a plain dotted quad): nulls
        store, rows = self._v4_scan(col)
        other = rows == OTHER_ROW
        if other.any():  # not a plain dotted quad: per distinct string (lookup_many)
            encoded = pc.dictionary_encode(col.filter(pa.array(other)))
            known = self._other_rows if self._cache_size else {}
            distinct = encoded.dictionary.to_pylist()
            new = [v for v in distinct if v not in known]
            if new:
                # (the store may pass the cache size by these rows until the next batch)
                base = len(store)
                store.append_facts(self.lookup_many(new))
                known.update(zip(new, range(base, base + len(new)), strict=True))
            at = np.array([known[v] for v in distinct], np.int64)
            rows[other] = at[encoded.indices.to_numpy()]
        return pa.Table.from_arrays(store.columns(rows), schema=ENRICH_SCHEMA)

    # ---- e-mail ------------------------------------------------------------------------
    def email_domain_class(self, domain: str | None) -> str | None:
        """``free`` | ``disposable`` | ``other`` for one domain (or address); None if none."""
        d = _normalise_domain(domain)
        if d is None:
            return None
        parts = d.split(".")
        suffixes = [".".join(parts[i:]) for i in range(len(parts) - 1)] or [d]
        if any(s in self._lists.free for s in suffixes):
            return "free"
        if any(s in self._lists.disposable for s in suffixes):
            return "disposable"
        return "other"

    def enrich_accounts(self, accounts: pa.Table) -> pa.Table:
        """``accounts`` with ``email_domain_class`` appended (replaced if already there)."""
        if EMAIL_DOMAIN_CLASS in accounts.schema.names:
            accounts = accounts.drop_columns([EMAIL_DOMAIN_CLASS])
        n = accounts.num_rows
        if "email_domain" not in accounts.schema.names or n == 0:
            classes = pa.nulls(n, pa.string())
        else:
            col = accounts.column("email_domain").combine_chunks()
            if not pa.types.is_string(col.type):
                col = col.cast(pa.string(), safe=False)
            encoded = pc.dictionary_encode(col)
            labels = [self.email_domain_class(d) for d in encoded.dictionary.to_pylist()]
            classes = pa.array(labels, pa.string()).take(encoded.indices)
        return accounts.append_column(pa.field(EMAIL_DOMAIN_CLASS, pa.string()), classes)


def _normalise_domain(value: str | None) -> str | None:
    if value is None:
        return None
    d = value.strip().lower()
    if "@" in d:
        d = d.rsplit("@", 1)[1]
    d = d.strip().strip(".").strip(">")
    if not d:
        return None
    if " " in d or "." not in d:
        return d
    with contextlib.suppress(UnicodeError):
        d = d.encode("idna").decode("ascii")  # bücher.de and xn--bcher-kva.de agree
    return d

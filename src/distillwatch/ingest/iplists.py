"""Sets of IP ranges (CIDR lists) and ASN lists, with vectorised membership tests.

A list of tens of thousands of CIDR ranges is held as sorted, merged, inclusive integer
intervals. IPv4 membership of many addresses at once is one ``numpy.searchsorted`` over the
interval starts plus one comparison with the matching end, never a loop over ranges. IPv6
addresses do not fit a machine word, so IPv6 intervals stay Python integers and a lookup is
one ``bisect`` (IPv6 lists are short and lookups are cached per address upstream).
"""

from __future__ import annotations

import ipaddress
import socket
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from distillwatch.exceptions import ConfigError

U32 = npt.NDArray[np.uint32]
BoolArray = npt.NDArray[np.bool_]


def _merge(starts: npt.NDArray[np.uint64], ends: npt.NDArray[np.uint64]) -> tuple[
    npt.NDArray[np.uint64], npt.NDArray[np.uint64]
]:
    """Sort and merge overlapping or adjacent inclusive intervals (vectorised)."""
    if starts.size == 0:
        return starts, ends
    order = np.lexsort((ends, starts))
    starts, ends = starts[order], ends[order]
    reach = np.maximum.accumulate(ends)
    # A new group starts where the interval begins after everything before it ends (+1 so
    # adjacent ranges merge too).
    new_group = np.empty(starts.size, dtype=bool)
    new_group[0] = True
    new_group[1:] = starts[1:] > reach[:-1] + 1
    group_ids = np.cumsum(new_group) - 1
    merged_starts = starts[new_group]
    merged_ends = np.zeros(merged_starts.size, dtype=np.uint64)
    np.maximum.at(merged_ends, group_ids, ends)
    return merged_starts, merged_ends


def _merge_py(pairs: list[tuple[int, int]]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    pairs.sort()
    out: list[list[int]] = []
    for start, end in pairs:
        if out and start <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return tuple(p[0] for p in out), tuple(p[1] for p in out)


@dataclass(frozen=True)
class IntervalSet:
    """A set of IPv4 and IPv6 addresses stored as merged inclusive integer intervals."""

    v4_starts: U32 = field(default_factory=lambda: np.zeros(0, dtype=np.uint32))
    v4_ends: U32 = field(default_factory=lambda: np.zeros(0, dtype=np.uint32))
    v6_starts: tuple[int, ...] = ()
    v6_ends: tuple[int, ...] = ()

    @classmethod
    def from_intervals(
        cls,
        v4: Iterable[tuple[int, int]] = (),
        v6: Iterable[tuple[int, int]] = (),
        *,
        v4_arrays: Sequence[tuple[npt.ArrayLike, npt.ArrayLike]] = (),
    ) -> IntervalSet:
        """Build from inclusive (start, end) integer pairs; overlaps are merged."""
        v4_pairs = list(v4)
        starts_parts = [np.asarray([p[0] for p in v4_pairs], dtype=np.uint64)]
        ends_parts = [np.asarray([p[1] for p in v4_pairs], dtype=np.uint64)]
        for s, e in v4_arrays:
            starts_parts.append(np.asarray(s, dtype=np.uint64))
            ends_parts.append(np.asarray(e, dtype=np.uint64))
        starts, ends = _merge(np.concatenate(starts_parts), np.concatenate(ends_parts))
        v6_starts, v6_ends = _merge_py(list(v6))
        return cls(starts.astype(np.uint32), ends.astype(np.uint32), v6_starts, v6_ends)

    @classmethod
    def union(cls, sets: Iterable[IntervalSet]) -> IntervalSet:
        """One set holding every address of ``sets``."""
        sets = list(sets)
        return cls.from_intervals(
            v6=[(s, e) for st in sets for s, e in zip(st.v6_starts, st.v6_ends, strict=True)],
            v4_arrays=[(st.v4_starts, st.v4_ends) for st in sets],
        )

    def __len__(self) -> int:
        """Number of disjoint intervals (IPv4 + IPv6)."""
        return int(self.v4_starts.size) + len(self.v6_starts)

    def contains_v4(self, ips: U32) -> BoolArray:
        """Membership of each IPv4 address (as uint32) in the set, vectorised."""
        ips = np.asarray(ips, dtype=np.uint32)
        if self.v4_starts.size == 0 or ips.size == 0:
            return np.zeros(ips.shape, dtype=bool)
        pos = np.searchsorted(self.v4_starts, ips, side="right") - 1
        found = pos >= 0
        safe = np.where(found, pos, 0)
        return found & (ips <= self.v4_ends[safe])

    def contains_v6(self, ip: int) -> bool:
        """Membership of one IPv6 address (as a 128-bit integer)."""
        pos = bisect_right(self.v6_starts, ip) - 1
        return pos >= 0 and ip <= self.v6_ends[pos]


def _v4_int(text: str) -> int:
    return int.from_bytes(socket.inet_aton(text), "big")


def parse_cidr_lines(lines: Iterable[str], *, source: str = "<list>") -> IntervalSet:
    """Parse CIDR ranges, bare addresses or ``first-last`` ranges, one per line.

    Blank lines and ``#`` comments are skipped. A malformed line raises ConfigError naming
    ``source`` and the line number, so a typo in a user list never silently drops ranges.
    """
    v4_starts: list[int] = []
    v4_ends: list[int] = []
    v6: list[tuple[int, int]] = []
    for lineno, raw in enumerate(lines, start=1):
        entry = raw.split("#", 1)[0].strip()
        if not entry:
            continue
        try:
            if "-" in entry:
                first, last = (ipaddress.ip_address(x.strip()) for x in entry.split("-", 1))
                if first.version != last.version or int(last) < int(first):
                    raise ValueError("range ends before it starts or mixes IP versions")
                if first.version == 4:
                    v4_starts.append(int(first))
                    v4_ends.append(int(last))
                else:
                    v6.append((int(first), int(last)))
            elif ":" in entry:
                net6 = ipaddress.ip_network(entry, strict=False)
                if isinstance(net6, ipaddress.IPv4Network):  # pragma: no cover - ":" excludes
                    raise ValueError("not IPv6")
                v6.append((int(net6.network_address), int(net6.broadcast_address)))
            else:
                addr, _, plen = entry.partition("/")
                bits = 32 if not plen else int(plen)
                if not 0 <= bits <= 32:
                    raise ValueError(f"prefix length {bits} out of range")
                base = _v4_int(addr) if addr.count(".") == 3 else -1
                if base < 0:
                    raise ValueError("not an IPv4 address")
                mask = (0xFFFFFFFF << (32 - bits)) & 0xFFFFFFFF
                start = base & mask
                v4_starts.append(start)
                v4_ends.append(start | (~mask & 0xFFFFFFFF))
        except (ValueError, OSError) as exc:
            raise ConfigError(f"{source}:{lineno}: not a CIDR range or IP address: {entry!r}"
                              f" ({exc})") from exc
    return IntervalSet.from_intervals(
        v6=v6, v4_arrays=[(np.asarray(v4_starts, np.uint64), np.asarray(v4_ends, np.uint64))]
    )


def read_cidr_file(path: Path) -> IntervalSet:
    """Read a CIDR list file (see :func:`parse_cidr_lines`)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read IP range list {path}: {exc}") from exc
    return parse_cidr_lines(text.splitlines(), source=str(path))


def parse_asn_lines(lines: Iterable[str], *, source: str = "<list>") -> frozenset[int]:
    """Parse autonomous system numbers (``AS15169`` or ``15169``), one per line."""
    out: set[int] = set()
    for lineno, raw in enumerate(lines, start=1):
        entry = raw.split("#", 1)[0].strip()
        if not entry:
            continue
        digits = entry[2:] if entry[:2].upper() == "AS" else entry
        if not digits.isdigit() or not 0 < int(digits) < 2**32:
            raise ConfigError(f"{source}:{lineno}: not an AS number: {entry!r}")
        out.add(int(digits))
    return frozenset(out)


def read_asn_file(path: Path) -> frozenset[int]:
    """Read an ASN list file (see :func:`parse_asn_lines`)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read ASN list {path}: {exc}") from exc
    return parse_asn_lines(text.splitlines(), source=str(path))


def read_domain_lines(lines: Iterable[str]) -> frozenset[str]:
    """E-mail domains, one per line (``#`` comments allowed), lower-cased."""
    return frozenset(
        d for d in (ln.split("#", 1)[0].strip().lower().strip(".") for ln in lines) if d
    )


def read_domain_file(path: Path) -> frozenset[str]:
    """Read a list of e-mail domains (see :func:`read_domain_lines`)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read domain list {path}: {exc}") from exc
    return read_domain_lines(text.splitlines())


# iporigin labels each of its disjoint ranges with a kind; these are ours.
_ORIGIN_HOSTING_KINDS = frozenset({"hosting", "cdn", "bot"})
_ORIGIN_VPN_KINDS = frozenset({"vpn"})
_ORIGIN_TOR_KINDS = frozenset({"tor"})


def origin_sets() -> tuple[IntervalSet, IntervalSet, IntervalSet] | None:
    """(hosting, VPN, Tor) ranges from the ``iporigin`` package, or None when unavailable.

    iporigin (pinned) exposes only per-address lookups, so we read its loaded range table
    (a private attribute set, checked by our tests on upgrade) into vectorised sets.
    """
    try:
        from iporigin import _data as origin_data

        table = origin_data.dataset()
        labels = [kind for _provider, kind in table.labels]
        v4_labels = np.asarray(table.v4_labels, dtype=np.int64)
        v4_starts = np.asarray(table.v4_starts, dtype=np.uint64)
        v4_ends = np.asarray(table.v4_ends, dtype=np.uint64)
        v6 = list(zip(table.v6_starts, table.v6_ends, table.v6_labels, strict=True))
    except (ImportError, AttributeError, RuntimeError, OSError, TypeError, ValueError):
        return None
    out = []
    for kinds in (_ORIGIN_HOSTING_KINDS, _ORIGIN_VPN_KINDS, _ORIGIN_TOR_KINDS):
        wanted = np.asarray([k in kinds for k in labels], dtype=bool)
        pick = wanted[v4_labels] if v4_labels.size else np.zeros(0, dtype=bool)
        out.append(
            IntervalSet.from_intervals(
                v6=[(s, e) for s, e, lab in v6 if labels[lab] in kinds],
                v4_arrays=[(v4_starts[pick], v4_ends[pick])],
            )
        )
    return out[0], out[1], out[2]

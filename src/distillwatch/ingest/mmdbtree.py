"""The search tree of an MMDB file, walked for many IPv4 addresses at once (numba).

``maxminddb``'s reader answers one address per call and decodes the address's record into
Python objects each time (~1 us a lookup plus the record): for a batch of new addresses
that was most of enrichment's cost. :meth:`V4Tree.records` walks the file's binary search
tree (the MaxMind DB format, spec 2.0: record sizes 24, 28 and 32 bits; IPv4 addresses of
an IPv6 tree under ``::/96``, as libmaxminddb looks them up) for a whole array of addresses
and returns, per address, the tree's pointer to its data record (``-1``: no record). Many
addresses share a record (every address of a network, and networks with equal data, which
writers store once), so the enricher reads each distinct record once, through the reader
(``reader.get`` of one of its addresses), and keeps its decoded value for the run.

Imported lazily by ``enrich.py``, like :mod:`distillwatch.ingest.ipv4`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numba
import numpy as np
import numpy.typing as npt

__all__ = ["V4Tree"]

I64 = npt.NDArray[np.int64]
U32 = npt.NDArray[np.uint32]
U8 = npt.NDArray[np.uint8]


@numba.njit(cache=True, nogil=True, inline="always")
def _byte(tree: U8, p: np.int64) -> np.int64:
    return np.int64(tree[p])


@numba.njit(cache=True, nogil=True, inline="always")
def _child(tree: U8, record_size: int, node: np.int64, right: np.int64) -> np.int64:
    """The left (``right`` = 0) or right record of ``node`` (big-endian; a 28-bit record
    keeps its top four bits in the node's middle byte)."""
    if record_size == 24:
        p = node * 6 + 3 * right
        return (_byte(tree, p) << 16) | (_byte(tree, p + 1) << 8) | _byte(tree, p + 2)
    if record_size == 28:
        p = node * 7
        if right:
            return ((_byte(tree, p + 3) & 0x0F) << 24) | (_byte(tree, p + 4) << 16) | (
                _byte(tree, p + 5) << 8) | _byte(tree, p + 6)
        return ((_byte(tree, p + 3) & 0xF0) << 20) | (_byte(tree, p) << 16) | (
            _byte(tree, p + 1) << 8) | _byte(tree, p + 2)
    p = node * 8 + 4 * right
    return (_byte(tree, p) << 24) | (_byte(tree, p + 1) << 16) | (_byte(tree, p + 2) << 8) | (
        _byte(tree, p + 3))


def _v4_start(tree: U8, record_size: int, node_count: int, ip_version: int) -> int:
    """The node (or record) an IPv4 address's walk starts at: the root of an IPv4 tree, the
    end of 96 zero bits in an IPv6 one (plain Python: once per file, no kernel to load)."""
    node = 0
    for _ in range(96 if ip_version == 6 else 0):
        if node >= node_count:
            break
        if record_size == 24:
            raw = bytes(tree[node * 6:node * 6 + 3])
        elif record_size == 28:
            head = bytes(tree[node * 7:node * 7 + 4])
            raw = bytes([head[3] >> 4]) + head[:3]
        else:
            raw = bytes(tree[node * 8:node * 8 + 4])
        node = int.from_bytes(raw, "big")  # the left record: the next bit is 0
    return node


@numba.njit(cache=True, nogil=True)
def _walk(tree: U8, record_size: int, node_count: int, start: int, ips: U32, out: I64) -> None:
    for i in range(ips.size):
        ip = np.int64(ips[i])
        node = np.int64(start)
        bit = 31
        while node < node_count and bit >= 0:
            node = _child(tree, record_size, node, (ip >> bit) & 1)
            bit -= 1
        # past the tree: node_count is "no record", more is a data pointer; a walk that
        # is still inside the tree after 32 bits (a malformed file) has no record either
        out[i] = node if node > node_count else -1


class V4Tree:
    """An MMDB file's search tree, read-only and memory-mapped (built by :meth:`open`)."""

    def __init__(self, tree: U8, *, node_count: int, record_size: int, ip_version: int) -> None:
        self._tree = tree
        self._node_count = node_count
        self._record_size = record_size
        self._start = int(_v4_start(tree, record_size, node_count, ip_version))

    @classmethod
    def open(cls, path: Path, metadata: Any) -> V4Tree | None:
        """The tree of the MMDB file ``path`` whose reader gave ``metadata``; None when the
        file does not have the layout this walker knows (its reader is used instead)."""
        try:
            node_count = int(metadata.node_count)
            record_size = int(metadata.record_size)
            ip_version = int(metadata.ip_version)
            size = path.stat().st_size
        except (AttributeError, TypeError, ValueError, OSError):
            return None
        tree_bytes = node_count * record_size // 4  # two records per node
        if record_size not in (24, 28, 32) or ip_version not in (4, 6) or not (
            node_count > 0 and tree_bytes <= size
        ):
            return None
        try:
            tree = np.asarray(np.memmap(path, dtype=np.uint8, mode="r", shape=(tree_bytes,)))
        except (OSError, ValueError):
            return None
        return cls(tree, node_count=node_count, record_size=record_size, ip_version=ip_version)

    def records(self, ips: U32) -> I64:
        """Per IPv4 address (uint32): its record's pointer in the tree, -1 for none."""
        out = np.empty(ips.size, np.int64)
        if self._start >= self._node_count:  # the whole IPv4 space is one record (or none)
            out[:] = self._start if self._start > self._node_count else -1
            return out
        _walk(self._tree, self._record_size, self._node_count, self._start,
              np.ascontiguousarray(ips, np.uint32), out)
        return out

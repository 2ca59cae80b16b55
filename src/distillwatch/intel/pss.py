"""Private search sets (CIRCL PSS): keyed-hash list + Bloom filter partners test membership on.

A PSS is a directory holding ``private-search-set.json`` (meta: version, name, description,
generated-timestamp, algorithm, keyid, canonicalization-format, bloomfilter), the keyed-hash
list ``private-search-set.pss`` (one lower-case hex HMAC per line) and the Bloom filter
``private-search-set.bloom`` in the ``dcso-v1`` format (DCSO bloom: little-endian header of
version, capacity, fp-probability, k, m, N, then m bits as 64-bit words; FNV-1 64 double
hashing), so CIRCL's and DCSO's tools read it too. Each line inserted in the filter is the hex
digest, as CIRCL's reference tool inserts the lines of its hash list.
"""

from __future__ import annotations

import json
import math
import struct
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from distillwatch.exceptions import IntelError
from distillwatch.intel.keys import ALGORITHM, CANONICALISATION, TrustGroupKey
from distillwatch.types import StrPath

META_FILE = "private-search-set.json"
LIST_FILE = "private-search-set.pss"
BLOOM_FILE = "private-search-set.bloom"
FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
MASK64 = (1 << 64) - 1


def fnv1_64(data: bytes) -> int:
    """64-bit FNV-1 (multiply then xor), as Go's ``hash/fnv.New64``."""
    h = FNV_OFFSET
    for b in data:
        h = ((h * FNV_PRIME) & MASK64) ^ b
    return h


class BloomFilter:
    """The DCSO ``dcso-v1`` Bloom filter (readable by DCSO bloom and CIRCL's PSS tools)."""

    def __init__(self, capacity: int, fp_probability: float) -> None:
        if capacity < 1 or not 0 < fp_probability < 1:
            raise IntelError("Bloom filter needs capacity >= 1 and 0 < fp-probability < 1")
        self.n = int(capacity)
        self.p = float(fp_probability)
        self.m = int(abs(math.ceil(self.n * math.log(self.p) / (math.log(2.0) ** 2))))
        self.k = math.ceil(math.log(2) * self.m / self.n)
        self.count = 0
        self.words = np.zeros(math.ceil(self.m / 64), dtype=np.uint64)

    def _positions(self, value: bytes) -> list[int]:
        hn = fnv1_64(value)
        hm = hn
        out = []
        for i in range(self.k):
            hn = (hn + hm * i) & MASK64
            hm = hn
            out.append(hn % self.m)
        return out

    def add(self, value: bytes) -> None:
        new = False
        for pos in self._positions(value):
            w, b = divmod(pos, 64)
            bit = np.uint64(1 << b)
            if not self.words[w] & bit:
                new = True
            self.words[w] |= bit
        if new:
            self.count += 1

    def __contains__(self, value: bytes) -> bool:
        for pos in self._positions(value):
            w, b = divmod(pos, 64)
            if not self.words[w] & np.uint64(1 << b):
                return False
        return True

    def to_bytes(self) -> bytes:
        header = struct.pack("<QQdQQQ", 1, self.n, self.p, self.k, self.m, self.count)
        return header + self.words.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> BloomFilter:
        if len(data) < 48:
            raise IntelError("Bloom filter file is truncated (no header)")
        version, n, p, k, m, count = struct.unpack("<QQdQQQ", data[:48])
        if version & 0xFF != 1:
            raise IntelError(f"Bloom filter version {version & 0xFF} is not dcso-v1")
        words = math.ceil(m / 64)
        body = data[48 : 48 + 8 * words]
        if len(body) != 8 * words or k < 1 or k > 64 or m < 1:
            raise IntelError("Bloom filter file is truncated or corrupt")
        bf = cls.__new__(cls)
        bf.n, bf.p, bf.k, bf.m, bf.count = int(n), float(p), int(k), int(m), int(count)
        bf.words = np.frombuffer(body, dtype="<u8").astype(np.uint64)
        return bf


@dataclass(frozen=True)
class PrivateSearchSet:
    """A loaded PSS: meta, the hash list (may be empty when only a filter was shared), filter."""

    meta: dict[str, Any]
    hashes: frozenset[str]
    bloom: BloomFilter | None

    def contains_digest(self, digest: str) -> bool:
        d = digest.lower()
        if self.hashes:
            return d in self.hashes
        return self.bloom is not None and d.encode() in self.bloom

    def contains(self, key: TrustGroupKey, kind: str, value: str) -> bool:
        """Is ``value`` (of ``kind``) in the set? Needs the key the set was hashed with."""
        if key.key_id != self.meta.get("keyid"):
            raise IntelError(
                f"this set was hashed with key {self.meta.get('keyid')!r}, not {key.key_id!r}"
            )
        return self.contains_digest(key.hash(kind, value))


def write_pss(
    out_dir: StrPath,
    entries: Iterable[tuple[str, str]],
    *,
    key: TrustGroupKey,
    name: str,
    description: str,
    capacity_min: int = 1000,
    fp_probability: float = 1e-6,
) -> Path:
    """Write a PSS directory of ``(kind, hex digest)`` entries hashed with ``key``."""
    pairs = list(entries)
    digests = sorted({d for _, d in pairs})
    kinds = sorted({k for k, _ in pairs})
    capacity = max(capacity_min, 2 * len(digests))
    bf = BloomFilter(capacity, fp_probability)
    for d in digests:
        bf.add(d.encode())
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    meta = {
        "version": 1,
        "name": name,
        "description": description,
        "generated-timestamp": int(time.time()),
        "algorithm": ALGORITHM,
        "keyid": key.key_id,
        "canonicalization-format": CANONICALISATION,
        "bloomfilter": {"capacity": capacity, "fp-probability": fp_probability,
                        "format": "dcso-v1"},
        "misp-attribute-types": ["text"],
        "distillwatch-kinds": kinds,
        "entries": len(digests),
    }
    (out / META_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", "utf-8")
    (out / LIST_FILE).write_text("".join(d + "\n" for d in digests), encoding="utf-8")
    (out / BLOOM_FILE).write_bytes(bf.to_bytes())
    return out


def read_pss(path: StrPath) -> PrivateSearchSet:
    """Load a PSS directory (either the hash list or the Bloom filter may be absent)."""
    root = Path(path)
    try:
        meta = json.loads((root / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IntelError(f"{root}: no readable {META_FILE} ({exc})") from exc
    if not isinstance(meta, dict) or meta.get("algorithm") != ALGORITHM:
        raise IntelError(f"{root}: only {ALGORITHM} private search sets are supported")
    hashes: frozenset[str] = frozenset()
    if (root / LIST_FILE).is_file():
        hashes = frozenset(
            ln.strip().lower()
            for ln in (root / LIST_FILE).read_text(encoding="utf-8").splitlines()
            if ln.strip()
        )
    bloom = None
    if (root / BLOOM_FILE).is_file():
        bloom = BloomFilter.from_bytes((root / BLOOM_FILE).read_bytes())
    if not hashes and bloom is None:
        raise IntelError(f"{root}: neither {LIST_FILE} nor {BLOOM_FILE} is present")
    return PrivateSearchSet(meta=meta, hashes=hashes, bloom=bloom)

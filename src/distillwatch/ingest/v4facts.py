"""The enricher's IPv4 facts as arrays, and a batch's ENRICH_FIELDS columns taken from them.

Each cached address is a row of three arrays (its ASN record, its country record, its
hosting/VPN/Tor flags) and of a string table (its /24 prefix); the records (AS number and
organisation, country code) are tables of the distinct values met in the run. A batch's
columns are numpy gathers of those arrays and one Arrow ``take`` per string column, the
string tables viewed as Arrow arrays over their own memory: the cache grows in place
(capacity doubling), never copied per batch, and no Python value is made per row or per
address.

Imported lazily by ``enrich.py``, like :mod:`distillwatch.ingest.ipv4`.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.ingest.buffers import string_buffers
from distillwatch.schema import ENRICH_FIELDS

__all__ = ["HOSTING", "TOR", "VPN", "V4Facts"]

I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]
U32 = npt.NDArray[np.uint32]
U8 = npt.NDArray[np.uint8]
Bools = npt.NDArray[np.bool_]

HOSTING, VPN, TOR = 1, 2, 4  # bits of a row's flags


class _Strings:
    """A growing table of optional strings, viewed as an Arrow string array without a copy
    (its UTF-8 bytes and int32 offsets double in place)."""

    def __init__(self) -> None:
        self._n = 0
        self._offsets = np.zeros(1025, np.int32)
        self._data = np.zeros(1 << 14, np.uint8)
        self._ok = np.zeros(1024, bool)

    def __len__(self) -> int:
        return self._n

    def extend(self, values: Sequence[str | None]) -> None:
        """Append values (None: null)."""
        self.extend_arrow(pa.array(values, pa.string()))

    def extend_arrow(self, values: pa.Array) -> None:
        """Append the values of a string array."""
        data, offsets = string_buffers(values)
        n, start = len(values), self._n
        used = int(self._offsets[start])
        size = int(offsets[-1] - offsets[0])
        if start + n + 1 > self._offsets.size:
            cap = max(2 * self._offsets.size, start + n + 1)
            self._offsets = np.concatenate([self._offsets, np.zeros(cap - self._offsets.size,
                                                                    np.int32)])
            self._ok = np.concatenate([self._ok, np.zeros(cap - self._ok.size, bool)])
        if used + size > self._data.size:
            grown = np.zeros(max(2 * self._data.size, used + size), np.uint8)
            grown[:used] = self._data[:used]
            self._data = grown
        self._data[used:used + size] = data[offsets[0]:offsets[-1]]
        self._offsets[start + 1:start + n + 1] = offsets[1:] - offsets[0] + used
        self._ok[start:start + n] = np.asarray(values.is_valid())
        self._n = start + n

    def view(self) -> pa.Array:
        """The table as a string array (shares this table's memory: valid until it grows)."""
        n = self._n
        buf, nulls = _bitmap(self._ok[:n])
        return pa.Array.from_buffers(
            pa.string(), n,
            [buf, pa.py_buffer(self._offsets[: n + 1]), pa.py_buffer(self._data)],
            null_count=nulls,
        )


def _index(index: dict[Hashable, int], values: Sequence[Any]) -> tuple[I32, list[Any]]:
    """The table index of each of ``values`` in ``index`` (a value not there yet gets the next
    index, in order of first appearance) and the values added, in that order."""
    out = np.empty(len(values), np.int32)
    added: list[Any] = []
    for i, v in enumerate(values):
        j = index.get(v)
        if j is None:
            j = index[v] = len(index)
            added.append(v)
        out[i] = j
    return out, added


def _bitmap(mask: Bools) -> tuple[pa.Buffer | None, int]:
    """(Arrow validity bitmap, null count) of a mask of valid slots."""
    nulls = int(mask.size - np.count_nonzero(mask))
    if not nulls:
        return None, 0
    return pa.py_buffer(np.packbits(mask, bitorder="little")), nulls


class V4Facts:
    """Rows of IPv4 facts (one per cached address) over tables of distinct records."""

    def __init__(self, hosting_asns: npt.NDArray[np.int64]) -> None:
        self._hosting_asns = hosting_asns
        # record tables: value -> index, and the arrays the kernel reads (rebuilt on growth)
        self._asn_index: dict[Hashable, int] = {}
        self._asn_val: I64 = np.zeros(0, np.int64)
        self._asn_known: Bools = np.zeros(0, bool)
        self._asn_hosting: Bools = np.zeros(0, bool)
        self._org = _Strings()
        self._cc_index: dict[Hashable, int] = {}
        self._cc = _Strings()
        self.clear()

    def clear(self) -> None:
        """Drop every row (the record tables stay: they are bounded by the databases)."""
        self._n = 0
        self._version: npt.NDArray[np.int8] = np.zeros(1024, np.int8)  # 0: a row of nulls
        self._asn_rec: I32 = np.zeros(1024, np.int32)
        self._cc_rec: I32 = np.zeros(1024, np.int32)
        self._flags: U8 = np.zeros(1024, np.uint8)
        self._prefix = _Strings()

    def __len__(self) -> int:
        return self._n

    def asn_records(self, values: Sequence[tuple[int | None, str | None]]) -> I32:
        """The table index of each (AS number, organisation) value (new ones added)."""
        out, added = _index(self._asn_index, values)
        if added:
            known = np.array([a is not None for a, _org in added], dtype=bool)
            asn = np.array([a or 0 for a, _org in added], dtype=np.int64)
            self._asn_known = np.concatenate([self._asn_known, known])
            self._asn_val = np.concatenate([self._asn_val, asn])
            self._asn_hosting = np.concatenate(
                [self._asn_hosting, known & np.isin(asn, self._hosting_asns)])
            self._org.extend([org for _a, org in added])
        return out

    def country_records(self, values: Sequence[str | None]) -> I32:
        """The table index of each country value (new ones added)."""
        out, added = _index(self._cc_index, values)
        if added:
            self._cc.extend(added)
        return out

    def hosting_asn(self, asn_rec: I32) -> Bools:
        """Whether each ASN record's AS is a hosting one."""
        return self._asn_hosting[asn_rec]

    def append(self, ips: U32, asn_rec: I32, cc_rec: I32, flags: U8) -> None:
        """Add the rows of IPv4 addresses ``ips`` (indices continue from ``len(self)``)."""
        # the /24 as Arrow writes it from the three leading octets ("a.b.c.0/24")
        octets = [pa.array((ips >> shift) & 255).cast(pa.string()) for shift in (24, 16, 8)]
        self._prefix.extend_arrow(pc.binary_join_element_wise(*octets, "0/24", "."))
        self._add(np.full(ips.size, 4, np.int8), asn_rec, cc_rec, flags)

    def append_facts(self, facts: Sequence[tuple[Any, ...]]) -> None:
        """Add rows of facts resolved elsewhere (``enrich.IPFacts``: IPv6, ported or mapped
        forms, invalid values), field for field."""
        self._prefix.extend([f[1] for f in facts])
        flags = [HOSTING * bool(f[5]) | VPN * bool(f[6]) | TOR * bool(f[7]) for f in facts]
        self._add(
            np.array([f[0] or 0 for f in facts], np.int8),
            self.asn_records([(f[2], f[3]) for f in facts]),
            self.country_records([f[4] for f in facts]),
            np.array(flags, np.uint8),
        )

    def _add(self, version: npt.NDArray[np.int8], asn_rec: I32, cc_rec: I32, flags: U8) -> None:
        end = self._n + version.size
        if end > self._flags.size:
            size = max(2 * self._flags.size, end)
            for name in ("_version", "_asn_rec", "_cc_rec", "_flags"):
                old = getattr(self, name)
                new = np.zeros(size, old.dtype)
                new[: self._n] = old[: self._n]
                setattr(self, name, new)
        self._version[self._n:end] = version
        self._asn_rec[self._n:end] = asn_rec
        self._cc_rec[self._n:end] = cc_rec
        self._flags[self._n:end] = flags
        self._n = end

    def columns(self, rows: I64) -> list[pa.Array]:
        """The ENRICH_FIELDS columns of rows ``rows`` (-1: a row of nulls)."""
        if not (rows >= 0).any():  # (also: nothing stored yet, no row 0 to stand in for nulls)
            return [pa.nulls(rows.size, f.type) for f in ENRICH_FIELDS]
        safe = np.maximum(rows, 0)
        version = self._version[safe]
        version[rows < 0] = 0
        null = version == 0
        valid, nulls = _bitmap(~null)
        n = rows.size

        def fixed(kind: pa.DataType, values: npt.NDArray[Any]) -> pa.Array:
            return pa.Array.from_buffers(kind, n, [valid, pa.py_buffer(values)],
                                         null_count=nulls)

        def rows_of(table: _Strings, at: npt.NDArray[Any]) -> pa.Array:
            return table.view().take(fixed(pa.from_numpy_dtype(at.dtype), at))

        def flag(bit: int) -> pa.Array:
            return fixed(pa.bool_(), np.packbits((flags & bit) != 0, bitorder="little"))

        asn_rec = self._asn_rec[safe]
        flags = self._flags[safe]
        asn_valid, asn_nulls = _bitmap(~null & self._asn_known[asn_rec])
        return [
            fixed(pa.int8(), version),
            rows_of(self._prefix, safe),
            pa.Array.from_buffers(pa.int64(), n, [asn_valid, pa.py_buffer(self._asn_val[asn_rec])],
                                  null_count=asn_nulls),
            rows_of(self._org, asn_rec),
            rows_of(self._cc, self._cc_rec[safe]),
            flag(HOSTING),
            flag(VPN),
            flag(TOR),
        ]

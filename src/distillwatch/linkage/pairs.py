"""Memberships to candidate pairs, in memory, on integer codes (numpy).

The engine hands over one membership table per link type: ``(link_type, key, account_id,
uses, mult)``, one row per account and key (see :mod:`distillwatch.linkage.candidates`).
Everything after that is sorting and counting on integers, which an engine does with window
functions over strings (each a sort): here accounts and keys are numbered once, in the byte
order of their strings (the order ``ORDER BY`` gives on every engine), so that an order on
codes is the order on strings and every tie-break stays what it was.

Steps (each a function of tables, or of the encoded :class:`Members`):

1. :func:`cap_per_account`: each account keeps its most used keys of each link type
   (``uses`` descending, then key), at most ``max_keys_per_account`` of them.
2. :func:`group_weights`: per ``(link type, key)`` group, its size ``n`` and weight
   ``gw = min(1, (full_size / n) ** alpha) x young multiplier x mean mult``; groups with
   ``n < 2`` or ``n > hub_size`` are dropped.
3. :func:`pair_candidates`: inside each group, members in account order, each paired with its
   next ``window`` members; pairs summed per ``(src, dst, link_type)``.

Memory is O(memberships + pair rows): memberships are bounded by accounts x keys per account,
pair rows by ``window`` times the capped memberships, never by events.
"""

from __future__ import annotations

import itertools
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Protocol

import numba
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.linkage.config import INFRA_LINK_TYPES, LinkageConfig

# ``exact_sum`` of the features stage: float64 -> int64 units of 2^-32, summed, back to float.
_FIXED_SCALE = float(2**32)

CANDIDATES_SCHEMA = pa.schema(
    [
        pa.field("src", pa.string()),
        pa.field("dst", pa.string()),
        pa.field("link_type", pa.string()),
        pa.field("shared", pa.int64()),
        pa.field("raw", pa.float64()),
        pa.field("key", pa.string()),
        pa.field("group_size", pa.int64()),
    ]
)
WEIGHTED_SCHEMA = pa.schema(
    [
        pa.field("link_type", pa.string()),
        pa.field("key", pa.string()),
        pa.field("account_id", pa.string()),
        pa.field("n", pa.int64()),
        pa.field("gw", pa.float64()),
    ]
)


def _np(col: pa.Array | pa.ChunkedArray, dtype: type, fill: object) -> np.ndarray:
    return np.asarray(col.fill_null(fill).to_numpy(zero_copy_only=False), dtype=dtype)


def sorted_codes(values: pa.Array | pa.ChunkedArray) -> tuple[pa.Array, np.ndarray]:
    """Distinct values in byte order, and each value's position among them (one hash pass
    over ``values``; the sort is over the distinct values only)."""
    enc, idx = _dictionary_encoded(values)
    dictionary = enc.dictionary
    order = np.asarray(pc.sort_indices(dictionary).to_numpy(), dtype=np.int64)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return dictionary.take(pa.array(order)), rank[idx]


def _dictionary_encoded(values: pa.Array | pa.ChunkedArray) -> tuple[pa.DictionaryArray,
                                                                      np.ndarray]:
    """``values`` dictionary-encoded with one dictionary, and the indices as int64."""
    if isinstance(values, pa.ChunkedArray):
        if values.num_chunks == 1:
            values = values.chunk(0)
        elif values.num_chunks:
            # Arrow encodes the chunks with one memo table and hands every chunk the same
            # dictionary: no copy of the whole column (combine_chunks) when that holds.
            enc = pc.dictionary_encode(values)
            first = enc.chunks[0].dictionary.buffers() if enc.num_chunks else None
            if first is not None and all(
                [b.address if b else 0 for b in c.dictionary.buffers()]
                == [b.address if b else 0 for b in first]
                for c in enc.chunks
            ):
                idx = np.concatenate([np.asarray(c.indices.to_numpy(zero_copy_only=False),
                                                 dtype=np.int64) for c in enc.chunks])
                return enc.chunks[-1], idx
            values = values.combine_chunks()
        else:
            values = pa.array([], values.type)
    enc1 = pc.dictionary_encode(values)
    return enc1, np.asarray(enc1.indices.to_numpy(zero_copy_only=False), dtype=np.int64)


class KeyStrings(Protocol):
    """Distinct keys of one link type in byte order: ``take(codes)`` gives their strings."""

    def take(self, indices: pa.Array) -> pa.Array: ...

    def __len__(self) -> int: ...


@dataclass(frozen=True)
class JoinedKeys:
    """Keys ``<prefix>@<number>`` kept as (prefix code, number) pairs, strings made on demand.

    Numbered by (prefix, number): that is the byte order of the strings when every prefix has
    the same length and every number the same count of digits (see :func:`joined_part`).
    """

    prefixes: pa.Array  # distinct prefixes in byte order
    prefix: np.ndarray  # per key: its prefix's position in ``prefixes``
    number: np.ndarray  # per key

    def take(self, indices: pa.Array) -> pa.Array:
        i = np.asarray(indices.to_numpy(zero_copy_only=False), dtype=np.int64)
        head = self.prefixes.take(pa.array(self.prefix[i])).cast(pa.string())
        tail = pa.array(self.number[i], pa.int64()).cast(pa.string())
        return pc.binary_join_element_wise(head, tail, "@")

    def __len__(self) -> int:
        return len(self.prefix)


@dataclass(frozen=True)
class CodedPart:
    """One link type's memberships with its keys already numbered in byte order."""

    link_type: str
    account_id: pa.Array | pa.ChunkedArray
    keys: KeyStrings
    key: np.ndarray
    uses: np.ndarray
    mult: np.ndarray
    # ``account_id`` numbered already (distinct ids in byte order, codes), if the caller has it
    account_codes: tuple[pa.Array, np.ndarray] | None = None

    @property
    def num_rows(self) -> int:
        return len(self.key)


def coded(part: pa.Table) -> CodedPart:
    """A membership table ``(link_type, key, account_id, uses, mult)`` of one link type."""
    names = pc.unique(part["link_type"]).to_pylist()
    if len(names) != 1:
        raise ValueError(f"a membership part holds one link type, not {names}")
    uniq, k = sorted_codes(part["key"].cast(pa.string()))
    return CodedPart(
        str(names[0]),
        part["account_id"].cast(pa.string()),
        uniq,
        k,
        _np(part["uses"], np.int64, 0),
        _np(part["mult"], np.float64, np.nan),
    )


def numbers_sort_like_strings(prefixes: pa.Array, number: np.ndarray) -> bool:
    """Whether ``<prefix>@<number>`` strings sort like (prefix, number) pairs: every prefix
    one length and every number (>= 0) one count of digits."""
    if not len(prefixes) or not len(number):
        return False
    lens = pc.binary_length(prefixes)
    lo, hi = int(number.min()), int(number.max())
    return bool(
        pc.min(lens).as_py() == pc.max(lens).as_py() and lo >= 0 and len(str(lo)) == len(str(hi))
    )


def joined_part(
    link_type: str,
    account_id: pa.Array | pa.ChunkedArray,
    prefixes: pa.Array,
    prefix: np.ndarray,
    number: np.ndarray,
    uses: np.ndarray,
) -> CodedPart:
    """A part whose key is ``<prefix>@<number>`` (synchrony: template key @ time bucket).

    ``prefixes`` are distinct strings in byte order and ``prefix`` positions in them. When all
    prefixes have one length and all numbers one count of digits (>= 0), (prefix, number)
    order is the strings' byte order and no key string is built for the grouping; otherwise
    the strings are built and numbered as for any part.
    """
    n = len(prefix)
    ones = np.ones(n)
    if n == 0:
        return CodedPart(link_type, account_id, JoinedKeys(prefixes, prefix, number), prefix,
                         np.asarray(uses, dtype=np.int64), ones)
    if numbers_sort_like_strings(prefixes, number):
        lo, hi = int(number.min()), int(number.max())
        span = hi - lo + 1
        uniq, code = np.unique(prefix * span + (number - lo), return_inverse=True)
        keys: KeyStrings = JoinedKeys(prefixes, uniq // span, uniq % span + lo)
        return CodedPart(link_type, account_id, keys, code.astype(np.int64),
                         np.asarray(uses, dtype=np.int64), ones)
    strings = JoinedKeys(prefixes, prefix, number).take(pa.array(np.arange(n)))
    uniq_s, code = sorted_codes(strings)
    return CodedPart(link_type, account_id, uniq_s, code, np.asarray(uses, dtype=np.int64), ones)


@dataclass(frozen=True)
class Members:
    """Membership rows with integer codes.

    ``acct`` indexes ``accounts`` and ``key`` indexes ``keys[lt]``; both are numbered in byte
    order of the strings, so comparing codes compares the strings.
    """

    accounts: pa.Array
    link_types: tuple[str, ...]
    keys: tuple[KeyStrings, ...]
    lt: np.ndarray
    key: np.ndarray
    acct: np.ndarray
    uses: np.ndarray
    mult: np.ndarray

    def take(self, idx: np.ndarray | slice) -> Members:
        return Members(
            self.accounts,
            self.link_types,
            self.keys,
            self.lt[idx],
            self.key[idx],
            self.acct[idx],
            self.uses[idx],
            self.mult[idx],
        )

    def to_arrow(self) -> pa.Table:
        """Back to ``(link_type, key, account_id, uses, mult)`` strings (for tests, debugging)."""
        key = _keys_of(self, self.lt, self.key)
        return pa.table(
            {
                "link_type": pa.array(np.asarray(self.link_types, dtype=object)[self.lt]
                                      if len(self.lt) else [], pa.string()),
                "key": key,
                "account_id": self.accounts.take(pa.array(self.acct)),
                "uses": pa.array(self.uses, pa.int64()),
                "mult": pa.array(self.mult, pa.float64()),
            }
        )


def _keys_of(m: Members | PairRows, lt: np.ndarray, key: np.ndarray) -> pa.Array:
    """The key strings of rows ``(lt, key)`` (in row order; ``key`` indexes ``m.keys[lt]``)."""
    if not len(lt):
        return pa.array([], pa.string())
    if not (lt[1:] < lt[:-1]).any():
        # rows grouped by link type already (pairs' output): one take per run, in order
        bounds = [*np.flatnonzero(run_starts(lt)).tolist(), len(lt)]
        return pa.concat_arrays([
            m.keys[int(lt[a])].take(pa.array(key[a:b])).cast(pa.string())
            for a, b in itertools.pairwise(bounds)
        ])
    parts: list[pa.Array] = []
    pos: list[np.ndarray] = []
    for t in np.unique(lt):
        sel = np.flatnonzero(lt == t)
        parts.append(m.keys[int(t)].take(pa.array(key[sel])))
        pos.append(sel)
    flat = pa.concat_arrays([p.cast(pa.string()) for p in parts])
    order = np.argsort(np.concatenate(pos), kind="stable")
    return flat.take(pa.array(order))


def encode(parts: list[pa.Table | CodedPart]) -> Members:
    """Number the accounts and keys of membership parts (each of one link type)."""
    return _encode(parts, cap=None)


def encode_capped(parts: list[pa.Table | CodedPart], cap: int, *,
                  pool: Executor | None = None) -> Members:
    """``cap_per_account(encode(parts), cap)``, the same rows in the same order, for less:
    a (link type, account) group lies in one part, so each part is capped on its own and
    only the kept rows (~2.3M of ~12.1M on a 10M-event store) are put together, instead of
    concatenating every row and gathering the kept ones again. With ``pool`` the parts are
    numbered and capped on two threads, this one and one of the pool's (the compiled cap and
    numpy's gathers release the GIL)."""
    return _encode(parts, cap=cap, pool=pool)


def _capped_local(p: CodedPart, cap: int) -> tuple[pa.Array, np.ndarray, np.ndarray,
                                                     np.ndarray, np.ndarray]:
    """One part's distinct account ids (byte order) and its kept rows: local account code,
    key, uses, mult. The cap groups rows by account only, so local codes keep the rows the
    global ones would."""
    uniq_acct, a = p.account_codes or sorted_codes(p.account_id)
    a = np.asarray(a, dtype=np.int64)
    k, u, mu = (np.asarray(p.key, dtype=np.int64), np.asarray(p.uses, dtype=np.int64),
                np.asarray(p.mult, dtype=np.float64))
    keep = _keep_mask(np.zeros(len(a), dtype=np.int64), a, u, k, cap)
    if not keep.all():
        idx = np.flatnonzero(keep)
        a, k, u, mu = a[idx], k[idx], u[idx], mu[idx]
    return uniq_acct, a, k, u, mu


def _cap_parts(cparts: list[CodedPart], cap: int, pool: Executor | None) -> list[
        tuple[pa.Array, np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """:func:`_capped_local` of each part, in order. With ``pool`` the parts are dealt
    biggest first to whichever of two threads (this one and one of the pool's) has fewer
    rows so far, and the pool's share runs as one job beside this thread's."""
    if pool is None:
        return [_capped_local(p, cap) for p in cparts]
    load = [0, 0]
    share: list[list[int]] = [[], []]
    for i in sorted(range(len(cparts)), key=lambda i: -cparts[i].num_rows):
        b = int(load[1] < load[0])
        share[b].append(i)
        load[b] += cparts[i].num_rows
    other = pool.submit(lambda: [_capped_local(cparts[i], cap) for i in share[1]])
    out = dict(zip(share[0], [_capped_local(cparts[i], cap) for i in share[0]], strict=True))
    out.update(zip(share[1], other.result(), strict=True))
    return [out[i] for i in range(len(cparts))]


def _encode(parts: list[pa.Table | CodedPart], *, cap: int | None,
            pool: Executor | None = None) -> Members:
    cparts = [p if isinstance(p, CodedPart) else coded(p) for p in parts if p.num_rows]
    if not cparts:
        empty_i = np.zeros(0, dtype=np.int64)
        return Members(pa.array([], pa.string()), (), (), empty_i, empty_i, empty_i,
                       empty_i, np.zeros(0))
    link_types: list[str] = []
    for p in cparts:
        if p.link_type in link_types:
            raise ValueError(f"two membership parts for link type {p.link_type!r}")
        link_types.append(p.link_type)
    if cap is not None:
        capped = _cap_parts(cparts, cap, pool)
        # the parts' few distinct ids numbered together
        accounts, _ = sorted_codes(pa.chunked_array([c[0] for c in capped], pa.string()))
        sizes = [len(c[1]) for c in capped]
        acct = np.concatenate([
            _np(pc.index_in(uniq_acct, value_set=accounts), np.int64, -1)[a]
            for uniq_acct, a, _, _, _ in capped])
        key = np.concatenate([c[2] for c in capped])
        uses = np.concatenate([c[3] for c in capped])
        mult = np.concatenate([c[4] for c in capped])
    else:
        # Accounts: numbered per part (one hash pass each), then the parts' few distinct
        # ids are numbered together.
        local = [p.account_codes or sorted_codes(p.account_id) for p in cparts]
        accounts, _ = sorted_codes(pa.chunked_array([u for u, _ in local], pa.string()))
        sizes = [p.num_rows for p in cparts]
        ends = np.cumsum(sizes)
        # filled in place part by part (not per-part arrays and then a concatenation: these
        # are ~12M rows on large stores, and each copy of them costs)
        acct = np.empty(int(ends[-1]), dtype=np.int64)
        for p, (uniq_acct, local_acct), end in zip(cparts, local, ends, strict=True):
            to_global = _np(pc.index_in(uniq_acct, value_set=accounts), np.int64, -1)
            np.take(to_global, local_acct, out=acct[int(end) - p.num_rows : int(end)])
        key = np.concatenate([p.key for p in cparts])
        uses = np.concatenate([p.uses for p in cparts])
        mult = np.concatenate([p.mult for p in cparts])
    return Members(
        accounts,
        tuple(link_types),
        tuple(p.keys for p in cparts),
        np.repeat(np.arange(len(cparts), dtype=np.int64), sizes),
        key,
        acct,
        uses,
        mult,
    )


def run_starts(*cols: np.ndarray) -> np.ndarray:
    """Boolean: row i starts a new run of equal ``cols`` (rows already sorted by them)."""
    n = len(cols[0])
    start = np.ones(n, dtype=bool)
    if n > 1:
        same = np.ones(n - 1, dtype=bool)
        for c in cols:
            same &= c[1:] == c[:-1]
        start[1:] = ~same
    return start


def argsort_keys(*cols: np.ndarray) -> np.ndarray:
    """Order of rows by ``cols`` (first col first), as one int64 sort when the columns fit
    in 62 bits together, else ``np.lexsort``. Rows equal in all ``cols`` may come in any
    order (callers sort on columns that identify a row)."""
    if len(cols[0]) == 0:
        return np.zeros(0, dtype=np.int64)
    packed = _pack(*cols)
    if packed is None:
        return np.lexsort(tuple(reversed(cols)))
    return np.argsort(packed[0])


def _pack(*cols: np.ndarray) -> tuple[np.ndarray, int] | None:
    """``cols`` (non-empty, first col most significant) as one int64 per row whose order is
    the rows' order by ``cols``, and the divisor that gives back the first column (minus its
    minimum); None when they need 62 bits or more."""
    combined = np.zeros(len(cols[0]), dtype=np.int64)
    room = 1
    for c in cols:
        lo = int(c.min())
        span = int(c.max()) - lo + 1
        room *= span
        if room >= 2**62:
            return None
        combined = combined * span + (c - lo)
    return combined, room // (int(cols[0].max()) - int(cols[0].min()) + 1)


def cap_per_account(m: Members, cap: int) -> Members:
    """Each account's ``cap`` most used keys of each link type (``uses`` descending, then key;
    repeated rows in row order)."""
    if not len(m.lt):
        return m
    keep = _keep_mask(m.lt, m.acct, m.uses, m.key, cap)
    if keep.all():
        return m
    return m.take(np.flatnonzero(keep))


def _keep_mask(lt: np.ndarray, acct: np.ndarray, uses: np.ndarray, key: np.ndarray,
               cap: int) -> np.ndarray:
    """The rows :func:`cap_per_account` keeps (``lt``, ``acct``, ``uses``, ``key``: the
    columns of :class:`Members`, at least one row)."""
    n_acct = int(acct.max()) + 1
    n_groups = (int(lt.max()) + 1) * n_acct
    k_lo = int(key.min())
    span = int(key.max()) - k_lo + 1
    if int(uses.max()) - int(uses.min()) + 1 >= 2**62 // span:
        # (not on real counts) uses by rank among the distinct uses: same order, small range
        uses = np.unique(uses, return_inverse=True)[1].astype(np.int64)
    # One compiled pass instead of sorting all (~12M) rows by (group, -uses, key): each
    # group over the cap finds its cap-th smallest (-uses, key) by selection.
    return np.asarray(_cap_keep(lt, acct, uses, key, int(uses.max()), k_lo, span, n_acct,
                                n_groups, cap))


@numba.njit(cache=True, nogil=True)
def _cap_keep(lt: np.ndarray, acct: np.ndarray, uses: np.ndarray, key: np.ndarray,
              u_hi: int, k_lo: int, span: int, n_acct: int, n_groups: int,
              cap: int) -> np.ndarray:
    """Rows to keep: per (link type, account) group the ``cap`` smallest
    ``(u_hi - uses) * span + (key - k_lo)`` (uses descending, then key; ties in row order)."""
    n = len(lt)
    count = np.zeros(n_groups, dtype=np.int64)
    for i in range(n):
        count[lt[i] * n_acct + acct[i]] += 1
    # the values of the groups over the cap, bucketed by group
    start = np.full(n_groups, -1, dtype=np.int64)
    total = 0
    for g in range(n_groups):
        if count[g] > cap:
            start[g] = total
            total += count[g]
    keep = np.ones(n, dtype=np.bool_)
    if total == 0:
        return keep
    values = np.empty(total, dtype=np.int64)
    fill = start.copy()
    for i in range(n):
        g = lt[i] * n_acct + acct[i]
        if fill[g] >= 0:
            values[fill[g]] = (u_hi - uses[i]) * span + (key[i] - k_lo)
            fill[g] += 1
    limit = np.zeros(n_groups, dtype=np.int64)
    room = np.zeros(n_groups, dtype=np.int64)  # rows equal to the limit still to keep
    for g in range(n_groups):
        if start[g] >= 0:
            v = values[start[g] : start[g] + count[g]]
            limit[g] = np.partition(v, cap - 1)[cap - 1]
            room[g] = cap - np.count_nonzero(v < limit[g])
    for i in range(n):
        g = lt[i] * n_acct + acct[i]
        if start[g] < 0:
            continue
        v_i = (u_hi - uses[i]) * span + (key[i] - k_lo)
        if v_i == limit[g] and room[g] > 0:
            room[g] -= 1
        elif v_i >= limit[g]:
            keep[i] = False
    return keep


@dataclass(frozen=True)
class Weighted:
    """Members of the groups that make edges, sorted by (link type, key, account)."""

    m: Members
    n: np.ndarray  # size of the member's group
    gw: np.ndarray  # weight of the member's group


def weigh(m: Members, young: np.ndarray | None, *, config: LinkageConfig) -> Weighted:
    """Group sizes and weights (rarity x young multiplier x mean mult); see :func:`group_weights`.

    ``young`` is per account code (NaN: unknown) or None.
    """
    order = argsort_keys(m.lt, m.key, m.acct)
    m = m.take(order)
    start = run_starts(m.lt, m.key)
    gid = np.cumsum(start) - 1
    n_groups = int(gid[-1]) + 1 if len(gid) else 0
    n = np.bincount(gid, minlength=n_groups)
    y = young[m.acct] if young is not None else np.full(len(m.acct), np.nan)
    known = ~np.isnan(y)
    y_sum = np.bincount(gid, weights=np.where(known, y, 0.0), minlength=n_groups)
    y_cnt = np.bincount(gid, weights=known.astype(np.float64), minlength=n_groups)
    g_mult = np.bincount(gid, weights=m.mult, minlength=n_groups) / np.maximum(n, 1)
    g_lt = m.lt[start]
    full = np.full(n_groups, 2.0)
    alpha = np.ones(n_groups)
    infra = np.zeros(n_groups, dtype=bool)
    for i, name in enumerate(m.link_types):
        sel = g_lt == i
        lc = config.links.get(name)
        if lc is not None:
            full[sel] = float(lc.full_size)
            alpha[sel] = lc.alpha
        infra[sel] = name in INFRA_LINK_TYPES
    with np.errstate(divide="ignore", invalid="ignore"):
        rarity = np.minimum(1.0, np.power(full / n.astype(np.float64), alpha))
        share = np.where(y_cnt > 0, y_sum / np.maximum(y_cnt, 1.0), np.nan)
    ymult = np.where(infra & (y_cnt > 0), 0.5 + share, 1.0)
    gw = rarity * ymult * g_mult
    ok = (n >= 2) & (n <= config.hub_size)
    rows = ok[gid]
    return Weighted(m.take(np.flatnonzero(rows)), n[gid][rows], gw[gid][rows])


@dataclass(frozen=True)
class CodedCandidates:
    """Candidate rows (``CANDIDATES_SCHEMA``) and the account codes they were made from:
    ``src``/``dst`` of row ``i`` are ``accounts[src[i]]``/``accounts[dst[i]]`` (distinct ids
    in byte order), so later steps need not hash the id strings again."""

    table: pa.Table
    accounts: pa.Array
    src: np.ndarray
    dst: np.ndarray
    # ``link_type`` of row ``i`` is ``link_types[lt[i]]`` (None: not known)
    link_types: tuple[str, ...] = ()
    lt: np.ndarray | None = None


@dataclass(frozen=True)
class PairRows:
    """The pairs step's output rows (``CANDIDATES_SCHEMA``) as codes, sorted by (link type,
    src, dst): ``src``/``dst`` index ``accounts``, ``lt`` indexes ``link_types`` and ``key``
    (each row's smallest shared key) indexes ``keys[lt]``. :func:`pair_table` writes the
    strings."""

    accounts: pa.Array
    link_types: tuple[str, ...]
    keys: tuple[KeyStrings, ...]
    src: np.ndarray
    dst: np.ndarray
    lt: np.ndarray
    shared: np.ndarray  # int64
    raw: np.ndarray  # float64
    key: np.ndarray
    group_size: np.ndarray  # int64

    @property
    def num_rows(self) -> int:
        return len(self.src)


def pairs(w: Weighted, *, window: int) -> pa.Table:
    """Windowed pairs per group, summed per (src, dst, link type): ``CANDIDATES_SCHEMA``."""
    return coded_pairs(w, window=window).table


def candidates_coded(
    parts: list[pa.Table | CodedPart], young: pa.Table | None, *, config: LinkageConfig
) -> CodedCandidates:
    """Cap, group weights and windowed pairs of membership ``parts`` (the rows of
    :func:`~distillwatch.linkage.candidates.candidates_from_parts`), with their codes."""
    return _with_table(candidate_rows(parts, young, config=config))


def candidate_rows(
    parts: list[pa.Table | CodedPart], young: pa.Table | None, *, config: LinkageConfig,
    pool: Executor | None = None, consume: bool = False,
) -> PairRows:
    """:func:`candidates_coded`'s rows as codes (no strings yet: :func:`pair_table`).

    ``consume``: the caller hands ``parts`` over; the list is emptied once they are encoded,
    so that what the encoding does not keep is freed before the pairs are made (detect's
    peak memory at 54M events).

    With ``pool`` (a thread pool; the caller's thread works too) the parts are capped on
    its threads and the link types are cut in two runs of about equal member rows, each
    weighed and paired on its own thread: groups and pairs never span link types, and the
    output is sorted by link type first, so the two runs put together are the rows of one
    pass, in the same order."""
    enc = encode_capped(parts, config.max_keys_per_account, pool=pool)
    if consume:
        parts.clear()
    young_c = young_codes(enc, young)

    def rows_of(m: Members) -> PairRows:
        return pair_rows(weigh(m, young_c, config=config), window=config.window)

    cut = _link_type_cut(enc.lt) if pool is not None else 0
    if not cut:
        return rows_of(enc)
    tail = pool.submit(rows_of, enc.take(slice(cut, None)))  # type: ignore[union-attr]
    halves = [rows_of(enc.take(slice(0, cut)))]
    halves.append(tail.result())
    del tail  # (the future holds its result)
    return _concat_rows(halves)


def _link_type_cut(lt: np.ndarray) -> int:
    """The row (a link type boundary; ``lt`` ascending, as :func:`encode` numbers the parts)
    nearest half of the rows; 0 when there is no boundary inside."""
    if len(lt) < 2:
        return 0
    bounds = np.flatnonzero(run_starts(lt))[1:]
    if not len(bounds):
        return 0
    return int(bounds[np.argmin(np.abs(bounds - len(lt) / 2))])


_ROW_ARRAYS = ("src", "dst", "lt", "shared", "raw", "key", "group_size")


def _concat_rows(halves: list[PairRows]) -> PairRows:
    """The rows of ``halves`` in order, one array at a time, each half's array dropped once
    copied (the list is emptied): at 54M events the rows are ~1 GB at detect's peak
    memory, and copying them whole held both copies at once."""
    accounts, link_types, keys = halves[0].accounts, halves[0].link_types, halves[0].keys
    cols = {f: [getattr(h, f) for h in halves] for f in _ROW_ARRAYS}
    halves.clear()
    out = {}
    for f in _ROW_ARRAYS:
        out[f] = np.concatenate(cols.pop(f))
    return PairRows(accounts, link_types, keys, **out)


def coded_pairs(w: Weighted, *, window: int) -> CodedCandidates:
    """:func:`pairs` with the account codes of its rows."""
    return _with_table(pair_rows(w, window=window))


def _with_table(r: PairRows) -> CodedCandidates:
    if not r.num_rows:
        return CodedCandidates(CANDIDATES_SCHEMA.empty_table(), r.accounts, r.src, r.dst)
    return CodedCandidates(pair_table(r), r.accounts, r.src, r.dst, r.link_types, r.lt)


def pair_table(r: PairRows, rows: np.ndarray | None = None) -> pa.Table:
    """The candidate rows with their strings: ``CANDIDATES_SCHEMA``; with ``rows`` (row
    numbers), only those rows, in that order (the same as taking them from the whole table,
    without writing the strings of every other row)."""
    if rows is None:
        src, dst, lt, key = r.src, r.dst, r.lt, r.key
        shared, raw, group_size = r.shared, r.raw, r.group_size
    else:
        src, dst, lt, key = r.src[rows], r.dst[rows], r.lt[rows], r.key[rows]
        shared, raw, group_size = r.shared[rows], r.raw[rows], r.group_size[rows]
    if not len(src):
        return CANDIDATES_SCHEMA.empty_table()
    return pa.table(
        {
            "src": r.accounts.take(pa.array(src)),
            "dst": r.accounts.take(pa.array(dst)),
            "link_type": pa.array(r.link_types, pa.string()).take(pa.array(lt)),
            "shared": pa.array(shared),
            "raw": pa.array(raw, pa.float64()),
            "key": _keys_of(r, lt, key),
            "group_size": pa.array(group_size),
        },
        schema=CANDIDATES_SCHEMA,
    )


def pair_rows(w: Weighted, *, window: int) -> PairRows:
    """:func:`coded_pairs`' rows as codes."""
    m = w.m
    n_acc = max(len(m.accounts), 1)
    none = np.zeros(0, dtype=np.int64)
    if len(m.lt) < 2:
        return PairRows(m.accounts, m.link_types, m.keys, none, none, none, none,
                        np.zeros(0), none, none)
    # Members are sorted by (link type, key, account): group numbers follow key order within
    # a link type, so the smallest group number of a pair names its smallest key.
    gid = np.cumsum(run_starts(m.lt, m.key)) - 1
    first_of = np.flatnonzero(run_starts(gid))
    g_lt, g_key, g_n = m.lt[first_of], m.key[first_of], w.n[first_of]
    g_fixed = np.floor(w.gw[first_of] * _FIXED_SCALE + 0.5)  # exact_sum's round(), half up
    n_g = len(g_n)
    # One integer per (link type, src, dst) and pair row; sorted, runs are the output rows.
    # (pair, group) packed in one int64 and sorted as values when they fit (np.sort is
    # several times faster than np.argsort plus two gathers), else sorted on the pair.
    packed_fits = (len(m.link_types) * n_acc * n_acc) * n_g < _PACK_LIMIT
    hi, lo = _windowed(gid, m.acct, g_lt, n_acc, n_g if packed_fits else 0, window)
    if not len(hi):
        return PairRows(m.accounts, m.link_types, m.keys, none, none, none, none,
                        np.zeros(0), none, none)
    if packed_fits:
        hi = np.sort(hi)
    else:
        order = np.argsort(hi)
        hi, lo = hi[order], lo[order]
    # per output row: its pair, pair rows (shared), summed fixed weights, smallest group
    pair_id, shared, raw_fixed, min_g, min_n = _pair_runs(hi, lo, n_g if packed_fits else 0,
                                                          g_fixed, g_n)
    return PairRows(
        m.accounts, m.link_types, m.keys,
        src=(pair_id // n_acc) % n_acc,
        dst=pair_id % n_acc,
        lt=g_lt[min_g],
        shared=shared.astype(np.int64),
        raw=raw_fixed / _FIXED_SCALE,
        key=g_key[min_g],
        group_size=min_n.astype(np.int64),
    )


# (pair, group) rows are packed into one int64 below this bound (a constant so tests can
# take the unpacked path)
_PACK_LIMIT = 2**63


@numba.njit(cache=True, nogil=True)
def _windowed(gid: np.ndarray, acct: np.ndarray, g_lt: np.ndarray, n_acc: int, n_g: int,
              window: int) -> tuple[np.ndarray, np.ndarray]:
    """Every member (rows sorted by group ``gid``, then account) paired with its next
    ``window`` members of the same group: per pair row ``(link type * n_acc + src) * n_acc +
    dst`` and its group, packed as ``pair * n_g + group`` in ``hi`` when ``n_g > 0`` (``lo``
    empty), else the pair in ``hi`` and the group in ``lo``."""
    n = len(gid)
    total = 0
    for i in range(n):
        j = i + 1
        while j < n and j - i <= window and gid[j] == gid[i]:
            j += 1
        total += j - i - 1
    hi = np.empty(total, dtype=np.int64)
    lo = np.empty(0 if n_g > 0 else total, dtype=np.int64)
    k = 0
    for i in range(n):
        g = gid[i]
        base = (g_lt[g] * n_acc + acct[i]) * n_acc
        j = i + 1
        while j < n and j - i <= window and gid[j] == g:
            if n_g > 0:
                hi[k] = (base + acct[j]) * n_g + g
            else:
                hi[k] = base + acct[j]
                lo[k] = g
            k += 1
            j += 1
    return hi, lo


@numba.njit(cache=True, nogil=True)
def _pair_runs(hi: np.ndarray, lo: np.ndarray, n_g: int, g_fixed: np.ndarray,
               g_n: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray,
                                         np.ndarray]:
    """The runs of equal pairs of :func:`_windowed`'s rows (sorted by pair): per run its pair,
    rows, sum of ``g_fixed`` over its groups (integers below 2^53: exact in any order), its
    smallest group and smallest ``g_n``. Packed rows (``n_g > 0``) are divided only at run
    starts: a row is in the run of pair ``p`` while it is below ``(p + 1) * n_g``."""
    n = len(hi)
    runs = 0
    bound = np.int64(0)
    for i in range(n):
        if i == 0 or (hi[i] >= bound if n_g > 0 else hi[i] != hi[i - 1]):
            runs += 1
            if n_g > 0:
                bound = (hi[i] // n_g + 1) * n_g
    pair = np.empty(runs, dtype=np.int64)
    shared = np.zeros(runs, dtype=np.int64)
    raw = np.zeros(runs, dtype=np.float64)
    min_g = np.empty(runs, dtype=np.int64)
    min_n = np.empty(runs, dtype=g_n.dtype)
    r = -1
    base = np.int64(0)
    for i in range(n):
        if n_g > 0:
            new = i == 0 or hi[i] >= base + n_g
            if new:
                p = hi[i] // n_g
                base = p * n_g
            g = hi[i] - base
        else:
            new = i == 0 or hi[i] != hi[i - 1]
            p = hi[i]
            g = lo[i]
        if new:
            r += 1
            pair[r] = p
            min_g[r] = g
            min_n[r] = g_n[g]
        shared[r] += 1
        raw[r] += g_fixed[g]
        if g < min_g[r]:
            min_g[r] = g
        if g_n[g] < min_n[r]:
            min_n[r] = g_n[g]
    return pair, shared, raw, min_g, min_n


def young_codes(m: Members, young: pa.Table | None) -> np.ndarray | None:
    """``young`` (``account_id, young``) as an array per account code (NaN: unknown)."""
    if young is None:
        return None
    pos = pc.index_in(m.accounts, value_set=young["account_id"].cast(pa.string()))
    vals = young["young"].cast(pa.float64()).fill_null(np.nan)
    out = np.full(len(m.accounts), np.nan)
    have = np.asarray(pc.is_valid(pos).to_numpy(zero_copy_only=False), dtype=bool)
    if have.any():
        idx = np.asarray(pos.fill_null(0).to_numpy(zero_copy_only=False), dtype=np.int64)
        out[have] = np.asarray(vals.to_numpy(zero_copy_only=False), dtype=np.float64)[idx[have]]
    return out


def group_weights(m: pa.Table, young: pa.Table | None, *, config: LinkageConfig) -> pa.Table:
    """Members of the edge-making groups with their group's size ``n`` and weight ``gw``.

    rarity = min(1, (full_size / n) ** alpha): a key shared by a handful of accounts counts in
    full, one shared by thousands (a campus NAT, a reseller's egress) fades towards nothing.
    Shared infrastructure is scaled by ``0.5 + share of young accounts`` in the group.
    ``m`` holds capped memberships (all link types); the result is ``WEIGHTED_SCHEMA``.
    """
    parts = [m.filter(pc.equal(m["link_type"], lt)) for lt in pc.unique(m["link_type"]).to_pylist()]
    enc = encode(parts)
    w = weigh(enc, young_codes(enc, young), config=config)
    t = w.m.to_arrow()
    return pa.table(
        {
            "link_type": t["link_type"],
            "key": t["key"],
            "account_id": t["account_id"],
            "n": pa.array(w.n.astype(np.int64)),
            "gw": pa.array(w.gw, pa.float64()),
        },
        schema=WEIGHTED_SCHEMA,
    )


def pair_candidates(weighted: pa.Table, *, config: LinkageConfig) -> pa.Table:
    """Windowed pairs of a ``WEIGHTED_SCHEMA`` table (see :func:`pairs`)."""
    parts = [
        weighted.filter(pc.equal(weighted["link_type"], lt))
        for lt in pc.unique(weighted["link_type"]).to_pylist()
    ]
    enc = encode(
        [
            pa.table(
                {
                    "link_type": p["link_type"],
                    "key": p["key"],
                    "account_id": p["account_id"],
                    "uses": pa.nulls(p.num_rows, pa.int64()),
                    "mult": pa.nulls(p.num_rows, pa.float64()),
                }
            )
            for p in parts
        ]
    )
    # Re-attach n and gw in the encoded order.
    n = np.concatenate([np.asarray(p["n"].to_numpy(), dtype=np.int64) for p in parts if p.num_rows]
                       or [np.zeros(0, dtype=np.int64)])
    gw = np.concatenate([np.asarray(p["gw"].to_numpy(), dtype=np.float64)
                         for p in parts if p.num_rows] or [np.zeros(0)])
    order = np.lexsort((enc.acct, enc.key, enc.lt))
    return pairs(Weighted(enc.take(order), n[order], gw[order]), window=config.window)

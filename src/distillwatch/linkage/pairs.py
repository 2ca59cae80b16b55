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

from dataclasses import dataclass

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


def _sorted_codes(values: pa.Array | pa.ChunkedArray) -> tuple[pa.Array, np.ndarray]:
    """Distinct values in byte order, and each value's position among them (one hash pass
    over ``values``; the sort is over the distinct values only)."""
    enc = pc.dictionary_encode(values)
    chunks = enc.chunks if isinstance(enc, pa.ChunkedArray) else [enc]
    chunks = [c for c in chunks if len(c)]
    if not chunks:
        return pa.array([], values.type), np.zeros(0, dtype=np.int64)
    if len(chunks) > 1:
        # Chunks of one column may hold different dictionaries: unify them.
        table = pa.table({"v": pa.chunked_array(chunks)}).unify_dictionaries()
        chunks = table["v"].chunks
    dictionary = chunks[0].dictionary
    order = np.asarray(pc.sort_indices(dictionary).to_numpy(), dtype=np.int64)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    idx = np.concatenate(
        [np.asarray(c.indices.to_numpy(zero_copy_only=False), dtype=np.int64) for c in chunks]
    )
    return dictionary.take(pa.array(order)), rank[idx]


@dataclass(frozen=True)
class Members:
    """Membership rows with integer codes.

    ``acct`` indexes ``accounts`` and ``key`` indexes ``keys[lt]``; both are numbered in byte
    order of the strings, so comparing codes compares the strings.
    """

    accounts: pa.Array
    link_types: tuple[str, ...]
    keys: tuple[pa.Array, ...]
    lt: np.ndarray
    key: np.ndarray
    acct: np.ndarray
    uses: np.ndarray
    mult: np.ndarray

    def take(self, idx: np.ndarray) -> Members:
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


def _keys_of(m: Members, lt: np.ndarray, key: np.ndarray) -> pa.Array:
    """The key strings of rows ``(lt, key)`` (in row order)."""
    if not len(lt):
        return pa.array([], pa.string())
    parts: list[pa.Array] = []
    pos: list[np.ndarray] = []
    for t in np.unique(lt):
        sel = np.flatnonzero(lt == t)
        parts.append(m.keys[int(t)].take(pa.array(key[sel])))
        pos.append(sel)
    flat = pa.concat_arrays([p.cast(pa.string()) for p in parts])
    order = np.argsort(np.concatenate(pos), kind="stable")
    return flat.take(pa.array(order))


def _np(col: pa.Array | pa.ChunkedArray, dtype: type, fill: object) -> np.ndarray:
    return np.asarray(col.fill_null(fill).to_numpy(zero_copy_only=False), dtype=dtype)


def encode(parts: list[pa.Table]) -> Members:
    """Number the accounts and keys of membership tables (each of one link type)."""
    parts = [p for p in parts if p.num_rows]
    if not parts:
        empty_i = np.zeros(0, dtype=np.int64)
        return Members(pa.array([], pa.string()), (), (), empty_i, empty_i, empty_i,
                       empty_i, np.zeros(0))
    # Accounts: numbered per part (one hash pass each), then the parts' few distinct ids
    # are numbered together.
    local = [_sorted_codes(p["account_id"].cast(pa.string())) for p in parts]
    accounts, _ = _sorted_codes(pa.chunked_array([u for u, _ in local], pa.string()))
    link_types: list[str] = []
    keys: list[pa.Array] = []
    lt, key, acct, uses, mult = [], [], [], [], []
    for p, (uniq_acct, local_acct) in zip(parts, local, strict=True):
        names = pc.unique(p["link_type"]).to_pylist()
        if len(names) != 1:
            raise ValueError(f"a membership part holds one link type, not {names}")
        if names[0] in link_types:
            raise ValueError(f"two membership parts for link type {names[0]!r}")
        link_types.append(str(names[0]))
        uniq, k = _sorted_codes(p["key"].cast(pa.string()))
        keys.append(uniq)
        lt.append(np.full(p.num_rows, len(link_types) - 1, dtype=np.int64))
        key.append(k)
        to_global = _np(pc.index_in(uniq_acct, value_set=accounts), np.int64, -1)
        acct.append(to_global[local_acct])
        uses.append(_np(p["uses"], np.int64, 0))
        mult.append(_np(p["mult"], np.float64, np.nan))
    return Members(
        accounts,
        tuple(link_types),
        tuple(keys),
        np.concatenate(lt),
        np.concatenate(key),
        np.concatenate(acct),
        np.concatenate(uses),
        np.concatenate(mult),
    )


def _run_starts(*cols: np.ndarray) -> np.ndarray:
    """Boolean: row i starts a new run of equal ``cols`` (rows already sorted by them)."""
    n = len(cols[0])
    start = np.ones(n, dtype=bool)
    if n > 1:
        same = np.ones(n - 1, dtype=bool)
        for c in cols:
            same &= c[1:] == c[:-1]
        start[1:] = ~same
    return start


def cap_per_account(m: Members, cap: int) -> Members:
    """Each account's ``cap`` most used keys of each link type (``uses`` descending, then key)."""
    if not len(m.lt):
        return m
    order = np.lexsort((m.key, -m.uses, m.acct, m.lt))
    start = _run_starts(m.lt[order], m.acct[order])
    run_id = np.cumsum(start) - 1
    first = np.flatnonzero(start)
    rank = np.arange(len(order)) - first[run_id]  # 0-based rank in (link type, account)
    keep = np.sort(order[rank < cap])
    return m.take(keep)


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
    order = np.lexsort((m.acct, m.key, m.lt))
    m = m.take(order)
    start = _run_starts(m.lt, m.key)
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


def pairs(w: Weighted, *, window: int) -> pa.Table:
    """Windowed pairs per group, summed per (src, dst, link type): ``CANDIDATES_SCHEMA``."""
    m = w.m
    n_acc = max(len(m.accounts), 1)
    fixed = np.floor(w.gw * _FIXED_SCALE + 0.5)  # exact_sum's round(), half away from zero
    src_l, dst_l, lt_l, key_l, n_l, fx_l = [], [], [], [], [], []
    for j in range(1, window + 1):
        if j >= len(m.lt):
            break
        same = (m.lt[j:] == m.lt[:-j]) & (m.key[j:] == m.key[:-j])
        i = np.flatnonzero(same)
        src_l.append(m.acct[i])
        dst_l.append(m.acct[i + j])
        lt_l.append(m.lt[i])
        key_l.append(m.key[i])
        n_l.append(w.n[i])
        fx_l.append(fixed[i])
    if not src_l or not sum(len(s) for s in src_l):
        return CANDIDATES_SCHEMA.empty_table()
    src, dst = np.concatenate(src_l), np.concatenate(dst_l)
    lt, key = np.concatenate(lt_l), np.concatenate(key_l)
    n, fx = np.concatenate(n_l), np.concatenate(fx_l)
    # One integer per (link type, src, dst); sorted, runs are the output rows.
    pair_id = (lt * n_acc + src) * n_acc + dst
    order = np.argsort(pair_id, kind="stable")
    pair_id = pair_id[order]
    start = _run_starts(pair_id)
    first = np.flatnonzero(start)
    shared = np.diff(np.append(first, len(pair_id)))
    raw_fixed = np.add.reduceat(fx[order], first)  # integers < 2^53: exact in float64
    min_key = np.minimum.reduceat(key[order], first)
    min_n = np.minimum.reduceat(n[order], first)
    o_lt, o_src, o_dst = lt[order][first], src[order][first], dst[order][first]
    return pa.table(
        {
            "src": m.accounts.take(pa.array(o_src)),
            "dst": m.accounts.take(pa.array(o_dst)),
            "link_type": pa.array(np.asarray(m.link_types, dtype=object)[o_lt], pa.string()),
            "shared": pa.array(shared.astype(np.int64)),
            "raw": pa.array(raw_fixed / _FIXED_SCALE, pa.float64()),
            "key": _keys_of(m, o_lt, min_key),
            "group_size": pa.array(min_n.astype(np.int64)),
        },
        schema=CANDIDATES_SCHEMA,
    )


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

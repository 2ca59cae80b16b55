"""Near-duplicate prompts: MinHash LSH banding of the stored sketches."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir
import numba
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.linkage.config import LinkageConfig
from distillwatch.linkage.membership import hash64, hashes_on, template_groups
from distillwatch.linkage.pairs import argsort_keys, run_starts, sorted_codes
from distillwatch.store.minhash_column import signature_matrix

NEAR_DUP_COLUMNS = ("link_type", "key", "account_id", "uses", "mult")


def _chosen(
    templates: pa.Table, per_account: int, template_codes: np.ndarray, account_codes: np.ndarray
) -> np.ndarray:
    """Rows of ``templates`` (ascending) holding each account's ``per_account`` most used
    templates (uses descending, then template key). ``template_codes`` and ``account_codes``
    number ``template_key`` and ``account_id`` in byte order
    (:func:`~distillwatch.linkage.pairs.sorted_codes`)."""
    if templates.num_rows == 0:
        return np.zeros(0, dtype=np.int64)
    uses = np.asarray(templates["_uses"].to_numpy(), dtype=np.int64)
    valid = np.asarray(pc.is_valid(templates["template_key"]).to_numpy(), dtype=bool)
    rows = _contenders(np.flatnonzero(valid), uses, account_codes, per_account)
    order = rows[argsort_keys(account_codes[rows], -uses[rows], template_codes[rows])]
    start = run_starts(account_codes[order])
    first = np.flatnonzero(start)
    rank = np.arange(len(order)) - first[np.cumsum(start) - 1]
    return np.sort(order[rank < per_account])


# Most (account, level) cells the pruning of :func:`_contenders` counts in one table.
_MAX_LEVEL_CELLS = 1 << 24


def _contenders(
    rows: np.ndarray, uses: np.ndarray, account_codes: np.ndarray, per_account: int
) -> np.ndarray:
    """The ``rows`` that can be among their account's ``per_account`` most used, so that
    only they are sorted: with ``l`` the largest level such that the account has at least
    ``per_account`` rows of ``uses >= 2**l``, a row of fewer uses comes after all of those.
    Dropping it changes no kept row's rank."""
    if len(rows) == 0:
        return rows
    # floor(log2(uses)), exactly, from the float exponent
    level = np.frexp(np.maximum(uses[rows], 1).astype(np.float64))[1].astype(np.int64) - 1
    acct = account_codes[rows]
    span = int(level.max()) + 1
    n_acct = int(acct.max()) + 1
    if n_acct * span > _MAX_LEVEL_CELLS:
        return rows
    counts = np.bincount(acct * span + level, minlength=n_acct * span).reshape(n_acct, span)
    at_least = np.cumsum(counts[:, ::-1], axis=1)[:, ::-1]  # rows of level >= l
    lowest = np.maximum((at_least >= per_account).sum(axis=1) - 1, 0)
    return rows[level >= lowest[acct]]


def band_keys(sigs: np.ndarray, *, bands: int, rows: int) -> list[pa.Array]:
    """Band ``b`` of each signature as the string ``b<b>:<v>,<v>,...`` (``rows`` values)."""
    out = []
    for b in range(bands):
        cols = [pa.array(sigs[:, b * rows + i]).cast(pa.string()) for i in range(rows)]
        joined = cols[0] if rows == 1 else pc.binary_join_element_wise(*cols, ",")
        out.append(pc.binary_join_element_wise(pa.scalar(f"b{b}"), joined, ":"))
    return out


def near_dup_memberships(
    events: ir.Table,
    *,
    config: LinkageConfig,
    templates: pa.Table | None = None,
    template_codes: np.ndarray | None = None,
    account_codes: np.ndarray | None = None,
) -> list[pa.Table]:
    """MinHash LSH banding on the stored sketches.

    Each account is represented by one stored signature for each of the
    ``templates_per_account`` templates it uses most: the signature of its event with the
    smallest ``event_key`` for that template (so the choice is the same on every engine; none
    when that event has no sketch). A signature is cut into ``bands`` bands of ``rows``
    values; two accounts sharing a band bucket are near-duplicate candidates (probability
    ``1 - (1 - s^rows)^bands`` for Jaccard similarity ``s``).

    Two engine queries: the per-(account, template) aggregate (``templates``: the Arrow result
    of :func:`template_groups`, when the caller has it already), then, after the choice of
    groups is made in memory, the smallest ``event_key`` of each chosen group and its stored
    ``minhash`` (:func:`_chosen_signatures`; 256 bytes per event, the store's heaviest
    column). Banding runs in memory on the numbers
    (:func:`band_memberships`); bucket strings are built once per membership row.
    ``template_codes`` and ``account_codes`` (``template_key`` and ``account_id`` of
    ``templates`` numbered in byte order) save numbering them again.
    ``event_key`` is unique in a store (ingest deduplicates on it).

    Much of the cost is the engine decoding the stored sketches: the chosen events (one in a
    hundred) lie in every row group and page, so the scan decodes the whole ``minhash``
    column whatever the join or filter form (8.1 of 9.8 CPU-s on a 10.6M-event store when it
    was a list of 64 values; as one binary value per row the step took 9.9 CPU-s instead of
    13.7 on the same store, one detect run each on a loaded machine).
    Finding the smallest keys here, for the chosen groups only, adds ~1.8 CPU-s to that and
    saves ~2.7 in :func:`template_groups` and 130 MB of keys in its result (10.6M events, 4M
    groups, 119k chosen; mean of 4 interleaved runs on a loaded machine).
    """
    if not config.enabled("near_dup"):
        return []
    lc = config.lsh
    if templates is None:
        templates = template_groups(events).to_pyarrow()
    if template_codes is None:
        _, template_codes = sorted_codes(templates["template_key"])
    if account_codes is None:
        _, account_codes = sorted_codes(templates["account_id"])
    chosen = _chosen(templates, lc.templates_per_account, template_codes, account_codes)
    width = lc.bands * lc.rows
    if len(chosen) == 0:
        return [_empty()]
    sig, src = _chosen_signatures(events, templates, chosen, width,
                                  template_codes=template_codes, account_codes=account_codes)
    if len(src) == 0:
        return [_empty()]
    return [
        band_memberships(
            sig,
            account_codes[src],
            np.asarray(templates["_uses"].to_numpy(), dtype=np.int64)[src],
            templates["account_id"].take(pa.array(src)),
            bands=lc.bands,
            rows=lc.rows,
        )
    ]


def _chosen_signatures(
    events: ir.Table,
    templates: pa.Table,
    chosen: np.ndarray,
    width: int,
    *,
    template_codes: np.ndarray | None = None,
    account_codes: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The signature (first ``width`` values, from either stored type:
    :func:`~distillwatch.store.minhash_column.signature_matrix`) of the smallest-``event_key``
    event of each chosen (account, template) group of ``templates``, and the ``templates`` row
    of each; a group whose smallest event has no sketch (or a short one) gives none.

    On DuckDB one scan: the events of the chosen groups (a join on 64-bit hashes of account id
    and template key, see :func:`_hashed_groups`) and, per group, the sketch of its smallest
    key (``arg_min_null``: the sketch of that event even when it is null). Elsewhere, or when
    the hashes are not exact, two steps on the strings: the smallest key of each chosen group,
    then the sketches of those keys. ``template_codes`` and ``account_codes`` (as in
    :func:`near_dup_memberships`) save numbering the strings again."""
    hashed = _hashed_groups(events, templates, chosen, template_codes, account_codes)
    if hashed is not None:
        e = events.filter(events.template_key.notnull())
        e = e.select(_ha=hash64(e.account_id), _ht=hash64(e.template_key), _k=e.event_key,
                     _s=e.minhash)
        j = e.join(ibis.memtable(hashed), ["_ha", "_ht"])
        pick = _arg_min_null(events.minhash.type())
        got = j.group_by("_row").agg(_sig=pick(j._s, j._k)).to_pyarrow()
    else:
        pairs = pa.table(
            {
                "account_id": templates["account_id"].take(pa.array(chosen)),
                "template_key": templates["template_key"].take(pa.array(chosen)),
                "_row": pa.array(chosen, pa.int64()),
            }
        )
        e = events.select("account_id", "template_key", "event_key")
        j = e.join(ibis.memtable(pairs), ["account_id", "template_key"])
        first = j.group_by("_row").agg(_k=j.event_key.min())
        sigs = events.filter(events.minhash.notnull()).select(_k=events.event_key,
                                                              _sig=events.minhash)
        got = sigs.join(first, "_k").select("_row", "_sig").to_pyarrow()
    sig, row = signature_matrix(got["_sig"], width)
    return sig, _np_codes(got["_row"])[row]


def _arg_min_null(sketch: dt.DataType) -> Callable[..., ir.Value]:
    """DuckDB's ``arg_min_null(arg, key)`` for ``arg`` of type ``sketch``: ``arg`` of the row
    of the smallest ``key``, null when that row's is (``arg_min`` would skip such rows, and
    Ibis' ``argmin`` compiles to an ordered ``FIRST``, a sort)."""

    def arg_min_null(arg: Any, key: Any) -> Any:
        """The builtin aggregate."""

    return cast(Callable[..., ir.Value],
                ibis.udf.agg.builtin(arg_min_null, signature=((sketch, dt.string), sketch)))


def _hashed_groups(
    events: ir.Table,
    templates: pa.Table,
    chosen: np.ndarray,
    template_codes: np.ndarray | None,
    account_codes: np.ndarray | None,
) -> pa.Table | None:
    """``(_ha, _ht, _row)``: :func:`~distillwatch.linkage.membership.hash64` of the account id
    and template key of each chosen row of ``templates``, or None when the engine has no
    64-bit hash or it is not exact.

    Exact: ``templates`` holds every (account, template) of the events with a template key,
    so when the hash is one-to-one on its distinct account ids and on its distinct template
    keys (checked here), an event with a template key matches a chosen pair's hashes only if
    it matches its strings."""
    if not hashes_on(events):
        return None
    if template_codes is None:
        _, template_codes = sorted_codes(templates["template_key"])
    if account_codes is None:
        _, account_codes = sorted_codes(templates["account_id"])
    con = events.get_backend()
    hashes = []
    for col, codes in (("account_id", account_codes), ("template_key", template_codes)):
        h = _engine_hashes(con, _distinct_by_code(templates[col], codes))
        s = np.sort(h)
        if (s[1:] == s[:-1]).any():
            return None
        hashes.append(h[codes[chosen]])
    return pa.table({"_ha": hashes[0], "_ht": hashes[1], "_row": pa.array(chosen, pa.int64())})


def _distinct_by_code(values: pa.ChunkedArray | pa.Array, codes: np.ndarray) -> pa.Array:
    """One value of each code, in code order (``codes`` number ``values``: 0..k-1)."""
    row = np.empty(int(codes.max()) + 1 if len(codes) else 0, dtype=np.int64)
    row[codes] = np.arange(len(codes))
    out = values.take(pa.array(row))
    return out.combine_chunks() if isinstance(out, pa.ChunkedArray) else out


def _engine_hashes(con: ibis.BaseBackend, values: pa.Array) -> np.ndarray:
    """:func:`~distillwatch.linkage.membership.hash64` of ``values`` (strings), in order."""
    t = ibis.memtable(pa.table({"_i": pa.array(np.arange(len(values))),
                                "_v": values.cast(pa.string())}))
    r = con.to_pyarrow(t.select(t._i, _h=hash64(t._v)))
    out = np.empty(len(values), dtype=np.uint64)
    out[_np_codes(r["_i"])] = np.asarray(r["_h"].to_numpy(), dtype=np.uint64)
    return out


def _empty() -> pa.Table:
    return pa.table(
        {
            "link_type": pa.array([], pa.string()),
            "key": pa.array([], pa.string()),
            "account_id": pa.array([], pa.string()),
            "uses": pa.array([], pa.int64()),
            "mult": pa.array([], pa.float64()),
        }
    )


def _np_codes(a: pa.Array | pa.ChunkedArray) -> np.ndarray:
    return np.asarray(a.to_numpy(zero_copy_only=False), dtype=np.int64)


def band_memberships(
    sig: np.ndarray,
    account_codes: np.ndarray,
    uses: np.ndarray,
    account_ids: pa.Array | pa.ChunkedArray,
    *,
    bands: int,
    rows: int,
) -> pa.Table:
    """Near-duplicate memberships of signatures ``sig`` (one row each, ``bands * rows``
    uint32 values): one row per (account, band bucket) with the summed ``uses``, the bucket
    named by :func:`band_keys`. ``account_codes`` number the signatures' accounts (equal ids,
    equal codes), ``account_ids`` are the ids themselves.

    Grouped on the numbers (account code, band, values) in one compiled pass over the
    signature matrix (no band-major copy of it), groups in the order they are first met
    (band by band, signatures in row order: the order of Arrow's group-by of those rows);
    then each group's string is written once."""
    n = len(sig)
    if n == 0:
        return _empty()
    values = np.ascontiguousarray(sig, dtype=np.uint32)
    first, band, total = _band_groups(values, np.asarray(account_codes, dtype=np.int64),
                                      np.asarray(uses, dtype=np.int64), bands, rows)
    m = len(first)
    ids = account_ids.take(pa.array(first))
    return pa.table(
        {
            "link_type": pa.repeat(pa.scalar("near_dup", pa.string()), m),
            "key": _band_key_strings(values, first, band, rows=rows),
            "account_id": ids.combine_chunks() if isinstance(ids, pa.ChunkedArray) else ids,
            "uses": pa.array(total, pa.int64()),
            "mult": pa.array(np.ones(m), pa.float64()),
        }
    )


@numba.njit(cache=True, nogil=True)
def _band_groups(
    sig: np.ndarray, acct: np.ndarray, uses: np.ndarray, bands: int, rows: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct (account, band, band values) of the rows of ``sig`` in first-met order (band
    0 for every row, then band 1, ...): per group a signature row holding it, its band and
    the sum of ``uses``. Open addressing on a mixed hash; a slot's group is compared in full,
    so the result does not depend on the hash."""
    n = sig.shape[0]
    cells = n * bands
    size = 1
    while size < 2 * cells:
        size *= 2
    mask = np.uint64(size - 1)
    slot = np.full(size, -1, dtype=np.int64)
    first = np.empty(cells, dtype=np.int64)
    band = np.empty(cells, dtype=np.int64)
    total = np.zeros(cells, dtype=np.int64)
    mul = np.uint64(0x9E3779B97F4A7C15)
    m = 0
    for b in range(bands):
        lo = b * rows
        for i in range(n):
            h = (np.uint64(acct[i]) * np.uint64(bands) + np.uint64(b)) * mul
            for r in range(rows):
                h = (h ^ np.uint64(sig[i, lo + r])) * mul
                h ^= h >> np.uint64(29)
            pos = h & mask
            while True:
                g = slot[pos]
                if g < 0:
                    slot[pos] = m
                    first[m] = i
                    band[m] = b
                    total[m] = uses[i]
                    m += 1
                    break
                j = first[g]
                if band[g] == b and acct[j] == acct[i]:
                    same = True
                    for r in range(rows):
                        if sig[j, lo + r] != sig[i, lo + r]:
                            same = False
                            break
                    if same:
                        total[g] += uses[i]
                        break
                pos = (pos + np.uint64(1)) & mask
    return first[:m], band[:m], total[:m]


# Rows per Arrow string chunk: far below the 2 GiB a string array can address.
_KEY_CHUNK_ROWS = 1 << 22


def _band_key_strings(
    sig: np.ndarray, first: np.ndarray, band: np.ndarray, *, rows: int
) -> pa.ChunkedArray:
    """``b<band>:<v0>,<v1>,...`` for each group (band ``band[k]`` of signature row
    ``first[k]`` of ``sig``): the strings :func:`band_keys` builds, written byte by byte."""
    chunks: list[pa.Array] = []
    for lo in range(0, max(len(first), 1), _KEY_CHUNK_ROWS):
        hi = min(lo + _KEY_CHUNK_ROWS, len(first))
        offsets, data = _key_bytes(sig, first[lo:hi], band[lo:hi], rows)
        chunks.append(pa.Array.from_buffers(pa.string(), hi - lo,
                                            [None, pa.py_buffer(offsets), pa.py_buffer(data)]))
    return pa.chunked_array(chunks, pa.string())


@numba.njit(cache=True, nogil=True)
def _key_bytes(
    sig: np.ndarray, first: np.ndarray, band: np.ndarray, rows: int
) -> tuple[np.ndarray, np.ndarray]:
    """Offsets (int32) and UTF-8 bytes of the band key strings (see
    :func:`_band_key_strings`): decimal numbers, no leading zeros."""
    m = len(first)
    # "b" + band (< 2^32) + ":" + rows values of at most 10 digits + (rows - 1) commas
    data = np.empty(m * (2 + 10 + 11 * rows), dtype=np.uint8)
    offsets = np.empty(m + 1, dtype=np.int32)
    p = 0
    offsets[0] = 0
    for k in range(m):
        i = first[k]
        data[p] = 98  # "b"
        p += 1
        for r in range(-1, rows):
            if r >= 0:
                data[p] = 58 if r == 0 else 44  # ":" then ","
                p += 1
                v = np.uint32(sig[i, band[k] * rows + r])
            else:
                v = np.uint32(band[k])
            d = 1
            t = v
            while t >= 10:
                t //= np.uint32(10)
                d += 1
            e = p + d - 1
            while True:
                data[e] = 48 + v % np.uint32(10)
                v //= np.uint32(10)
                if e == p:
                    break
                e -= 1
            p += d
        offsets[k + 1] = p
    return offsets, data[:p]

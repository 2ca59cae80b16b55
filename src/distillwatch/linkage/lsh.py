"""Near-duplicate prompts: MinHash LSH banding of the stored sketches."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.linkage.config import LinkageConfig
from distillwatch.linkage.membership import template_groups
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
    sig, src = _chosen_signatures(events, templates, chosen, width)
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
    events: ir.Table, templates: pa.Table, chosen: np.ndarray, width: int
) -> tuple[np.ndarray, np.ndarray]:
    """The signature (first ``width`` values, from either stored type:
    :func:`~distillwatch.store.minhash_column.signature_matrix`) of the smallest-``event_key``
    event of each chosen (account, template) group of ``templates``, and the ``templates`` row
    of each; a group whose smallest event has no sketch (or a short one) gives none.

    One engine query: the smallest key of each chosen pair (events of those pairs only, by a
    join on the pairs), then the stored sketches of those keys. The aggregate over every
    group (:func:`template_groups`) need not carry a smallest key for its ~4M groups."""
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
    sigs = events.filter(events.minhash.notnull()).select(_k=events.event_key, _sig=events.minhash)
    got = sigs.join(first, "_k").select("_row", "_sig").to_pyarrow()
    sig, row = signature_matrix(got["_sig"], width)
    return sig, _np_codes(got["_row"])[row]


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

    Grouped on the numbers (account code, band, values), then each group's string built:
    the same rows as grouping the strings, at a fraction of the cost."""
    n = len(sig)
    if n == 0:
        return _empty()
    band = np.repeat(np.arange(bands, dtype=np.int64), n)
    vals = sig.reshape(n, bands, rows).transpose(1, 0, 2).reshape(n * bands, rows)
    cols: dict[str, np.ndarray] = {"_g": np.tile(account_codes, bands) * bands + band}
    for i in range(rows):
        cols[f"_v{i}"] = vals[:, i]
    cols["_u"] = np.tile(np.asarray(uses, dtype=np.int64), bands)
    g = pa.table(cols).group_by(list(cols)[:-1], use_threads=False).aggregate([("_u", "sum")])
    code = _np_codes(g["_g"])
    # one signature row of each account code gives the code's id
    rep = np.zeros(int(account_codes.max()) + 1, dtype=np.int64)
    rep[account_codes] = np.arange(n)
    m = g.num_rows
    return pa.table(
        {
            "link_type": pa.repeat(pa.scalar("near_dup", pa.string()), m),
            "key": _band_key_strings(code % bands, [g[f"_v{i}"] for i in range(rows)],
                                     bands=bands),
            "account_id": account_ids.take(pa.array(rep[code // bands])),
            "uses": g["_u_sum"].cast(pa.int64()),
            "mult": pa.array(np.ones(m), pa.float64()),
        }
    )


# Rows per Arrow string chunk: far below the 2 GiB a string array can address.
_KEY_CHUNK_ROWS = 1 << 22


def _band_key_strings(
    band: np.ndarray, vals: list[pa.ChunkedArray], *, bands: int
) -> pa.ChunkedArray:
    """``b<band>:<v0>,<v1>,...`` for each row (``vals``: one uint32 column per band row):
    the strings :func:`band_keys` builds."""
    head = pa.array([f"b{b}:" for b in range(bands)], pa.string()).take(pa.array(band))
    chunks: list[pa.Array] = []
    for lo in range(0, max(len(band), 1), _KEY_CHUNK_ROWS):
        cols = [v.slice(lo, _KEY_CHUNK_ROWS).cast(pa.string()) for v in vals]
        joined = cols[0] if len(cols) == 1 else pc.binary_join_element_wise(*cols, ",")
        keys = pc.binary_join_element_wise(head.slice(lo, _KEY_CHUNK_ROWS), joined, "")
        chunks += keys.chunks
    return pa.chunked_array(chunks, pa.string())

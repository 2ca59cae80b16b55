"""Near-duplicate prompts: MinHash LSH banding of the stored sketches."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.linkage.config import LinkageConfig
from distillwatch.linkage.membership import template_groups
from distillwatch.linkage.pairs import argsort_keys, sorted_codes

NEAR_DUP_COLUMNS = ("link_type", "key", "account_id", "uses", "mult")


def _chosen(
    templates: pa.Table, per_account: int, template_codes: np.ndarray, account_codes: np.ndarray
) -> pa.Table:
    """Each account's ``per_account`` most used templates (uses descending, then template
    key), with their ``_k`` and ``_uses``. ``template_codes`` and ``account_codes`` number
    ``template_key`` and ``account_id`` in byte order
    (:func:`~distillwatch.linkage.pairs.sorted_codes`)."""
    if templates.num_rows == 0:
        return templates
    uses = np.asarray(templates["_uses"].to_numpy(), dtype=np.int64)
    valid = np.asarray(pc.is_valid(templates["template_key"]).to_numpy(), dtype=bool)
    order = argsort_keys(account_codes, -uses, template_codes)
    order = order[valid[order]]
    a_sorted = account_codes[order]
    start = np.ones(len(order), dtype=bool)
    start[1:] = a_sorted[1:] != a_sorted[:-1]
    first = np.flatnonzero(start)
    rank = np.arange(len(order)) - first[np.cumsum(start) - 1]
    return templates.take(pa.array(np.sort(order[rank < per_account])))


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
    of :func:`template_groups`, when the caller has it already), then, after the choice is made
    in memory, the stored ``minhash`` of the chosen events only (the 64-value list is the
    store's heaviest column). Band keys are built per chosen signature, in memory.
    ``template_codes`` and ``account_codes`` (``template_key`` and ``account_id`` of
    ``templates`` numbered in byte order) save numbering them again.
    ``event_key`` is unique in a store (ingest deduplicates on it).
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
    per = _chosen(templates, lc.templates_per_account, template_codes, account_codes)
    width = lc.bands * lc.rows
    empty = pa.table(
        {
            "link_type": pa.array([], pa.string()),
            "key": pa.array([], pa.string()),
            "account_id": pa.array([], pa.string()),
            "uses": pa.array([], pa.int64()),
            "mult": pa.array([], pa.float64()),
        }
    )
    if per.num_rows == 0:
        return [empty]
    keys = ibis.memtable(pa.table({"_k": per["_k"].cast(pa.string())}))
    sigs = events.filter(events.minhash.notnull()).select(_k=events.event_key, _sig=events.minhash)
    got = sigs.join(keys, "_k").select("_k", "_sig").to_pyarrow()
    if got.num_rows == 0:
        return [empty]
    lens = np.asarray(pc.list_value_length(got["_sig"]).fill_null(0).to_numpy(), dtype=np.int64)
    got = got.filter(pa.array(lens >= width))
    if got.num_rows == 0:
        return [empty]
    flat = pc.list_flatten(got["_sig"]).to_numpy(zero_copy_only=False)
    flat_lens = lens[lens >= width]
    starts = np.concatenate([[0], np.cumsum(flat_lens)[:-1]])
    sig = np.asarray(flat, dtype=np.int64)[starts[:, None] + np.arange(width)[None, :]]
    pos = np.asarray(
        pc.index_in(got["_k"].cast(pa.string()), value_set=per["_k"].cast(pa.string()))
        .to_numpy(zero_copy_only=False),
        dtype=np.int64,
    )
    acct = per["account_id"].take(pa.array(pos))
    uses = per["_uses"].take(pa.array(pos)).cast(pa.int64())
    bands = pa.table(
        {
            "account_id": pa.chunked_array([acct] * lc.bands),
            "key": pa.chunked_array(band_keys(sig.astype(np.uint32), bands=lc.bands,
                                              rows=lc.rows)),
            "uses": pa.chunked_array([uses] * lc.bands),
        }
    )
    g = bands.group_by(["account_id", "key"], use_threads=False).aggregate([("uses", "sum")])
    return [
        pa.table(
            {
                "link_type": pa.array(["near_dup"] * g.num_rows, pa.string()),
                "key": g["key"],
                "account_id": g["account_id"],
                "uses": g["uses_sum"].cast(pa.int64()),
                "mult": pa.array(np.ones(g.num_rows), pa.float64()),
            }
        )
    ]

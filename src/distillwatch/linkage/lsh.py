"""Near-duplicate prompts: MinHash LSH banding of the stored sketches, engine-side."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from distillwatch.linkage.config import LinkageConfig
from distillwatch.linkage.membership import membership, template_groups


def near_dup_memberships(
    events: ir.Table, *, config: LinkageConfig, templates: ir.Table | None = None
) -> list[ir.Table]:
    """MinHash LSH banding on the stored sketches, computed by the engine.

    Each account is represented by one stored signature for each of the
    ``templates_per_account`` templates it uses most: the signature of its event with the
    smallest ``event_key`` for that template (so the choice is the same on every engine; none
    when that event has no sketch). A signature is cut into ``bands`` bands of ``rows``
    values; two accounts sharing a band bucket are near-duplicate candidates (probability
    ``1 - (1 - s^rows)^bands`` for Jaccard similarity ``s``). The signatures are the stored
    ``minhash`` column (ingest/minhash.py); banding them engine-side keeps memory with the
    engine, not in a Python index. ``templates`` is :func:`template_groups` of ``events``
    when the caller has it already. ``event_key`` is unique in a store (ingest deduplicates on it).
    """
    if not config.enabled("near_dup"):
        return []
    lc = config.lsh
    per = templates if templates is not None else template_groups(events)
    w = ibis.window(group_by=[per.account_id], order_by=[per._uses.desc(), per.template_key])
    per = per.mutate(_rk=ibis.row_number().over(w)).filter(
        lambda p: p._rk < lc.templates_per_account
    )
    # The signatures (64 values each) are read only for the chosen events: the MinHash list
    # is the store's heaviest column, and ranking every (account, template) group with its
    # signature attached cost more than the rest of linkage together.
    sigs = events.filter(events.minhash.notnull()).select(_k=events.event_key, _sig=events.minhash)
    per = per.select("account_id", "_uses", "_k").join(sigs, "_k")
    keys: list[ir.Value] = []
    for b in range(lc.bands):
        parts: list[ir.Value] = []
        for i in range(lc.rows):
            if parts:
                parts.append(ibis.literal(","))
            parts.append(per._sig[b * lc.rows + i].cast("string"))
        keys.append(ibis.literal(f"b{b}:").concat(*parts))
    # One row per (account, template, band) from one pass: an array of band keys, unnested.
    bands = per.select(account_id=per.account_id, _key=ibis.array(keys).unnest(), _uses=per._uses)
    g = bands.group_by([bands.account_id, bands._key]).agg(_uses=bands._uses.sum())
    return [membership(g, "near_dup", g._key, g._uses)]

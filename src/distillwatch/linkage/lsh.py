"""Near-duplicate prompts: MinHash LSH banding of the stored sketches, engine-side."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from distillwatch.linkage.config import LinkageConfig
from distillwatch.linkage.membership import membership


def near_dup_memberships(events: ir.Table, *, config: LinkageConfig) -> list[ir.Table]:
    """MinHash LSH banding on the stored sketches, computed by the engine.

    Each account is represented by one stored signature per template it uses most (the
    signature of its smallest ``event_key`` for that template, so the choice is the same on
    every engine). A signature is cut into ``bands`` bands of ``rows`` values; two accounts
    sharing a band bucket are near-duplicate candidates (probability ``1 - (1 - s^rows)^bands``
    for Jaccard similarity ``s``). rensa's own LSH index cannot take stored digests back
    (it only indexes signatures it computed), so the banding is done here, engine-side.
    """
    if not config.enabled("near_dup"):
        return []
    lc = config.lsh
    t = events.filter(events.minhash.notnull() & events.template_key.notnull())
    per = t.group_by([t.account_id, t.template_key]).agg(
        _uses=t.count(), _sig=t.minhash.argmin(t.event_key)
    )
    w = ibis.window(group_by=[per.account_id], order_by=[per._uses.desc(), per.template_key])
    per = per.mutate(_rk=ibis.row_number().over(w)).filter(
        lambda p: p._rk < lc.templates_per_account
    )
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

"""SynchroTrap-style loose synchrony as memberships: (template, time bucket) keys."""

from __future__ import annotations

import ibis.expr.types as ir

from distillwatch.linkage.config import LinkageConfig


def synchrony_counts(events: ir.Table, *, config: LinkageConfig) -> ir.Table | None:
    """SynchroTrap-style loose synchrony: the same action (template) in the same time bucket.

    ``(account_id, template_key, _b, _uses)``: events per account, template and bucket
    (``_b``: whole ``bucket_minutes`` since the epoch). The membership key is
    ``template_key@bucket`` (built in memory, only for the keys that are reported; see
    :func:`distillwatch.linkage.pairs.joined_part`). Only every ``sample_every``-th bucket is
    kept, which bounds the work for campaigns of any size while leaving enough shared
    buckets between accounts that act together. None when the link type is disabled.
    """
    if not config.enabled("synchrony"):
        return None
    sc = config.synchrony
    bucket = (events.ts.epoch_seconds() / (60 * sc.bucket_minutes)).floor().cast("int64")
    # The bucket is computed once per event and filtered on (not recomputed in a CASE).
    t = events.select(events.account_id, events.template_key, _b=bucket)
    t = t.filter(t.template_key.notnull() & t._b.notnull() & ((t._b % sc.sample_every) == 0))
    return t.group_by([t.account_id, t.template_key, t._b]).agg(_uses=t.count())

"""SynchroTrap-style loose synchrony as memberships: (template, time bucket) keys."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from distillwatch.linkage.config import LinkageConfig
from distillwatch.linkage.membership import counted


def synchrony_memberships(events: ir.Table, *, config: LinkageConfig) -> list[ir.Table]:
    """SynchroTrap-style loose synchrony: the same action (template) in the same time bucket.

    The key is ``template_key@bucket`` (bucket: whole ``bucket_minutes`` since the epoch).
    Only every ``sample_every``-th bucket is kept, which bounds the work for campaigns of any
    size while leaving enough shared buckets between accounts that act together. Counted per
    ``(account, template, bucket)`` on the integer bucket; the key string is built per group.
    """
    if not config.enabled("synchrony"):
        return []
    sc = config.synchrony
    bucket = (events.ts.epoch_seconds() / (60 * sc.bucket_minutes)).floor().cast("int64")
    # The bucket is computed once per event and filtered on (not recomputed in a CASE).
    t = events.select(events.account_id, events.template_key, _b=bucket)
    t = t.filter((t._b % sc.sample_every) == 0)
    return [
        counted(
            t,
            "synchrony",
            [t.template_key, t._b],
            lambda g: g._c0.concat(ibis.literal("@"), g._c1.cast("string")),
        )
    ]

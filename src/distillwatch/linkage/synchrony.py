"""SynchroTrap-style loose synchrony as memberships: (template, time bucket) keys."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from distillwatch.linkage.config import LinkageConfig


def synchrony_key(events: ir.Table, *, config: LinkageConfig) -> ir.Value:
    """SynchroTrap-style loose synchrony: the same action (template) in the same time bucket.

    The key is ``template_key@bucket``. Only every ``sample_every``-th bucket is kept (the key
    is null otherwise), which bounds the work for campaigns of any size while leaving enough
    shared buckets between accounts that act together.
    """
    sc = config.synchrony
    bucket = (events.ts.epoch_seconds() / (60 * sc.bucket_minutes)).floor().cast("int64")
    return ibis.ifelse(
        events.template_key.notnull() & ((bucket % sc.sample_every) == 0),
        events.template_key.concat(ibis.literal("@"), bucket.cast("string")),
        ibis.null("string"),
    )

"""Complementary partitioning of one task list across accounts, as memberships."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from distillwatch.linkage.config import LinkageConfig


def partition_memberships(events: ir.Table, *, config: LinkageConfig) -> list[ir.Table]:
    """Complementary partitioning of one task list: many accounts, one template, disjoint items.

    For each template used by at least ``min_accounts`` accounts (each with at least
    ``min_items_per_account`` items), ``overlap`` is the share of (account, item) pairs whose
    item another account also asked for. An eval harness run by several teams repeats the
    same items (high overlap); a campaign that load-balances a task list does not. Groups
    with overlap above ``max_overlap`` give no partition evidence; below it, ``mult`` falls
    linearly from 1 (disjoint) to 0 (at ``max_overlap``).
    """
    if not config.enabled("partition"):
        return []
    pc = config.partition
    t = events.filter(events.template_key.notnull() & events.item_key.notnull())
    ti = t.select(t.template_key, t.item_key, t.account_id).distinct()
    # ti is distinct per (template, item, account): a plain count is the number of accounts.
    per_item = ti.group_by([ti.template_key, ti.item_key]).agg(_na=ti.count())
    j = ti.join(per_item, ["template_key", "item_key"])
    per_acct = j.group_by([j.template_key, j.account_id]).agg(
        _items=j.count(), _dup=(j._na > 1).cast("int64").sum()
    )
    per_acct = per_acct.filter(per_acct._items >= pc.min_items_per_account)
    grp = per_acct.group_by(per_acct.template_key).agg(
        _n=per_acct.count(), _items_all=per_acct._items.sum(), _dup_all=per_acct._dup.sum()
    )
    grp = grp.mutate(_overlap=grp._dup_all.cast("float64") / grp._items_all)
    grp = grp.filter((grp._n >= pc.min_accounts) & (grp._overlap <= pc.max_overlap))
    grp = grp.mutate(
        _mult=ibis.greatest(ibis.literal(0.05), 1.0 - grp._overlap / max(pc.max_overlap, 1e-9))
    )
    m = per_acct.join(grp, "template_key")
    return [
        m.select(
            link_type=ibis.literal("partition"),
            key=m.template_key,
            account_id=m.account_id,
            uses=m._items.cast("int64"),
            mult=m._mult.cast("float64"),
        )
    ]

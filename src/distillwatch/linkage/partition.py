"""Complementary partitioning of one task list across accounts, as memberships."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.linkage.config import LinkageConfig
from distillwatch.linkage.membership import hash64
from distillwatch.store.hashed_keys import HashedKeys
from distillwatch.store.key_ints import key_strings


def candidate_templates(templates: pa.Table, *, config: LinkageConfig) -> pa.Table:
    """``(template_key,)``: templates that can show partitioning at all, from the
    per-(account, template) uses of :func:`~distillwatch.linkage.membership.template_groups`:
    at least ``min_accounts`` accounts with at least ``min_items_per_account`` uses each (an
    account's distinct items never exceed its uses, so no qualifying template is missed)."""
    pc_ = config.partition
    t = templates.filter(pc.greater_equal(templates["_uses"], pc_.min_items_per_account))
    t = t.filter(pc.is_valid(t["template_key"]))
    g = t.group_by("template_key", use_threads=False).aggregate([("account_id", "count")])
    g = g.filter(pc.greater_equal(g["account_id_count"], pc_.min_accounts))
    return pa.table({"template_key": g["template_key"].cast(pa.string())})


def candidate_codes(
    template_code: np.ndarray, uses: np.ndarray, *, templates: int, config: LinkageConfig
) -> np.ndarray:
    """:func:`candidate_templates` on the aggregate's rows numbered: ``template_code`` (of
    each row's template among ``templates`` distinct ones, none null) and ``uses``; the
    codes of the templates that qualify, ascending. A ``bincount`` instead of a string
    group-by over the ~4M rows."""
    pc_ = config.partition
    rows = np.asarray(uses) >= pc_.min_items_per_account
    per = np.bincount(np.asarray(template_code)[rows], minlength=templates)
    return np.flatnonzero(per >= pc_.min_accounts)


def _partition_groups(
    ti: ir.Table, keys: tuple[str, str, str], *, config: LinkageConfig
) -> ir.Table:
    """Per (template, account) of ``ti`` (distinct rows of its ``keys``: template, item,
    account columns, strings or their hashes): ``_items`` and the template group's ``_mult``,
    for the templates that pass ``min_accounts``, ``min_items_per_account`` and
    ``max_overlap``. One definition for the string and the hashed paths."""
    pc_ = config.partition
    tk, ik, ak = keys
    # ti is distinct per (template, item, account): a plain count is the number of accounts,
    # and an item of one account only (``_na == 1``) is that account's (``_a1``, its only
    # one). An account's items another account also asked for are its items less those of
    # its own alone: two small group-bys instead of joining every (template, item, account)
    # row back to its item's count (~0.25 of ~2 CPU-s on 10.6M events).
    per_item = ti.group_by([ti[tk], ti[ik]]).agg(_na=ti.count(), _a1=ti[ak].min())
    alone = per_item.filter(per_item._na == 1)
    alone = alone.group_by([alone[tk], alone._a1.name(ak)]).agg(_alone=alone.count())
    per_acct = ti.group_by([ti[tk], ti[ak]]).agg(_items=ti.count())
    per_acct = per_acct.filter(per_acct._items >= pc_.min_items_per_account)
    j = per_acct.left_join(alone, [tk, ak])
    per_acct = j.select(
        j[tk], j[ak], j._items,
        _dup=(j._items - j._alone.fill_null(0)).cast("int64"),
    )
    grp = per_acct.group_by(per_acct[tk]).agg(
        _n=per_acct.count(), _items_all=per_acct._items.sum(), _dup_all=per_acct._dup.sum()
    )
    grp = grp.mutate(_overlap=grp._dup_all.cast("float64") / grp._items_all)
    grp = grp.filter((grp._n >= pc_.min_accounts) & (grp._overlap <= pc_.max_overlap))
    grp = grp.mutate(
        _mult=ibis.greatest(ibis.literal(0.05), 1.0 - grp._overlap / max(pc_.max_overlap, 1e-9))
    )
    # grp first: joined onto the left of a join, per_acct's own left join would be folded
    # into one join chain and its rows computed twice instead of once (a CTE)
    return grp.join(per_acct, tk)


def partition_memberships(
    events: ir.Table, *, config: LinkageConfig, templates: pa.Table | None = None
) -> list[ir.Table]:
    """Complementary partitioning of one task list: many accounts, one template, disjoint items.

    For each template used by at least ``min_accounts`` accounts (each with at least
    ``min_items_per_account`` items), ``overlap`` is the share of (account, item) pairs whose
    item another account also asked for. An eval harness run by several teams repeats the
    same items (high overlap); a campaign that load-balances a task list does not. Groups
    with overlap above ``max_overlap`` give no partition evidence; below it, ``mult`` falls
    linearly from 1 (disjoint) to 0 (at ``max_overlap``).

    ``templates`` (the Arrow result of ``template_groups``), when given, restricts the item
    sets to :func:`candidate_templates` before the engine builds them: the same result, from
    a fraction of the events.
    """
    if not config.enabled("partition"):
        return []
    t = events.filter(events.template_key.notnull() & events.item_key.notnull())
    if templates is not None:
        keep = candidate_templates(templates, config=config)
        if keep.num_rows == 0:
            return []
        t = t.filter(t.template_key.isin(ibis.memtable(keep).template_key))
    ti = t.select(t.template_key, t.item_key, t.account_id).distinct()
    m = _partition_groups(ti, ("template_key", "item_key", "account_id"), config=config)
    return [
        m.select(
            link_type=ibis.literal("partition"),
            key=m.template_key,
            account_id=m.account_id,
            uses=m._items.cast("int64"),
            mult=m._mult.cast("float64"),
        )
    ]


def int_partition_memberships(
    events: ir.Table,
    *,
    config: LinkageConfig,
    templates: np.ndarray,
    candidates: np.ndarray,
    accounts: HashedKeys | None = None,
) -> list[pa.Table]:
    """:func:`partition_memberships` (with ``templates``) grouped on the store's
    ``template_key64`` and ``item_key64`` (one to one with the key strings, see
    :mod:`distillwatch.store.key_ints`) and, with ``accounts`` (DuckDB), on
    :func:`~distillwatch.store.engines.hash64` of ``account_id``: the same memberships
    with no string hashed but the account id, and no collision check but the accounts' (done
    by their caller). Without ``accounts`` (Spark) the account ids stay strings.

    ``templates`` are the aggregate's distinct ``template_key64`` values ascending
    (:func:`~distillwatch.linkage.membership.int_codes`) and ``candidates`` the positions in
    it of the candidate templates (:func:`candidate_codes`); only the few result rows are
    turned back into strings (:func:`~distillwatch.store.key_ints.key_strings`).
    """
    if not config.enabled("partition") or len(candidates) == 0:
        return []
    cand = ibis.memtable(pa.table({"_t": pa.array(templates[candidates], pa.int64())}))
    t = events.filter(events.template_key64.notnull() & events.item_key64.notnull())
    # A semi-join on the integer (cheaper than IN over the template strings; about half the
    # events pass), and only the rows it keeps hash their account id.
    t = t.select("account_id", _t=t.template_key64, _i=t.item_key64).semi_join(cand, "_t")
    if accounts is not None:
        t = t.select("_t", "_i", _a=hash64(t.account_id))
        m = _partition_groups(t.distinct(), ("_t", "_i", "_a"), config=config)
        r = m.select(m._t, m._a, m._items, m._mult).to_pyarrow()
        account_id = accounts.values.take(pa.array(accounts.codes(r["_a"])))
    else:
        m = _partition_groups(t.distinct(), ("_t", "_i", "account_id"), config=config)
        r = m.select(m._t, m.account_id, m._items, m._mult).to_pyarrow()
        account_id = r["account_id"].cast(pa.string())
    return [
        pa.table(
            {
                "link_type": pa.array(["partition"] * r.num_rows, pa.string()),
                "key": key_strings(r["_t"]),
                "account_id": account_id,
                "uses": r["_items"].cast(pa.int64()),
                "mult": r["_mult"].cast(pa.float64()),
            }
        )
    ]

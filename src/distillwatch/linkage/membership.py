"""Membership tables: which accounts share which key, for one link type.

Columns ``(link_type, key, account_id, uses, mult)``; ``mult`` is a group-level multiplier
(1.0 unless the link type computes one, as partition does).
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from distillwatch.linkage.config import SynchronyConfig
from distillwatch.linkage.synchrony import sync_bucket

MEMBERSHIP_COLUMNS = ("link_type", "key", "account_id", "uses", "mult")
_MEMBERSHIP_TYPES = {
    "link_type": "string",
    "key": "string",
    "account_id": "string",
    "uses": "int64",
    "mult": "float64",
}


def conform(t: ir.Table) -> ir.Table:
    """Same column types and nullability in every part, so the parts can be unioned."""
    return t.select(**{c: t[c].cast(ibis.dtype(ty)) for c, ty in _MEMBERSHIP_TYPES.items()})


def membership(t: ir.Table, link_type: str, key: ir.Value, uses: ir.Value) -> ir.Table:
    return t.select(
        link_type=ibis.literal(link_type),
        key=key.cast("string"),
        account_id=t.account_id,
        uses=uses.cast("int64"),
        mult=ibis.literal(1.0).cast("float64"),
    )


def template_groups(events: ir.Table, *, synchrony: SynchronyConfig | None = None) -> ir.Table:
    """``(account_id, template_key, _uses)``: each account's templates and how often it used
    each (shared by the ``template``, ``near_dup`` and ``partition`` link types: one group-by).
    ``near_dup`` finds the smallest ``event_key`` of the few groups it chooses itself
    (:func:`~distillwatch.linkage.lsh.near_dup_memberships`): a smallest key for each of
    millions of groups cost more here than the search for ~1 in 30 of them costs there.

    With ``synchrony``, also ``_bs``: the sampled synchrony buckets of those events, one list
    element per event (see :func:`distillwatch.linkage.synchrony.synchrony_part`). The
    ``synchrony`` link type then costs no group-by of its own: its groups (account, template,
    bucket) nest in these, and a list of small integers per group is cheaper for the engine
    to build and hand over than millions of rows of account and template strings.
    """
    t = events.filter(events.template_key.notnull())
    if synchrony is None:
        t = t.select("account_id", "template_key")
        return t.group_by([t.account_id, t.template_key]).agg(_uses=t.count())
    t = t.select("account_id", "template_key", _b=sync_bucket(t.ts, synchrony))
    sampled = t._b.notnull() & ((t._b % synchrony.sample_every) == 0)
    return t.group_by([t.account_id, t.template_key]).agg(
        _uses=t.count(), _bs=t._b.collect(where=sampled)
    )

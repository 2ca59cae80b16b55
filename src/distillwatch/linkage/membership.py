"""Membership tables: which accounts share which key, for one link type.

Columns ``(link_type, key, account_id, uses, mult)``; ``mult`` is a group-level multiplier
(1.0 unless the link type computes one, as partition does).
"""

from __future__ import annotations

from collections.abc import Callable

import ibis
import ibis.expr.types as ir

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


def counted(
    events: ir.Table, link_type: str, cols: list[ir.Value], key: Callable[[ir.Table], ir.Value]
) -> ir.Table:
    """Memberships of one event-level link type: ``count(*)`` per ``(account_id, *cols)``.

    The grouping is on the store's own columns (strings, integers) and the key string is
    built from the aggregate with ``key(groups)``: one string per (account, key), never one
    per event. Rows where any of ``cols`` is null have no key.
    """
    named = {f"_c{i}": c for i, c in enumerate(cols)}
    t = events.select(account_id=events.account_id, **named)
    cond = ibis.and_(*(t[c].notnull() for c in named))
    t = t.filter(cond)
    g = t.group_by(["account_id", *named]).agg(_uses=t.count())
    return membership(g, link_type, key(g), g._uses)


def template_groups(events: ir.Table) -> ir.Table:
    """``(account_id, template_key, _uses, _k)``: each account's templates, how often it used
    each and its smallest ``event_key`` with that template (shared by the ``template`` and
    ``near_dup`` link types: one group-by, and the MinHash column is not read here)."""
    t = events.filter(events.template_key.notnull())
    t = t.select("account_id", "template_key", "event_key")
    return t.group_by([t.account_id, t.template_key]).agg(_uses=t.count(), _k=t.event_key.min())

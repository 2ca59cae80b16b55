"""Membership tables: which accounts share which key, for one link type.

Columns ``(link_type, key, account_id, uses, mult)``; ``mult`` is a group-level multiplier
(1.0 unless the link type computes one, as partition does).
"""

from __future__ import annotations

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


def counted(events: ir.Table, link_type: str, key: ir.Value) -> ir.Table:
    t = events.mutate(_key=key).filter(lambda t: t._key.notnull())
    g = t.group_by([t.account_id, t._key]).agg(_uses=t.count())
    return membership(g, link_type, g._key, g._uses)


def keyed_memberships(events: ir.Table, keys: dict[str, ir.Value]) -> ir.Table:
    """Memberships of several event-level link types from ONE scan of the events.

    ``keys`` maps a link type to a key expression over ``events`` (null = no key for that
    event). Each event becomes an array of (link_type, key) structs, unnested and counted
    per account, so the events are read once whatever the number of link types.
    """
    pairs = ibis.array(
        [ibis.struct({"lt": ibis.literal(lt), "k": k.cast("string")}) for lt, k in keys.items()]
    )
    t = events.select(account_id=events.account_id, _p=pairs.unnest())
    t = t.select(account_id=t.account_id, _lt=t._p["lt"], _key=t._p["k"]).filter(
        lambda x: x._key.notnull()
    )
    g = t.group_by([t.account_id, t._lt, t._key]).agg(_uses=t.count())
    return g.select(
        link_type=g._lt,
        key=g._key,
        account_id=g.account_id,
        uses=g._uses.cast("int64"),
        mult=ibis.literal(1.0).cast("float64"),
    )

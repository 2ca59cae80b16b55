"""Shared infrastructure memberships: ``ip``, ``prefix`` and ``asn_ua``."""

from __future__ import annotations

import ibis.expr.types as ir
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.linkage.config import LinkageConfig

# link type -> the event columns of its key
INFRA_KEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "ip": ("client_ip",),
    "prefix": ("ip_prefix",),
    "asn_ua": ("ip_asn", "user_agent"),
}


def infrastructure_counts(events: ir.Table, *, config: LinkageConfig) -> dict[str, ir.Table]:
    """Per enabled link type, events per ``(account_id, <its key columns>)`` (rows with a null
    key column have no key), as ``_uses``.

    One aggregate per type rather than one over all five columns rolled up in memory: the
    combined groups (every IP x user agent of an account) are as many as the ``asn_ua`` ones,
    and rolling them up again costs more at 10M events than two narrow group-bys.
    """
    out = {}
    for lt, cols in INFRA_KEY_COLUMNS.items():
        if not config.enabled(lt):
            continue
        t = events.select("account_id", *cols)
        for c in cols:
            t = t.filter(t[c].notnull())
        out[lt] = t.group_by(["account_id", *cols]).agg(_uses=t.count())
    return out


def infrastructure_part(link_type: str, counts: pa.Table) -> pa.Table:
    """The membership table ``(link_type, key, account_id, uses, mult)`` of one of the three
    types from its :func:`infrastructure_counts` result (``asn_ua`` keys read
    ``<asn>|<user agent>``)."""
    cols = INFRA_KEY_COLUMNS[link_type]
    if link_type == "asn_ua":
        key = pc.binary_join_element_wise(
            counts["ip_asn"].cast(pa.string()), counts["user_agent"].cast(pa.string()), "|"
        )
    else:
        key = counts[cols[0]].cast(pa.string())
    return pa.table(
        {
            "link_type": pa.array([link_type] * counts.num_rows, pa.string()),
            "key": key,
            "account_id": counts["account_id"].cast(pa.string()),
            "uses": counts["_uses"].cast(pa.int64()),
            "mult": pa.array(np.ones(counts.num_rows), pa.float64()),
        }
    )

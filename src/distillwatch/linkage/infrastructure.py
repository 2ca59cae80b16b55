"""Shared infrastructure memberships (``ip``, ``prefix``, ``asn_ua``) from one aggregate."""

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


def infrastructure_counts(events: ir.Table, *, config: LinkageConfig) -> ir.Table | None:
    """Events per ``(account_id, <every enabled type's key columns>)``: one group-by for the
    three link types (a client IP fixes its prefix and mostly its ASN, so this has hardly
    more groups than the ``asn_ua`` aggregate alone). None when all three are disabled."""
    cols = sorted({c for lt, cs in INFRA_KEY_COLUMNS.items() if config.enabled(lt) for c in cs})
    if not cols:
        return None
    t = events.select("account_id", *cols)
    return t.group_by(["account_id", *cols]).agg(_uses=t.count())


def infrastructure_parts(counts: pa.Table, *, config: LinkageConfig) -> list[pa.Table]:
    """The memberships ``(link_type, key, account_id, uses, mult)`` of each enabled type,
    rolled up from :func:`infrastructure_counts` (rows where a key column is null have no
    key; ``asn_ua`` keys read ``<asn>|<user agent>``)."""
    out = []
    for lt, cols in INFRA_KEY_COLUMNS.items():
        if not config.enabled(lt):
            continue
        t = counts
        for c in cols:
            t = t.filter(pc.is_valid(t[c]))
        g = t.group_by(["account_id", *cols], use_threads=False).aggregate([("_uses", "sum")])
        if lt == "asn_ua":
            key = pc.binary_join_element_wise(
                g["ip_asn"].cast(pa.string()), g["user_agent"].cast(pa.string()), "|"
            )
        else:
            key = g[cols[0]].cast(pa.string())
        out.append(
            pa.table(
                {
                    "link_type": pa.array([lt] * g.num_rows, pa.string()),
                    "key": key,
                    "account_id": g["account_id"].cast(pa.string()),
                    "uses": g["_uses_sum"].cast(pa.int64()),
                    "mult": pa.array(np.ones(g.num_rows), pa.float64()),
                }
            )
        )
    return out

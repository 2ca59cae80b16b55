"""Shared infrastructure memberships: ``ip``, ``prefix`` and ``asn_ua``.

Two forms of the same result: :func:`infrastructure_counts` groups on the string columns (any
engine); :func:`hashed_infrastructure_parts` on their 64-bit hashes (DuckDB, about half the
CPU), checked exact against each key's distinct values."""

from __future__ import annotations

import ibis.expr.types as ir
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.linkage.config import LinkageConfig
from distillwatch.linkage.membership import HashedKeys, hash64, hashed_keys, local_codes
from distillwatch.linkage.pairs import CodedPart

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


def _distinct_pairs(
    a: np.ndarray, b: np.ndarray, b_span: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct ``(a, b)`` rows (``0 <= b < b_span``) and each row's position among them, from
    one integer per row (``np.unique(axis=0)`` sorts structured rows, ~30x slower)."""
    if len(a) == 0:
        return a, b, np.zeros(0, dtype=np.int64)
    lo = int(a.min())
    if (int(a.max()) - lo + 1) * max(b_span, 1) < 2**62:
        uniq, inverse = np.unique((a - lo) * b_span + b, return_inverse=True)
        return uniq // b_span + lo, uniq % b_span, inverse.reshape(-1)
    order = np.lexsort((b, a))
    start = np.ones(len(a), dtype=bool)
    start[1:] = (a[order][1:] != a[order][:-1]) | (b[order][1:] != b[order][:-1])
    inverse = np.empty(len(a), dtype=np.int64)
    inverse[order] = np.cumsum(start) - 1
    first = order[start]
    return a[first], b[first], inverse


def hashed_infrastructure_parts(
    events: ir.Table, *, config: LinkageConfig, accounts: HashedKeys
) -> dict[str, CodedPart]:
    """The enabled infrastructure link types' memberships from group-bys on 64-bit hashes of
    the string columns (:func:`~distillwatch.linkage.membership.hash64`; ``accounts`` numbers
    the account hashes), with keys numbered in byte order: the parts
    :func:`infrastructure_part` gives, already coded. A link type whose key strings collide
    under the hash is missing from the result (the caller groups that one on strings)."""
    out: dict[str, CodedPart] = {}
    for lt, cols in INFRA_KEY_COLUMNS.items():
        if not config.enabled(lt):
            continue
        text = cols[-1]  # the string column: client_ip, ip_prefix or user_agent
        keys = hashed_keys(events, text)
        if keys is None:
            continue
        t = events
        for c in cols:
            t = t.filter(t[c].notnull())
        # ip_asn (an integer) is grouped as it is
        t = t.select(*cols[:-1], _ha=hash64(t.account_id), _hk=hash64(t[text]))
        counts = t.group_by(["_ha", *cols[:-1], "_hk"]).agg(_uses=t.count()).to_pyarrow()
        acct, adict, acode = local_codes(accounts, accounts.codes(counts["_ha"]))
        kcode = keys.codes(counts["_hk"])
        if lt == "asn_ua":
            # Keys "<asn>|<user agent>": number the distinct (asn, agent) pairs by their strings.
            asn = np.asarray(counts["ip_asn"].to_numpy(), dtype=np.int64)
            pair_asn, pair_agent, inverse = _distinct_pairs(asn, kcode, len(keys.values))
            text_keys = pc.binary_join_element_wise(
                pa.array(pair_asn, pa.int64()).cast(pa.string()),
                keys.values.take(pa.array(pair_agent)).cast(pa.string()),
                "|",
            )
            order = np.asarray(pc.sort_indices(text_keys).to_numpy(), dtype=np.int64)
            rank = np.empty(len(order), dtype=np.int64)
            rank[order] = np.arange(len(order))
            key_strings, key = text_keys.take(pa.array(order)), rank[inverse.reshape(-1)]
        else:
            key_strings, key = keys.values, kcode
        out[lt] = CodedPart(
            lt,
            acct,
            key_strings,
            key,
            np.asarray(counts["_uses"].to_numpy(), dtype=np.int64),
            np.ones(counts.num_rows),
            account_codes=(adict, acode),
        )
    return out

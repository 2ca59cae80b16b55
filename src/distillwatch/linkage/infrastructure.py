"""Shared infrastructure memberships: ``ip``, ``prefix`` and ``asn_ua``.

Three forms of the same result: :func:`infrastructure_counts` groups on the string columns (any
engine); :func:`hashed_infrastructure_parts` on their 64-bit hashes (DuckDB, about half the
CPU), checked exact against each key's distinct values; :func:`address_parts_from_network`
rolls ``ip`` and ``prefix`` up in memory from the feature stage's network rows (no scan)."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.linkage.config import LinkageConfig
from distillwatch.linkage.membership import hash64, int_codes, local_codes
from distillwatch.linkage.pairs import CodedPart, _pack, argsort_keys, run_starts, sorted_codes
from distillwatch.store.hashed_keys import HashedKeys, hashed_keys

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


def _distinct_pairs(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct ``(a, b)`` rows in ascending order and each row's position among them
    (``np.unique(axis=0)`` sorts structured rows, ~30x slower than one packed sort). When
    the pair packs into one int64, :func:`~distillwatch.linkage.membership.int_codes`
    (``pandas.factorize``) hashes the rows and sorts only the distinct ones: ``asn_ua``'s
    1.4M (ASN, agent) rows hold a few thousand distinct pairs."""
    if len(a) == 0:
        return a, b, np.zeros(0, dtype=np.int64)
    packed = _pack(a, b)
    if packed is not None:
        uniq, inverse = int_codes(pa.array(packed[0]))
        first = np.empty(len(uniq), dtype=np.int64)
        first[inverse] = np.arange(len(a))  # any row of each pair
        return a[first], b[first], inverse
    order = argsort_keys(a, b)
    start = run_starts(a[order], b[order])
    inverse = np.empty(len(a), dtype=np.int64)
    inverse[order] = np.cumsum(start) - 1
    first = order[start]
    return a[first], b[first], inverse


def _address_parts(
    events: ir.Table,
    link_types: list[str],
    keys: dict[str, HashedKeys],
    accounts: HashedKeys,
) -> dict[str, CodedPart]:
    """``ip`` and ``prefix`` (those of ``link_types``) from one group-by on (account, IP,
    prefix) hashes: one scan instead of two. Its ~50k groups are summed per (account, IP)
    and per (account, prefix) in memory; null-flag columns keep a null key out of its type."""
    cols = {lt: INFRA_KEY_COLUMNS[lt][0] for lt in link_types}
    any_key = ibis.or_(*(events[c].notnull() for c in cols.values()))
    t = events.filter(any_key)
    sel: dict[str, ir.Value] = {"_ha": hash64(t.account_id)}
    for lt, c in cols.items():
        sel[f"_n_{lt}"] = t[c].isnull()
        sel[f"_h_{lt}"] = hash64(t[c])
    t = t.select(**sel)
    counts = t.group_by(list(sel)).agg(_uses=t.count()).to_pyarrow()
    acode_all = accounts.codes(counts["_ha"])
    uses_all = np.asarray(counts["_uses"].to_numpy(), dtype=np.int64)
    out = {}
    for lt in link_types:
        has = ~np.asarray(counts[f"_n_{lt}"].to_numpy(zero_copy_only=False), dtype=bool)
        kc = keys[lt].codes(counts[f"_h_{lt}"].filter(pa.array(has)))
        a_, k_, inverse = _distinct_pairs(acode_all[has], kc)
        uses = np.bincount(inverse, weights=uses_all[has], minlength=len(a_)).astype(np.int64)
        acct, adict, acode = local_codes(accounts, a_)
        out[lt] = CodedPart(lt, acct, keys[lt].values, k_, uses, np.ones(len(a_)),
                            account_codes=(adict, acode))
    return out


# the link types whose memberships the feature stage's network rows hold
ADDRESS_KEY_COLUMNS: dict[str, str] = {"ip": "client_ip", "prefix": "ip_prefix"}


def address_parts_from_network(
    network: pa.Table, *, config: LinkageConfig, accounts: HashedKeys | None = None
) -> dict[str, CodedPart]:
    """``ip`` and ``prefix`` (those enabled) from the feature stage's network rows: the parts
    :func:`hashed_infrastructure_parts` gives for the same events, row for row, with no scan.

    ``network`` is :func:`~distillwatch.features.expressions.network_usage`'s table named by
    account id (``account_id``, ``ip_prefix``, ``client_ip``, ``n``, ...; one row per account,
    prefix, ASN, IP and model, null keys grouped together) of exactly the events the other
    memberships are made from: summing ``n`` per (account, IP) and per (account, prefix),
    null keys left out, gives each type's use counts. Rows come in (account, key) byte order
    with keys numbered among the type's distinct non-null values in byte order, as the
    hashed group-bys number them. ``accounts`` (the hashed account dictionary, when the
    caller has one) numbers the account ids; an id missing from it raises."""
    out: dict[str, CodedPart] = {}
    ids = network.column("account_id")
    if accounts is not None:
        idx = pc.index_in(ids, value_set=accounts.values)
        if idx.null_count:
            raise RuntimeError("a network row's account is missing from the account dictionary")
        acode_all = np.asarray(idx.to_numpy(), dtype=np.int64)
    uses_all = np.asarray(network.column("n").to_numpy(), dtype=np.int64)
    for lt, col in ADDRESS_KEY_COLUMNS.items():
        if not config.enabled(lt):
            continue
        values = network.column(col)
        has = pc.is_valid(values)
        kdict, kc = sorted_codes(values.filter(has).cast(pa.string()))
        mask = np.asarray(has.to_numpy(), dtype=bool)
        if accounts is not None:
            a_, k_, inverse = _distinct_pairs(acode_all[mask], kc)
            acct, adict, acode = local_codes(accounts, a_)
        else:
            # no dictionary: the ids of these rows numbered among themselves (all used)
            adict, local = sorted_codes(ids.filter(has).cast(pa.string()))
            a_, k_, inverse = _distinct_pairs(local, kc)
            acct, acode = adict.take(pa.array(a_)), a_
        uses = np.bincount(inverse, weights=uses_all[mask], minlength=len(a_)).astype(np.int64)
        out[lt] = CodedPart(lt, acct, kdict, k_, uses, np.ones(len(a_)),
                            account_codes=(adict, acode))
    return out


def hashed_infrastructure_parts(
    events: ir.Table, *, config: LinkageConfig, accounts: HashedKeys,
    link_types: tuple[str, ...] | None = None,
) -> dict[str, CodedPart]:
    """The enabled infrastructure link types' memberships from group-bys on 64-bit hashes of
    the string columns (:func:`~distillwatch.store.engines.hash64`; ``accounts`` numbers
    the account hashes), with keys numbered in byte order: the parts
    :func:`infrastructure_part` gives, already coded. A link type whose key strings collide
    under the hash is missing from the result (the caller groups that one on strings).
    ``link_types``: only those (default: every infrastructure type)."""
    out: dict[str, CodedPart] = {}
    keys = {}
    for lt, cols in INFRA_KEY_COLUMNS.items():
        wanted = config.enabled(lt) and (link_types is None or lt in link_types)
        k = hashed_keys(events, cols[-1]) if wanted else None
        if k is not None:
            keys[lt] = k
    address: list[str] = [lt for lt in ("ip", "prefix") if lt in keys]
    if address:
        out.update(_address_parts(events, address, keys, accounts))
    lt = "asn_ua"
    agents = keys.get(lt)
    if agents is not None:
        t = events.filter(events.ip_asn.notnull() & events.user_agent.notnull())
        # ip_asn (an integer) is grouped as it is
        t = t.select(t.ip_asn, _ha=hash64(t.account_id), _hk=hash64(t.user_agent))
        counts = t.group_by(["_ha", "ip_asn", "_hk"]).agg(_uses=t.count()).to_pyarrow()
        acct, adict, acode = local_codes(accounts, accounts.codes(counts["_ha"]))
        kcode = agents.codes(counts["_hk"])
        # Keys "<asn>|<user agent>": number the distinct (asn, agent) pairs by their strings.
        asn = np.asarray(counts["ip_asn"].to_numpy(), dtype=np.int64)
        pair_asn, pair_agent, inverse = _distinct_pairs(asn, kcode)
        text_keys = pc.binary_join_element_wise(
            pa.array(pair_asn, pa.int64()).cast(pa.string()),
            agents.values.take(pa.array(pair_agent)).cast(pa.string()),
            "|",
        )
        order = np.asarray(pc.sort_indices(text_keys).to_numpy(), dtype=np.int64)
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        key_strings, key = text_keys.take(pa.array(order)), rank[inverse.reshape(-1)]
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

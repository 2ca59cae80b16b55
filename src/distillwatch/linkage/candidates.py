"""Link candidates as Ibis expressions over the store (the same code on DuckDB and PySpark).

Every link type is expressed the same way: a *membership* table ``(link_type, key,
account_id, uses, mult)`` saying which accounts share which key (a payment fingerprint, an IP,
a template, a synchrony bucket, ...). :func:`pair_candidates` turns memberships into pair
edges without the quadratic blow-up of a self-join: inside each key group, members are
ordered by ``account_id`` and each one is paired with its next ``window`` members in that
order. A group of ``n`` accounts yields at most ``n * window`` pairs, and because every link
type uses the same order, groups that hold the same accounts produce the same pairs, so their
evidence adds up on one edge. Groups larger than ``hub_size`` produce no edges at all.

Only account ids and engine-independent strings are used as keys and sort orders; no
engine hash is computed or persisted (hash values differ between DuckDB and Spark).
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from distillwatch.features.expressions import exact_sum
from distillwatch.linkage.config import INFRA_LINK_TYPES, LinkageConfig
from distillwatch.linkage.lsh import near_dup_memberships
from distillwatch.linkage.membership import (
    MEMBERSHIP_COLUMNS,
    conform,
    counted,
    membership,
    template_groups,
)
from distillwatch.linkage.partition import partition_memberships
from distillwatch.linkage.synchrony import synchrony_memberships


def _cap_per_account(m: ir.Table, cap: int) -> ir.Table:
    """Keep each account's ``cap`` most used keys of ``m`` (one link type; ties by key)."""
    w = ibis.window(group_by=[m.account_id], order_by=[m.uses.desc(), m.key])
    return m.mutate(_rk=ibis.row_number().over(w)).filter(lambda t: t._rk < cap).drop("_rk")


def event_memberships(
    events: ir.Table, *, config: LinkageConfig, templates: ir.Table | None = None
) -> list[ir.Table]:
    """Memberships of the event-level link types that need only counting.

    Shared client IPs, /24 (/48) prefixes, ASN + user-agent pairs, templates and synchrony
    buckets. Each is one group-by on the store's own columns (reading only those columns);
    composite key strings (``asn|user agent``, ``template@bucket``) are built per group, not
    per event.
    """
    e = events
    out: list[ir.Table] = []
    if config.enabled("ip"):
        out.append(counted(e, "ip", [e.client_ip], lambda g: g._c0))
    if config.enabled("prefix"):
        out.append(counted(e, "prefix", [e.ip_prefix], lambda g: g._c0))
    if config.enabled("asn_ua"):
        out.append(
            counted(
                e,
                "asn_ua",
                [e.ip_asn, e.user_agent],
                lambda g: g._c0.cast("string").concat(ibis.literal("|"), g._c1),
            )
        )
    if config.enabled("template"):
        g = templates if templates is not None else template_groups(e)
        out.append(membership(g, "template", g.template_key, g._uses))
    out += synchrony_memberships(e, config=config)
    return out


def account_memberships(accounts: ir.Table, *, config: LinkageConfig) -> list[ir.Table]:
    """Shared payment instruments, e-mail domains, organisation-name patterns, sign-up bursts."""
    a = accounts
    one = ibis.literal(1)
    out = []
    if config.enabled("payment"):
        t = a.filter(a.payment_fingerprint.notnull() & (a.payment_fingerprint != ""))
        out.append(membership(t, "payment", t.payment_fingerprint, one))
    if config.enabled("email_domain"):
        # Free mail providers (gmail, outlook...) say nothing; company and disposable
        # domains do, faded by how many accounts share them.
        cls = a.email_domain_class.fill_null("other")
        t = a.filter(a.email_domain.notnull() & (cls != "free"))
        out.append(membership(t, "email_domain", t.email_domain.lower(), one))
    if config.enabled("org_pattern"):
        # "Acme Labs 17", "acme labs 18" -> "acme labs #": numbered naming patterns.
        pat = a.org_name.lower().re_replace(r"[0-9]+", "#").re_replace(r"\s+", " ").strip()
        t = a.mutate(_pat=pat).filter(lambda t: t._pat.notnull() & (t._pat.length() > 2))
        out.append(membership(t, "org_pattern", t._pat, one))
    if config.enabled("signup_burst"):
        # Hours since the epoch as an integer: a timestamp cast to string differs by engine.
        hour = (a.created_at.epoch_seconds() / 3600).floor().cast("int64").cast("string")
        key = a.signup_channel.fill_null("?").concat(
            ibis.literal("|"), a.country.fill_null("?"), ibis.literal("|"), hour
        )
        t = a.mutate(_key=key).filter(lambda t: t.created_at.notnull())
        out.append(membership(t, "signup_burst", t._key, one))
    return out


def account_young(events: ir.Table, accounts: ir.Table, *, config: LinkageConfig) -> ir.Table:
    """``(account_id, young)``: created less than ``young_days`` before its first exchange."""
    first = events.group_by(events.account_id).agg(_first=events.ts.min())
    j = first.join(accounts.select("account_id", "created_at"), "account_id", how="left")
    age_s = j._first.epoch_seconds() - j.created_at.epoch_seconds()
    young = ibis.ifelse(
        j.created_at.isnull(),
        ibis.null("float64"),
        (age_s < config.young_days * 86400).cast("float64"),
    )
    return j.select(account_id=j.account_id, young=young)


def memberships(events: ir.Table, accounts: ir.Table | None, *, config: LinkageConfig) -> ir.Table:
    """All link-type memberships, each account capped at ``max_keys_per_account`` keys."""
    templates = template_groups(events)
    parts = event_memberships(events, config=config, templates=templates)
    parts += near_dup_memberships(events, config=config, templates=templates)
    parts += partition_memberships(events, config=config)
    if accounts is not None:
        parts += account_memberships(accounts, config=config)
    if not parts:
        raise ValueError("every link type is disabled")
    # Capped per part (one link type each): ranking within (account) rather than within
    # (link type, account) over the union sorts smaller partitions on shorter keys.
    capped = [_cap_per_account(conform(p), config.max_keys_per_account) for p in parts]
    return ibis.union(*capped, distinct=False)


def _per_type(lt: ir.Value, values: dict[str, float], default: float) -> ir.Value:
    return ibis.cases(*((lt == name, ibis.literal(v)) for name, v in values.items()), else_=default)


def group_weights(m: ir.Table, young: ir.Table | None, *, config: LinkageConfig) -> ir.Table:
    """Members with their group's size ``n`` and weight ``gw`` (rarity x multipliers).

    rarity = min(1, (full_size / n) ** alpha): a key shared by a handful of accounts counts in
    full, one shared by thousands (a campus NAT, a reseller's egress) fades towards nothing.
    Shared infrastructure is scaled by ``0.5 + share of young accounts`` in the group.
    """
    if young is not None:
        m = m.join(young, "account_id", how="left").select(*MEMBERSHIP_COLUMNS, "young")
    else:
        m = m.mutate(young=ibis.null("float64"))
    # Group statistics as window aggregates: one pass over the memberships, no group-by
    # joined back (which made the engine compute the memberships twice).
    gw_ = ibis.window(group_by=[m.link_type, m.key])
    g = m.mutate(
        n=m.count().over(gw_), young_share=m.young.mean().over(gw_), gmult=m.mult.mean().over(gw_)
    )
    g = g.filter((g.n >= 2) & (g.n <= config.hub_size))
    full = _per_type(g.link_type, {k: float(v.full_size) for k, v in config.links.items()}, 2.0)
    alpha = _per_type(g.link_type, {k: v.alpha for k, v in config.links.items()}, 1.0)
    rarity = ibis.least(ibis.literal(1.0), (full / g.n.cast("float64")).pow(alpha))
    infra = g.link_type.isin(sorted(INFRA_LINK_TYPES))
    ymult = ibis.ifelse(infra & g.young_share.notnull(), 0.5 + g.young_share, 1.0)
    return g.select("link_type", "key", "account_id", "n", gw=rarity * ymult * g.gmult)


def pair_candidates(weighted: ir.Table, *, config: LinkageConfig) -> ir.Table:
    """Windowed pairs per key group, summed per ``(src, dst, link_type)``.

    Columns: src < dst (account ids), link_type, shared (keys in common, among sampled
    pairs), raw (sum of group weights), key (one example key, the smallest), group_size
    (size of that smallest group).
    """
    w = ibis.window(group_by=[weighted.link_type, weighted.key], order_by=[weighted.account_id])
    nbrs = ibis.array([weighted.account_id.lead(j).over(w) for j in range(1, config.window + 1)])
    # One pass: each member's next `window` members as an array, unnested into pairs.
    t = weighted.mutate(_nbrs=nbrs)
    pairs = t.select(
        src=t.account_id, dst=t._nbrs.unnest(), link_type=t.link_type, key=t.key, n=t.n, gw=t.gw
    ).filter(lambda x: x.dst.notnull())
    return pairs.group_by([pairs.src, pairs.dst, pairs.link_type]).agg(
        shared=pairs.count(),
        raw=exact_sum(pairs.gw),
        key=pairs.key.min(),
        group_size=pairs.n.min(),
    )


def link_candidates(
    events: ir.Table, accounts: ir.Table | None, *, config: LinkageConfig
) -> ir.Table:
    """The engine-side half of linkage: one row per (src, dst, link_type) with raw evidence."""
    m = memberships(events, accounts, config=config)
    young = account_young(events, accounts, config=config) if accounts is not None else None
    return pair_candidates(group_weights(m, young, config=config), config=config)

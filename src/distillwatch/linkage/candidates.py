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

from distillwatch.linkage.config import INFRA_LINK_TYPES, LinkageConfig

MEMBERSHIP_COLUMNS = ("link_type", "key", "account_id", "uses", "mult")
_MEMBERSHIP_TYPES = {
    "link_type": "string",
    "key": "string",
    "account_id": "string",
    "uses": "int64",
    "mult": "float64",
}


def _conform(t: ir.Table) -> ir.Table:
    """Same column types and nullability in every part, so the parts can be unioned."""
    return t.select(**{c: t[c].cast(ibis.dtype(ty)) for c, ty in _MEMBERSHIP_TYPES.items()})


def _membership(t: ir.Table, link_type: str, key: ir.Value, uses: ir.Value) -> ir.Table:
    return t.select(
        link_type=ibis.literal(link_type),
        key=key.cast("string"),
        account_id=t.account_id,
        uses=uses.cast("int64"),
        mult=ibis.literal(1.0).cast("float64"),
    )


def _cap_per_account(m: ir.Table, cap: int) -> ir.Table:
    """Keep each account's ``cap`` most used keys of a link type (ties broken by key)."""
    w = ibis.window(group_by=[m.link_type, m.account_id], order_by=[m.uses.desc(), m.key])
    return m.mutate(_rk=ibis.row_number().over(w)).filter(lambda t: t._rk < cap).drop("_rk")


def _counted(events: ir.Table, link_type: str, key: ir.Value) -> ir.Table:
    t = events.mutate(_key=key).filter(lambda t: t._key.notnull())
    g = t.group_by([t.account_id, t._key]).agg(_uses=t.count())
    return _membership(g, link_type, g._key, g._uses)


def infra_memberships(events: ir.Table, *, config: LinkageConfig) -> list[ir.Table]:
    """Shared client IPs, /24 (/48) prefixes and ASN + user-agent pairs."""
    out = []
    if config.enabled("ip"):
        out.append(_counted(events, "ip", events.client_ip))
    if config.enabled("prefix"):
        out.append(_counted(events, "prefix", events.ip_prefix))
    if config.enabled("asn_ua"):
        key = ibis.ifelse(
            events.ip_asn.notnull() & events.user_agent.notnull(),
            events.ip_asn.cast("string").concat(ibis.literal("|"), events.user_agent),
            ibis.null("string"),
        )
        out.append(_counted(events, "asn_ua", key))
    return out


def template_memberships(events: ir.Table, *, config: LinkageConfig) -> list[ir.Table]:
    return [_counted(events, "template", events.template_key)] if config.enabled(
        "template"
    ) else []


def synchrony_memberships(events: ir.Table, *, config: LinkageConfig) -> list[ir.Table]:
    """SynchroTrap-style loose synchrony: the same action (template) in the same time bucket.

    Only every ``sample_every``-th bucket is kept, which bounds the work for campaigns of any
    size while leaving enough shared buckets between accounts that act together.
    """
    if not config.enabled("synchrony"):
        return []
    sc = config.synchrony
    bucket = (events.ts.epoch_seconds() / (60 * sc.bucket_minutes)).floor().cast("int64")
    t = events.mutate(_bucket=bucket).filter(
        lambda t: t.template_key.notnull() & ((t._bucket % sc.sample_every) == 0)
    )
    key = t.template_key.concat(ibis.literal("@"), t._bucket.cast("string"))
    return [_counted(t, "synchrony", key)]


def near_dup_memberships(events: ir.Table, *, config: LinkageConfig) -> list[ir.Table]:
    """MinHash LSH banding on the stored sketches, computed by the engine.

    Each account is represented by one stored signature per template it uses most (the
    signature of its smallest ``event_key`` for that template, so the choice is the same on
    every engine). A signature is cut into ``bands`` bands of ``rows`` values; two accounts
    sharing a band bucket are near-duplicate candidates (probability ``1 - (1 - s^rows)^bands``
    for Jaccard similarity ``s``). rensa's own LSH index cannot take stored digests back
    (it only indexes signatures it computed), so the banding is done here, engine-side.
    """
    if not config.enabled("near_dup"):
        return []
    lc = config.lsh
    t = events.filter(events.minhash.notnull() & events.template_key.notnull())
    per = t.group_by([t.account_id, t.template_key]).agg(
        _uses=t.count(), _sig=t.minhash.argmin(t.event_key)
    )
    w = ibis.window(group_by=[per.account_id], order_by=[per._uses.desc(), per.template_key])
    per = per.mutate(_rk=ibis.row_number().over(w)).filter(
        lambda p: p._rk < lc.templates_per_account
    )
    out = []
    for b in range(lc.bands):
        parts: list[ir.Value] = []
        for i in range(lc.rows):
            if parts:
                parts.append(ibis.literal(","))
            parts.append(per._sig[b * lc.rows + i].cast("string"))
        key = ibis.literal(f"b{b}:").concat(*parts)
        out.append(per.select(account_id=per.account_id, _key=key, _uses=per._uses))
    bands = ibis.union(*out, distinct=False)
    g = bands.group_by([bands.account_id, bands._key]).agg(_uses=bands._uses.sum())
    return [_membership(g, "near_dup", g._key, g._uses)]


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
    per_item = ti.group_by([ti.template_key, ti.item_key]).agg(_na=ti.account_id.nunique())
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
        _mult=ibis.greatest(
            ibis.literal(0.05), 1.0 - grp._overlap / max(pc.max_overlap, 1e-9)
        )
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


def account_memberships(accounts: ir.Table, *, config: LinkageConfig) -> list[ir.Table]:
    """Shared payment instruments, e-mail domains, organisation-name patterns, sign-up bursts."""
    a = accounts
    one = ibis.literal(1)
    out = []
    if config.enabled("payment"):
        t = a.filter(a.payment_fingerprint.notnull() & (a.payment_fingerprint != ""))
        out.append(_membership(t, "payment", t.payment_fingerprint, one))
    if config.enabled("email_domain"):
        # Free mail providers (gmail, outlook...) say nothing; company and disposable
        # domains do, faded by how many accounts share them.
        cls = a.email_domain_class.fill_null("other")
        t = a.filter(a.email_domain.notnull() & (cls != "free"))
        out.append(_membership(t, "email_domain", t.email_domain.lower(), one))
    if config.enabled("org_pattern"):
        # "Acme Labs 17", "acme labs 18" -> "acme labs #": numbered naming patterns.
        pat = a.org_name.lower().re_replace(r"[0-9]+", "#").re_replace(r"\s+", " ").strip()
        t = a.mutate(_pat=pat).filter(lambda t: t._pat.notnull() & (t._pat.length() > 2))
        out.append(_membership(t, "org_pattern", t._pat, one))
    if config.enabled("signup_burst"):
        hour = a.created_at.truncate("h").cast("string")
        key = a.signup_channel.fill_null("?").concat(
            ibis.literal("|"), a.country.fill_null("?"), ibis.literal("|"), hour
        )
        t = a.mutate(_key=key).filter(lambda t: t.created_at.notnull())
        out.append(_membership(t, "signup_burst", t._key, one))
    return out


def account_young(events: ir.Table, accounts: ir.Table, *, config: LinkageConfig) -> ir.Table:
    """``(account_id, young)``: created less than ``young_days`` before its first exchange."""
    first = events.group_by(events.account_id).agg(_first=events.ts.min())
    j = first.join(accounts.select("account_id", "created_at"), "account_id", how="left")
    age_s = j._first.epoch_seconds() - j.created_at.epoch_seconds()
    young = ibis.ifelse(
        j.created_at.isnull(), ibis.null("float64"), (age_s < config.young_days * 86400).cast(
            "float64"
        )
    )
    return j.select(account_id=j.account_id, young=young)


def memberships(
    events: ir.Table, accounts: ir.Table | None, *, config: LinkageConfig
) -> ir.Table:
    """All link-type memberships, each account capped at ``max_keys_per_account`` keys."""
    parts: list[ir.Table] = []
    parts += infra_memberships(events, config=config)
    parts += template_memberships(events, config=config)
    parts += synchrony_memberships(events, config=config)
    parts += near_dup_memberships(events, config=config)
    parts += partition_memberships(events, config=config)
    if accounts is not None:
        parts += account_memberships(accounts, config=config)
    if not parts:
        raise ValueError("every link type is disabled")
    m = ibis.union(*[_conform(p) for p in parts], distinct=False)
    return _cap_per_account(m, config.max_keys_per_account)


def _per_type(lt: ir.Value, values: dict[str, float], default: float) -> ir.Value:
    return ibis.cases(
        *((lt == name, ibis.literal(v)) for name, v in values.items()), else_=default
    )


def group_weights(
    m: ir.Table, young: ir.Table | None, *, config: LinkageConfig
) -> ir.Table:
    """Members with their group's size ``n`` and weight ``gw`` (rarity x multipliers).

    rarity = min(1, (full_size / n) ** alpha): a key shared by a handful of accounts counts in
    full, one shared by thousands (a campus NAT, a reseller's egress) fades towards nothing.
    Shared infrastructure is scaled by ``0.5 + share of young accounts`` in the group.
    """
    if young is not None:
        m = m.join(young, "account_id", how="left").select(*MEMBERSHIP_COLUMNS, "young")
    else:
        m = m.mutate(young=ibis.null("float64"))
    g = m.group_by([m.link_type, m.key]).agg(
        n=m.count(), young_share=m.young.mean(), gmult=m.mult.mean()
    )
    g = g.filter((g.n >= 2) & (g.n <= config.hub_size))
    full = _per_type(g.link_type, {k: float(v.full_size) for k, v in config.links.items()}, 2.0)
    alpha = _per_type(g.link_type, {k: v.alpha for k, v in config.links.items()}, 1.0)
    rarity = ibis.least(ibis.literal(1.0), (full / g.n.cast("float64")).pow(alpha))
    infra = g.link_type.isin(sorted(INFRA_LINK_TYPES))
    ymult = ibis.ifelse(infra & g.young_share.notnull(), 0.5 + g.young_share, 1.0)
    g = g.mutate(gw=rarity * ymult * g.gmult)
    return m.select("link_type", "key", "account_id").join(g, ["link_type", "key"]).select(
        "link_type", "key", "account_id", "n", "gw"
    )


def pair_candidates(weighted: ir.Table, *, config: LinkageConfig) -> ir.Table:
    """Windowed pairs per key group, summed per ``(src, dst, link_type)``.

    Columns: src < dst (account ids), link_type, shared (keys in common, among sampled
    pairs), raw (sum of group weights), key (one example key, the smallest), group_size
    (size of that smallest group).
    """
    w = ibis.window(group_by=[weighted.link_type, weighted.key], order_by=[weighted.account_id])
    leads = {f"_n{j}": weighted.account_id.lead(j).over(w) for j in range(1, config.window + 1)}
    t = weighted.mutate(**leads)
    parts = [
        t.select(
            src=t.account_id, dst=t[f"_n{j}"], link_type=t.link_type, key=t.key, n=t.n, gw=t.gw
        ).filter(lambda x: x.dst.notnull())
        for j in range(1, config.window + 1)
    ]
    pairs = ibis.union(*parts, distinct=False)
    return pairs.group_by([pairs.src, pairs.dst, pairs.link_type]).agg(
        shared=pairs.count(),
        raw=pairs.gw.sum(),
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

"""Engine-side account aggregates as Ibis expressions (identical on DuckDB and PySpark).

Each function takes the store's event table (``STORE_EVENT_SCHEMA``) and returns a small table
grouped by account (or by account and one low-cardinality key), except the events' times
with their account's integer index (:func:`with_account_index`), from which
``features.cadence`` computes gaps, hours and active days (a sort of one int64 column instead
of the engine's window function and two more hash aggregates). Everything per account that
needs more than an aggregate (entropy, longest rest, ratios, comparisons with other accounts)
is finished in memory by ``features.account``.

Speed: an engine's hash aggregate pays per event for every aggregate and every key, and
each pass reads its columns again, so the passes are few and narrow: the main aggregate
(:func:`account_aggregates`), the network/model grain (:func:`network_usage`, which evidence
reuses), three distinct counts, the (account, template, item) roll-up and the event times.
The main aggregate groups by the account id string; on DuckDB the other passes group or
join on the engine's 64-bit hash of it instead, once :func:`hashed_accounts` has checked
that no two accounts share one (the network rows, grouped before the accounts are known,
are named after that check), and the template roll-up on the stored integer template and
item keys. Only the event times need
:func:`with_account_index` (the events joined to a dense integer index of the accounts),
to pack the account into an integer. Joining every pass to that index was tried: on
DuckDB the join's probe cost more per event than hashing the string in the aggregate.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa

from distillwatch.schema import INTENT_COLUMNS
from distillwatch.store.engines import hash64 as _hash64
from distillwatch.store.engines import on_duckdb
from distillwatch.store.hashed_keys import HashedKeys, hashed_keys

# Parameter-habit signals written by signals.request_signals at ingest.
SIGNAL_FLAGS: tuple[str, ...] = (
    "sig_logprobs",
    "sig_multi_choice",
    "sig_long_output",
    "sig_max_effort",
    "sig_single_turn",
    "sig_tools",
)
# Short names of the non-benign intent classes, in schema order (intent_label values -> feature).
INTENT_SHARES: dict[str, str] = {
    label: "share_" + col for label, col in INTENT_COLUMNS.items()
}


@dataclass(frozen=True)
class ModelRelease:
    """A model whose first event in the store came after the store's start: a release."""

    model: str
    first_seen: datetime


# Signals with a raw-parameter fallback (:func:`_flag`): the flag from the raw parameters.
_RAW_FALLBACK: dict[str, Callable[[ir.Table], ir.BooleanValue]] = {
    "sig_logprobs": lambda e: e.logprobs.fill_null(False) | (e.top_logprobs.fill_null(0) > 0),
    "sig_multi_choice": lambda e: e.n.fill_null(1) > 1,
    "sig_tools": lambda e: e.tool_count.fill_null(0) > 0,
    "sig_single_turn": lambda e: e.turn == 0,
}
RAW_FALLBACK_FLAGS: tuple[str, ...] = tuple(_RAW_FALLBACK)


def _flag(e: ir.Table, name: str, *, complete: Collection[str] = ()) -> ir.BooleanValue:
    """A stored parameter signal; where ingest ran without signals, the raw parameter.

    Only flags that need no threshold fall back (long output and maximum effort depend on
    the signal configuration, so they stay missing rather than guessed). A flag in
    ``complete`` (set on every event, :func:`signal_gaps`) is the stored signal alone: the
    fallback would never be taken, and leaving it out spares the engine reading five raw
    parameter columns of every event (a sixth of the main aggregate's time).
    """
    sig: ir.BooleanValue = e[name]
    if name in complete or name not in _RAW_FALLBACK:
        return sig
    return sig.coalesce(_RAW_FALLBACK[name](e))


def signal_gaps(events: ir.Table) -> ir.Table:
    """One row: per flag of :data:`RAW_FALLBACK_FLAGS`, the events without it (cheap: a
    null count of one boolean column each)."""
    n = events.count()
    return events.aggregate(**{f: n - events[f].count() for f in RAW_FALLBACK_FLAGS})


def _total(col: ir.IntegerColumn) -> ir.IntegerScalar:
    return col.fill_null(0).cast("int64").sum()


# Float sums in a parallel engine depend on the order its threads finish in, so two runs over
# the same store could differ in the last bit. Integers add up the same in any order: summing
# fixed-point values (resolution 2^-32) keeps findings byte-identical from run to run.
FIXED_SCALE = 2**32


@ibis.udf.scalar.builtin(name="round")
def _round(value: dt.float64) -> dt.float64:
    """The engine's one-argument ``round`` (half away from zero on DuckDB, half up on Spark:
    the same as ``round(value, 0)``). Ibis' ``round()`` writes ``round(value, 0)``, which
    DuckDB computes as ``round(value * 10^0) / 10^0`` per value: the same numbers for a
    measurable share of the main aggregate's CPU (seven of these per event)."""


def fixed_point(col: ir.NumericValue) -> ir.IntegerValue:
    """``col`` as int64 units of 2^-32 (null stays null); sum it, then :func:`from_fixed`."""
    return _round(col.cast("float64") * FIXED_SCALE).cast("int64")


def from_fixed(total: ir.NumericValue) -> ir.FloatingValue:
    """A sum of :func:`fixed_point` values back as float64."""
    return total.cast("float64") / FIXED_SCALE


def exact_sum(col: ir.NumericValue) -> ir.FloatingScalar:
    """Sum of a float column that does not depend on evaluation order (see FIXED_SCALE)."""
    out: ir.FloatingScalar = from_fixed(fixed_point(col).sum())
    return out


# Events at or above each intent cut-off, per account (:func:`account_aggregates`, columns
# ``INTENT_CUTOFF_COLUMNS``). Not features: evidence quotes an account's few highest-intent
# events, and ranking all of an account's events above 0.5 was its costliest query. The
# classifier saturates (most harvesting prompts score 0.9999 or exactly 1.0), so the highest
# cut-off an account has enough events above leaves the ranking a small fraction of them, with
# the same result (``findings.evidence``).
# Dyadic values (1 - 2^-k), exact in float32 and float64: the engine compares the float32
# scores with them the same way here and in evidence's filter, whatever it casts to.
INTENT_CUTOFFS: tuple[float, ...] = (1 - 2**-4, 1 - 2**-10, 1 - 2**-16, 1.0)
INTENT_CUTOFF_COLUMNS: tuple[str, ...] = tuple(f"intent_ge_{i}" for i in range(len(INTENT_CUTOFFS)))


def account_aggregates(
    events: ir.Table,
    *,
    releases: Sequence[ModelRelease] = (),
    pivot_hours: float = 48.0,
    complete_signals: Collection[str] = (),
    activity: bool = False,
) -> ir.Table:
    """One row per account: volume, tokens, intent, parameter habits, hosting, model pivots.

    ``complete_signals``: flags no event lacks (:func:`signal_gaps`), read without their
    raw-parameter fallback; the values are the same either way.

    ``activity``: also the campaign stage's per-account sums (:data:`ACTIVITY_SUMS`, the
    values of ``linkage.activity.account_activity``), so that linkage need not scan the
    events again: five intent sums more in the first stage and a few more mask bits (most
    are the shares' bits already).

    Only sums, means, shares and extremes (no DISTINCT: the distinct counts are in
    :func:`distinct_counts`). Two stages, because an engine's hash aggregate pays per aggregate
    per event: the ~18 yes/no conditions behind the shares are packed into one integer ``mask``
    per event and the events grouped by (account, mask) with ten aggregates; the per-account
    roll-up of that small table turns each bit into a share. Counts and shares are exact; means
    are sums over counts, the same values up to float rounding (features round to 9 decimals).
    """
    e = events
    window = timedelta(hours=pivot_hours)
    # Without releases both are "no" (a column expression, so that it packs like the others).
    in_release: ir.BooleanValue = e.account_id.isnull() & False
    early_on_new: ir.BooleanValue = e.account_id.isnull() & False
    for r in releases:
        # Compared as UTC instants: converting every ts to a naive timestamp costs more than
        # the rest of the aggregate.
        start = ibis.literal(r.first_seen.astimezone(UTC), type="timestamp('UTC')")
        end = ibis.literal((r.first_seen + window).astimezone(UTC), type="timestamp('UTC')")
        inside = (e.ts >= start) & (e.ts < end)
        in_release = in_release | inside
        early_on_new = early_on_new | (inside & (e.model == r.model))
    bits: dict[str, ir.BooleanValue] = {
        "share_intent_high": e.intent_score >= 0.5,
        **{name: e.intent_label == label for label, name in INTENT_SHARES.items()},
        **{"share_" + f.removeprefix("sig_"): _flag(e, f, complete=complete_signals)
           for f in SIGNAL_FLAGS},
        "share_errors": e.status >= 400,
        "share_hosting": e.ip_is_hosting,
        "share_vpn": e.ip_is_vpn | e.ip_is_tor,
        "release_window_events": in_release,
        "new_model_early_events": early_on_new,
    }
    # Activity counts a share's bit already holds (NULL is "no" in both); the others get bits.
    same_bit: dict[str, str] = {}
    if activity:
        same_bit["hosting_n"] = "share_hosting"
        bits["vpn_n"] = e.ip_is_vpn  # VPN alone: the share counts Tor too
        for f in ACTIVITY_SIGNALS:
            share = "share_" + f.removeprefix("sig_")
            if f in complete_signals or f not in _RAW_FALLBACK:
                same_bit[f + "_n"] = share  # the stored flag, as the share reads it
            else:
                bits[f + "_n"] = e[f]  # the stored flag without the raw fallback
    # NULL conditions count as "no" (CASE WHEN NULL takes the ELSE): a missing flag is not
    # evidence.
    mask = sum(
        (cond.ifelse(1 << i, 0) for i, cond in enumerate(bits.values())),
        ibis.literal(0, type="int64"),
    )
    pre = e.group_by(["account_id", mask.name("mask")]).aggregate(
        n=e.count(),
        first_seen=e.ts.min(),
        last_seen=e.ts.max(),
        input_tokens=_total(e.input_tokens),
        output_tokens=_total(e.output_tokens),
        reasoning_tokens=_total(e.reasoning_tokens),
        intent_sum=fixed_point(e.intent_score).sum(),
        intent_n=e.intent_score.count(),
        request_sum=fixed_point(e.request_score).sum(),
        request_n=e.request_score.count(),
        **{name: (e.intent_score >= ibis.literal(cut, type="float64")).ifelse(1, 0).sum()
           for name, cut in zip(INTENT_CUTOFF_COLUMNS, INTENT_CUTOFFS, strict=True)},
        **({col + "_fx": fixed_point(e[col]).sum() for col in INTENT_COLUMNS.values()}
           if activity else {}),
    )
    n = pre.n.sum()
    counts: dict[str, ir.Scalar] = {
        name: (((pre.mask // (1 << i)) % 2) * pre.n).sum()
        for i, name in enumerate(bits)
    }
    share_names = [k for k in bits if k.startswith("share_")]
    return pre.group_by("account_id").aggregate(
        exchanges=n,
        first_seen=pre.first_seen.min(),
        last_seen=pre.last_seen.max(),
        input_tokens=pre.input_tokens.sum(),
        output_tokens=pre.output_tokens.sum(),
        reasoning_tokens=pre.reasoning_tokens.sum(),
        intent_score_mean=from_fixed(pre.intent_sum.sum()) / pre.intent_n.sum().nullif(0),
        request_score_mean=from_fixed(pre.request_sum.sum()) / pre.request_n.sum().nullif(0),
        **{k: counts[k].cast("float64") / n.cast("float64") for k in share_names},
        **{k: counts[k].cast("int64") for k in bits if k not in share_names},
        **{name: pre[name].sum().cast("int64") for name in INTENT_CUTOFF_COLUMNS},
        **(_activity_sums(pre, counts, same_bit) if activity else {}),
    )


# The sums ``linkage.activity.account_activity`` computes besides exchanges and first/last
# seen, in its column order (:func:`account_aggregates` with ``activity``).
ACTIVITY_SIGNALS: tuple[str, ...] = (
    "sig_logprobs", "sig_multi_choice", "sig_max_effort", "sig_long_output",
)
ACTIVITY_SUMS: tuple[str, ...] = (
    "request_score_sum", "hosting_n", "vpn_n",
    *(col + "_sum" for col in INTENT_COLUMNS.values()),
    *(f + "_n" for f in ACTIVITY_SIGNALS),
)


def _activity_sums(
    pre: ir.Table, counts: dict[str, ir.Scalar], same_bit: dict[str, str]
) -> dict[str, ir.Scalar]:
    """The float sums of :data:`ACTIVITY_SUMS` and the counts read from a share's bit, from
    the (account, mask) stage: the same integers as the activity query's own sums (nulls add
    nothing; an account without values sums to 0). Counts with bits of their own are rolled
    up with the other counts."""
    return {
        "request_score_sum": from_fixed(pre.request_sum.sum()).fill_null(0.0),
        **{col + "_sum": from_fixed(pre[col + "_fx"].sum()).fill_null(0.0)
           for col in INTENT_COLUMNS.values()},
        **{name: counts[share].cast("int64") for name, share in same_bit.items()},
    }


def hashed_accounts(events: ir.Table, account_ids: pa.Array | pa.ChunkedArray) -> pa.Table | None:
    """``account_id`` -> ``_ha`` (the engine's 64-bit hash of it) for ``account_ids`` (every
    account of ``events``), when no two of them share a hash; else None, and so on Spark
    (its ``hash`` is 32-bit).

    :func:`template_usage` and :func:`distinct_counts` given this table group the events on
    the hash instead of the id string and name their rows by joining it back,
    :func:`with_account_index` joins on it and :func:`name_by_hash` names the network rows
    with it: with no two accounts on one hash the groups and rows are the same. Account ids
    longer than 12 bytes are not inlined in DuckDB's strings, so each probe of a hash table
    keyed by them follows a pointer to compare; the hash is one integer compared in place
    (measured on 10.6M events: the template roll-up and distinct counts ~3.5 CPU-s less
    together with the integer template keys, the network rows ~0.2). The check costs one
    hash per account (thousands), not per event. The main aggregate keeps the string: its
    (account, mask) groups are few and it measured no faster on the hash.
    """
    if not on_duckdb(events):
        return None
    keys = hashed_keys(events, "account_id", values=account_ids)
    if keys is None:
        return None
    return pa.table({"account_id": keys.values, "_ha": keys.hashes})


def _account_key(events: ir.Table, by_hash: bool) -> tuple[ir.Table, str]:
    """``events`` with the column to group accounts by: ``_ha`` (the id's hash) or
    ``account_id``."""
    if not by_hash:
        return events, "account_id"
    return events.mutate(_ha=_hash64(events.account_id)), "_ha"


def _named(table: ir.Table, accounts: pa.Table | None) -> ir.Table:
    """Rows grouped by ``_ha`` named by their ``account_id`` again (one row each)."""
    if accounts is None:
        return table
    j = table.join(ibis.memtable(accounts), "_ha")
    return j.select("account_id", *(c for c in table.columns if c != "_ha"))


def account_index(account_ids: pa.Array | pa.ChunkedArray) -> ir.Table:
    """``account_id`` -> ``account_idx`` (0..n-1, in the order given) as an in-memory table."""
    ids = account_ids.cast(pa.string())
    idx = pa.array(np.arange(len(ids), dtype=np.int64))
    return ibis.memtable(pa.table({"account_id": ids, "account_idx": idx}))


def with_account_index(
    events: ir.Table, index: ir.Table, columns: Sequence[str], *,
    accounts: pa.Table | None = None,
) -> ir.Table:
    """``columns`` of the events and their account's integer ``account_idx`` (inner join).

    Every account of ``events`` must be in ``index`` (build it from
    :func:`account_aggregates` over the same events). ``accounts``
    (:func:`hashed_accounts`): joined on the account's hash instead of the id string (the
    same rows; the probe compares one integer, ~0.4 CPU-s less at 10.6M events).
    """
    if accounts is None:
        e = events.select("account_id", *columns)
        j = e.join(index, e.account_id == index.account_id)
        return j.select("account_idx", *(j[c] for c in columns))
    by_hash = index.join(ibis.memtable(accounts), "account_id").select("_ha", "account_idx")
    e = events.select(_hash64(events.account_id).name("_ha"), *columns)
    j = e.join(by_hash, "_ha")
    return j.select("account_idx", *(j[c] for c in columns))


def distinct_counts(
    events: ir.Table, *, approx_distinct: bool = False, accounts: pa.Table | None = None
) -> ir.Table:
    """Per ``account_id``: distinct user agents, API keys and end users.

    Distinct models, IPs, /24 prefixes and ASNs come from :func:`network_usage` (a small
    table that evidence needs anyway), distinct days from the event times
    (``features.cadence``). ``approx_distinct`` counts with the engine's HyperLogLog (faster
    on large stores; the values then differ slightly between engines and are not exact).
    Grouped by the string id, not the integer index: DuckDB's join to the index cost more
    per event than the string hash it saved.

    Exact counts are three ``SELECT DISTINCT account, value`` roll-ups in one query rather
    than three ``COUNT(DISTINCT)`` in one aggregate: DuckDB keeps a distinct set per group
    for each of those, which cost about a quarter more CPU (4.2-5.7 against 3.4-4.2 s on
    10.6M events, alternating runs). Accounts without any value of a column count 0; an
    account with no value in any of the three has no row (``features.account`` reads it
    as 0, as ``COUNT(DISTINCT)`` of nulls is).

    ``accounts`` (:func:`hashed_accounts`): grouped on the account's hash, the same rows.
    """
    by_hash = accounts is not None
    if approx_distinct:
        e, key = _account_key(events, by_hash)
        return _named(e.group_by(key).aggregate(
            distinct_user_agents=e.user_agent.approx_nunique(),
            distinct_api_keys=e.api_key_id.approx_nunique(),
            distinct_end_users=e.end_user.approx_nunique(),
        ), accounts)
    names = {"user_agent": "distinct_user_agents", "api_key_id": "distinct_api_keys",
             "end_user": "distinct_end_users"}
    zero = ibis.literal(0, type="int64")
    parts = []
    for col, name in names.items():
        # Each roll-up filters the events itself and only then adds the account's hash: with
        # one hashed table shared by the three, Ibis wrote it as a CTE, which DuckDB
        # materialized (every event's four columns copied once before the three scans of
        # the copy): ~0.2 CPU-s and ~1 s of wall more than reading the files three times.
        e, key = _account_key(events.filter(events[col].notnull()), by_hash)
        pairs = e.select(key, col).distinct()
        per = pairs.group_by(key).aggregate(n=pairs.count())
        # one long table: this column's count, 0 for the other two
        parts.append(per.select(key, **{
            other: (per.n.cast("int64") if other == name else zero) for other in names.values()
        }))
    long = ibis.union(*parts, distinct=False)
    return _named(long.group_by(key).aggregate(
        **{name: long[name].sum().cast("int64") for name in names.values()}
    ), accounts)


# The grain of :func:`network_usage`: evidence rolls its network and model support up from it.
NETWORK_KEYS: tuple[str, ...] = ("ip_prefix", "ip_asn", "client_ip", "model")
# Distinct counts finished from :func:`network_usage` (feature name -> key column).
NETWORK_DISTINCT: dict[str, str] = {
    "distinct_models": "model",
    "distinct_ips": "client_ip",
    "distinct_prefixes": "ip_prefix",
    "distinct_asns": "ip_asn",
}


def network_usage(events: ir.Table, *, by_hash: bool = False) -> ir.Table:
    """One row per (account, /24 prefix, ASN, IP, model): events, hosting events, the
    smallest event key and the first time.

    Small (an account uses few networks and models: tens of thousands of rows for ten
    million events), so it serves twice: the distinct models, IPs, prefixes and ASNs of every
    account are counted from it in memory (four fewer ``COUNT(DISTINCT)`` hash tables over
    the events), and evidence rolls the network and model support of its suspects up from it
    instead of scanning the events again (``findings.evidence``). Null keys group together.

    ``by_hash`` (DuckDB): grouped on the account id's 64-bit hash, column ``_ha`` in place of
    ``account_id`` (0.5-1.0 of ~5 CPU-s less at 10.6M events). This is the first pass, so the
    accounts are not known yet: :func:`name_by_hash` names the rows once
    :func:`hashed_accounts` has checked the hashes over every account (the caller groups on
    the strings again if two collide). The models' totals need no name.
    """
    e, key = _account_key(events, by_hash)
    return e.group_by([key, *NETWORK_KEYS]).aggregate(
        n=e.count(),
        hosting=e.ip_is_hosting.fill_null(False).cast("int64").sum(),
        example_event_key=e.event_key.min(),
        first=e.ts.min(),
    )


def name_by_hash(rows: pa.Table, accounts: pa.Table) -> pa.Table:
    """``rows`` keyed by ``_ha`` with ``account_id`` in its place, from ``accounts``
    (:func:`hashed_accounts`' table: every account, no hash twice)."""
    keys = HashedKeys(accounts.column("account_id").combine_chunks(),
                      accounts.column("_ha").combine_chunks())
    ids = keys.values.take(pa.array(keys.codes(rows.column("_ha"))))  # raises on a stray hash
    i = rows.column_names.index("_ha")
    return rows.set_column(i, pa.field("account_id", pa.string()), ids)


def template_usage(events: ir.Table, *, accounts: pa.Table | None = None) -> ir.Table:
    """Per ``account_id`` with sketched events: templates used, the busiest template's count,
    distinct (template, item) and sketched events.

    Grouping at the (account, template, item) grain and rolling up is cheaper than a
    COUNT(DISTINCT item_key) per template, and gives the task items of the account. It is
    the costliest feature pass (about one group per event for harvesters), so ``sketched``
    is counted here rather than read again by the main aggregate.

    Grouped on the stored integer keys (``template_key64``/``item_key64``, one to one with
    the hex strings, nulls where they are null: ``store.key_ints``): the same groups, and
    the engine hashes and compares two int64 instead of two 16-byte strings per event
    (about 30% of this query's CPU on 10.6M events). No key comes out, so no string is
    needed at all. ``accounts`` (:func:`hashed_accounts`): grouped on the account's hash
    too, so that every key of the two large group-bys is an integer; the same rows.
    """
    t, key = _account_key(events.filter(events.template_key64.notnull()), accounts is not None)
    pairs = t.group_by([key, "template_key64", "item_key64"]).aggregate(n=t.count())
    per = pairs.group_by([key, "template_key64"]).aggregate(
        n=pairs.n.sum(), items=pairs.count()
    )
    return _named(per.group_by(key).aggregate(
        templates=per.count(), top_template_n=per.n.max(), distinct_items=per["items"].sum(),
        sketched=per.n.sum(),
    ), accounts)


def template_items(events: ir.Table, *, accounts: pa.Table | None = None) -> ir.Table:
    """``distinct_items`` per ``account_id`` with sketched events: its distinct (template,
    item) pairs (a null item one value, as in :func:`template_usage`).

    :func:`template_usage`'s (account, template, item) groups counted per account, without
    the (account, template) level between: with :func:`template_usage_from` of an
    (account, template) aggregate that the caller has anyway (linkage's, in detect) it gives
    the same four columns. That middle roll-up (~6.75M rows into ~4M groups on 10.6M
    events) is about 1.4 CPU-s of :func:`template_usage`'s ~3.5. ``accounts`` as there.
    """
    t, key = _account_key(events.filter(events.template_key64.notnull()), accounts is not None)
    pairs = t.select(key, "template_key64", "item_key64").distinct()
    return _named(pairs.group_by(key).aggregate(distinct_items=pairs.count()), accounts)


def template_usage_from(
    groups: pa.Table, items: pa.Table, *, accounts: pa.Table | None = None
) -> pa.Table:
    """:func:`template_usage`'s rows from an (account, template) aggregate in memory and
    :func:`template_items`' rows of the same events.

    ``groups``: one row per (account, template) of the sketched events (``template_key64``
    not null) with its event count ``_uses``, keyed by ``_ha`` (with ``accounts``: the
    :func:`hashed_accounts` table that names the hashes) or ``account_id``, e.g. linkage's
    ``int_template_groups``; other columns are ignored. ``items``: keyed by ``account_id``.
    """
    key = "_ha" if accounts is not None else "account_id"
    per = groups.select([key, "_uses"]).group_by(key).aggregate(
        [("_uses", "count"), ("_uses", "max"), ("_uses", "sum")]
    )
    if accounts is not None:
        per = per.join(accounts, "_ha", join_type="inner")
    per = per.join(items, "account_id", join_type="full outer")
    i64 = pa.int64()
    return pa.table({
        "account_id": per.column("account_id"),
        "templates": per.column("_uses_count").cast(i64),
        "top_template_n": per.column("_uses_max").cast(i64),
        "distinct_items": per.column("distinct_items").cast(i64),
        "sketched": per.column("_uses_sum").cast(i64),
    })


def model_first_seen(events: ir.Table) -> ir.Table:
    """First event time and event count of each model in the store."""
    t = events.filter(events.model.notnull())
    return t.group_by("model").aggregate(first_seen=t.ts.min(), n=t.count())

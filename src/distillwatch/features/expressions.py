"""Engine-side account aggregates as Ibis expressions (identical on DuckDB and PySpark).

Each function takes the store's event table (``STORE_EVENT_SCHEMA``) and returns a small table
grouped by account (or by account and one low-cardinality key). They are plain aggregates; the
only window function is the per-account ``lag`` of :func:`gap_stats`, run on two columns.
Everything per account that needs more than an aggregate (entropy, longest rest, ratios,
comparisons with other accounts) is finished in memory by ``features.account``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import ibis
import ibis.expr.types as ir

from distillwatch.schema import INTENT_COLUMNS

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


def _share(cond: ir.BooleanValue) -> ir.FloatingScalar:
    # NULL conditions count as "no": a missing flag is not evidence.
    return cond.fill_null(False).cast("float64").mean()


def _flag(e: ir.Table, name: str) -> ir.BooleanValue:
    """A stored parameter signal; where ingest ran without signals, the raw parameter.

    Only flags that need no threshold fall back (long output and maximum effort depend on
    the signal configuration, so they stay missing rather than guessed).
    """
    raw: dict[str, ir.BooleanValue] = {
        "sig_logprobs": e.logprobs.fill_null(False) | (e.top_logprobs.fill_null(0) > 0),
        "sig_multi_choice": e.n.fill_null(1) > 1,
        "sig_tools": e.tool_count.fill_null(0) > 0,
        "sig_single_turn": e.turn == 0,
    }
    sig: ir.BooleanValue = e[name]
    return sig.coalesce(raw[name]) if name in raw else sig


def _total(col: ir.IntegerColumn) -> ir.IntegerScalar:
    return col.fill_null(0).cast("int64").sum()


def account_aggregates(
    events: ir.Table,
    *,
    releases: Sequence[ModelRelease] = (),
    pivot_hours: float = 48.0,
    approx_distinct: bool = False,
) -> ir.Table:
    """One row per account: volume, tokens, intent, parameter habits, network, model pivots.

    ``approx_distinct`` counts distinct IPs, prefixes, ASNs, user agents, keys and end users
    with the engine's HyperLogLog (several times faster on large stores; the values then
    differ slightly between engines and are no longer exact).
    """
    e = events

    def distinct(col: ir.Column) -> ir.IntegerScalar:
        return col.approx_nunique() if approx_distinct else col.nunique()

    window = timedelta(hours=pivot_hours)
    # Without releases both counts are 0 (a column expression, so that sum() aggregates).
    in_release: ir.BooleanValue = e.account_id.isnull() & False
    early_on_new: ir.BooleanValue = e.account_id.isnull() & False
    for r in releases:
        start = ibis.literal(r.first_seen.replace(tzinfo=None), type="timestamp")
        end = ibis.literal((r.first_seen + window).replace(tzinfo=None), type="timestamp")
        ts = e.ts.cast("timestamp")
        inside = (ts >= start) & (ts < end)
        in_release = in_release | inside
        early_on_new = early_on_new | (inside & (e.model == r.model))
    metrics: dict[str, ir.Scalar] = {
        "exchanges": e.count(),
        "first_seen": e.ts.min(),
        "last_seen": e.ts.max(),
        # the store's day partition is the UTC date of ts, and cheaper than converting ts
        "active_days": (e.day if "day" in e.columns else e.ts.date()).nunique(),
        "input_tokens": _total(e.input_tokens),
        "output_tokens": _total(e.output_tokens),
        "reasoning_tokens": _total(e.reasoning_tokens),
        "intent_score_mean": e.intent_score.cast("float64").mean(),
        "share_intent_high": _share(e.intent_score >= 0.5),
        "request_score_mean": e.request_score.cast("float64").mean(),
        **{name: _share(e.intent_label == label) for label, name in INTENT_SHARES.items()},
        **{"share_" + f.removeprefix("sig_"): _share(_flag(e, f)) for f in SIGNAL_FLAGS},
        "share_errors": _share(e.status >= 400),
        "sketched": e.template_key.notnull().cast("int64").sum(),
        "distinct_models": e.model.nunique(),
        "distinct_ips": distinct(e.client_ip),
        "distinct_prefixes": distinct(e.ip_prefix),
        "distinct_asns": distinct(e.ip_asn),
        "share_hosting": _share(e.ip_is_hosting),
        "share_vpn": _share(e.ip_is_vpn | e.ip_is_tor),
        "distinct_user_agents": distinct(e.user_agent),
        "distinct_api_keys": distinct(e.api_key_id),
        "distinct_end_users": distinct(e.end_user),
        "release_window_events": in_release.cast("int64").sum(),
        "new_model_early_events": early_on_new.cast("int64").sum(),
    }
    return e.group_by("account_id").aggregate(**metrics)


def gap_stats(events: ir.Table) -> ir.Table:
    """Inter-arrival gaps per account (seconds): count, mean and sample standard deviation.

    The one window function of the features: a per-account ``lag`` over (account_id, ts) only.
    """
    # Whole seconds on every engine (Spark's epoch_seconds truncates, DuckDB's keeps fractions).
    t = events.select("account_id", s=events.ts.epoch_seconds().floor().cast("float64"))
    t = t.mutate(prev=t.s.lag().over(ibis.window(group_by="account_id", order_by="s")))
    gap = (t.s - t.prev).name("gap")
    t = t.select("account_id", gap=gap).filter(ibis._.gap.notnull())
    return t.group_by("account_id").aggregate(
        gap_count=t.count(), gap_mean=t.gap.mean(), gap_std=t.gap.std()
    )


def hour_histogram(events: ir.Table) -> ir.Table:
    """Events per account and UTC hour of day (at most 24 rows per account)."""
    t = events.select("account_id", hour=events.ts.hour().cast("int64"))
    return t.group_by(["account_id", "hour"]).aggregate(n=t.count())


def template_usage(events: ir.Table) -> ir.Table:
    """Per account: templates used, the busiest template's count and distinct (template, item).

    Grouping at the (account, template, item) grain and rolling up is cheaper than a
    COUNT(DISTINCT item_key) per template, and gives the task items of the account.
    """
    t = events.filter(events.template_key.notnull())
    pairs = t.group_by(["account_id", "template_key", "item_key"]).aggregate(n=t.count())
    per = pairs.group_by(["account_id", "template_key"]).aggregate(
        n=pairs.n.sum(), items=pairs.count()
    )
    return per.group_by("account_id").aggregate(
        templates=per.count(), top_template_n=per.n.max(), distinct_items=per["items"].sum()
    )


def model_first_seen(events: ir.Table) -> ir.Table:
    """First event time and event count of each model in the store."""
    t = events.filter(events.model.notnull())
    return t.group_by("model").aggregate(first_seen=t.ts.min(), n=t.count())

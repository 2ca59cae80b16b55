"""Account features: one row per account, computed by the engine and finished in memory.

The engine (DuckDB or PySpark, see ``store.engines``) runs the aggregates of
``features.expressions``; their results are small (one row per account), except the clock
keys, one int64 per event, from which ``features.cadence`` computes gaps, hours of day and
active days. Ratios, entropies, the longest daily rest and comparisons with an account's
sign-up channel are computed here with numpy. Output schema: :data:`ACCOUNT_FEATURE_SCHEMA`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

import ibis.expr.types as ir
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.features.cadence import SECOND_BITS, Cadence, cadence, clock_keys
from distillwatch.features.expressions import (
    ACTIVITY_SUMS,
    INTENT_CUTOFF_COLUMNS,
    INTENT_SHARES,
    NETWORK_DISTINCT,
    SIGNAL_FLAGS,
    ModelRelease,
    account_aggregates,
    account_index,
    distinct_counts,
    hashed_accounts,
    model_first_seen,
    name_by_hash,
    network_usage,
    signal_gaps,
    template_items,
    template_usage,
    template_usage_from,
    with_account_index,
)
from distillwatch.schema import TS, require_columns
from distillwatch.store.engines import on_duckdb

DEFAULT_PIVOT_HOURS = 48.0
# A model is a "release" only when it first appears this long after the store's first event
# (otherwise every model looks new on day one) and is used by a few events at least.
DEFAULT_MIN_RELEASE_EVENTS = 20
# Cadence needs a handful of gaps before its coefficient of variation means anything.
MIN_GAPS_FOR_CV = 5
FLOAT_DECIMALS = 9
NEEDED_COLUMNS: tuple[str, ...] = (
    "ts", "account_id", "model", "input_tokens", "output_tokens", "reasoning_tokens", "status",
    "client_ip", "user_agent", "api_key_id", "end_user", "event_key", "ip_prefix", "ip_asn",
    "ip_is_hosting", "ip_is_vpn", "ip_is_tor", "template_key64", "item_key64", "intent_label",
    "intent_score", "request_score", *SIGNAL_FLAGS, "logprobs", "top_logprobs", "n",
    "tool_count", "turn",
)
# What the feature passes read from the store (NEEDED_COLUMNS less event_key, which only the
# evidence reads, plus the day partition): bench/detect.py's bare aggregate scans these.
FEATURE_SCAN_COLUMNS: tuple[str, ...] = (
    *(c for c in NEEDED_COLUMNS if c != "event_key"), "day",
)

_F64 = pa.float64()
_I64 = pa.int64()
ACCOUNT_FEATURE_SCHEMA = pa.schema(
    [
        pa.field("account_id", pa.string(), nullable=False),
        # volume and tokens against age and channel
        pa.field("exchanges", _I64),
        pa.field("first_seen", TS),
        pa.field("last_seen", TS),
        pa.field("active_days", _I64),
        pa.field("span_days", _F64),
        pa.field("exchanges_per_active_day", _F64),
        pa.field("input_tokens", _I64),
        pa.field("output_tokens", _I64),
        pa.field("reasoning_tokens", _I64),
        pa.field("output_tokens_per_active_day", _F64),
        pa.field("mean_output_tokens", _F64),
        pa.field("signup_channel", pa.string()),
        pa.field("email_domain_class", pa.string()),
        pa.field("verified", pa.bool_()),
        pa.field("account_age_days", _F64),  # at the account's first event in the window
        pa.field("volume_vs_channel", _F64),  # log10 tokens/day minus its channel's median
        # cadence
        pa.field("gap_count", _I64),
        pa.field("gap_mean_s", _F64),
        pa.field("gap_cv", _F64),
        pa.field("active_hours", _I64),
        pa.field("hour_entropy", _F64),  # normalised to [0, 1]
        pa.field("diurnal_rest_hours", _I64),  # longest circular run of silent UTC hours
        # intent
        pa.field("intent_score_mean", _F64),
        pa.field("share_intent_high", _F64),
        *(pa.field(name, _F64) for name in INTENT_SHARES.values()),
        pa.field("request_score_mean", _F64),
        # parameter habits
        *(pa.field("share_" + f.removeprefix("sig_"), _F64) for f in SIGNAL_FLAGS),
        pa.field("share_errors", _F64),
        # templates and task space
        pa.field("sketched", _I64),
        pa.field("templates", _I64),
        pa.field("top_template_share", _F64),
        pa.field("distinct_items", _I64),  # distinct (template, item) pairs: task items
        pa.field("items_per_template", _F64),
        pa.field("repeat_rate", _F64),
        # model pivots
        pa.field("distinct_models", _I64),
        pa.field("release_window_events", _I64),
        pa.field("pivot_share", _F64),
        # network and client churn
        pa.field("distinct_ips", _I64),
        pa.field("distinct_prefixes", _I64),
        pa.field("distinct_asns", _I64),
        pa.field("share_hosting", _F64),
        pa.field("share_vpn", _F64),
        pa.field("distinct_user_agents", _I64),
        pa.field("user_agents_per_active_day", _F64),
        pa.field("ips_per_active_day", _F64),
        pa.field("distinct_api_keys", _I64),
        pa.field("distinct_end_users", _I64),
    ]
)
FEATURE_NAMES: tuple[str, ...] = tuple(ACCOUNT_FEATURE_SCHEMA.names)


def find_releases(
    all_events: ir.Table,
    *,
    pivot_hours: float = DEFAULT_PIVOT_HOURS,
    min_events: int = DEFAULT_MIN_RELEASE_EVENTS,
) -> list[ModelRelease]:
    """Models whose first event came at least ``pivot_hours`` after the store's first event."""
    return releases_from_first_seen(model_first_seen(all_events).to_pyarrow(),
                                    pivot_hours=pivot_hours, min_events=min_events)


def releases_from_first_seen(
    seen: pa.Table,
    *,
    pivot_hours: float = DEFAULT_PIVOT_HOURS,
    min_events: int = DEFAULT_MIN_RELEASE_EVENTS,
) -> list[ModelRelease]:
    """:func:`find_releases` from ``model, first_seen, n`` rows (one per non-null model)."""
    if seen.num_rows == 0:
        return []
    firsts = _as_utc(seen.column("first_seen")).to_pylist()
    start = min(firsts)
    out = [
        ModelRelease(model=m, first_seen=f)
        for m, f, n in zip(seen.column("model").to_pylist(), firsts, seen.column("n").to_pylist(),
                           strict=True)
        if f >= start + timedelta(hours=pivot_hours) and n >= min_events
    ]
    return sorted(out, key=lambda r: (r.first_seen, r.model))


@dataclass(frozen=True)
class AccountFeatures:
    """The features and the per-account aggregates evidence reuses instead of a new scan."""

    features: pa.Table  # ACCOUNT_FEATURE_SCHEMA, sorted by account_id
    # features.expressions.network_usage: (account, prefix, ASN, IP, model) rows
    network: pa.Table
    # account_id and INTENT_CUTOFF_COLUMNS (events at or above each intent cut-off)
    intent_cutoffs: pa.Table
    releases: list[ModelRelease]  # given, or found in the events
    # With ``activity``: ``linkage.activity.account_activity``'s table (without ``ips``),
    # sorted by account_id, from the main aggregate instead of a scan of its own.
    activity: pa.Table | None = None
    # With ``template_groups``: the (account, template) aggregate it made (what linkage's
    # memberships are made from), in memory, keyed as the caller asked (by hash or by id).
    template_groups: pa.Table | None = None


class PendingTable(Protocol):
    """A query started by the caller (possibly running in the background)."""

    def result(self) -> pa.Table: ...  # waits for it

    def close(self) -> None: ...  # stops it, no result


# (events, by_hash) -> the (account, template) aggregate of the sketched events, started:
# ``_ha`` (by_hash) or ``account_id``, ``_t`` (template_key64), ``_uses`` and anything else
# the caller wants in it; or None when the caller needs none.
TemplateGroups = Callable[[ir.Table, bool], "PendingTable | None"]


def compute_account_features(
    events: ir.Table,
    accounts: pa.Table | None = None,
    *,
    releases: list[ModelRelease] | None = None,
    pivot_hours: float = DEFAULT_PIVOT_HOURS,
    approx_distinct: bool = False,
) -> pa.Table:
    """Account features (:data:`ACCOUNT_FEATURE_SCHEMA`), sorted by account_id.

    ``events`` is the store's event table (possibly filtered to a time window); ``accounts`` the
    store's account table in memory (optional). ``releases`` default to those found in
    ``events``; pass the ones found over the whole store when ``events`` is a window of it.
    """
    return account_features(events, accounts, releases=releases, pivot_hours=pivot_hours,
                            approx_distinct=approx_distinct).features


def account_features(
    events: ir.Table,
    accounts: pa.Table | None = None,
    *,
    releases: list[ModelRelease] | None = None,
    pivot_hours: float = DEFAULT_PIVOT_HOURS,
    min_release_events: int = DEFAULT_MIN_RELEASE_EVENTS,
    approx_distinct: bool = False,
    activity: bool = False,
    template_groups: TemplateGroups | None = None,
) -> AccountFeatures:
    """:func:`compute_account_features` plus the aggregates evidence reuses (and, with
    ``activity``, the per-account sums the campaign stage scores with).

    Five engine passes over ``events``: :func:`network_usage`, the main aggregate (after a
    null count of the signal flags), three distinct counts, the template roll-up and the
    events' times. ``releases`` None: found in
    ``events`` (:func:`find_releases`), from the network rows.

    ``template_groups``: an (account, template) aggregate the caller needs anyway (detect:
    linkage's, with its synchrony buckets). It runs here, in place of the template roll-up's
    middle level: the per-account template figures come from it in memory and only the
    distinct (template, item) pairs per account are grouped on the engine
    (:func:`template_items`, :func:`template_usage_from`); the same features, ~1.4 CPU-s
    less at 10.6M events. It comes back as :attr:`AccountFeatures.template_groups`.
    """
    require_columns(
        pa.schema([pa.field(n, pa.null()) for n in events.columns]),
        NEEDED_COLUMNS,
        what="store events",
    )
    # DuckDB: keyed by the account's hash (``_ha``) until the accounts are known, below
    by_hash = on_duckdb(events)
    network = network_usage(events, by_hash=by_hash).to_pyarrow()
    if releases is None:
        # the models' first events are in the network rows: no scan of its own
        releases = releases_from_first_seen(_model_first_seen(network), pivot_hours=pivot_hours,
                                            min_events=min_release_events)
    gaps = signal_gaps(events).to_pyarrow()
    complete = [f for f in gaps.column_names if gaps.column(f)[0].as_py() == 0]
    main = account_aggregates(events, releases=releases, pivot_hours=pivot_hours,
                              complete_signals=complete, activity=activity).to_pyarrow()
    # The accounts, in a fixed order, give the row order and the clock keys' integer index.
    main = main.sort_by("account_id")
    ids = main.column("account_id")
    # DuckDB: the next passes group on the accounts' 64-bit hashes when these are one to one
    hashed = hashed_accounts(events, ids) if by_hash else None
    if by_hash:
        network = (name_by_hash(network, hashed) if hashed is not None
                   else network_usage(events).to_pyarrow())  # two ids on one hash: strings
    # no row: an account without user agents, API keys and end users (all counts 0)
    # started before the distinct counts: it runs beside them and the items query
    pending = template_groups(events, hashed is not None) if template_groups else None
    try:
        distinct = distinct_counts(events, approx_distinct=approx_distinct,
                                   accounts=hashed).to_pyarrow()
        if pending is not None:
            items = template_items(events, accounts=hashed).to_pyarrow()
    except BaseException:
        if pending is not None:
            pending.close()
        raise
    groups = pending.result() if pending is not None else None
    if groups is not None:
        templates = template_usage_from(groups, items, accounts=hashed)
    else:
        templates = template_usage(events, accounts=hashed).to_pyarrow()
    idx = with_account_index(events, account_index(ids), ("ts",), accounts=hashed)
    clock = _cadence(idx, main)
    features = finish_features(main, distinct, network, clock, templates, accounts)
    return AccountFeatures(
        features=features,
        network=network,
        intent_cutoffs=main.select(["account_id", *INTENT_CUTOFF_COLUMNS]),
        releases=list(releases),
        activity=_activity(main) if activity else None,
        template_groups=groups,
    )


def _activity(main: pa.Table) -> pa.Table:
    """``account_activity``'s columns (less ``ips``) from the main aggregate's rows."""
    cols = {"account_id": main.column("account_id"), "exchanges": main.column("exchanges"),
            "first_seen": _as_utc(main.column("first_seen")),
            "last_seen": _as_utc(main.column("last_seen"))}
    cols.update((name, main.column(name)) for name in ACTIVITY_SUMS)
    return pa.table(cols)


def _model_first_seen(network: pa.Table) -> pa.Table:
    """``model, first_seen, n`` per non-null model, rolled up from the network rows (the
    numbers of :func:`~distillwatch.features.expressions.model_first_seen` on the same
    events)."""
    rows = network.filter(pc.is_valid(network.column("model")))
    per = rows.group_by("model").aggregate([("first", "min"), ("n", "sum")])
    return pa.table({"model": per.column("model"), "first_seen": per.column("first_min"),
                     "n": per.column("n_sum")})


def _cadence(idx: ir.Table, main: pa.Table) -> Cadence:
    """Gaps, hours and active days of every account of ``main`` (in its row order)."""
    firsts = _as_utc(main.column("first_seen")).cast(pa.int64())  # microseconds
    low = pc.min(firsts).as_py()
    origin = 0 if low is None else int(low // 1_000_000)  # floor: at or before every event
    high = pc.max(_as_utc(main.column("last_seen")).cast(pa.int64())).as_py()
    if high is not None and high // 1_000_000 - origin >= 1 << SECOND_BITS:
        raise ValueError("events span more than the clock key's 544 years")
    times = idx.to_pyarrow()  # (DuckDB 2's cursor lacks the record-batch stream Ibis uses)
    # Packed batch by batch into one array, without a numpy copy of each column
    keys = np.empty(times.num_rows, dtype=np.int64)
    at = 0
    for batch in times.to_batches():
        end = at + batch.num_rows
        micros = _as_utc(batch.column("ts")).cast(pa.int64()).to_numpy(zero_copy_only=False)
        account = batch.column("account_idx").to_numpy(zero_copy_only=False)
        clock_keys(account, micros, origin=origin, out=keys[at:end])
        at = end
    del times
    return cadence(keys, accounts=main.num_rows, origin=origin)


def _positions(ids: pa.ChunkedArray | pa.Array, order: pa.ChunkedArray) -> np.ndarray:
    """Row of each of ``ids`` in ``order`` (the features' account order); all must be there."""
    pos = pc.index_in(ids, value_set=order.combine_chunks())
    if pos.null_count:
        raise RuntimeError("an engine result names an account the main aggregate lacks")
    return np.asarray(pos.to_numpy(zero_copy_only=False), dtype=np.int64)


def _by_account(table: pa.Table, order: pa.ChunkedArray) -> dict[str, np.ndarray]:
    """Columns of an engine result keyed by ``account_id`` as arrays in the row order of
    ``order``; accounts without a row get NaN (floats) or 0 (integers)."""
    n = len(order)
    pos = _positions(table.column("account_id"), order)
    out = {}
    for name in table.column_names:
        if name == "account_id":
            continue
        col = table.column(name)
        if pa.types.is_floating(col.type):
            arr = np.full(n, np.nan)
            arr[pos] = col.to_numpy(zero_copy_only=False)
        else:
            arr = np.zeros(n, dtype=np.int64)
            arr[pos] = col.fill_null(0).to_numpy(zero_copy_only=False)
        out[name] = arr
    return out


def _network_distinct(network: pa.Table, order: pa.ChunkedArray) -> dict[str, np.ndarray]:
    """Distinct non-null models, IPs, prefixes and ASNs per account, from the
    :func:`~distillwatch.features.expressions.network_usage` rows (in ``order``'s order)."""
    n = len(order)
    pos = pa.array(_positions(network.column("account_id"), order))
    out = {}
    for name, key in NETWORK_DISTINCT.items():
        per = pa.table({"p": pos, "v": network.column(key)}).group_by("p").aggregate(
            [("v", "count_distinct", pc.CountOptions(mode="only_valid"))]
        )
        arr = np.zeros(n, dtype=np.int64)
        arr[per.column("p").to_numpy()] = per.column("v_count_distinct").to_numpy()
        out[name] = arr
    return out


def _f64(col: pa.ChunkedArray | np.ndarray) -> np.ndarray:
    """Numbers as float64 with NaN for nulls."""
    if isinstance(col, np.ndarray):
        return col.astype(np.float64)
    return np.asarray(col.cast(pa.float64()).to_numpy(zero_copy_only=False), dtype=np.float64)


def _micros(col: pa.ChunkedArray) -> np.ndarray:
    """UTC timestamps as float64 microseconds since the epoch (NaN for nulls)."""
    return _f64(_as_utc(col).cast(pa.int64()))


def _ratio(num: np.ndarray, den: np.ndarray, where: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(where, num / den, np.nan)


def finish_features(
    main: pa.Table,
    distinct: pa.Table,
    network: pa.Table,
    clock: Cadence,
    templates: pa.Table,
    accounts: pa.Table | None,
) -> pa.Table:
    """Join the engine's aggregates and derive ratios, cadence and channel-relative volume.

    ``main`` (one row per account, sorted by account_id) gives the row order; ``distinct``,
    ``network`` and ``templates`` are keyed by ``account_id`` and ``clock`` is in that order.
    Plain numpy over one array per column: no data frame, so no per-account Python objects.
    """
    ids = main.column("account_id")
    cols: dict[str, pa.Array | pa.ChunkedArray | np.ndarray] = {
        name: main.column(name) for name in main.column_names
    }
    cols.update(_by_account(distinct, ids))
    cols.update(_network_distinct(network, ids))
    cols["active_days"] = clock.active_days
    ex = _f64(main.column("exchanges"))
    days = np.maximum(clock.active_days.astype(np.float64), 1.0)
    out_tokens = _f64(main.column("output_tokens"))
    first = _micros(main.column("first_seen"))
    cols["first_seen"] = _as_utc(main.column("first_seen"))
    cols["last_seen"] = _as_utc(main.column("last_seen"))
    cols["span_days"] = (_micros(main.column("last_seen")) - first) / 1e6 / 86400.0
    cols["exchanges_per_active_day"] = ex / days
    cols["output_tokens_per_active_day"] = out_tokens / days
    with np.errstate(divide="ignore", invalid="ignore"):
        cols["mean_output_tokens"] = out_tokens / ex
    cols["user_agents_per_active_day"] = _f64(cols["distinct_user_agents"]) / days
    cols["ips_per_active_day"] = _f64(cols["distinct_ips"]) / days
    rw = _f64(main.column("release_window_events"))
    cols["pivot_share"] = _ratio(_f64(main.column("new_model_early_events")), rw, rw > 0)

    cols["gap_count"] = clock.gap_count
    cols["gap_mean_s"] = clock.gap_mean
    cols["gap_cv"] = _ratio(clock.gap_std, clock.gap_mean,
                            (clock.gap_count >= MIN_GAPS_FOR_CV) & (clock.gap_mean > 0))
    active, entropy, rest = _hour_shape(clock.hours.astype(np.float64))
    cols["active_hours"] = active
    cols["hour_entropy"] = entropy
    cols["diurnal_rest_hours"] = rest

    t = _by_account(templates, ids)
    cols["sketched"] = t["sketched"]
    sketched = _f64(t["sketched"])
    has = sketched > 0
    cols["templates"] = t["templates"]
    cols["distinct_items"] = t["distinct_items"]
    top = np.where(t["top_template_n"] > 0, t["top_template_n"].astype(np.float64), np.nan)
    cols["top_template_share"] = _ratio(top, sketched, has)
    cols["items_per_template"] = _ratio(t["distinct_items"].astype(np.float64),
                                        t["templates"].astype(np.float64), t["templates"] > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        cols["repeat_rate"] = np.where(has, 1.0 - t["distinct_items"] / sketched, np.nan)

    cols.update(_account_facts(main.column("account_id"), accounts, first_seen=first))
    vol = np.log10(cols["output_tokens_per_active_day"] + 1.0)
    cols["volume_vs_channel"] = vol - _group_median(vol, cols["signup_channel"])
    return pa.table(
        {f.name: _as_field(cols[f.name], f.type) for f in ACCOUNT_FEATURE_SCHEMA},
        schema=ACCOUNT_FEATURE_SCHEMA,
    )


def _as_field(values: pa.Array | pa.ChunkedArray | np.ndarray, typ: pa.DataType) -> pa.Array:
    if isinstance(values, np.ndarray):
        if pa.types.is_floating(typ):
            # Parallel float sums differ in the last bits from run to run and between engines:
            # rounding makes the same input give the same features.
            return pa.array(np.round(values.astype(np.float64), FLOAT_DECIMALS), type=typ)
        return pa.array(values, type=typ)
    col = values.cast(typ)
    if pa.types.is_floating(typ):
        # engine floats: NaN for nulls, rounded like the rest
        return pa.array(np.round(_f64(col), FLOAT_DECIMALS), type=typ)
    return col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col


def _hour_shape(grid: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Active hours, normalised hour-of-day entropy and longest circular silent run per account.

    ``grid`` has one row per account and 24 columns: events per UTC hour of day.
    """
    total = grid.sum(axis=1, keepdims=True)
    p = np.divide(grid, total, out=np.zeros_like(grid), where=total > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ent = -np.where(p > 0, p * np.log(p), 0.0).sum(axis=1) / np.log(24.0)
    active = (grid > 0).sum(axis=1)
    silent = np.concatenate([grid == 0, grid == 0], axis=1)  # doubled: runs wrap midnight
    rest = np.zeros(len(grid), dtype=np.int64)
    run = np.zeros(len(grid), dtype=np.int64)
    for h in range(48):
        run = np.where(silent[:, h], run + 1, 0)
        rest = np.maximum(rest, run)
    return active, ent, np.minimum(rest, 24)


def _account_facts(
    ids: pa.ChunkedArray, accounts: pa.Table | None, *, first_seen: np.ndarray
) -> dict[str, pa.Array | np.ndarray]:
    """Sign-up facts of ``ids`` (the last row of an account listed twice) and the account's
    age in days at ``first_seen`` (microseconds)."""
    n = len(ids)
    out: dict[str, pa.Array | np.ndarray] = {
        "signup_channel": pa.nulls(n, pa.string()),
        "email_domain_class": pa.nulls(n, pa.string()),
        "verified": pa.nulls(n, pa.bool_()),
        "account_age_days": np.full(n, np.nan),
    }
    if accounts is None or accounts.num_rows == 0:
        return out
    # the last row per account: reversed, index_in finds the first match
    rev = accounts.take(pa.array(np.arange(accounts.num_rows - 1, -1, -1)))
    pos = pc.index_in(ids, value_set=rev.column("account_id").cast(pa.string()))
    for c, typ in (("signup_channel", pa.string()), ("email_domain_class", pa.string()),
                   ("verified", pa.bool_())):
        if c in rev.column_names:
            out[c] = pc.take(rev.column(c).cast(typ), pos).combine_chunks()
    if "created_at" in rev.column_names:
        created = pc.take(_as_utc(rev.column("created_at")), pos)
        out["account_age_days"] = (first_seen - _micros(created)) / 1e6 / 86400.0
    return out


def _group_median(values: np.ndarray, groups: pa.Array) -> np.ndarray:
    """Median of ``values`` within each group (missing groups form one, "unknown")."""
    keys = np.asarray(groups.fill_null("unknown").to_pylist(), dtype=object)
    out = np.empty(len(values))
    for key in set(keys.tolist()):
        sel = keys == key
        out[sel] = np.nanmedian(values[sel])
    return out


def _as_utc(col: pa.ChunkedArray) -> pa.ChunkedArray:
    """Timestamps as UTC-aware microseconds (PySpark returns them naive, in session UTC)."""
    typ = col.type
    if pa.types.is_timestamp(typ) and typ.tz is None:
        return col.cast(pa.timestamp("us")).cast(TS)
    return col.cast(TS)

"""Account features: one row per account, computed by the engine and finished in memory.

The engine (DuckDB or PySpark, see ``store.engines``) runs the aggregates of
``features.expressions``; their results are small (one row per account, or per account and
hour/template), so ratios, entropies, the longest daily rest and comparisons with an account's
sign-up channel are computed here with numpy. Output schema: :data:`ACCOUNT_FEATURE_SCHEMA`.
"""

from __future__ import annotations

from datetime import timedelta

import ibis.expr.types as ir
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.features.expressions import (
    DISTINCT_COLUMNS,
    INTENT_SHARES,
    SIGNAL_FLAGS,
    ModelRelease,
    account_aggregates,
    account_index,
    distinct_counts,
    epoch_seconds,
    gap_stats,
    hour_histogram,
    model_first_seen,
    template_usage,
    with_account_index,
)
from distillwatch.schema import TS, require_columns

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
    "ip_is_hosting", "ip_is_vpn", "ip_is_tor", "template_key", "item_key", "intent_label",
    "intent_score", "request_score", *SIGNAL_FLAGS, "logprobs", "top_logprobs", "n",
    "tool_count", "turn",
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
    seen = model_first_seen(all_events).to_pyarrow()
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
    require_columns(
        pa.schema([pa.field(n, pa.null()) for n in events.columns]),
        NEEDED_COLUMNS,
        what="store events",
    )
    if releases is None:
        releases = find_releases(events, pivot_hours=pivot_hours)
    main = account_aggregates(events, releases=releases, pivot_hours=pivot_hours).to_pyarrow()
    # The accounts, in a fixed order, give the integer index the other passes group by.
    main = main.sort_by("account_id")
    ids = main.column("account_id")
    idx = with_account_index(
        events.mutate(
            day=events.day if "day" in events.columns else events.ts.date(),
            s=epoch_seconds(events),
        ),
        account_index(ids),
        (*DISTINCT_COLUMNS, "ts", "s", "template_key", "item_key"),
    )
    base = _by_id(distinct_counts(idx, approx_distinct=approx_distinct).to_pyarrow(), ids)
    if base.num_rows != main.num_rows:  # every account has an event, so every index a row
        raise RuntimeError("distinct counts do not cover every account")
    for name in base.column_names[1:]:
        main = main.append_column(name, base.column(name))
    gaps = _by_id(gap_stats(idx).to_pyarrow(), ids)
    hours = _by_id(hour_histogram(idx).to_pyarrow(), ids)
    temps = _by_id(template_usage(idx).to_pyarrow(), ids)
    return finish_features(main, gaps, hours, temps, accounts)


def _by_id(table: pa.Table, ids: pa.ChunkedArray) -> pa.Table:
    """``account_idx`` replaced by the ``account_id`` it stands for (sorted by index).

    A table with one row per account (every index present) comes back aligned with ``ids``.
    """
    table = table.sort_by([(n, "ascending") for n in table.column_names[:2]])
    pos = table.column("account_idx").cast(pa.int64())
    rest = table.drop_columns(["account_idx"])
    return rest.add_column(0, "account_id", pc.take(ids, pos))


def finish_features(
    base: pa.Table,
    gaps: pa.Table,
    hours: pa.Table,
    templates: pa.Table,
    accounts: pa.Table | None,
) -> pa.Table:
    """Join the engine's aggregates and derive ratios, cadence and channel-relative volume."""
    df = base.to_pandas().set_index("account_id").sort_index()
    df.index = df.index.astype(object)
    ids = df.index
    df["first_seen"] = pd.to_datetime(df["first_seen"], utc=True)
    df["last_seen"] = pd.to_datetime(df["last_seen"], utc=True)
    n = df["exchanges"].astype("float64")
    days = df["active_days"].astype("float64").clip(lower=1.0)
    df["span_days"] = (df["last_seen"] - df["first_seen"]).dt.total_seconds() / 86400.0
    df["exchanges_per_active_day"] = n / days
    df["output_tokens_per_active_day"] = df["output_tokens"].astype("float64") / days
    df["mean_output_tokens"] = df["output_tokens"].astype("float64") / n
    df["user_agents_per_active_day"] = df["distinct_user_agents"].astype("float64") / days
    df["ips_per_active_day"] = df["distinct_ips"].astype("float64") / days
    rw = df["release_window_events"].astype("float64")
    df["pivot_share"] = (df["new_model_early_events"].astype("float64") / rw).where(rw > 0)

    g = gaps.to_pandas().set_index("account_id").reindex(ids)
    df["gap_count"] = g["gap_count"].fillna(0).astype("int64")
    df["gap_mean_s"] = g["gap_mean"].astype("float64")
    cv = g["gap_std"].astype("float64") / g["gap_mean"].astype("float64")
    df["gap_cv"] = cv.where((df["gap_count"] >= MIN_GAPS_FOR_CV) & (g["gap_mean"] > 0))

    active, entropy, rest = _hour_shape(_hour_grid(hours, ids))
    df["active_hours"] = active
    df["hour_entropy"] = entropy
    df["diurnal_rest_hours"] = rest

    t = templates.to_pandas().set_index("account_id").reindex(ids)
    sketched = df["sketched"].astype("float64")
    df["templates"] = t["templates"].fillna(0).astype("int64")
    df["distinct_items"] = t["distinct_items"].fillna(0).astype("int64")
    has = sketched > 0
    df["top_template_share"] = (t["top_template_n"].astype("float64") / sketched).where(has)
    df["items_per_template"] = (
        df["distinct_items"].astype("float64") / df["templates"].astype("float64")
    ).where(df["templates"] > 0)
    df["repeat_rate"] = (1.0 - df["distinct_items"].astype("float64") / sketched).where(has)

    _join_accounts(df, accounts)
    out = df.reset_index()
    cols = {}
    for f in ACCOUNT_FEATURE_SCHEMA:
        cols[f.name] = pa.array(_column_values(out[f.name], f.type), type=f.type)
    return pa.table(cols, schema=ACCOUNT_FEATURE_SCHEMA)


def _column_values(s: pd.Series, typ: pa.DataType) -> list[object] | np.ndarray:
    if pa.types.is_timestamp(typ):
        return [None if pd.isna(v) else v.to_pydatetime() for v in s]
    if pa.types.is_floating(typ):
        # Parallel float sums differ in the last bits from run to run and between engines:
        # rounding makes the same input give the same features.
        return np.round(s.astype("float64").to_numpy(na_value=np.nan), FLOAT_DECIMALS)
    return [None if _isna(v) else v for v in s.tolist()]


def _isna(v: object) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _hour_grid(hours: pa.Table, ids: pd.Index) -> np.ndarray:
    """Events per account (rows, in ``ids`` order) and UTC hour of day (24 columns)."""
    pos = {a: i for i, a in enumerate(ids)}
    grid = np.zeros((len(ids), 24), dtype=np.float64)
    acc = hours.column("account_id").to_pylist()
    hr = hours.column("hour").to_numpy(zero_copy_only=False)
    cnt = hours.column("n").to_numpy(zero_copy_only=False)
    rows = np.fromiter((pos[a] for a in acc), dtype=np.int64, count=len(acc))
    grid[rows, hr.astype(np.int64)] = cnt
    return grid


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


def _join_accounts(df: pd.DataFrame, accounts: pa.Table | None) -> None:
    """Add sign-up facts and volume relative to the median of the account's sign-up channel."""
    if accounts is not None and accounts.num_rows:
        keep = [
            c
            for c in ("account_id", "created_at", "signup_channel", "email_domain_class",
                      "verified")
            if c in accounts.column_names
        ]
        a = accounts.select(keep).to_pandas().drop_duplicates("account_id", keep="last")
        a = a.set_index("account_id").reindex(df.index)
    else:
        a = pd.DataFrame(index=df.index)
    for c in ("signup_channel", "email_domain_class"):
        df[c] = a[c].astype(object) if c in a else None
    df["verified"] = a["verified"].astype(object) if "verified" in a else None
    if "created_at" in a:
        created = pd.to_datetime(a["created_at"], utc=True)
        df["account_age_days"] = (df["first_seen"] - created).dt.total_seconds() / 86400.0
    else:
        df["account_age_days"] = np.nan
    vol = np.log10(df["output_tokens_per_active_day"].astype("float64") + 1.0)
    channel = df["signup_channel"].where(df["signup_channel"].notna(), "unknown").astype(str)
    df["volume_vs_channel"] = vol - vol.groupby(channel).transform("median")


def _as_utc(col: pa.ChunkedArray) -> pa.ChunkedArray:
    """Timestamps as UTC-aware microseconds (PySpark returns them naive, in session UTC)."""
    typ = col.type
    if pa.types.is_timestamp(typ) and typ.tz is None:
        return col.cast(pa.timestamp("us")).cast(TS)
    return col.cast(TS)

"""Evidence rows: for each reason of each scored account, the values and rows behind it.

Supporting rows come from the store through the engine, restricted to the accounts being
explained (a join with a small in-memory table), so their cost grows with suspects, not
with events. Each reason's row says which rule fired, its value against population
quantiles, and a ``support`` block chosen by the rule's ``support`` kind: the templates and
example event keys, the highest-intent events, the networks, the models, or feature values.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from json.encoder import encode_basestring_ascii
from typing import Any, TypeVar

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.exceptions import RuleError
from distillwatch.features.expressions import (
    INTENT_CUTOFF_COLUMNS,
    INTENT_CUTOFFS,
    network_usage,
)
from distillwatch.findings.io import encode_row as _ENCODE
from distillwatch.scoring.rules import Rule, RuleSet
from distillwatch.store.engines import on_duckdb
from distillwatch.store.key_ints import key_strings

_T = TypeVar("_T")

DEFAULT_EXAMPLES = 3
# The intent score from which an event counts as high-intent (and may be quoted).
INTENT_HIGH = 0.5
# Feature values quoted as support for rules whose evidence is the account's own profile.
PROFILE_SUPPORT: dict[str, tuple[str, ...]] = {
    "params": ("exchanges", "share_logprobs", "share_multi_choice", "share_max_effort",
               "share_long_output", "share_single_turn"),
    "cadence": ("exchanges", "active_days", "gap_cv", "gap_mean_s", "active_hours",
                "hour_entropy", "diurnal_rest_hours"),
    "volume": ("exchanges", "active_days", "output_tokens", "output_tokens_per_active_day",
               "account_age_days", "signup_channel", "volume_vs_channel"),
    "campaign": ("campaign_id", "campaign_score"),
    "model": ("model_score",),
}


def _top_per_account(table: ir.Table, order: list[ir.Value], k: int, *,
                     partition: str = "account_id") -> ir.Table:
    rn = ibis.row_number().over(ibis.window(group_by=partition, order_by=order))
    return table.mutate(_rn=rn).filter(ibis._._rn < k).drop("_rn")


SUPPORT_KINDS: tuple[str, ...] = ("templates", "intent", "network", "models")


def support_tables(
    events: ir.Table,
    account_ids: Iterable[str],
    *,
    examples: int = DEFAULT_EXAMPLES,
    needed: Mapping[str, Iterable[str]] | None = None,
    network: pa.Table | None = None,
    intent_cutoffs: pa.Table | None = None,
) -> dict[str, pa.Table]:
    """Support rows of ``account_ids``: templates, intent, network, models.

    ``needed`` maps a support kind (:data:`SUPPORT_KINDS`) to the accounts whose reasons
    quote it (:func:`needed_support`); each kind is then built for only those accounts and a
    kind nobody quotes is not built at all. The evidence rows are the same either way.

    ``network`` and ``intent_cutoffs`` are what the feature stage already aggregated
    (``features.account.AccountFeatures``): with ``network`` the network and model support
    is rolled up from it in memory instead of scanning the events, and with
    ``intent_cutoffs`` the highest-intent query ranks, per account, only the events at or
    above the highest cut-off it has ``examples`` events above (the same rows come out).
    Without them (or for a kind they do not cover) the engine queries the events of the
    accounts concerned only.
    """
    ids = set(account_ids)
    if not ids:
        return {}
    wanted = {k: ids if needed is None else ids & set(needed.get(k, ())) for k in SUPPORT_KINDS}
    out = {}
    if wanted["templates"]:
        out["templates"] = _with_template_strings(
            _templates(_events_of(events, wanted["templates"]), examples).to_pyarrow())
    if wanted["intent"]:
        floors = _intent_floors(wanted["intent"], intent_cutoffs, examples)
        out["intent"] = _intent(_events_of(events, wanted["intent"], floors=floors),
                                examples).to_pyarrow()
    if wanted["network"] or wanted["models"]:
        fine = (network if network is not None
                else _network_grain(events, wanted["network"], wanted["models"]))
        out.update(_network_and_models(fine, wanted["network"], wanted["models"], examples))
    return out


def _events_of(events: ir.Table, accounts: set[str], *,
               floors: list[float] | None = None) -> ir.Table:
    """Events of ``accounts``; with ``floors`` (one per account, in sorted order) only those
    with ``intent_score`` at or above their account's floor."""
    ids = sorted(accounts)
    # ``_acc``: the account's position, an integer to partition windows by (sorting by the
    # long id strings was a fifth of the highest-intent query)
    cols = {"account_id": pa.array(ids, pa.string()),
            "_acc": pa.array(np.arange(len(ids), dtype=np.int64))}
    if floors is not None:
        cols["intent_floor"] = pa.array(floors, pa.float64())
    keys = ibis.memtable(pa.table(cols))
    joined = events.join(keys, "account_id")
    if floors is None:
        return joined
    return joined.filter(joined.intent_score >= joined.intent_floor).drop("intent_floor")


def _intent_floors(accounts: set[str], cutoffs: pa.Table | None, k: int) -> list[float] | None:
    """Per account of ``accounts`` (sorted): the highest intent cut-off with at least ``k``
    events at or above it, else the high-intent bar (0.5). The top ``k`` events of an
    account by intent are all at or above that floor, so ranking only those gives the same
    rows. None without ``cutoffs``."""
    if cutoffs is None:
        return None
    ids = pa.array(sorted(accounts), pa.string())
    pos = pc.index_in(ids, value_set=cutoffs.column("account_id"))
    floors = np.full(len(ids), INTENT_HIGH)
    # lowest cut-off first, so a higher one that still has k events overrides it
    for name, cut in zip(INTENT_CUTOFF_COLUMNS, INTENT_CUTOFFS, strict=True):
        counts = pc.take(cutoffs.column(name), pos).fill_null(0).to_numpy(zero_copy_only=False)
        floors[counts >= k] = cut
    return [float(f) for f in floors]


def needed_support(rules: RuleSet, contributions: pa.Table) -> dict[str, set[str]]:
    """Support kind -> accounts with a listed reason (``contributions``) whose rule quotes it."""
    kind_of = {r.id: r.support for r in rules.rules}
    out: dict[str, set[str]] = {}
    for acc, rule in zip(contributions.column("account_id").to_pylist(),
                         contributions.column("rule").to_pylist(), strict=True):
        kind = kind_of.get(rule)
        if kind is not None:
            out.setdefault(kind, set()).add(acc)
    return out


def _templates(e: ir.Table, k: int) -> ir.Table:
    """The ``k`` busiest templates of each account (ties by key), keyed by ``template_key64``.

    Grouped at the (account, template, item) grain and rolled up: cheaper for the engine than
    a COUNT(DISTINCT item_key) per template, and the same numbers. On the stored integer keys
    (one to one with the hex strings and sorted alike, nulls where they are null:
    ``store.key_ints``), so the groups, the item counts and the tie order are those of the
    strings; :func:`_with_template_strings` turns the few ranked keys back into hex.
    """
    t = e.filter(e.template_key64.notnull())
    pairs = t.group_by(["account_id", "template_key64", "item_key64"]).aggregate(
        n=t.count(), example_event_key=t.event_key.min()
    )
    templates = pairs.group_by(["account_id", "template_key64"]).aggregate(
        n=pairs.n.sum(), items=pairs.item_key64.count(),
        example_event_key=pairs.example_event_key.min(),
    )
    return _top_per_account(templates, [ibis.desc("n"), "template_key64"], k)


def _with_template_strings(rows: pa.Table) -> pa.Table:
    """``_templates``' rows with ``template_key`` (hex) in place of ``template_key64``."""
    i = rows.column_names.index("template_key64")
    return rows.set_column(i, pa.field("template_key", pa.string()),
                           key_strings(rows.column(i)))


# One quoted event (an element of ``_smallest``'s list) and the order it is ranked by.
_EXAMPLE = dt.Struct({"event_key": dt.string, "intent_label": dt.string,
                      "intent_score": dt.float64})
_RANK = dt.Struct({"neg_score": dt.float64, "event_key": dt.string})


@ibis.udf.agg.builtin(name="min_by", signature=((_EXAMPLE, _RANK, dt.int64), dt.Array(_EXAMPLE)))
def _smallest(arg: Any, key: Any, n: int) -> Any:
    """DuckDB's ``min_by(arg, key, n)``: the ``arg`` of the ``n`` smallest ``key`` values of
    the group (structs compare field by field), as a list."""


def _intent(e: ir.Table, k: int) -> ir.Table:
    i = e.filter(e.intent_score >= INTENT_HIGH).select(
        "account_id", "event_key", "intent_label", "_acc",
        intent_score=e.intent_score.cast("float64"),
    )
    if not on_duckdb(e):
        top = _top_per_account(i, [ibis.desc("intent_score"), "event_key"], k,
                               partition="_acc")
        return top.drop("_acc")
    # The k events of highest score, then smallest key, per account as an aggregate that
    # keeps k per group instead of a window that sorts every ranked event (about a third of
    # this query's CPU); the same rows (event keys are never null, so the order is total
    # up to duplicate keys, which the window breaks arbitrarily too).
    event = ibis.struct({"event_key": i.event_key, "intent_label": i.intent_label,
                         "intent_score": i.intent_score})
    # NaN ranks first, as in the window's descending order (the engines order NaN above every
    # number, and NaN passes the >= filter there): its negation would rank it last.
    neg = ibis.ifelse(i.intent_score.isnan(), float("-inf"), -i.intent_score)
    rank = ibis.struct({"neg_score": neg, "event_key": i.event_key})
    per = i.group_by("account_id").aggregate(_top=_smallest(event, rank, k))
    rows = per.select("account_id", _e=per._top.unnest())
    return rows.select("account_id", event_key=rows._e["event_key"],
                       intent_label=rows._e["intent_label"],
                       intent_score=rows._e["intent_score"])


def _network_grain(events: ir.Table, network: set[str], models: set[str]) -> pa.Table:
    """:func:`~distillwatch.features.expressions.network_usage` over the events of both
    account sets only (when the feature stage's table is not at hand)."""
    return network_usage(_events_of(events, network | models)).to_pyarrow()


def _network_and_models(
    fine: pa.Table, network: set[str], models: set[str], k: int
) -> dict[str, pa.Table]:
    """Network and model support rolled up from the (account, prefix, ASN, IP, model) rows.

    Counts and hosting are summed, first times and example keys taken as minima and distinct
    IPs counted, so the numbers are those of grouping the events directly.
    """
    out: dict[str, pa.Table] = {}
    if network:
        rows = ibis.memtable(_only(fine, network, "ip_prefix"))
        grouped = rows.group_by(["account_id", "ip_prefix", "ip_asn"]).aggregate(
            n=rows.n.sum(), ips=rows.client_ip.nunique(), hosting=rows.hosting.sum(),
            example_event_key=rows.example_event_key.min(),
        )
        out["network"] = _top_per_account(
            grouped, [ibis.desc("n"), "ip_prefix", "ip_asn"], k).to_pyarrow()
    if models:
        rows = ibis.memtable(_only(fine, models, "model"))
        grouped = rows.group_by(["account_id", "model"]).aggregate(
            n=rows.n.sum(), first=rows.first.min(),
            example_event_key=rows.example_event_key.min(),
        )
        out["models"] = _top_per_account(grouped, [ibis.desc("n"), "model"], k).to_pyarrow()
    return out


def _only(fine: pa.Table, accounts: set[str], key: str) -> pa.Table:
    """Rows of ``accounts`` whose ``key`` is set."""
    ids = pa.array(sorted(accounts), pa.string())
    keep = pc.and_(pc.is_in(fine.column("account_id"), value_set=ids),
                   pc.is_valid(fine.column(key)))
    return fine.filter(keep)


def _clean(v: Any) -> Any:
    if isinstance(v, float):
        return None if math.isnan(v) or math.isinf(v) else round(v, 6)
    if isinstance(v, datetime):
        # PySpark hands back naive timestamps in its (UTC) session time zone
        return (v if v.tzinfo is not None else v.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
    return v


def _clean_column(col: pa.ChunkedArray) -> list[Any]:
    """:func:`_clean` of every value of ``col``, dispatched once per column (support tables
    have tens of thousands of rows on large stores: a call per value added up)."""
    if pa.types.is_floating(col.type):
        return _rounded(col)
    values = col.to_pylist()
    if pa.types.is_timestamp(col.type):
        return [_clean(v) for v in values]
    return values


def _per_distinct_float(col: pa.ChunkedArray, fn: Callable[[float], _T]) -> list[_T]:
    """``fn(v)`` of each value of the float column ``col`` (null as NaN), called once per
    distinct bit pattern: contributions and feature values repeat (strengths of 1.0, shared
    quantiles). Bit patterns, so that -0.0 stays apart from 0.0. (linkage/campaigns.py's
    ``_rounded_reprs`` does the same for its link evidence, returning an Arrow array.)"""
    a = np.asarray(col.to_numpy(zero_copy_only=False), dtype=np.float64)  # null -> NaN
    if not len(a):
        return []
    bits, inv = np.unique(a.view(np.int64), return_inverse=True)
    out = [fn(v) for v in bits.view(np.float64).tolist()]
    return [out[i] for i in inv.ravel().tolist()]


def _round6(v: float) -> float | None:
    return round(v, 6) if math.isfinite(v) else None


def _round6_json(v: float) -> str:
    return float.__repr__(round(v, 6)) if math.isfinite(v) else "null"


def _rounded(col: pa.ChunkedArray) -> list[float | None]:
    """``round(v, 6)`` of each value (None: null, NaN, infinite)."""
    return _per_distinct_float(col, _round6)


def _group_json(table: pa.Table, sort_keys: list[tuple[str, str]]) -> dict[str, str]:
    """Each account's support rows (ordered by ``sort_keys``) as the JSON array the encoder
    writes for their dicts (keys sorted, values cleaned)."""
    t = table.sort_by([("account_id", "ascending"), *sort_keys])
    names = sorted(n for n in t.column_names if n != "account_id")
    columns = [_json_column(t.column(n)) for n in names]
    keys = [f"{_ENCODE(n)}: " for n in names]
    rows: dict[str, list[str]] = {}
    for acc, *values in zip(t.column("account_id").to_pylist(), *columns, strict=True):
        rows.setdefault(acc, []).append(
            "{" + ", ".join([k + v for k, v in zip(keys, values, strict=True)]) + "}")
    return {acc: "[" + ", ".join(r) + "]" for acc, r in rows.items()}


def build_evidence(
    *,
    rules: RuleSet,
    scores: pa.Table,
    contributions: pa.Table,
    features: pa.Table,
    quantiles: dict[str, tuple[float, float, float]],
    support: Mapping[str, pa.Table] | Callable[[], Mapping[str, pa.Table]],
) -> list[str]:
    """One evidence row per (account, reason), accounts by score then id, reasons by rank.

    Each row comes already encoded: the JSON object :func:`~distillwatch.findings.io.write_findings`
    writes for its dict (:data:`~distillwatch.findings.io.encode_row`: keys sorted,
    ``", "``/``": "`` separators, ASCII), without the newline. A row's pieces repeat (a
    rule's fields, an account's id, score and support blocks), so each piece is encoded once
    and the rows are joined from them: a dict per row, then the encoder, was ~1.6 CPU-s for
    67k rows of a 10.6M-event store (and held the GIL while the other core idled).

    ``support`` (:func:`support_tables`) may be a callable giving it: it is called once the
    parts that need no support rows are built, so that ``detect`` runs the support queries
    in another thread meanwhile (``Future.result``).
    """
    by_rule = {r.id: r for r in rules.rules}
    # rows of the explained accounts only: one row per account of the whole store was most
    # of this function's time on large stores
    ids = scores.column("account_id").combine_chunks()
    explained = features.filter(pc.is_in(features.column("account_id"), value_set=ids))
    # profile support: each account's quoted feature values, encoded column by column
    feature_json = {n: _json_column(explained.column(n)) for n in
                    sorted({n for names in PROFILE_SUPPORT.values() for n in names})
                    if n in explained.column_names}
    explained_ids = explained.column("account_id").to_pylist()
    profile: dict[str, list[str]] = {}  # kind -> per explained account (in that order)
    for kind, quoted in PROFILE_SUPPORT.items():
        present = sorted(n for n in quoted if n in feature_json)
        keys = [f"{_ENCODE(n)}: " for n in present]
        profile[kind] = [
            '{"features": {' + ", ".join([k + v for k, v in zip(keys, values, strict=True)])
            + "}}"
            for values in zip(*(feature_json[n] for n in present), strict=True)
        ] if present else ['{"features": {}}'] * len(explained_ids)
    position = {acc: i for i, acc in enumerate(explained_ids)}
    order = scores.sort_by([("score", "descending"), ("account_id", "ascending")])
    order_ids = order.column("account_id").to_pylist()
    score_of = dict(zip(order_ids, _json_column(order.column("score")), strict=True))
    population = {
        rule_id: dict(zip(("p50", "p90", "p99"), (_clean(q) for q in qs), strict=True))
        for rule_id, qs in quantiles.items()
    }
    nan_population = {"p50": None, "p90": None, "p99": None}
    pieces = {rid: _rule_pieces(rule, population.get(rid, nan_population))
              for rid, rule in by_rule.items()}
    rows_by_acc: dict[str, list[tuple[Any, ...]]] = {}
    for c in zip(contributions.column("account_id").to_pylist(),
                 contributions.column("rule").to_pylist(),
                 contributions.column("rank").to_pylist(),
                 *(_json_column(contributions.column(n)) for n in
                   ("rank", "reason", "value", "strength", "contribution")), strict=True):
        rows_by_acc.setdefault(c[0], []).append(c)
    if callable(support):
        support = support()
    grouped = {
        kind: _group_json(support[kind], keys)
        for kind, keys in (("templates", [("n", "descending"), ("template_key", "ascending")]),
                           ("intent", [("intent_score", "descending"),
                                       ("event_key", "ascending")]),
                           ("network", [("n", "descending"), ("ip_prefix", "ascending")]),
                           ("models", [("n", "descending"), ("model", "ascending")]))
        if kind in support
    }

    def support_json(kind: str | None, acc: str) -> str:
        if kind is None:
            return "{}"
        if kind in SUPPORT_KINDS:
            return "{" + _ENCODE(kind) + ": " + grouped.get(kind, {}).get(acc, "[]") + "}"
        i = position.get(acc)
        if kind not in profile or i is None:
            return '{"features": {}}'
        return profile[kind][i]

    out: list[str] = []
    for acc in order_ids:
        acc_rows = rows_by_acc.get(acc)
        if not acc_rows:
            continue
        acc_json, score = encode_basestring_ascii(acc), score_of[acc]
        # an account's reasons of one support kind quote the same block
        blocks: dict[str | None, str] = {}
        for _, rule_id, _, rank, reason, value, strength, contribution in sorted(
                acc_rows, key=lambda r: r[2]):
            sk = by_rule[rule_id].support
            sup = blocks.get(sk)
            if sup is None:
                sup = blocks[sk] = support_json(sk, acc)
            p = pieces[rule_id]
            out.append("".join((p[0], acc_json, p[1], score, p[2], contribution, p[3], rank,
                                p[4], reason, p[5], strength, p[6], sup, p[7], value, p[8])))
    return out


# The keys of an account-reason row that vary per row, in the order the encoder writes them
# (sorted keys); :func:`_rule_pieces` finds them in the encoder's own text and checks it.
_VARYING = ("account_id", "account_score", "contribution", "rank", "reason", "strength",
            "support", "value")
# A varying key's placeholder is "\x00" + its name, encoded as "\u0000NAME" (quotes included):
# only a rule field equal to a placeholder could look like one, and the split would see it.
_MARK = re.compile(r'"\\u0000([a-z_]+)"')


def _rule_pieces(rule: Rule, population: dict[str, Any]) -> tuple[str, ...]:
    """The constant text of ``rule``'s rows around their varying values (:data:`_VARYING`):
    before the first, between each two and after the last (to the end), as the encoder
    writes the whole row's dict, so the layout cannot drift from it."""
    const = {
        "feature": rule.feature if rule.feature is not None else rule.expr,
        "group": rule.group_key,
        "kind": "account_reason",
        "population": dict(population),
        "rule": rule.id,
        "rule_source": rule.source,
        "tactic": rule.tactic,
        "weight": rule.weight,
    }
    parts = _MARK.split(_ENCODE({**const, **{k: "\x00" + k for k in _VARYING}}))
    if tuple(parts[1::2]) != _VARYING:
        raise RuleError(f"rule {rule.id!r}: its evidence row layout is not "
                        f"{', '.join(_VARYING)} (found {', '.join(parts[1::2])})",
                        source=rule.source)
    return tuple(parts[0::2])


def _json_column(col: pa.ChunkedArray) -> list[str]:
    """Each value of ``col``, cleaned (:func:`_clean`), as the evidence encoder writes it;
    each distinct float rounded and encoded once, strings and other values once per value."""
    if pa.types.is_floating(col.type):
        return _json_floats(col)
    if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
        return [encode_basestring_ascii(v) if v is not None else "null"
                for v in col.to_pylist()]
    if pa.types.is_integer(col.type):
        return [str(v) if v is not None else "null" for v in col.to_pylist()]
    return [_ENCODE(v) for v in _clean_column(col)]


def _json_floats(col: pa.ChunkedArray) -> list[str]:
    """:func:`_rounded` of ``col`` as JSON text (``null`` for null, NaN and infinities)."""
    return _per_distinct_float(col, _round6_json)

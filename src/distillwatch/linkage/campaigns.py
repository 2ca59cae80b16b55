"""Campaigns: score, tactics and shared indicators per community; the ``find_campaigns`` entry.

A campaign is a community of linked accounts whose members, *pooled*, show harvesting:
26 requests a day from one account prove little, 26 x 400 from 400 linked young accounts
with the same elicitation template do. The campaign score is a logistic function of

- ``harvest``: ``score_share`` x mean base account score (part 1) + the rest x the pooled,
  exchange-weighted request score of all members' exchanges (a member's exchanges counting
  at most ``pooled_member_cap`` x the median member's: :func:`pooled_request_score`);
- ``coordination``: how far the mean internal link weight exceeds ``edge_threshold``
  (0 when barely linked, 1 at twice the threshold or more);
- ``size``: log2 of the number of accounts;
- ``profile``: the share of risky accounts (young, unverified, no company e-mail domain),
  0.5 (neutral) without an accounts table.

All coefficients are data (``[campaign]`` in ``defaults.toml``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import itertools
import json
import math
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

import ibis.expr.types as ir
import numba
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.exceptions import LinkageError
from distillwatch.linkage.activity import INTENT_TACTICS, SIGNAL_TACTICS, account_activity
from distillwatch.linkage.candidates import distinct_keys_per_account, membership_parts
from distillwatch.linkage.clock import CpuClock
from distillwatch.linkage.config import CampaignScoreConfig, LinkageConfig, load_linkage_config
from distillwatch.linkage.graph import communities
from distillwatch.linkage.pairs import (
    PairRows,
    candidate_rows,
    pair_table,
    run_starts,
    sorted_codes,
)
from distillwatch.linkage.rarity import (
    PairTotals,
    attach,
    coded_totals,
    link_weight_values,
    totals_table,
)
from distillwatch.schema import (
    CAMPAIGN_INDICATOR_KINDS,
    FINDINGS_CAMPAIGN_SCHEMA,
    STORE_EVENT_SCHEMA,
)

MEMBERSHIP_SCHEMA = pa.schema(
    [
        pa.field("account_id", pa.string(), nullable=False),
        pa.field("campaign_id", pa.string(), nullable=False),
        pa.field("campaign_score", pa.float64(), nullable=False),
    ]
)
LINKS_SCHEMA = pa.schema(
    [
        pa.field("src", pa.string(), nullable=False),
        pa.field("dst", pa.string(), nullable=False),
        pa.field("link_type", pa.string(), nullable=False),
        pa.field("weight", pa.float64(), nullable=False),
        pa.field("evidence", pa.string()),  # JSON object
    ]
)
LINK_TACTICS: dict[str, str] = {
    "payment": "shared_payment",
    "email_domain": "shared_email_domain",
    "org_pattern": "naming_pattern",
    "signup_burst": "signup_burst",
    "ip": "shared_ips",
    "prefix": "shared_prefixes",
    "asn_ua": "shared_asn_user_agent",
    "template": "template_reuse",
    "near_dup": "near_duplicate_prompts",
    "partition": "task_partitioning",
    "synchrony": "synchronized_activity",
}
LINK_INDICATORS: dict[str, str] = {
    "payment": "payment_fingerprints",
    "email_domain": "email_domains",
    "ip": "ips",
    "prefix": "prefixes",
    "template": "template_keys",
    "partition": "template_keys",
}
# Linkage needs these event columns; the rest of STORE_EVENT_SCHEMA is optional.
REQUIRED_EVENT_COLUMNS = ("ts", "account_id", "event_key")

_T = TypeVar("_T")


@dataclass(frozen=True)
class CampaignResult:
    """What :func:`find_campaigns` returns (Arrow tables + evidence rows)."""

    membership: pa.Table  # MEMBERSHIP_SCHEMA
    campaigns: pa.Table  # FINDINGS_CAMPAIGN_SCHEMA
    links: pa.Table  # LINKS_SCHEMA: intra-campaign links, one row per pair and link type
    evidence: list[dict[str, Any]] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)  # counts per step, for run.json
    # CPU seconds per step (process-wide, engine threads included); not in ``stats`` so that
    # equal inputs still give equal stats.
    cpu_seconds: dict[str, float] = field(default_factory=dict)


def campaign_id_for(members: list[str]) -> str:
    """Deterministic id: ``cmp-`` + 12 hex of SHA-256 of the smallest member id."""
    return "cmp-" + hashlib.sha256(min(members).encode("utf-8")).hexdigest()[:12]


def severity_for(score: float, thresholds: dict[str, float]) -> str:
    best = "none"
    for name, floor in sorted(thresholds.items(), key=lambda kv: kv[1]):
        if score >= floor:
            best = name
    return best


def _with_missing_columns(events: ir.Table) -> ir.Table:
    """Add null columns for optional store columns a (sketch-only or partial) store lacks."""
    import ibis

    missing = {
        f.name: ibis.null(ibis.dtype(f.type))
        for f in STORE_EVENT_SCHEMA
        if f.name not in events.columns and f.name not in REQUIRED_EVENT_COLUMNS
    }
    return events.mutate(**missing) if missing else events


def _profile(accounts: pa.Table | None, activity: pa.Table, *, young_days: int) -> np.ndarray:
    """Risk profile per activity row in [0, 1]: mean of young, unverified, no company domain.

    NaN where the account has no accounts row or none of those facts is known.
    """
    n = activity.num_rows
    if accounts is None or accounts.num_rows == 0:
        return np.full(n, np.nan)
    pos = pc.index_in(activity["account_id"], value_set=accounts["account_id"])
    known = pc.is_valid(pos).to_numpy(zero_copy_only=False)
    take = pos.fill_null(0)
    total = np.zeros(n)
    count = np.zeros(n)

    def add(value: pa.ChunkedArray | pa.Array) -> None:
        valid = known & pc.is_valid(value).to_numpy(zero_copy_only=False)
        total[valid] += np.asarray(value.fill_null(False).to_numpy(zero_copy_only=False))[valid]
        count[valid] += 1

    if "created_at" in accounts.column_names:
        created = accounts["created_at"].take(take)
        age = pc.subtract(
            activity["first_seen"].cast(pa.timestamp("us", "UTC")),
            created.cast(pa.timestamp("us", "UTC")),
        )
        add(pc.less(age, pa.scalar(young_days * 86400 * 10**6, pa.duration("us"))))
    if "verified" in accounts.column_names:
        add(pc.invert(accounts["verified"].take(take)))
    if "email_domain_class" in accounts.column_names:
        add(pc.not_equal(accounts["email_domain_class"].take(take), "other"))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def account_young_of(
    activity: pa.Table, accounts: pa.Table, *, young_days: int
) -> pa.Table:
    """``(account_id, young)`` from the activity rows (first exchange) and the accounts table:
    1.0 when created less than ``young_days`` before its first exchange, null when unknown.

    The same figure as :func:`distillwatch.linkage.candidates.account_young` (ages compared
    as float epoch seconds, as the engine does), without another scan of the events.
    """
    n = activity.num_rows
    out = np.full(n, np.nan)
    if "created_at" in accounts.column_names and n:
        pos = pc.index_in(activity["account_id"], value_set=accounts["account_id"])
        created = accounts["created_at"].cast(pa.timestamp("us", "UTC")).take(pos)
        first = activity["first_seen"].cast(pa.timestamp("us", "UTC"))
        known = np.asarray(
            pc.and_(pc.is_valid(created), pc.is_valid(first)).to_numpy(zero_copy_only=False),
            dtype=bool,
        )
        c_us = np.asarray(created.cast(pa.int64()).fill_null(0).to_numpy(zero_copy_only=False))
        f_us = np.asarray(first.cast(pa.int64()).fill_null(0).to_numpy(zero_copy_only=False))
        age_s = f_us / 1e6 - c_us / 1e6
        out[known] = (age_s[known] < young_days * 86400).astype(np.float64)
    return pa.table(
        {"account_id": activity["account_id"], "young": pa.array(out, from_pandas=True)}
    )


def _with_ips(activity: pa.Table, ips: pa.Table | None) -> pa.Table:
    """``activity`` with ``ips`` (distinct client IPs per account; 0 when it has none)."""
    n = np.zeros(activity.num_rows, dtype=np.int64)
    if ips is not None and ips.num_rows:
        pos = pc.index_in(activity["account_id"], value_set=ips["account_id"])
        have = np.asarray(pc.is_valid(pos).to_numpy(zero_copy_only=False), dtype=bool)
        idx = np.asarray(pos.fill_null(0).to_numpy(zero_copy_only=False), dtype=np.int64)
        n[have] = np.asarray(ips["n"].to_numpy(), dtype=np.int64)[idx[have]]
    return activity.append_column("ips", pa.array(n, pa.int64()))


def pooled_request_score(exchanges: np.ndarray, score_sums: np.ndarray, *,
                         member_cap: float) -> float:
    """Exchange-weighted mean request score of a community's members, each member's
    exchanges counting at most ``member_cap`` x the median member's.

    Pooling is for many accounts' weak evidence: without the cap one heavy member (a benign
    eval harness behind a campus NAT) sets the pooled score alone; its own score still counts
    in the mean account score. A member under the cap keeps its exact sums (scale 1.0), so
    where nobody is capped this is ``sum(score_sums) / sum(exchanges)`` to the last bit.
    """
    ex = np.asarray(exchanges, dtype=np.float64)
    sums = np.asarray(score_sums, dtype=np.float64)
    if len(ex) == 0:
        return 0.0
    cap = member_cap * float(np.median(ex))
    scale = np.ones(len(ex))
    over = ex > cap
    scale[over] = cap / ex[over]
    return float((sums * scale).sum()) / max(float((ex * scale).sum()), 1.0)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


@dataclass(frozen=True, eq=False)
class LinkGraph:
    """Everything :func:`link_graph` finds without account scores (see :func:`campaigns_from`).

    Accounts are the rows of ``activity`` (sorted by id); ``src``/``dst``/``weight`` are the
    strong pairs as row numbers, ``labels`` the community of every row after attachment.
    """

    config: LinkageConfig
    activity: pa.Table  # one row per account with events, sorted by account_id
    accounts: pa.Table | None  # the accounts facts the risk profile reads
    # the candidate rows (one per pair and link type) as codes, and each row's link weight:
    # :attr:`links` writes their strings on first use
    pair_rows: PairRows
    link_weight: np.ndarray
    # one per pair as codes of ``pair_rows.accounts``: :attr:`totals` writes their strings
    pair_totals: PairTotals
    strong: pa.Table  # pairs at or above the edge threshold
    # per community label: the identity and infrastructure link weight of the candidate
    # pairs between its members (``rarity.PairTotals.identity`` summed)
    identity: np.ndarray
    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray
    labels: np.ndarray
    profile: np.ndarray  # risk profile per activity row (NaN: unknown)
    stats: dict[str, Any] = field(default_factory=dict)
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    # activity rows (-1: none) of the ends of each row of ``links`` and of ``strong``, when
    # known (then :func:`campaigns_from` does not look the ids up again)
    link_rows: tuple[np.ndarray, np.ndarray] | None = None
    strong_rows: tuple[np.ndarray, np.ndarray] | None = None

    @cached_property
    def links(self) -> pa.Table:
        """One row per pair and link type (``CANDIDATES_SCHEMA`` plus ``weight``), written on
        first use: :func:`campaigns_from` takes only its campaigns' rows (:meth:`link_table`),
        so detect never writes the strings of every candidate row (18.7M rows at 54M events:
        ~1.4 GB of detect's peak memory there)."""
        return self.link_table()

    @cached_property
    def totals(self) -> pa.Table:
        """One row per pair (:func:`~distillwatch.linkage.rarity.pair_totals`' table), written
        on first use, as :attr:`links`: detect reads only :attr:`strong` (16.9M pairs at 54M
        events, 0.37M of them strong; their strings would be ~1 GB at detect's peak)."""
        return totals_table(self.pair_rows.accounts, self.pair_totals)

    def link_table(self, rows: np.ndarray | None = None) -> pa.Table:
        """:attr:`links`, or only its ``rows`` (row numbers, in that order)."""
        w = self.link_weight if rows is None else self.link_weight[rows]
        return pair_table(self.pair_rows, rows).append_column("weight",
                                                             pa.array(w, pa.float64()))

    def index_of(self, col: pa.ChunkedArray | pa.Array) -> np.ndarray:
        """Row of each account id in ``activity`` (-1: an account without events)."""
        pos = pc.index_in(col, value_set=self.activity["account_id"])
        return np.asarray(pos.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)


def find_campaigns(
    events: ir.Table,
    accounts: ir.Table | None,
    account_scores: pa.Table,
    *,
    config: LinkageConfig | None = None,
) -> CampaignResult:
    """Link accounts, find communities and score them as campaigns.

    ``events`` is the store's events table (any Ibis backend: DuckDB, PySpark);
    ``accounts`` the store's accounts or None; ``account_scores`` has at least
    ``account_id, score`` (the base per-account score in [0, 1]). The composition of
    :func:`link_graph` (needs no scores) and :func:`campaigns_from`.
    """
    check_scores(account_scores)
    return campaigns_from(link_graph(events, accounts, config=config), account_scores)


def check_scores(account_scores: pa.Table) -> None:
    """Raise :class:`LinkageError` unless ``account_scores`` has ``account_id`` and ``score``."""
    for col in ("account_id", "score"):
        if col not in account_scores.column_names:
            raise LinkageError(f"account_scores lack required column {col!r}")


def link_graph(
    events: ir.Table,
    accounts: ir.Table | None,
    *,
    config: LinkageConfig | None = None,
    activity: pa.Table | None = None,
    network: pa.Table | None = None,
    templates: pa.Table | None = None,
) -> LinkGraph:
    """The cross-account work that needs no scores: activity, memberships, candidates, link
    weights, pair totals, strong pairs, communities and attachment.

    Runs its own engine queries on the backend of ``events``: ``detect`` runs it in a second
    thread (on a second connection) while the feature stage and base scores run.
    ``activity``: :func:`account_activity`'s rows of these events without ``ips``, when the
    caller has them already (the feature stage's main aggregate computes them with
    ``account_features(..., activity=True)``): then no activity scan of the events. Its
    account ids (one row per account with events) also number the accounts of the hashed
    membership group-bys, so they must be those of ``events``: an id missing raises.
    ``network``: the feature stage's network rows of the same ``events``
    (:attr:`~distillwatch.features.account.AccountFeatures.network`), when the caller has
    them: the ``ip`` and ``prefix`` memberships are rolled up from them instead of grouped
    on the engine (see :func:`~distillwatch.linkage.candidates.membership_parts`); the same
    graph either way.
    ``templates``: :func:`~distillwatch.linkage.candidates.template_groups` of the same
    ``events`` and ``config``, run by the caller (the feature stage, given it as
    ``account_features(..., template_groups=...)``, rolls its template features up from it
    and hands it back as ``AccountFeatures.template_groups``): the memberships' per-(account,
    template) aggregate is then not grouped again; the same graph either way.
    """
    cfg = config or load_linkage_config()
    for col in REQUIRED_EVENT_COLUMNS:
        if col not in events.columns:
            raise LinkageError(f"events lack required column {col!r}")
    events = _with_missing_columns(events)

    clock = CpuClock()
    ips_from_links = cfg.enabled("ip")
    if activity is None:
        activity = (
            account_activity(events, distinct_ips=not ips_from_links)
            .to_pyarrow()
            .sort_by("account_id")
        )
    else:
        activity = activity.sort_by("account_id")
        if not ips_from_links:  # the one distinct count the given rows lack
            ips = events.group_by("account_id").aggregate(
                n=events.client_ip.nunique()).to_pyarrow()
            activity = _with_ips(activity, ips)
    clock.lap("activity")
    acc_arrow = (
        accounts.select(
            *[
                c
                for c in ("account_id", "created_at", "verified", "email_domain_class")
                if c in accounts.columns
            ]
        ).to_pyarrow()
        if accounts is not None
        else None
    )
    clock.lap("accounts")
    young = (
        account_young_of(activity, acc_arrow, young_days=cfg.young_days)
        if acc_arrow is not None
        else None
    )
    clock.lap("young")
    # one ``memberships.<step>`` entry per engine query
    # the activity rows are every account with events: their ids are the account dictionary
    # of the hashed group-bys (no SELECT DISTINCT account_id scan)
    parts = membership_parts(events, accounts, config=cfg, clock=clock,
                             account_ids=activity["account_id"], network=network,
                             templates=templates)
    if ips_from_links:
        activity = _with_ips(activity, distinct_keys_per_account(parts, "ip"))
    # The pairs step and what follows, on a second thread beside this one when
    # ``concurrent``: see :func:`_graph_steps` (it empties ``parts`` once they are encoded).
    with _side_pool(cfg, "dw-link-tail") as pool:
        steps = _graph_steps(parts, young, activity, cfg=cfg, clock=clock, pool=pool)
    profile = _profile(acc_arrow, activity, young_days=cfg.young_days)
    clock.lap("profile")
    stats = {
        "accounts": activity.num_rows,
        "candidate_rows": steps.pair_rows.num_rows,
        "pairs": len(steps.pair_totals.src),
        "strong_pairs": len(steps.src),
        "candidate_rows_by_type": steps.rows_by_type,
    }
    return LinkGraph(
        config=cfg, activity=activity, accounts=acc_arrow, pair_rows=steps.pair_rows,
        link_weight=steps.link_weight, pair_totals=steps.pair_totals, strong=steps.strong,
        identity=steps.identity, src=steps.src, dst=steps.dst,
        weight=steps.weight, labels=steps.labels, profile=profile, stats=stats,
        cpu_seconds=clock.seconds, link_rows=steps.link_rows, strong_rows=steps.strong_rows,
    )


@dataclass(frozen=True)
class _GraphSteps:
    """What :func:`_graph_steps` hands back to :func:`link_graph`."""

    pair_rows: PairRows
    link_weight: np.ndarray
    pair_totals: PairTotals
    strong: pa.Table
    identity: np.ndarray
    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray
    labels: np.ndarray
    link_rows: tuple[np.ndarray, np.ndarray]
    strong_rows: tuple[np.ndarray, np.ndarray]
    rows_by_type: dict[str, int]


def _graph_steps(parts: list[Any], young: pa.Table | None, activity: pa.Table, *,
                 cfg: LinkageConfig, clock: CpuClock, pool: Executor | None) -> _GraphSteps:
    """Candidates, link weights, pair totals, strong pairs, communities and attachment.

    Everything up to the labels runs on integer codes (:class:`PairRows`,
    :class:`PairTotals`); of the string tables only the strong pairs (with their ids) are
    written here: the candidate rows and the pair totals keep their codes
    (:attr:`LinkGraph.links` and :attr:`LinkGraph.totals` write their strings when asked;
    campaigns take only their own rows). With ``pool`` (one more thread) the
    parts are capped and the link types weighed and paired on both threads (see
    :func:`~distillwatch.linkage.pairs.candidate_rows`). The same tables and labels either
    way."""
    rows = candidate_rows(parts, young, config=cfg, pool=pool, consume=True)
    clock.lap("candidates")
    weight = link_weight_values(rows.raw, rows.link_types, rows.lt, config=cfg)
    t = coded_totals(weight, len(rows.accounts), rows.src, rows.dst, rows.link_types, rows.lt,
                     content_cap=cfg.content_cap, identity=True)
    is_strong = t.weight >= cfg.edge_threshold
    clock.lap("weights")
    ids_arr = activity["account_id"]
    n_acc = activity.num_rows
    # activity row of each account code: the rows of every pair's ends without hashing ids
    pos = pc.index_in(rows.accounts, value_set=ids_arr)
    row_of = np.asarray(pos.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)
    src, dst = row_of[t.src[is_strong]], row_of[t.dst[is_strong]]
    strong_rows = (src, dst)
    w = t.weight[is_strong]
    ok = (src >= 0) & (dst >= 0)  # pairs of accounts without events (accounts table only)
    src, dst, w = src[ok], dst[ok], w[ok]
    labels = communities(n_acc, src, dst, w, method=cfg.method, resolution=cfg.cpm_resolution,
                         bridge_min_side=cfg.bridge_min_side)
    clock.lap("communities")
    assert t.identity is not None
    # the pairs' ends as activity rows; -1 (an account of the accounts table without events)
    # is skipped by the kernels below, so no filtered copies of every pair are made
    a_src, a_dst = row_of[t.src], row_of[t.dst]
    if cfg.attach.enabled and n_acc:
        a_w = t.weight
        # what min_other, min_mean_other and min_pair_weight read (AttachConfig.identity_only)
        a_other = t.identity if cfg.attach.identity_only else t.other
        before = labels
        labels = attach(
            labels,
            a_src,
            a_dst,
            a_w,
            a_other,
            min_size=cfg.min_community_size,
            min_total=cfg.attach.min_total,
            min_other=cfg.attach.min_other,
            min_partners=cfg.attach.min_partners,
            min_mean_other=cfg.attach.min_mean_other,
        )
        if cfg.attach.min_pair_weight > 0:
            labels = _keep_tied_attachments(
                before, labels, a_src, a_dst, a_other if cfg.attach.identity_only else a_w,
                min_pair_weight=cfg.attach.min_pair_weight)
    # identity and infrastructure evidence inside each community (CampaignScoreConfig's
    # behaviour-only rule): every candidate pair of two members counts, not only strong ones
    identity = _inside_sums(np.asarray(labels, dtype=np.int64), a_src, a_dst, t.identity,
                            int(labels.max()) + 1 if len(labels) else 0)
    del a_src, a_dst
    t = dataclasses.replace(t, identity=None)  # 8 bytes a pair, not needed past here
    by_type = np.bincount(rows.lt, minlength=len(rows.link_types))
    strong = totals_table(rows.accounts, t, is_strong)
    clock.lap("attach")
    return _GraphSteps(
        pair_rows=rows, link_weight=weight, pair_totals=t, strong=strong, identity=identity,
        src=src, dst=dst, weight=w, labels=labels,
        link_rows=(row_of[rows.src], row_of[rows.dst]), strong_rows=strong_rows,
        rows_by_type={name: int(by_type[i]) for i, name in
                      sorted(enumerate(rows.link_types), key=lambda x: x[1]) if by_type[i]},
    )


@numba.njit(cache=True, nogil=True)
def _inside_sums(labels: np.ndarray, src: np.ndarray, dst: np.ndarray, weight: np.ndarray,
                 n_labels: int) -> np.ndarray:
    """Per label, the ``weight`` of the pairs (ends ``src``/``dst``; -1: an account without
    events) whose two ends share it, added in pair order (as ``bincount`` would, without its
    masked copies of every pair: this runs at detect's peak memory)."""
    out = np.zeros(n_labels)
    for i in range(len(src)):
        a, b = src[i], dst[i]
        if a >= 0 and b >= 0 and labels[a] == labels[b]:
            out[labels[a]] += weight[i]
    return out


def campaigns_from(graph: LinkGraph, account_scores: pa.Table) -> CampaignResult:
    """Campaigns of ``graph``'s communities scored with ``account_scores`` (at least
    ``account_id, score``): campaign scores, tactics, intra-campaign links and evidence."""
    check_scores(account_scores)
    cfg = graph.config
    clock = CpuClock()
    activity, strong = graph.activity, graph.strong
    src, dst, w, labels, profile = graph.src, graph.dst, graph.weight, graph.labels, graph.profile
    index_of = graph.index_of
    ids_arr = activity["account_id"]
    n_acc = activity.num_rows
    score_pos = pc.index_in(ids_arr, value_set=account_scores["account_id"])
    score_of = np.array(
        account_scores["score"]
        .cast(pa.float64())
        .fill_null(0.0)
        .take(score_pos.fill_null(0))
        .to_numpy(zero_copy_only=False),
        dtype=np.float64,
    )
    score_of[~pc.is_valid(score_pos).to_numpy(zero_copy_only=False)] = 0.0
    act = {c: activity[c].to_numpy(zero_copy_only=False) for c in activity.column_names}

    sizes = np.bincount(labels) if len(labels) else np.zeros(0, dtype=np.int64)
    big = np.flatnonzero(sizes >= cfg.min_community_size)
    # Members of every community from one sort (not one scan of all labels per community).
    by_label = np.argsort(labels, kind="stable")
    starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    # Intra-community edges: count and weight sum per community.
    same = labels[src] == labels[dst]
    edge_comm = labels[src][same]
    n_labels = len(sizes)
    edge_n = np.bincount(edge_comm, minlength=n_labels)
    edge_sum = np.bincount(edge_comm, weights=w[same], minlength=n_labels)

    cc = cfg.campaign
    campaign_of = np.full(n_acc, -1, dtype=np.int64)  # activity row -> kept community label
    summaries: dict[str, dict[str, Any]] = {}
    behaviour_only = 0  # communities scored as campaigns but tied only by content and timing
    for c in big:
        members_idx = by_label[starts[c] : starts[c + 1]]
        members = ids_arr.take(pa.array(members_idx)).to_pylist()
        ex = act["exchanges"][members_idx].astype(np.float64)
        n_ex = float(ex.sum())
        pooled = pooled_request_score(ex, act["request_score_sum"][members_idx],
                                      member_cap=cc.pooled_member_cap)
        mean_score = float(np.mean(score_of[members_idx]))
        harvest = cc.score_share * mean_score + (1.0 - cc.score_share) * pooled
        mean_w = float(edge_sum[c] / edge_n[c]) if edge_n[c] else 0.0
        coordination = min(1.0, max(0.0, mean_w / cfg.edge_threshold - 1.0))
        prof = profile[members_idx]
        prof = prof[~np.isnan(prof)]
        risk = float(np.mean(prof)) if len(prof) else 0.5
        z = (
            cc.bias
            + cc.harvest_weight * (harvest - cc.harvest_center)
            + cc.coordination_weight * coordination
            + cc.size_weight * math.log2(len(members))
            + cc.profile_weight * (risk - 0.5)
        )
        score = _sigmoid(z)
        if score < cfg.min_campaign_score:
            continue
        if (len(members) < cc.behaviour_only_min_accounts
                and graph.identity[c] < cc.min_identity_per_member * len(members)):
            behaviour_only += 1
            continue
        cid = campaign_id_for(members)
        campaign_of[members_idx] = c
        tactics = []
        for col, name in INTENT_TACTICS.items():
            if float(act[f"{col}_sum"][members_idx].sum()) / max(n_ex, 1.0) >= cc.tactic_share:
                tactics.append(name)
        for col, name in SIGNAL_TACTICS.items():
            if float(act[f"{col}_n"][members_idx].sum()) / max(n_ex, 1.0) >= cc.tactic_share:
                tactics.append(name)
        hosting = float(act["hosting_n"][members_idx].sum()) / max(n_ex, 1.0)
        if hosting >= cc.tactic_share:
            tactics.append("hosting_infrastructure")
        if float(act["vpn_n"][members_idx].sum()) / max(n_ex, 1.0) >= cc.tactic_share:
            tactics.append("vpn")
        ip_rate = float(act["ips"][members_idx].sum()) / max(n_ex, 1.0)
        if ip_rate >= 0.3 and hosting < cc.tactic_share:
            tactics.append("residential_proxy_rotation")
        first = min(x for x in act["first_seen"][members_idx].tolist() if x is not None)
        last = max(x for x in act["last_seen"][members_idx].tolist() if x is not None)
        days = max(1.0, (last - first).total_seconds() / 86400)
        if n_ex / len(members) / days <= cc.low_slow_rate:
            tactics.append("low_and_slow")
        summaries[cid] = {
            "cid": cid,
            "label": int(c),
            "rows": members_idx,
            "score": score,
            "members": members,
            "exchanges": int(n_ex),
            "first_seen": first,
            "last_seen": last,
            "tactics": tactics,
            "harvest": harvest,
            "pooled_request_score": pooled,
            "mean_account_score": mean_score,
            "coordination": coordination,
            "risk_profile": risk,
            "mean_link_weight": mean_w,
        }

    clock.lap("campaign_scores")
    # Links inside reported campaigns, with their evidence: only for what is emitted.
    cl = _campaign_links(graph, strong, index_of, campaign_of, link_rows=graph.link_rows,
                         strong_rows=graph.strong_rows)
    # The links' evidence JSON (Arrow's string kernels, which release the GIL) is written on
    # a second thread while this one builds the campaigns' evidence, when ``concurrent``.
    with _side_pool(cfg, "dw-link-json") as pool:
        link_json = _later(pool, _link_evidence_json, cl.table)
        rows, member_rows, evidence = _campaign_evidence(cl, summaries, ids_arr, cc)
        links_out = pa.table(
            {
                "src": cl.table["src"],
                "dst": cl.table["dst"],
                "link_type": cl.table["link_type"],
                "weight": cl.table["weight"].cast(pa.float64()),
                "evidence": link_json(),
            }
        ).cast(LINKS_SCHEMA)
    clock.lap("evidence")
    campaigns = pa.Table.from_pylist(rows, schema=FINDINGS_CAMPAIGN_SCHEMA)
    membership = pa.Table.from_pylist(member_rows, schema=MEMBERSHIP_SCHEMA)
    g = graph.stats
    # (the key order of the single-function version, kept for run.json readers)
    stats = {
        "accounts": g["accounts"],
        "candidate_rows": g["candidate_rows"],
        "pairs": g["pairs"],
        "strong_pairs": g["strong_pairs"],
        "communities": len(big),
        "campaigns": campaigns.num_rows,
        "behaviour_only_communities": behaviour_only,
        "campaign_accounts": membership.num_rows,
        "candidate_rows_by_type": g["candidate_rows_by_type"],
    }
    return CampaignResult(
        membership=membership,
        campaigns=campaigns,
        links=links_out,
        evidence=evidence,
        stats=stats,
        cpu_seconds={**graph.cpu_seconds, **clock.seconds},
    )


def _side_pool(cfg: LinkageConfig, name: str) -> contextlib.AbstractContextManager[Executor | None]:
    """One more thread (named ``name``) when ``cfg.concurrent``, else None."""
    if cfg.concurrent:
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
    return contextlib.nullcontext()


def _later(pool: Executor | None, fn: Callable[..., _T], *args: Any) -> Callable[[], _T]:
    """``fn(*args)`` submitted to ``pool``, or computed now without one: either way, a
    callable that returns its value (waiting for it on the pool)."""
    if pool is None:
        value = fn(*args)
        return lambda: value
    return pool.submit(fn, *args).result


def _campaign_evidence(
    cl: _CampaignLinks, summaries: dict[str, dict[str, Any]],
    ids_arr: pa.ChunkedArray | pa.Array, cc: CampaignScoreConfig,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The campaigns' rows, their members' rows and the evidence records."""
    rows: list[dict[str, Any]] = []
    member_rows: list[dict[str, Any]] = []
    evidence: list[dict[str, Any]] = []
    n_rows = cl.table.num_rows
    # the keys numbered (one hash pass), so that indicators count distinct keys
    key_enc = pc.dictionary_encode(cl.table["key"].combine_chunks(), null_encoding="encode")
    key_code = np.asarray(key_enc.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    key_names = [str(k) for k in key_enc.dictionary.to_pylist()]
    # Rows of each (campaign, link type), in row order: the ``items`` of that link type.
    lt_names = cl.link_types
    by_group = np.lexsort((np.arange(n_rows), cl.lt, cl.camp))
    g_start = np.flatnonzero(run_starts(cl.camp[by_group], cl.lt[by_group])).tolist()
    types_of: dict[int, dict[str, np.ndarray]] = {}
    for a, b in itertools.pairwise([*g_start, n_rows]):
        r = by_group[a:b]
        types_of.setdefault(int(cl.camp[r[0]]), {})[lt_names[int(cl.lt[r[0]])]] = r
    partner_totals = _partner_totals(cl)
    counts_of, partners_of = _member_links(cl, partner_totals, ids_arr)

    for cid in sorted(summaries):
        s = summaries[cid]
        types = types_of.get(s["label"], {})
        tactics = list(s["tactics"])
        lt_sum = {lt: sum(cl.weight[r].tolist()) for lt, r in types.items()}
        # Heaviest first; sums rounded so that last-digit differences of the engine's
        # parallel float sums cannot reorder link types of (nearly) equal weight.
        for lt in sorted(types, key=lambda t: (-round(lt_sum[t], 9), t)):
            tactics.append(LINK_TACTICS[lt])
        indicators = _indicators(types, key_code, key_names, limit=cc.max_indicators)
        sev = severity_for(s["score"], cc.severity)
        summary = (
            f"{len(s['members'])} linked accounts made {s['exchanges']} exchanges "
            f"(pooled request score {s['pooled_request_score']:.2f}); linked by "
            + (", ".join(sorted(types)) or "no direct links")
        )
        rows.append(
            {
                "campaign_id": cid,
                "score": round(s["score"], 6),
                "severity": sev,
                "accounts": len(s["members"]),
                "exchanges": s["exchanges"],
                "first_seen": s["first_seen"],
                "last_seen": s["last_seen"],
                "tactics": tactics,
                "link_types": sorted(types),
                "indicators": json.dumps(indicators, sort_keys=True),
                "summary": summary,
            }
        )
        row_of = dict(zip(s["members"], s["rows"].tolist(), strict=True))
        for m in sorted(s["members"]):
            member_rows.append(
                {"account_id": m, "campaign_id": cid, "campaign_score": round(s["score"], 6)}
            )
            i = row_of[m]
            evidence.append(
                {
                    "kind": "campaign_member",
                    "account_id": m,
                    "campaign_id": cid,
                    "campaign_score": round(s["score"], 6),
                    "link_types": counts_of.get(i, {}),
                    "partners": partners_of.get(i, []),
                }
            )
        evidence.append(
            {
                "kind": "campaign",
                "campaign_id": cid,
                "score": round(s["score"], 6),
                "accounts": len(s["members"]),
                "harvest": round(s["harvest"], 4),
                "pooled_request_score": round(s["pooled_request_score"], 4),
                "mean_account_score": round(s["mean_account_score"], 4),
                "coordination": round(s["coordination"], 4),
                "mean_link_weight": round(s["mean_link_weight"], 4),
                "risk_profile": round(s["risk_profile"], 4),
                "tactics": tactics,
            }
        )
        for lt in sorted(types):
            r = types[lt]
            # the three heaviest pairs, ties by (src, dst): activity rows sort like the ids
            top = r[np.lexsort((cl.dst[r], cl.src[r], -cl.weight[r]))[:3]]
            ends = (cl.table.select(["src", "dst", "key", "shared", "group_size"])
                    .take(pa.array(top)).to_pylist())
            evidence.append(
                {
                    "kind": "campaign_link",
                    "campaign_id": cid,
                    "link_type": lt,
                    "pairs": len(r),
                    "accounts": len(np.unique(np.concatenate([cl.src[r], cl.dst[r]]))),
                    "weight_sum": round(lt_sum[lt], 4),
                    "examples": [
                        {"src": e["src"], "dst": e["dst"], "key": e["key"],
                         "shared_keys": int(e["shared"]),
                         "group_size": int(e["group_size"])}
                        for e in ends
                    ],
                }
            )

    return rows, member_rows, evidence


def _keep_tied_attachments(
    before: np.ndarray,
    after: np.ndarray,
    src: np.ndarray,
    dst: np.ndarray,
    weight: np.ndarray,
    *,
    min_pair_weight: float,
) -> np.ndarray:
    """Undo attachments without one pair of at least ``min_pair_weight`` to the community.

    A low-and-slow member shares a proxy IP (a pair of ~0.5) with a few members; a benign
    account tied to a large campaign by chance shares only its ASN and /24 with many of them
    (pairs of ~0.2 each), which can add up to as much in total.
    """
    moved = np.flatnonzero(before != after)
    if moved.size == 0:
        return after
    best = _best_ties(np.asarray(before, dtype=np.int64), np.asarray(after, dtype=np.int64),
                      np.asarray(src, dtype=np.int64), np.asarray(dst, dtype=np.int64),
                      np.asarray(weight, dtype=np.float64))
    out = after.copy()
    weak = moved[best[moved] < min_pair_weight]
    out[weak] = before[weak]
    return out


@numba.njit(cache=True, nogil=True)
def _best_ties(before: np.ndarray, after: np.ndarray, src: np.ndarray, dst: np.ndarray,
               weight: np.ndarray) -> np.ndarray:
    """Per node, its heaviest pair (0 if none) to the community it was attached to: the pair
    ends (either direction) of a moved node whose other end was already in that community."""
    best = np.zeros(len(after))
    for i in range(len(src)):
        a, b = src[i], dst[i]
        if a < 0 or b < 0:  # an account without events
            continue
        if before[a] != after[a] and before[b] == after[a]:
            best[a] = max(best[a], weight[i])
        if before[b] != after[b] and before[a] == after[b]:
            best[b] = max(best[b], weight[i])
    return best


@dataclass(frozen=True)
class _CampaignLinks:
    """Links of pairs directly strong inside one reported campaign, sorted by
    (src, dst, link_type), with ``pair_weight``; per row its campaign label, the activity rows
    of its ends (numbered like the sorted ids) and its link type's position in ``link_types``."""

    table: pa.Table
    src: np.ndarray
    dst: np.ndarray
    camp: np.ndarray
    lt: np.ndarray
    link_types: list[str]  # distinct link types in byte order
    weight: np.ndarray


def _campaign_links(
    graph: LinkGraph,
    strong: pa.Table,
    index_of: Any,
    campaign_of: np.ndarray,
    *,
    link_rows: tuple[np.ndarray, np.ndarray] | None = None,
    strong_rows: tuple[np.ndarray, np.ndarray] | None = None,
) -> _CampaignLinks:
    """What joining the campaign's links with its strong pairs on ``(src, dst)`` and sorting
    by ``(src, dst, link_type)`` gives, matched on activity rows (integers) instead of
    filtering, hash-joining and sorting strings of every link. ``link_rows`` and
    ``strong_rows``: those rows when known (else ``index_of`` the ids)."""
    n = len(campaign_of)

    def campaign(rows: np.ndarray) -> np.ndarray:
        return np.where(rows >= 0, campaign_of[np.maximum(rows, 0)], -1)

    ss, sd = strong_rows or (index_of(strong["src"]), index_of(strong["dst"]))
    cs = campaign(ss)
    keep = (cs >= 0) & (cs == campaign(sd))
    s_code = ss[keep] * n + sd[keep]  # strong pairs are unique per (src, dst)
    s_order = np.argsort(s_code, kind="stable")
    s_code = s_code[s_order]
    s_weight = strong["weight"].to_numpy(zero_copy_only=False).astype(np.float64)[keep][s_order]
    ls, ld = link_rows or (index_of(graph.links["src"]), index_of(graph.links["dst"]))
    valid = (ls >= 0) & (ld >= 0)
    code = np.where(valid, ls * n + ld, -1)
    pos = np.minimum(np.searchsorted(s_code, code), max(len(s_code) - 1, 0))
    hit = valid & (s_code[pos] == code) if len(s_code) else np.zeros(len(code), dtype=bool)
    rows = np.flatnonzero(hit)
    sub = graph.link_table(rows)  # the strings of these rows only
    lt_names, lt = sorted_codes(sub["link_type"].cast(pa.string()))
    order = np.lexsort((lt, ld[rows], ls[rows]))  # (src, dst, link_type) are unique
    rows, lt = rows[order], lt[order]
    table = sub.take(pa.array(order)).append_column(
        "pair_weight", pa.array(s_weight[pos[rows]], pa.float64()))
    return _CampaignLinks(
        table=table, src=ls[rows], dst=ld[rows], camp=campaign_of[ls[rows]], lt=lt,
        link_types=[str(x) for x in lt_names.to_pylist()],
        weight=table["weight"].to_numpy(zero_copy_only=False).astype(np.float64),
    )


def _rounded_reprs(col: pa.ChunkedArray | pa.Array) -> pa.Array:
    """``repr(round(float(v), 4))`` of each value as a string array, computed once per
    distinct value (pair weights repeat over a pair's link types, raw sums over pairs of one
    group)."""
    a = np.asarray(col.to_numpy(zero_copy_only=False), dtype=np.float64)
    if not len(a):
        return pa.array([], pa.string())
    # distinct by bit pattern: -0.0 keeps its own repr
    bits, inv = np.unique(a.view(np.int64), return_inverse=True)
    text = pa.array([repr(round(v, 4)) for v in bits.view(np.float64).tolist()], pa.string())
    return text.take(pa.array(inv.ravel(), pa.int64()))


def _link_evidence_json(table: pa.Table) -> pa.Array:
    """Each campaign link's evidence as ``json.dumps(ev, sort_keys=True)`` writes it
    (``group_size``, ``key``, ``pair_weight`` and ``raw`` rounded to 4 places,
    ``shared_keys``), put together by Arrow's string kernels: a key is quoted once per
    distinct key (``json``'s own C encoder, ``ensure_ascii``), a float formatted once per
    distinct value (:func:`_rounded_reprs`), the integers cast (the same digits as
    ``str(int)``); no Python string per link."""
    n = table.num_rows
    if n == 0:
        return pa.array([], pa.string())
    keys = table["key"].combine_chunks().cast(pa.string()).dictionary_encode()
    quote = json.encoder.encode_basestring_ascii
    quoted = pa.array([quote(k) for k in keys.dictionary.to_pylist()], pa.string())
    key_json = quoted.take(keys.indices).fill_null("null")

    def digits(c: str) -> pa.Array:
        col = table[c].combine_chunks()
        if col.null_count:
            raise LinkageError(f"a campaign link without {c}")
        return col.cast(pa.int64()).cast(pa.string())

    piece = [
        '{"group_size": ', digits("group_size"), ', "key": ', key_json,
        ', "pair_weight": ', _rounded_reprs(table["pair_weight"]),
        ', "raw": ', _rounded_reprs(table["raw"]), ', "shared_keys": ', digits("shared"), "}",
    ]
    return pc.binary_join_element_wise(
        *[pa.scalar(p, pa.string()) if isinstance(p, str) else p for p in piece], "")


def _partner_totals(cl: _CampaignLinks) -> np.ndarray:
    """Per row, the total weight of its pair (the same for the pair's every row): its link
    types' weights added and rounded to 4 places one at a time, link types in the order they
    first appear among the campaign's links (as the dict-of-lists evidence once added them,
    so the roundings stay what they were). Step ``k`` adds every pair's ``k``-th link type at
    once; Python's ``round`` runs once per distinct sum."""
    n_rows = len(cl.lt)
    out = np.zeros(n_rows)
    if not n_rows:
        return out
    n_lt = len(cl.link_types)
    group = cl.camp * n_lt + cl.lt
    uniq, first = np.unique(group, return_index=True)
    # rank of each (campaign, link type) by its first row within the campaign
    g_rank = np.empty(len(uniq), dtype=np.int64)
    g_rank[np.lexsort((first, uniq // n_lt))] = np.arange(len(uniq))
    rank = g_rank[np.searchsorted(uniq, group)]
    pair_id = np.cumsum(run_starts(cl.src, cl.dst)) - 1
    order = np.lexsort((rank, pair_id))  # a pair's rows in the order they are added
    pid = pair_id[order]
    start = np.flatnonzero(run_starts(pid))
    step = np.arange(n_rows) - np.repeat(start, np.diff(np.append(start, n_rows)))
    w = cl.weight[order]
    total = np.zeros(len(start))
    for k in range(int(step.max()) + 1):
        at = np.flatnonzero(step == k)
        total[pid[at]] = _round4(total[pid[at]] + w[at])  # round(total + weight, 4)
    out[order] = total[pid]
    return out


def _round4(values: np.ndarray) -> np.ndarray:
    """``round(v, 4)`` (Python's, correctly rounded) of each value, once per distinct one."""
    bits, inv = np.unique(values.view(np.int64), return_inverse=True)
    return np.array([round(v, 4) for v in bits.view(np.float64).tolist()],
                    dtype=np.float64)[inv.ravel()]


def _member_links(
    cl: _CampaignLinks, total: np.ndarray, ids: pa.ChunkedArray | pa.Array
) -> tuple[dict[int, dict[str, int]], dict[int, list[str]]]:
    """Per member (activity row): its direct partners per link type (link types sorted) and
    its five heaviest partners (ties by id)."""
    n_lt = max(len(cl.link_types), 1)
    member = np.concatenate([cl.src, cl.dst])
    partner = np.concatenate([cl.dst, cl.src])
    both = np.tile(np.arange(len(cl.lt)), 2)
    uniq, count = np.unique(member * n_lt + np.tile(cl.lt, 2), return_counts=True)
    counts_of: dict[int, dict[str, int]] = {}
    for g, c in zip(uniq.tolist(), count.tolist(), strict=True):
        counts_of.setdefault(g // n_lt, {})[cl.link_types[g % n_lt]] = c
    # one row per (member, partner): every row of a pair carries the pair's total
    _, first = np.unique(member * (int(member.max()) + 1 if len(member) else 1) + partner,
                         return_index=True)
    m, p, t = member[first], partner[first], total[both[first]]
    order = np.lexsort((p, -t, m))
    m, p = m[order], p[order]
    start = np.flatnonzero(run_starts(m))
    rank = np.arange(len(m)) - np.repeat(start, np.diff(np.append(start, len(m))))
    top = rank < 5
    names = ids.take(pa.array(p[top])).to_pylist() if top.any() else []
    partners_of: dict[int, list[str]] = {}
    for i, name in zip(m[top].tolist(), names, strict=True):
        partners_of.setdefault(i, []).append(name)
    return counts_of, partners_of


def _indicators(types: dict[str, np.ndarray], key_code: np.ndarray, key_names: list[str], *,
                limit: int) -> dict[str, list[str]]:
    """The ``limit`` most shared keys of each indicator kind among a campaign's links
    (``types``: its rows per link type; row ``i``'s key is ``key_names[key_code[i]]``),
    counted once per distinct key instead of once per row (ties by key)."""
    counts: dict[str, Counter[str]] = {f: Counter() for f in CAMPAIGN_INDICATOR_KINDS}
    for lt, rows in types.items():
        if lt != "asn_ua" and lt not in LINK_INDICATORS:
            continue
        codes, n = np.unique(key_code[rows], return_counts=True)
        values = zip([key_names[c] for c in codes.tolist()], n.tolist(), strict=True)
        if lt == "asn_ua":
            asns, agents = counts["asns"], counts["user_agents"]
            for k, c in values:
                asn, _, ua = k.partition("|")
                asns[asn] += c
                agents[ua] += c
        else:
            kind = counts[LINK_INDICATORS[lt]]
            for k, c in values:
                kind[k] += c
    return {
        f: [k for k, _ in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]
        for f, c in counts.items()
    }


def membership_column(accounts: pa.Table, result: CampaignResult) -> pa.Array:
    """The ``campaign_id`` column for a findings accounts table (null when in no campaign)."""
    m = dict(
        zip(
            result.membership["account_id"].to_pylist(),
            result.membership["campaign_id"].to_pylist(),
            strict=True,
        )
    )
    return pa.array([m.get(a) for a in accounts["account_id"].to_pylist()], pa.string())

"""``distillwatch detect``: store -> features -> scores -> campaigns -> findings, in order.

Stages and their tables:

1. request signals: already in the store (computed by ``signals`` at ingest);
2. account features (:func:`features.account.account_features`, Ibis on DuckDB or PySpark);
3. base account scores (:class:`scoring.AccountScorer`, rules as data, FPR-calibrated);
4. campaigns (``linkage.find_campaigns``, when installed), folded into the account score by
   the ``campaign.member`` rule; an optional supervised model adds ``model_score``;
5. findings (accounts, campaigns, links, features, evidence, run.json).

The same store and config give the same findings tables (only run.json's timings differ).

With ``[detect] overlap_stages = true`` (off by default) on DuckDB, the link graph
(``linkage.link_graph``: everything linkage does without scores) is built in a second
thread on its own connection to the same database while stages 2-3 run; campaigns are
finished from it once the base scores exist. The findings are those of the sequential order.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

import distillwatch
from distillwatch.exceptions import InputError, StoreError
from distillwatch.features.account import account_features, find_releases
from distillwatch.findings.evidence import build_evidence, needed_support, support_tables
from distillwatch.findings.io import write_findings
from distillwatch.pipeline.config import DetectConfig
from distillwatch.schema import (
    FINDINGS_ACCOUNT_SCHEMA,
    FINDINGS_CAMPAIGN_SCHEMA,
    REQUIRED_EVENT_COLUMNS,
    SEVERITIES,
    STORE_EVENT_SCHEMA,
)
from distillwatch.scoring.rules import load_rules
from distillwatch.scoring.scorer import AccountScorer
from distillwatch.store import Store
from distillwatch.store.engines import connect, copy_local_settings
from distillwatch.store.layout import StoreLayout
from distillwatch.types import StrPath

if TYPE_CHECKING:  # imported when --model is given: it pulls in scikit-learn and SciPy
    from distillwatch.scoring.model import SupervisedModel

Progress = Callable[[str], None]


@dataclass(frozen=True)
class DetectResult:
    """What a detect run wrote and found."""

    out: Path
    accounts: pa.Table  # FINDINGS_ACCOUNT_SCHEMA
    campaigns: pa.Table
    run: dict[str, Any]
    counts: dict[str, int] = field(default_factory=dict)

    def above(self, severity: str) -> int:
        """Accounts at or above ``severity``."""
        rank = {s: i for i, s in enumerate(SEVERITIES)}
        sev = self.accounts.column("severity").to_pylist()
        return sum(1 for s in sev if rank[s] >= rank[severity])


@dataclass
class _Timer:
    seconds: dict[str, float] = field(default_factory=dict)
    # CPU seconds of the whole process (the engine's threads included): on a shared machine
    # wall time moves with the load, CPU time much less.
    cpu_seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str, progress: Progress | None) -> Iterator[None]:
        if progress is not None:
            progress(name)
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.seconds[name] = round(time.perf_counter() - t0, 3)
            self.cpu_seconds[name] = round(time.process_time() - c0, 3)


@dataclass(frozen=True)
class _Linkage:
    """The linkage stage's two steps (``link_graph`` needs no scores)."""

    link_graph: Callable[..., Any]
    campaigns_from: Callable[..., Any]
    check_scores: Callable[[pa.Table], None]
    template_groups: Callable[..., Any]


@dataclass(frozen=True)
class _Timed:
    """A result of background work with its wall and thread CPU seconds."""

    value: Any
    seconds: float
    thread_cpu_seconds: float


def _timed(fn: Callable[[], Any]) -> _Timed:
    t0, c0 = time.perf_counter(), time.thread_time()
    value = fn()
    return _Timed(value, round(time.perf_counter() - t0, 3), round(time.thread_time() - c0, 3))


def _second_backend(con: ibis.BaseBackend) -> tuple[ibis.BaseBackend, int]:
    """A DuckDB backend on a new connection (cursor) to ``con``'s database.

    DuckDB connections are not thread-safe; cursors of one database are independent
    connections sharing its buffer pool, memory limit and worker threads, so two threads
    need no second copy of anything and the memory limit still holds for both. Adds one
    worker thread to the database (its ``threads`` setting + 1) and returns the setting
    before, to be restored once the second thread is done.
    """
    cur = con.con.cursor()
    # a cursor starts from the database's global settings: give it the connection's own
    # (TimeZone, parquet_metadata_cache: see store.engines.connect)
    copy_local_settings(con.con, cur)
    # One more worker: each query's calling thread also runs its tasks but takes the GIL
    # back between them (to check for signals), so while the other thread runs Python it
    # waits; workers never need the GIL. On 2 cores: overlap 68.2 s -> 45.5 s at 10.6M events.
    row = cur.execute("SELECT current_setting('threads')").fetchone()
    threads = int(row[0]) if row else 2
    cur.execute(f"SET threads = {threads + 1}")
    return ibis.duckdb.from_connection(cur), threads


def open_events(con: ibis.BaseBackend, store: StrPath) -> ir.Table:
    """The store's events as an Ibis table; optional columns a store lacks read as null."""
    events = Store.open(store).events(con)
    missing = [c for c in REQUIRED_EVENT_COLUMNS if c not in events.columns]
    if missing:
        raise StoreError(f"{store}: events lack required column(s) {', '.join(missing)}")
    # A partial or sketch-only store may lack optional columns: they count as missing values.
    extra = {
        f.name: ibis.null(ibis.dtype(f.type))
        for f in STORE_EVENT_SCHEMA
        if f.name not in events.columns
    }
    return events.mutate(**extra) if extra else events


def open_accounts(con: ibis.BaseBackend, store: StrPath) -> pa.Table | None:
    """The store's accounts table in memory (one row per account), or None."""
    accounts = Store.open(store).accounts(con)
    return accounts.to_pyarrow() if accounts is not None else None


def _window(events: ir.Table, since: datetime | None, until: datetime | None) -> ir.Table:
    # Compared as UTC instants: casting every ts to a naive timestamp costs a conversion per event.
    utc = "timestamp('UTC')"
    if since is not None:
        events = events.filter(events.ts >= ibis.literal(since.astimezone(UTC), type=utc))
    if until is not None:
        events = events.filter(events.ts < ibis.literal(until.astimezone(UTC), type=utc))
    return events


def _as_table(accounts: pa.Table | None) -> ir.Table | None:
    """Accounts as an Ibis table; columns nullable like the events read from Parquet."""
    if accounts is None:
        return None
    nullable = pa.schema([f.with_nullable(True) for f in accounts.schema])
    return ibis.memtable(accounts.cast(nullable))


def _linkage() -> _Linkage | None:
    try:
        from distillwatch.linkage.campaigns import campaigns_from, check_scores, link_graph
        from distillwatch.linkage.candidates import start_template_groups as template_groups
    except ImportError:
        return None
    return _Linkage(link_graph=link_graph, campaigns_from=campaigns_from,
                    check_scores=check_scores, template_groups=template_groups)


def _template_groups(linkage: _Linkage, path: str | None, events: ir.Table,
                     by_hash: bool) -> Any:
    """Linkage's per-(account, template) aggregate of ``events`` under the run's linkage
    config, started for the feature stage (``account_features(..., template_groups=)``) on a
    second cursor, beside the feature stage's own queries."""
    from distillwatch.linkage import load_linkage_config

    config = _linkage_config(path) or load_linkage_config()
    return linkage.template_groups(events, config=config, hashed=by_hash)


def _linkage_config(path: str | None) -> Any:
    if path is None:
        return None
    from distillwatch.linkage import load_linkage_config

    return load_linkage_config(path)


def detect(
    store: StrPath,
    out: StrPath,
    *,
    config: DetectConfig | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    model: StrPath | None = None,
    progress: Progress | None = None,
) -> DetectResult:
    """Score every account of ``store`` (optionally a time window) and write ``out``."""
    cfg = config or DetectConfig()
    timer = _Timer()
    started = datetime.now(UTC)
    rules = load_rules(cfg.rules)
    sup = None
    if model is not None:
        from distillwatch.scoring.model import SupervisedModel

        sup = SupervisedModel.load(model)
    linkage = _linkage() if cfg.linkage else None
    # Spark runs in order: one SparkSession per process, and its local[N] already uses the cores.
    overlap = linkage is not None and cfg.overlap_stages and cfg.engine == "duckdb"
    cpu0 = time.process_time()
    with timer.stage("connect", progress):
        con = connect(cfg.engine, spark_master=cfg.spark_master,
                      spark_partitions=cfg.spark_partitions)
        all_events = open_events(con, store)
        events = _window(all_events, since, until)
        accounts = open_accounts(con, store)
        link_con, threads = _second_backend(con) if overlap else (None, 0)
        link_events = (_window(open_events(link_con, store), since, until)
                       if link_con is not None else events)
    linkage_info: dict[str, Any] = {"status": "disabled"}
    membership = None
    campaigns = links = None
    campaign_evidence: list[dict[str, Any]] = []
    if cfg.linkage and linkage is None:
        linkage_info = {"status": "not installed (distillwatch.linkage could not be imported)"}
    overlap_info: dict[str, Any] = {"enabled": overlap}

    # In order, the feature stage's main aggregate also sums what the campaign stage scores
    # with (linkage's account activity), and its network rows hold the ip and prefix
    # memberships: one scan of the events fewer each. Overlapped, the graph starts before
    # the features exist and scans for them itself.
    activity_from_features = linkage is not None and not overlap

    def build_graph(activity: pa.Table | None = None, network: pa.Table | None = None,
                    templates: pa.Table | None = None) -> Any:
        assert linkage is not None
        return linkage.link_graph(link_events, _as_table(accounts),
                                  config=_linkage_config(cfg.linkage_config), activity=activity,
                                  network=network, templates=templates)

    # In order on DuckDB, the feature stage also runs linkage's per-(account, template)
    # aggregate (with synchrony's buckets) and rolls its template features up from it, in
    # place of the middle level of a template roll-up of its own; linkage is handed the
    # aggregate and does not group the events at that grain again (~1.4 CPU-s less on 10.6M
    # events). Spark keeps both passes.
    template_groups = (
        partial(_template_groups, linkage, cfg.linkage_config)
        if linkage is not None and activity_from_features and cfg.engine == "duckdb" else None
    )

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="dw-link-graph") as pool:
        graph_job: Future[_Timed] | None = None
        if overlap:
            if progress is not None:
                progress("links (in the background)")
            graph_job = pool.submit(_timed, build_graph)
            ov_t0, ov_c0 = time.perf_counter(), time.process_time()
        try:
            with timer.stage("features", progress):
                # Releases are found over the whole store before ``until`` (never from the
                # future, so a daily replay sees only what it would have seen), not only the
                # window; without ``since`` that is the window, and the feature stage finds
                # them in its network rows.
                releases = None if since is None else find_releases(
                    _window(all_events, None, until), pivot_hours=cfg.pivot_hours,
                    min_events=cfg.min_release_events)
                computed = account_features(
                    events, accounts, releases=releases, pivot_hours=cfg.pivot_hours,
                    min_release_events=cfg.min_release_events,
                    approx_distinct=cfg.approx_distinct, activity=activity_from_features,
                    template_groups=template_groups,
                )
                features = computed.features
                releases = computed.releases
            if features.num_rows == 0:
                raise InputError("no events in the store for the requested window",
                                 path=str(store))
            with timer.stage("scores", progress):
                t_scores = time.thread_time()
                base = AccountScorer(rules=rules, fpr=cfg.fpr).fit(features)
                base_scores = base.score(features)
                # only its thresholds are reported: the scorer (its cached evaluation of every
                # account) is not held to the end of the run
                base_thresholds = base.thresholds_
                del base
                scores_thread_cpu = round(time.thread_time() - t_scores, 3)
            if linkage is not None:
                scores_in = base_scores.select(["account_id", "score", "severity", "flagged"])
                linkage.check_scores(scores_in)
                if graph_job is not None:
                    t_wait = time.perf_counter()
                    # the background's own exception (same type and message as in order)
                    timed = graph_job.result()
                    graph = timed.value
                    timer.seconds["links"] = timed.seconds
                    overlap_info.update({
                        "stages": ["features", "scores", "links"],
                        "wall_s": round(time.perf_counter() - ov_t0, 3),
                        "cpu_s": round(time.process_time() - ov_c0, 3),
                        "links_wait_s": round(time.perf_counter() - t_wait, 3),
                        "thread_cpu_s": {"links": timed.thread_cpu_seconds,
                                         "scores": scores_thread_cpu},
                    })
                    # process CPU of the three stages together: not separable per stage
                    for k in ("features", "scores"):
                        timer.cpu_seconds.pop(k, None)
                    timer.cpu_seconds["features+scores+links"] = overlap_info["cpu_s"]
                else:
                    with timer.stage("links", progress):
                        graph = build_graph(computed.activity, computed.network,
                                            computed.template_groups)
        except BaseException:
            if link_con is not None and graph_job is not None and not graph_job.done():
                # stop the background query instead of waiting for it on the way out
                link_con.con.interrupt()
            raise
    if link_con is not None:
        link_con.raw_sql(f"SET threads = {threads}")  # the later stages run as in order
    if linkage is not None:
        with timer.stage("campaigns", progress):
            result = linkage.campaigns_from(graph, scores_in)
            membership, campaigns, links = result.membership, result.campaigns, result.links
            campaign_evidence = list(result.evidence)
            linkage_info = {"status": "ok", "campaigns": campaigns.num_rows,
                            "stats": dict(getattr(result, "stats", {}) or {}),
                            "cpu_seconds": dict(getattr(result, "cpu_seconds", {}) or {}),
                            # process CPU per step: with overlap it includes the other thread's
                            "cpu_clock": "process (overlapped)" if overlap else "process"}
    features = _with_context(features, membership, sup)
    # partners' intel (docs/intel.md): silent and absent without STORE/intel/corroboration.parquet
    from distillwatch.features import corroboration as corro
    partner = corro.read_store_corroboration(store)
    features = corro.with_corroboration(features, partner)
    with timer.stage("final_scores", progress):
        scorer = AccountScorer(rules=rules, fpr=cfg.fpr).fit(features)
        scorer = corro.own_thresholds(scorer, features)
        scores = scorer.score(features)
    accounts_out = _findings_accounts(scores, features)
    with timer.stage("evidence", progress):
        explained = _explained(scores, cfg.max_evidence_accounts)
        contributions = scorer.contributions(features, accounts=explained)
        scorer.clear_cache()  # nothing more is scored: ~1.2 KB an account not held to the end
        # each support query reads only the accounts whose reasons quote it
        # network and model support come from the feature stage's aggregates, not a scan
        needed = needed_support(rules, contributions)
        # The support queries run in the engine (its threads; the GIL released while a query
        # runs) in a second thread while this one builds the rows' other parts: about half
        # of build_evidence's Python, which otherwise waited for them with one core idle.
        # Only that thread uses the connection until it is done; its error is raised here.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="dw-support") as pool:
            support_job = pool.submit(
                support_tables, events, explained, examples=cfg.evidence_examples,
                needed=needed, network=computed.network,
                intent_cutoffs=computed.intent_cutoffs)
            try:
                rows = build_evidence(
                    rules=rules,
                    scores=scores.filter(pc.is_in(scores.column("account_id"),
                                                  pa.array(sorted(explained), pa.string()))),
                    contributions=contributions,
                    features=features,
                    quantiles=scorer.quantiles_,
                    support=support_job.result,
                )
            except BaseException:
                # in order the support queries ran first: their error comes first
                failed = support_job.exception()
                if failed is not None:
                    raise failed from None
                raise
        evidence: list[dict[str, Any] | str] = [
            *rows, *campaign_evidence, *corro.corroboration_evidence(partner, features, explained)]
    th = scorer.thresholds_
    counts = {
        "accounts": accounts_out.num_rows,
        "exchanges": int(pc.sum(accounts_out.column("exchanges")).as_py() or 0),
        "flagged": int(pc.sum(accounts_out.column("flagged").cast(pa.int64())).as_py() or 0),
        "campaigns": campaigns.num_rows if campaigns is not None else 0,
        "evidence_rows": len(evidence),
        **{f"severity_{s}": int(pc.sum(pc.equal(accounts_out.column("severity"), s))
                                .as_py() or 0) for s in SEVERITIES},
    }
    run = {
        "distillwatch": distillwatch.__version__ if hasattr(distillwatch, "__version__") else None,
        "started": started.isoformat(),
        "store": str(StoreLayout.at(store).root),
        "window": {"since": since.isoformat() if since else None,
                   "until": until.isoformat() if until else None},
        "config": cfg.model_dump(),
        "rules": {"name": rules.name, "version": rules.version, "source": rules.source,
                  "count": len(rules.rules)},
        "model": sup.describe() if sup is not None else None,
        "releases": [{"model": r.model, "first_seen": r.first_seen.isoformat()}
                     for r in releases],
        "thresholds": {
            **th.as_dict(), "fpr": th.fpr, "flag_severity": "medium",
            "null_center_logit": th.null_center, "null_scale_logit": th.null_scale,
            "null_accounts": th.null_accounts, "set_by_null_model": list(th.from_null),
        },
        "base_thresholds": base_thresholds.as_dict(),
        "silent_rules": sorted(r.id for r in rules.rules
                               if r.features() & set(scorer.missing_features_)),
        "linkage": linkage_info,
        "corroboration": corro.describe(partner, features),
        "counts": counts,
        "timings_s": timer.seconds,
        "timings_cpu_s": timer.cpu_seconds,
        "overlap": overlap_info,
        # the whole run up to here (every thread, the engine's included)
        "process_cpu_s": round(time.process_time() - cpu0, 3),
    }
    with timer.stage("write", progress):
        write_findings(out, accounts=accounts_out, campaigns=campaigns, links=links,
                       evidence=evidence, run=run, features=features)
    return DetectResult(out=Path(out), accounts=accounts_out,
                        campaigns=campaigns if campaigns is not None
                        else FINDINGS_CAMPAIGN_SCHEMA.empty_table(), run=run, counts=counts)


def _with_context(
    features: pa.Table, membership: pa.Table | None, sup: SupervisedModel | None
) -> pa.Table:
    """Add ``campaign_id``/``campaign_score`` (linkage) and ``model_score`` (supervised)."""
    if membership is not None:
        ids = features.column("account_id")
        idx = pc.index_in(ids, value_set=membership.column("account_id"))
        cid = pc.take(membership.column("campaign_id"), idx)
        cs = pc.take(membership.column("campaign_score").cast(pa.float64()), idx)
        features = features.append_column("campaign_id", cid.cast(pa.string()))
        features = features.append_column("campaign_score", cs)
    if sup is not None:
        features = features.append_column(
            "model_score", pa.array(sup.predict_proba(features), pa.float64())
        )
    return features


def _findings_accounts(scores: pa.Table, features: pa.Table) -> pa.Table:
    n = scores.num_rows
    cid = (features.column("campaign_id") if "campaign_id" in features.column_names
           else pa.nulls(n, pa.string()))
    return pa.table(
        {
            "account_id": scores.column("account_id"),
            "score": pc.round(scores.column("score"), 9),
            "severity": scores.column("severity"),
            "flagged": scores.column("flagged"),
            "reasons": scores.column("reasons"),
            "summary": scores.column("summary"),
            "campaign_id": cid,
            "exchanges": features.column("exchanges"),
            "first_seen": features.column("first_seen"),
            "last_seen": features.column("last_seen"),
        },
        schema=FINDINGS_ACCOUNT_SCHEMA,
    )


def _explained(scores: pa.Table, limit: int) -> set[str]:
    """Accounts that get evidence rows: severity above none, highest scores first."""
    sev = np.asarray(scores.column("severity").to_pylist(), dtype=object)
    score = scores.column("score").to_numpy()
    ids = np.asarray(scores.column("account_id").to_pylist(), dtype=object)
    keep = np.flatnonzero(sev != "none")
    order = sorted(keep.tolist(), key=lambda i: (-score[i], ids[i]))[:limit]
    return {str(ids[i]) for i in order}

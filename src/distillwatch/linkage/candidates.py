"""Link candidates: memberships from the engine (Ibis: DuckDB or PySpark), pairs in memory.

Every link type is expressed the same way: a *membership* table ``(link_type, key,
account_id, uses, mult)`` saying which accounts share which key (a payment fingerprint, an IP,
a template, a synchrony bucket, ...). The engine computes them (group-bys over the store's
own columns, the same Ibis code on DuckDB and PySpark); :mod:`distillwatch.linkage.pairs`
turns them into pair edges without the quadratic blow-up of a self-join: inside each key
group, members are ordered by ``account_id`` and each one is paired with its next ``window``
members in that order. A group of ``n`` accounts yields at most ``n * window`` pairs, and
because every link type uses the same order, groups that hold the same accounts produce the
same pairs, so their evidence adds up on one edge. Groups larger than ``hub_size`` produce no
edges at all.

Only account ids and engine-independent strings are used as keys and sort orders; no
engine hash is persisted or decides an order (hash values differ between DuckDB and Spark).
Template and item keys are grouped on the store's integer columns (``template_key64``,
``item_key64``: one to one with the hex strings and sorting like them, see
:mod:`distillwatch.store.key_ints`) on every engine. On DuckDB the other big group-bys run
on 64-bit hashes of the strings (account ids, IPs, prefixes, user agents) instead of the
strings (:func:`~distillwatch.store.hashed_keys.hashed_keys`: exact, checked against each
key's distinct values, else the string group-by), which gives the same memberships for less
CPU.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import ibis
import ibis.expr.operations as ops
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.exceptions import LinkageError
from distillwatch.linkage.clock import CpuClock
from distillwatch.linkage.config import LinkageConfig, SynchronyConfig
from distillwatch.linkage.infrastructure import (
    INFRA_KEY_COLUMNS,
    address_parts_from_network,
    hashed_infrastructure_parts,
    infrastructure_counts,
    infrastructure_part,
)
from distillwatch.linkage.lsh import near_dup_parts
from distillwatch.linkage.membership import (
    Cursor,
    conform,
    hashes_on,
    int_codes,
    int_template_groups,
    local_codes,
    membership,
    on_cursor,
)
from distillwatch.linkage.pairs import (
    CodedPart,
    candidates_coded,
    encode_capped,
    group_weights,
    pair_candidates,
    sorted_codes,
)
from distillwatch.linkage.partition import candidate_codes, int_partition_memberships
from distillwatch.linkage.synchrony import synchrony_part
from distillwatch.store.hashed_keys import HashedKeys, hashed_keys
from distillwatch.store.key_ints import key_strings

__all__ = [
    "account_memberships",
    "account_young",
    "candidates_from_parts",
    "distinct_keys_per_account",
    "group_weights",
    "link_candidates",
    "membership_parts",
    "memberships",
    "pair_candidates",
]


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


def _run(parts: list[ir.Table], backend: ibis.BaseBackend | None = None
         ) -> list[pa.Table | CodedPart]:
    """The parts in memory, on their own backend or on ``backend`` (for tables that read
    in-memory data only: a memtable runs on whichever backend executes it)."""
    if backend is not None:
        return [backend.to_pyarrow(conform(p)) for p in parts]
    return [conform(p).to_pyarrow() for p in parts]


def _in_memory_only(t: ir.Table) -> bool:
    """Whether ``t`` reads no database table (a memtable, as ``detect`` hands the accounts)."""
    return not t.op().find(ops.DatabaseTable)


@dataclass(frozen=True)
class _TemplateAggregate:
    """The per-(account, template) aggregate in memory, numbered: what ``template``,
    ``near_dup``, ``synchrony`` and ``partition`` are made from."""

    table: pa.Table  # account_id, _uses, template_key64[, _ha | template_key]
    buckets: pa.ChunkedArray | None  # synchrony's sampled bucket lists, one per row
    t64: np.ndarray  # distinct template_key64 ascending (the keys' byte order)
    tcode: np.ndarray  # each row's template among t64
    tdict: pa.Array  # the template key strings of t64
    adict: pa.Array  # the distinct account ids in byte order
    acode: np.ndarray  # each row's account among adict


def template_groups(events: ir.Table, *, config: LinkageConfig, hashed: bool) -> ir.Table | None:
    """The per-(account, template) aggregate :func:`membership_parts` makes its template,
    near_dup, partition and synchrony memberships from, as an engine expression
    (:func:`~distillwatch.linkage.membership.int_template_groups`: ``_ha`` with ``hashed``,
    else ``account_id``; ``_t``, ``_uses`` and, with synchrony on, ``_bs``), or None when
    ``config`` needs none (or the events lack ``template_key64``). A caller that groups the
    events at this grain anyway (detect's feature stage) runs it once and hands the result
    to :func:`membership_parts` as ``templates``. ``hashed``: as the caller's account hashes
    (:func:`~distillwatch.store.hashed_keys.hashed_keys` of every account id proved them one
    to one); :func:`membership_parts` runs its own when its choice differs."""
    want = any(config.enabled(t) for t in ("template", "near_dup", "partition", "synchrony"))
    if not want or "template_key64" not in events.columns:
        return None
    sync = config.synchrony if config.enabled("synchrony") else None
    return int_template_groups(events, synchrony=sync, hashed=hashed)


class PendingGroups:
    """:func:`template_groups` running on a second cursor of its DuckDB database in a
    background thread (:func:`start_template_groups`), or waiting to run in order."""

    def __init__(self, expr: ir.Table, side: Cursor | None) -> None:
        self._expr, self._side = expr, side
        self._pool: ThreadPoolExecutor | None = None
        self._job: Future[pa.Table] | None = None
        if side is not None:
            # Two queries at once on 2 cores: one DuckDB worker fewer while this one runs
            # (as membership_parts does beside the infrastructure group-bys); the caller's
            # queries meanwhile run on the first connection.
            side.lower_threads()
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dw-templates")
            self._job = self._pool.submit(side.backend.to_pyarrow, expr)

    def result(self) -> pa.Table:
        """The aggregate in memory (waits for the background query; restores the threads
        setting and closes the cursor)."""
        if self._job is None:
            return self._expr.to_pyarrow()
        try:
            return self._job.result()
        finally:
            self._finish()

    def close(self) -> None:
        """Stop the background query, if any, without its result (on the caller's error)."""
        if self._side is not None and self._job is not None and not self._job.done():
            self._side.interrupt()
        if self._job is not None:
            self._finish()

    def _finish(self) -> None:
        assert self._pool is not None and self._side is not None
        self._pool.shutdown(wait=True)
        self._side.__exit__(None, None, None)
        self._job = None


def start_template_groups(
    events: ir.Table, *, config: LinkageConfig, hashed: bool, background: bool = True,
) -> PendingGroups | None:
    """:func:`template_groups` started on a second cursor of ``events``' DuckDB database
    (:func:`~distillwatch.linkage.membership.on_cursor`), so that the caller's own queries
    run meanwhile: its CPU is that of a one-worker query, as beside the infrastructure
    group-bys in :func:`membership_parts`, not the ~+0.4 CPU-s of two workers on it alone
    (10.6M events). In order (at :meth:`PendingGroups.result`) where no cursor can be made
    or without ``background``. None when ``config`` needs no aggregate."""
    expr = template_groups(events, config=config, hashed=hashed)
    if expr is None:
        return None
    side = on_cursor(events) if background else None
    if side is None:
        return PendingGroups(expr, None)
    rebound = template_groups(side.events, config=config, hashed=hashed)
    assert rebound is not None
    return PendingGroups(rebound, side)


def _fits(given: pa.Table | None, *, synchrony: SynchronyConfig | None,
          accts: HashedKeys | None) -> bool:
    """Whether a handed aggregate is keyed and carries buckets as this run's own would."""
    if given is None:
        return False
    names = set(given.column_names)
    key = "_ha" if accts is not None else "account_id"
    return key in names and {"_t", "_uses"} <= names and ("_bs" in names) == (
        synchrony is not None)


def _template_aggregate(
    events: ir.Table, *, synchrony: SynchronyConfig | None, accts: HashedKeys | None,
    given: pa.Table | None = None,
) -> _TemplateAggregate:
    agg = (given if given is not None and _fits(given, synchrony=synchrony, accts=accts)
           else int_template_groups(events, synchrony=synchrony,
                                    hashed=accts is not None).to_pyarrow())
    # Templates numbered by their integers (the byte order of the keys); the strings of
    # the ~1M distinct ones only (template links and synchrony keys name them).
    t64, tcode = int_codes(agg["_t"])
    tdict = key_strings(t64)
    cols = {"_uses": agg["_uses"], "template_key64": agg["_t"]}
    if accts is not None:
        cols["account_id"], adict, acode = local_codes(accts, accts.codes(agg["_ha"]))
        # near_dup joins the events on (hash64(account_id), template_key64) with these
        # (exact: ``accts`` proved the hash one to one) and reads no template string.
        cols["_ha"] = agg["_ha"]
    else:
        cols["account_id"] = agg["account_id"]
        adict, acode = sorted_codes(agg["account_id"])
        cols["template_key"] = tdict.take(pa.array(tcode))
    buckets = agg["_bs"] if "_bs" in agg.column_names else None
    return _TemplateAggregate(pa.table(cols), buckets, t64, tcode, tdict, adict, acode)


def _infrastructure(
    events: ir.Table, *, config: LinkageConfig, accts: HashedKeys | None,
    network: pa.Table | None = None,
) -> list[pa.Table | CodedPart]:
    """``ip``, ``prefix`` and ``asn_ua``, in that order. With ``network`` (the feature
    stage's network rows of these events) the first two are rolled up from them in memory
    and only ``asn_ua`` (user agents: not in those rows) is grouped on the engine."""
    done = (address_parts_from_network(network, config=config, accounts=accts)
            if network is not None else {})
    rest = tuple(lt for lt in INFRA_KEY_COLUMNS if config.enabled(lt) and lt not in done)
    hashed_infra = (
        hashed_infrastructure_parts(events, config=config, accounts=accts, link_types=rest)
        if accts is not None and rest
        else {}
    )
    parts: list[pa.Table | CodedPart] = []
    for lt, counts in infrastructure_counts(events, config=config).items():
        given = done.get(lt, hashed_infra.get(lt))
        parts.append(given if given is not None else infrastructure_part(lt, counts.to_pyarrow()))
    return parts


def _content(
    events: ir.Table, *, config: LinkageConfig, agg: _TemplateAggregate
) -> list[pa.Table | CodedPart]:
    """``template`` and ``near_dup``."""
    parts: list[pa.Table | CodedPart] = []
    if config.enabled("template"):
        parts.append(
            CodedPart(
                "template",
                agg.table["account_id"],
                agg.tdict,
                agg.tcode,
                np.asarray(agg.table["_uses"].to_numpy(), dtype=np.int64),
                np.ones(agg.table.num_rows),
                account_codes=(agg.adict, agg.acode),
            )
        )
    parts += near_dup_parts(
        events, config=config, templates=agg.table, template_codes=agg.tcode,
        account_codes=agg.acode,
    )
    return parts


def _synchrony(agg: _TemplateAggregate) -> list[pa.Table | CodedPart]:
    if agg.buckets is None:
        return []
    return [synchrony_part(agg.buckets, accounts=agg.adict, account_code=agg.acode,
                           templates=agg.tdict, template_code=agg.tcode)]


def _partition(
    events: ir.Table, *, config: LinkageConfig, agg: _TemplateAggregate,
    accts: HashedKeys | None,
) -> list[pa.Table | CodedPart]:
    return list(int_partition_memberships(
        events, config=config, templates=agg.t64, accounts=accts,
        candidates=candidate_codes(agg.tcode, agg.table["_uses"].to_numpy(),
                                   templates=len(agg.t64), config=config),
    ))


def membership_parts(
    events: ir.Table,
    accounts: ir.Table | None,
    *,
    config: LinkageConfig,
    clock: CpuClock | None = None,
    account_ids: pa.Array | pa.ChunkedArray | None = None,
    concurrent: bool | None = None,
    network: pa.Table | None = None,
    templates: pa.Table | None = None,
) -> list[pa.Table | CodedPart]:
    """Every link type's memberships, uncapped, in memory (one part per link type).

    Engine work: one group-by per infrastructure link type (the store's own columns only),
    the per-(account, template) aggregate shared by ``template``, ``near_dup``, ``partition``
    and ``synchrony`` (whose groups nest in it: the aggregate lists each group's sampled
    buckets, see :func:`~distillwatch.linkage.synchrony.synchrony_part`), the signatures of
    the chosen events, partition's item sets (of candidate templates only) and the accounts
    table. Template keys and account ids are numbered once (in byte order) for ``template``,
    ``near_dup``'s choice and ``synchrony``. Template and item keys are grouped on the
    store's integer columns (``template_key64``, ``item_key64``: one to one with the strings
    and sorting like them), on every engine; the template strings are made from the integers
    for the distinct templates only. On DuckDB account ids are grouped on their 64-bit hashes
    (a small query lists the distinct ids with their hashes, which numbers them and proves the
    hashing exact; ``account_ids``, every distinct account id of ``events`` when the caller
    has them, e.g. the per-account activity rows, saves that scan); the ``templates`` step
    includes that numbering.

    With ``concurrent`` (default: ``config.concurrent``, true) on DuckDB, two threads share
    the steps: this one runs the template aggregate, ``near_dup`` and the account keys, a
    second one (on its own cursor of the same database, see
    :func:`~distillwatch.linkage.membership.on_cursor`) the infrastructure group-bys,
    ``partition`` and ``synchrony``, so that each thread's
    single-threaded Python and numpy work runs while the other's engine query keeps the
    cores busy (see :func:`_concurrently`). The parts are the same and come back in the
    same order either way.
    ``network``: the feature stage's network rows of exactly these events
    (:attr:`~distillwatch.features.account.AccountFeatures.network`, named by account id),
    when the caller has them: ``ip`` and ``prefix`` are then rolled up from them in memory
    (:func:`~distillwatch.linkage.infrastructure.address_parts_from_network`) instead of
    grouped on the engine; the same parts. How, not what: leave it None to scan.
    ``templates``: :func:`template_groups` of exactly these events with this ``config``, run
    by the caller (detect's feature stage, which rolls its template features up from it):
    then the aggregate is not grouped again. Used when keyed as this run's own would be (on
    the account hashes or ids, with or without synchrony's buckets), else ignored.
    ``clock``, when given, records the CPU seconds (process-wide) of each step as
    ``memberships.<step>``; steps that ran concurrently are one entry,
    ``memberships.concurrent`` (process CPU cannot be split between threads).
    """

    def lap(step: str) -> None:
        if clock is not None:
            clock.lap(f"memberships.{step}")

    want_templates = any(config.enabled(t) for t in ("template", "near_dup", "partition"))
    want_sync = config.enabled("synchrony")
    sync = config.synchrony if want_sync else None
    if (want_templates or want_sync) and "template_key64" not in events.columns:
        raise LinkageError(
            "events lack template_key64 (a store written before the integer key columns: "
            "run `distillwatch store migrate STORE`)"
        )
    # DuckDB groups on 64-bit hashes of the account ids when they prove free of collisions
    # (see store.engines.hash64); other engines on the strings. Template (and item) keys are
    # grouped on the store's integer columns on every engine: exact, no hash, no dictionary.
    want_infra = any(config.enabled(t) for t in INFRA_KEY_COLUMNS)
    engine_work = want_templates or want_sync or want_infra
    accts = (
        hashed_keys(events, "account_id", values=account_ids)
        if engine_work and hashes_on(events)
        else None
    )
    want_agg = want_templates or want_sync
    if concurrent is None:
        concurrent = config.concurrent
    side = on_cursor(events) if concurrent and want_agg and want_infra else None
    if side is not None:
        parts = _concurrently(events, side, accounts, config=config, sync=sync, accts=accts,
                              want_templates=want_templates, network=network,
                              templates=templates)
        lap("concurrent")
    else:
        agg = (_template_aggregate(events, synchrony=sync, accts=accts, given=templates)
               if want_agg else None)
        lap("templates")
        parts = _infrastructure(events, config=config, accts=accts, network=network)
        lap("infrastructure")
        if agg is not None and want_templates:
            parts += _content(events, config=config, agg=agg)
        lap("near_dup")
        if agg is not None:
            parts += _synchrony(agg)
        lap("synchrony")
        if agg is not None and want_templates:
            parts += _partition(events, config=config, agg=agg, accts=accts)
        lap("partition")
        if accounts is not None:
            parts += _run(account_memberships(accounts, config=config))
        lap("account_keys")
    if not parts:
        raise ValueError("every link type is disabled")
    return parts


def _concurrently(
    events: ir.Table,
    side: Cursor,
    accounts: ir.Table | None,
    *,
    config: LinkageConfig,
    sync: SynchronyConfig | None,
    accts: HashedKeys | None,
    want_templates: bool,
    network: pa.Table | None = None,
    templates: pa.Table | None = None,
) -> list[pa.Table | CodedPart]:
    """:func:`membership_parts`' steps on two threads: this one and ``side``'s cursor.

    The second thread starts on the infrastructure group-bys (they need nothing else) while
    this one builds the template aggregate, with one DuckDB worker fewer
    (:meth:`~distillwatch.linkage.membership.Cursor.lower_threads`); once the aggregate
    exists the setting is restored, partition and synchrony are queued behind the
    infrastructure and this thread goes on with near_dup (its sketch read and banding) and
    the account keys. With the feature stage's network rows the second thread's first step
    is ``asn_ua``'s group-by alone (``ip`` and ``prefix`` come from the rows in memory), so
    it also runs the account keys when the accounts are in memory, and gives the database
    its workers back as soon as its own first queries are done, rather than when the
    aggregate is. The parts are collected in the sequential order."""
    ev2 = side.events
    # The account keys need neither the aggregate nor the events: when the accounts are in
    # memory (detect's), they run on the second cursor while the aggregate runs (with the
    # network rows, the infrastructure step left there is asn_ua's group-by alone).
    side_keys = accounts is not None and _in_memory_only(accounts)
    with side, ThreadPoolExecutor(max_workers=1, thread_name_prefix="dw-memberships") as pool:
        try:
            # Both first steps are big group-bys: one DuckDB worker fewer while they run
            # together. After them, near_dup's sketch read and partition take every worker
            # (the sketch read runs on alone once the other thread is done).
            side.lower_threads()
            infra = pool.submit(_infrastructure, ev2, config=config, accts=accts,
                                network=network)
            keys_job = (pool.submit(_run, account_memberships(accounts, config=config),
                                    side.backend)
                        if side_keys and accounts is not None else None)
            # The second thread's engine work before the aggregate is done (asn_ua alone,
            # with the network rows, finishes well before it): every worker back for the
            # rest of the aggregate, set from this cursor (the first connection is busy with
            # the aggregate; the setting is the database's).
            pool.submit(side.restore_threads, from_cursor=True)
            agg = _template_aggregate(events, synchrony=sync, accts=accts, given=templates)
            side.restore_threads()
            part = (pool.submit(_partition, ev2, config=config, agg=agg, accts=accts)
                    if want_templates else None)
            syn = pool.submit(_synchrony, agg)
            content = _content(events, config=config, agg=agg) if want_templates else []
            keys = (keys_job.result() if keys_job is not None
                    else _run(account_memberships(accounts, config=config))
                    if accounts is not None else [])
            return [*infra.result(), *content, *syn.result(),
                    *(part.result() if part is not None else []), *keys]
        except BaseException:
            # stop the other thread's query and what is queued behind it, not wait for them
            pool.shutdown(wait=False, cancel_futures=True)
            side.interrupt()
            raise


def memberships(events: ir.Table, accounts: ir.Table | None, *, config: LinkageConfig) -> pa.Table:
    """All link-type memberships, each account capped at ``max_keys_per_account`` keys per
    link type (its most used; see :func:`distillwatch.linkage.pairs.cap_per_account`)."""
    parts = membership_parts(events, accounts, config=config)
    return encode_capped(parts, config.max_keys_per_account).to_arrow()


def link_candidates(
    events: ir.Table,
    accounts: ir.Table | None,
    *,
    config: LinkageConfig,
    young: pa.Table | None = None,
) -> pa.Table:
    """One row per (src, dst, link_type) with raw evidence (``CANDIDATES_SCHEMA``).

    The engine computes memberships (per-(account, key) counts); capping, group weights and
    windowed pairs run in memory on integer codes (:mod:`distillwatch.linkage.pairs`).
    ``young`` (``account_id, young``) is :func:`account_young` when the caller has it already.
    """
    parts = membership_parts(events, accounts, config=config)
    if young is None and accounts is not None:
        young = account_young(events, accounts, config=config).to_pyarrow()
    return candidates_from_parts(parts, young, config=config)


def candidates_from_parts(
    parts: list[pa.Table | CodedPart], young: pa.Table | None, *, config: LinkageConfig
) -> pa.Table:
    """The in-memory half of :func:`link_candidates`: cap, group weights, windowed pairs
    (:func:`~distillwatch.linkage.pairs.candidates_coded` without the codes)."""
    return candidates_coded(parts, young, config=config).table


def distinct_keys_per_account(parts: list[pa.Table | CodedPart], link_type: str) -> pa.Table | None:
    """``(account_id, n)``: distinct keys of ``link_type`` per account, from its uncapped
    memberships (for ``ip``: the distinct client IPs of each account). None when absent."""
    for p in parts:
        if isinstance(p, CodedPart):
            if p.link_type != link_type:
                continue
            col = p.account_id
        elif p.num_rows and p["link_type"][0].as_py() == link_type:
            col = p["account_id"]
        else:
            continue
        vc = pc.value_counts(col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col)
        return pa.table({"account_id": vc.field("values"), "n": vc.field("counts")})
    return None

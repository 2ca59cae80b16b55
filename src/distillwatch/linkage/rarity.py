"""From raw candidate evidence to link weights (the in-memory half of rarity weighting).

The engine already faded every shared key by the size of its group (see
:func:`distillwatch.linkage.candidates.group_weights`): ``raw`` is the sum, over the keys two
accounts share, of ``min(1, (full_size / n) ** alpha)`` times the group's multipliers. Here
each link type saturates: ``weight * (1 - exp(-per_key * raw))``, so a thousand shared
synchrony buckets cannot outweigh one shared payment instrument, and a pair's weight is the
sum over link types (independent kinds of evidence add up), with content evidence (template,
near-duplicate, partition) capped at ``content_cap`` so that popular prompts alone never link.
"""

from __future__ import annotations

from dataclasses import dataclass

import numba
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.linkage.config import BEHAVIOUR_LINK_TYPES, CONTENT_LINK_TYPES, LinkageConfig
from distillwatch.linkage.pairs import run_starts, sorted_codes


def _codes(col: pa.Array | pa.ChunkedArray) -> tuple[list[str], np.ndarray]:
    """Distinct values (as Python strings) and each row's index among them."""
    arr = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    enc = pc.dictionary_encode(arr)
    return enc.dictionary.to_pylist(), np.asarray(
        enc.indices.to_numpy(zero_copy_only=False), dtype=np.int64
    )


def link_weights(
    candidates: pa.Table,
    *,
    config: LinkageConfig,
    link_types: tuple[list[str], np.ndarray] | None = None,
) -> pa.Table:
    """Add ``weight`` (per pair and link type) to the candidate table. ``link_types``: the
    distinct link types and each row's position among them, when the caller has them
    (:class:`~distillwatch.linkage.pairs.CodedCandidates`), else read off the strings."""
    names, idx = link_types or _codes(candidates["link_type"])
    raw = candidates["raw"].to_numpy(zero_copy_only=False).astype(np.float64)
    w = link_weight_values(raw, names, idx, config=config)
    return candidates.append_column("weight", pa.array(w, pa.float64()))


def link_weight_values(raw: np.ndarray, names: list[str] | tuple[str, ...], idx: np.ndarray, *,
                       config: LinkageConfig) -> np.ndarray:
    """:func:`link_weights`' ``weight`` of rows with ``raw`` evidence and link type
    ``names[idx]``."""
    cap_of = np.array([config.links[n].weight if n in config.links else 0.0 for n in names])
    per_key_of = np.array([config.links[n].per_key if n in config.links else 1.0 for n in names])
    cap = cap_of[idx] if len(names) else np.zeros(len(idx))
    per_key = per_key_of[idx] if len(names) else np.ones(len(idx))
    return np.asarray(cap * (1.0 - np.exp(-per_key * raw)), dtype=np.float64)


def pair_totals(links: pa.Table, *, content_cap: float = float("inf")) -> pa.Table:
    """One row per pair: ``src, dst, weight`` (sum over link types), ``other`` (its
    non-content part), ``link_types`` (count), sorted by ``src, dst``.

    Content link types (template, near_dup, partition) add up to at most ``content_cap``.
    Accounts are numbered in byte order (the order of a string sort), so one integer per
    pair groups and sorts the rows.
    """
    if links.num_rows == 0:
        return _no_totals()
    ends = pa.chunked_array(
        [*links["src"].cast(pa.string()).chunks, *links["dst"].cast(pa.string()).chunks],
        pa.string(),
    )
    accounts, code = sorted_codes(ends)
    n = links.num_rows
    return coded_pair_totals(links, accounts, code[:n], code[n:], content_cap=content_cap)[0]


def coded_pair_totals(
    links: pa.Table,
    accounts: pa.Array,
    src: np.ndarray,
    dst: np.ndarray,
    *,
    content_cap: float = float("inf"),
    link_types: tuple[list[str], np.ndarray] | None = None,
) -> tuple[pa.Table, np.ndarray, np.ndarray]:
    """:func:`pair_totals` of ``links`` whose ``src``/``dst`` are ``accounts[src]`` and
    ``accounts[dst]`` (``accounts``: distinct ids in byte order; the codes from
    :class:`~distillwatch.linkage.pairs.CodedCandidates`), and the codes of each total's
    ends: no hashing of the id strings. ``link_types`` as in :func:`link_weights`."""
    if links.num_rows == 0:
        none = np.zeros(0, dtype=np.int64)
        return _no_totals(), none, none
    names, lt = link_types or _codes(links["link_type"])
    w = links["weight"].to_numpy(zero_copy_only=False).astype(np.float64)
    t = coded_totals(w, len(accounts), src, dst, names, lt, content_cap=content_cap)
    return totals_table(accounts, t), t.src, t.dst


@dataclass(frozen=True)
class PairTotals:
    """:func:`pair_totals`' rows as arrays: the ends as account codes, sorted by them."""

    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray
    other: np.ndarray  # the non-content part of weight
    link_types: np.ndarray  # int64 count
    # the part of weight from identity and infrastructure link types (not BEHAVIOUR_LINK_TYPES),
    # when asked for (:func:`coded_totals`' ``identity``)
    identity: np.ndarray | None = None


def coded_totals(weight: np.ndarray, n_acc: int, src: np.ndarray, dst: np.ndarray,
                 names: list[str] | tuple[str, ...], lt: np.ndarray, *,
                 content_cap: float = float("inf"), identity: bool = False) -> PairTotals:
    """The totals of links with ``weight``, ends ``src``/``dst`` (codes among ``n_acc``
    accounts) and link type ``names[lt]`` (none: no totals); with ``identity`` also the
    identity part of each total (:attr:`PairTotals.identity`)."""
    if len(src) == 0:  # (an empty bincount/argsort would do, but not ``// n_acc`` of 0)
        none = np.zeros(0, dtype=np.int64)
        return PairTotals(none, none, np.zeros(0), np.zeros(0), none,
                          np.zeros(0) if identity else None)
    # (temporaries are dropped or reused as soon as they are spent: this runs at detect's
    # peak memory, on 18.7M candidate rows at 54M events)
    pair = np.asarray(src, dtype=np.int64) * n_acc + np.asarray(dst, dtype=np.int64)
    uniq, inv = _unique_inverse(pair)
    del pair

    def part(types: frozenset[str], inside: bool) -> np.ndarray:
        # the sum over the rows of (or outside) ``types`` per pair; only those rows are
        # gathered (adding the others' zeros, as a masked copy of every row would, changes
        # no sum)
        sel = np.array([(name in types) == inside for name in names], dtype=bool)[lt]
        # (float64 even with no such rows: bincount of nothing gives int64 zeros)
        return np.bincount(inv[sel], weights=weight[sel],
                           minlength=len(uniq)).astype(np.float64, copy=False)

    total = part(CONTENT_LINK_TYPES, True)  # the content part, capped below
    other = part(CONTENT_LINK_TYPES, False)
    count = np.asarray(np.bincount(inv, minlength=len(uniq)), dtype=np.int64)
    np.minimum(total, content_cap, out=total)
    total += other
    ident = part(BEHAVIOUR_LINK_TYPES, False) if identity else None
    return PairTotals(uniq // n_acc, uniq % n_acc, total, other, count, ident)


def totals_table(accounts: pa.Array, t: PairTotals, mask: np.ndarray | None = None) -> pa.Table:
    """:class:`PairTotals` with the ends' ids (``accounts``: distinct ids in byte order), or
    only its pairs where ``mask`` is true (the same rows as filtering the whole table); no
    totals give string ids whatever the type of ``accounts``."""
    if len(t.src) == 0:
        return _no_totals()

    def rows(a: np.ndarray) -> np.ndarray:
        return a if mask is None else a[mask]

    return pa.table(
        {
            "src": accounts.take(pa.array(rows(t.src))),
            "dst": accounts.take(pa.array(rows(t.dst))),
            "weight": pa.array(rows(t.weight), pa.float64()),
            "other": pa.array(rows(t.other), pa.float64()),  # the non-content part of weight
            "link_types": pa.array(rows(t.link_types)),
        }
    )


def _unique_inverse(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_inverse=True)`` by a stable argsort: candidate rows come
    sorted within each link type, and the stable sort (Timsort for int64) merges such runs
    for about two thirds of the CPU of ``np.unique``'s quicksort."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    start = run_starts(ordered)
    uniq = ordered[start]
    del ordered
    rank = np.cumsum(start, dtype=np.int64)
    rank -= 1
    inverse = np.empty(len(values), dtype=np.int64)
    inverse[order] = rank
    return uniq, inverse


def _no_totals() -> pa.Table:
    return pa.table(
        {
            "src": pa.array([], pa.string()),
            "dst": pa.array([], pa.string()),
            "weight": pa.array([], pa.float64()),
            "other": pa.array([], pa.float64()),
            "link_types": pa.array([], pa.int64()),
        }
    )


def strong_pairs(totals: pa.Table, *, threshold: float) -> pa.Table:
    return totals.filter(pc.greater_equal(totals["weight"], threshold))


def attach(
    labels: np.ndarray,
    src: np.ndarray,
    dst: np.ndarray,
    weight: np.ndarray,
    other: np.ndarray,
    *,
    min_size: int,
    min_total: float,
    min_other: float,
    min_partners: int,
    min_mean_other: float = 0.0,
) -> np.ndarray:
    """Attach accounts left outside every community to the community they are tied to.

    Thresholded components need one strong pair; an account linked to a campaign by many
    moderate pairs (a low-and-slow member sharing a proxy pool and a template with a dozen
    members, but no card) is still part of it. An account in no community of ``min_size``
    joins community C when its pairs to C's members (all candidate pairs, not only strong
    ones) sum to at least ``min_total``, their ``other`` part (non-content, or only identity
    and infrastructure: ``AttachConfig.identity_only``) to at least ``min_other``, over
    at least ``min_partners`` members, at least ``min_mean_other`` of it per partner on
    average; with several such C, the heaviest wins. One
    pass, so attached accounts do not pull in others. Pairs with an end of -1 (an account
    without events) are skipped.
    """
    sizes = np.bincount(labels)
    big = sizes[labels] >= min_size
    out = labels.copy()
    # Both directions of every pair, in pair order (pair i: (a, b) then (b, a)) so that the
    # sums below add up in the same order as a loop over the pairs would; only the
    # directions from an account outside every community to one inside are kept.
    node, comm, w_sel, o_sel = _outside_in(
        big, np.asarray(labels, dtype=np.int64), np.asarray(src, dtype=np.int64),
        np.asarray(dst, dtype=np.int64), np.asarray(weight, dtype=np.float64),
        np.asarray(other, dtype=np.float64))
    if not len(node):
        return out
    n_comm = int(labels.max()) + 1
    groups, inv = np.unique(node * n_comm + comm, return_inverse=True)
    tot = np.bincount(inv, weights=w_sel)
    oth = np.bincount(inv, weights=o_sel)
    cnt = np.bincount(inv).astype(np.float64)
    g_node, g_comm = groups // n_comm, groups % n_comm
    # Per partner, not only in sum: a big campaign offers many partners to chance ties
    # (a /24 or a popular template shared with a few of its thousands of members).
    ok = (tot >= min_total) & (oth >= min_other) & (cnt >= min_partners)
    ok &= oth / cnt >= min_mean_other
    g_node, g_comm, tot = g_node[ok], g_comm[ok], tot[ok]
    # The heaviest community per node; on equal weight the smallest community label.
    order = np.lexsort((g_comm, -tot, g_node))
    g_node, g_comm = g_node[order], g_comm[order]
    first = run_starts(g_node)
    out[g_node[first]] = g_comm[first]
    return out


@numba.njit(cache=True, nogil=True)
def _outside_in(big: np.ndarray, labels: np.ndarray, src: np.ndarray, dst: np.ndarray,
                weight: np.ndarray, other: np.ndarray) -> tuple[np.ndarray, np.ndarray,
                                                                 np.ndarray, np.ndarray]:
    """Of both directions of each pair ((src, dst) then (dst, src), pair by pair), those from
    a node not ``big`` to a ``big`` one: the node, the other end's label and the pair's
    ``weight`` and ``other`` (one pass; no interleaved copies of every pair). Pairs with an
    end of -1 (an account without events) are skipped."""
    n = len(src)
    count = 0
    for i in range(n):
        a, b = src[i], dst[i]
        if a < 0 or b < 0:
            continue
        count += (not big[a] and big[b]) + (not big[b] and big[a])
    node = np.empty(count, dtype=np.int64)
    comm = np.empty(count, dtype=np.int64)
    w = np.empty(count, dtype=np.float64)
    o = np.empty(count, dtype=np.float64)
    k = 0
    for i in range(n):
        a, b = src[i], dst[i]
        if a < 0 or b < 0:
            continue
        if not big[a] and big[b]:
            node[k], comm[k], w[k], o[k] = a, labels[b], weight[i], other[i]
            k += 1
        if not big[b] and big[a]:
            node[k], comm[k], w[k], o[k] = b, labels[a], weight[i], other[i]
            k += 1
    return node, comm, w, o

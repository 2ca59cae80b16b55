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

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.linkage.config import CONTENT_LINK_TYPES, LinkageConfig


def link_weights(candidates: pa.Table, *, config: LinkageConfig) -> pa.Table:
    """Add ``weight`` (per pair and link type) to the candidate table."""
    lt = candidates["link_type"].to_numpy(zero_copy_only=False)
    raw = candidates["raw"].to_numpy(zero_copy_only=False).astype(np.float64)
    cap = np.zeros(len(lt))
    per_key = np.ones(len(lt))
    for name, lc in config.links.items():
        sel = lt == name
        cap[sel] = lc.weight
        per_key[sel] = lc.per_key
    w = cap * (1.0 - np.exp(-per_key * raw))
    return candidates.append_column("weight", pa.array(w, pa.float64()))


def pair_totals(links: pa.Table, *, content_cap: float = float("inf")) -> pa.Table:
    """One row per pair: ``src, dst, weight`` (sum over link types), ``other`` (its
    non-content part), ``link_types`` (count).

    Content link types (template, near_dup, partition) add up to at most ``content_cap``.
    """
    is_content = pc.is_in(links["link_type"], pa.array(sorted(CONTENT_LINK_TYPES)))
    zero = pa.scalar(0.0, pa.float64())
    t = pa.table(
        {
            "src": links["src"],
            "dst": links["dst"],
            "content": pc.if_else(is_content, links["weight"], zero),
            "other": pc.if_else(is_content, zero, links["weight"]),
            "link_type": links["link_type"],
        }
    )
    g = t.group_by(["src", "dst"]).aggregate(
        [("content", "sum"), ("other", "sum"), ("link_type", "count")]
    )
    weight = pc.add(pc.min_element_wise(g["content_sum"], content_cap), g["other_sum"])
    return pa.table(
        {
            "src": g["src"],
            "dst": g["dst"],
            "weight": weight,
            "other": g["other_sum"],  # the non-content part of weight
            "link_types": g["link_type_count"],
        }
    ).sort_by([("src", "ascending"), ("dst", "ascending")])


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
    ones) sum to at least ``min_total``, their non-content part to at least ``min_other``,
    over at least ``min_partners`` members, at least ``min_mean_other`` of non-content weight per
    partner on average; with several such C, the heaviest wins. One
    pass, so attached accounts do not pull in others.
    """
    sizes = np.bincount(labels)
    big = sizes[labels] >= min_size
    out = labels.copy()
    # Both directions of every pair, interleaved (pair i: (a, b) then (b, a)) so that the sums
    # below add up in the same order as a loop over the pairs would.
    node = np.stack([src, dst], axis=1).ravel()
    other_end = np.stack([dst, src], axis=1).ravel()
    w2 = np.repeat(np.asarray(weight, dtype=np.float64), 2)
    o2 = np.repeat(np.asarray(other, dtype=np.float64), 2)
    sel = ~big[node] & big[other_end]
    if not sel.any():
        return out
    node, comm = node[sel], labels[other_end[sel]]
    n_comm = int(labels.max()) + 1
    groups, inv = np.unique(node * n_comm + comm, return_inverse=True)
    tot = np.bincount(inv, weights=w2[sel])
    oth = np.bincount(inv, weights=o2[sel])
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
    first = np.ones(len(g_node), dtype=bool)
    first[1:] = g_node[1:] != g_node[:-1]
    out[g_node[first]] = g_comm[first]
    return out

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
    sums: dict[tuple[int, int], list[float]] = {}
    for a, b, w, o in zip(src.tolist(), dst.tolist(), weight.tolist(), other.tolist(), strict=True):
        for loose, member in ((a, b), (b, a)):
            if not big[loose] and big[member]:
                acc = sums.setdefault((loose, int(labels[member])), [0.0, 0.0, 0.0])
                acc[0] += w
                acc[1] += o
                acc[2] += 1
    best: dict[int, tuple[float, int]] = {}
    for (node, comm), (tot, oth, n) in sorted(sums.items()):
        ok = tot >= min_total and oth >= min_other and n >= min_partners
        # Per partner, not only in sum: a big campaign offers many partners to chance ties
        # (a /24 or a popular template shared with a few of its thousands of members).
        if ok and oth / n >= min_mean_other and (node not in best or tot > best[node][0]):
            best[node] = (tot, comm)
    for node, (_, comm) in best.items():
        out[node] = comm
    return out

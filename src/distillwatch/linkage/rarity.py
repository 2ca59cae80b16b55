"""From raw candidate evidence to link weights (the in-memory half of rarity weighting).

The engine already faded every shared key by the size of its group (see
:func:`distillwatch.linkage.candidates.group_weights`): ``raw`` is the sum, over the keys two
accounts share, of ``min(1, (full_size / n) ** alpha)`` times the group's multipliers. Here
each link type saturates: ``weight * (1 - exp(-per_key * raw))``, so a thousand shared
synchrony buckets cannot outweigh one shared payment instrument, and a pair's weight is the
sum over link types (independent kinds of evidence add up).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.linkage.config import LinkageConfig


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


def pair_totals(links: pa.Table) -> pa.Table:
    """One row per pair: ``src, dst, weight`` (sum over link types), ``link_types`` (count)."""
    g = links.group_by(["src", "dst"]).aggregate([("weight", "sum"), ("link_type", "count")])
    return g.rename_columns(["src", "dst", "weight", "link_types"]).sort_by(
        [("src", "ascending"), ("dst", "ascending")]
    )


def strong_pairs(totals: pa.Table, *, threshold: float) -> pa.Table:
    return totals.filter(pc.greater_equal(totals["weight"], threshold))

"""Round 11, detect's peak memory at 54M events: the pairs step empties the parts it was
handed once they are encoded, and the graph steps pass pairs with an end of -1 (an account
without events) to the compiled kernels instead of filtered copies of every pair. Same rows
and labels as before."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from test_linkage9_tail import _parts, _same_rows, _young

from distillwatch.linkage import load_linkage_config
from distillwatch.linkage.campaigns import _inside_sums, _keep_tied_attachments
from distillwatch.linkage.pairs import candidate_rows
from distillwatch.linkage.rarity import attach


@pytest.mark.parametrize("threads", [1, 2])
def test_consumed_parts_give_the_same_rows_and_are_emptied(threads: int) -> None:
    cfg = load_linkage_config()
    want = candidate_rows(_parts(4), _young(4), config=cfg)
    handed = _parts(4)
    if threads == 2:
        with ThreadPoolExecutor(max_workers=1) as pool:
            got = candidate_rows(handed, _young(4), config=cfg, pool=pool, consume=True)
    else:
        got = candidate_rows(handed, _young(4), config=cfg, consume=True)
    assert handed == [] and want.num_rows > 1000
    _same_rows(want, got)
    kept = _parts(4)
    candidate_rows(kept, _young(4), config=cfg)
    assert len(kept) == len(_parts(4))  # not consumed unless asked


@pytest.mark.parametrize("seed", [8, 9])
def test_ends_without_events_are_skipped_as_if_filtered_out(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, m = 300, 4000
    labels = rng.integers(0, 40, n)
    alone = rng.random(n) < 0.5
    labels[alone] = 40 + np.flatnonzero(alone)
    _, labels = np.unique(labels, return_inverse=True)
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    src[rng.random(m) < 0.1] = -1
    dst[rng.random(m) < 0.1] = -1
    w = rng.integers(1, 8, m) / 8.0
    o = w * rng.integers(0, 2, m)
    keep = (src >= 0) & (dst >= 0)
    assert 0 < keep.sum() < m
    opts = {"min_size": 3, "min_total": 0.5, "min_other": 0.25, "min_partners": 2,
            "min_mean_other": 0.1}
    want = attach(labels, src[keep], dst[keep], w[keep], o[keep], **opts)
    got = attach(labels, src, dst, w, o, **opts)
    assert np.array_equal(want, got) and (got != labels).sum() > 5
    for floor in (0.3, 0.6):
        assert np.array_equal(
            _keep_tied_attachments(labels, got, src, dst, w, min_pair_weight=floor),
            _keep_tied_attachments(labels, got, src[keep], dst[keep], w[keep],
                                   min_pair_weight=floor))
    inside = keep.copy()
    inside[keep] = got[src[keep]] == got[dst[keep]]
    n_labels = int(got.max()) + 1
    assert np.array_equal(_inside_sums(got, src, dst, w, n_labels),
                          np.bincount(got[src[inside]], weights=w[inside], minlength=n_labels))

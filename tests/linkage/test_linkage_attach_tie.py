"""Attachment to a campaign needs one real tie, not only many chance ones."""

from __future__ import annotations

import numpy as np

from distillwatch.linkage.campaigns import _keep_tied_attachments
from distillwatch.linkage.rarity import attach


def test_many_weak_ties_do_not_attach_one_proxy_ip_does() -> None:
    # community 0: accounts 0-9; account 10: ten /24+ASN ties of 0.18 (a benign neighbour);
    # account 11: three ties, one of them a shared proxy IP (0.5)
    labels = np.array([0] * 10 + [1, 2])
    src = np.r_[np.full(10, 10), np.full(3, 11)]
    dst = np.r_[np.arange(10), np.arange(3)]
    weight = np.r_[np.full(10, 0.18), [0.5, 0.4, 0.4]]
    after = attach(labels, src, dst, weight, weight, min_size=3, min_total=1.0,
                   min_other=0.6, min_partners=2, min_mean_other=0.15)
    assert after[10] == 0 and after[11] == 0  # both pass the sums
    kept = _keep_tied_attachments(labels, after, src, dst, weight, min_pair_weight=0.4)
    assert kept[10] == 1 and kept[11] == 0
    assert (kept[:10] == 0).all()


def _attach_reference(labels, src, dst, weight, other, *, min_size, min_total, min_other,
                      min_partners, min_mean_other):  # type: ignore[no-untyped-def]
    """The rule of ``attach`` written as a plain loop over pairs (the pre-numpy version)."""
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
        if ok and oth / n >= min_mean_other and (node not in best or tot > best[node][0]):
            best[node] = (tot, comm)
    for node, (_, comm) in best.items():
        out[node] = comm
    return out


def test_attach_matches_the_pairwise_rule_on_random_graphs() -> None:
    rng = np.random.default_rng(5)
    for _ in range(20):
        n = 120
        labels = np.r_[np.repeat(np.arange(6), 10), np.arange(6, 6 + n - 60)]
        m = 600
        src = rng.integers(0, n, m)
        dst = rng.integers(0, n, m)
        keep = src != dst
        src, dst = src[keep], dst[keep]
        # weights on a coarse grid so that ties between communities happen
        weight = rng.integers(1, 6, len(src)) / 4
        other = weight * rng.integers(0, 2, len(src))
        kw = dict(min_size=3, min_total=1.0, min_other=0.5, min_partners=2, min_mean_other=0.2)
        got = attach(labels, src, dst, weight, other, **kw)  # type: ignore[arg-type]
        want = _attach_reference(labels, src, dst, weight, other, **kw)
        assert (got != labels).any()
        np.testing.assert_array_equal(got, want)

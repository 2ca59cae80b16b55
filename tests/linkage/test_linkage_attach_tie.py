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

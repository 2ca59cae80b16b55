"""Round 10: near_dup's compiled band grouping and bucket numbering hold one band's entries
at a time (the table is emptied between bands). Against dicts over every band at once: the
same groups, sums and bucket numbers in first-met order, with equal values in different bands
(never one group or bucket), many slot collisions, an account repeated, and groups handed to
the bucket numbering out of band order (one table for all then)."""

from __future__ import annotations

import numpy as np
import pytest

from distillwatch.linkage import lsh


def _sig(seed: int, n: int, bands: int, rows: int, distinct: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    one = rng.integers(0, distinct, (n, rows)).astype(np.uint32)
    sig = np.tile(one, (1, bands))  # every band holds the same values: bands must not merge
    flip = rng.random((n, bands * rows)) < 0.3
    sig[flip] = rng.integers(0, distinct, int(flip.sum())).astype(np.uint32)
    return sig


def _dict_groups(sig: np.ndarray, acct: np.ndarray, uses: np.ndarray, bands: int,
                 rows: int) -> list[tuple[int, int, int, int]]:
    out: dict[tuple[int, int, tuple[int, ...]], list[int]] = {}
    for b in range(bands):
        for i in range(len(sig)):
            k = (int(acct[i]), b, tuple(sig[i, b * rows:(b + 1) * rows].tolist()))
            if k in out:
                out[k][1] += int(uses[i])
            else:
                out[k] = [i, int(uses[i])]
    return [(first, b, total, a) for (a, b, _), (first, total) in out.items()]


def _dict_buckets(sig: np.ndarray, first: np.ndarray, band: np.ndarray,
                  rows: int) -> tuple[list[int], list[tuple[int, tuple[int, ...]]]]:
    ids: dict[tuple[int, tuple[int, ...]], int] = {}
    kid = []
    for i, b in zip(first.tolist(), band.tolist(), strict=True):
        kid.append(ids.setdefault((b, tuple(sig[i, b * rows:(b + 1) * rows].tolist())),
                                  len(ids)))
    return kid, list(ids)


@pytest.mark.parametrize(("seed", "distinct"), [(1, 2), (2, 3), (3, 50)])
def test_band_groups_and_buckets_equal_the_dicts(seed: int, distinct: int) -> None:
    bands, rows, n = 6, 2, 700
    sig = _sig(seed, n, bands, rows, distinct)
    rng = np.random.default_rng(seed + 100)
    acct = rng.integers(0, 9, n).astype(np.int64)
    uses = rng.integers(1, 30, n).astype(np.int64)
    first, band, total = lsh._band_groups(sig, acct, uses, bands, rows)
    want = _dict_groups(sig, acct, uses, bands, rows)
    got = [(int(f), int(b), int(t), int(acct[f]))
           for f, b, t in zip(first.tolist(), band.tolist(), total.tolist(), strict=True)]
    assert got == want
    assert len(want) < n * bands  # groups merged

    kid, krow, kband = lsh._bucket_ids(sig, first, band, rows)
    want_kid, want_buckets = _dict_buckets(sig, first, band, rows)
    assert kid.tolist() == want_kid
    assert [(int(b), tuple(sig[i, b * rows:(b + 1) * rows].tolist()))
            for i, b in zip(krow.tolist(), kband.tolist(), strict=True)] == want_buckets
    # the same values in two bands are two buckets
    assert len({v for _, v in want_buckets}) < len(want_buckets)


def test_bucket_ids_of_groups_out_of_band_order() -> None:
    bands, rows, n = 5, 3, 400
    sig = _sig(4, n, bands, rows, 2)
    acct = (np.arange(n) % 7).astype(np.int64)
    first, band, _ = lsh._band_groups(sig, acct, np.ones(n, np.int64), bands, rows)
    order = np.random.default_rng(5).permutation(len(first))
    f, b = first[order], band[order]
    assert np.any(np.diff(b) < 0)
    kid, krow, kband = lsh._bucket_ids(sig, f, b, rows)
    want_kid, want_buckets = _dict_buckets(sig, f, b, rows)
    assert kid.tolist() == want_kid
    assert [(int(bb), tuple(sig[i, bb * rows:(bb + 1) * rows].tolist()))
            for i, bb in zip(krow.tolist(), kband.tolist(), strict=True)] == want_buckets

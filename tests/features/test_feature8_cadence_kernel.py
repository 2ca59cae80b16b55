"""features.cadence's compiled pass gives the same bits as the numpy passes it replaced."""

from __future__ import annotations

import numpy as np
import pytest

from distillwatch.features.cadence import SECOND_BITS, Cadence, cadence

_MASK = (1 << SECOND_BITS) - 1


def _numpy_cadence(keys: np.ndarray, *, accounts: int, origin: int) -> Cadence:
    """The numpy implementation before the compiled pass (session 7), as the reference."""
    keys = np.sort(keys)
    acc = keys >> SECOND_BITS
    sec = (keys & _MASK) + origin
    hours = np.bincount(acc * 24 + (sec % 86400) // 3600, minlength=accounts * 24)
    day = sec // 86400
    same = acc[1:] == acc[:-1]
    new_day = np.ones(len(keys), dtype=bool)
    new_day[1:] = ~same | (day[1:] != day[:-1])
    active_days = np.bincount(acc[new_day], minlength=accounts)
    gaps = np.diff(sec)[same].astype(np.float64)
    gap_acc = acc[1:][same]
    count = np.bincount(gap_acc, minlength=accounts)
    total = np.bincount(gap_acc, weights=gaps, minlength=accounts)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(count > 0, total / count, np.nan)
        dev = gaps - mean[gap_acc]
        ss = np.bincount(gap_acc, weights=dev * dev, minlength=accounts)
        std = np.where(count > 1, np.sqrt(ss / (count - 1)), np.nan)
    return Cadence(gap_count=count.astype(np.int64), gap_mean=mean, gap_std=std,
                   hours=hours.reshape(accounts, 24).astype(np.int64),
                   active_days=active_days.astype(np.int64))


def _same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return a.dtype == b.dtype and a.shape == b.shape and bool(
        np.array_equal(a.view(np.int64), b.view(np.int64)))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_compiled_cadence_is_bit_identical_to_numpy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    accounts = 320  # 300 busy ones, one with a single event, the rest with none
    n = 200_000
    # skewed accounts (a few busy ones), bursts with ties, irregular gaps, months of days
    acc = np.minimum(rng.zipf(1.3, n) - 1, 299)
    acc[0] = 310
    sec = rng.integers(0, 90 * 86400, n)
    sec[: n // 4] = sec[: n // 4] // 7 * 7  # ties
    origin = 1_780_000_000 - 1_780_000_000 % 86400 + 5 * 3600 + 17
    keys = (acc.astype(np.int64) << SECOND_BITS) + sec
    rng.shuffle(keys)
    want = _numpy_cadence(keys.copy(), accounts=accounts, origin=origin)
    got = cadence(keys.copy(), accounts=accounts, origin=origin)
    for name in ("gap_count", "gap_mean", "gap_std", "hours", "active_days"):
        assert _same_bits(getattr(got, name), getattr(want, name)), name
    assert np.isnan(got.gap_mean).any() and (got.gap_count > 1).any()


def test_negative_origin_and_pre_epoch_seconds() -> None:
    # events before 1970: floor division and modulo as Python (and numpy) define them
    origin = -3 * 86400 - 1234
    keys = np.array([(0 << SECOND_BITS) + s for s in (0, 5, 86400, 86400 + 3599, 200_000)]
                    + [(1 << SECOND_BITS) + s for s in (7, 7, 100)], dtype=np.int64)
    want = _numpy_cadence(keys.copy(), accounts=3, origin=origin)
    got = cadence(keys.copy(), accounts=3, origin=origin)
    for name in ("gap_count", "gap_mean", "gap_std", "hours", "active_days"):
        assert _same_bits(getattr(got, name), getattr(want, name)), name


def test_key_of_an_account_out_of_range_is_refused() -> None:
    keys = np.array([(2 << SECOND_BITS) + 1], dtype=np.int64)
    with pytest.raises(ValueError, match="outside"):
        cadence(keys, accounts=2, origin=0)

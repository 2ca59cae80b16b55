"""Cadence features from one sorted integer per event: gaps, hour-of-day counts, active days.

The engine returns every event's time and its account's dense index
(``features.expressions.with_account_index``); :func:`clock_keys` packs them into one
``int64`` per event, the *clock key*: the account index in the high bits and the event's whole
epoch second, relative to an origin, in the low :data:`SECOND_BITS`. (Packed here rather than
by the engine: DuckDB's whole epoch seconds of a UTC timestamp go through a time-zone cast of
every event, which cost more than the join and the transfer together.) Sorting those integers
orders every account's events by time, so inter-arrival gaps, the hour-of-day histogram and
the distinct UTC days come out of a few vectorised passes over one array.

Why not in the engine: gaps need a window function (a ``lag`` partitioned by account and
ordered by time), which sorts every event with its partition key in the engine and cost more
than any aggregate of the features; the hour histogram and the distinct days were two more
hash aggregates over every event. Two fetched integer columns and one ``numpy`` sort replace
the three (16 bytes per event in memory while fetched, 8 once packed: 80 MB for 10 million
events).

Definitions (the same as the engine's window did): an account's events sorted by whole
second; gaps are the differences of consecutive seconds (ties give 0); ``gap_count`` is
events - 1, ``gap_mean`` their mean, ``gap_std`` their sample standard deviation (None under
two gaps); hours are UTC hours of day; active days are distinct UTC dates (the store's day
partition is the UTC date of ``ts``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numba
import numpy as np

# Seconds since the origin (the window's first event) get 34 bits: 544 years; the account
# index gets the other 29 of a non-negative int64 (536 million accounts).
SECOND_BITS = 34
MAX_ACCOUNTS = 1 << (63 - SECOND_BITS)
_SECOND_MASK = (1 << SECOND_BITS) - 1
_DAY = 86400
_HOUR = 3600


@dataclass(frozen=True)
class Cadence:
    """Per account (rows in account-index order)."""

    gap_count: np.ndarray  # int64
    gap_mean: np.ndarray  # float64, NaN without gaps
    gap_std: np.ndarray  # float64, NaN under two gaps
    hours: np.ndarray  # int64, accounts x 24: events per UTC hour of day
    active_days: np.ndarray  # int64


def clock_keys(account_idx: np.ndarray, micros: np.ndarray, *, origin: int,
               out: np.ndarray | None = None) -> np.ndarray:
    """Clock keys from each event's account index and epoch microseconds: whole seconds
    (floored) since ``origin``, an epoch second at or before every event. Written into
    ``out`` (int64, as long as the inputs) when given."""
    account = np.asarray(account_idx, dtype=np.int64)
    us = np.asarray(micros, dtype=np.int64)
    if out is None:
        out = np.empty(len(us), dtype=np.int64)
    _pack(account, us, origin, out)
    return out


@numba.njit(cache=True, nogil=True)
def _pack(account: np.ndarray, micros: np.ndarray, origin: int,
          out: np.ndarray) -> None:  # pragma: no cover (compiled)
    for i in range(len(micros)):
        out[i] = (micros[i] // 1_000_000 - origin) + (account[i] << SECOND_BITS)


def cadence(keys: np.ndarray, *, accounts: int, origin: int) -> Cadence:
    """Cadence of ``accounts`` accounts from their events' clock keys (any order).

    ``origin`` is the epoch second the keys' seconds count from. ``keys`` is sorted in place.
    """
    if accounts > MAX_ACCOUNTS:
        raise ValueError(f"{accounts} accounts exceed the clock key's {MAX_ACCOUNTS}")
    keys.sort()
    # the kernel indexes per-account arrays by the key's high bits, unchecked
    if len(keys) and (keys[0] < 0 or keys[-1] >> SECOND_BITS >= accounts):
        raise ValueError("a clock key names an account outside 0..accounts-1")
    count = np.zeros(accounts, dtype=np.int64)
    mean = np.full(accounts, np.nan)
    std = np.full(accounts, np.nan)
    hours = np.zeros((accounts, 24), dtype=np.int64)
    active_days = np.zeros(accounts, dtype=np.int64)
    _cadence_sorted(keys, origin, count, mean, std, hours, active_days)
    return Cadence(gap_count=count, gap_mean=mean, gap_std=std, hours=hours,
                   active_days=active_days)


# One compiled pass over the sorted keys instead of a dozen numpy passes (each a temporary
# array of every event: ~1 CPU-s at 10.6M events, single-threaded while the engine idles).
# The float sums run in key order, as numpy's bincount added them, so the values are the
# same bits; no fastmath, which could reorder them.
@numba.njit(cache=True, nogil=True)
def _cadence_sorted(keys: np.ndarray, origin: int, count: np.ndarray, mean: np.ndarray,
                    std: np.ndarray, hours: np.ndarray,
                    active_days: np.ndarray) -> None:  # pragma: no cover (compiled)
    n = len(keys)
    total = np.zeros(len(count))
    prev_acc = -1
    prev_sec = 0
    prev_day = 0
    for i in range(n):
        acc = keys[i] >> SECOND_BITS
        sec = (keys[i] & _SECOND_MASK) + origin  # absolute epoch seconds
        day = sec // _DAY
        hours[acc, (sec % _DAY) // _HOUR] += 1
        if acc != prev_acc:
            active_days[acc] += 1  # an account's first event: a new (account, day)
        else:
            if day != prev_day:
                active_days[acc] += 1
            count[acc] += 1
            total[acc] += np.float64(sec - prev_sec)
        prev_acc, prev_sec, prev_day = acc, sec, day
    for a in range(len(count)):
        if count[a] > 0:
            mean[a] = total[a] / count[a]
    # two passes (deviations from each account's mean): no cancellation on steady bots
    ss = np.zeros(len(count))
    for i in range(1, n):
        acc = keys[i] >> SECOND_BITS
        if acc == keys[i - 1] >> SECOND_BITS:
            dev = np.float64((keys[i] & _SECOND_MASK) - (keys[i - 1] & _SECOND_MASK)) - mean[acc]
            ss[acc] += dev * dev
    for a in range(len(count)):
        if count[a] > 1:
            std[a] = np.sqrt(ss[a] / (count[a] - 1))

"""Arrival-time shapes: hourly rhythms, weekly rhythm, burstiness, machine cadence.

Token-length and burstiness constants were measured on the Azure LLM inference traces
(``AzureLLMInferenceTrace_conv.csv`` and ``_code.csv``, one hour each, 2023-11-16;
Azure/AzurePublicDataset, CC BY 4.0) with the script in ``docs/simulate.md``:

=============  ==============================  ===============================
trace          context tokens (median, sigma)  generated tokens (median, sigma)
=============  ==============================  ===============================
conversation   1020, 0.99 (lognormal fit)      129, 0.86
code           1469, 1.36                      13, 0.85
=============  ==============================  ===============================

Index of dispersion of per-minute arrival counts: 20.6 (conversation, mean 328/min) and
160 (code, mean 152/min); inter-arrival CV 1.09 and 13.2. So the chat service is close to
Poisson with a slowly varying rate (rate CV ~0.24 per minute) and code completion is very
bursty (rate CV ~1.0). The one-hour traces cannot give a daily shape: the 24-value hourly
profiles below are ours (typical consumer-evening, office-hours and developer shapes).
"""

from __future__ import annotations

import numpy as np

from distillwatch.simulate.scenario import Rhythm

US_PER_S = 1_000_000
DAY_S = 86_400

# Azure trace fits (see module docstring): (median, sigma) of lognormal token counts.
AZURE_CONV_INPUT = (1020.0, 0.99)
AZURE_CONV_OUTPUT = (129.0, 0.86)
AZURE_CODE_INPUT = (1469.0, 1.36)
AZURE_CODE_OUTPUT = (13.0, 0.85)
# Rate coefficient of variation per minute implied by the dispersion of the traces.
AZURE_CONV_RATE_CV = 0.24
AZURE_CODE_RATE_CV = 1.02

_PROFILES: dict[str, list[float]] = {
    # local hour 0..23
    "consumer": [2.2, 1.5, 1.0, 0.7, 0.6, 0.7, 1.2, 2.2, 3.4, 4.2, 4.8, 5.1,
                 5.3, 5.2, 5.1, 5.0, 5.0, 5.2, 5.6, 6.1, 6.5, 6.4, 5.3, 3.6],
    "office": [0.4, 0.3, 0.2, 0.2, 0.2, 0.4, 0.9, 2.4, 5.6, 8.4, 9.0, 8.8,
               6.9, 8.2, 8.9, 8.6, 7.8, 6.1, 3.4, 2.0, 1.5, 1.2, 0.9, 0.6],
    "developer": [1.9, 1.2, 0.7, 0.4, 0.3, 0.3, 0.5, 1.2, 3.0, 5.4, 6.9, 7.2,
                  6.1, 6.8, 7.3, 7.3, 7.0, 6.2, 4.9, 4.1, 4.0, 3.9, 3.5, 2.7],
    "flat": [1.0] * 24,
    "overnight_batch": [6.0, 9.0, 10.0, 10.0, 9.0, 6.0, 2.5, 1.0, 0.8, 0.8, 0.8, 0.8,
                        0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 1.0, 1.5, 2.5, 4.0],
    "sweep": [0.8, 0.6, 0.5, 0.5, 0.5, 0.5, 0.7, 1.0, 1.6, 2.2, 2.5, 2.5,
              2.3, 2.5, 2.6, 2.6, 2.4, 2.1, 1.8, 1.6, 1.5, 1.3, 1.1, 0.9],
}
# Burstiness of one account's hour-to-hour rate (gamma shape; small = bursty).
RHYTHM_BURST_SHAPE: dict[str, float] = {
    "consumer": 1.0 / AZURE_CONV_RATE_CV**2 / 8,  # one account is burstier than the service
    "office": 1.5,
    "developer": 1.0 / AZURE_CODE_RATE_CV**2,
    "flat": 50.0,
    "overnight_batch": 4.0,
    "sweep": 0.4,
}


def hourly_profile(rhythm: Rhythm | str) -> np.ndarray:
    """24 probabilities of a request starting in each local hour."""
    p = np.asarray(_PROFILES[rhythm], dtype=np.float64)
    return p / p.sum()


def weekday_factor(day_start_s: float, utc_offsets: np.ndarray, weekend: float) -> np.ndarray:
    """Per-account rate factor for the (local) weekday of a day: ``weekend`` on Sat/Sun."""
    local_noon = day_start_s + 43_200 + np.asarray(utc_offsets, dtype=np.float64) * 3600.0
    # 1970-01-01 was a Thursday: weekday 0 = Monday
    wd = ((np.floor(local_noon / DAY_S).astype(np.int64) + 3) % 7)
    return np.where(wd >= 5, weekend, 1.0)


def conversation_starts(
    rng: np.random.Generator,
    *,
    conv_account: np.ndarray,
    account_offsets: np.ndarray,
    rhythm: str,
    day_start_s: float,
) -> np.ndarray:
    """Start times (epoch seconds, float) of conversations, shaped by rhythm and burstiness.

    Each account gets its own gamma-modulated copy of the profile for the day (hours with no
    activity, hours with bursts), shifted to its local time zone.
    """
    n_acc = account_offsets.shape[0]
    n = conv_account.shape[0]
    if n == 0:
        return np.zeros(0)
    prof = hourly_profile(rhythm)
    utc_h = np.arange(24)
    local_h = (utc_h[None, :] + account_offsets[:, None].astype(np.int64)) % 24
    shape = RHYTHM_BURST_SHAPE[rhythm]
    used = np.unique(conv_account)
    w = np.zeros((n_acc, 24))
    w[used] = prof[local_h[used]] * rng.gamma(shape, 1.0 / shape, size=(used.shape[0], 24))
    w += 1e-9  # accounts without conversations today get a harmless flat row
    cdf = np.cumsum(w, axis=1)
    cdf /= cdf[:, -1:]
    u = np.asarray(rng.random(size=n))
    hour = (cdf[conv_account] < u[:, None]).sum(axis=1)
    hour = np.minimum(hour, 23)
    return day_start_s + hour * 3600.0 + rng.random(n) * 3600.0


def machine_times(
    rng: np.random.Generator, *, counts: np.ndarray, day_start_s: float, jitter: float = 0.25
) -> np.ndarray:
    """Evenly spaced request times per account (a scheduler), with a random phase and jitter."""
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0)
    acc = np.repeat(np.arange(counts.shape[0]), counts)
    starts = np.cumsum(counts) - counts
    j = np.arange(total) - np.repeat(starts, counts)
    interval = DAY_S / np.maximum(counts, 1)
    phase = np.asarray(rng.random(size=counts.shape[0]))
    pos = (j + phase[acc] + rng.uniform(-jitter, jitter, total)) * interval[acc]
    return day_start_s + np.mod(pos, DAY_S)

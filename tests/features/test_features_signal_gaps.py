"""The main aggregate reads raw parameters only for signals some event lacks; clock keys
packed in memory floor fractional seconds like the engine did."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import ibis
import numpy as np
import pyarrow as pa

from distillwatch.features.account import compute_account_features
from distillwatch.features.cadence import SECOND_BITS, clock_keys
from distillwatch.features.expressions import RAW_FALLBACK_FLAGS, account_aggregates, signal_gaps
from distillwatch.schema import STORE_EVENT_SCHEMA

T0 = datetime(2026, 3, 2, tzinfo=UTC)


def _events(rows: list[dict]) -> ibis.Table:
    full = [{f.name: r.get(f.name) for f in STORE_EVENT_SCHEMA} for r in rows]
    for i, r in enumerate(full):
        r["event_key"] = f"e{i}"
        r["ts"] = T0 + timedelta(seconds=i)
        r["account_id"] = r["account_id"] or "a"
    return ibis.memtable(pa.Table.from_pylist(full, schema=STORE_EVENT_SCHEMA))


def _rows(*, gap: bool) -> list[dict]:
    # Stored signals say "no logprobs, single turn" while the raw parameters say the
    # opposite, so which of the two the features follow is visible.
    rows = [{"sig_logprobs": False, "logprobs": True, "sig_multi_choice": False, "n": 4,
             "sig_tools": False, "tool_count": 3, "sig_single_turn": True, "turn": 5}
            for _ in range(4)]
    if gap:
        rows[0]["sig_logprobs"] = None  # ingest without signals for this one event
    return rows


def test_signal_gaps_counts_events_without_each_flag() -> None:
    gaps = signal_gaps(_events(_rows(gap=True))).to_pyarrow().to_pylist()[0]
    assert gaps == {f: (1 if f == "sig_logprobs" else 0) for f in RAW_FALLBACK_FLAGS}


def test_complete_signals_are_read_as_stored() -> None:
    f = compute_account_features(_events(_rows(gap=False)), None).to_pylist()[0]
    assert (f["share_logprobs"], f["share_multi_choice"], f["share_tools"],
            f["share_single_turn"]) == (0.0, 0.0, 0.0, 1.0)


def test_a_missing_signal_still_falls_back_to_the_raw_parameter() -> None:
    f = compute_account_features(_events(_rows(gap=True)), None).to_pylist()[0]
    # the event without a stored flag counts by its raw logprobs; the others as stored
    assert f["share_logprobs"] == 0.25
    assert (f["share_multi_choice"], f["share_single_turn"]) == (0.0, 1.0)


def test_complete_signals_change_no_value_where_every_flag_is_set() -> None:
    events = _events(_rows(gap=False))
    plain = account_aggregates(events).to_pyarrow()
    lean = account_aggregates(events, complete_signals=RAW_FALLBACK_FLAGS).to_pyarrow()
    assert plain.equals(lean)


def test_clock_keys_floor_fractional_seconds_and_pack_the_account() -> None:
    origin = 1_780_000_000
    micros = np.array([origin * 10**6, origin * 10**6 + 999_999, (origin + 7) * 10**6 + 1])
    keys = clock_keys(np.array([0, 3, 5]), micros, origin=origin)
    assert (keys >> SECOND_BITS).tolist() == [0, 3, 5]
    assert (keys & ((1 << SECOND_BITS) - 1)).tolist() == [0, 0, 7]

"""Round 9's validation kernels give what the Arrow calls they replace give."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.ingest.enrich import IPV4_CANONICAL, parse_ip
from distillwatch.ingest.validate import blank, canonical_ips, validate
from distillwatch.schema import REASONING_EFFORTS

IP_PIECES = ["0", "1", "9", "10", "01", "00", "99", "100", "199", "200", "249", "250", "255",
             "256", "260", "300", "999", "1000", "", " ", "a", "-1", "+1", "٣"]


def _random_ips(rng: np.random.Generator, n: int) -> list[str | None]:
    out: list[str | None] = []
    for _ in range(n):
        k = int(rng.choice([3, 4, 4, 4, 4, 5]))
        text = ".".join(str(rng.choice(IP_PIECES)) for _ in range(k))
        roll = rng.random()
        if roll < 0.05:
            text = text + "."
        elif roll < 0.1:
            text = "." + text
        elif roll < 0.13:
            text = text + ":8080"
        elif roll < 0.16:
            text = " " + text
        elif roll < 0.19:
            text = "::ffff:" + text
        elif roll < 0.22:
            text = "2001:db8::" + str(rng.integers(0, 99))
        elif roll < 0.25:
            out.append(None)
            continue
        out.append(text)
    return out


def _reference_ips(col: pa.Array | pa.ChunkedArray) -> tuple[pa.Array, np.ndarray]:
    """The regex version (commit 00bfa8e) of canonical_ips."""
    plain = pc.match_substring_regex(col, IPV4_CANONICAL)
    rest = pc.filter(col, pc.invert(pc.fill_null(plain, True)))
    if len(rest) == 0:
        return (col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col), np.zeros(
            len(col), bool
        )
    uniq = pc.unique(rest).drop_null()
    canon = [None if (ip := parse_ip(v)) is None else str(ip) for v in uniq.to_pylist()]
    idx = pc.index_in(col, value_set=uniq)
    out = pc.if_else(pc.fill_null(plain, False), col, pc.take(pa.array(canon, pa.string()), idx))
    if isinstance(out, pa.ChunkedArray):
        out = out.combine_chunks()
    bad = pc.and_(pc.is_valid(col), pc.is_null(out)).to_numpy(zero_copy_only=False)
    return out, np.asarray(bad, bool)


def test_ipv4_kernel_agrees_with_the_regex() -> None:
    rng = np.random.default_rng(3)
    values = [*_random_ips(rng, 20_000), "1.2.3.4", "0.0.0.0", "255.255.255.255", "1.2.3"]
    arr = pa.array(values, pa.string())
    kernel_plain = 0
    for col in (arr, arr.slice(9), pa.chunked_array([arr.slice(0, 100), arr.slice(100)]),
                pa.array(["1.2.3.4", "10.0.0.1"] * 50, pa.string())):
        got, got_bad = canonical_ips(col)
        want, want_bad = _reference_ips(col)
        assert got.equals(want)
        np.testing.assert_array_equal(got_bad, want_bad)
        kernel_plain += int(pc.sum(pc.match_substring_regex(col, IPV4_CANONICAL)).as_py() or 0)
    assert kernel_plain > 1_000  # the random values do hit the canonical case


def test_blank_agrees_with_arrows_trim() -> None:
    rng = np.random.default_rng(5)
    pieces = ["", " ", "\t", "\n", "\x0b", "\x0c", "\r", "\x1c", "\x1f", "\x00", "\u00a0",
              "\u3000", "\u2003", "\u0085", "a", "é", "日", "-", "~", "\x7f"]
    values: list[str | None] = [
        "".join(rng.choice(pieces, int(rng.integers(0, 4)))) for _ in range(5_000)
    ]
    values[::17] = [None] * len(values[::17])
    arr = pa.array(values, pa.string())
    for col in (arr, arr.slice(3), pa.chunked_array([arr.slice(0, 10), arr.slice(10)])):
        want = pc.or_kleene(pc.is_null(col), pc.equal(pc.utf8_trim_whitespace(col), ""))
        np.testing.assert_array_equal(
            blank(col), np.asarray(pc.fill_null(want, False).to_numpy(zero_copy_only=False))
        )


def _events(efforts: list[str | None]) -> pa.Table:
    n = len(efforts)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    from distillwatch.schema import EVENT_SCHEMA

    cols = {f.name: pa.nulls(n, f.type) for f in EVENT_SCHEMA}
    cols["ts"] = pa.array([now] * n, cols["ts"].type)
    cols["account_id"] = pa.array(["a"] * n, pa.string())
    cols["reasoning_effort"] = pa.array(efforts, pa.string())
    return pa.table(cols)


def test_reasoning_effort_rules_unchanged() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    rng = np.random.default_rng(8)
    choices = [*REASONING_EFFORTS, "High", "MEDIUM", "med", "", "highx", "ﬀ", "LOW ", None]
    for pool in (list(REASONING_EFFORTS), choices, [None], ["İ", "low"]):
        efforts = [pool[int(i)] for i in rng.integers(0, len(pool), 400)]
        table, problems = validate(
            _events(efforts), min_ts=now - timedelta(days=30), max_future=timedelta(1), now=now
        )
        col = pa.array(efforts, pa.string())
        lower = pc.utf8_lower(col)
        assert table.column("reasoning_effort").combine_chunks().equals(lower)
        want = pc.and_(pc.is_valid(lower), pc.invert(pc.is_in(lower, pa.array(REASONING_EFFORTS))))
        want_np = np.asarray(pc.fill_null(want, False).to_numpy(zero_copy_only=False))
        got = [p for p in problems if p.field == "reasoning_effort"]
        if want_np.any():
            np.testing.assert_array_equal(got[0].mask, want_np)
        else:
            assert not got


def test_values_in_compares_whole_values() -> None:
    from distillwatch.ingest.buffers import string_buffers
    from distillwatch.ingest.validate_kernels import values_in

    wanted = pa.array(["", "a", "low", "minimal", "8bytes!!"], pa.string())
    # Prefixes, extensions, 9-byte values, a NUL inside, values at the very end of the buffer.
    probe = ["", "a", "b", "lo", "low", "lowx", "Low", "minima", "minimal", "minimalx",
             "8bytes!!", "8bytes!?", "8bytes!!!", "lo\x00", "a\x00", "low"]
    for values in (pa.array(probe, pa.string()), pa.array(probe, pa.string()).slice(4)):
        data, offsets = string_buffers(values)
        set_data, set_offsets = string_buffers(wanted)
        out = np.zeros(len(values), bool)
        values_in(data, offsets, set_data, set_offsets, out)
        assert out.tolist() == [v in wanted.to_pylist() for v in values.to_pylist()]


def test_out_of_range_agrees_with_arrows_comparisons() -> None:
    from distillwatch.ingest.validate import out_of_range
    from distillwatch.schema import TS

    rng = np.random.default_rng(11)
    ints = rng.integers(-5, 300, 3_000)
    floats = rng.normal(1.0, 1.5, 3_000)
    floats[::13] = np.nan
    floats[::29] = np.inf
    stamps = pa.array(rng.integers(10**15, 2 * 10**15, 3_000), pa.int64()).cast(TS)
    lo_ts, hi_ts = pa.scalar(1_200_000_000_000_000, TS), pa.scalar(1_800_000_000_000_000, TS)
    null_every = np.zeros(3_000, bool)
    null_every[::7] = True
    cases = [
        (pa.array(ints), 0, None), (pa.array(ints), 1, 128), (pa.array(ints), None, 255),
        (pa.array(ints, mask=null_every), 100, 599),
        (pa.array(floats), 0.0, 2.0), (pa.array(floats, mask=null_every), 0.0, 1.0),
        (stamps, lo_ts, None), (stamps, None, hi_ts),
    ]
    for arr, low, high in cases:
        for col in (arr, arr.slice(5), pa.chunked_array([arr.slice(0, 100), arr.slice(100)])):
            parts = [pc.is_nan(col)] if pa.types.is_floating(col.type) else []
            if low is not None:
                parts.append(pc.less(col, low))
            if high is not None:
                parts.append(pc.greater(col, high))
            want = parts[0]
            for more in parts[1:]:
                want = pc.or_(want, more)
            want_np = np.asarray(pc.fill_null(want, False).to_numpy(zero_copy_only=False), bool)
            np.testing.assert_array_equal(out_of_range(col, low, high), want_np)
            assert want_np.any()

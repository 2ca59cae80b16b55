"""The fast paths of pairs.py against plain-Python references: the compiled cap (selection of
each group's cap-th value, ties at the limit, row order of the result, uses too wide to pack)
and key strings of rows already grouped by link type."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pyarrow as pa

from distillwatch.linkage.pairs import _keys_of, cap_per_account, encode, sorted_codes


def _part(lt: str, rows: list[tuple[str, str, int]]) -> pa.Table:
    return pa.table({
        "link_type": [lt] * len(rows),
        "key": [k for k, _, _ in rows],
        "account_id": [a for _, a, _ in rows],
        "uses": pa.array([u for _, _, u in rows], pa.int64()),
        "mult": [1.0] * len(rows),
    })


def _ref(parts: dict[str, list[tuple[str, str, int]]], cap: int) -> list[tuple[str, str, str, int]]:
    """Rows kept, in input order (link types in the given order)."""
    out = []
    for lt, rows in parts.items():
        kept: set[int] = set()
        for a in {r[1] for r in rows}:
            mine = sorted((i for i, r in enumerate(rows) if r[1] == a),
                          key=lambda i: (-rows[i][2], rows[i][0].encode(), i))
            kept |= set(mine[:cap])
        out += [(lt, rows[i][0], rows[i][1], rows[i][2]) for i in sorted(kept)]
    return out


def _got(parts: dict[str, list[tuple[str, str, int]]], cap: int) -> list[tuple[str, str, str, int]]:
    got = cap_per_account(encode([_part(lt, rows) for lt, rows in parts.items()]), cap).to_arrow()
    return list(zip(got["link_type"].to_pylist(), got["key"].to_pylist(),
                    got["account_id"].to_pylist(), got["uses"].to_pylist(), strict=True))


def test_cap_many_groups_keeps_top_keys_in_row_order() -> None:
    rng = random.Random(11)
    parts = {}
    for lt in ("template", "synchrony", "ip"):
        rows = [(f"k{rng.randrange(400):03d}", f"acct-{a:02d}", rng.randrange(1, 5))
                for a in range(25) for _ in range(rng.randrange(1, 90))]
        # one row per (key, account), as the engine's group-bys give
        parts[lt] = list({(k, a): (k, a, u) for k, a, u in rows}.values())
        rng.shuffle(parts[lt])
    assert _got(parts, 7) == _ref(parts, 7)


def test_cap_ties_at_the_limit_keep_the_first_repeated_rows() -> None:
    # "a" holds k1 five times with 2 uses, k0 once with 3: cap 3 keeps k0 and the first two
    # k1 rows (repeated rows tie on (uses, key); the earlier rows win)
    rows = [("k1", "a", 2)] * 5 + [("k0", "a", 3), ("k2", "a", 2), ("k1", "b", 1)]
    got = _got({"payment": rows}, 3)
    assert got == [("payment", "k1", "a", 2), ("payment", "k1", "a", 2),
                   ("payment", "k0", "a", 3), ("payment", "k1", "b", 1)]


def test_cap_with_uses_too_wide_to_pack() -> None:
    # uses spanning ~2^62 cannot be packed with the key: ranked first, same result
    big = 2**62
    rows = [(f"k{i}", "a", u) for i, u in enumerate([1, big, 3, big - 1, 2, big, 5])]
    rows += [("k0", "b", 1)]
    assert _got({"ip": rows}, 3) == _ref({"ip": rows}, 3)


def test_cap_below_limit_returns_every_row() -> None:
    rows = [("k0", "a", 1), ("k1", "a", 2), ("k0", "b", 1)]
    assert _got({"ip": rows}, 5) == _ref({"ip": rows}, 5)


def test_keys_of_grouped_and_mixed_rows_agree() -> None:
    m = encode([_part("ip", [("10.0.0.1", "a", 1), ("10.0.0.2", "b", 1)]),
                _part("template", [("t-b", "a", 1), ("t-a", "b", 1), ("t-c", "c", 1)])])
    lt = np.array([0, 0, 1, 1, 1], dtype=np.int64)
    key = np.array([1, 0, 2, 0, 1], dtype=np.int64)
    want = ["10.0.0.2", "10.0.0.1", "t-c", "t-a", "t-b"]
    assert _keys_of(m, lt, key).to_pylist() == want  # grouped: one take per link type
    mixed = np.array([1, 0, 1, 0, 1])
    got = _keys_of(m, lt[mixed.argsort(kind="stable")][[0, 3, 1, 4, 2]],
                   key[mixed.argsort(kind="stable")][[0, 3, 1, 4, 2]]).to_pylist()
    assert got == [want[i] for i in mixed.argsort(kind="stable")[[0, 3, 1, 4, 2]]]


def test_sorted_codes_of_many_chunks_equal_those_of_one_array() -> None:
    rng = random.Random(5)
    values = [f"k{rng.randrange(300)}" * rng.randrange(1, 4) for _ in range(2000)]
    one = sorted_codes(pa.array(values))
    cuts = [0, 0, 7, 500, 500, 1999, 2000]  # empty chunks too
    many = sorted_codes(pa.chunked_array(
        [pa.array(values[a:b], pa.string()) for a, b in itertools.pairwise(cuts)], pa.string()))
    assert many[0].equals(one[0])
    assert np.array_equal(many[1], one[1])
    assert many[0].to_pylist() == sorted(set(values), key=str.encode)
    assert [many[0][int(i)].as_py() for i in many[1]] == values
    empty = sorted_codes(pa.chunked_array([], pa.string()))
    assert len(empty[0]) == 0 and len(empty[1]) == 0

"""cap_per_account keeps exactly ``cap`` keys per account and link type, repeated rows too."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from distillwatch.linkage.pairs import cap_per_account, encode


def _part(rows: list[tuple[str, str, int]]) -> pa.Table:
    return pa.table({
        "link_type": ["payment"] * len(rows),
        "key": [k for k, _, _ in rows],
        "account_id": [a for _, a, _ in rows],
        "uses": [u for _, _, u in rows],
        "mult": [1.0] * len(rows),
    })


def test_repeated_rows_still_capped_at_cap() -> None:
    # "a" holds one key eight times (an accounts table with repeated rows) and two others:
    # k2 (2 uses) ranks first, then ties by key: two of the repeated k0 rows fill the cap of
    # 3 (tied repeated rows must not all pass the cut).
    rows = [("k0", "a", 1)] * 8 + [("k1", "a", 1), ("k2", "a", 2)] + [("k1", "b", 1)]
    got = cap_per_account(encode([_part(rows)]), 3).to_arrow()
    per = {}
    for a, k in zip(got["account_id"].to_pylist(), got["key"].to_pylist(), strict=True):
        per.setdefault(a, []).append(k)
    assert sorted(per["a"]) == ["k0", "k0", "k2"]  # k2 (2 uses) first, then two k0 rows
    assert per["b"] == ["k1"]


def test_many_accounts_each_keep_their_top_keys() -> None:
    rng = np.random.default_rng(7)
    rows = [(f"k{int(k):04d}", f"a{a:03d}", int(rng.integers(1, 4)))
            for a in range(60) for k in rng.choice(500, size=int(rng.integers(1, 40)),
                                                  replace=False)]
    got = cap_per_account(encode([_part(rows)]), 10).to_arrow()
    want = set()
    for a in {r[1] for r in rows}:
        mine = sorted((r for r in rows if r[1] == a), key=lambda r: (-r[2], r[0]))[:10]
        want |= {(r[1], r[0], r[2]) for r in mine}
    got_rows = set(zip(got["account_id"].to_pylist(), got["key"].to_pylist(),
                       got["uses"].to_pylist(), strict=True))
    assert got_rows == want
    assert got.num_rows == len(want)

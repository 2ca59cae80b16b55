"""Round 7 paths: near_dup's coded band part (keys and accounts numbered in lsh) gives what
``pairs.encode`` numbers from the membership table's strings, and its bucket numbering; the
compiled windowed pairs (``pairs._windowed``/``_pair_runs``), packed and unpacked, against the
plain definition; link weights and pair totals from the candidates' link type codes."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from distillwatch.linkage import infrastructure, load_linkage_config, lsh, rarity
from distillwatch.linkage import pairs as pairs_mod
from distillwatch.linkage.pairs import CodedPart, coded_pairs, encode, weigh
from distillwatch.linkage.rarity import coded_pair_totals, link_weights, pair_totals


def _signatures(seed: int, n: int, width: int, distinct: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    # few distinct values per column: many shared buckets, and values of 1 to 10 digits
    pool = np.array([0, 7, 10, 99, 100, 12345, 999999999, 1000000000, 4294967295][:distinct],
                    dtype=np.uint32)
    return pool[rng.integers(0, len(pool), (n, width))]


@pytest.mark.parametrize(("seed", "distinct"), [(1, 2), (2, 4), (3, 9)])
def test_band_part_numbers_as_encode_does_from_the_strings(seed: int, distinct: int) -> None:
    bands, rows = 12, 2  # bands 10 and 11 sort before 2 as strings
    n = 400
    sig = _signatures(seed, n, bands * rows, distinct)
    rng = np.random.default_rng(seed + 10)
    acct = rng.integers(0, 30, n)
    # account codes in the reverse of the ids' byte order: band_part must not rely on them
    ids = pa.array([f"acct-{29 - a:02d}" for a in acct])
    uses = rng.integers(1, 20, n)
    part = lsh.band_part(sig, acct, uses, ids, bands=bands, rows=rows)
    table = lsh.band_memberships(sig, acct, uses, ids, bands=bands, rows=rows)
    assert isinstance(part, CodedPart) and part.num_rows == table.num_rows
    from_part, from_table = encode([part]), encode([table])
    assert from_part.accounts.equals(from_table.accounts)
    keys_p, keys_t = from_part.keys[0], from_table.keys[0]
    assert len(keys_p) == len(keys_t) < table.num_rows  # buckets are shared
    everything = pa.array(np.arange(len(keys_t)))
    assert keys_p.take(everything).cast(pa.string()).equals(keys_t.take(everything))
    for name in ("lt", "key", "acct", "uses", "mult"):
        assert np.array_equal(getattr(from_part, name), getattr(from_table, name)), name
    assert lsh.part_table(part).equals(table)


def test_bucket_ids_in_first_met_order() -> None:
    bands, rows = 4, 3
    sig = _signatures(5, 300, bands * rows, 2)
    acct = np.arange(300) % 11
    first, band, _ = lsh._band_groups(sig, acct.astype(np.int64), np.ones(300, np.int64),
                                      bands, rows)
    kid, krow, kband = lsh._bucket_ids(sig, first, band, rows)
    want: dict[tuple[int, tuple[int, ...]], int] = {}
    for i, b in zip(first.tolist(), band.tolist(), strict=True):
        want.setdefault((b, tuple(sig[i, b * rows:(b + 1) * rows].tolist())), len(want))
    got = [(int(b), tuple(sig[i, b * rows:(b + 1) * rows].tolist()))
           for i, b in zip(krow.tolist(), kband.tolist(), strict=True)]
    assert got == list(want)
    assert [want[(int(b), tuple(sig[i, b * rows:(b + 1) * rows].tolist()))]
            for i, b in zip(first.tolist(), band.tolist(), strict=True)] == kid.tolist()


def test_empty_band_part_is_a_coded_part_with_no_rows() -> None:
    part = lsh.band_part(np.zeros((0, 8), np.uint32), np.zeros(0, np.int64),
                         np.zeros(0, np.int64), pa.array([], pa.string()), bands=2, rows=4)
    assert part.num_rows == 0 and part.link_type == "near_dup"
    assert lsh.part_table(part).column_names == list(lsh.NEAR_DUP_COLUMNS)


def _weighted_members(seed: int) -> tuple[pa.Table, list[tuple[str, str, str]]]:
    rng = np.random.default_rng(seed)
    accounts = [f"a{int(v):05d}" for v in rng.choice(100000, 30, replace=False)]
    rows = []
    for lt in ("ip", "template", "payment"):
        keys = [f"k{int(v)}" for v in rng.integers(0, 25, 40)]
        for a in accounts:
            for k in set(rng.choice(keys, int(rng.integers(1, 10))).tolist()):
                rows.append((lt, k, a))
    t = pa.table({"link_type": [r[0] for r in rows], "key": [r[1] for r in rows],
                  "account_id": [r[2] for r in rows], "uses": [1] * len(rows),
                  "mult": [1.0] * len(rows)})
    return t, rows


@pytest.mark.parametrize("seed", [1, 2])
def test_windowed_pairs_packed_and_unpacked_equal_the_plain_definition(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = load_linkage_config(overrides={"window": 3, "hub_size": 20})
    t, rows = _weighted_members(seed)
    parts = [t.filter(pc.equal(t["link_type"], lt)) for lt in ("ip", "template", "payment")]
    w = weigh(encode(parts), None, config=cfg)
    packed = coded_pairs(w, window=cfg.window)
    monkeypatch.setattr(pairs_mod, "_PACK_LIMIT", 0)  # (pair, group) not packed
    unpacked = coded_pairs(w, window=cfg.window)
    assert packed.table.equals(unpacked.table) and packed.table.num_rows > 50
    assert np.array_equal(packed.src, unpacked.src) and np.array_equal(packed.dst, unpacked.dst)
    groups: dict[tuple[str, str], list[str]] = {}
    for lt, k, a in rows:
        groups.setdefault((lt, k), []).append(a)
    want: dict[tuple[str, str, str], list] = {}
    for (lt, k), members in groups.items():
        n = len(members)
        if n < 2 or n > cfg.hub_size:
            continue
        members = sorted(members)
        for i, a in enumerate(members):
            for b in members[i + 1:i + 1 + cfg.window]:
                got = want.setdefault((a, b, lt), [0, k, n])
                got[0] += 1
                got[1] = min(got[1], k)
                got[2] = min(got[2], n)
    table = packed.table
    got_d = {(s, d, lt): [sh, k, gs] for s, d, lt, sh, k, gs in zip(
        *[table[c].to_pylist() for c in ("src", "dst", "link_type", "shared", "key",
                                           "group_size")], strict=True)}
    assert got_d == want
    keys = [(s, d, lt) for s, d, lt in zip(*[table[c].to_pylist() for c in ("src", "dst",
                                                                           "link_type")],
                                           strict=True)]
    lt_rank = {name: i for i, name in enumerate(w.m.link_types)}
    assert keys == sorted(keys, key=lambda r: (lt_rank[r[2]], r[0], r[1]))  # rows in pair order


def test_weights_and_totals_from_link_type_codes_equal_the_string_path() -> None:
    cfg = load_linkage_config(overrides={"window": 3, "hub_size": 20})
    t, _ = _weighted_members(3)
    parts = [t.filter(pc.equal(t["link_type"], lt)) for lt in ("ip", "template", "payment")]
    coded = coded_pairs(weigh(encode(parts), None, config=cfg), window=cfg.window)
    assert coded.lt is not None and coded.table.num_rows > 50
    codes = (list(coded.link_types), coded.lt)
    plain = link_weights(coded.table, config=cfg)
    fast = link_weights(coded.table, config=cfg, link_types=codes)
    assert fast.equals(plain)
    want = coded_pair_totals(plain, coded.accounts, coded.src, coded.dst,
                             content_cap=cfg.content_cap)
    got = coded_pair_totals(fast, coded.accounts, coded.src, coded.dst,
                            content_cap=cfg.content_cap, link_types=codes)
    assert got[0].equals(want[0]) and got[0].equals(pair_totals(plain,
                                                                content_cap=cfg.content_cap))
    assert np.array_equal(got[1], want[1]) and np.array_equal(got[2], want[2])


def test_unique_inverse_equals_numpy_unique() -> None:
    rng = np.random.default_rng(9)
    runs = [np.sort(rng.integers(0, 500, int(rng.integers(0, 300)))) for _ in range(6)]
    for values in (np.concatenate(runs), rng.integers(-5, 5, 1000), np.zeros(0, np.int64)):
        values = values.astype(np.int64)
        uniq, inverse = np.unique(values, return_inverse=True)
        got_u, got_i = rarity._unique_inverse(values)
        assert np.array_equal(got_u, uniq) and np.array_equal(got_i, inverse.ravel())


@pytest.mark.parametrize("big", [False, True])
def test_distinct_pairs_ascending_with_positions(big: bool) -> None:
    rng = np.random.default_rng(11)
    a = rng.integers(-3, 40, 5000).astype(np.int64)
    b = rng.integers(0, 25, 5000).astype(np.int64)
    if big:  # too wide to pack into one int64: the lexsort path
        a = a * (2**60 // 64)
        b = b * (2**60 // 32)
    ua, ub, inverse = infrastructure._distinct_pairs(a, b)
    want = sorted(set(zip(a.tolist(), b.tolist(), strict=True)))
    assert list(zip(ua.tolist(), ub.tolist(), strict=True)) == want
    assert np.array_equal(ua[inverse], a) and np.array_equal(ub[inverse], b)

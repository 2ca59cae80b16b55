"""Round 8 paths: ``pairs.encode_capped`` (each membership part capped on its own before the
rows are put together) gives exactly ``cap_per_account(encode(parts))``: same accounts, same
rows in the same order, ties (repeated rows, equal uses) kept in row order."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from distillwatch.linkage.pairs import CodedPart, cap_per_account, encode, encode_capped


def _table(link_type: str, rng: np.random.Generator, n: int, n_acct: int, n_key: int,
           uses_hi: int) -> pa.Table:
    acct = rng.integers(0, n_acct, n)
    key = rng.integers(0, n_key, n)
    uses = rng.integers(1, uses_hi, n)
    if n:  # repeated rows: the cap keeps the earlier ones
        acct[-5:], key[-5:], uses[-5:] = acct[0], key[0], uses[0]
    return pa.table({
        "link_type": pa.array([link_type] * n, pa.string()),
        "key": pa.array([f"{link_type}:{k}" for k in key], pa.string()),
        "account_id": pa.array([f"a{a:03d}" for a in acct], pa.string()),
        "uses": pa.array(uses, pa.int64()),
        "mult": pa.array(rng.random(n), pa.float64()),
    })


def _coded(t: pa.Table) -> CodedPart:
    """The table as a CodedPart with its own account numbering (as lsh and the hashed
    infrastructure parts hand them over)."""
    from distillwatch.linkage.pairs import coded, sorted_codes

    c = coded(t)
    return CodedPart(c.link_type, c.account_id, c.keys, c.key, c.uses, c.mult,
                     account_codes=sorted_codes(c.account_id))


def _same(a, b) -> None:  # type: ignore[no-untyped-def]
    assert a.accounts.equals(b.accounts)
    assert a.link_types == b.link_types
    for name in ("lt", "key", "acct", "uses", "mult"):
        x, y = getattr(a, name), getattr(b, name)
        assert x.dtype == y.dtype and np.array_equal(x, y), name
    assert a.to_arrow().equals(b.to_arrow())


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("cap", [1, 3, 8])
def test_encode_capped_is_cap_of_encode(seed: int, cap: int) -> None:
    rng = np.random.default_rng(seed)
    parts: list[pa.Table | CodedPart] = [
        _table("template", rng, 600, 20, 90, 6),  # many ties on uses
        _coded(_table("ip", rng, 300, 25, 40, 50)),
        _table("near_dup", rng, 0, 1, 1, 2),  # empty: left out by both
        _coded(_table("asn_ua", rng, 200, 7, 300, 3)),
        _table("payment", rng, 40, 30, 5, 2),  # mostly under the cap
    ]
    _same(encode_capped(parts, cap), cap_per_account(encode(parts), cap))


def test_encode_capped_with_huge_uses_and_keys() -> None:
    # uses spanning ~2^61 with several keys: cap_per_account ranks the uses first
    rng = np.random.default_rng(9)
    t = _table("template", rng, 300, 6, 50, 6)
    big = np.asarray(t["uses"].to_numpy()) * (2**59)
    t = t.set_column(t.schema.get_field_index("uses"), "uses", pa.array(big, pa.int64()))
    parts: list[pa.Table | CodedPart] = [t, _table("ip", rng, 100, 6, 10, 9)]
    _same(encode_capped(parts, 4), cap_per_account(encode(parts), 4))


def test_encode_capped_keeps_everything_under_the_cap() -> None:
    rng = np.random.default_rng(4)
    parts: list[pa.Table | CodedPart] = [_table("ip", rng, 50, 40, 3, 9)]
    got = encode_capped(parts, 100)
    _same(got, encode(parts))
    assert len(got.lt) == 50


def test_encode_capped_refuses_two_parts_of_one_link_type() -> None:
    rng = np.random.default_rng(5)
    with pytest.raises(ValueError, match="two membership parts"):
        encode_capped([_table("ip", rng, 5, 2, 2, 3), _table("ip", rng, 5, 2, 2, 3)], 2)


def _evidence_as_before(table: pa.Table) -> list[str]:
    """The per-link f-string the evidence was written with before (Round 7)."""
    import json

    quote = json.encoder.encode_basestring_ascii
    out = []
    for gs, key, pw, raw, shared in zip(
            table["group_size"].to_pylist(), table["key"].to_pylist(),
            table["pair_weight"].to_pylist(), table["raw"].to_pylist(),
            table["shared"].to_pylist(), strict=True):
        out.append(
            f'{{"group_size": {int(gs)}, "key": {quote(key) if isinstance(key, str) else "null"}, '
            f'"pair_weight": {round(float(pw), 4)!r}, "raw": {round(float(raw), 4)!r}, '
            f'"shared_keys": {int(shared)}}}')
        if raw == float("inf"):  # (writes `inf`, as before: not JSON, never a real sum)
            continue
        # and it is what json.dumps(sort_keys=True) writes
        ev = {"group_size": int(gs), "key": key, "pair_weight": round(float(pw), 4),
              "raw": round(float(raw), 4), "shared_keys": int(shared)}
        assert out[-1] == json.dumps(ev, sort_keys=True)
    return out


def test_link_evidence_json_is_the_per_link_json() -> None:
    from distillwatch.linkage.campaigns import _link_evidence_json

    keys = ["b0:1,2", None, "héllo \"q\" \\ \n", "日本", "b0:1,2", "", None, "\x00\x1f"]
    n = len(keys)
    table = pa.table({
        "group_size": pa.array([2, 3, 10**12, 0, 2, -1, 5, 7], pa.int64()),
        "key": pa.array(keys, pa.string()),
        "pair_weight": pa.array([0.5, 1 / 3, -0.0, 0.0, 0.5, 1e-9, 123456.78915, 2.5],
                                pa.float64()),
        "raw": pa.array([0.30000000000000004, 2.0, 1e20, -1.23456e-5, 0.1, 7.0, 0.00005,
                         float("inf")], pa.float64()),
        "shared": pa.array(np.arange(n) * 7 - 3, pa.int64()),
    })
    got = _link_evidence_json(table)
    assert got.type == pa.string()
    assert got.to_pylist() == _evidence_as_before(table)
    assert _link_evidence_json(table.slice(0, 0)).to_pylist() == []
    chunked = pa.concat_tables([table.slice(0, 3), table.slice(3)])
    assert _link_evidence_json(chunked).to_pylist() == _evidence_as_before(table)

"""Memberships grouped on DuckDB's 64-bit hashes equal the ones grouped on the strings."""

from __future__ import annotations

import ibis
import numpy as np
import pyarrow as pa
import pytest
from linkage_synth import build, part_rows

from distillwatch.linkage import candidates, infrastructure, load_linkage_config
from distillwatch.linkage.candidates import candidates_from_parts, membership_parts
from distillwatch.linkage.infrastructure import _distinct_pairs
from distillwatch.linkage.membership import hash64, hashes_on, local_codes
from distillwatch.linkage.pairs import CodedPart, encode
from distillwatch.store.hashed_keys import hashed_keys


@pytest.fixture(scope="module")
def synth() -> tuple[ibis.Table, ibis.Table]:
    ev, accounts, _truth, _scores = build(11)
    # A few keys that sort differently by bytes than by length or case.
    ua = ev["user_agent"].to_pylist()
    ua[:40] = ["Zeta/1", "zeta/1", "Z", "é-agent", "a|b"] * 8
    ev = ev.set_column(ev.schema.get_field_index("user_agent"), "user_agent",
                       pa.array(ua, ev.schema.field("user_agent").type))
    return ibis.memtable(ev), ibis.memtable(accounts)


_rows = part_rows  # a part as its link type and its sorted rows


def _string_parts(monkeypatch: pytest.MonkeyPatch, ev: ibis.Table, ac: ibis.Table) -> list:
    with monkeypatch.context() as m:
        m.setattr(candidates, "hashes_on", lambda t: False)
        return membership_parts(ev, ac, config=load_linkage_config())


def test_hashed_memberships_equal_string_ones(
    synth: tuple[ibis.Table, ibis.Table], monkeypatch: pytest.MonkeyPatch
) -> None:
    ev, ac = synth
    cfg = load_linkage_config()
    assert hashes_on(ev)
    hashed = membership_parts(ev, ac, config=cfg)
    strings = _string_parts(monkeypatch, ev, ac)
    got, want = dict(map(_rows, hashed)), dict(map(_rows, strings))
    assert set(got) == set(want)
    assert {"ip", "prefix", "asn_ua", "template", "synchrony", "partition"} <= set(got)
    assert all(got[lt] for lt in ("ip", "asn_ua", "template", "synchrony", "partition"))
    for lt in want:
        assert got[lt] == want[lt], lt
    # The coded forms number accounts and keys the same way, so the pairs are identical.
    a, b = encode(hashed), encode(strings)
    assert a.accounts.equals(b.accounts)
    assert a.link_types == b.link_types
    oa, ob = np.lexsort((a.acct, a.key, a.lt)), np.lexsort((b.acct, b.key, b.lt))
    for col in ("lt", "key", "acct", "uses", "mult"):
        assert np.array_equal(getattr(a, col)[oa], getattr(b, col)[ob]), col
    young = pa.table({"account_id": a.accounts, "young": pa.array([0.0] * len(a.accounts))})
    pa_, pb = (candidates_from_parts(p, young, config=cfg) for p in (hashed, strings))
    order = [(c, "ascending") for c in ("link_type", "src", "dst")]
    assert pa_.sort_by(order).equals(pb.sort_by(order))


def test_a_colliding_key_falls_back_to_the_strings(
    synth: tuple[ibis.Table, ibis.Table], monkeypatch: pytest.MonkeyPatch
) -> None:
    """When a key's values share a hash (forced here for user agents), that link type is
    grouped on the strings and the memberships stay the same."""
    ev, ac = synth
    real = infrastructure.hashed_keys

    def colliding(t: ibis.Table, column: str):  # type: ignore[no-untyped-def]
        return None if column == "user_agent" else real(t, column)

    monkeypatch.setattr(infrastructure, "hashed_keys", colliding)
    cfg = load_linkage_config()
    parts = membership_parts(ev, ac, config=cfg)
    coded = {p.link_type for p in parts if isinstance(p, CodedPart)}
    assert "asn_ua" not in coded and "ip" in coded  # asn_ua came from the string group-by
    got = dict(map(_rows, parts))
    want = dict(map(_rows, _string_parts(monkeypatch, ev, ac)))
    assert got["asn_ua"] == want["asn_ua"]


def test_hashed_keys_in_byte_order() -> None:
    vals = ["b", "a", None, "B", "é", "ab", "a", ""]
    t = ibis.memtable(pa.table({"k": pa.array(vals, pa.string())}))
    keys = hashed_keys(t, "k")
    assert keys is not None
    assert keys.values.to_pylist() == sorted({v for v in vals if v is not None},
                                             key=lambda s: s.encode())
    h = t.filter(t.k.notnull()).select(h=hash64(t.k)).to_pyarrow()["h"]
    codes = keys.codes(h)
    assert keys.values.take(pa.array(codes)).to_pylist() == [v for v in vals if v is not None]
    v = keys.values.to_pylist()
    strings, used, local = local_codes(keys, np.array([3, 1, 3]))
    assert strings.to_pylist() == [v[3], v[1], v[3]]
    assert used.to_pylist() == [v[1], v[3]] and local.tolist() == [1, 0, 1]
    missing = next(x for x in range(5) if x not in keys.hashes.to_pylist())
    with pytest.raises(RuntimeError):
        keys.codes(pa.array([missing], pa.uint64()))


@pytest.mark.parametrize("scale", [1, 2**58], ids=["packed", "lexsort"])
def test_distinct_pairs_match_numpy_unique(scale: int) -> None:
    rng = np.random.default_rng(3)
    a = rng.integers(-5, 40, 2000) * scale
    b = rng.integers(0, 9, 2000)
    pa_, pb, inv = _distinct_pairs(a, b)
    u, i = np.unique(np.stack([a, b], axis=1), axis=0, return_inverse=True)
    assert np.array_equal(u[:, 0], pa_) and np.array_equal(u[:, 1], pb)
    assert np.array_equal(i.reshape(-1), inv)

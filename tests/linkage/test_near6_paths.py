"""Round 6 paths of near_dup, pairs and campaigns give what the string paths give.

- near_dup's one-scan sketch read on the account hash and ``template_key64``
  (``lsh._integer_groups``, Round 7; Round 6 hashed both strings) against the string join;
- the compiled band grouping (``lsh._band_groups``) against a dict in first-met order, with
  many colliding slots, and its key strings at the digit-count edges;
- the coded candidate path (``pairs.coded_pairs``, ``rarity.coded_pair_totals``, the activity
  rows ``link_graph`` hands to ``campaigns_from``) against the string path.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import ibis
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from linkage_synth import SynthStore, write_store

from distillwatch.linkage import load_linkage_config, lsh
from distillwatch.linkage.campaigns import campaigns_from, link_graph
from distillwatch.linkage.candidates import candidates_from_parts, membership_parts
from distillwatch.linkage.membership import hash64, template_groups
from distillwatch.linkage.pairs import candidates_coded
from distillwatch.linkage.rarity import coded_pair_totals, link_weights, pair_totals
from distillwatch.schema import STORE_EVENT_SCHEMA
from distillwatch.store.key_ints import key_ints
from tests_support import hex_key, with_key_ints

T0 = datetime(2026, 3, 2, tzinfo=UTC)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> SynthStore:
    return write_store(tmp_path_factory.mktemp("near6"))


def _tables(store: SynthStore) -> tuple[ibis.Table, ibis.Table]:
    con = ibis.duckdb.connect()
    ev = con.read_parquet(str(store.root / "events" / "*" / "*.parquet"), hive_partitioning=True)
    ac = con.read_parquet(str(store.root / "accounts" / "accounts.parquet"))
    return ev, ac


def _rows(t: pa.Table) -> set[tuple[str, str, int]]:
    return set(zip(t["account_id"].to_pylist(), t["key"].to_pylist(), t["uses"].to_pylist(),
                   strict=True))


def _with_int_groups(ev: ibis.Table, templates: pa.Table) -> pa.Table:
    """``templates`` with ``_ha`` (the engine's hash64 of each account id, exact on these few
    ids) and ``template_key64``, as membership_parts hands them to near_dup on DuckDB."""
    names = pa.table({"_v": templates["account_id"]})
    t = ibis.memtable(names)
    ha = ev.get_backend().to_pyarrow(t.select(_h=hash64(t._v)))["_h"]
    assert pc.count_distinct(ha).as_py() == pc.count_distinct(templates["account_id"]).as_py()
    return templates.append_column("_ha", ha).append_column(
        "template_key64", key_ints(templates["template_key"]))


def test_integer_sketch_read_equals_the_string_join(
    store: SynthStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    ev, _ = _tables(store)
    cfg = load_linkage_config()
    taken: list[bool] = []
    real = lsh._integer_groups

    def spy(*a: object, **k: object) -> pa.Table | None:
        out = real(*a, **k)  # type: ignore[arg-type]
        taken.append(out is not None)
        return out

    monkeypatch.setattr(lsh, "_integer_groups", spy)
    (strings,) = lsh.near_dup_memberships(ev, config=cfg)  # no _ha: the string join
    templates = _with_int_groups(ev, template_groups(ev).to_pyarrow())
    (ints,) = lsh.near_dup_memberships(ev, config=cfg, templates=templates)
    # the template strings are not needed on that path
    (no_strings,) = lsh.near_dup_memberships(
        ev, config=cfg, templates=templates.drop_columns(["template_key"]))
    assert taken == [False, True, True] and ints.num_rows > 0
    assert _rows(ints) == _rows(strings) == _rows(no_strings)


def _events(rows: list[tuple[str, str | None, str, list[int] | None]]) -> ibis.Table:
    full = [
        {f.name: None for f in STORE_EVENT_SCHEMA}
        | {"ts": T0, "account_id": a, "template_key": t, "event_key": k,
           "minhash": None if m is None else np.asarray(m, "<u2").tobytes()}  # 16-bit values
        for a, t, k, m in rows
    ]
    return ibis.memtable(with_key_ints(pa.Table.from_pylist(full, schema=STORE_EVENT_SCHEMA),
                                       hash_names=True))


@pytest.mark.parametrize("integer", [True, False])
def test_smallest_key_without_a_sketch_gives_none_on_both_paths(integer: bool) -> None:
    events = _events([
        ("a", "t1", "k2", [1] * 8),
        ("a", "t1", "k1", None),  # smallest key, no sketch: a/t1 gets none
        ("b", "t1", "k0", [2] * 8),  # another account's smaller key does not count
        ("b", "t1", "k3", [3] * 8),
        ("b", "t2", "k5", [4] * 8),
        ("b", "t2", "k4", [5] * 8),
        ("c", None, "k", [6] * 8),
    ])
    templates = pa.table({"account_id": ["a", "b", "b"],
                          "template_key": [hex_key("t1"), hex_key("t1"), hex_key("t2")],
                          "_uses": pa.array([2, 2, 2], pa.int64())})
    if integer:
        templates = _with_int_groups(events, templates)
    assert (lsh._integer_groups(events, templates, np.array([0])) is not None) == integer
    sig, src = lsh._chosen_signatures(events, templates, np.array([0, 1, 2]), 8)
    got = {int(r): s.tolist() for r, s in zip(src, sig, strict=True)}
    assert got == {1: [2] * 8, 2: [5] * 8}


def _dict_groups(sig: np.ndarray, acct: np.ndarray, uses: np.ndarray, bands: int,
                 rows: int) -> list[tuple[int, int, tuple[int, ...], int]]:
    """(account, band, values) groups in first-met order (band by band, rows in order)."""
    out: dict[tuple[int, int, tuple[int, ...]], int] = {}
    for b in range(bands):
        for i in range(len(sig)):
            k = (int(acct[i]), b, tuple(sig[i, b * rows:(b + 1) * rows].tolist()))
            out[k] = out.get(k, 0) + int(uses[i])
    return [(a, b, v, u) for (a, b, v), u in out.items()]


def test_band_groups_in_first_met_order_with_many_collisions() -> None:
    rng = np.random.default_rng(6)
    bands, rows = 8, 2
    n = 3000
    sig = rng.integers(0, 4, (n, bands * rows)).astype(np.uint32)  # few distinct bands
    acct = rng.integers(0, 5, n)
    uses = rng.integers(1, 9, n)
    first, band, total = lsh._band_groups(sig, acct.astype(np.int64), uses.astype(np.int64),
                                          bands, rows)
    got = [(int(acct[i]), int(b), tuple(sig[i, b * rows:(b + 1) * rows].tolist()), int(u))
           for i, b, u in zip(first.tolist(), band.tolist(), total.tolist(), strict=True)]
    want = _dict_groups(sig, acct, uses, bands, rows)
    assert len(want) < n  # groups merged
    assert got == want


def test_band_key_strings_at_digit_edges() -> None:
    edges = [0, 9, 10, 99, 100, 4294967295, 1000000000, 999999999]
    sig = np.array([edges, edges[::-1]], dtype=np.uint32)
    acct = np.array([0, 1])
    t = lsh.band_memberships(sig, acct, np.array([1, 2]), pa.array(["x", "y"]), bands=2, rows=4)
    want = set()
    for i, name in enumerate(["x", "y"]):
        for k in lsh.band_keys(sig, bands=2, rows=4):
            want.add((name, k[i].as_py(), i + 1))
    assert _rows(t) == want
    assert "b0:0,9,10,99" in {k for _, k, _ in want}


def test_coded_candidates_and_totals_equal_the_string_path(store: SynthStore) -> None:
    ev, ac = _tables(store)
    cfg = load_linkage_config()
    parts = membership_parts(ev, ac, config=cfg)
    coded = candidates_coded(parts, None, config=cfg)
    plain = candidates_from_parts(parts, None, config=cfg)
    assert coded.table.equals(plain) and plain.num_rows > 0
    assert coded.accounts.take(pa.array(coded.src)).equals(plain["src"].combine_chunks())
    assert coded.accounts.take(pa.array(coded.dst)).equals(plain["dst"].combine_chunks())
    links = link_weights(plain, config=cfg)
    totals, t_src, t_dst = coded_pair_totals(links, coded.accounts, coded.src, coded.dst,
                                             content_cap=cfg.content_cap)
    assert totals.equals(pair_totals(links, content_cap=cfg.content_cap))
    assert coded.accounts.take(pa.array(t_src)).equals(totals["src"].combine_chunks())
    assert coded.accounts.take(pa.array(t_dst)).equals(totals["dst"].combine_chunks())


def test_campaigns_from_the_graph_rows_equal_looking_the_ids_up(store: SynthStore) -> None:
    ev, ac = _tables(store)
    graph = link_graph(ev, ac)
    assert graph.link_rows is not None and graph.strong_rows is not None
    bare = dataclasses.replace(graph, link_rows=None, strong_rows=None)
    a, b = campaigns_from(graph, store.scores), campaigns_from(bare, store.scores)
    assert a.campaigns.num_rows > 0 and a.links.num_rows > 0
    for name in ("membership", "campaigns", "links"):
        assert getattr(a, name).equals(getattr(b, name)), name
    assert a.evidence == b.evidence

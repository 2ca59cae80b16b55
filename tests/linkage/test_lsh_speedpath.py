"""near_dup memberships grouped on numbers give the rows that grouping the band strings gives."""

from __future__ import annotations

from datetime import UTC, datetime

import ibis
import numpy as np
import pyarrow as pa
import pytest

from distillwatch.linkage import load_linkage_config, lsh
from distillwatch.linkage.lsh import band_keys, band_memberships, near_dup_memberships
from distillwatch.linkage.pairs import sorted_codes
from distillwatch.schema import STORE_EVENT_SCHEMA

T0 = datetime(2026, 3, 2, tzinfo=UTC)


def _string_grouped(sig: np.ndarray, ids: list[str], uses: np.ndarray, bands: int,
                    rows: int) -> set[tuple[str, str, int]]:
    """The definition: (account, band string) groups, uses summed, in plain Python."""
    out: dict[tuple[str, str], int] = {}
    keys = band_keys(sig, bands=bands, rows=rows)
    for b in range(bands):
        for i, k in enumerate(keys[b].to_pylist()):
            out[(ids[i], k)] = out.get((ids[i], k), 0) + int(uses[i])
    return {(a, k, u) for (a, k), u in out.items()}


def _rows(t: pa.Table) -> set[tuple[str, str, int]]:
    assert t["link_type"].to_pylist() == ["near_dup"] * t.num_rows
    assert t["mult"].to_pylist() == [1.0] * t.num_rows
    got = list(zip(t["account_id"].to_pylist(), t["key"].to_pylist(), t["uses"].to_pylist(),
                   strict=True))
    assert len(got) == len(set(got))  # one row per (account, key)
    return set(got)


@pytest.mark.parametrize(("bands", "rows"), [(16, 4), (5, 3), (7, 1)])
def test_band_memberships_match_grouping_the_band_strings(bands: int, rows: int) -> None:
    rng = np.random.default_rng(bands * 10 + rows)
    n = 300
    # small values too (1- to 10-digit numbers), and repeated signatures and bands
    sig = (rng.integers(0, 2**32, (n, bands * rows), dtype=np.uint64)
           >> rng.integers(0, 32, (n, bands * rows)).astype(np.uint64)).astype(np.uint32)
    sig[1] = sig[0]  # the same signature twice in one account: one row, uses summed
    sig[2] = sig[0]  # and in another account
    sig[3, :rows] = sig[4, :rows]  # one shared band only
    sig[5, :] = 0
    sig[6, :] = 2**32 - 1
    acct = rng.integers(0, 40, n)
    acct[1] = acct[0]
    acct[2] = (acct[0] + 1) % 40
    ids = [f"org-{a:03d}" for a in acct]
    uses = rng.integers(1, 50, n)
    got = band_memberships(sig, acct, uses, pa.array(ids), bands=bands, rows=rows)
    assert got.schema == pa.schema(
        [("link_type", pa.string()), ("key", pa.string()), ("account_id", pa.string()),
         ("uses", pa.int64()), ("mult", pa.float64())]
    )
    assert _rows(got) == _string_grouped(sig, ids, uses, bands, rows)


def test_band_key_strings_in_several_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    sig = rng.integers(0, 2**32, (50, 8), dtype=np.uint64).astype(np.uint32)
    acct = np.arange(50) % 7
    ids = [f"a{a}" for a in acct]
    uses = np.ones(50, dtype=np.int64)
    whole = band_memberships(sig, acct, uses, pa.array(ids), bands=4, rows=2)
    monkeypatch.setattr(lsh, "_KEY_CHUNK_ROWS", 7)
    split = band_memberships(sig, acct, uses, pa.array(ids), bands=4, rows=2)
    assert split["key"].num_chunks > 1
    assert _rows(split) == _rows(whole) == _string_grouped(sig, ids, uses, 4, 2)


def test_no_signatures_give_an_empty_part() -> None:
    got = band_memberships(np.zeros((0, 64), np.uint32), np.zeros(0, np.int64),
                           np.zeros(0, np.int64), pa.array([], pa.string()), bands=16, rows=4)
    assert got.num_rows == 0 and got.column_names == list(lsh.NEAR_DUP_COLUMNS)


def _reference(rows: list[dict], *, per_account: int, bands: int, rows_per_band: int
               ) -> set[tuple[str, str, int]]:
    """near_dup as documented, in plain Python: each account's most used templates (uses
    descending, then template key), the signature of the smallest event key of each,
    signatures of fewer than bands * rows values left out."""
    width = bands * rows_per_band
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        if r.get("template_key") is not None:
            groups.setdefault((r["account_id"], r["template_key"]), []).append(r)
    by_acct: dict[str, list[tuple[int, str, dict]]] = {}
    for (a, t), evs in groups.items():
        first = min(evs, key=lambda e: e["event_key"])
        by_acct.setdefault(a, []).append((-len(evs), t, first))
    sigs, ids, uses = [], [], []
    for a, ts in by_acct.items():
        for neg, _t, first in sorted(ts, key=lambda x: (x[0], x[1]))[:per_account]:
            mh = first.get("minhash")
            if mh is not None and len(mh) >= width:
                sigs.append([v & 0xFFFF for v in mh[:width]])  # readers take the low 16 bits
                ids.append(a)
                uses.append(-neg)
    if not sigs:
        return set()
    return _string_grouped(np.array(sigs, dtype=np.uint32), ids, np.array(uses), bands,
                           rows_per_band)


def test_near_dup_memberships_match_the_plain_python_definition() -> None:
    cfg = load_linkage_config(overrides={"lsh": {"bands": 4, "rows": 2,
                                                 "templates_per_account": 3}})
    rng = np.random.default_rng(7)
    pool = [rng.integers(0, 2**32, 8, dtype=np.uint64).tolist() for _ in range(6)]
    rows = []
    for e in range(900):
        acct = f"org-{int(rng.integers(0, 25)):02d}"
        tmpl = f"t{int(rng.integers(0, 9))}"
        sig: list[int] | None = list(pool[int(rng.integers(0, len(pool)))])
        roll = rng.random()
        if roll < 0.05:
            sig = None  # no sketch
        elif roll < 0.1:
            sig = sig[:5]  # too short for 4 bands of 2
        elif roll < 0.4:
            sig[int(rng.integers(0, 8))] = int(rng.integers(0, 2**32))  # a near duplicate
        rows.append({"ts": T0, "account_id": acct, "event_key": f"k{e:05d}",
                     "template_key": tmpl if rng.random() > 0.03 else None, "minhash": sig})
    schema = pa.schema([f if f.name != "minhash" else pa.field("minhash", pa.list_(pa.uint32()))
                        for f in STORE_EVENT_SCHEMA])
    full = [{f.name: r.get(f.name) for f in schema} for r in rows]
    events = ibis.memtable(pa.Table.from_pylist(full, schema=schema))
    (got,) = near_dup_memberships(events, config=cfg)
    want = _reference(rows, per_account=3, bands=4, rows_per_band=2)
    assert len(want) > 100
    assert _rows(got) == want


@pytest.mark.parametrize("per_account", [1, 3, 8, 40])
def test_chosen_templates_are_each_accounts_most_used(per_account: int) -> None:
    rng = np.random.default_rng(per_account)
    # one row per (account, template), as template_groups gives; some accounts with few
    acct, tmpl = [], []
    for a in range(60):
        k = int(rng.integers(1, 150))
        for t in rng.choice(3000, k, replace=False):
            acct.append(f"org-{a:03d}")
            tmpl.append(None if rng.random() < 0.05 else f"t{int(t):04d}")
    n = len(acct)
    # heavy-tailed uses with many ties
    uses = np.minimum(rng.zipf(1.6, n), 10**6).astype(np.int64)
    templates = pa.table({"account_id": acct, "template_key": tmpl, "_uses": uses,
                          "_k": [f"k{i}" for i in range(n)]})
    _, tcode = sorted_codes(templates["template_key"].fill_null(""))
    _, acode = sorted_codes(templates["account_id"])
    got = lsh._chosen(templates, per_account, tcode, acode)
    want = []
    by_acct: dict[str, list[tuple[int, str, int]]] = {}
    for i in range(n):
        if tmpl[i] is not None:
            by_acct.setdefault(acct[i], []).append((-int(uses[i]), str(tmpl[i]), i))
    for rows in by_acct.values():
        want += [i for _, _, i in sorted(rows)[:per_account]]
    assert got.tolist() == sorted(want)

"""Round 10: partition memberships count an account's shared items as its items less the
items only it asked for (no join of every (template, item, account) row back to its item's
count). Checked against a plain-Python reading of the definition on small random stores with
null keys, repeated events, accounts at the item floor and a template exactly at the overlap
limit, on the string query and on the integer-keyed one (hashed and string accounts)."""

from __future__ import annotations

from collections import Counter

import ibis
import numpy as np
import pyarrow as pa
import pytest

from distillwatch.linkage import load_linkage_config
from distillwatch.linkage.config import LinkageConfig
from distillwatch.linkage.partition import int_partition_memberships, partition_memberships
from distillwatch.store.hashed_keys import hashed_keys
from tests_support import hex_key, with_key_ints

Row = tuple[str | None, str | None, str]


def _reference(rows: list[Row], cfg: LinkageConfig) -> set[tuple[str, str, int, float]]:
    """(template, account, items, mult) straight from the definition."""
    pc_ = cfg.partition
    trip = {(t, i, a) for t, i, a in rows if t is not None and i is not None}
    askers = Counter((t, i) for t, i, _ in trip)
    items = Counter((t, a) for t, _, a in trip)
    dup = Counter((t, a) for t, i, a in trip if askers[(t, i)] > 1)
    kept = {ta: n for ta, n in items.items() if n >= pc_.min_items_per_account}
    out = set()
    for t in {t for t, _ in kept}:
        accts = [a for tt, a in kept if tt == t]
        n_all = sum(kept[(t, a)] for a in accts)
        overlap = float(sum(dup[(t, a)] for a in accts)) / n_all
        if len(accts) < pc_.min_accounts or overlap > pc_.max_overlap:
            continue
        mult = max(0.05, 1.0 - overlap / max(pc_.max_overlap, 1e-9))
        out |= {(t, a, kept[(t, a)], mult) for a in accts}
    return out


def _boundary() -> list[Row]:
    """Five accounts of five items each on one template, five of the 25 (account, item)
    pairs on items another account also asked for: overlap exactly 0.2, kept."""
    rows: list[Row] = []
    for a in range(5):
        rows += [(hex_key("t-edge"), hex_key(f"edge-{a}-{k}"), f"e{a}") for k in range(4)]
    rows += [(hex_key("t-edge"), hex_key("edge-shared-0"), "e0"),
             (hex_key("t-edge"), hex_key("edge-shared-0"), "e1"),
             (hex_key("t-edge"), hex_key("edge-shared-1"), "e2"),
             (hex_key("t-edge"), hex_key("edge-shared-1"), "e3"),
             (hex_key("t-edge"), hex_key("edge-shared-2"), "e4")]
    # e4's shared item is its own: 4 of 25 pairs shared. One more account asks for it once
    # (under the item floor): the item is now shared, 5 of 25.
    rows.append((hex_key("t-edge"), hex_key("edge-shared-2"), "e5"))
    return rows


def _random_rows(seed: int) -> list[Row]:
    rng = np.random.default_rng(seed)
    rows: list[Row] = []
    for t in range(int(rng.integers(3, 8))):
        pool = int(rng.integers(4, 60))  # few items: much overlap; many: little
        for a in rng.choice(30, size=int(rng.integers(1, 12)), replace=False):
            for _ in range(int(rng.integers(1, 14))):
                rows.append((hex_key(f"t{t}"), hex_key(f"i{t}-{rng.integers(pool)}"), f"a{a:02d}"))
    for _ in range(20):  # null keys, and events repeated (the same item asked twice)
        t, i, a = rows[int(rng.integers(len(rows)))]
        rows += [(None, i, a), (t, None, a), (t, i, a)]
    return rows + _boundary()


def _events(rows: list[Row]) -> ibis.Table:
    table = pa.table({
        "account_id": pa.array([a for _, _, a in rows], pa.string()),
        "template_key": pa.array([t for t, _, _ in rows], pa.string()),
        "item_key": pa.array([i for _, i, _ in rows], pa.string()),
    })
    return ibis.memtable(with_key_ints(table))


def _got(table: pa.Table) -> set[tuple[str, str, int, float]]:
    return set(zip(*[table[c].to_pylist() for c in ("key", "account_id", "uses", "mult")],
                   strict=True))


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_partition_memberships_follow_the_definition(seed: int) -> None:
    rows = _random_rows(seed)
    cfg = load_linkage_config()
    want = _reference(rows, cfg)
    assert any(t == hex_key("t-edge") for t, *_ in want)  # the overlap limit is inclusive
    ev = _events(rows)
    assert _got(partition_memberships(ev, config=cfg)[0].to_pyarrow()) == want

    t64 = np.unique(np.asarray(
        ev.template_key64.to_pyarrow().drop_null().to_numpy(), dtype=np.int64))
    every = np.arange(len(t64))  # every template a candidate: the filter only saves work
    accounts = hashed_keys(ev, "account_id")
    assert accounts is not None
    for acc in (accounts, None):  # DuckDB's hashed accounts, and the string accounts
        got = int_partition_memberships(ev, config=cfg, templates=t64, candidates=every,
                                        accounts=acc)
        assert _got(got[0]) == want


@pytest.mark.parametrize("overrides", [
    {"min_accounts": 2, "min_items_per_account": 1, "max_overlap": 1.0},
    {"min_accounts": 4, "min_items_per_account": 3, "max_overlap": 0.5},
])
def test_partition_memberships_under_other_limits(overrides: dict[str, float]) -> None:
    rows = _random_rows(7)
    cfg = load_linkage_config(overrides={"partition": overrides})
    want = _reference(rows, cfg)
    assert want
    assert _got(partition_memberships(_events(rows), config=cfg)[0].to_pyarrow()) == want

"""Template, synchrony and partition memberships grouped on the store's integer keys
(``template_key64``/``item_key64``) equal the ones the string queries give."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import ibis
import numpy as np
import pyarrow as pa
import pytest
from linkage_synth import build, key_of, part_rows

from distillwatch.exceptions import LinkageError
from distillwatch.linkage import candidates, load_linkage_config
from distillwatch.linkage.candidates import membership_parts
from distillwatch.linkage.membership import int_codes, template_groups
from distillwatch.linkage.pairs import CodedPart
from distillwatch.linkage.partition import partition_memberships
from distillwatch.linkage.synchrony import synchrony_counts
from distillwatch.schema import STORE_EVENT_SCHEMA
from distillwatch.store.hashed_keys import hashed_keys
from distillwatch.store.key_ints import key_ints, key_strings
from tests_support import with_key_ints

T0 = datetime(2026, 3, 2, tzinfo=UTC)
_CHECKED = ("template", "synchrony", "partition")


def _rows(part: pa.Table | CodedPart) -> tuple[str, set[tuple[object, ...]]]:
    """A part as its link type and its (key, account, uses, mult) rows."""
    lt, rows = part_rows(part)
    return lt, set(rows)


def _string_reference(ev: ibis.Table, cfg) -> dict[str, set[tuple[object, ...]]]:  # type: ignore[no-untyped-def]
    """The three link types from the string queries (no integer column read)."""
    tg = template_groups(ev).to_pyarrow()
    want = {"template": {(t, a, u, 1.0) for a, t, u in zip(
        *[tg[c].to_pylist() for c in ("account_id", "template_key", "_uses")], strict=True)}}
    s = synchrony_counts(ev, config=cfg)
    assert s is not None
    st = s.to_pyarrow()
    want["synchrony"] = {(f"{t}@{b}", a, u, 1.0) for a, t, b, u in zip(
        *[st[c].to_pylist() for c in ("account_id", "template_key", "_b", "_uses")],
        strict=True)}
    want["partition"] = _rows(partition_memberships(ev, config=cfg)[0].to_pyarrow())[1]
    return want


@pytest.fixture(scope="module")
def synth() -> tuple[ibis.Table, ibis.Table]:
    ev, accounts, _truth, _scores = build(5)
    return ibis.memtable(ev), ibis.memtable(accounts)


@pytest.mark.parametrize("hashed", [True, False], ids=["duckdb-hashed-accounts", "string-accounts"])
def test_int_keyed_memberships_equal_the_string_queries(
    synth: tuple[ibis.Table, ibis.Table], hashed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    ev, ac = synth
    cfg = load_linkage_config()
    # The string queries must not see the integers: drop them for the reference.
    want = _string_reference(ev.drop("template_key64", "item_key64"), cfg)
    with monkeypatch.context() as m:
        if not hashed:  # the path other engines (Spark) take: account ids stay strings
            m.setattr(candidates, "hashes_on", lambda t: False)
        got = dict(map(_rows, membership_parts(ev, ac, config=cfg)))
    assert all(want[lt] for lt in _CHECKED)
    for lt in _CHECKED:
        assert got[lt] == want[lt], lt
    assert key_of("t-hydra") in {k for k, *_ in got["partition"]}


def test_given_account_ids_save_the_scan_and_a_missing_one_is_loud(
    synth: tuple[ibis.Table, ibis.Table],
) -> None:
    ev, ac = synth
    cfg = load_linkage_config()
    ids = ev.select("account_id").distinct().to_pyarrow()["account_id"]
    scanned = hashed_keys(ev, "account_id")
    given = hashed_keys(ev, "account_id", values=pa.chunked_array(
        [ids, pa.array([None, ids[0].as_py()], pa.string())]))  # nulls and repeats are fine
    assert scanned is not None and given is not None
    assert given.values.equals(scanned.values) and given.hashes.equals(scanned.hashes)
    base = dict(map(_rows, membership_parts(ev, ac, config=cfg)))
    with_ids = dict(map(_rows, membership_parts(ev, ac, config=cfg, account_ids=ids)))
    assert with_ids == base
    with pytest.raises(RuntimeError, match="missing"):
        membership_parts(ev, ac, config=cfg, account_ids=ids.slice(1))


def test_events_without_the_integer_columns_are_refused(
    synth: tuple[ibis.Table, ibis.Table],
) -> None:
    ev, ac = synth
    with pytest.raises(LinkageError, match="store migrate"):
        membership_parts(ev.drop("template_key64", "item_key64"), ac,
                         config=load_linkage_config())


def test_int_codes_number_like_the_key_strings() -> None:
    rng = np.random.default_rng(3)
    keys = [f"{int(v):016x}" for v in rng.integers(0, 2**63 - 1, 50, dtype=np.int64)]
    keys += ["0" * 16, "f" * 16, "8" + "0" * 15, "7" + "f" * 15]  # both sides of the top bit
    values = [keys[i] for i in rng.integers(0, len(keys), 400)] + keys
    ints = key_ints(pa.array(values))
    uniq, codes = int_codes(pa.chunked_array([ints.slice(0, 100), ints.slice(100)]))
    strings = sorted(set(values))  # byte order of the hex strings
    assert key_strings(uniq).to_pylist() == strings
    rank = {k: i for i, k in enumerate(strings)}
    assert codes.tolist() == [rank[v] for v in values]
    empty_u, empty_c = int_codes(pa.array([], pa.int64()))
    assert len(empty_u) == 0 and len(empty_c) == 0


def test_partition_on_items_with_nulls_and_a_shared_item() -> None:
    """Partition on the integers keeps null items out and counts a shared item once per
    account, as the string query does."""
    cfg = load_linkage_config()
    rows = []
    for i in range(5):
        for j in range(6):
            item = None if j == 5 else f"q{i * 10 + j}"
            rows.append({"ts": T0 + timedelta(seconds=j), "account_id": f"p{i}",
                         "template_key": "tasks", "item_key": item})
        rows.append({"ts": T0, "account_id": f"p{i}", "template_key": "tasks",
                     "item_key": "q-shared"})  # one item every account asked for
    full = [{f.name: r.get(f.name) for f in STORE_EVENT_SCHEMA} for r in rows]
    for k, r in enumerate(full):
        r["event_key"] = f"ek-{k:06d}"
    table = with_key_ints(pa.Table.from_pylist(full, schema=STORE_EVENT_SCHEMA),
                          hash_names=True)
    ev = ibis.memtable(table)
    want = _rows(partition_memberships(ev.drop("template_key64", "item_key64"),
                                       config=cfg)[0].to_pyarrow())[1]
    got = dict(map(_rows, membership_parts(ev, None, config=cfg)))["partition"]
    assert got == want
    assert {u for _, _, u, _ in got} == {6}  # 5 own items + the shared one, null not counted
    assert all(m == pytest.approx(1.0 - (1 / 6) / cfg.partition.max_overlap) for *_, m in got)

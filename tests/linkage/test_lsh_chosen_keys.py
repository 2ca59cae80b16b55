"""near_dup finds the smallest event key of the chosen (account, template) groups itself."""

from __future__ import annotations

from datetime import UTC, datetime

import ibis
import numpy as np
import pyarrow as pa

from distillwatch.linkage import lsh
from distillwatch.linkage.membership import template_groups
from distillwatch.schema import STORE_EVENT_SCHEMA

T0 = datetime(2026, 3, 2, tzinfo=UTC)


def _sig(v: int, n: int = 8) -> list[int]:
    return [v + i for i in range(n)]


def _events(rows: list[tuple[str, str | None, str, list[int] | None]]) -> ibis.Table:
    full = [
        {f.name: None for f in STORE_EVENT_SCHEMA}
        | {"ts": T0, "account_id": a, "template_key": t, "event_key": k, "minhash": m}
        for a, t, k, m in rows
    ]
    # variable-length lists, so a short sketch can be stored
    schema = pa.schema([f if f.name != "minhash" else pa.field("minhash", pa.list_(pa.uint32()))
                        for f in STORE_EVENT_SCHEMA])
    return ibis.memtable(pa.Table.from_pylist(full, schema=schema))


def test_chosen_signatures_are_those_of_each_chosen_groups_smallest_key() -> None:
    events = _events(
        [
            # a/t1: chosen; another account's (b) and another template's (a/t2) smaller keys
            # do not count
            ("a", "t1", "k05", _sig(100)),
            ("a", "t1", "k09", _sig(200)),
            ("b", "t1", "k01", _sig(300)),
            ("a", "t2", "k00", _sig(400)),
            # a/t3: smallest event has no sketch -> none, though a later one has
            ("a", "t3", "k02", None),
            ("a", "t3", "k03", _sig(500)),
            # b/t4: smallest event's sketch is too short -> none
            ("b", "t4", "k04", _sig(600, 3)),
            ("b", "t4", "k06", _sig(700)),
            # c/t1: one event
            ("c", "t1", "k07", _sig(800)),
            ("c", None, "k_", _sig(900)),
        ]
    )
    templates = template_groups(events).to_pyarrow()
    assert templates.column_names == ["account_id", "template_key", "_uses"]
    pairs = list(zip(templates["account_id"].to_pylist(), templates["template_key"].to_pylist(),
                     strict=True))
    want_pairs = [("a", "t1"), ("a", "t3"), ("b", "t4"), ("c", "t1")]
    chosen = np.array(sorted(pairs.index(p) for p in want_pairs), dtype=np.int64)
    sig, src = lsh._chosen_signatures(events, templates, chosen, 8)
    got = {pairs[int(r)]: s.tolist() for r, s in zip(src, sig, strict=True)}
    assert got == {("a", "t1"): _sig(100), ("c", "t1"): _sig(800)}
    assert sig.dtype == np.uint32

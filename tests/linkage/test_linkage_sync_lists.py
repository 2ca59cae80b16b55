"""Synchrony memberships from the template aggregate's bucket lists equal the stand-alone
per-(account, template, bucket) query."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import ibis
import numpy as np
import pyarrow as pa
import pytest

from distillwatch.linkage import load_linkage_config
from distillwatch.linkage.membership import template_groups
from distillwatch.linkage.pairs import sorted_codes
from distillwatch.linkage.synchrony import synchrony_counts, synchrony_part
from distillwatch.schema import STORE_EVENT_SCHEMA

T0 = datetime(2026, 3, 2, tzinfo=UTC)


def _events(n: int, seed: int, *, ragged: bool = False) -> ibis.Table:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        rows.append({
            "ts": T0 + timedelta(minutes=float(rng.integers(0, 24 * 60)), seconds=float(i % 60)),
            "account_id": f"a{int(rng.integers(0, 12)):02d}",
            # some null templates (no key), some null timestamps cannot happen (ts required)
            "template_key": None if i % 11 == 0 else (
                "t" + "x" * int(rng.integers(0, 5)) if ragged else f"t{int(rng.integers(0, 5))}"
            ),
            "event_key": f"ek-{i:06d}",
        })
    full = [{f.name: r.get(f.name) for f in STORE_EVENT_SCHEMA} for r in rows]
    return ibis.memtable(pa.Table.from_pylist(full, schema=STORE_EVENT_SCHEMA))


@pytest.mark.parametrize("ragged", [False, True], ids=["same-length", "ragged-templates"])
def test_bucket_lists_give_the_stand_alone_counts(ragged: bool) -> None:
    cfg = load_linkage_config(overrides={"synchrony": {"bucket_minutes": 7, "sample_every": 3}})
    ev = _events(3000, seed=4, ragged=ragged)
    tg = template_groups(ev, synchrony=cfg.synchrony).to_pyarrow()
    plain = template_groups(ev).to_pyarrow()
    # the lists ride along: the other columns are the plain aggregate's
    assert sorted(zip(*[tg[c].to_pylist() for c in plain.column_names], strict=True)) == sorted(
        zip(*[plain[c].to_pylist() for c in plain.column_names], strict=True)
    )
    tdict, tcode = sorted_codes(tg["template_key"])
    adict, acode = sorted_codes(tg["account_id"])
    part = synchrony_part(tg["_bs"], accounts=adict, account_code=acode, templates=tdict,
                          template_code=tcode)
    got = set(zip(
        part.account_id.cast(pa.string()).to_pylist(),
        part.keys.take(pa.array(part.key)).to_pylist(),
        part.uses.tolist(),
        strict=True,
    ))
    s = synchrony_counts(ev, config=cfg)
    assert s is not None
    st = s.to_pyarrow()
    want = {
        (a, f"{t}@{b}", u)
        for a, t, b, u in zip(*[st[c].to_pylist() for c in ("account_id", "template_key", "_b",
                                                           "_uses")], strict=True)
    }
    assert len(want) > 100
    assert got == want
    assert len(got) == part.num_rows  # one row per (account, key)
    # key codes are the ranks of the key strings in byte order
    strings = part.keys.take(pa.array(part.key)).to_pylist()
    rank = {k: i for i, k in enumerate(sorted(set(strings), key=str.encode))}
    assert part.key.tolist() == [rank[k] for k in strings]
    assert part.account_codes is not None
    assert adict.take(pa.array(part.account_codes[1])).to_pylist() == [a for a, _, _ in
        zip(part.account_id.cast(pa.string()).to_pylist(), part.key, part.uses, strict=True)]


def test_no_sampled_bucket_gives_no_rows() -> None:
    # Every event in an unsampled bucket: empty (or null) lists, no synchrony rows.
    cfg = load_linkage_config(overrides={"synchrony": {"bucket_minutes": 60, "sample_every": 2}})
    one = T0 + timedelta(hours=1)  # an odd hour: bucket not sampled
    rows = [{"ts": one, "account_id": f"a{i}", "template_key": "t", "event_key": f"k{i}"}
            for i in range(4)]
    full = [{f.name: r.get(f.name) for f in STORE_EVENT_SCHEMA} for r in rows]
    ev = ibis.memtable(pa.Table.from_pylist(full, schema=STORE_EVENT_SCHEMA))
    tg = template_groups(ev, synchrony=cfg.synchrony).to_pyarrow()
    assert tg.num_rows == 4
    tdict, tcode = sorted_codes(tg["template_key"])
    adict, acode = sorted_codes(tg["account_id"])
    part = synchrony_part(tg["_bs"], accounts=adict, account_code=acode, templates=tdict,
                          template_code=tcode)
    assert part.num_rows == 0

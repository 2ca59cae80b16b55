"""Link candidates: bounded pair generation, rarity fading, hubs, partition evidence, config."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import ibis
import pyarrow as pa
import pytest

from distillwatch.exceptions import ConfigError
from distillwatch.linkage import LINK_TYPES, load_linkage_config
from distillwatch.linkage.candidates import (
    group_weights,
    link_candidates,
    memberships,
    pair_candidates,
)
from distillwatch.linkage.partition import partition_memberships
from distillwatch.schema import STORE_EVENT_SCHEMA
from tests_support import with_key_ints

T0 = datetime(2026, 3, 2, tzinfo=UTC)


def _events(rows: list[dict]) -> ibis.Table:
    full = [{f.name: r.get(f.name) for f in STORE_EVENT_SCHEMA} for r in rows]
    for i, r in enumerate(full):
        r["event_key"] = r["event_key"] or f"ek-{i:06d}"
    # readable template/item names become hex keys with their integers, as a store holds them
    table = pa.Table.from_pylist(full, schema=STORE_EVENT_SCHEMA)
    return ibis.memtable(with_key_ints(table, hash_names=True))


def _shared_ip(n: int, ip: str = "10.0.0.1") -> list[dict]:
    return [
        {"ts": T0 + timedelta(minutes=i), "account_id": f"a{i:05d}", "client_ip": ip}
        for i in range(n)
    ]


def test_pairs_per_group_are_linear_in_group_size() -> None:
    cfg = load_linkage_config(overrides={"window": 4})
    c = link_candidates(_events(_shared_ip(300)), None, config=cfg)
    ip = c.filter(pa.compute.equal(c["link_type"], "ip"))
    # n * window - window * (window + 1) / 2 windowed pairs, not n * (n - 1) / 2 = 44,850.
    assert ip.num_rows == 300 * 4 - 4 * 5 // 2
    assert all(s < d for s, d in zip(ip["src"].to_pylist(), ip["dst"].to_pylist(), strict=True))


def test_small_group_is_a_clique_and_hubs_give_no_edges() -> None:
    cfg = load_linkage_config(overrides={"window": 6, "hub_size": 100})
    small = link_candidates(_events(_shared_ip(5)), None, config=cfg)
    assert small.filter(pa.compute.equal(small["link_type"], "ip")).num_rows == 10
    hub = link_candidates(_events(_shared_ip(101)), None, config=cfg)
    assert hub.filter(pa.compute.equal(hub["link_type"], "ip")).num_rows == 0


def test_rarity_fades_large_groups() -> None:
    cfg = load_linkage_config()
    full = cfg.links["ip"].full_size
    rows = _shared_ip(full) + [
        {**r, "account_id": "b" + r["account_id"], "client_ip": "10.9.9.9"}
        for r in _shared_ip(full * 4)
    ]
    g = group_weights(memberships(_events(rows), None, config=cfg), None, config=cfg)
    g = g.filter(pa.compute.equal(g["link_type"], "ip"))
    w = g.group_by("key").aggregate([("gw", "max")]).rename_columns(["key", "gw"])
    by_key = dict(zip(w["key"].to_pylist(), w["gw"].to_pylist(), strict=True))
    assert by_key["10.0.0.1"] == pytest.approx(1.0)
    alpha = cfg.links["ip"].alpha
    assert by_key["10.9.9.9"] == pytest.approx(0.25**alpha)


def _task_rows(items_of: dict[str, list[str]], template: str = "tpl") -> list[dict]:
    rows = []
    for a, items in items_of.items():
        for j, it in enumerate(items):
            rows.append(
                {
                    "ts": T0 + timedelta(seconds=j),
                    "account_id": a,
                    "template_key": template,
                    "item_key": it,
                }
            )
    return rows


def test_partition_needs_disjoint_items() -> None:
    cfg = load_linkage_config()
    disjoint = {f"p{i}": [f"q{i * 10 + j}" for j in range(10)] for i in range(5)}
    same = {f"e{i}": [f"q{j}" for j in range(10)] for i in range(5)}
    m1 = partition_memberships(_events(_task_rows(disjoint)), config=cfg)[0].to_pyarrow()
    assert m1.num_rows == 5
    assert set(m1["mult"].to_pylist()) == {1.0}
    m2 = partition_memberships(_events(_task_rows(same)), config=cfg)[0].to_pyarrow()
    assert m2.num_rows == 0  # an eval team repeating one benchmark is not a partition
    two = {k: v for k, v in list(disjoint.items())[:2]}
    m3 = partition_memberships(_events(_task_rows(two)), config=cfg)[0].to_pyarrow()
    assert m3.num_rows == 0  # below min_accounts


def test_same_accounts_in_two_groups_add_up_on_one_pair() -> None:
    cfg = load_linkage_config(overrides={"window": 2})
    rows = []
    for i in range(6):
        rows.append(
            {
                "ts": T0,
                "account_id": f"a{i}",
                "client_ip": "10.0.0.1",
                "ip_prefix": "10.0.0.0/24",
                "template_key": "t1",
            }
        )
    g = group_weights(memberships(_events(rows), None, config=cfg), None, config=cfg)
    pairs = pair_candidates(g, config=cfg)
    per_type = pairs.group_by("link_type").aggregate([("src", "count")])
    counts = dict(
        zip(per_type["link_type"].to_pylist(), per_type["src_count"].to_pylist(), strict=True)
    )
    assert counts["ip"] == counts["prefix"] == counts["template"] == 6 * 2 - 3
    same_pairs = {
        lt: {
            (s, d)
            for s, d, t in zip(
                pairs["src"].to_pylist(),
                pairs["dst"].to_pylist(),
                pairs["link_type"].to_pylist(),
                strict=True,
            )
            if t == lt
        }
        for lt in ("ip", "prefix", "template")
    }
    assert same_pairs["ip"] == same_pairs["prefix"] == same_pairs["template"]


def test_default_config_covers_every_link_type() -> None:
    cfg = load_linkage_config()
    assert set(cfg.links) == set(LINK_TYPES)
    assert cfg.version


def test_config_rejects_unknown_keys_naming_file_and_key(tmp_path: Path) -> None:
    f = tmp_path / "link.toml"
    f.write_text("[linkage]\nwindoww = 3\n")
    with pytest.raises(ConfigError, match=r"link\.toml.*windoww"):
        load_linkage_config(f)
    f.write_text("[links.ipp]\nweight = 1.0\nfull_size = 3\nalpha = 1.0\nper_key = 1.0\n")
    with pytest.raises(ConfigError, match="ipp"):
        load_linkage_config(f)
    f.write_text("[links.ip]\nweight = -1.0\n")
    with pytest.raises(ConfigError, match=r"links\.ip\.weight"):
        load_linkage_config(f)
    f.write_text("edge_threshold = 2.5\n[links.ip]\nenabled = false\n")
    cfg = load_linkage_config(f)
    assert cfg.edge_threshold == 2.5
    assert not cfg.enabled("ip")

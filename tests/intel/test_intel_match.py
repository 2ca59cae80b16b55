import json
from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from distillwatch.intel.keys import generate_key
from distillwatch.intel.markings import TLP2_IDS, tlp_marking
from distillwatch.intel.match import match_store, read_corroboration
from distillwatch.intel.storeview import StoreView
from distillwatch.schema import CORROBORATION_SCHEMA, STORE_ACCOUNT_SCHEMA, STORE_EVENT_SCHEMA

TS = datetime(2026, 3, 2, tzinfo=UTC)
KEY = generate_key("labs")
OTHER = generate_key("other")


@pytest.fixture()
def store(tmp_path):
    cols = ["ts", "account_id", "event_key", "client_ip", "ip_prefix", "ip_asn", "user_agent",
            "template_key"]
    rows = [
        ("acc-cidr", "203.0.113.9", "203.0.113.0/24", 64500, "curl/8", None),
        ("acc-asn", "192.0.2.1", "192.0.2.0/24", 64501, "curl/8", None),
        ("acc-keyed-ip", "198.51.100.4", "198.51.100.0/24", 64502, "curl/8", None),
        ("acc-tpl", "10.0.0.1", "10.0.0.0/24", 64503, "curl/8", "tpl-x"),
        ("acc-none", "10.9.9.9", "10.9.9.0/24", 64503, "curl/8", None),
    ]
    ev = [dict(zip(cols, (TS, a, f"{a}-0", ip, pfx, asn, ua, t), strict=True))
          for a, ip, pfx, asn, ua, t in rows]
    schema = pa.schema([STORE_EVENT_SCHEMA.field(c) for c in cols])
    d = tmp_path / "store" / "events" / "day=2026-03-02"
    d.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(ev, schema=schema), d / "part-0.parquet")
    accts = [{"account_id": a, "email_domain": "MAIL.example" if a == "acc-domain" else "x.org",
              "payment_fingerprint": "pf-secret" if a == "acc-pf" else f"pf-{a}"}
             for a in ["acc-cidr", "acc-asn", "acc-keyed-ip", "acc-tpl", "acc-none", "acc-pf",
                       "acc-domain"]]
    (tmp_path / "store" / "accounts").mkdir()
    pq.write_table(pa.Table.from_pylist(accts, schema=STORE_ACCOUNT_SCHEMA),
                   tmp_path / "store" / "accounts" / "accounts.parquet")
    return tmp_path / "store"


def _keyed(kind, value, key):
    return (f"[distillwatch-keyed-hash:kind = '{kind}' AND distillwatch-keyed-hash:key_id = "
            f"'{key.key_id}' AND distillwatch-keyed-hash:hmac_sha256 = '{key.hash(kind, value)}']")


def _bundle(store, name, indicators, tlp="amber"):
    ident = {"type": "identity", "spec_version": "2.1",
             "id": "identity--0b8f4a51-7d7e-4b77-9d3c-1f0e2a3b4c5d", "created":
             "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z", "name": name}
    camp = {"type": "campaign", "spec_version": "2.1",
            "id": "campaign--1b8f4a51-7d7e-4b77-9d3c-1f0e2a3b4c5d", "created":
            "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z",
            "name": "hydra"}
    objs = [ident, camp, json.loads(tlp_marking(tlp).serialize())]
    for i, (pattern, conf) in enumerate(indicators):
        iid = f"indicator--{i:08d}-7d7e-4b77-9d3c-1f0e2a3b4c5d"
        objs.append({"type": "indicator", "spec_version": "2.1", "id": iid,
                     "created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z",
                     "pattern": pattern, "pattern_type": "stix", "valid_from":
                     "2026-01-01T00:00:00Z", "confidence": conf, "created_by_ref": ident["id"],
                     "object_marking_refs": [TLP2_IDS[tlp]]})
        objs.append({"type": "relationship", "spec_version": "2.1",
                     "id": f"relationship--{i:08d}-7d7e-4b77-9d3c-1f0e2a3b4c5d",
                     "created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z",
                     "relationship_type": "indicates", "source_ref": iid, "target_ref": camp["id"]})
    b = {"type": "bundle", "id": "bundle--2b8f4a51-7d7e-4b77-9d3c-1f0e2a3b4c5d", "objects": objs}
    d = store / "intel" / "bundles"
    d.mkdir(parents=True, exist_ok=True)
    (d / f"{b['id']}.json").write_text(json.dumps(b))


def test_each_indicator_kind_matches_the_right_accounts(store):
    _bundle(store, "Partner Lab", [
        ("[ipv4-addr:value ISSUBSET '203.0.113.0/25']", 80),
        ("[autonomous-system:number = 64501]", 40),
        (_keyed("ip", "198.51.100.4", KEY), 90),
        ("[distillwatch-prompt-template:template_key = 'tpl-x']", 70),
        (_keyed("payment-fingerprint", "pf-secret", KEY), 95),
        ("[email-addr:value LIKE '%@mail.example']", 60),
        (_keyed("payment-fingerprint", "pf-acc-none", OTHER), 99),  # key we do not hold
        ("[file:name = 'x.exe']", 50),
    ], tlp="amber")
    with StoreView(store) as sv:
        res = match_store(sv, keys=[KEY])
    got = {(r["account_id"], r["indicator_type"]): r for r in res.table.to_pylist()}
    assert set(got) == {
        ("acc-cidr", "ip-prefix"), ("acc-asn", "asn"), ("acc-keyed-ip", "ip"),
        ("acc-tpl", "template-key"), ("acc-pf", "payment-fingerprint"),
        ("acc-domain", "email-domain"),
    }
    assert got[("acc-pf", "payment-fingerprint")]["confidence"] == 95
    assert got[("acc-pf", "payment-fingerprint")]["keyed"] is True
    assert got[("acc-cidr", "ip-prefix")]["keyed"] is False
    assert all(r["tlp"] == "amber" and r["partner"] == "Partner Lab"
               and r["partner_campaign"] == "hydra" for r in got.values())
    assert res.unknown_keys == [OTHER.key_id]
    assert len(res.unsupported) == 1
    # the weak ASN-only match is reported but not called corroborated
    assert "acc-asn" not in res.corroborated_accounts()
    assert "acc-pf" in res.corroborated_accounts()
    table = read_corroboration(store)
    assert table.schema.equals(CORROBORATION_SCHEMA) and table.num_rows == 6


def test_without_the_key_keyed_indicators_match_nothing(store):
    _bundle(store, "Partner Lab", [(_keyed("ip", "198.51.100.4", KEY), 90)])
    with StoreView(store) as sv:
        res = match_store(sv, keys=[OTHER])
    assert res.table.num_rows == 0 and res.unknown_keys == [KEY.key_id]


def test_no_bundles_gives_an_empty_table(store):
    with StoreView(store) as sv:
        res = match_store(sv, keys=[KEY])
    assert res.table.num_rows == 0 and res.bundles == 0
    assert read_corroboration(store).num_rows == 0

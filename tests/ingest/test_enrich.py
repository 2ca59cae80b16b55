"""IP and e-mail enrichment: real bundled databases and lists, IPv6, bad values, user lists."""

from __future__ import annotations

import ipaddress
from importlib import resources
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from pydantic import ValidationError

from distillwatch.exceptions import ConfigError
from distillwatch.ingest.enrich import EnrichConfig, Enricher, parse_ip
from distillwatch.ingest.iplists import IntervalSet, parse_asn_lines, parse_cidr_lines
from distillwatch.schema import ENRICH_FIELDS, STORE_ACCOUNT_SCHEMA


@pytest.fixture(scope="module")
def enricher() -> Enricher:
    e = Enricher.from_config(EnrichConfig())
    yield e
    e.close()


def _first_ranges(name: str, k: int) -> list[str]:
    text = resources.files("distillwatch.ingest.netdata").joinpath(name).read_text()
    return [ln.strip() for ln in text.splitlines() if ln.strip()][:: max(1, 40000 // k)][:k]


def test_output_has_exactly_the_enrich_fields_in_row_order(enricher: Enricher) -> None:
    ips = ["8.8.8.8", None, "not-an-ip", "8.8.8.8", "2001:4860:4860::8888", "10.1.2.3"]
    out = enricher.enrich_events(pa.table({"client_ip": ips, "other": list(range(6))}))
    assert out.schema == pa.schema(ENRICH_FIELDS)
    rows = out.to_pylist()
    assert rows[0] == rows[3]
    assert rows[0]["ip_asn"] == 15169 and rows[0]["ip_country"] == "US"
    assert "google" in rows[0]["ip_as_org"].lower()
    assert rows[0]["ip_prefix"] == "8.8.8.0/24" and rows[0]["ip_version"] == 4
    assert rows[0]["ip_is_hosting"] is True  # Google's AS is a hosting network
    assert all(v is None for v in rows[1].values())
    assert all(v is None for v in rows[2].values())
    assert rows[4]["ip_version"] == 6 and rows[4]["ip_prefix"] == "2001:4860:4860::/48"
    assert rows[4]["ip_asn"] == 15169
    # A private address is valid: version and prefix, no network facts, never flagged.
    assert rows[5]["ip_version"] == 4 and rows[5]["ip_asn"] is None
    assert rows[5]["ip_is_hosting"] is False and rows[5]["ip_is_vpn"] is False


@pytest.mark.parametrize(
    "raw", ["", "   ", "999.1.1.1", "1.2.3", "fe80::zz", "unknown", "-", "1.2.3.4.5", "[::1"]
)
def test_invalid_addresses_give_nulls(enricher: Enricher, raw: str) -> None:
    assert all(v is None for v in enricher.lookup_ip(raw).values())


def test_address_forms_found_in_logs(enricher: Enricher) -> None:
    assert parse_ip(" 1.2.3.4 ") == ipaddress.ip_address("1.2.3.4")
    assert parse_ip("1.2.3.4:8080") == ipaddress.ip_address("1.2.3.4")
    assert parse_ip("[2a01:4f8::1]:443") == ipaddress.ip_address("2a01:4f8::1")
    assert parse_ip("fe80::1%eth0") == ipaddress.ip_address("fe80::1")
    mapped = enricher.lookup_ip("::ffff:8.8.4.4")
    assert mapped["ip_version"] == 4 and mapped["ip_prefix"] == "8.8.4.0/24"
    assert mapped["ip_asn"] == 15169


def test_ipv6_prefix_is_the_48(enricher: Enricher) -> None:
    a = enricher.lookup_ip("2a01:4f8:c17:1234::1")
    b = enricher.lookup_ip("2a01:4f8:c17:ffff:ffff::2")
    c = enricher.lookup_ip("2a01:4f8:c18::1")
    assert a["ip_prefix"] == b["ip_prefix"] == "2a01:4f8:c17::/48"
    assert c["ip_prefix"] == "2a01:4f8:c18::/48"
    assert a["ip_asn"] == 24940 and a["ip_country"] == "DE"  # Hetzner
    assert a["ip_is_hosting"] is True  # Hetzner's AS is on the hosting ASN list


def test_known_ranges_of_the_shipped_lists_are_flagged(enricher: Enricher) -> None:
    def inside(cidr: str) -> str:
        net = ipaddress.ip_network(cidr)
        return str(net.network_address + min(1, net.num_addresses - 1))

    dc = [inside(c) for c in _first_ranges("datacenter_ipv4.txt", 50)]
    vpn = [inside(c) for c in _first_ranges("vpn_ipv4.txt", 50)]
    out = enricher.enrich_events(pa.table({"client_ip": dc + vpn}))
    glob = [ipaddress.ip_address(x).is_global for x in dc + vpn]
    hosting = out.column("ip_is_hosting").to_pylist()
    is_vpn = out.column("ip_is_vpn").to_pylist()
    assert all(h for h, g in zip(hosting[:50], glob[:50], strict=True) if g)
    assert all(v for v, g in zip(is_vpn[50:], glob[50:], strict=True) if g)


def test_tor_exit_from_the_default_lists(enricher: Enricher) -> None:
    # 185.220.101.0/24 is a long-running Tor exit block (iporigin's Tor ranges).
    facts = enricher.lookup_ip("185.220.101.1")
    assert facts["ip_is_tor"] is True
    assert enricher.lookup_ip("8.8.8.8")["ip_is_tor"] is False


def test_shared_network_lists_agree(enricher: Enricher, shared_data: Path) -> None:
    lines = (shared_data / "network" / "datacenter_ipv4.txt").read_text().splitlines()
    rng = np.random.default_rng(7)
    picks = [lines[i] for i in rng.choice(len(lines), 300, replace=False)]
    ips = [str(ipaddress.ip_network(c).broadcast_address) for c in picks]
    ips = [ip for ip in ips if ipaddress.ip_address(ip).is_global]
    out = enricher.enrich_events(pa.table({"client_ip": ips}))
    assert out.column("ip_is_hosting").to_pylist() == [True] * len(ips)


def test_user_lists_add_to_or_replace_the_defaults(tmp_path: Path) -> None:
    tor = tmp_path / "tor.txt"
    tor.write_text("# saved Tor bulk exit list\n91.198.174.192\n2a02:ec80::/32\n")
    vpn = tmp_path / "vpn.txt"
    vpn.write_text("5.6.7.0/24  # our VPN provider\n5.6.8.10-5.6.8.20\n")
    cfg = EnrichConfig(builtin_lists=False, tor_cidrs=(tor,), vpn_cidrs=(vpn,))
    e = Enricher.from_config(cfg)
    try:
        got = {
            ip: e.lookup_ip(ip)
            for ip in [
                "91.198.174.192",
                "2a02:ec80::5",
                "5.6.7.200",
                "5.6.8.15",
                "5.6.8.21",
                "185.220.101.1",
            ]
        }
        assert got["91.198.174.192"]["ip_is_tor"] and got["2a02:ec80::5"]["ip_is_tor"]
        assert got["5.6.7.200"]["ip_is_vpn"] and got["5.6.8.15"]["ip_is_vpn"]
        assert not got["5.6.8.21"]["ip_is_vpn"]
        # Built-in lists are off: the default Tor block is no longer flagged.
        assert got["185.220.101.1"]["ip_is_tor"] is False
        assert any(str(tor) in s for s in e.sources)
    finally:
        e.close()


def test_bad_user_list_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "hosting.txt"
    bad.write_text("1.2.3.0/24\n1.2.3.0/33\n")
    with pytest.raises(ConfigError, match=r"hosting\.txt:2"):
        Enricher.from_config(EnrichConfig(builtin_lists=False, hosting_cidrs=(bad,)))
    with pytest.raises(ConfigError, match="AS number"):
        parse_asn_lines(["AS15169", "ASX"], source="asns")
    with pytest.raises(ConfigError, match="cannot open MMDB"):
        Enricher.from_config(EnrichConfig(asn_mmdb=tmp_path / "missing.mmdb"))


def test_config_rejects_unknown_keys() -> None:
    with pytest.raises(ValidationError):
        EnrichConfig.model_validate({"tor_list": "x"})


def test_interval_set_merges_and_tests_edges() -> None:
    s = parse_cidr_lines(["10.0.0.0/30", "10.0.0.4/30", "10.0.0.2-10.0.0.9", "192.0.2.7"])
    assert len(s) == 2  # 10.0.0.0-10.0.0.9 merged, 192.0.2.7 alone
    probe = ["10.0.0.0", "10.0.0.9", "10.0.0.10", "192.0.2.6", "192.0.2.7", "9.255.255.255"]
    ips = np.array([int(ipaddress.ip_address(x)) for x in probe], dtype=np.uint32)
    assert s.contains_v4(ips).tolist() == [True, True, False, False, True, False]
    empty = IntervalSet()
    assert empty.contains_v4(ips).tolist() == [False] * 6
    assert not empty.contains_v6(1)


def test_batches_without_client_ip_or_with_chunks(enricher: Enricher) -> None:
    out = enricher.enrich_events(pa.table({"x": [1, 2, 3]}))
    assert out.num_rows == 3 and out.schema == pa.schema(ENRICH_FIELDS)
    assert out.column("ip_version").null_count == 3
    chunked = pa.table({"client_ip": pa.chunked_array([["1.1.1.1"], ["8.8.8.8", None]])})
    out = enricher.enrich_events(chunked)
    assert out.column("ip_asn").to_pylist() == [13335, 15169, None]
    assert enricher.enrich_events(pa.table({"client_ip": pa.array([], pa.string())})).num_rows == 0


def test_enricher_is_a_context_manager() -> None:
    with Enricher.from_config(EnrichConfig(builtin_lists=False)) as e:
        assert e.lookup_ip("1.1.1.1")["ip_asn"] == 13335
    with pytest.raises(ValueError):
        e.lookup_ip("9.9.9.9")  # databases are closed


def test_lookup_ip_matches_the_batch_path(enricher: Enricher) -> None:
    ips = ["1.1.1.1", "2606:4700:4700::1111", "185.220.101.1"]
    batch = enricher.enrich_events(pa.table({"client_ip": ips})).to_pylist()
    assert batch == [enricher.lookup_ip(ip) for ip in ips]


def test_email_domain_classes(tmp_path: Path) -> None:
    extra = tmp_path / "disposable.txt"
    extra.write_text("burner.example\n")
    e = Enricher.from_config(EnrichConfig(disposable_domains=(extra,)))
    try:
        accounts = pa.table(
            {
                "account_id": [f"a{i}" for i in range(9)],
                "email_domain": [
                    "gmail.com",
                    "mailinator.com",
                    "acme.co.uk",
                    None,
                    "Bob@GMail.com",
                    "x.mailinator.com",
                    "qq.com",
                    "burner.example",
                    "  ",
                ],
            }
        )
        out = e.enrich_accounts(accounts)
        assert out.column_names == [*accounts.column_names, "email_domain_class"]
        assert out.column("email_domain_class").to_pylist() == [
            "free",
            "disposable",
            "other",
            None,
            "free",
            "disposable",
            "free",
            "disposable",
            None,
        ]
        # A store-shaped accounts table gets exactly the store schema.
        full = pa.table(
            {
                f.name: pa.nulls(2, f.type)
                for f in STORE_ACCOUNT_SCHEMA
                if f.name != "email_domain_class"
            }
        )
        assert e.enrich_accounts(full).schema.names == STORE_ACCOUNT_SCHEMA.names
    finally:
        e.close()


def test_bundled_databases_unpack_to_cache_dir_and_recover_from_damage(tmp_path: Path) -> None:
    cfg = EnrichConfig(cache_dir=tmp_path / "mmdb", builtin_lists=False)
    e = Enricher.from_config(cfg)
    assert e.lookup_ip("8.8.8.8")["ip_asn"] == 15169
    e.close()
    unpacked = sorted((tmp_path / "mmdb").glob("*.mmdb"))
    assert [p.name.split("-lite-")[0] for p in unpacked] == ["dbip-asn", "dbip-country"]
    assert not list((tmp_path / "mmdb").glob("*.part"))
    unpacked[0].write_bytes(b"not a database")  # e.g. a disk that filled up
    e = Enricher.from_config(cfg)
    try:
        assert e.lookup_ip("8.8.8.8")["ip_asn"] == 15169
    finally:
        e.close()

import json

import pyarrow.parquet as pq
import pytest
from stix2validator import ValidationOptions, validate_parsed_json

from distillwatch.exceptions import IntelError
from distillwatch.intel.config import IntelConfig
from distillwatch.intel.export import ATLAS_TECHNIQUE, export_bundle
from distillwatch.intel.markings import TLP2_IDS
from distillwatch.intel.storeview import StoreView, read_findings
from distillwatch.intel.workflow import run_export

CFG = IntelConfig(producer_name="Provider A")


def _export(prov, key, **kw):
    with StoreView(prov.store) as sv:
        return export_bundle(read_findings(prov.findings), config=CFG, key=key, store=sv, **kw)


def _by_type(bundle):
    out = {}
    for o in bundle["objects"]:
        out.setdefault(o["type"], []).append(o)
    return out


def test_export_passes_the_oasis_validator_strictly(providers, group_key):
    a, _ = providers
    res = _export(a, group_key)
    # strict: even SHOULD-level warnings count as failures
    result = validate_parsed_json(res.bundle, ValidationOptions(version="2.1", strict=True))
    assert result.is_valid, [str(e) for e in result.errors]


def test_export_has_every_required_part(providers, group_key):
    a, _ = providers
    res = _export(a, group_key)
    t = _by_type(res.bundle)
    assert {"identity", "attack-pattern", "campaign", "grouping", "indicator", "sighting",
            "relationship", "marking-definition", "extension-definition"} <= t.keys()
    ap = t["attack-pattern"][0]
    assert ap["external_references"][0]["external_id"] == ATLAS_TECHNIQUE
    phases = {p["phase_name"] for p in ap["kill_chain_phases"]}
    assert {"cot-elicitation", "rubric-grading", "exfiltration"} <= phases
    camp = t["campaign"][0]
    assert camp["first_seen"] < camp["last_seen"]
    volume = next(iter(camp["extensions"].values()))
    assert volume["accounts"] == 45 and volume["exchanges"] > 0
    counts = [s["count"] for s in t["sighting"]]
    assert all(c > 0 for c in counts) and len(counts) >= 2
    rel = {(r["relationship_type"]) for r in t["relationship"]}
    assert rel == {"uses", "indicates"}
    patterns = " ".join(i["pattern"] for i in t["indicator"])
    for needle in ("ipv4-addr:value", "ipv4-addr:value ISSUBSET", "autonomous-system:number",
                   "request_header.'User-Agent'", "distillwatch-keyed-hash:kind = 'payment",
                   "distillwatch-keyed-hash:kind = 'template-key'",
                   "distillwatch-keyed-hash:kind = 'email-domain'"):
        assert needle in patterns, needle
    grouped = set(t["grouping"][0]["object_refs"])
    assert {o["id"] for o in t["indicator"] + t["campaign"]} <= grouped
    amber_strict = TLP2_IDS["amber+strict"]
    for o in res.bundle["objects"]:
        if o["type"] not in ("marking-definition", "extension-definition") and \
                o["id"] != "identity--6c1f0f0e-4b1a-4d7e-9b2c-2f6d8c2a9e41":
            assert o["object_marking_refs"] == [amber_strict], o["id"]


def test_hashed_mode_leaks_no_sensitive_value(providers, group_key):
    a, _ = providers
    text = json.dumps(_export(a, group_key).bundle)
    accounts = pq.read_table(a.store / "accounts" / "accounts.parquet").to_pylist()
    events = pq.read_table(a.store / "events").to_pylist()
    for acc in accounts:
        assert acc["account_id"] not in text
        assert acc["payment_fingerprint"] not in text
        if acc["email_domain"] != "gmail.com":
            assert acc["email_domain"] not in text
    residential = {e["client_ip"] for e in events if not e["ip_is_hosting"]}
    hosting = {e["client_ip"] for e in events if e["ip_is_hosting"]}
    campaign_ips = set(json.loads(pq.read_table(a.findings / "campaigns.parquet")
                                  .column("indicators")[0].as_py())["ips"])
    assert not any(f"'{ip}'" in text for ip in residential)
    assert all(f"'{ip}'" in text for ip in hosting & campaign_ips)  # hosting IPs stay raw
    assert "a-campaign-1" not in text  # campaign ids may embed account ids


def test_raw_mode_shares_plain_values_and_needs_no_key(providers):
    a, _ = providers
    text = json.dumps(_export(a, None, share="raw", tlp="green").bundle)
    assert "pf_00_shared" in text and "inboxkitten-mail.example" in text
    assert TLP2_IDS["green"] in text


def test_hashed_without_key_is_a_clear_error(providers):
    a, _ = providers
    with pytest.raises(IntelError, match="keygen"):
        _export(a, None)


def test_bad_tlp_and_severity_are_errors(providers, group_key):
    a, _ = providers
    with pytest.raises(IntelError, match="TLP"):
        _export(a, group_key, tlp="purple")
    with pytest.raises(IntelError, match="severity"):
        _export(a, group_key, min_severity="urgent")


def test_min_severity_filters_campaigns(providers, group_key):
    a, _ = providers
    res = _export(a, group_key, min_severity="critical")
    assert res.campaigns == 0 and res.skipped_campaigns == 1


def test_run_export_writes_bundle_and_pss(providers, group_key, tmp_path):
    a, _ = providers
    from distillwatch.intel.keys import write_key

    kf = write_key(group_key, tmp_path / "k.key")
    summary = run_export(a.findings, tmp_path / "out" / "a.json", config=CFG, key_files=[kf],
                         store=a.store)
    assert (tmp_path / "out" / "a.json").is_file()
    assert (tmp_path / "out" / "a.pss" / "private-search-set.bloom").is_file()
    assert summary["validator_warnings"] == 0
    assert summary["values_hashed"] > 0 and summary["values_raw"] > 0


def test_low_campaign_of_flagged_high_accounts_is_shared(providers, group_key):
    import pyarrow as pa

    from distillwatch.intel.storeview import Findings

    a, _ = providers
    f = read_findings(a.findings)
    low = f.campaigns.set_column(
        f.campaigns.schema.get_field_index("severity"), "severity",
        pa.array(["low"] * f.campaigns.num_rows),
    )
    res = export_bundle(Findings(low, f.accounts), config=CFG, key=group_key)
    assert res.campaigns == 1  # members are flagged "high"
    assert f.accounts is not None
    unflagged = f.accounts.set_column(
        f.accounts.schema.get_field_index("flagged"), "flagged",
        pa.array([False] * f.accounts.num_rows),
    )
    res = export_bundle(Findings(low, unflagged), config=CFG, key=group_key)
    assert res.campaigns == 0 and res.skipped_campaigns == 1


UA = 'it\'s "quoted" \\ ua'


def test_sparse_campaign_rows_still_validate(group_key):
    """Empty tactics/link_types, no first/last seen, odd values: still a valid bundle."""
    import pyarrow as pa

    from distillwatch.intel.patterns import pattern_atoms
    from distillwatch.intel.storeview import Findings
    from distillwatch.schema import FINDINGS_CAMPAIGN_SCHEMA

    indicators = {"ips": ["not-an-ip", "2001:db8::5"], "asns": ["AS64500"], "user_agents": [UA],
                  "prefixes": None}
    row = {"campaign_id": "c1", "score": 37.0, "severity": "high", "accounts": None,
           "exchanges": None, "first_seen": None, "last_seen": None, "tactics": [],
           "link_types": [], "summary": None, "indicators": json.dumps(indicators)}
    f = Findings(pa.Table.from_pylist([row], schema=FINDINGS_CAMPAIGN_SCHEMA), None)
    res = export_bundle(f, config=CFG, key=group_key)
    result = validate_parsed_json(res.bundle, ValidationOptions(version="2.1", strict=True))
    assert result.is_valid, [str(e) for e in result.errors]
    assert res.values_by_kind == {"ip": 1, "asn": 1, "user-agent": 1}
    ua = next(o for o in res.bundle["objects"]
              if o["type"] == "indicator" and o["name"].startswith("user-agent"))
    atoms, _ = pattern_atoms(ua["pattern"])
    assert atoms[0].value == UA  # quotes and backslashes survive the pattern round trip

import json

import pytest

from distillwatch.exceptions import IntelError
from distillwatch.intel.config import IntelConfig
from distillwatch.intel.export import export_bundle
from distillwatch.intel.importer import parse_bundle
from distillwatch.intel.storeview import read_findings
from distillwatch.intel.taxii import pull_bundle, push_bundle


def test_push_pull_round_trip_through_medallion(taxii_server, providers, group_key):
    a, _ = providers
    bundle = export_bundle(read_findings(a.findings), config=IntelConfig(producer_name="A"),
                           key=group_key).bundle
    s = taxii_server
    res = push_bundle(bundle, api_root=s["api_root"], collection_id=s["collection"],
                      user=s["user"], password=s["password"])
    sent = [o for o in bundle["objects"] if o["type"] != "extension-definition"]
    assert res.status == "complete" and res.success == len(sent)
    pulled = pull_bundle(api_root=s["api_root"], collection_id=s["collection"], user=s["user"],
                         password=s["password"])
    assert {o["id"] for o in pulled["objects"]} == {o["id"] for o in sent}
    by_id = {o["id"]: o for o in pulled["objects"]}
    for o in sent:
        assert by_id[o["id"]] == o
    # the pulled bundle is a valid partner bundle for `intel import`
    parse_bundle(json.dumps(pulled), where="pulled", config=IntelConfig())
    # pushing the same objects again adds nothing new
    again = push_bundle(bundle, api_root=s["api_root"], collection_id=s["collection"],
                        user=s["user"], password=s["password"])
    assert again.success == 0 and again.failure == len(sent)


def test_bad_credentials_and_urls_are_clear_errors(taxii_server):
    s = taxii_server
    with pytest.raises(IntelError, match="TAXII pull failed"):
        pull_bundle(api_root=s["api_root"], collection_id=s["collection"], user="lab",
                    password="wrong")
    with pytest.raises(IntelError, match="http"):
        pull_bundle(api_root="ftp://x", collection_id="c")
    with pytest.raises(IntelError, match="TAXII pull failed"):
        pull_bundle(api_root="http://127.0.0.1:9/api/", collection_id="c")

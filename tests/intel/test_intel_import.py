import copy
import json
import random

import pytest

from distillwatch.exceptions import IntelError
from distillwatch.intel.config import IntelConfig
from distillwatch.intel.export import export_bundle
from distillwatch.intel.importer import import_bundles, parse_bundle
from distillwatch.intel.storeview import read_findings

CFG = IntelConfig()


@pytest.fixture(scope="module")
def good_bundle(providers, group_key):
    a, _ = providers
    return export_bundle(read_findings(a.findings), config=IntelConfig(producer_name="A"),
                         key=group_key).bundle


def _reject(text, match, config=CFG):
    with pytest.raises(IntelError, match=match):
        parse_bundle(text, where="partner.json", config=config)


def test_good_bundle_is_accepted(good_bundle, tmp_path):
    p = tmp_path / "good.json"
    p.write_text(json.dumps(good_bundle))
    rep = import_bundles([p], intel_dir=tmp_path / "intel", config=CFG)
    assert not rep.rejected
    info = rep.accepted[0]
    assert info.producers == ["A"] and info.tlp == "amber+strict" and info.indicators > 0
    assert (tmp_path / "intel" / "bundles" / f"{info.bundle_id}.json").is_file()


def test_malformed_inputs_are_rejected_with_clear_errors(good_bundle):
    _reject("{not json", "partner.json: not JSON: .* line 1 column 2")
    _reject(b"\xff\xfe\x00garbage", "partner.json: not")
    _reject("[1, 2]", "not a STIX bundle")
    _reject(json.dumps({"type": "bundle", "id": "x", "objects": []}), "valid 'id'")
    _reject(json.dumps({"type": "bundle", "id": good_bundle["id"], "objects": {}}),
            "'objects' must be a list")
    _reject("[" * 100000 + "]" * 100000, "partner.json: not")
    b = copy.deepcopy(good_bundle)
    b["objects"][0]["spec_version"] = "2.0"
    _reject(json.dumps(b), "only STIX 2.1")
    b = copy.deepcopy(good_bundle)
    b["objects"].append({"type": "indicator", "id": "indicator--1"})
    _reject(json.dumps(b), r"objects\[\d+\] lacks a valid 'type' and 'id'")
    b = copy.deepcopy(good_bundle)
    ind = next(o for o in b["objects"] if o["type"] == "indicator")
    del ind["valid_from"]
    _reject(json.dumps(b), "fails STIX 2.1 validation: .*valid_from")
    b = copy.deepcopy(good_bundle)
    ind = next(o for o in b["objects"] if o["type"] == "indicator")
    ind["pattern"] = "[ipv4-addr:value = "
    _reject(json.dumps(b), "fails STIX 2.1 validation")


def test_oversized_bundles_are_rejected(good_bundle, tmp_path):
    text = json.dumps(good_bundle)
    small = IntelConfig(max_bundle_bytes=2048)
    _reject(text, "over the limit of 2048", small)
    p = tmp_path / "big.json"
    p.write_text(text)
    rep = import_bundles([p], intel_dir=tmp_path / "intel", config=small)
    assert not rep.accepted and "intel.max_bundle_bytes" in rep.rejected[0].reason
    _reject(text, "over the limit of 3", IntelConfig(max_objects=3))
    _reject(text, "pattern has .* characters", IntelConfig(max_pattern_chars=64))


def test_random_corruption_never_crashes(good_bundle, tmp_path):
    rng = random.Random(5)
    text = json.dumps(good_bundle)
    paths = []
    for i in range(25):
        chars = list(text)
        for _ in range(rng.randint(1, 20)):
            pos = rng.randrange(len(chars))
            chars[pos] = rng.choice('{}[]",:x0 \\')
        p = tmp_path / f"fuzz{i}.json"
        p.write_text("".join(chars))
        paths.append(p)
    rep = import_bundles(paths, intel_dir=tmp_path / "intel", config=CFG)
    assert len(rep.accepted) + len(rep.rejected) == 25
    assert all(r.reason.startswith(str(r.path)) for r in rep.rejected)

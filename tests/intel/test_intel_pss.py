import json

import pytest

from distillwatch.exceptions import IntelError
from distillwatch.intel.keys import generate_key
from distillwatch.intel.pss import BloomFilter, fnv1_64, read_pss, write_pss


def test_fnv1_64_reference_vectors():
    # FNV-1 (not 1a) 64-bit test vectors from the FNV reference
    assert fnv1_64(b"") == 0xCBF29CE484222325
    assert fnv1_64(b"a") == 0xAF63BD4C8601B7BE
    assert fnv1_64(b"foobar") == 0x340D8765A4DDA9C2


def test_bloom_no_false_negatives_and_bounded_false_positives():
    bf = BloomFilter(2000, 0.01)
    members = [f"member-{i}".encode() for i in range(2000)]
    for m in members:
        bf.add(m)
    assert all(m in bf for m in members)
    others = [f"other-{i}".encode() for i in range(5000)]
    fp = sum(o in bf for o in others) / len(others)
    assert fp < 0.03  # designed for 1 %; generous bound, no flakiness at this size


def test_bloom_dcso_v1_binary_round_trip():
    bf = BloomFilter(100, 0.001)
    for i in range(50):
        bf.add(str(i).encode())
    raw = bf.to_bytes()
    assert int.from_bytes(raw[:8], "little") == 1  # dcso-v1 version word
    back = BloomFilter.from_bytes(raw)
    assert (back.n, back.k, back.m, back.count) == (bf.n, bf.k, bf.m, 50)
    assert all(str(i).encode() in back for i in range(50))
    with pytest.raises(IntelError):
        BloomFilter.from_bytes(raw[:60])


def test_pss_directory_membership(tmp_path):
    key = generate_key("labs")
    kind = "payment-fingerprint"
    entries = [(kind, key.hash(kind, f"pf_{i}")) for i in range(30)]
    out = write_pss(tmp_path / "set.pss", entries, key=key, name="t", description="test set")
    meta = json.loads((out / "private-search-set.json").read_text())
    assert meta["algorithm"] == "HMAC-SHA-256" and meta["keyid"] == key.key_id
    assert meta["bloomfilter"]["format"] == "dcso-v1"
    pset = read_pss(out)
    assert pset.contains(key, "payment-fingerprint", "pf_3")
    assert not pset.contains(key, "payment-fingerprint", "pf_999")
    # the Bloom filter alone answers too (a partner may get only the filter)
    (out / "private-search-set.pss").unlink()
    only_bloom = read_pss(out)
    assert only_bloom.contains(key, "payment-fingerprint", "pf_7")
    with pytest.raises(IntelError, match="hashed with key"):
        only_bloom.contains(generate_key("other"), "payment-fingerprint", "pf_7")
    # raw values never appear in the files
    for f in out.iterdir():
        assert b"pf_7" not in f.read_bytes()

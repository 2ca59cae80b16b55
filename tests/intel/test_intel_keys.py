import hashlib
import json
import stat

import pytest

from distillwatch.exceptions import IntelError
from distillwatch.intel.keys import canonical, generate_key, read_key, write_key


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("ip", " 203.0.113.7 ", "203.0.113.7"),
        ("ip", "2001:DB8:0:0::1", "2001:db8::1"),
        ("ip", "::ffff:198.51.100.4", "198.51.100.4"),
        ("ip-prefix", "198.51.100.77/24", "198.51.100.0/24"),
        ("email-domain", "Someone@Mail.Example.", "mail.example"),
        ("email-domain", "BÜCHER.example", "xn--bcher-kva.example"),
        ("asn", "AS64500", "64500"),
        ("payment-fingerprint", " pf_1 ", "pf_1"),
    ],
)
def test_canonical_forms(kind, raw, expected):
    assert canonical(kind, raw) == expected


@pytest.mark.parametrize(("kind", "raw"), [("ip", "999.1.1.1"), ("asn", "ASX"), ("ip", " "),
                                           ("nope", "x")])
def test_canonical_rejects_bad_values(kind, raw):
    with pytest.raises(IntelError):
        canonical(kind, raw)


def test_keyed_hash_is_canonical_keyed_and_kind_separated():
    k1, k2 = generate_key("labs"), generate_key("labs")
    assert k1.hash("email-domain", "MAIL.example") == k1.hash("email-domain", "mail.example")
    assert k1.hash("email-domain", "mail.example") != k2.hash("email-domain", "mail.example")
    assert k1.hash("ip", "1.2.3.4") != k1.hash("payment-fingerprint", "1.2.3.4")
    # never the unkeyed hash a dictionary attack could reproduce
    assert k1.hash("ip", "1.2.3.4") != hashlib.sha256(b"ip:1.2.3.4").hexdigest()
    assert k1.hash("ip", "1.2.3.4") != hashlib.sha256(b"1.2.3.4").hexdigest()
    assert "secret" not in repr(k1) and k1.secret.hex() not in repr(k1)


def test_key_file_round_trip_permissions_and_tamper(tmp_path):
    key = generate_key("llm-labs")
    path = write_key(key, tmp_path / "k.key")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = read_key(path)
    assert again.key_id == key.key_id and again.secret == key.secret
    with pytest.raises(IntelError, match="refusing to overwrite"):
        write_key(key, path)
    data = json.loads(path.read_text())
    data["key_id"] = "llm-labs-00000000"
    path.write_text(json.dumps(data))
    with pytest.raises(IntelError, match="does not match"):
        read_key(path)
    (tmp_path / "junk.key").write_text("{not json")
    with pytest.raises(IntelError, match="not JSON"):
        read_key(tmp_path / "junk.key")


def test_group_name_is_checked():
    with pytest.raises(IntelError, match="trust group name"):
        generate_key("Bad Name!")

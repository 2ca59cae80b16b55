import pytest

from distillwatch.intel.patterns import Atom, Unsupported, pattern_atoms

H = "ab" * 32


def test_supported_shapes():
    atoms, problems = pattern_atoms(
        "[ipv4-addr:value ISSUBSET '203.0.113.0/24' OR ipv4-addr:value = '198.51.100.7'] OR "
        "[ipv6-addr:value = '2001:db8::/32'] OR [autonomous-system:number IN (64500, 64501)] OR "
        "[email-addr:value LIKE '%@Mail.Example'] OR [domain-name:value = 'evil.example'] OR "
        "[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'x/1'] OR "
        "[distillwatch-payment-instrument:fingerprint = 'pf1'] OR "
        "[distillwatch-prompt-template:template_key = 't1'] OR "
        f"[distillwatch-keyed-hash:kind = 'ip' AND distillwatch-keyed-hash:key_id = 'g-1' AND "
        f"distillwatch-keyed-hash:hmac_sha256 = '{H.upper()}']"
    )
    assert problems == []
    assert atoms == [
        Atom("ip-prefix", "203.0.113.0/24"), Atom("ip", "198.51.100.7"),
        Atom("ip-prefix", "2001:db8::/32"), Atom("asn", "64500"), Atom("asn", "64501"),
        Atom("email-domain", "mail.example"), Atom("email-domain", "evil.example"),
        Atom("user-agent", "x/1"), Atom("payment-fingerprint", "pf1"),
        Atom("template-key", "t1"), Atom("ip", H, key_id="g-1"),
    ]


def test_unknown_branches_are_skipped_not_guessed():
    atoms, problems = pattern_atoms(
        "[ipv4-addr:value = '1.2.3.4'] OR [file:name = 'a.exe'] OR "
        "([ipv4-addr:value = '5.6.7.8'] FOLLOWEDBY [ipv4-addr:value = '9.9.9.9'])"
    )
    assert atoms == [Atom("ip", "1.2.3.4")]
    assert len(problems) == 2


@pytest.mark.parametrize(
    "pattern",
    [
        "not a pattern",
        "[file:hashes.'SHA-256' = 'aa']",
        "[ipv4-addr:value = '1.2.3.4' AND ipv4-addr:value = '5.6.7.8']",  # AND is not OR
        "[ipv4-addr:value != '1.2.3.4']",
        "[ipv4-addr:value = '1.2.3.4'] WITHIN 10 SECONDS",
        "[email-addr:value LIKE 'a%b@x.example']",
        "[distillwatch-keyed-hash:kind = 'ip' AND distillwatch-keyed-hash:hmac_sha256 = 'zz']",
    ],
)
def test_unsupported_patterns(pattern):
    with pytest.raises(Unsupported):
        pattern_atoms(pattern)


def test_keyed_hash_sets():
    h2 = "cd" * 32
    atoms, _ = pattern_atoms(
        "[distillwatch-keyed-hash:kind = 'template-key' AND distillwatch-keyed-hash:key_id = 'g-1'"
        f" AND distillwatch-keyed-hash:hmac_sha256 IN ('{H}', '{h2}')]"
    )
    assert atoms == [Atom("template-key", H, "g-1"), Atom("template-key", h2, "g-1")]
    with pytest.raises(Unsupported):
        pattern_atoms(
            "[distillwatch-keyed-hash:kind IN ('ip', 'asn') AND distillwatch-keyed-hash:key_id ="
            f" 'g-1' AND distillwatch-keyed-hash:hmac_sha256 = '{H}']"
        )


def test_long_sets_parse_where_long_or_chains_would_not():
    values = ", ".join(f"'10.0.{i // 256}.{i % 256}'" for i in range(3000))
    atoms, _ = pattern_atoms(f"[ipv4-addr:value IN ({values})]")
    assert len(atoms) == 3000
    chain = " OR ".join(f"[ipv4-addr:value = '10.1.{i // 256}.{i % 256}']" for i in range(3000))
    with pytest.raises(Unsupported):  # stix2's visitor recurses per OR; refused, not crashed
        pattern_atoms(chain)

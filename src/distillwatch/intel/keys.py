"""Trust-group keys and keyed hashing (HMAC-SHA-256) of canonicalised indicator values.

Unkeyed hashes of IPs or e-mail domains are enumerable (all of IPv4 is 2^32 values), so
sensitive values leave only as ``HMAC-SHA-256(key, "<kind>:<canonical value>")`` with a key
shared inside one trust group. The kind prefix keeps equal strings of different kinds apart.
The key id travels with every hash so a partner knows which key to use, never the key itself.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from distillwatch.exceptions import IntelError
from distillwatch.types import StrPath

ALGORITHM = "HMAC-SHA-256"
KEY_BYTES = 32
KEY_FILE_VERSION = 1

# Kinds of indicator values; the first part of every keyed-hash input.
KINDS: tuple[str, ...] = (
    "ip",
    "ip-prefix",
    "asn",
    "email-domain",
    "user-agent",
    "payment-fingerprint",
    "template-key",
    "account-id",
    "campaign-id",
)
CANONICALISATION = (
    "'<kind>:' + value, where value is: ip -> ipaddress.ip_address(v).compressed (IPv4-mapped "
    "IPv6 unwrapped); ip-prefix -> ipaddress.ip_network(v, strict=False).compressed; "
    "email-domain -> v.strip().lower().rstrip('.') after the last '@', IDNA-encoded; "
    "asn -> decimal without 'AS'; user-agent -> v.strip(); payment-fingerprint, template-key, "
    "account-id, campaign-id -> v.strip()"
)
_GROUP_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,62}$")


@dataclass(frozen=True)
class TrustGroupKey:
    """One trust group's HMAC key. ``key_id`` names it in bundles; ``secret`` never leaves."""

    trust_group: str
    key_id: str
    secret: bytes
    created: str

    def __repr__(self) -> str:  # never print the secret
        return f"TrustGroupKey(trust_group={self.trust_group!r}, key_id={self.key_id!r})"

    def hash(self, kind: str, value: str) -> str:
        """Lower-case hex HMAC-SHA-256 of the canonical form of ``value``."""
        msg = f"{kind}:{canonical(kind, value)}".encode()
        return hmac.new(self.secret, msg, hashlib.sha256).hexdigest()

    def hash_many(self, kind: str, values: Iterable[str]) -> dict[str, str]:
        """Map each value that canonicalises cleanly to its keyed hash (bad values skipped)."""
        out: dict[str, str] = {}
        for v in values:
            try:
                out[v] = self.hash(kind, v)
            except IntelError:
                continue
        return out


def key_id_for(trust_group: str, secret: bytes) -> str:
    """A short id that names a key without revealing it: group + 8 hex of a keyed digest."""
    tag = hmac.new(secret, b"distillwatch-key-id", hashlib.sha256).hexdigest()[:8]
    return f"{trust_group}-{tag}"


def generate_key(trust_group: str) -> TrustGroupKey:
    """A fresh random 256-bit key for ``trust_group``."""
    if not _GROUP_RE.match(trust_group):
        raise IntelError(
            f"trust group name {trust_group!r} must be 1-63 lower-case letters, digits, '.', '_'"
            " or '-'"
        )
    secret = secrets.token_bytes(KEY_BYTES)
    created = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return TrustGroupKey(trust_group, key_id_for(trust_group, secret), secret, created)


def write_key(key: TrustGroupKey, path: StrPath, *, overwrite: bool = False) -> Path:
    """Write ``key`` as JSON readable only by its owner (mode 0600)."""
    p = Path(path)
    if p.exists() and not overwrite:
        raise IntelError(f"{p} exists; refusing to overwrite a key (pass --force to replace it)")
    payload = {
        "version": KEY_FILE_VERSION,
        "algorithm": ALGORITHM,
        "trust_group": key.trust_group,
        "key_id": key.key_id,
        "created": key.created,
        "key": base64.b64encode(key.secret).decode(),
    }
    p.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(payload, fh, indent=2)
        fh.write("\n")
    return p


def read_key(path: StrPath) -> TrustGroupKey:
    """Load a key file written by :func:`write_key`; errors name the file and field."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise IntelError(f"cannot read key file {p}: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise IntelError(f"{p}: key file is not JSON ({exc.msg} at line {exc.lineno})") from exc
    if not isinstance(data, dict):
        raise IntelError(f"{p}: key file must be a JSON object")
    for field in ("trust_group", "key_id", "key"):
        if not isinstance(data.get(field), str):
            raise IntelError(f"{p}: key file lacks string field {field!r}")
    if data.get("algorithm", ALGORITHM) != ALGORITHM:
        raise IntelError(f"{p}: unsupported algorithm {data.get('algorithm')!r}; use {ALGORITHM}")
    try:
        secret = base64.b64decode(data["key"], validate=True)
    except ValueError as exc:
        raise IntelError(f"{p}: field 'key' is not base64") from exc
    if len(secret) < 16:
        raise IntelError(f"{p}: key is {len(secret)} bytes; at least 16 are required")
    if key_id_for(data["trust_group"], secret) != data["key_id"]:
        raise IntelError(f"{p}: key_id does not match the key (file edited or corrupt)")
    return TrustGroupKey(data["trust_group"], data["key_id"], secret, str(data.get("created", "")))


def canonical(kind: str, value: str) -> str:
    """The canonical text of ``value`` for ``kind`` (the input of every keyed hash)."""
    if value is None:
        raise IntelError(f"empty {kind} value")
    v = str(value).strip()
    if not v:
        raise IntelError(f"empty {kind} value")
    if kind == "ip":
        if v.startswith("[") and "]" in v:  # [v6]:port as some logs write it
            v = v[1 : v.index("]")]
        elif v.count(":") == 1 and "." in v:  # v4:port
            v = v.split(":", 1)[0]
        try:
            ip = ipaddress.ip_address(v.split("%", 1)[0])
        except ValueError as exc:
            raise IntelError(f"not an IP address: {v!r}") from exc
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            return ip.ipv4_mapped.compressed
        return ip.compressed
    if kind == "ip-prefix":
        try:
            return ipaddress.ip_network(v, strict=False).compressed
        except ValueError as exc:
            raise IntelError(f"not an IP prefix: {v!r}") from exc
    if kind == "email-domain":
        d = v.rsplit("@", 1)[-1].lower().rstrip(".")
        try:
            return d.encode("idna").decode("ascii")
        except UnicodeError:
            return d
    if kind == "asn":
        digits = v.upper().removeprefix("AS")
        if not digits.isdigit():
            raise IntelError(f"not an AS number: {v!r}")
        return str(int(digits))
    if kind in KINDS:
        return v
    raise IntelError(f"unknown indicator kind {kind!r}; known: {', '.join(KINDS)}")

"""Who is calling: API key hash, account, end user and client IP of one request.

The API key is hashed (SHA-256 hex, the same digest LiteLLM stores as ``user_api_key_hash``) as
soon as it is read and the clear key is dropped; nothing downstream ever sees it. The key ->
account map holds only hashes. The client IP honours ``X-Forwarded-For`` only as far as the
hops are trusted proxies: the entries are walked right to left and the first address that is
not a trusted proxy is the client (a caller cannot spoof its IP by sending the header itself).
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from distillwatch.exceptions import ConfigError

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def hash_api_key(key: str) -> str:
    """SHA-256 hex digest of an API key (what the decision log and key map store)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def bearer_key(authorization: str | None, api_key_header: str | None = None) -> str | None:
    """The API key of ``Authorization: Bearer <key>`` (or an ``api-key`` header), else None."""
    if authorization:
        scheme, _, value = authorization.strip().partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return value.strip()
    if api_key_header and api_key_header.strip():
        return api_key_header.strip()
    return None


@dataclass(frozen=True, slots=True)
class Identity:
    """The caller of one request, as far as the gateway can tell."""

    account_id: str | None
    api_key_id: str | None  # sha256 hex of the key
    end_user: str | None
    client_ip: str | None
    user_agent: str | None
    known_key: bool


def load_key_map(path: Path) -> dict[str, str]:
    """Read a key map file (JSON or TOML object: sha256 hex of key -> account id)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read key map {path}: {exc.strerror}") from exc
    try:
        data = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: not valid {path.suffix.lstrip('.') or 'JSON'}: {exc}") from exc
    if isinstance(data, dict) and isinstance(data.get("keys"), dict):
        data = data["keys"]
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: key map must be an object of key hash -> account id")
    out: dict[str, str] = {}
    for key_hash, account in data.items():
        if not isinstance(account, str) or not account:
            raise ConfigError(f"{path}: key {key_hash[:12]}...: account id must be a string")
        digest = str(key_hash).lower().removeprefix("sha256:")
        if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise ConfigError(
                f"{path}: key {str(key_hash)[:12]}... is not a sha256 hex digest "
                "(store hashes, never clear keys: `distillwatch serve` docs show how)"
            )
        out[digest] = account
    return out


def parse_networks(cidrs: Iterable[str], *, what: str) -> tuple[IPNetwork, ...]:
    """Parse CIDRs (or bare addresses), naming the bad entry on error."""
    nets: list[IPNetwork] = []
    for raw in cidrs:
        try:
            nets.append(ipaddress.ip_network(raw.strip(), strict=False))
        except ValueError as exc:
            raise ConfigError(f"{what}: {raw!r} is not an IP network: {exc}") from exc
    return tuple(nets)


def _in_networks(ip: str, nets: tuple[IPNetwork, ...]) -> bool:
    try:
        addr = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return any(addr in net for net in nets)


def client_ip(
    peer: str | None, forwarded_for: str | None, trusted: tuple[IPNetwork, ...]
) -> str | None:
    """The client address: the peer, or the right-most untrusted X-Forwarded-For hop."""
    if not trusted or peer is None or not _in_networks(peer, trusted) or not forwarded_for:
        return peer
    hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
    for hop in reversed(hops):
        # "[v6]:port" and "v4:port" forms appear behind some load balancers.
        candidate = hop
        if candidate.startswith("["):
            candidate = candidate[1:].partition("]")[0]
        elif candidate.count(":") == 1:
            candidate = candidate.partition(":")[0]
        try:
            ipaddress.ip_address(candidate)
        except ValueError:
            return peer  # a garbled header is not evidence of anything: trust only the peer
        if not _in_networks(candidate, trusted):
            return candidate
    return hops[0] if hops else peer


class IdentityResolver:
    """Resolves an :class:`Identity` from request headers, peer address and body."""

    def __init__(
        self,
        *,
        key_map: Mapping[str, str] | None = None,
        require_known_key: bool = True,
        account_header: str | None = None,
        end_user_header: str | None = None,
        trusted_proxies: tuple[IPNetwork, ...] = (),
    ) -> None:
        self.key_map = dict(key_map) if key_map is not None else None
        self.require_known_key = require_known_key
        self.account_header = account_header.lower() if account_header else None
        self.end_user_header = end_user_header.lower() if end_user_header else None
        self.trusted_proxies = trusted_proxies

    def resolve(
        self,
        headers: Mapping[str, str],
        *,
        peer: str | None,
        body: Mapping[str, object] | None = None,
    ) -> Identity:
        """Identify the caller. ``headers`` keys must be lower case."""
        key = bearer_key(headers.get("authorization"), headers.get("api-key"))
        key_id = hash_api_key(key) if key is not None else None
        del key  # the clear key goes no further
        account: str | None = None
        known = False
        if key_id is not None and self.key_map is not None:
            account = self.key_map.get(key_id)
            known = account is not None
        # A trusted front gateway may name the account itself (only when configured).
        if account is None and self.account_header:
            account = headers.get(self.account_header) or None
            known = known or account is not None
        # Without a key map every key is its own account; with one, an unknown key is its own
        # account only when unknown keys are allowed (otherwise account stays None: 401).
        if (
            account is None
            and key_id is not None
            and (self.key_map is None or not self.require_known_key)
        ):
            account = f"key:{key_id[:16]}"
        end_user = headers.get(self.end_user_header) if self.end_user_header else None
        if end_user is None and body is not None:
            for field in ("safety_identifier", "user"):
                value = body.get(field)
                if isinstance(value, str) and value:
                    end_user = value
                    break
        ip = client_ip(peer, headers.get("x-forwarded-for"), self.trusted_proxies)
        return Identity(
            account_id=account,
            api_key_id=key_id,
            end_user=end_user,
            client_ip=ip,
            user_agent=headers.get("user-agent"),
            known_key=known,
        )

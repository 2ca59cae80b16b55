"""Settings of the gateway stage (a section of ``distillwatch.config.Settings``).

Every field has a named default that is safe for production: state in memory, fail open when a
shared state backend is down (enforcement degrades to stateless rules, never to an outage),
findings reloaded every two seconds, 8 MiB request bodies. Secrets (the admin token, the canary
key, an upstream key) may come from ``DISTILLWATCH_GATEWAY__<FIELD>`` environment variables so
they never need to be written into a settings file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr

DEFAULT_UPSTREAM = "http://127.0.0.1:8000"
DEFAULT_PORT = 8787
DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024
DEFAULT_WINDOW_S = 300
DEFAULT_BUCKET_S = 30
DEFAULT_RETRY_AFTER_S = 30


class GatewayConfig(BaseModel):
    """The ``[gateway]`` section of a settings file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # Where to listen and what to proxy.
    upstream: str = DEFAULT_UPSTREAM
    host: str = "127.0.0.1"
    port: int = Field(DEFAULT_PORT, ge=0, le=65535)
    # Replace the caller's Authorization header towards the upstream (e.g. a vLLM behind the
    # gateway has its own key). Unset: the caller's header is passed through unchanged.
    upstream_api_key: SecretStr | None = None
    connect_timeout_s: float = Field(5.0, gt=0)
    # Per chunk: a slow stream is fine, a stuck one is not.
    read_timeout_s: float = Field(120.0, gt=0)
    pool_timeout_s: float = Field(5.0, gt=0)  # waiting for a free upstream connection
    max_connections: int = Field(512, ge=1)
    keepalive_s: float = Field(30.0, gt=0)
    max_body_bytes: int = Field(DEFAULT_MAX_BODY_BYTES, ge=1024)

    # Who is calling.
    # JSON or TOML file mapping sha256(api key) hex -> account id (keys never stored in clear).
    key_map: Path | None = None
    # Reject keys missing from key_map (401). Off: unknown keys are their own account.
    require_known_key: bool = True
    # A header set by a trusted upstream gateway that names the account (e.g. "x-account-id").
    account_header: str | None = None
    end_user_header: str | None = None
    # CIDRs of proxies whose X-Forwarded-For entries are believed (walked right to left).
    trusted_proxies: tuple[str, ...] = ()

    # Per-account sliding-window state.
    state: str = "memory"  # "memory" or a redis:// / rediss:// / unix:// URL
    window_s: int = Field(DEFAULT_WINDOW_S, ge=1)
    bucket_s: int = Field(DEFAULT_BUCKET_S, ge=1)
    state_timeout_s: float = Field(0.05, gt=0)  # a slow Redis counts as down after this
    fail_mode: Literal["open", "closed"] = "open"
    redis_prefix: str = "dw:"
    max_memory_accounts: int = Field(200_000, ge=1)  # memory state evicts least recent beyond

    # Findings from batch detection, reloaded when the files change.
    findings: Path | None = None
    accounts_file: Path | None = None  # contract accounts file: payment fingerprints
    reload_interval_s: float = Field(2.0, gt=0)
    # Compute each request's template key with the ingest sketcher (distinct templates per
    # account, campaign template indicators). Off by default: ~6 ms of CPU per request.
    template_keys: bool = False

    # Policy and decisions.
    policy: Path | None = None  # None: the packaged default_policy.toml
    retry_after_s: int = Field(DEFAULT_RETRY_AFTER_S, ge=1)
    decision_log: Path | None = None  # JSON lines; None: no decision log
    log_text: bool = False  # keep prompt/system prompt text in the decision log
    canary_key: SecretStr | None = None  # HMAC key for canaries; None: canaries disabled
    canary_log: Path | None = None  # who got which canary (JSON lines)
    canary_style: Literal["zero_width", "visible"] = "zero_width"

    # Admin API: disabled unless a token is set.
    admin_token: SecretStr | None = None
    # Optional shared secret for /v1/check, the Envoy and LiteLLM check endpoints
    # (sent as X-Distillwatch-Check-Token). Unset: those endpoints are open; bind them to a
    # private interface.
    check_token: SecretStr | None = None

"""The per-request decision: signals (batch code) + window state + findings -> policy verdict.

:class:`Enforcer` is shared by the ASGI gateway, ``/v1/check`` and the LiteLLM guardrail, so
every integration decides the same way. It knows nothing of HTTP: it takes the contract fields
of a request (:mod:`distillwatch.gateway.contract`) and the caller's :class:`Identity`.
"""

from __future__ import annotations

import asyncio
import importlib
import ipaddress
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from distillwatch.gateway.identity import Identity
from distillwatch.gateway.lists import FindingsIndex, FindingsWatcher
from distillwatch.gateway.policy import SEVERITY_RANK, Policy, Verdict
from distillwatch.gateway.state import (
    UNAVAILABLE,
    MemoryState,
    Observation,
    RedisState,
    StateUnavailable,
    WindowStats,
)

log = logging.getLogger("distillwatch.gateway.engine")

INTENT_THRESHOLD = 0.5
STATE_FAILURE_RULE = "state-unavailable"
_FAIL_LOG_INTERVAL_S = 10.0
_WINDOW_FIELDS = tuple(f.name for f in fields(WindowStats) if f.name not in ("override",))


@dataclass(frozen=True, slots=True)
class Decision:
    """Everything the gateway needs to act on, and to log, for one request."""

    action: str
    rule_ids: tuple[str, ...]
    verdict: Verdict
    signals: dict[str, Any]
    stats: WindowStats
    score: float
    account_score: float | None
    template_key: str | None
    state_error: str | None = None
    decision_ms: float = 0.0


def _signals_dict(sig: Any) -> dict[str, Any]:
    if isinstance(sig, Mapping):
        return dict(sig)
    names = getattr(sig, "__dataclass_fields__", None)
    if names is not None:
        return {name: getattr(sig, name) for name in names}
    return dict(vars(sig))


TemplateKeyFn = Callable[[str | None, str | None], str | None]


def ingest_template_key() -> TemplateKeyFn:
    """The template key of one request, by the ingest sketcher itself (same key as batch).

    The sketcher is vectorised for batches; on a one-row batch it costs milliseconds of CPU
    (about 6 ms here), so the gateway runs it in a worker thread and only when
    ``template_keys`` is on.
    """
    from distillwatch.ingest.sketch import template_key

    def key(prompt: str | None, system_prompt: str | None) -> str | None:
        if not prompt and not system_prompt:
            return None
        try:
            value = template_key(prompt, system_prompt=system_prompt)
        except Exception:  # a sketch failure must never fail a request
            log.exception("template key failed; continuing without it")
            return None
        return value if isinstance(value, str) else None

    return key


def ip_prefix(ip: str | None) -> str | None:
    """The /24 (IPv4) or /48 (IPv6) network of an address, as ingest enriches it."""
    if ip is None:
        return None
    try:
        addr = ipaddress.ip_address(ip)
    except ValueError:
        return None
    length = 24 if addr.version == 4 else 48
    return str(ipaddress.ip_network(f"{addr}/{length}", strict=False))


class Enforcer:
    """Decides what to do with one request. Built once; shared by every request."""

    def __init__(
        self,
        *,
        policy: Policy,
        state: MemoryState | RedisState,
        findings: FindingsWatcher,
        fail_mode: str = "open",
        score_request: Callable[[Mapping[str, Any]], Any] | None = None,
        template_key: TemplateKeyFn | None = None,
        asn_lookup: Callable[[str], int | None] | None = None,
        on_state_error: Callable[[str], None] | None = None,
    ) -> None:
        if score_request is None:
            # The batch path's own per-request scorer: one implementation of the signals.
            score_request = importlib.import_module("distillwatch.signals").score_request
        self.policy = policy
        self.state = state
        self.findings = findings
        self.fail_mode = fail_mode
        self.score_request = score_request
        self.template_key = template_key
        self.asn_lookup = asn_lookup
        self.on_state_error = on_state_error
        self._last_fail_log = 0.0
        # Load the signal model now: a missing or broken model must stop start-up, not turn
        # every request into a 500.
        self.score_request({"prompt": "warm-up", "operation": "chat", "turn": 0})
        log.info(
            "enforcer: state=%s fail_mode=%s policy=%s rules=%d",
            state.name,
            fail_mode,
            policy.source,
            len(policy.rules),
        )

    def facts(
        self,
        request: Mapping[str, Any],
        identity: Identity,
        signals: Mapping[str, Any],
        stats: WindowStats,
        template_key: str | None,
    ) -> dict[str, Any]:
        """The flat ``namespace.name -> value`` mapping the policy's conditions read."""
        index: FindingsIndex = self.findings.index
        facts: dict[str, Any] = {f"signals.{k}": v for k, v in signals.items()}
        for key in (
            "model",
            "operation",
            "n",
            "max_tokens",
            "logprobs",
            "top_logprobs",
            "reasoning_effort",
            "stream",
            "tool_count",
            "turn",
        ):
            facts[f"request.{key}"] = request.get(key)
        if stats.available:
            for name in _WINDOW_FIELDS:
                facts[f"state.{name}"] = getattr(stats, name)
        else:
            facts["state.available"] = False
        account = identity.account_id
        facts["account.id"] = account
        facts["account.override"] = stats.override
        found = index.accounts.get(account) if account is not None else None
        if found is not None:
            facts["account.flagged"] = found.flagged
            facts["account.score"] = found.score
            facts["account.severity"] = found.severity
            facts["account.severity_rank"] = SEVERITY_RANK.get(found.severity, 0)
            facts["account.campaign_id"] = found.campaign_id
        else:
            facts["account.flagged"] = False
            facts["account.severity_rank"] = 0
        ip = identity.client_ip
        campaigns: set[str] = set()
        hits = {
            "ip": index.lookup("ips", ip),
            "prefix": index.prefix_campaigns(ip),
            "user_agent": index.lookup("user_agents", identity.user_agent),
            "template_key": index.lookup("template_keys", template_key),
            "payment": index.lookup(
                "payment_fingerprints", index.account_payment.get(account or "")
            ),
            "email_domain": index.lookup(
                "email_domains", index.account_email_domain.get(account or "")
            ),
            "asn": frozenset(),
        }
        if self.asn_lookup is not None and ip is not None and index.indicators.get("asns"):
            asn = self.asn_lookup(ip)
            if asn is not None:
                hits["asn"] = index.lookup("asns", str(asn))
        for name, found_in in hits.items():
            facts[f"indicator.{name}"] = bool(found_in)
            campaigns |= found_in
        facts["indicator.any"] = bool(campaigns)
        facts["indicator.campaigns"] = len(campaigns)
        return facts

    def _state_failed(self, exc: StateUnavailable) -> None:
        now = time.monotonic()
        if now - self._last_fail_log >= _FAIL_LOG_INTERVAL_S:
            self._last_fail_log = now
            how = (
                "failing OPEN: deciding without per-account state"
                if self.fail_mode == "open"
                else "failing CLOSED: refusing requests (503)"
            )
            log.warning("state backend %s unavailable (%s); %s", self.state.name, exc, how)
        if self.on_state_error is not None:
            self.on_state_error(self.fail_mode)

    async def decide(
        self, request: Mapping[str, Any], identity: Identity, *, record: bool = True
    ) -> Decision:
        """Score, update the account's window, and apply the policy."""
        started = time.perf_counter()
        signals = _signals_dict(self.score_request(request))
        tkey = None
        if self.template_key is not None:
            tkey = await asyncio.to_thread(
                self.template_key, request.get("prompt"), request.get("system_prompt")
            )
        obs = Observation(
            intent=(signals.get("intent_score") or 0.0) >= INTENT_THRESHOLD,
            logprobs=bool(signals.get("sig_logprobs")),
            multi_choice=bool(signals.get("sig_multi_choice")),
            long_output=bool(signals.get("sig_long_output")),
            max_effort=bool(signals.get("sig_max_effort")),
            single_turn=bool(signals.get("sig_single_turn")),
            client_ip=identity.client_ip,
            template_key=tkey,
        )
        state_error: str | None = None
        account = identity.account_id or "anonymous"
        try:
            stats = await self.state.observe(account, obs, record=record)
        except StateUnavailable as exc:
            self._state_failed(exc)
            state_error = str(exc)
            stats = UNAVAILABLE
        facts = self.facts(request, identity, signals, stats, tkey)
        if state_error is not None and self.fail_mode == "closed":
            verdict = Verdict(
                action="block",
                rule_ids=(STATE_FAILURE_RULE,),
                message="enforcement state is unavailable; try again shortly",
            )
        else:
            verdict = self.policy.decide(facts)
        found = self.findings.index.accounts.get(identity.account_id or "")
        return Decision(
            action=verdict.action,
            rule_ids=verdict.rule_ids,
            verdict=verdict,
            signals=signals,
            stats=stats,
            score=float(signals.get("request_score") or 0.0),
            account_score=found.score if found is not None else None,
            template_key=tkey,
            state_error=state_error,
            decision_ms=(time.perf_counter() - started) * 1000.0,
        )

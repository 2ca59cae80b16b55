"""LiteLLM integration: a guardrail that enforces the gateway policy, and a decision logger.

In a LiteLLM proxy ``config.yaml``::

    guardrails:
      - guardrail_name: distillwatch
        litellm_params:
          guardrail: distillwatch.integrations.litellm.DistillwatchGuardrail
          mode: pre_call
          default_on: true
    litellm_settings:
      callbacks: ["distillwatch.integrations.litellm.distillwatch_logger"]

Settings come from the file named by ``DISTILLWATCH_CONFIG`` (its ``[gateway]`` section:
policy, state, findings, decision_log, canary key) and ``DISTILLWATCH_GATEWAY__*`` variables.

The pre-call hook decides with the same :class:`~distillwatch.gateway.engine.Enforcer` as the
ASGI gateway and raises what LiteLLM turns into the right answers: ``ProxyException`` with code
429 and a ``retry-after`` header for a throttle, ``fastapi.HTTPException(403)`` for a block. A
degrade rewrites the request (logprobs, ``n``, token caps) and the post-call hooks strip
reasoning and add the canary, streamed or not. The logger writes one decision-log line per
finished call from LiteLLM's ``standard_logging_object``.

LiteLLM is imported only when a class is first used (``__getattr__`` below), so importing this
module never requires it. :class:`GuardrailCore` holds all the logic and needs no LiteLLM.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any

from distillwatch.config import Settings, load_settings
from distillwatch.gateway.contract import request_fields
from distillwatch.gateway.decisions import DecisionLog, decision_record
from distillwatch.gateway.degrade import (
    REASONING_FIELDS,
    DegradeSpec,
    ThinkStripper,
    degrade_request,
    strip_think,
)
from distillwatch.gateway.engine import (
    STATE_FAILURE_RULE,
    Decision,
    Enforcer,
    ingest_template_key,
)
from distillwatch.gateway.identity import Identity, hash_api_key
from distillwatch.gateway.lists import FindingsWatcher
from distillwatch.gateway.policy import Policy
from distillwatch.gateway.state import make_state
from distillwatch.provenance.canary import CanaryMinter

CALL_TYPES: dict[str, str] = {
    "completion": "chat",
    "acompletion": "chat",
    "text_completion": "text_completion",
    "atext_completion": "text_completion",
    "responses": "responses",
    "aresponses": "responses",
}
METADATA_KEY = "distillwatch"
# DistillwatchGuardrail, DistillwatchLogger and distillwatch_logger are built on first access
# (module __getattr__), so they are not listed here.
__all__ = ["GuardrailCore", "Refusal", "identity_from_litellm"]


@dataclass(frozen=True)
class Refusal:
    """A throttle or block the LiteLLM wrapper must raise."""

    status: int  # 429, 403 or 503
    message: str
    retry_after_s: int | None


def _attr(obj: Any, name: str) -> Any:
    if obj is None:
        return None
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


def identity_from_litellm(user_api_key_dict: Any, data: Mapping[str, Any]) -> Identity:
    """The caller as LiteLLM's auth saw it: org, else team, else user is the account."""
    account = next(
        (
            str(v)
            for v in (
                _attr(user_api_key_dict, "org_id"),
                _attr(user_api_key_dict, "team_id"),
                _attr(user_api_key_dict, "user_id"),
            )
            if v
        ),
        None,
    )
    token = _attr(user_api_key_dict, "token")
    key = _attr(user_api_key_dict, "api_key")
    # LiteLLM stores the SHA-256 of the key as ``token``; a clear key is hashed here, never kept.
    key_id = token or (hash_api_key(key) if isinstance(key, str) and key else None)
    if account is None and key_id:
        account = f"key:{key_id[:16]}"
    meta = data.get("metadata") if isinstance(data.get("metadata"), Mapping) else {}
    headers = meta.get("headers") if isinstance(meta, Mapping) else None
    end_user = _attr(user_api_key_dict, "end_user_id") or data.get("user")
    return Identity(
        account_id=account,
        api_key_id=key_id,
        end_user=end_user if isinstance(end_user, str) else None,
        client_ip=_attr(meta, "requester_ip_address"),
        user_agent=_attr(headers, "user-agent") if headers else None,
        known_key=True,
    )


class GuardrailCore:
    """Everything the LiteLLM hooks do, without LiteLLM (build once per process)."""

    def __init__(self, settings: Settings | None = None) -> None:
        if settings is None:
            settings = load_settings(os.environ.get("DISTILLWATCH_CONFIG"))
        cfg = settings.gateway
        self.cfg = cfg
        self.enforcer = Enforcer(
            policy=Policy.from_file(cfg.policy) if cfg.policy else Policy.default(),
            state=make_state(
                cfg.state,
                window_s=cfg.window_s,
                bucket_s=cfg.bucket_s,
                timeout_s=cfg.state_timeout_s,
                prefix=cfg.redis_prefix,
                max_accounts=cfg.max_memory_accounts,
            ),
            findings=FindingsWatcher(cfg.findings, accounts_file=cfg.accounts_file),
            fail_mode=cfg.fail_mode,
            template_key=ingest_template_key() if cfg.template_keys else None,
        )
        self.decision_log = DecisionLog(cfg.decision_log) if cfg.decision_log else None
        self.minter = (
            CanaryMinter(cfg.canary_key.get_secret_value().encode(), style=cfg.canary_style)
            if cfg.canary_key
            else None
        )
        self._last_reload_check = 0.0

    def _maybe_reload(self) -> None:
        # No background task inside LiteLLM's loop: check the findings files at most every
        # reload interval, on the request path (a stat per file).
        now = time.monotonic()
        if now - self._last_reload_check >= self.cfg.reload_interval_s:
            self._last_reload_check = now
            self.enforcer.findings.check()

    async def pre_call(
        self, user_api_key_dict: Any, data: dict[str, Any], call_type: str
    ) -> tuple[dict[str, Any], Refusal | None]:
        """Decide; returns the (possibly degraded) request and a refusal to raise, if any."""
        self._maybe_reload()
        operation = CALL_TYPES.get(str(call_type), "chat")
        identity = identity_from_litellm(user_api_key_dict, data)
        fields = request_fields(data, operation=operation)
        decision = await self.enforcer.decide(fields, identity)
        meta = data.setdefault("metadata", {})
        record = {
            "action": decision.action,
            "rule_ids": list(decision.rule_ids),
            "score": decision.score,
            "signals": decision.signals,
            "degrade": decision.verdict.degrade.to_dict() if decision.verdict.degrade else None,
            "account_id": identity.account_id,
        }
        if isinstance(meta, dict):
            meta[METADATA_KEY] = record
        refusal = self.refusal(decision)
        if refusal is not None:
            self.log(
                identity=identity,
                fields=fields,
                decision_record_=record,
                status=refusal.status,
                request_id=str(data.get("litellm_call_id") or f"dw-{uuid.uuid4().hex}"),
            )
            return data, refusal
        spec = decision.verdict.degrade if decision.action == "degrade" else None
        if spec is not None:
            new, refused = degrade_request(data, spec, operation)
            if refused is not None:
                return data, Refusal(status=400, message=refused, retry_after_s=None)
            data.clear()
            data.update(new)
        return data, None

    def refusal(self, decision: Decision) -> Refusal | None:
        v = decision.verdict
        if decision.action == "block":
            if STATE_FAILURE_RULE in decision.rule_ids:
                return Refusal(503, v.message or "enforcement unavailable", 5)
            return Refusal(403, v.message or "blocked by the provider's usage policies", None)
        if decision.action == "throttle":
            retry = v.retry_after_s or self.cfg.retry_after_s
            return Refusal(429, v.message or f"Rate limit reached; retry in {retry}s", retry)
        return None

    @staticmethod
    def spec_of(data: Mapping[str, Any]) -> DegradeSpec | None:
        meta = data.get("metadata")
        rec = meta.get(METADATA_KEY) if isinstance(meta, Mapping) else None
        if not isinstance(rec, Mapping) or rec.get("action") != "degrade" or not rec["degrade"]:
            return None
        return DegradeSpec(**rec["degrade"])

    def canary_text(self, data: Mapping[str, Any], spec: DegradeSpec) -> str | None:
        meta = data.get("metadata")
        rec = meta.get(METADATA_KEY) if isinstance(meta, Mapping) else None
        account = rec.get("account_id") if isinstance(rec, Mapping) else None
        if not spec.canary or self.minter is None or not account:
            return None
        return self.minter.mint(account).text

    def clean_response(self, data: Mapping[str, Any], response: Any) -> Any:
        """Strip reasoning (and add the canary) on a whole response object, in place."""
        spec = self.spec_of(data)
        if spec is None:
            return response
        canary = self.canary_text(data, spec)
        for idx, choice in enumerate(_attr(response, "choices") or []):
            message = _attr(choice, "message")
            if message is None:
                continue
            if spec.strip_reasoning:
                for name in REASONING_FIELDS:
                    if _attr(message, name) is not None:
                        _set(message, name, None)
                content = _attr(message, "content")
                if isinstance(content, str):
                    _set(message, "content", strip_think(content))
            if spec.logprobs != "keep" and _attr(choice, "logprobs") is not None:
                _set(choice, "logprobs", None)
            content = _attr(message, "content")
            if canary and idx == 0 and isinstance(content, str):
                _set(message, "content", content + canary)
        return response

    async def clean_stream(self, data: Mapping[str, Any], chunks: Any) -> AsyncIterator[Any]:
        """Strip reasoning from a stream of chunk objects (think tags split across chunks)."""
        spec = self.spec_of(data)
        if spec is None:
            async for chunk in chunks:
                yield chunk
            return
        canary = self.canary_text(data, spec)
        strippers: dict[int, ThinkStripper] = {}
        async for chunk in chunks:
            for choice in _attr(chunk, "choices") or []:
                delta = _attr(choice, "delta")
                if delta is None:
                    continue
                idx = _attr(choice, "index") or 0
                if spec.strip_reasoning:
                    for name in REASONING_FIELDS:
                        if _attr(delta, name) is not None:
                            _set(delta, name, None)
                    stripper = strippers.setdefault(idx, ThinkStripper())
                    content = _attr(delta, "content")
                    if isinstance(content, str):
                        _set(delta, "content", stripper.feed(content))
                    if _attr(choice, "finish_reason") is not None:
                        tail = stripper.flush()
                        if tail:
                            _set(delta, "content", (_attr(delta, "content") or "") + tail)
                if canary and idx == 0 and _attr(choice, "finish_reason") is not None:
                    _set(delta, "content", (_attr(delta, "content") or "") + canary)
                    canary = None
            yield chunk

    def log(
        self,
        *,
        identity: Identity,
        fields: Mapping[str, Any],
        decision_record_: Mapping[str, Any] | None,
        status: int | None,
        request_id: str,
        tokens: tuple[int | None, int | None] = (None, None),
        ts: float | None = None,
    ) -> None:
        if self.decision_log is None:
            return
        rec = decision_record_ or {}
        self.decision_log.write(
            decision_record(
                ts=ts if ts is not None else time.time(),
                request=fields,
                identity=identity,
                request_id=request_id,
                status=status,
                action=str(rec.get("action", "allow")),
                rule_ids=list(rec.get("rule_ids", [])),
                score=rec.get("score"),
                signals=rec.get("signals"),
                log_text=self.cfg.log_text,
                extra={
                    "input_tokens": tokens[0],
                    "output_tokens": tokens[1],
                    "source": "distillwatch-litellm",
                },
            )
        )

    def log_standard_payload(self, kwargs: Mapping[str, Any], *, status: int) -> None:
        """One decision line from LiteLLM's ``standard_logging_object`` (logger callback)."""
        slo = kwargs.get("standard_logging_object") or {}
        meta = slo.get("metadata") or {}
        params = kwargs.get("litellm_params") or {}
        req_meta = params.get("metadata") if isinstance(params, Mapping) else None
        rec = req_meta.get(METADATA_KEY) if isinstance(req_meta, Mapping) else None
        if isinstance(rec, Mapping) and rec.get("action") in ("block", "throttle"):
            return  # the guardrail already logged its refusal
        account = next(
            (
                str(meta[k])
                for k in ("user_api_key_org_id", "user_api_key_team_id", "user_api_key_user_id")
                if meta.get(k)
            ),
            None,
        )
        key_hash = meta.get("user_api_key_hash")
        if account is None and key_hash:
            account = f"key:{key_hash[:16]}"
        identity = Identity(
            account_id=account,
            api_key_id=key_hash,
            end_user=slo.get("end_user") or None,
            client_ip=slo.get("requester_ip_address") or None,
            user_agent=slo.get("user_agent") or None,
            known_key=True,
        )
        body: dict[str, Any] = dict(slo.get("model_parameters") or {})
        body["model"] = slo.get("model")
        messages = slo.get("messages")
        operation = CALL_TYPES.get(str(slo.get("call_type")), "chat")
        if operation == "chat":
            body["messages"] = messages if isinstance(messages, list) else []
        fields = request_fields(body, operation=operation)
        start = slo.get("startTime")
        self.log(
            identity=identity,
            fields=fields,
            decision_record_=rec,
            status=status,
            request_id=str(slo.get("id") or f"dw-{uuid.uuid4().hex}"),
            tokens=(slo.get("prompt_tokens"), slo.get("completion_tokens")),
            ts=float(start) if isinstance(start, int | float) else None,
        )


def _set(obj: Any, name: str, value: Any) -> None:
    if isinstance(obj, dict):
        obj[name] = value
    else:
        setattr(obj, name, value)


def _build_classes() -> dict[str, type]:
    """Define the LiteLLM subclasses (imports LiteLLM, so only on first use)."""
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    from fastapi import HTTPException
    from litellm.integrations.custom_guardrail import CustomGuardrail
    from litellm.integrations.custom_logger import CustomLogger
    from litellm.proxy._types import ProxyException

    def raise_refusal(refusal: Refusal) -> None:
        if refusal.status == 403:
            raise HTTPException(
                status_code=403,
                detail={
                    "error": {
                        "message": refusal.message,
                        "type": "permission_error",
                        "code": "account_blocked",
                    }
                },
            )
        headers = {"retry-after": str(refusal.retry_after_s)} if refusal.retry_after_s else None
        raise ProxyException(
            message=refusal.message,
            type="rate_limit_error" if refusal.status == 429 else "invalid_request_error",
            param=None,
            code=refusal.status,
            headers=headers,
        )

    class DistillwatchGuardrail(CustomGuardrail):
        """LiteLLM guardrail: throttle (429), block (403) or degrade with the gateway policy."""

        def __init__(self, *, core: GuardrailCore | None = None, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.core = core or GuardrailCore()

        async def async_pre_call_hook(
            self, user_api_key_dict: Any, cache: Any, data: dict[str, Any], call_type: Any
        ) -> dict[str, Any]:
            data, refusal = await self.core.pre_call(user_api_key_dict, data, str(call_type))
            if refusal is not None:
                raise_refusal(refusal)
            return data

        async def async_post_call_success_hook(
            self, data: dict[str, Any], user_api_key_dict: Any, response: Any
        ) -> Any:
            return self.core.clean_response(data, response)

        async def async_post_call_streaming_iterator_hook(
            self, user_api_key_dict: Any, response: Any, request_data: dict[str, Any]
        ) -> AsyncIterator[Any]:
            async for chunk in self.core.clean_stream(request_data, response):
                yield chunk

    class DistillwatchLogger(CustomLogger):
        """LiteLLM callback: one decision-log line per finished call."""

        def __init__(self, *, core: GuardrailCore | None = None, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.core = core or GuardrailCore()

        async def async_log_success_event(
            self, kwargs: dict[str, Any], response_obj: Any, start_time: Any, end_time: Any
        ) -> None:
            self.core.log_standard_payload(kwargs, status=200)

        async def async_log_failure_event(
            self, kwargs: dict[str, Any], response_obj: Any, start_time: Any, end_time: Any
        ) -> None:
            exc = kwargs.get("exception")
            status = getattr(exc, "status_code", None) or getattr(exc, "code", None) or 500
            try:
                code = int(status)
            except (TypeError, ValueError):
                code = 500
            self.core.log_standard_payload(kwargs, status=code)

    return {
        "DistillwatchGuardrail": DistillwatchGuardrail,
        "DistillwatchLogger": DistillwatchLogger,
    }


def __getattr__(name: str) -> Any:
    # Module attributes built lazily so `import distillwatch.integrations.litellm` needs no
    # LiteLLM; `distillwatch_logger` is the instance LiteLLM's `callbacks:` list can name.
    if name in ("DistillwatchGuardrail", "DistillwatchLogger"):
        classes = _build_classes()
        globals().update(classes)
        return classes[name]
    if name == "distillwatch_logger":
        logger = __getattr__("DistillwatchLogger")()
        globals()["distillwatch_logger"] = logger
        return logger
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""The ASGI gateway: ``create_app(settings)`` builds everything once and returns a Starlette app.

Routes:
    POST /v1/chat/completions, /v1/completions, /v1/responses   scored, decided, proxied
    GET  /v1/models (and other /v1/* paths)                     proxied (caller must identify)
    POST /v1/check                                              JSON decision API
    *    /v1/check/{original path}                              Envoy ext_authz (HTTP service)
    POST /beta/litellm_basic_guardrail_api                      LiteLLM generic guardrail API
    GET  /metrics, /healthz                                     Prometheus, health
    *    /admin/...                                             allow-list / block (token)

A request's life: size and content-type checks -> identity (401) -> JSON (400) -> contract
fields -> decision (signals + window + findings + policy) -> 403 / 429 / degraded or plain
proxying -> one decision-log line when the response has ended (streams included).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import os
import re
import time
import uuid
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import anyio
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from distillwatch.config import Settings
from distillwatch.gateway import admin
from distillwatch.gateway.config import GatewayConfig
from distillwatch.gateway.contract import operation_for, request_fields
from distillwatch.gateway.decisions import DecisionLog, decision_record
from distillwatch.gateway.degrade import (
    DegradeSpec,
    SSEDegrader,
    degrade_request,
    degrade_response,
    strip_think,
)
from distillwatch.gateway.engine import (
    STATE_FAILURE_RULE,
    Decision,
    Enforcer,
    ingest_template_key,
)
from distillwatch.gateway.identity import (
    Identity,
    IdentityResolver,
    load_key_map,
    parse_networks,
)
from distillwatch.gateway.lists import FindingsIndex, FindingsWatcher
from distillwatch.gateway.metrics import GatewayMetrics
from distillwatch.gateway.policy import Policy
from distillwatch.gateway.proxy import (
    Upstream,
    UpstreamError,
    UpstreamResponse,
    openai_error,
    request_headers,
    response_headers,
    scan_usage,
    usage_of,
)
from distillwatch.gateway.state import make_state
from distillwatch.provenance.canary import Canary, CanaryLedger, CanaryMinter

log = logging.getLogger("distillwatch.gateway")

ROUTE_NAMES = {"chat": "chat", "text_completion": "completions", "responses": "responses"}
_ID_RE = re.compile(rb'"id"\s*:\s*"([^"]{1,200})"')
CLIENT_CLOSED = 499  # nginx's code for "client closed the request" (decision log only)


class _Reject(Exception):
    """An early answer (4xx) before any upstream work."""

    def __init__(self, status: int, body: bytes, headers: Mapping[str, str] | None = None):
        self.status = status
        self.body = body
        self.headers = dict(headers or {})


def _error_response(status: int, body: bytes, headers: Mapping[str, str] | None = None) -> Response:
    return Response(body, status_code=status, headers=headers, media_type="application/json")


_JSON_CTYPE = (b"content-type", b"application/json")


async def _send_whole(
    send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]]
) -> None:
    """One complete response in two ASGI messages (the raw path: no Response object)."""
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _send_error(
    send: Send, status: int, body: bytes, headers: Mapping[str, str] | None = None
) -> None:
    """What :func:`_error_response` sends, header for header, without building it."""
    raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
    raw.append((b"content-length", str(len(body)).encode()))
    raw.append(_JSON_CTYPE)
    await _send_whole(send, status, body, raw)


def _header_dict(raw: list[tuple[bytes, bytes]]) -> dict[str, str]:
    """ASGI headers (lower-case names) as a dict; the first of repeated headers wins, as with
    Starlette's ``Headers.get``."""
    out: dict[str, str] = {}
    for name, value in reversed(raw):
        out[name.decode("latin-1")] = value.decode("latin-1")
    return out


class _ClientGone(Exception):
    """The client disconnected before its request body arrived."""


async def _body_chunks(receive: Receive) -> AsyncIterator[bytes]:
    while True:
        message = await receive()
        if message["type"] != "http.request":
            raise _ClientGone
        chunk = message.get("body", b"")
        if chunk:
            yield chunk
        if not message.get("more_body", False):
            return


class _DisconnectAwareStream(StreamingResponse):
    """A streaming response that always watches for the client leaving, so a stalled
    upstream is abandoned as soon as the caller is gone (not at the next chunk)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async with anyio.create_task_group() as tg:

            async def stream() -> None:
                with contextlib.suppress(OSError):
                    await self.stream_response(send)
                tg.cancel_scope.cancel()

            tg.start_soon(stream)
            await self.listen_for_disconnect(receive)
            tg.cancel_scope.cancel()


@dataclass
class _Exchange:
    """What one proxied request has learned so far (for its decision-log line)."""

    started: float
    wall: float
    identity: Identity
    fields: dict[str, Any]
    decision: Decision | None
    route: str
    request_id: str
    status: int | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    reasoning_tokens: int | None = None
    error: str | None = None
    canary: Canary | None = None

    @classmethod
    def for_check(
        cls,
        identity: Identity,
        fields: dict[str, Any],
        decision: Decision,
        *,
        request_id: str | None,
        status: int,
    ) -> _Exchange:
        """A decision-endpoint exchange (nothing proxied): decided now, logged as ``check``."""
        return cls(
            started=time.perf_counter(),
            wall=time.time(),
            identity=identity,
            fields=fields,
            decision=decision,
            route="check",
            request_id=request_id or f"dw-{uuid.uuid4().hex}",
            status=status,
        )


def _lost_of(out: DecisionLog | CanaryLedger) -> Callable[[], float]:
    """A gauge callback: lines ``out`` could not write so far (read at scrape time)."""
    return lambda: float(out.lost)


class Gateway:
    """Every long-lived part of the gateway, built once from settings."""

    def __init__(self, settings: Settings) -> None:
        cfg: GatewayConfig = settings.gateway
        self.cfg = cfg
        self.metrics = GatewayMetrics()
        self.resolver = IdentityResolver(
            key_map=load_key_map(cfg.key_map) if cfg.key_map is not None else None,
            require_known_key=cfg.require_known_key,
            account_header=cfg.account_header,
            end_user_header=cfg.end_user_header,
            trusted_proxies=parse_networks(cfg.trusted_proxies, what="gateway.trusted_proxies"),
        )
        self.policy = Policy.from_file(cfg.policy) if cfg.policy else Policy.default()
        self.state = make_state(
            cfg.state,
            window_s=cfg.window_s,
            bucket_s=cfg.bucket_s,
            timeout_s=cfg.state_timeout_s,
            prefix=cfg.redis_prefix,
            max_accounts=cfg.max_memory_accounts,
        )
        self.findings = FindingsWatcher(
            cfg.findings, accounts_file=cfg.accounts_file, on_reload=self._on_reload
        )
        self._count_findings(self.findings.index)
        self.enforcer = Enforcer(
            policy=self.policy,
            state=self.state,
            findings=self.findings,
            fail_mode=cfg.fail_mode,
            on_state_error=lambda mode: self.metrics.state_errors.labels(mode).inc(),
            template_key=ingest_template_key() if cfg.template_keys else None,
        )
        self.upstream = Upstream(
            cfg.upstream,
            connect_timeout_s=cfg.connect_timeout_s,
            read_timeout_s=cfg.read_timeout_s,
            pool_timeout_s=cfg.pool_timeout_s,
            max_connections=cfg.max_connections,
            keepalive_s=cfg.keepalive_s,
        )
        self.upstream_key = (
            cfg.upstream_api_key.get_secret_value() if cfg.upstream_api_key else None
        )
        self.decision_log = DecisionLog(cfg.decision_log) if cfg.decision_log else None
        self.minter = (
            CanaryMinter(cfg.canary_key.get_secret_value().encode(), style=cfg.canary_style)
            if cfg.canary_key
            else None
        )
        self.ledger = CanaryLedger(cfg.canary_log) if cfg.canary_log and self.minter else None
        # Read at scrape time: a full disk shows on /metrics, not only in the error log.
        outputs: tuple[tuple[str, DecisionLog | CanaryLedger | None], ...] = (
            ("decision", self.decision_log),
            ("canary", self.ledger),
        )
        for name, out in outputs:
            if out is not None:
                self.metrics.log_lines_lost.labels(name).set_function(_lost_of(out))
        self._watch_task: asyncio.Task[None] | None = None
        log.info(
            "gateway: upstream=%s state=%s fail_mode=%s findings=%s decision_log=%s",
            self.upstream.base_url,
            self.state.name,
            cfg.fail_mode,
            cfg.findings,
            cfg.decision_log,
        )

    # ---- lifecycle -----------------------------------------------------------------------
    async def startup(self) -> None:
        if self.cfg.findings is not None or self.cfg.accounts_file is not None:
            self._watch_task = asyncio.create_task(self.findings.run(self.cfg.reload_interval_s))

    async def shutdown(self) -> None:
        if self._watch_task is not None:
            self._watch_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watch_task
        await self.upstream.aclose()
        await self.state.aclose()
        if self.decision_log is not None:
            self.decision_log.close()
        if self.ledger is not None:
            self.ledger.close()

    def _count_findings(self, index: FindingsIndex) -> None:
        for kind, n in index.counts().items():
            self.metrics.findings_entries.labels(kind).set(n)

    def _on_reload(self, result: str, index: FindingsIndex | None) -> None:
        self.metrics.findings_reloads.labels(result).inc()
        if index is not None:
            self._count_findings(index)

    # ---- request parsing -----------------------------------------------------------------
    async def read_json(self, request: Request) -> tuple[dict[str, Any], bytes]:
        """The JSON object body and its exact bytes (413, 415 and 400 as rejections)."""
        return await self.read_json_from(request.headers, request.stream())

    async def read_json_from(
        self, headers: Mapping[str, str], chunks: AsyncIterator[bytes]
    ) -> tuple[dict[str, Any], bytes]:
        """:meth:`read_json` over lower-case ``headers`` and the body's chunks."""
        limit = self.cfg.max_body_bytes
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            raise _Reject(
                413,
                openai_error(
                    f"request body exceeds {limit} bytes",
                    type_="invalid_request_error",
                    code="request_too_large",
                ),
            )
        ctype = headers.get("content-type", "")
        if ctype.split(";", 1)[0].strip().lower() != "application/json":
            raise _Reject(
                415,
                openai_error(
                    "content-type must be application/json",
                    type_="invalid_request_error",
                    code="unsupported_media_type",
                ),
            )
        parts: list[bytes] = []
        size = 0
        async for chunk in chunks:
            size += len(chunk)
            if size > limit:
                raise _Reject(
                    413,
                    openai_error(
                        f"request body exceeds {limit} bytes",
                        type_="invalid_request_error",
                        code="request_too_large",
                    ),
                )
            parts.append(chunk)
        raw = parts[0] if len(parts) == 1 else b"".join(parts)
        try:
            body = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise _Reject(
                400,
                openai_error(
                    f"request body is not valid JSON: {exc.msg if hasattr(exc, 'msg') else exc}",
                    type_="invalid_request_error",
                    code="invalid_json",
                ),
            ) from None
        if not isinstance(body, dict):
            raise _Reject(
                400,
                openai_error(
                    "request body must be a JSON object",
                    type_="invalid_request_error",
                    code="invalid_json",
                ),
            )
        return body, raw

    def identify(self, request: Request, body: Mapping[str, Any] | None) -> Identity:
        peer = request.client.host if request.client else None
        return self.identify_from(request.headers, peer, body)

    def identify_from(
        self, headers: Mapping[str, str], peer: str | None, body: Mapping[str, Any] | None
    ) -> Identity:
        """The caller of a request with lower-case ``headers`` (401 as a rejection)."""
        identity = self.resolver.resolve(headers, peer=peer, body=body)
        if identity.account_id is None:
            if identity.api_key_id is None:
                raise _Reject(
                    401,
                    openai_error(
                        "You didn't provide an API key. Send it as 'Authorization: Bearer KEY'.",
                        type_="invalid_request_error",
                        code="missing_api_key",
                    ),
                )
            raise _Reject(
                401,
                openai_error(
                    "Incorrect API key provided.",
                    type_="invalid_request_error",
                    code="invalid_api_key",
                ),
            )
        return identity

    # ---- decision outcomes ---------------------------------------------------------------
    def count_decision(self, decision: Decision) -> None:
        self.metrics.count_decision(
            decision.action, decision.rule_ids, decision.decision_ms / 1000.0
        )

    def refusal(self, decision: Decision) -> Response | None:
        """The 403/429/503 answer for a block or throttle decision (None otherwise)."""
        found = self.refusal_of(decision)
        return None if found is None else _error_response(found.status, found.body, found.headers)

    def refusal_of(self, decision: Decision) -> _Reject | None:
        """:meth:`refusal` as status, body and headers."""
        verdict = decision.verdict
        if decision.action == "block":
            if STATE_FAILURE_RULE in decision.rule_ids:
                return _Reject(
                    503,
                    openai_error(
                        verdict.message or "enforcement unavailable",
                        type_="server_error",
                        code="enforcement_unavailable",
                    ),
                    {"retry-after": "5"},
                )
            return _Reject(
                403,
                openai_error(
                    verdict.message or "This request was blocked by the provider's usage policies.",
                    type_="permission_error",
                    code="account_blocked",
                ),
            )
        if decision.action == "throttle":
            retry = verdict.retry_after_s or self.cfg.retry_after_s
            return _Reject(
                429,
                openai_error(
                    verdict.message or f"Rate limit reached. Please try again in {retry}s.",
                    type_="requests",
                    code="rate_limit_exceeded",
                ),
                {"retry-after": str(retry)},
            )
        return None

    def write_decision(self, ex: _Exchange) -> None:
        elapsed = time.perf_counter() - ex.started
        if ex.status is not None:
            self.metrics.count_request(ex.route, ex.status)
        self.metrics.observe_latency(ex.route, elapsed)
        if ex.canary is not None and self.ledger is not None and self.minter is not None:
            self.ledger.record(
                account_id=ex.identity.account_id or "anonymous",
                canary=ex.canary,
                request_id=ex.request_id,
                model=ex.fields.get("model"),
                style=self.minter.style,
            )
        if self.decision_log is None:
            return
        d = ex.decision
        extra: dict[str, Any] = {
            "input_tokens": ex.input_tokens,
            "output_tokens": ex.output_tokens,
            "reasoning_tokens": ex.reasoning_tokens,
            "latency_ms": round(elapsed * 1000.0, 3),
            "source": "distillwatch-gateway",
        }
        if d is not None:
            extra["decision_ms"] = round(d.decision_ms, 3)
            extra["account_score"] = d.account_score
            extra["template_key"] = d.template_key
            if d.stats.available:
                extra["state"] = {
                    "requests": d.stats.requests,
                    "rpm": round(d.stats.rpm, 3),
                    "intent_share": round(d.stats.intent_share, 4),
                    "distinct_ips": d.stats.distinct_ips,
                }
            if d.state_error is not None:
                extra["state_error"] = d.state_error
                extra["fail_mode"] = self.cfg.fail_mode
            if d.verdict.degrade is not None:
                extra["degrade"] = d.verdict.degrade.to_dict()
        if ex.error is not None:
            extra["error"] = ex.error
        if ex.canary is not None:
            extra["canary_id"] = ex.canary.canary_id
        self.decision_log.write(
            decision_record(
                ts=ex.wall,
                request=ex.fields,
                identity=ex.identity,
                request_id=ex.request_id,
                status=ex.status,
                action=d.action if d is not None else "allow",
                rule_ids=d.rule_ids if d is not None else (),
                score=d.score if d is not None else None,
                signals=d.signals if d is not None else None,
                log_text=self.cfg.log_text,
                extra=extra,
            )
        )

    def canary_for(self, identity: Identity, spec: DegradeSpec | None, ex: _Exchange) -> str | None:
        if spec is None or not spec.canary or self.minter is None or identity.account_id is None:
            return None
        canary = self.minter.mint(identity.account_id)
        ex.canary = canary  # recorded in the ledger with the decision (final request id)
        self.metrics.canaries.inc()
        return canary.text

    # ---- the inference path --------------------------------------------------------------
    # Raw ASGI (no Starlette Request, routing or middleware): this path runs on every proxied
    # request, and the framework's per-request machinery was a large share of its CPU.
    async def inference(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        wall = time.time()
        path: str = scope["path"]
        operation = operation_for(path)
        route = ROUTE_NAMES.get(operation or "", "other")
        headers = _header_dict(scope["headers"])
        client = scope.get("client")
        try:
            body, raw = await self.read_json_from(headers, _body_chunks(receive))
            identity = self.identify_from(headers, client[0] if client else None, body)
        except _Reject as rej:
            self.metrics.count_request(route, rej.status)
            await _send_error(send, rej.status, rej.body, rej.headers)
            return
        except _ClientGone:
            return  # nothing was decided; nobody is left to answer
        fields = request_fields(body, operation=operation)
        decision = await self.enforcer.decide(fields, identity)
        self.count_decision(decision)
        ex = _Exchange(
            started=started,
            wall=wall,
            identity=identity,
            fields=fields,
            decision=decision,
            route=route,
            request_id=headers.get("x-request-id") or f"dw-{uuid.uuid4().hex}",
        )
        refused = self.refusal_of(decision)
        if refused is not None:
            ex.status = refused.status
            self.write_decision(ex)
            await _send_error(send, refused.status, refused.body, refused.headers)
            return
        spec = decision.verdict.degrade if decision.action == "degrade" else None
        content = raw  # the caller's exact bytes unless degrading rewrites them
        if spec is not None:
            new_body, refusal = degrade_request(body, spec, operation)
            if refusal is not None:
                ex.status = 400
                self.write_decision(ex)
                await _send_error(
                    send,
                    400,
                    openai_error(
                        refusal,
                        type_="invalid_request_error",
                        param="logprobs",
                        code="logprobs_unavailable",
                    ),
                )
                return
            content = json.dumps(new_body, separators=(",", ":")).encode()
        await self.forward(
            scope, receive, send, ex, spec=spec, operation=operation, content=content
        )

    async def forward(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        ex: _Exchange,
        *,
        spec: DegradeSpec | None,
        operation: str | None,
        content: bytes,
    ) -> None:
        headers = request_headers(scope["headers"], upstream_key=self.upstream_key)
        try:
            upstream = await self.upstream.open(
                scope["method"],
                scope["path"],
                query=scope.get("query_string", b""),
                headers=headers,
                content=content,
            )
        except UpstreamError as err:
            await self.upstream_failed(ex, err)(scope, receive, send)
            return
        ctype = upstream.content_type
        canary = self.canary_for(ex.identity, spec, ex) if upstream.status_code < 400 else None
        if ctype.startswith("text/event-stream"):
            stream = _with_headers(
                _DisconnectAwareStream(
                    self.relay_stream(upstream, ex, spec, operation, canary),
                    status_code=upstream.status_code,
                ),
                upstream,
            )
            await stream(scope, receive, send)
            return
        try:
            raw = await upstream.read()
        except UpstreamError as err:
            await self.upstream_failed(ex, err)(scope, receive, send)
            return
        finally:
            await upstream.aclose()
        ex.status = upstream.status_code
        out = raw
        if ctype.startswith("application/json") and raw and spec is None:
            # Passing through: read usage and id without parsing the whole completion.
            ex.input_tokens, ex.output_tokens, ex.reasoning_tokens = scan_usage(raw)
            found = _ID_RE.search(raw, 0, 400)
            if found and upstream.status_code < 400:
                ex.request_id = found.group(1).decode("utf-8", "replace")
        elif ctype.startswith("application/json") and raw:
            try:
                payload = json.loads(raw)
            except json.JSONDecodeError:
                payload = None
            if isinstance(payload, dict):
                ex.input_tokens, ex.output_tokens, ex.reasoning_tokens = usage_of(payload)
                if isinstance(payload.get("id"), str) and upstream.status_code < 400:
                    ex.request_id = payload["id"]
                if spec is not None and upstream.status_code < 400:
                    out = json.dumps(
                        degrade_response(payload, spec, operation, canary=canary),
                        separators=(",", ":"),
                        ensure_ascii=False,
                    ).encode()
        self.write_decision(ex)
        status = upstream.status_code
        # The upstream's headers pass as raw pairs (repeated ones such as set-cookie apart).
        head = response_headers(upstream.raw_headers)
        if not (status < 200 or status in (204, 304)):  # as Starlette's Response does
            head.insert(0, (b"content-length", str(len(out)).encode()))
        await _send_whole(send, status, out, head)

    def upstream_failed(self, ex: _Exchange, err: UpstreamError) -> Response:
        self.metrics.upstream_errors.labels(err.kind).inc()
        ex.status = err.status
        ex.error = f"{err.kind}: {err}"
        self.write_decision(ex)
        code = "upstream_timeout" if err.kind == "timeout" else "upstream_unavailable"
        return _error_response(
            err.status, openai_error(str(err), type_="upstream_error", code=code)
        )

    async def relay_stream(
        self,
        upstream: UpstreamResponse,
        ex: _Exchange,
        spec: DegradeSpec | None,
        operation: str | None,
        canary: str | None,
    ) -> AsyncIterator[bytes]:
        """Pass an SSE stream through (or rewrite it when degrading), chunk by chunk."""
        ex.status = upstream.status_code
        degrader = SSEDegrader(spec, operation, canary=canary) if spec is not None else None
        buf = b""
        finished = False
        want_id = ex.request_id.startswith("dw-")
        try:
            async for chunk in upstream.aiter():
                if want_id:  # the upstream's response id joins our line to its logs
                    want_id = False
                    found = _ID_RE.search(chunk)
                    if found:
                        ex.request_id = found.group(1).decode("utf-8", "replace")
                if degrader is None:
                    yield chunk  # untouched bytes, as they arrive
                    if b'"usage"' in chunk or buf:
                        buf = self._scan_usage(buf + chunk, ex)
                    continue
                buf += chunk.replace(b"\r\n", b"\n")
                while b"\n\n" in buf:
                    event, buf = buf.split(b"\n\n", 1)
                    out = self._rewrite_event(event, degrader, ex)
                    if out:
                        yield out
            if degrader is not None and buf.strip():
                out = self._rewrite_event(buf, degrader, ex)
                if out:
                    yield out
            finished = True
        except UpstreamError as err:
            self.metrics.upstream_errors.labels(err.kind).inc()
            ex.status = err.status
            ex.error = f"{err.kind} mid-stream: {err}"
            # Headers are gone already: tell the client in-band, as OpenAI streams do.
            yield (
                b"data: "
                + openai_error(
                    f"{err} mid-stream",
                    type_="upstream_error",
                    code="upstream_timeout" if err.kind == "timeout" else "upstream_unavailable",
                )
                + b"\n\n"
            )
            finished = True
        finally:
            if not finished:
                # Cancelled: the client went away. Release the upstream connection promptly.
                ex.status = CLIENT_CLOSED
                ex.error = "client disconnected mid-stream"
                self.metrics.client_disconnects.inc()
            with anyio.CancelScope(shield=True):
                await upstream.aclose()
                self.write_decision(ex)

    def _scan_usage(self, buf: bytes, ex: _Exchange) -> bytes:
        """Find token usage in pass-through SSE bytes; returns the incomplete tail."""
        *events, tail = buf.replace(b"\r\n", b"\n").split(b"\n\n")
        for event in events:
            if b'"usage"' not in event:
                continue
            for line in event.split(b"\n"):
                if line.startswith(b"data:"):
                    with contextlib.suppress(ValueError):
                        payload = json.loads(line[5:])
                        if isinstance(payload, dict):
                            inp, out, rsn = usage_of(payload)
                            if inp is not None or out is not None:
                                ex.input_tokens, ex.output_tokens = inp, out
                                ex.reasoning_tokens = rsn
        return tail if b'"usage"' in tail else b""

    def _rewrite_event(self, event: bytes, degrader: SSEDegrader, ex: _Exchange) -> bytes:
        name: str | None = None
        data_lines: list[bytes] = []
        other: list[bytes] = []
        for line in event.split(b"\n"):
            if line.startswith(b"data:"):
                data_lines.append(line[5:].lstrip(b" "))
            elif line.startswith(b"event:"):
                name = line[6:].strip().decode("utf-8", "replace")
            elif line:
                other.append(line)
        if not data_lines:
            return event + b"\n\n" if event.strip() else b""
        data = b"\n".join(data_lines)
        if data.strip() == b"[DONE]":
            return event + b"\n\n"
        try:
            payload = json.loads(data)
        except ValueError:
            return event + b"\n\n"
        if not isinstance(payload, dict):
            return event + b"\n\n"
        inp, out, rsn = usage_of(payload)
        if inp is not None or out is not None:
            ex.input_tokens, ex.output_tokens, ex.reasoning_tokens = inp, out, rsn
        parts: list[bytes] = []
        for item in degrader.event(payload):
            head = b"".join(line + b"\n" for line in other)
            ev = item.get("type") if name is not None and item is not payload else name
            if ev:
                head += b"event: " + str(ev).encode() + b"\n"
            body = json.dumps(item, separators=(",", ":"), ensure_ascii=False).encode()
            parts.append(head + b"data: " + body + b"\n\n")
        return b"".join(parts)

    # ---- pass-through paths --------------------------------------------------------------
    async def passthrough(self, request: Request) -> Response:
        started = time.perf_counter()
        try:
            self.identify(request, None)
        except _Reject as rej:
            return _error_response(rej.status, rej.body, rej.headers)
        headers = request_headers(request.headers.raw, upstream_key=self.upstream_key)
        body = await request.body()
        try:
            upstream = await self.upstream.open(
                request.method,
                request.url.path,
                query=request.scope.get("query_string", b""),
                headers=headers,
                content=body or None,
            )
            raw = await upstream.read()
            await upstream.aclose()
        except UpstreamError as err:
            self.metrics.upstream_errors.labels(err.kind).inc()
            return _error_response(err.status, openai_error(str(err), type_="upstream_error"))
        route = "models" if request.url.path.startswith("/v1/models") else "other"
        self.metrics.count_request(route, upstream.status_code)
        self.metrics.observe_latency(route, time.perf_counter() - started)
        return _with_headers(Response(raw, status_code=upstream.status_code), upstream)

    # ---- decision endpoints --------------------------------------------------------------
    def check_authorised(self, request: Request) -> bool:
        token = self.cfg.check_token
        if token is None:
            return True
        given = request.headers.get("x-distillwatch-check-token", "")
        return hmac.compare_digest(given.encode(), token.get_secret_value().encode())

    async def check_body(self, request: Request) -> dict[str, Any] | Response:
        """The JSON body of a decision-endpoint call, or the error response to send instead."""
        if not self.check_authorised(request):
            return _error_response(401, openai_error("bad check token", type_="auth_error"))
        try:
            body, _ = await self.read_json(request)
        except _Reject as rej:
            return _error_response(rej.status, rej.body, rej.headers)
        return body

    async def check(self, request: Request) -> Response:
        """JSON decision API: ``{"request": {...}, "path": ..., "account_id": ..., ...}``."""
        body_or_error = await self.check_body(request)
        if isinstance(body_or_error, Response):
            return body_or_error
        body = body_or_error
        req = body.get("request")
        if not isinstance(req, dict):
            return _error_response(
                400,
                openai_error(
                    "'request' must be the OpenAI request body (an object)",
                    type_="invalid_request_error",
                    param="request",
                ),
            )
        path = str(body.get("path") or "/v1/chat/completions")
        operation = operation_for(path) or "chat"
        identity = Identity(
            account_id=_opt_str(body.get("account_id")),
            api_key_id=_opt_str(body.get("api_key_id")),
            end_user=_opt_str(body.get("end_user")) or _opt_str(req.get("user")),
            client_ip=_opt_str(body.get("client_ip")),
            user_agent=_opt_str(body.get("user_agent")),
            known_key=True,
        )
        if identity.account_id is None:
            return _error_response(
                400,
                openai_error(
                    "'account_id' is required", type_="invalid_request_error", param="account_id"
                ),
            )
        fields = request_fields(req, operation=operation)
        decision = await self.enforcer.decide(fields, identity, record=not body.get("dry_run"))
        self.count_decision(decision)
        refusal = self.refusal(decision)
        status = refusal.status_code if refusal is not None else 200
        ex = _Exchange.for_check(
            identity, fields, decision, request_id=_opt_str(body.get("request_id")), status=status
        )
        if not body.get("dry_run"):
            self.write_decision(ex)
        return JSONResponse(decision_json(decision, status=status, cfg=self.cfg))

    async def envoy_check(self, request: Request) -> Response:
        """Envoy ext_authz HTTP service: 200 allows; 403/429 are returned to the client."""
        if not self.check_authorised(request):
            return _error_response(401, openai_error("bad check token", type_="auth_error"))
        original = "/" + request.path_params.get("path", "").lstrip("/")
        operation = operation_for(original)
        body: dict[str, Any] = {}
        try:
            if operation is not None and request.headers.get("content-length", "0") != "0":
                body, _ = await self.read_json(request)
            identity = self.identify(request, body)
        except _Reject as rej:
            return _error_response(rej.status, rej.body, rej.headers)
        if operation is None:
            return Response(status_code=200, headers={"x-distillwatch-action": "allow"})
        fields = request_fields(body, operation=operation)
        decision = await self.enforcer.decide(fields, identity)
        self.count_decision(decision)
        refusal = self.refusal(decision)
        ex = _Exchange.for_check(
            identity,
            fields,
            decision,
            request_id=request.headers.get("x-request-id"),
            status=refusal.status_code if refusal is not None else 200,
        )
        self.write_decision(ex)
        if refusal is not None:
            return refusal
        headers = {"x-distillwatch-action": decision.action}
        if decision.verdict.degrade is not None:
            headers["x-distillwatch-degrade"] = json.dumps(
                decision.verdict.degrade.to_dict(), separators=(",", ":")
            )
        return Response(status_code=200, headers=headers)

    async def litellm_guardrail(self, request: Request) -> Response:
        """LiteLLM's generic guardrail API (``/beta/litellm_basic_guardrail_api``)."""
        body_or_error = await self.check_body(request)
        if isinstance(body_or_error, Response):
            return body_or_error
        body = body_or_error
        meta = body.get("request_data") or {}
        if not isinstance(meta, dict):
            meta = {}
        account = next(
            (
                str(meta[k])
                for k in ("user_api_key_org_id", "user_api_key_team_id", "user_api_key_user_id")
                if meta.get(k)
            ),
            None,
        )
        headers = body.get("request_headers") or {}
        identity = Identity(
            account_id=account
            or (f"key:{meta['user_api_key_hash'][:16]}" if meta.get("user_api_key_hash") else None),
            api_key_id=_opt_str(meta.get("user_api_key_hash")),
            end_user=_opt_str(meta.get("user_api_key_end_user_id")),
            client_ip=None,
            user_agent=_opt_str(headers.get("user-agent")) if isinstance(headers, dict) else None,
            known_key=True,
        )
        if identity.account_id is None:
            return JSONResponse({"action": "NONE"})
        messages = body.get("structured_messages")
        texts = [t for t in body.get("texts") or [] if isinstance(t, str)]
        if not isinstance(messages, list):
            messages = [{"role": "user", "content": texts[-1]}] if texts else []
        req = {"model": body.get("model"), "messages": messages}
        fields = request_fields(req, operation="chat")
        is_response = body.get("input_type") == "response"
        decision = await self.enforcer.decide(fields, identity, record=not is_response)
        if not is_response:
            self.count_decision(decision)
            ex = _Exchange.for_check(
                identity,
                fields,
                decision,
                request_id=_opt_str(body.get("litellm_call_id")),
                status=403 if decision.action in ("block", "throttle") else 200,
            )
            self.write_decision(ex)
            if decision.action in ("block", "throttle"):
                reason = decision.verdict.message or (
                    "rate limited" if decision.action == "throttle" else "blocked by policy"
                )
                return JSONResponse({"action": "BLOCKED", "blocked_reason": reason})
            return JSONResponse({"action": "NONE"})
        spec = decision.verdict.degrade if decision.action == "degrade" else None
        if spec is None or not texts:
            return JSONResponse({"action": "NONE"})
        cleaned = [strip_think(t) if spec.strip_reasoning else t for t in texts]
        if spec.canary and self.minter is not None:
            cleaned[0] += self.minter.mint(identity.account_id).text
        return JSONResponse({"action": "GUARDRAIL_INTERVENED", "texts": cleaned})

    async def healthz(self, request: Request) -> Response:
        state_ok = await self.state.ping()
        body = {
            "status": "ok" if state_ok or self.cfg.fail_mode == "open" else "degraded",
            "state": {"backend": self.state.name, "ok": state_ok, "fail_mode": self.cfg.fail_mode},
            "findings": {"version": self.findings.index.version, "reloads": self.findings.reloads},
            "policy": {"source": self.policy.source, "rules": len(self.policy.rules)},
        }
        return JSONResponse(body, status_code=200 if body["status"] == "ok" else 503)

    async def metrics_endpoint(self, request: Request) -> Response:
        from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

        return Response(generate_latest(self.metrics.registry), media_type=CONTENT_TYPE_LATEST)


def _with_headers(response: Response, upstream: UpstreamResponse) -> Response:
    """Add the upstream's headers as raw pairs (repeated ones such as set-cookie stay apart)."""
    response.raw_headers.extend(response_headers(upstream.raw_headers))
    return response


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def decision_json(decision: Decision, *, status: int, cfg: GatewayConfig) -> dict[str, Any]:
    """The JSON answer of ``/v1/check``."""
    v = decision.verdict
    return {
        "action": decision.action,
        "allowed": decision.action not in ("block", "throttle"),
        "status": status,
        "rule_ids": list(decision.rule_ids),
        "retry_after": (v.retry_after_s or cfg.retry_after_s)
        if decision.action == "throttle"
        else None,
        "degrade": v.degrade.to_dict() if v.degrade is not None else None,
        "message": v.message,
        "score": decision.score,
        "account_score": decision.account_score,
        "signals": {
            k: (val.item() if hasattr(val, "item") else val) for k, val in decision.signals.items()
        },
        "state": None
        if not decision.stats.available
        else {
            "requests": decision.stats.requests,
            "rpm": decision.stats.rpm,
            "intent_share": decision.stats.intent_share,
            "distinct_ips": decision.stats.distinct_ips,
            "distinct_templates": decision.stats.distinct_templates,
        },
        "state_error": decision.state_error,
    }


def create_app(
    settings: Settings,
) -> Starlette:
    """Build the gateway (policy, state, findings, upstream pool) once; return the ASGI app."""
    gw = Gateway(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await gw.startup()
        try:
            yield
        finally:
            await gw.shutdown()

    routes = [
        Route("/v1/check", gw.check, methods=["POST"]),
        Route(
            "/v1/check/{path:path}",
            gw.envoy_check,
            methods=["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"],
        ),
        Route("/beta/litellm_basic_guardrail_api", gw.litellm_guardrail, methods=["POST"]),
        Route("/healthz", gw.healthz, methods=["GET"]),
        Route("/metrics", gw.metrics_endpoint, methods=["GET"]),
        *admin.routes(gw.state, token=gw.cfg.admin_token),
        Route("/v1/{path:path}", gw.passthrough, methods=["GET", "POST", "DELETE"]),
    ]
    app = GatewayApp(gw, routes=routes, lifespan=lifespan)
    app.state.gateway = gw
    return app


INFERENCE_PATHS = frozenset(
    {"/v1/chat/completions", "/v1/completions", "/v1/responses"}
    | {p + "/" for p in ("/v1/chat/completions", "/v1/completions", "/v1/responses")}
)


class GatewayApp(Starlette):
    """The Starlette app, with the scored inference routes served before its router.

    ``POST`` to an inference path goes straight to :meth:`Gateway.inference` (raw ASGI);
    everything else (check endpoints, admin, metrics, other methods on those paths, which
    answer 405) goes through Starlette as usual.
    """

    def __init__(self, gateway: Gateway, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._inference = gateway.inference

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["path"] in INFERENCE_PATHS
            and scope["method"] == "POST"
        ):
            await self._inference(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


SERVE_SPEC_ENV = "DISTILLWATCH_SERVE_SPEC"


def serve_settings(config: str | None, overrides: Mapping[str, Any]) -> Settings:
    """Settings from a file (and ``DISTILLWATCH_*`` variables) with ``serve`` options on top."""
    from distillwatch.config import load_settings
    from distillwatch.exceptions import ConfigError

    settings = load_settings(config)
    try:
        gateway_cfg = GatewayConfig.model_validate({**settings.gateway.model_dump(), **overrides})
    except ValueError as exc:
        raise ConfigError(f"invalid serve option: {exc}") from exc
    return Settings.model_validate({**settings.model_dump(), "gateway": gateway_cfg})


def app_from_env() -> Starlette:
    """App factory for ``uvicorn --factory`` worker processes (``serve --workers N``).

    Each worker rebuilds its settings from the same file, environment and options as the
    parent (passed in ``DISTILLWATCH_SERVE_SPEC`` without secrets), so secrets never travel
    through the environment in clear beyond where the operator put them.
    """
    import gc

    spec = json.loads(os.environ.get(SERVE_SPEC_ENV, "{}"))
    app = create_app(serve_settings(spec.get("config"), spec.get("overrides", {})))
    gc.collect()
    gc.freeze()  # long-lived objects out of the collector's sight, as `serve` does
    return app

"""The upstream side: one pooled ``httpx.AsyncClient`` and faithful header handling.

Requests go upstream with the caller's headers minus hop-by-hop ones (and with the caller's
``Authorization`` replaced when the gateway holds its own upstream key). Responses come back
with the upstream's status and headers, minus hop-by-hop ones and the length (recomputed). The
gateway asks for ``identity`` encoding so it can read usage and degrade bodies; the hop from
gateway to upstream is normally local. httpx errors are translated here, at the boundary, into
:class:`UpstreamError` with the status the caller should see (502 unreachable, 504 timeout).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import httpx

from distillwatch.exceptions import GatewayError

HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "trailers",
        "transfer-encoding",
        "upgrade",
        "host",
        "content-length",
        "accept-encoding",
        "content-encoding",
    }
)


class UpstreamError(GatewayError):
    """The upstream could not be reached or did not answer in time."""

    def __init__(self, message: str, *, kind: str, status: int) -> None:
        self.kind = kind  # timeout | connect | reset | other
        self.status = status
        super().__init__(message)


def openai_error(
    message: str, *, type_: str, code: str | None = None, param: str | None = None
) -> bytes:
    """An OpenAI-shaped error body."""
    return json.dumps(
        {"error": {"message": message, "type": type_, "param": param, "code": code}},
        separators=(",", ":"),
    ).encode()


def translate(exc: Exception) -> UpstreamError:
    """Map an httpx exception to an :class:`UpstreamError` (status and kind for the caller)."""
    if isinstance(exc, UpstreamError):
        return exc
    if isinstance(exc, httpx.TimeoutException):
        return UpstreamError(
            f"upstream timed out ({type(exc).__name__})", kind="timeout", status=504
        )
    if isinstance(exc, httpx.ConnectError):
        return UpstreamError("upstream unreachable", kind="connect", status=502)
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return UpstreamError("upstream closed the connection", kind="reset", status=502)
    return UpstreamError(f"upstream error ({type(exc).__name__})", kind="other", status=502)


def request_headers(
    headers: Iterable[tuple[bytes, bytes]], *, upstream_key: str | None
) -> list[tuple[bytes, bytes]]:
    """Headers to send upstream (raw ASGI pairs in, raw pairs out)."""
    out: list[tuple[bytes, bytes]] = []
    for name, value in headers:
        lname = name.lower()
        if lname.decode("latin-1") in HOP_BY_HOP:
            continue
        if upstream_key is not None and lname in (b"authorization", b"api-key"):
            continue
        out.append((name, value))
    if upstream_key is not None:
        out.append((b"authorization", b"Bearer " + upstream_key.encode("latin-1")))
    out.append((b"accept-encoding", b"identity"))
    return out


def response_headers(headers: httpx.Headers) -> list[tuple[bytes, bytes]]:
    """Upstream response headers to pass back (lengths and hop-by-hop headers dropped)."""
    return [(k, v) for k, v in headers.raw if k.lower().decode("latin-1") not in HOP_BY_HOP]


class Upstream:
    """A pooled client for one upstream base URL."""

    def __init__(
        self,
        base_url: str,
        *,
        connect_timeout_s: float,
        read_timeout_s: float,
        write_timeout_s: float,
        pool_timeout_s: float,
        max_connections: int,
        max_keepalive_connections: int,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.client = httpx.AsyncClient(
            base_url=self.base_url,
            timeout=httpx.Timeout(
                connect=connect_timeout_s,
                read=read_timeout_s,
                write=write_timeout_s,
                pool=pool_timeout_s,
            ),
            limits=httpx.Limits(
                max_connections=max_connections,
                max_keepalive_connections=max_keepalive_connections,
            ),
            follow_redirects=False,
            trust_env=False,  # proxies from the environment must not capture model traffic
            transport=transport,
        )

    async def open(
        self,
        method: str,
        path: str,
        *,
        query: bytes,
        headers: list[tuple[bytes, bytes]],
        content: bytes | None,
    ) -> httpx.Response:
        """Send a request and return the response with its body not yet read."""
        url = path + ("?" + query.decode("latin-1") if query else "")
        request = self.client.build_request(method, url, headers=headers, content=content)
        try:
            return await self.client.send(request, stream=True)
        except httpx.HTTPError as exc:
            raise translate(exc) from exc

    async def aclose(self) -> None:
        await self.client.aclose()


def usage_of(payload: Mapping[str, Any]) -> tuple[int | None, int | None, int | None]:
    """(input, output, reasoning) tokens of a response or final stream chunk, when present."""
    usage = payload.get("usage")
    if not isinstance(usage, Mapping) and isinstance(payload.get("response"), Mapping):
        usage = payload["response"].get("usage")
    if not isinstance(usage, Mapping):
        return None, None, None
    inp = usage.get("prompt_tokens", usage.get("input_tokens"))
    out = usage.get("completion_tokens", usage.get("output_tokens"))
    details = usage.get("completion_tokens_details") or usage.get("output_tokens_details")
    reasoning = details.get("reasoning_tokens") if isinstance(details, Mapping) else None
    return (
        inp if isinstance(inp, int) else None,
        out if isinstance(out, int) else None,
        reasoning if isinstance(reasoning, int) else None,
    )

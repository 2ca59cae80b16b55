"""The upstream HTTP/1.1 client against a raw socket server that answers with crafted bytes:
lengths, chunks, bodies ended by the close, gzip, keep-alive reuse, stalls and resets."""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import Awaitable, Callable

import pytest

from distillwatch.gateway.proxy import Upstream, UpstreamError

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


async def _read_request(reader: asyncio.StreamReader) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    return head + (await reader.readexactly(length) if length else b"")


async def _with_server(handler: Handler, run: Callable[[Upstream], Awaitable[None]]) -> int:
    """Serve ``handler`` on a free port, run ``run`` against it; returns connections made."""
    connections = 0

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        try:
            await handler(reader, writer)
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    upstream = Upstream(
        f"http://127.0.0.1:{port}",
        connect_timeout_s=2,
        read_timeout_s=0.5,
        pool_timeout_s=2,
        max_connections=4,
        keepalive_s=30,
    )
    try:
        await run(upstream)
    finally:
        await upstream.aclose()
        server.close()
    return connections


async def _get(upstream: Upstream, path: str = "/v1/x") -> tuple[int, bytes]:
    resp = await upstream.open("POST", path, query=b"a=1", headers=[], content=b"{}")
    try:
        return resp.status_code, await resp.read()
    finally:
        await resp.aclose()


def test_keep_alive_connection_is_reused_and_request_is_well_formed() -> None:
    seen: list[bytes] = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            seen.append(await _read_request(reader))
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Up: 1\r\n\r\nhello")
            await writer.drain()

    async def run(up: Upstream) -> None:
        for _ in range(3):
            assert await _get(up) == (200, b"hello")

    assert asyncio.run(_with_server(handler, run)) == 1  # three requests, one connection
    first = seen[0].split(b"\r\n")
    assert first[0] == b"POST /v1/x?a=1 HTTP/1.1" and first[1].startswith(b"Host: 127.0.0.1:")
    assert seen[0].endswith(b"Content-Length: 2\r\n\r\n{}")


def test_chunked_gzip_interim_and_close_delimited_bodies() -> None:
    packed = gzip.compress(b'{"ok":true}')
    answers = [
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n%s"
        % (len(packed), packed),
        b"HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end",
    ]

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while answers:
            await _read_request(reader)
            answer = answers.pop(0)
            writer.write(answer)
            await writer.drain()
            if b"Connection: close" in answer:
                return  # the body ends with the connection

    async def run(up: Upstream) -> None:
        assert await _get(up) == (200, b"abcde")
        assert await _get(up) == (200, b'{"ok":true}')
        assert await _get(up) == (200, b"ok")  # after an interim 103 response
        assert await _get(up) == (200, b"until the end")

    asyncio.run(_with_server(handler, run))


def test_stalled_head_times_out_and_reset_body_is_an_error() -> None:
    async def stall(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _read_request(reader)
        await asyncio.sleep(2)

    async def reset(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part")
        await writer.drain()
        writer.transport.abort()

    async def expect(kind: str, up: Upstream) -> None:
        with pytest.raises(UpstreamError) as info:
            await _get(up)
        assert info.value.kind == kind

    asyncio.run(_with_server(stall, lambda up: expect("timeout", up)))
    asyncio.run(_with_server(reset, lambda up: expect("reset", up)))


def test_unreachable_upstream_is_a_connect_error() -> None:
    async def run() -> None:
        server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        server.close()
        await server.wait_closed()
        up = Upstream(
            f"http://127.0.0.1:{port}",
            connect_timeout_s=1,
            read_timeout_s=1,
            pool_timeout_s=1,
            max_connections=1,
            keepalive_s=5,
        )
        with pytest.raises(UpstreamError) as info:
            await _get(up)
        assert info.value.kind == "connect" and info.value.status == 502
        await up.aclose()

    asyncio.run(run())

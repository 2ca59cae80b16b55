"""A small pooled HTTP/1.1 client for the upstream: keep-alive connections, one write per
request, responses parsed by ``httptools`` (the C parser uvicorn uses).

Why not a general client: on the gateway's hot path the upstream client's own CPU was the
largest cost after the signals. aiohttp spent about 170 us per request here (request and
response objects, multidicts, timers, its stream reader); this client does what a proxy
needs (send bytes, relay bytes) in about a third of that. It supports what the gateway
needs and nothing more: ``http://`` and ``https://`` base URLs, request bodies given whole,
responses with a length, chunked or ended by the close, gzip/deflate bodies decoded,
per-chunk read timeouts, a pool-wait timeout and a connection cap.

Errors are the standard ones (``ConnectionError``, ``OSError``, ``TimeoutError``); the proxy
module turns them into :class:`~distillwatch.gateway.proxy.UpstreamError`.
"""

from __future__ import annotations

import asyncio
import collections
import ssl
import time
import zlib
from collections.abc import AsyncIterator
from typing import cast
from urllib.parse import urlsplit

import httptools

_READ_HIGH_WATER = 1 << 20  # stop reading a socket whose body nobody consumes beyond this


class ConnectFailed(ConnectionError):
    """The upstream could not be connected to (refused, unreachable, name unknown)."""


class _Connection(asyncio.Protocol):
    """One keep-alive connection; one request at a time."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.lost = False
        self.idle_since = 0.0
        self._reset()

    def _reset(self) -> None:
        self.parser = httptools.HttpResponseParser(self)
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []
        self.head_done: asyncio.Future[None] | None = None
        self.chunks: collections.deque[bytes] = collections.deque()
        self.buffered = 0
        self.paused = False
        self.complete = False
        self.until_close = False
        self.keep_alive = False
        self.error: BaseException | None = None
        self.wakeup: asyncio.Future[None] | None = None
        self.got_bytes = False

    # ---- asyncio.Protocol ----------------------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports are not asyncio.Transport subclasses, but behave as one.
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        self.got_bytes = True
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._fail(ConnectionError(f"malformed upstream response: {exc}"))
            if self.transport is not None:
                self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost = True
        if self.until_close and self.head_done is not None and self.head_done.done():
            self.complete = True  # a body without length or chunks ends with the connection
            self._wake()
        elif not self.complete:
            self._fail(exc or ConnectionResetError("upstream closed the connection"))

    # ---- httptools callbacks --------------------------------------------------------------
    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers.append((name, value))

    def on_headers_complete(self) -> None:
        self.status = self.parser.get_status_code()
        if 100 <= self.status < 200:  # interim (103 Early Hints...): the real head follows
            self.headers = []
            return
        # Asked now: llhttp answers for the message being parsed (after it, for the next).
        self.keep_alive = self.parser.should_keep_alive()
        lengthless = True
        for name, value in self.headers:
            lname = name.lower()
            if lname == b"content-length" or (
                lname == b"transfer-encoding" and b"chunked" in value.lower()
            ):
                lengthless = False
        no_body = self.status < 200 or self.status in (204, 304)
        self.until_close = lengthless and not no_body
        if self.head_done is not None and not self.head_done.done():
            self.head_done.set_result(None)

    def on_body(self, body: bytes) -> None:
        self.chunks.append(body)
        self.buffered += len(body)
        if self.buffered > _READ_HIGH_WATER and not self.paused and self.transport is not None:
            self.paused = True
            self.transport.pause_reading()
        self._wake()

    def on_message_complete(self) -> None:
        if 100 <= self.status < 200:
            return  # the end of an interim response
        self.complete = True
        self._wake()

    # ---- helpers ---------------------------------------------------------------------------
    def _wake(self) -> None:
        if self.wakeup is not None and not self.wakeup.done():
            self.wakeup.set_result(None)

    def _fail(self, exc: BaseException) -> None:
        self.error = exc
        if self.head_done is not None and not self.head_done.done():
            self.head_done.set_exception(exc)
            self.head_done.exception()  # read here too: a caller that timed out is gone
        self._wake()

    def reusable(self, keepalive_s: float) -> bool:
        return (
            not self.lost
            and self.transport is not None
            and not self.transport.is_closing()
            and time.monotonic() - self.idle_since < keepalive_s
        )

    def start(self, payload: bytes) -> asyncio.Future[None]:
        self._reset()
        self.head_done = asyncio.get_running_loop().create_future()
        assert self.transport is not None
        self.transport.write(payload)
        return self.head_done

    async def next_chunk(self, timeout_s: float) -> bytes | None:
        """The next body chunk, or ``None`` once the body has ended."""
        while True:
            if self.chunks:
                chunk = self.chunks.popleft()
                self.buffered -= len(chunk)
                if self.paused and self.buffered < _READ_HIGH_WATER // 2:
                    self.paused = False
                    if self.transport is not None:
                        self.transport.resume_reading()
                return chunk
            if self.complete:
                return None
            if self.error is not None:
                raise self.error
            self.wakeup = asyncio.get_running_loop().create_future()
            async with asyncio.timeout(timeout_s):
                await self.wakeup

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()


class Response:
    """An upstream response: status and headers now, the body on demand."""

    def __init__(self, pool: Pool, conn: _Connection, read_timeout_s: float) -> None:
        self._pool = pool
        self._conn: _Connection | None = conn
        self._read_timeout_s = read_timeout_s
        self.status = conn.status
        self.raw_headers = conn.headers
        self.content_type = ""
        encoding = b""
        for name, value in conn.headers:
            lname = name.lower()
            if lname == b"content-type" and not self.content_type:
                self.content_type = value.decode("latin-1")
            elif lname == b"content-encoding":
                encoding = value.strip().lower()
        self._decoder = (
            zlib.decompressobj(wbits=47)  # 32 + 15: gzip or zlib, detected from the header
            if encoding in (b"gzip", b"x-gzip", b"deflate")
            else None
        )
        if encoding not in (b"", b"identity", b"gzip", b"x-gzip", b"deflate"):
            raise ConnectionError(f"upstream sent an unsupported content-encoding {encoding!r}")

    async def iter_chunks(self) -> AsyncIterator[bytes]:
        """Body chunks as they arrive (decoded when the upstream compressed them)."""
        conn = self._conn
        if conn is None:
            return
        while (chunk := await conn.next_chunk(self._read_timeout_s)) is not None:
            if self._decoder is not None:
                chunk = self._decoder.decompress(chunk)
                if not chunk:
                    continue
            yield chunk
        if self._decoder is not None and (tail := self._decoder.flush()):
            yield tail
        self.release()

    async def read(self) -> bytes:
        parts = [chunk async for chunk in self.iter_chunks()]
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def release(self) -> None:
        """Give the connection back (reusable only when the whole body was read)."""
        conn, self._conn = self._conn, None
        if conn is not None:
            self._pool.release(conn, reuse=conn.complete and conn.keep_alive)


class Pool:
    """Keep-alive connections to one origin, at most ``max_connections`` in use at once."""

    def __init__(
        self,
        base_url: str,
        *,
        connect_timeout_s: float,
        read_timeout_s: float,
        pool_timeout_s: float,
        max_connections: int,
        keepalive_s: float,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"upstream must be an http(s):// URL, not {base_url!r}")
        self.host = parts.hostname
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        self.prefix = parts.path.rstrip("/")
        default_port = self.port == (443 if parts.scheme == "https" else 80)
        host = f"[{self.host}]" if ":" in self.host else self.host
        self.host_header = (host if default_port else f"{host}:{self.port}").encode("idna")
        self.ssl = ssl.create_default_context() if parts.scheme == "https" else None
        self.connect_timeout_s = connect_timeout_s
        self.read_timeout_s = read_timeout_s
        self.pool_timeout_s = pool_timeout_s
        self.keepalive_s = keepalive_s
        self._slots = asyncio.Semaphore(max_connections)
        self._idle: list[_Connection] = []

    async def _connect(self) -> _Connection:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(self.connect_timeout_s):
                _, conn = await loop.create_connection(
                    _Connection, self.host, self.port, ssl=self.ssl
                )
        except TimeoutError:
            raise
        except OSError as exc:
            raise ConnectFailed(f"cannot connect to {self.host}:{self.port}: {exc}") from exc
        return conn

    async def request(
        self,
        method: str,
        target: str,
        headers: list[tuple[str, str]],
        body: bytes | None,
    ) -> Response:
        """Send a request (``target``: path and query) and wait for the response head."""
        async with asyncio.timeout(self.pool_timeout_s):
            await self._slots.acquire()
        try:
            conn = None
            while self._idle:
                candidate = self._idle.pop()
                if candidate.reusable(self.keepalive_s):
                    conn = candidate
                    break
                candidate.close()
            if conn is None:
                conn = await self._connect()
            lines = [b"%s %s%s HTTP/1.1\r\nHost: %s\r\n" % (
                method.encode(), self.prefix.encode(), target.encode("latin-1"), self.host_header
            )]
            for name, value in headers:
                lines.append(b"%s: %s\r\n" % (name.encode("latin-1"), value.encode("latin-1")))
            data = body or b""
            if data or method in ("POST", "PUT", "PATCH"):
                lines.append(b"Content-Length: %d\r\n" % len(data))
            lines.append(b"\r\n")
            lines.append(data)
            head = conn.start(b"".join(lines))
            try:
                async with asyncio.timeout(self.read_timeout_s):
                    await head
            except BaseException:
                conn.close()
                raise
        except BaseException:
            self._slots.release()
            raise
        try:
            return Response(self, conn, self.read_timeout_s)
        except BaseException:
            self.release(conn, reuse=False)
            raise

    def release(self, conn: _Connection, *, reuse: bool) -> None:
        if reuse and not conn.lost:
            conn.idle_since = time.monotonic()
            self._idle.append(conn)
        else:
            conn.close()
        self._slots.release()

    async def aclose(self) -> None:
        idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()

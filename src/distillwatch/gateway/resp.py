"""A minimal pipelined Redis connection for the gateway's one hot command (``EVALSHA``).

redis-py's asyncio client spends about 0.2 ms of CPU per command (connection pool, command
objects, its RESP parser), which at hundreds of requests per second is a large part of the
gateway's budget. The per-request window update needs much less: one connection on which
commands are written as they come and replies are matched to callers in order (RESP
replies arrive in the order the commands were sent), so many requests share one round trip
and nobody waits for a pooled connection. Admin commands (overrides, scans, pings) stay on
redis-py, which is not on the hot path.

Connection options come from the same URL as redis-py's (``redis://``, ``rediss://``,
``unix://``; user, password and database), parsed by redis-py itself.
"""

from __future__ import annotations

import asyncio
import collections
import hashlib
import ssl
from typing import Any, cast

from redis.asyncio.connection import parse_url

RespValue = Any  # int | bytes | str | None | list[RespValue] | ReplyError


class ReplyError(Exception):
    """An error reply from the server (``-ERR ...``, ``-NOSCRIPT ...``)."""


class _Incomplete(Exception):
    """The buffer ends inside a reply: wait for more bytes."""


def pack_command(*args: bytes | str | int | float) -> bytes:
    """A command in RESP (an array of bulk strings)."""
    parts = [b"*%d\r\n" % len(args)]
    for arg in args:
        data = arg if isinstance(arg, bytes) else str(arg).encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(parts)


def parse_reply(buf: bytes | bytearray, pos: int) -> tuple[RespValue, int]:
    """One RESP2 reply starting at ``pos``: ``(value, next position)``; raises
    :class:`_Incomplete` when the buffer ends first. Error replies are returned (not raised)
    as :class:`ReplyError` so that one failing command does not break the stream."""
    end = buf.find(b"\r\n", pos)
    if end < 0:
        raise _Incomplete
    kind = buf[pos]
    line = bytes(buf[pos + 1 : end])
    pos = end + 2
    if kind == 58:  # ':' integer
        return int(line), pos
    if kind == 36:  # '$' bulk string
        size = int(line)
        if size < 0:
            return None, pos
        if len(buf) < pos + size + 2:
            raise _Incomplete
        return bytes(buf[pos : pos + size]), pos + size + 2
    if kind == 42:  # '*' array
        count = int(line)
        if count < 0:
            return None, pos
        items = []
        for _ in range(count):
            item, pos = parse_reply(buf, pos)
            items.append(item)
        return items, pos
    if kind == 43:  # '+' simple string
        return line.decode(), pos
    if kind == 45:  # '-' error
        return ReplyError(line.decode("utf-8", "replace")), pos
    raise ConnectionError(f"unexpected RESP reply type {chr(kind)!r}")


class _Protocol(asyncio.Protocol):
    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.waiters: collections.deque[asyncio.Future[RespValue]] = collections.deque()
        self.buf = bytearray()
        self.lost: BaseException | None = None
        self.pending: list[bytes] = []

    def write(self, payload: bytes) -> None:
        """Queue a command; the commands of one event-loop pass go out in one write."""
        if not self.pending:
            asyncio.get_running_loop().call_soon(self._flush)
        self.pending.append(payload)

    def _flush(self) -> None:
        pending, self.pending = self.pending, []
        if self.transport is not None and self.lost is None and pending:
            self.transport.write(pending[0] if len(pending) == 1 else b"".join(pending))

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports are not asyncio.Transport subclasses, but behave as one.
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        buf = self.buf
        buf += data
        pos = 0
        try:
            while pos < len(buf):
                value, pos = parse_reply(buf, pos)
                fut = self.waiters.popleft() if self.waiters else None
                if fut is not None and not fut.done():  # timed-out callers are gone
                    fut.set_result(value)
        except _Incomplete:
            pass
        except (ValueError, ConnectionError) as exc:  # garbage: this stream cannot be trusted
            self._fail(ConnectionError(f"bad reply from redis: {exc}"))
            if self.transport is not None:
                self.transport.close()
            return
        del buf[:pos]

    def connection_lost(self, exc: Exception | None) -> None:
        self._fail(exc or ConnectionError("redis closed the connection"))

    def _fail(self, exc: BaseException) -> None:
        self.lost = exc
        while self.waiters:
            fut = self.waiters.popleft()
            if not fut.done():
                fut.set_exception(ConnectionError(str(exc) or type(exc).__name__))


class PipelinedRedis:
    """One lazily (re)connected, pipelined connection to the server named by ``url``."""

    def __init__(self, url: str, *, connect_timeout_s: float) -> None:
        kwargs = parse_url(url)
        self._path: str | None = kwargs.get("path")
        self._host = str(kwargs.get("host", "localhost"))
        self._port = int(kwargs.get("port", 6379))
        self._ssl = url.startswith("rediss://")
        self._db = int(kwargs.get("db", 0) or 0)
        self._username: str | None = kwargs.get("username")
        self._password: str | None = kwargs.get("password")
        self._connect_timeout_s = connect_timeout_s
        self._proto: _Protocol | None = None
        self._connecting: asyncio.Future[_Protocol] | None = None
        self._scripts: dict[str, bytes] = {}

    async def _connect(self) -> _Protocol:
        loop = asyncio.get_running_loop()
        async with asyncio.timeout(self._connect_timeout_s):
            if self._path is not None:
                _, proto = await loop.create_unix_connection(_Protocol, self._path)
            else:
                _, proto = await loop.create_connection(
                    _Protocol,
                    self._host,
                    self._port,
                    ssl=ssl.create_default_context() if self._ssl else None,
                )
            setup: list[bytes] = []
            if self._password is not None:
                auth = (self._username, self._password) if self._username else (self._password,)
                setup.append(pack_command("AUTH", *auth))
            if self._db:
                setup.append(pack_command("SELECT", self._db))
            for command in setup:
                reply = await self._send(proto, command)
                if isinstance(reply, ReplyError):
                    if proto.transport is not None:
                        proto.transport.close()
                    raise ConnectionError(f"redis refused the connection setup: {reply}")
        return proto

    async def _protocol(self) -> _Protocol:
        proto = self._proto
        if proto is not None and proto.lost is None:
            return proto
        if self._connecting is None:  # one connection attempt, shared by concurrent callers
            self._connecting = asyncio.ensure_future(self._connect())
            # Callers that gave up (timeout) leave the outcome unread: read it here.
            self._connecting.add_done_callback(lambda t: t.cancelled() or t.exception())
        connecting = self._connecting
        try:
            proto = await asyncio.shield(connecting)
        finally:
            if connecting.done() and self._connecting is connecting:
                self._connecting = None
        self._proto = proto
        return proto

    @staticmethod
    def _send(proto: _Protocol, payload: bytes) -> asyncio.Future[RespValue]:
        fut: asyncio.Future[RespValue] = asyncio.get_running_loop().create_future()
        if proto.lost is not None or proto.transport is None:
            fut.set_exception(ConnectionError("redis connection lost"))
            return fut
        proto.waiters.append(fut)
        proto.write(payload)
        return fut

    async def evalsha(self, script: str, keys: list[str], args: list[Any]) -> RespValue:
        """Run ``script`` by its SHA-1 (loading it with ``EVAL`` when the server lacks it)."""
        sha = self._scripts.get(script)
        if sha is None:
            sha = self._scripts[script] = hashlib.sha1(script.encode()).hexdigest().encode()
        proto = await self._protocol()
        reply = await self._send(proto, pack_command(b"EVALSHA", sha, len(keys), *keys, *args))
        if isinstance(reply, ReplyError) and str(reply).startswith("NOSCRIPT"):
            reply = await self._send(proto, pack_command(b"EVAL", script, len(keys), *keys, *args))
        if isinstance(reply, ReplyError):
            raise reply
        return reply

    def drop(self) -> None:
        """Close the connection (after a timeout its replies can no longer be trusted to
        come); the next command reconnects."""
        proto, self._proto = self._proto, None
        if proto is not None and proto.transport is not None:
            proto.transport.close()

    async def aclose(self) -> None:
        self.drop()
        if self._connecting is not None:
            self._connecting.cancel()
            self._connecting = None

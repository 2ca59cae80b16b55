"""Per-account sliding-window state: in memory (one replica) or in Redis (several replicas).

The window is ``window_s`` seconds cut into buckets of ``bucket_s`` seconds. Each request adds
one to the counters of the current bucket (requests, elicitation intent, logprobs, n > 1, long
output, max effort, single turn) and stamps its client IP and template key into per-account
"last seen" sets; the answer is the sum over the live buckets plus the distinct counts, so the
memory per account is bounded (``len(COUNTERS)`` integers per bucket and at most
``MAX_DISTINCT`` members per set).

Redis updates are one Lua script per request (atomic: replicas never lose increments, and one
round trip returns the window). Keys share a ``{account}`` hash tag (cluster-safe) and expire
with the window. Admin overrides (allow/block) live beside the counters so the same round trip
returns them.

A backend that fails raises :class:`StateUnavailable`; the gateway then fails open or closed as
configured. The Redis backend opens a circuit for ``retry_interval_s`` after a failure so a dead
Redis costs one timeout per interval, not one per request.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

from distillwatch.exceptions import GatewayError
from distillwatch.gateway.resp import PipelinedRedis

log = logging.getLogger("distillwatch.gateway.state")

COUNTERS: tuple[str, ...] = (
    "requests",
    "intent",
    "logprobs",
    "multi_choice",
    "long_output",
    "max_effort",
    "single_turn",
)
MAX_DISTINCT = 1000
OVERRIDES = ("allow", "block")


class StateUnavailable(GatewayError):
    """The state backend did not answer in time (or at all)."""


@dataclass(frozen=True, slots=True)
class Observation:
    """What one request adds to its account's window."""

    intent: bool = False
    logprobs: bool = False
    multi_choice: bool = False
    long_output: bool = False
    max_effort: bool = False
    single_turn: bool = False
    client_ip: str | None = None
    template_key: str | None = None

    def increments(self) -> tuple[int, ...]:
        return (
            1,
            int(self.intent),
            int(self.logprobs),
            int(self.multi_choice),
            int(self.long_output),
            int(self.max_effort),
            int(self.single_turn),
        )


@dataclass(frozen=True, slots=True)
class WindowStats:
    """An account's window after (or without) the current request."""

    requests: int = 0
    rpm: float = 0.0
    intent_share: float = 0.0
    logprobs_share: float = 0.0
    multi_choice_share: float = 0.0
    long_output_share: float = 0.0
    max_effort_share: float = 0.0
    single_turn_share: float = 0.0
    distinct_ips: int = 0
    distinct_templates: int = 0
    override: str | None = None
    available: bool = True

    @classmethod
    def from_counts(
        cls,
        counts: list[int],
        *,
        span_s: float,
        distinct_ips: int,
        distinct_templates: int,
        override: str | None,
    ) -> WindowStats:
        n = counts[0]
        share = [c / n if n else 0.0 for c in counts]
        return cls(
            requests=n,
            rpm=n * 60.0 / span_s if span_s > 0 else 0.0,
            intent_share=share[1],
            logprobs_share=share[2],
            multi_choice_share=share[3],
            long_output_share=share[4],
            max_effort_share=share[5],
            single_turn_share=share[6],
            distinct_ips=distinct_ips,
            distinct_templates=distinct_templates,
            override=override,
        )


UNAVAILABLE = WindowStats(available=False)


class StateBackend(Protocol):
    """What the gateway needs from a state store."""

    name: str

    async def observe(
        self, account_id: str, obs: Observation, *, now: float | None = None, record: bool = True
    ) -> WindowStats:
        """Add ``obs`` (unless ``record`` is false) and return the account's window."""
        ...

    async def set_override(self, account_id: str, action: str | None) -> None:
        """Allow-list or block an account (``None`` clears it)."""
        ...

    async def overrides(self) -> dict[str, str]:
        """Every account with an override."""
        ...

    async def ping(self) -> bool:
        """Whether the backend answers now."""
        ...

    async def aclose(self) -> None:
        """Release connections."""
        ...


def _check_override(action: str | None) -> None:
    if action is not None and action not in OVERRIDES:
        raise GatewayError(f"override must be one of {OVERRIDES} or None, not {action!r}")


class _AccountWindow:
    __slots__ = ("buckets", "ips", "templates")

    def __init__(self) -> None:
        self.buckets: dict[int, list[int]] = {}
        self.ips: dict[str, float] = {}
        self.templates: dict[str, float] = {}


def _stamp(members: dict[str, float], member: str | None, now: float, horizon: float) -> int:
    if member is not None:
        members.pop(member, None)  # re-insert: dict order stays "least recently seen first"
        members[member] = now
    # Oldest first: drop what left the window, then anything beyond the cap.
    while members:
        oldest = next(iter(members))
        if members[oldest] >= horizon and len(members) <= MAX_DISTINCT:
            break
        del members[oldest]
    return len(members)


class MemoryState:
    """Sliding windows in this process (one replica). Least recent accounts are evicted."""

    name = "memory"

    def __init__(self, *, window_s: int, bucket_s: int, max_accounts: int = 200_000) -> None:
        self.bucket_s = bucket_s
        self.n_buckets = max(1, math.ceil(window_s / bucket_s))
        self.window_s = self.n_buckets * bucket_s
        self.max_accounts = max_accounts
        self._accounts: OrderedDict[str, _AccountWindow] = OrderedDict()
        self._overrides: dict[str, str] = {}

    def observe_sync(
        self, account_id: str, obs: Observation, *, now: float | None = None, record: bool = True
    ) -> WindowStats:
        now = time.time() if now is None else now
        current = int(now // self.bucket_s)
        oldest_live = current - self.n_buckets + 1
        win = self._accounts.get(account_id)
        if win is None:
            win = _AccountWindow()
            self._accounts[account_id] = win
            if len(self._accounts) > self.max_accounts:
                self._accounts.popitem(last=False)
        else:
            self._accounts.move_to_end(account_id)
        for b in [b for b in win.buckets if b < oldest_live]:
            del win.buckets[b]
        if record:
            counts = win.buckets.setdefault(current, [0] * len(COUNTERS))
            for i, inc in enumerate(obs.increments()):
                counts[i] += inc
        totals = [0] * len(COUNTERS)
        for counts in win.buckets.values():
            for i, c in enumerate(counts):
                totals[i] += c
        first = min(win.buckets, default=current)
        horizon = now - self.window_s
        ips = _stamp(win.ips, obs.client_ip if record else None, now, horizon)
        tpls = _stamp(win.templates, obs.template_key if record else None, now, horizon)
        return WindowStats.from_counts(
            totals,
            span_s=(current - first + 1) * self.bucket_s,
            distinct_ips=ips,
            distinct_templates=tpls,
            override=self._overrides.get(account_id),
        )

    async def observe(
        self, account_id: str, obs: Observation, *, now: float | None = None, record: bool = True
    ) -> WindowStats:
        return self.observe_sync(account_id, obs, now=now, record=record)

    async def set_override(self, account_id: str, action: str | None) -> None:
        _check_override(action)
        if action is None:
            self._overrides.pop(account_id, None)
        else:
            self._overrides[account_id] = action

    async def overrides(self) -> dict[str, str]:
        return dict(self._overrides)

    async def ping(self) -> bool:
        return True

    async def aclose(self) -> None:
        return None


# KEYS: n bucket keys (current first), ips zset, templates zset, override string.
# ARGV: n, now, window_s, ttl_s, record (0/1), ip or "", template or "", cap, increments...
_OBSERVE_LUA = """
local n = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local ttl = tonumber(ARGV[4])
local record = ARGV[5] == '1'
local cap = tonumber(ARGV[8])
local fields = {'requests', 'intent', 'logprobs', 'multi_choice', 'long_output',
                'max_effort', 'single_turn'}
if record then
  for i, f in ipairs(fields) do
    local inc = tonumber(ARGV[8 + i])
    if inc > 0 then redis.call('HINCRBY', KEYS[1], f, inc) end
  end
  redis.call('EXPIRE', KEYS[1], ttl)
end
local totals = {0,0,0,0,0,0,0}
local oldest = 0
for b = 1, n do
  local vals = redis.call('HMGET', KEYS[b], unpack(fields))
  if vals[1] then
    oldest = b
    for i = 1, 7 do totals[i] = totals[i] + tonumber(vals[i] or '0') end
  end
end
local function stamp(key, member)
  if record and member ~= '' then
    redis.call('ZADD', key, now, member)
    redis.call('EXPIRE', key, ttl)
  end
  redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. (now - window))
  local card = redis.call('ZCARD', key)
  if card > cap then
    redis.call('ZREMRANGEBYRANK', key, 0, card - cap - 1)
    card = cap
  end
  return card
end
local ips = stamp(KEYS[n + 1], ARGV[6])
local tpls = stamp(KEYS[n + 2], ARGV[7])
local ovr = redis.call('GET', KEYS[n + 3]) or ''
return {totals[1], totals[2], totals[3], totals[4], totals[5], totals[6], totals[7],
        ips, tpls, oldest, ovr}
"""


def redact_url(url: str) -> str:
    """The URL without its password (safe to log)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}:***@" if parts.username else ":***@"
    return urlunsplit((parts.scheme, user + host, parts.path, parts.query, parts.fragment))


class RedisState:
    """Sliding windows in Redis, shared by every replica; one atomic Lua call per request."""

    name = "redis"

    def __init__(
        self,
        url: str,
        *,
        window_s: int,
        bucket_s: int,
        timeout_s: float = 0.05,
        prefix: str = "dw:",
        retry_interval_s: float = 1.0,
        max_connections: int = 64,
    ) -> None:
        import redis.asyncio as aioredis

        self.url = redact_url(url)
        self.bucket_s = bucket_s
        self.n_buckets = max(1, math.ceil(window_s / bucket_s))
        self.window_s = self.n_buckets * bucket_s
        self.timeout_s = timeout_s
        self.prefix = prefix
        self.retry_interval_s = retry_interval_s
        # A blocking pool: under a burst, requests wait (up to the timeout) for a connection
        # instead of failing with "too many connections".
        pool = aioredis.BlockingConnectionPool.from_url(
            url,
            max_connections=max_connections,
            timeout=timeout_s,
            socket_timeout=timeout_s,
            socket_connect_timeout=timeout_s,
            decode_responses=True,
            health_check_interval=0,
        )
        # Admin commands (overrides, scans, pings) use redis-py; the per-request window
        # update uses one pipelined connection (see distillwatch.gateway.resp: ~5x less CPU).
        self._client: Any = aioredis.Redis(connection_pool=pool)
        self._fast = PipelinedRedis(url, connect_timeout_s=timeout_s * 2)
        self._open_until = 0.0  # circuit breaker: fail fast until then

    def _keys(self, account_id: str, current: int) -> list[str]:
        base = f"{self.prefix}{{{account_id}}}"
        buckets = [f"{base}:b:{current - i}" for i in range(self.n_buckets)]
        return [*buckets, f"{base}:ips", f"{base}:tpl", f"{base}:ovr"]

    async def _call(self, coro: Any) -> Any:
        if time.monotonic() < self._open_until:
            coro.close()
            raise StateUnavailable(f"redis {self.url}: circuit open after a recent failure")
        try:
            async with asyncio.timeout(self.timeout_s * 2):  # no extra task, unlike wait_for
                return await coro
        except Exception as exc:  # redis, OS and timeout errors alike mean "no state now"
            self._open_until = time.monotonic() + self.retry_interval_s
            raise StateUnavailable(f"redis {self.url}: {type(exc).__name__}: {exc}") from exc

    async def observe(
        self, account_id: str, obs: Observation, *, now: float | None = None, record: bool = True
    ) -> WindowStats:
        now = time.time() if now is None else now
        current = int(now // self.bucket_s)
        args: list[Any] = [
            self.n_buckets,
            repr(now),
            self.window_s,
            self.window_s + self.bucket_s,
            "1" if record else "0",
            obs.client_ip or "",
            obs.template_key or "",
            MAX_DISTINCT,
            *obs.increments(),
        ]
        try:
            out = await self._call(
                self._fast.evalsha(_OBSERVE_LUA, self._keys(account_id, current), args)
            )
        except StateUnavailable:
            # A timed-out reply may still come, or never: start the next try on a new
            # connection rather than behind a stalled one.
            self._fast.drop()
            raise
        counts = [int(x) for x in out[:7]]
        oldest = int(out[9]) or 1
        override = out[10]
        return WindowStats.from_counts(
            counts,
            span_s=oldest * self.bucket_s,
            distinct_ips=int(out[7]),
            distinct_templates=int(out[8]),
            override=override.decode() if override else None,
        )

    async def set_override(self, account_id: str, action: str | None) -> None:
        _check_override(action)
        key = f"{self.prefix}{{{account_id}}}:ovr"
        self._open_until = 0.0  # an operator action deserves a real attempt
        if action is None:
            await self._call(self._client.delete(key))
        else:
            await self._call(self._client.set(key, action))

    async def overrides(self) -> dict[str, str]:
        self._open_until = 0.0
        out: dict[str, str] = {}

        async def scan() -> None:
            async for key in self._client.scan_iter(match=f"{self.prefix}{{*}}:ovr", count=500):
                value = await self._client.get(key)
                if value:
                    out[key[len(self.prefix) + 1 : -len("}:ovr")]] = value

        await self._call(scan())
        return out

    async def ping(self) -> bool:
        try:
            await asyncio.wait_for(self._client.ping(), timeout=self.timeout_s * 2)
        except Exception:
            return False
        return True

    async def aclose(self) -> None:
        await self._fast.aclose()
        await self._client.aclose()


def make_state(
    spec: str,
    *,
    window_s: int,
    bucket_s: int,
    timeout_s: float = 0.05,
    prefix: str = "dw:",
    max_accounts: int = 200_000,
) -> MemoryState | RedisState:
    """Build the backend named by ``spec``: ``memory`` or a Redis URL."""
    if spec == "memory":
        return MemoryState(window_s=window_s, bucket_s=bucket_s, max_accounts=max_accounts)
    if spec.startswith(("redis://", "rediss://", "unix://")):
        return RedisState(
            spec, window_s=window_s, bucket_s=bucket_s, timeout_s=timeout_s, prefix=prefix
        )
    raise GatewayError(f"state must be 'memory' or a redis:// URL, not {redact_url(spec)!r}")

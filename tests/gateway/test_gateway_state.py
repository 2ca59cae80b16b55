"""Sliding-window state in memory and in a real Redis; Redis down and slow."""

from __future__ import annotations

import asyncio
import socket
import threading

import pytest
import redis

from distillwatch.gateway.state import (
    MAX_DISTINCT,
    MemoryState,
    Observation,
    RedisState,
    StateUnavailable,
    make_state,
)

NOW = 1_800_000_000.0


def test_memory_window_counts_shares_and_expires() -> None:
    st = MemoryState(window_s=60, bucket_s=10)
    for i in range(10):
        stats = st.observe_sync(
            "a",
            Observation(
                intent=i < 7, logprobs=i < 5, client_ip=f"10.0.0.{i % 3}", template_key="t1"
            ),
            now=NOW + i,
        )
    assert stats.requests == 10
    assert stats.intent_share == pytest.approx(0.7)
    assert stats.logprobs_share == pytest.approx(0.5)
    assert (stats.distinct_ips, stats.distinct_templates) == (3, 1)
    assert st.observe_sync("b", Observation(), now=NOW).requests == 1  # accounts are separate
    later = st.observe_sync("a", Observation(), now=NOW + 200, record=False)
    assert (later.requests, later.distinct_ips) == (0, 0)


def test_memory_state_is_bounded() -> None:
    st = MemoryState(window_s=60, bucket_s=10, max_accounts=5)
    for i in range(20):
        st.observe_sync(f"acct{i}", Observation(), now=NOW)
    assert len(st._accounts) == 5
    for i in range(MAX_DISTINCT + 50):
        stats = st.observe_sync("x", Observation(client_ip=f"ip{i}"), now=NOW)
    assert stats.distinct_ips == MAX_DISTINCT


@pytest.mark.redis
def test_redis_matches_memory_and_sets_ttls(redis_url: str) -> None:
    async def run() -> None:
        st = RedisState(redis_url, window_s=60, bucket_s=10, prefix="t1:")
        mem = MemoryState(window_s=60, bucket_s=10)
        for i in range(12):
            obs = Observation(
                intent=i % 2 == 0,
                multi_choice=i < 3,
                client_ip=f"1.1.1.{i % 4}",
                template_key=f"t{i % 2}",
            )
            got = await st.observe("acct", obs, now=NOW + i * 3)
            want = mem.observe_sync("acct", obs, now=NOW + i * 3)
            assert got == want
        await st.aclose()

    asyncio.run(run())
    client = redis.Redis.from_url(redis_url)
    keys = client.keys("t1:*")
    assert keys and all(0 < client.ttl(k) <= 70 for k in keys)


@pytest.mark.redis
def test_redis_updates_are_atomic_across_replicas(redis_url: str) -> None:
    """Two replicas (two connection pools) hammer one account; no increment is lost."""

    async def replica(n: int) -> None:
        st = RedisState(redis_url, window_s=300, bucket_s=30, prefix="t2:", timeout_s=2.0)
        await asyncio.gather(*(st.observe("shared", Observation(intent=True)) for _ in range(n)))
        await st.aclose()

    threads = [threading.Thread(target=asyncio.run, args=(replica(200),)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    async def read() -> int:
        st = RedisState(redis_url, window_s=300, bucket_s=30, prefix="t2:")
        stats = await st.observe("shared", Observation(), record=False)
        await st.aclose()
        return stats.requests

    assert asyncio.run(read()) == 400


@pytest.mark.redis
def test_redis_overrides_roundtrip(redis_url: str) -> None:
    async def run() -> None:
        st = RedisState(redis_url, window_s=60, bucket_s=10, prefix="t3:")
        await st.set_override("acct:1", "block")
        assert (await st.overrides()) == {"acct:1": "block"}
        assert (await st.observe("acct:1", Observation())).override == "block"
        await st.set_override("acct:1", None)
        assert (await st.overrides()) == {}
        await st.aclose()

    asyncio.run(run())


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_redis_down_raises_state_unavailable_fast() -> None:
    async def run() -> None:
        st = make_state(f"redis://127.0.0.1:{_dead_port()}/0", window_s=60, bucket_s=10)
        assert isinstance(st, RedisState)
        with pytest.raises(StateUnavailable):
            await st.observe("a", Observation())
        # The circuit is open: the next call fails without touching the network.
        with pytest.raises(StateUnavailable, match="circuit open"):
            await st.observe("a", Observation())
        assert not await st.ping()
        await st.aclose()

    asyncio.run(run())


@pytest.mark.redis
def test_slow_redis_counts_as_unavailable(redis_url: str) -> None:
    """CLIENT PAUSE makes the real server stall; the state times out instead of hanging."""
    admin = redis.Redis.from_url(redis_url)

    async def run() -> None:
        st = RedisState(redis_url, window_s=60, bucket_s=10, prefix="t4:", timeout_s=0.05)
        await st.observe("a", Observation())  # connected and warm
        admin.execute_command("CLIENT", "PAUSE", "600", "ALL")
        try:
            with pytest.raises(StateUnavailable):
                await st.observe("a", Observation())
        finally:
            admin.execute_command("CLIENT", "UNPAUSE")
        await st.aclose()

    asyncio.run(run())


def test_unknown_state_spec_is_an_error() -> None:
    from distillwatch.exceptions import GatewayError

    with pytest.raises(GatewayError, match="memory"):
        make_state("mongodb://x", window_s=60, bucket_s=10)

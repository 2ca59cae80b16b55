"""The pipelined Redis connection of the window updates: RESP parsing, script loading,
database selection and authentication against a real redis-server."""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis

from distillwatch.gateway.resp import ReplyError, _Incomplete, pack_command, parse_reply
from distillwatch.gateway.state import Observation, RedisState, StateUnavailable


def test_replies_parse_whole_and_wait_when_cut_anywhere() -> None:
    reply = b"*5\r\n:42\r\n$5\r\nhe\r\nl\r\n$-1\r\n*2\r\n+OK\r\n-ERR boom\r\n$0\r\n\r\n:7\r\n"
    value, end = parse_reply(reply, 0)
    assert value[:3] == [42, b"he\r\nl", None]
    assert value[3][0] == "OK" and isinstance(value[3][1], ReplyError)
    assert str(value[3][1]) == "ERR boom" and value[4] == b""
    assert parse_reply(reply, end) == (7, len(reply))
    for cut in range(1, end):  # a reply split by the network at any byte
        with pytest.raises(_Incomplete):
            parse_reply(reply[:cut], 0)


def test_commands_are_bulk_string_arrays() -> None:
    assert pack_command("SET", b"k", 5) == b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\n5\r\n"


def _with_db(url: str, db: int, user: str | None = None) -> str:
    parts = urlsplit(url)
    netloc = f"{user}@{parts.netloc}" if user else parts.netloc
    return urlunsplit((parts.scheme, netloc, f"/{db}", "", ""))


@pytest.mark.redis
def test_window_updates_survive_a_script_flush_and_use_the_url_database(redis_url: str) -> None:
    admin = redis.Redis.from_url(_with_db(redis_url, 3))

    async def run() -> list[int]:
        st = RedisState(_with_db(redis_url, 3), window_s=60, bucket_s=10, prefix="resp1:")
        seen = [(await st.observe("a", Observation(intent=True))).requests]
        admin.script_flush()  # the server forgets the script: EVALSHA answers NOSCRIPT
        seen.append((await st.observe("a", Observation())).requests)
        await st.aclose()
        return seen

    assert asyncio.run(run()) == [1, 2]
    assert admin.keys("resp1:*")  # written to database 3, as the URL says
    assert not redis.Redis.from_url(_with_db(redis_url, 0)).keys("resp1:*")


@pytest.mark.redis
def test_authenticates_with_user_and_password_from_the_url(redis_url: str) -> None:
    admin = redis.Redis.from_url(redis_url)
    admin.execute_command("ACL", "SETUSER", "dwresp", "on", ">s3cret", "~*", "+@all")
    try:

        async def run(user: str) -> int:
            url = _with_db(redis_url, 0, user)
            st = RedisState(url, window_s=60, bucket_s=10, prefix="resp2:", timeout_s=0.5)
            try:
                return (await st.observe("a", Observation())).requests
            finally:
                await st.aclose()

        assert asyncio.run(run("dwresp:s3cret")) == 1
        with pytest.raises(StateUnavailable, match="refused"):
            asyncio.run(run("dwresp:wrong"))
    finally:
        admin.execute_command("ACL", "DELUSER", "dwresp")

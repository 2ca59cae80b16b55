"""A small OpenAI-compatible upstream for trying, testing and benchmarking the gateway.

It answers ``/v1/chat/completions``, ``/v1/completions``, ``/v1/responses`` and ``/v1/models``
like a reasoning model would: ``reasoning_content`` fields, ``<think>`` blocks in the text,
Responses-API ``reasoning`` items, ``logprobs``/``top_logprobs`` when asked, ``n`` choices,
usage, and SSE streaming (with the think tags split across chunks, as real tokenizers do).

The ``x-fake-mode`` request header selects a fault: ``slow`` (a pause between stream chunks),
``timeout`` (sleeps before answering), ``error500``, ``error503``, ``reset`` (drops the
connection mid-stream), ``gate`` (streams one chunk, then waits until :meth:`FakeUpstream.release`).

    python -m distillwatch.gateway.fake_upstream --port 8000
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import socket
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Iterator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

REASONING = "The user wants an answer. Let me think about it carefully."
ANSWER = "The answer is 42."
THINK_TEXT = f"<think>{REASONING}</think>\n\n{ANSWER}"
STREAM_PIECES = ["<th", "ink>The user wants", " an answer.</thi", "nk>\n\nThe answer", " is 42."]


KEEP_LAST = 256


class FakeUpstream:
    """The app plus what it has seen (for assertions) and its fault controls."""

    def __init__(self, *, slow_s: float = 0.05, timeout_s: float = 30.0) -> None:
        self.slow_s = slow_s
        self.timeout_s = timeout_s
        # Only the latest requests are kept for assertions: the benchmark sends this server
        # hundreds of thousands, and an ever-growing list made its full GC passes (and so the
        # latencies measured through it) slower and slower. ``count`` is every request seen.
        self.requests: deque[dict[str, Any]] = deque(maxlen=KEEP_LAST)
        self.headers: deque[dict[str, str]] = deque(maxlen=KEEP_LAST)
        self.count = 0
        self.stream_cancelled = 0
        self._gate = threading.Event()
        self.app = Starlette(
            routes=[
                Route("/v1/chat/completions", self.chat, methods=["POST"]),
                Route("/v1/completions", self.completions, methods=["POST"]),
                Route("/v1/responses", self.responses, methods=["POST"]),
                Route("/v1/models", self.models, methods=["GET"]),
            ]
        )

    def release(self) -> None:
        """Let ``gate`` streams continue."""
        self._gate.set()

    async def _wait_gate(self) -> None:
        while not self._gate.is_set():
            await asyncio.sleep(0.01)

    async def _prelude(self, request: Request) -> tuple[dict[str, Any], str, Response | None]:
        raw = await request.body()
        body = json.loads(raw) if raw else {}
        self.requests.append(body)
        self.headers.append({k.lower(): v for k, v in request.headers.items()})
        self.count += 1
        mode = request.headers.get("x-fake-mode", "normal")
        if mode == "timeout":
            await asyncio.sleep(self.timeout_s)
        if mode.startswith("error"):
            status = int(mode[5:] or 500)
            return (
                body,
                mode,
                JSONResponse(
                    {
                        "error": {
                            "message": "upstream exploded",
                            "type": "server_error",
                            "code": None,
                        }
                    },
                    status_code=status,
                    headers={"x-upstream-marker": "yes"},
                ),
            )
        return body, mode, None

    async def _stream(self, events: Iterator[bytes], mode: str) -> AsyncIterator[bytes]:
        sent = 0
        try:
            for event in events:
                yield event
                sent += 1
                if mode == "slow":
                    await asyncio.sleep(self.slow_s)
                elif mode == "gate" and sent == 1:
                    await self._wait_gate()
                elif mode == "reset" and sent == 3:
                    raise ConnectionResetError("fake upstream dropped the connection")
                else:
                    await asyncio.sleep(0)
        except asyncio.CancelledError:
            self.stream_cancelled += 1
            raise

    @staticmethod
    def _logprobs(text: str, top: int) -> dict[str, Any]:
        tokens = text.split(" ")
        return {
            "content": [
                {
                    "token": t,
                    "logprob": -0.1,
                    "bytes": list(t.encode()),
                    "top_logprobs": [
                        {"token": f"{t}{k}", "logprob": -1.0 - k, "bytes": None} for k in range(top)
                    ],
                }
                for t in tokens
            ]
        }

    async def chat(self, request: Request) -> Response:
        body, mode, early = await self._prelude(request)
        if early is not None:
            return early
        n = int(body.get("n") or 1)
        model = body.get("model", "fake-model")
        created = int(time.time())
        rid = f"chatcmpl-fake{self.count}"
        if body.get("stream"):
            include_usage = bool((body.get("stream_options") or {}).get("include_usage"))

            def events() -> Iterator[bytes]:
                base = {
                    "id": rid,
                    "object": "chat.completion.chunk",
                    "created": created,
                    "model": model,
                }
                for i in range(n):
                    yield _sse(
                        {
                            **base,
                            "choices": [
                                {
                                    "index": i,
                                    "delta": {"role": "assistant", "content": ""},
                                    "finish_reason": None,
                                }
                            ],
                        }
                    )
                    yield _sse(
                        {
                            **base,
                            "choices": [
                                {
                                    "index": i,
                                    "delta": {"reasoning_content": REASONING},
                                    "finish_reason": None,
                                }
                            ],
                        }
                    )
                    for piece in STREAM_PIECES:
                        choice: dict[str, Any] = {
                            "index": i,
                            "delta": {"content": piece},
                            "finish_reason": None,
                        }
                        if body.get("logprobs"):
                            choice["logprobs"] = self._logprobs(
                                piece, int(body.get("top_logprobs") or 0)
                            )
                        yield _sse({**base, "choices": [choice]})
                    yield _sse(
                        {**base, "choices": [{"index": i, "delta": {}, "finish_reason": "stop"}]}
                    )
                if include_usage:
                    yield _sse({**base, "choices": [], "usage": _usage()})
                yield b"data: [DONE]\n\n"

            return StreamingResponse(
                self._stream(events(), mode),
                media_type="text/event-stream",
                headers={"x-upstream-marker": "yes"},
            )
        choices = []
        for i in range(n):
            choice = {
                "index": i,
                "message": {
                    "role": "assistant",
                    "content": THINK_TEXT,
                    "reasoning_content": REASONING,
                },
                "finish_reason": "stop",
                "logprobs": None,
            }
            if body.get("logprobs"):
                choice["logprobs"] = self._logprobs(ANSWER, int(body.get("top_logprobs") or 0))
            choices.append(choice)
        return JSONResponse(
            {
                "id": rid,
                "object": "chat.completion",
                "created": created,
                "model": model,
                "choices": choices,
                "usage": _usage(),
            },
            headers={"x-upstream-marker": "yes"},
        )

    async def completions(self, request: Request) -> Response:
        body, mode, early = await self._prelude(request)
        if early is not None:
            return early
        model = body.get("model", "fake-model")
        rid = f"cmpl-fake{self.count}"
        if body.get("stream"):

            def events() -> Iterator[bytes]:
                for piece in STREAM_PIECES:
                    yield _sse(
                        {
                            "id": rid,
                            "object": "text_completion",
                            "model": model,
                            "choices": [
                                {"index": 0, "text": piece, "finish_reason": None, "logprobs": None}
                            ],
                        }
                    )
                yield _sse(
                    {
                        "id": rid,
                        "object": "text_completion",
                        "model": model,
                        "choices": [
                            {"index": 0, "text": "", "finish_reason": "stop", "logprobs": None}
                        ],
                    }
                )
                yield b"data: [DONE]\n\n"

            return StreamingResponse(self._stream(events(), mode), media_type="text/event-stream")
        lp = body.get("logprobs")
        return JSONResponse(
            {
                "id": rid,
                "object": "text_completion",
                "created": int(time.time()),
                "model": model,
                "choices": [
                    {
                        "index": 0,
                        "text": THINK_TEXT,
                        "finish_reason": "stop",
                        "logprobs": {
                            "tokens": ["The"],
                            "token_logprobs": [-0.1],
                            "top_logprobs": [{"The": -0.1}],
                        }
                        if lp
                        else None,
                    }
                ],
                "usage": _usage(),
            }
        )

    async def responses(self, request: Request) -> Response:
        body, mode, early = await self._prelude(request)
        if early is not None:
            return early
        model = body.get("model", "fake-model")
        rid = f"resp_fake{self.count}"
        reasoning_item = {
            "id": "rs_1",
            "type": "reasoning",
            "summary": [{"type": "summary_text", "text": REASONING}],
        }
        part: dict[str, Any] = {"type": "output_text", "text": THINK_TEXT, "annotations": []}
        if body.get("top_logprobs"):
            part["logprobs"] = [{"token": "The", "logprob": -0.1, "top_logprobs": []}]
        message = {
            "id": "msg_1",
            "type": "message",
            "role": "assistant",
            "status": "completed",
            "content": [part],
        }
        full = {
            "id": rid,
            "object": "response",
            "created_at": int(time.time()),
            "status": "completed",
            "model": model,
            "output": [reasoning_item, message],
            "usage": {
                "input_tokens": 12,
                "output_tokens": 30,
                "total_tokens": 42,
                "output_tokens_details": {"reasoning_tokens": 18},
            },
        }
        if body.get("stream"):

            def events() -> Iterator[bytes]:
                yield _sse(
                    {
                        "type": "response.created",
                        "response": {**full, "output": [], "status": "in_progress"},
                    },
                    event="response.created",
                )
                yield _sse(
                    {
                        "type": "response.output_item.added",
                        "output_index": 0,
                        "item": {"id": "rs_1", "type": "reasoning", "summary": []},
                    },
                    event="response.output_item.added",
                )
                yield _sse(
                    {
                        "type": "response.reasoning_summary_text.delta",
                        "item_id": "rs_1",
                        "output_index": 0,
                        "summary_index": 0,
                        "delta": REASONING,
                    },
                    event="response.reasoning_summary_text.delta",
                )
                yield _sse(
                    {
                        "type": "response.output_item.added",
                        "output_index": 1,
                        "item": {
                            "id": "msg_1",
                            "type": "message",
                            "role": "assistant",
                            "status": "in_progress",
                            "content": [],
                        },
                    },
                    event="response.output_item.added",
                )
                for piece in STREAM_PIECES:
                    yield _sse(
                        {
                            "type": "response.output_text.delta",
                            "item_id": "msg_1",
                            "output_index": 1,
                            "content_index": 0,
                            "delta": piece,
                        },
                        event="response.output_text.delta",
                    )
                yield _sse(
                    {
                        "type": "response.output_text.done",
                        "item_id": "msg_1",
                        "output_index": 1,
                        "content_index": 0,
                        "text": THINK_TEXT,
                    },
                    event="response.output_text.done",
                )
                yield _sse(
                    {"type": "response.completed", "response": full}, event="response.completed"
                )

            return StreamingResponse(self._stream(events(), mode), media_type="text/event-stream")
        return JSONResponse(full)

    async def models(self, request: Request) -> Response:
        self.headers.append({k.lower(): v for k, v in request.headers.items()})
        return JSONResponse(
            {
                "object": "list",
                "data": [
                    {
                        "id": "fake-model",
                        "object": "model",
                        "created": 0,
                        "owned_by": "distillwatch",
                    }
                ],
            }
        )


def _usage() -> dict[str, Any]:
    return {
        "prompt_tokens": 12,
        "completion_tokens": 30,
        "total_tokens": 42,
        "completion_tokens_details": {"reasoning_tokens": 18},
    }


def _sse(data: dict[str, Any], *, event: str | None = None) -> bytes:
    head = f"event: {event}\n" if event else ""
    return (head + "data: " + json.dumps(data) + "\n\n").encode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve_in_thread(app: Any, *, port: int | None = None) -> Iterator[str]:
    """Run an ASGI app under uvicorn on 127.0.0.1 in a thread; yields its base URL."""
    import uvicorn

    port = port or free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    import uvicorn

    uvicorn.run(FakeUpstream().app, host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()

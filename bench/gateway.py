"""Gateway speed: added latency through the gateway vs. straight to the upstream, and the
in-process decision time (signals + state + policy).

    .venv/bin/python bench/gateway.py          # 200 and 500 rps fixed, then saturation
    .venv/bin/python bench/gateway.py --rate 500 --duration 15 --concurrency 32 --json out.json

Besides latency it prints the CPU time the gateway processes (``--redis-workers`` included)
spent per request, a figure that does not depend on what else shares the cores, and the
in-process decision time: wall p50/p99 and this thread's CPU time per decision (mean, p99).

Processes: the fake OpenAI upstream (``distillwatch.gateway.fake_upstream``), the gateway
(``distillwatch serve``, memory state, then Redis state when ``redis-server`` exists), and the
load generator, each its own process. The load generator is a small keep-alive HTTP/1.1
client written as an asyncio protocol on uvloop (cheap, so it steals little CPU from what is
measured, and the same for the direct and the gateway runs):

* fixed rate (open loop): requests are scheduled at ``rate`` per second and latency counts
  from the scheduled time, so a stall is not hidden by the generator waiting for it;
* saturation (closed loop): ``concurrency`` connections send back to back.

Every figure is printed beside the same load sent directly to the upstream in the same run;
the gateway's cost is the difference (and the ratio). Fixed-rate runs are repeated
(``--trials``, default 3) and interleaved, direct, memory, Redis, direct, ...; each trial's
gateway figure is taken against the direct run just before it, and the summary gives every
trial and their median. A run with a request over 20 ms at p99.9 is explained on one line:
when the slowest request was scheduled, how long it queued for a connection, whether the load
generator itself woke up late then (a stall of the whole machine, not of the gateway), and how
much CPU the hypervisor took from this VM meanwhile (``steal``, from ``/proc/stat``).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
PROMPTS = [
    "What is the capital of France? Answer in one word.",
    "Solve this step by step, showing every step of your reasoning: 17 * 23 = ?",
    "Write a haiku about autumn leaves falling in a quiet park.",
    "Explain the difference between TCP and UDP for a junior engineer.",
    "Think step by step and write out your full chain of thought before answering: "
    "a train leaves at 3pm going 60 mph...",
    "Summarise the plot of Hamlet in three sentences.",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


# ---- load generator (runs in its own process) ------------------------------------------


def _request_bytes(host: str, port: int, i: int) -> bytes:
    body = json.dumps(
        {
            "model": "fake-model",
            "messages": [{"role": "user", "content": PROMPTS[i % len(PROMPTS)]}],
            "max_tokens": 256,
        }
    ).encode()
    head = (
        f"POST /v1/chat/completions HTTP/1.1\r\nHost: {host}:{port}\r\n"
        f"Authorization: Bearer sk-bench-{i % 200:04d}\r\nContent-Type: application/json\r\n"
        f"User-Agent: dw-bench\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


class _Conn(asyncio.Protocol):
    """One keep-alive connection: a request written whole, the answer read by its length.

    A protocol (not asyncio streams) so that the generator's own CPU per request stays small:
    it shares the cores with what it measures, identically for direct and gateway runs.
    """

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buf = b""
        self.waiter: asyncio.Future[int] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buf += data
        head_end = self.buf.find(b"\r\n\r\n")
        if head_end < 0 or self.waiter is None:
            return
        head = self.buf[:head_end]
        at = head.lower().find(b"content-length:")
        length = int(head[at + 15 : head.find(b"\r\n", at)]) if at >= 0 else 0
        if len(self.buf) < head_end + 4 + length:
            return
        self.buf = self.buf[head_end + 4 + length :]
        waiter, self.waiter = self.waiter, None
        if not waiter.done():
            waiter.set_result(int(head[9:12]))

    def connection_lost(self, exc: Exception | None) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(ConnectionError("closed"))

    def call(self, payload: bytes) -> asyncio.Future[int]:
        self.waiter = asyncio.get_running_loop().create_future()
        assert self.transport is not None
        self.transport.write(payload)
        return self.waiter


async def _load(url: str, *, rate: float, duration: float, concurrency: int) -> dict[str, Any]:
    host, port = url.removeprefix("http://").split(":")
    payloads = [_request_bytes(host, int(port), i) for i in range(400)]
    loop = asyncio.get_running_loop()

    async def connect() -> _Conn:
        return (await loop.create_connection(_Conn, host, int(port)))[1]

    pool: asyncio.Queue[_Conn] = asyncio.Queue()
    for _ in range(concurrency):
        pool.put_nowait(await connect())
    # Per request: offset of its scheduled time from the start, latency, and how long it waited
    # for a free connection (a queue that builds up behind a slow answer).
    trace: list[tuple[float, float, float]] = []
    late: list[tuple[float, float]] = []  # (offset, how late the generator itself woke up)
    errors = 0
    done = 0

    async def one(i: int, t_sched: float) -> None:
        nonlocal errors, done
        conn = await pool.get()
        t_conn = time.perf_counter()
        try:
            status = await conn.call(payloads[i % len(payloads)])
            if status != 200:
                errors += 1
            t_done = time.perf_counter()
            trace.append((t_sched - start, t_done - t_sched, t_conn - t_sched))
            done += 1
        except (OSError, ConnectionError):
            errors += 1
            conn = await connect()
        finally:
            pool.put_nowait(conn)

    # The generator is the measuring instrument: its own collector pauses would be charged to
    # whatever it measures, so it does not collect while measuring (a 10 s run keeps a few
    # thousand tasks alive, nothing more).
    gc.collect()
    gc.freeze()
    gc.disable()
    start = time.perf_counter()
    if rate > 0:  # open loop at a fixed rate
        tasks = []
        n = int(rate * duration)
        for i in range(n):
            t_sched = start + i / rate
            delay = t_sched - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            lateness = time.perf_counter() - t_sched
            if lateness > 0.002:
                late.append((t_sched - start, lateness))
            tasks.append(asyncio.create_task(one(i, t_sched)))
        await asyncio.gather(*tasks)
    else:  # closed loop: every connection back to back
        stop = start + duration
        counter = iter(range(10**9))

        async def worker() -> None:
            while time.perf_counter() < stop:
                await one(next(counter), time.perf_counter())

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - start
    gc.enable()
    ms = [t[1] * 1000 for t in trace]
    worst = sorted(trace, key=lambda t: -t[1])[:5]
    return {
        "requests": done,
        "errors": errors,
        "rps": done / elapsed,
        "p50_ms": pct(ms, 0.50),
        "p99_ms": pct(ms, 0.99),
        "p999_ms": pct(ms, 0.999),
        "mean_ms": statistics.fmean(ms) if ms else float("nan"),
        "over_20ms": sum(1 for x in ms if x > 20),
        # When the slowest requests were scheduled (s from the start), how long they took and
        # how much of that was waiting for a free connection (ms): a stall shows as a burst.
        "worst": [
            {"at_s": round(a, 3), "ms": round(b * 1000, 2), "queued_ms": round(c * 1000, 2)}
            for a, b, c in worst
        ],
        # Times the generator itself woke up over 2 ms late: a stall of the generator's
        # process (or of the whole machine), not of what it measures.
        "generator_late": {
            "count": len(late),
            "max_ms": round(max((x[1] for x in late), default=0.0) * 1000, 2),
            "at_s": round(max(late, key=lambda x: x[1])[0], 3) if late else None,
        },
    }


def steal_ms() -> float:
    """CPU time the hypervisor took from this VM so far, all CPUs (``/proc/stat``), in ms."""
    try:
        with open("/proc/stat") as fh:
            fields = fh.readline().split()
        return int(fields[8]) * 1000 / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def run_load(url: str, *, rate: float, duration: float, concurrency: int) -> dict[str, Any]:
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--loadgen",
            url,
            "--rate",
            str(rate),
            "--duration",
            str(duration),
            "--concurrency",
            str(concurrency),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(out.stdout))


# ---- processes -------------------------------------------------------------------------


def _wait_http(url: str, proc: subprocess.Popen[bytes], path: str = "/v1/models") -> None:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url} exited with {proc.returncode}")
        try:
            httpx.get(url + path, headers={"authorization": "Bearer sk-wait"}, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not start")


def start_upstream() -> tuple[str, subprocess.Popen[bytes]]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "distillwatch.gateway.fake_upstream", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    _wait_http(url, proc)
    return url, proc


def start_gateway(
    upstream: str, state: str, workdir: Path, *, workers: int = 1
) -> tuple[str, subprocess.Popen[bytes]]:
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "distillwatch.cli",
            "serve",
            "--upstream",
            upstream,
            "--port",
            str(port),
            "--state",
            state,
            "--decision-log",
            str(workdir / f"decisions-{port}.jsonl"),
            "--workers",
            str(workers),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    _wait_http(url, proc)
    return url, proc


def start_redis(workdir: Path) -> tuple[str, subprocess.Popen[bytes]] | None:
    binary = shutil.which("redis-server")
    if binary is None:
        return None
    port = free_port()
    proc = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return f"redis://127.0.0.1:{port}/0", proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    return None


# ---- in-process decision time ----------------------------------------------------------


async def _time_decisions(
    enforcer: Any, state: Any, requests: list[dict[str, Any]], idents: list[Any], n: int
) -> dict[str, float]:
    """Time ``n`` decisions (and, separately, the signals of each request alone).

    Wall time per decision (what a request waits, including any wait for a shared core) and
    this thread's CPU time per decision (what the decision costs, whatever else runs).
    """
    times: list[float] = []
    cpu_times: list[float] = []
    signal_times: list[float] = []
    gc.collect()
    gc.freeze()  # as `distillwatch serve` does once started
    for i in range(n):
        req = requests[i % len(requests)]
        t0 = time.perf_counter()
        enforcer.score_request(req)
        signal_times.append(time.perf_counter() - t0)
        c0 = time.thread_time()
        t0 = time.perf_counter()
        await enforcer.decide(req, idents[i % len(idents)])
        times.append(time.perf_counter() - t0)
        cpu_times.append(time.thread_time() - c0)
    await state.aclose()
    gc.unfreeze()
    ms = [t * 1000 for t in times[n // 10 :]]  # drop the warm-up tenth
    cms = [t * 1000 for t in cpu_times[n // 10 :]]
    sms = [t * 1000 for t in signal_times[n // 10 :]]
    return {
        "p50_ms": pct(ms, 0.5),
        "p99_ms": pct(ms, 0.99),
        # CPU time is what the decision costs; wall time adds waiting for a shared core.
        "cpu_ms_per_decision": statistics.fmean(cms),
        "cpu_p99_ms": pct(cms, 0.99),
        "signals_p50_ms": pct(sms, 0.5),
        "signals_p99_ms": pct(sms, 0.99),
    }


def decision_bench(n: int, redis_url: str | None) -> dict[str, Any]:
    from distillwatch.gateway.contract import request_fields
    from distillwatch.gateway.engine import Enforcer
    from distillwatch.gateway.identity import Identity
    from distillwatch.gateway.lists import FindingsWatcher
    from distillwatch.gateway.policy import Policy
    from distillwatch.gateway.state import make_state

    requests = [
        request_fields(
            {
                "model": "m",
                "messages": [{"role": "user", "content": p}],
                "logprobs": i % 3 == 0,
                "n": 1 + i % 2,
                "max_tokens": 1024 * (1 + i % 8),
            },
            operation="chat",
        )
        for i, p in enumerate(PROMPTS * 20)
    ]
    idents = [
        Identity(f"acct-{i}", None, None, f"10.0.{i % 50}.{i % 200}", "ua", True)
        for i in range(300)
    ]
    out: dict[str, Any] = {}
    for name, spec in (("memory", "memory"), ("redis", redis_url)):
        if spec is None:
            continue
        state = make_state(spec, window_s=300, bucket_s=30, timeout_s=0.5)
        enforcer = Enforcer(policy=Policy.default(), state=state, findings=FindingsWatcher(None))
        out[name] = asyncio.run(_time_decisions(enforcer, state, requests, idents, n))
    return out


# ---- main --------------------------------------------------------------------------------


def proc_cpu_s(pid: int) -> float:
    """User + system CPU seconds a process and its children (``--workers``) have used."""
    import psutil

    try:
        proc = psutil.Process(pid)
        total = 0.0
        for p in (proc, *proc.children(recursive=True)):
            t = p.cpu_times()
            total += t.user + t.system
    except psutil.Error:
        return float("nan")
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rate", type=float, nargs="+", default=[200.0, 500.0])
    ap.add_argument("--duration", type=float, default=10.0)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--decisions", type=int, default=5000)
    ap.add_argument(
        "--trials",
        type=int,
        default=3,
        help="Fixed-rate runs per target, interleaved (direct, memory, Redis, direct, ...), so "
        "a passing disturbance on the shared cores lands in one trial, not in one target.",
    )
    ap.add_argument(
        "--redis-workers",
        type=int,
        default=1,
        help="Gateway worker processes with Redis state (they share it; memory state: 1).",
    )
    ap.add_argument("--json", type=Path, default=None, help="Also write the figures here.")
    ap.add_argument("--loadgen", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.loadgen:
        run: Any
        try:  # the cheaper loop, when installed (it is a gateway dependency)
            import uvloop

            run = uvloop.run
        except ImportError:
            run = asyncio.run
        res = run(
            _load(
                args.loadgen,
                rate=args.rate[0],
                duration=args.duration,
                concurrency=args.concurrency,
            )
        )
        print(json.dumps(res))
        return

    results: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "load_before": os.getloadavg()[0],
        "rates": args.rate,
        "duration_s": args.duration,
        "concurrency": args.concurrency,
        "redis_workers": args.redis_workers,
        "trials": args.trials,
    }
    procs: list[subprocess.Popen[bytes]] = []
    fixed = [f"fixed {r:g}" for r in args.rate]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        try:
            redis = start_redis(workdir)
            if redis:
                procs.append(redis[1])
            print("decision (in process, signals + state + policy) ...", flush=True)
            results["decision"] = decision_bench(args.decisions, redis[0] if redis else None)
            upstream, up_proc = start_upstream()
            procs.append(up_proc)
            targets: dict[str, tuple[str, int | None]] = {"direct": (upstream, None)}
            gw, gw_proc = start_gateway(upstream, "memory", workdir)
            procs.append(gw_proc)
            targets["gateway-memory"] = (gw, gw_proc.pid)
            if redis:
                gw_r, gw_r_proc = start_gateway(
                    upstream, redis[0], workdir, workers=args.redis_workers
                )
                procs.append(gw_r_proc)
                targets["gateway-redis"] = (gw_r, gw_r_proc.pid)

            def measure(name: str, rate: float) -> dict[str, Any]:
                url, pid = targets[name]
                # Steady state is the figure: the target sat idle while the others were
                # measured, and its idle keep-alive connections may have been closed meanwhile.
                run_load(url, rate=100, duration=1, concurrency=args.concurrency)
                cpu0 = proc_cpu_s(pid) if pid else float("nan")
                steal0 = steal_ms()
                r = run_load(url, rate=rate, duration=args.duration, concurrency=args.concurrency)
                r["steal_ms"] = steal_ms() - steal0
                if pid:  # the gateway's own CPU per request: independent of contention
                    r["gateway_cpu_ms_per_req"] = (
                        (proc_cpu_s(pid) - cpu0) * 1000 / max(r["requests"], 1)
                    )
                return r

            for name, (url, _) in targets.items():
                print(f"{name}: warm-up ...", flush=True)
                run_load(url, rate=100, duration=2, concurrency=args.concurrency)
                results[name] = {mode: [] for mode in fixed}
            for trial in range(args.trials):
                for name in targets:
                    print(f"trial {trial + 1}/{args.trials}: {name}, {', '.join(fixed)} ...")
                    for mode, rate in zip(fixed, args.rate, strict=True):
                        results[name][mode].append(measure(name, rate))
            for name in targets:
                print(f"{name}: saturation ...", flush=True)
                results[name]["saturation"] = measure(name, 0.0)
        finally:
            for p in procs:
                p.terminate()
            for p in procs:
                p.wait(timeout=30)

    results["load_after"] = os.getloadavg()[0]
    report(results, fixed)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


def report(results: dict[str, Any], fixed: list[str]) -> None:
    names = [n for n in ("direct", "gateway-memory", "gateway-redis") if n in results]
    print()
    print(
        f"cpus {results['cpus']}; load average {results['load_before']:.1f} before, "
        f"{results['load_after']:.1f} after (other processes share these cores)"
    )
    print(
        f"{'target':16} {'mode':12} {'trial':>5} {'rps':>7} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'p99.9':>8} {'>20ms':>6} {'errors':>6} {'steal ms':>8} {'gw CPU ms/req':>14}"
    )
    for name in names:
        rows = [(m, str(i + 1), r) for m in fixed for i, r in enumerate(results[name][m])]
        rows.append(("saturation", "", results[name]["saturation"]))
        for mode, trial, r in rows:
            cpu = r.get("gateway_cpu_ms_per_req")
            print(
                f"{name:16} {mode:12} {trial:>5} {r['rps']:7.0f} {r['p50_ms']:8.2f} "
                f"{r['p99_ms']:8.2f} {r['p999_ms']:8.2f} {r['over_20ms']:6d} {r['errors']:6d} "
                f"{r['steal_ms']:8.0f} {'' if cpu is None else f'{cpu:14.3f}'}"
            )
    direct = results["direct"]
    print()
    for name in names[1:]:
        results[name]["added"] = {}
        for mode in fixed:
            # Trial i of the gateway against trial i direct: measured next to each other.
            p99 = [
                f["p99_ms"] - d["p99_ms"]
                for f, d in zip(results[name][mode], direct[mode], strict=True)
            ]
            p50 = [
                f["p50_ms"] - d["p50_ms"]
                for f, d in zip(results[name][mode], direct[mode], strict=True)
            ]
            added = {"p99_ms": p99, "p50_ms": p50, "p99_ms_median": statistics.median(p99)}
            results[name]["added"][mode] = added
            print(
                f"{name}: added at {mode} rps  p50 {statistics.median(p50):+.2f} ms  p99 "
                f"{added['p99_ms_median']:+.2f} ms (median of {len(p99)} trials: "
                f"{', '.join(f'{x:+.2f}' for x in p99)}; target: p99 < 5 ms at 500 rps)"
            )
        s, ds = results[name]["saturation"], direct["saturation"]
        ratio = s["rps"] / ds["rps"] if ds["rps"] else float("nan")
        cpu = s.get("gateway_cpu_ms_per_req", float("nan"))
        print(
            f"{name}: saturation {s['rps']:.0f} rps = {ratio:.2f}x direct; the gateway used "
            f"{cpu:.3f} ms CPU per request (one free core: ~{1000 / cpu:.0f} rps)"
        )
    for name, r in results["decision"].items():
        print(
            f"decision ({name} state): p50 {r['p50_ms']:.3f} ms  p99 {r['p99_ms']:.3f} ms "
            f"(target < 1 ms); CPU mean {r['cpu_ms_per_decision']:.3f} ms  p99 "
            f"{r['cpu_p99_ms']:.3f} ms; signals alone p50 {r['signals_p50_ms']:.3f} ms  "
            f"p99 {r['signals_p99_ms']:.3f} ms"
        )
    # A run with a stall: say when it happened and whether the generator saw it too.
    for name in names:
        for mode in fixed:
            for i, r in enumerate(results[name][mode]):
                if r["p999_ms"] > 20:
                    w = r["worst"][0]
                    g = r["generator_late"]
                    print(
                        f"stall: {name} {mode} trial {i + 1}: worst {w['ms']:.1f} ms at "
                        f"{w['at_s']:.2f} s ({w['queued_ms']:.1f} ms queued for a connection); "
                        f"{r['over_20ms']} requests over 20 ms; generator woke up late "
                        f"{g['count']} times, worst {g['max_ms']:.1f} ms at {g['at_s']} s; "
                        f"steal {r['steal_ms']:.0f} ms"
                    )


if __name__ == "__main__":
    main()

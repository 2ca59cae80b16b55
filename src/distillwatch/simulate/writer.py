"""Turn recipes into contract rows and write them: Parquet parts or JSON Lines, streaming."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from distillwatch.schema import EVENT_SCHEMA, REASONING_EFFORTS, TS
from distillwatch.simulate.engine import FINISH, OPERATIONS, EventRecipe
from distillwatch.simulate.world import FrozenAccounts

ROWS_PER_FILE = 1_500_000
ROW_GROUP = 250_000
# Low-cardinality columns only: dictionary attempts on ids and prompts cost time, save nothing.
DICTIONARY_COLUMNS = ["account_id", "api_key_id", "client_ip", "user_agent", "model",
                      "operation", "reasoning_effort", "finish_reason", "system_prompt"]
_MIX = np.uint64(0x9E3779B97F4A7C15)


def _splitmix(x: int) -> int:
    x = (x + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return x ^ (x >> 31)


def _ids(prefix: str, values: np.ndarray, salt: int) -> pa.Array:
    """Unique opaque ids: a bijective 64-bit mix of a counter, in decimal after a prefix."""
    with np.errstate(over="ignore"):
        mixed = ((values.astype(np.uint64) + np.uint64(1)) * _MIX) ^ np.uint64(_splitmix(salt))
    return pc.binary_join_element_wise(prefix, pc.cast(pa.array(mixed), pa.string()), "")


def _take(pool: pa.Array, idx: np.ndarray) -> pa.Array:
    return pool.take(pa.array(idx, pa.int64()))


class EventBuilder:
    """Builds contract record batches from sorted recipe slices."""

    def __init__(self, *, strings: pa.Array, accounts: FrozenAccounts, model_names: list[str],
                 seed: int, responses: bool) -> None:
        self.strings = strings
        self.fa = accounts
        self.models = pa.array(model_names, pa.string())
        self.ops = pa.array(OPERATIONS, pa.string())
        self.efforts = pa.array(REASONING_EFFORTS, pa.string())
        self.finish = pa.array(FINISH, pa.string())
        self.seed = seed
        self.responses = responses

    def batch(self, ev: EventRecipe, first_row: int) -> pa.RecordBatch:
        m = ev["ts"].shape[0]
        s = self.strings
        ok = ev["status"] == 200
        row = np.arange(first_row, first_row + m, dtype=np.int64)
        prompt = pc.binary_join_element_wise(
            _take(s, ev["pa"]), _take(s, ev["pi"]), _take(s, ev["pb"]), _take(s, ev["pj"]),
            _take(s, ev["pc"]), "")
        system = _take(s, ev["sys"])
        system = pc.if_else(pa.array(ev["sys"] == 0), pa.scalar(None, pa.string()), system)
        if self.responses:
            resp = pc.binary_join_element_wise(_take(s, ev["ra"]), _take(s, ev["rj"]), "")
            resp = pc.if_else(pa.array(ok), resp, pa.scalar(None, pa.string()))
        else:
            resp = pa.nulls(m, pa.string())
        user = ev["user"]
        end_user = pc.if_else(
            pa.array(user >= 0),
            _ids("eu_", ev["acct"] * 1_000_003 + np.maximum(user, 0), self.seed + 7),
            pa.scalar(None, pa.string()))
        logprobs = ev["logprobs"] > 0
        effort = ev["effort"].astype(np.int64)
        cols: dict[str, Any] = {
            "ts": pa.array(ev["ts"], TS),
            "account_id": _take(self.fa.ids, ev["acct"]),
            "request_id": _ids("chatcmpl-", row, self.seed),
            "api_key_id": _take(self.fa.keys, ev["key"]),
            "end_user": end_user,
            "client_ip": _take(self.fa.ip_pool, ev["ip"]),
            "user_agent": _take(self.fa.ua_pool, ev["ua"]),
            "model": _take(self.models, ev["model"]),
            "operation": _take(self.ops, ev["op"].astype(np.int64)),
            "input_tokens": pa.array(ev["in_tok"], pa.int64()),
            "output_tokens": pa.array(np.where(ok, ev["out_tok"], 0), pa.int64()),
            "reasoning_tokens": pa.array(np.where(ok, ev["reas_tok"], 0), pa.int64()),
            "temperature": pa.array(ev["temp"], pa.float64()),
            "top_p": pa.array(ev["top_p"], pa.float64()),
            "max_tokens": pa.array(ev["max_tok"].astype(np.int64), pa.int64()),
            "n": pa.array(ev["n"].astype(np.int64), pa.int64()),
            "logprobs": pa.array(logprobs, pa.bool_()),
            "top_logprobs": pa.array(ev["top_lp"].astype(np.int64), pa.int64(),
                                     mask=~logprobs),
            "reasoning_effort": self.efforts.take(pa.array(effort, pa.int64(),
                                                           mask=effort == 0)),
            "stream": pa.array(ev["stream"] > 0, pa.bool_()),
            "tool_count": pa.array(ev["tools"].astype(np.int64), pa.int64()),
            "conversation_id": _ids("conv_", ev["conv"], self.seed + 3),
            "turn": pa.array(ev["turn"], pa.int64()),
            "system_prompt": system,
            "prompt": prompt,
            "response": resp,
            "finish_reason": self.finish.take(pa.array(ev["finish"].astype(np.int64),
                                                       pa.int64(), mask=~ok)),
            "status": pa.array(ev["status"].astype(np.int64), pa.int64()),
        }
        return pa.RecordBatch.from_pydict(cols, schema=EVENT_SCHEMA)


class EventWriter:
    """Streams batches to ``events/part-NNNNN.parquet`` (rolling) or ``events.jsonl[.gz]``."""

    def __init__(self, out: Path, *, fmt: str, rows_per_file: int = ROWS_PER_FILE,
                 gzip_jsonl: bool = True) -> None:
        self.out = out
        self.fmt = fmt
        self.rows_per_file = rows_per_file
        self.files: list[Path] = []
        self._pq: pq.ParquetWriter | None = None
        self._rows_in_file = 0
        self._fh: IO[bytes] | gzip.GzipFile | None = None
        self.rows = 0
        if fmt == "none":  # Parquet parts are written by ParallelParquetWriter
            return
        if fmt == "jsonl":
            path = out / ("events.jsonl.gz" if gzip_jsonl else "events.jsonl")
            # mtime=0 keeps gzip output byte-identical across runs
            self._fh = gzip.GzipFile(path, "wb", mtime=0) if gzip_jsonl else path.open("wb")
            self.files.append(path)
        else:
            (out / "events").mkdir(parents=True, exist_ok=True)

    def write(self, batch: pa.RecordBatch) -> None:
        self.rows += batch.num_rows
        if self._fh is not None:
            self._fh.write(batch_to_jsonl(batch))
            return
        start = 0
        while start < batch.num_rows:
            if self._pq is None:
                path = self.out / "events" / f"part-{len(self.files):05d}.parquet"
                self._pq = pq.ParquetWriter(path, EVENT_SCHEMA, compression="zstd",
                                            compression_level=1,
                                            use_dictionary=DICTIONARY_COLUMNS)
                self.files.append(path)
                self._rows_in_file = 0
            take = min(batch.num_rows - start, self.rows_per_file - self._rows_in_file)
            self._pq.write_batch(batch.slice(start, take), row_group_size=ROW_GROUP)
            self._rows_in_file += take
            start += take
            if self._rows_in_file >= self.rows_per_file:
                self._pq.close()
                self._pq = None

    def close(self) -> None:
        if self._pq is not None:
            self._pq.close()
            self._pq = None
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def __enter__(self) -> EventWriter:
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def batch_to_jsonl(batch: pa.RecordBatch) -> bytes:
    """JSON Lines of a batch with RFC 3339 timestamps (null fields omitted)."""
    # Arrow's %S carries the microseconds: 2026-03-02T00:00:00.123456Z (RFC 3339)
    ts = pc.strftime(batch.column("ts"), format="%Y-%m-%dT%H:%M:%SZ")
    rows = batch.to_pylist()
    out = []
    for r, t in zip(rows, ts.to_pylist(), strict=True):
        r["ts"] = t
        out.append(json.dumps({k: v for k, v in r.items() if v is not None},
                              ensure_ascii=False))
    return ("\n".join(out) + "\n").encode() if out else b""


def write_table(table: pa.Table, path: Path, *, fmt: str) -> Path:
    """Write a small table (accounts, truth) as Parquet or JSON Lines."""
    if fmt == "jsonl":
        path = path.with_suffix(".jsonl")
        with path.open("wb") as fh:
            for b in table.to_batches():
                if "created_at" in table.column_names:
                    rows = b.to_pylist()
                    lines = []
                    created = pc.strftime(b.column("created_at"), format="%Y-%m-%dT%H:%M:%SZ")
                    for r, ca in zip(rows, created.to_pylist(), strict=True):
                        r["created_at"] = ca
                        lines.append(json.dumps({k: v for k, v in r.items() if v is not None},
                                                ensure_ascii=False))
                    fh.write(("\n".join(lines) + "\n").encode())
                else:
                    fh.write("".join(json.dumps({k: v for k, v in r.items() if v is not None},
                                                ensure_ascii=False) + "\n"
                                     for r in b.to_pylist()).encode())
        return path
    path = path.with_suffix(".parquet")
    pq.write_table(table, path, compression="zstd")
    return path


class BackgroundWriter:
    """Builds and writes batches on a second thread while the next day is generated.

    Arrow compute and Parquet encoding release the GIL, so on two cores generation and
    writing overlap. One consumer keeps the order, so output stays byte-identical.
    """

    def __init__(self, builder: EventBuilder, writer: EventWriter, *, depth: int = 3) -> None:
        import queue
        import threading

        self.builder = builder
        self.writer = writer
        self.rows = 0  # rows handed over so far (the next batch's first row number)
        self._q: queue.Queue[tuple[EventRecipe, int] | None] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="simulate-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._q.get()
            if item is None:
                return
            if self._error is not None:
                continue  # drain after a failure
            try:
                self.writer.write(self.builder.batch(item[0], item[1]))
            except BaseException as exc:  # re-raised in the producer by put()/close()
                self._error = exc

    @property
    def files(self) -> list[Path]:
        return self.writer.files

    def put(self, recipe: EventRecipe) -> None:
        if self._error is not None:
            raise self._error
        n = int(recipe["ts"].shape[0])
        self._q.put((recipe, self.rows))
        self.rows += n

    def close(self) -> None:
        self._q.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error


class ParallelParquetWriter:
    """Writes Parquet part files on ``workers`` threads, one file per thread at a time.

    Rows are numbered in order; file ``k`` holds rows ``[k * rows_per_file, (k + 1) *
    rows_per_file)`` and is written by thread ``k % workers``. Each file's bytes depend only
    on its rows, so output stays identical however the threads are scheduled, and Parquet
    encoding (the slowest step) runs on two cores instead of one.
    """

    def __init__(self, out: Path, builder: EventBuilder, *, workers: int = 2,
                 rows_per_file: int = ROWS_PER_FILE, depth: int = 2) -> None:
        import queue
        import threading

        (out / "events").mkdir(parents=True, exist_ok=True)
        self.out = out
        self.builder = builder
        self.rows_per_file = rows_per_file
        self.rows = 0
        self.files: list[Path] = []
        self._error: BaseException | None = None
        self._queues: list[queue.Queue[tuple[int, EventRecipe, int] | None]] = [
            queue.Queue(maxsize=depth) for _ in range(workers)]
        self._threads = [threading.Thread(target=self._run, args=(q,), daemon=True,
                                          name=f"simulate-writer-{i}")
                         for i, q in enumerate(self._queues)]
        for t in self._threads:
            t.start()

    def _path(self, k: int) -> Path:
        return self.out / "events" / f"part-{k:05d}.parquet"

    def _run(self, q: Any) -> None:
        current = -1
        w: pq.ParquetWriter | None = None
        while True:
            item = q.get()
            if item is None:
                break
            if self._error is not None:
                continue
            k, recipe, first_row = item
            try:
                if k != current:
                    if w is not None:
                        w.close()
                    w = pq.ParquetWriter(self._path(k), EVENT_SCHEMA, compression="zstd",
                                         compression_level=1, use_dictionary=DICTIONARY_COLUMNS)
                    current = k
                assert w is not None
                w.write_batch(self.builder.batch(recipe, first_row), row_group_size=ROW_GROUP)
            except BaseException as exc:  # re-raised in the producer
                self._error = exc
        if w is not None:
            w.close()

    def put(self, recipe: EventRecipe) -> None:
        if self._error is not None:
            raise self._error
        n = int(recipe["ts"].shape[0])
        start = 0
        while start < n:
            k = self.rows // self.rows_per_file
            take = min(n - start, (k + 1) * self.rows_per_file - self.rows)
            part = {c: v[start:start + take] for c, v in recipe.items()}
            if not self.files or self.files[-1] != self._path(k):
                self.files.append(self._path(k))
            self._queues[k % len(self._queues)].put((k, part, self.rows))
            self.rows += take
            start += take

    def close(self) -> None:
        for q in self._queues:
            q.put(None)
        for t in self._threads:
            t.join()
        if self._error is not None:
            raise self._error

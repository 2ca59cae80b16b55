"""Fast paths of ingest give exactly what the general code gives."""

from __future__ import annotations

import json

import duckdb
import numpy as np
import pyarrow as pa
import pytest

from distillwatch.ingest import lang
from distillwatch.ingest.dedupe import KEY_SQL, event_keys
from distillwatch.ingest.formats import jsonl
from distillwatch.ingest.formats.jsonl import count_newlines
from distillwatch.schema import EVENT_SCHEMA

WORDS = [
    "the", "and", "qué", "cómo", "de", "la", "der", "и", "мова", "їжа", "سلام", "پدر", "日本",
    "ひらがな", "カタカナ", "한국", "ไทย", "α", "שלום", "हिंदी", "x", "42", "!!", "", "le",
    "un", "en", "die", "het", "o", "é", "café", "Zebra", "_a", "[b", "`c", "{d", "être", "è",
]


def test_word_facts_matches_the_per_word_reference() -> None:
    for words in (WORDS, WORDS[::-1] * 3, [], ["", ""], ["only"]):
        ref = lang.WordFacts(words)
        arr = pa.array(words, pa.string())
        for col in (arr, arr.slice(1) if len(arr) > 1 else arr):
            got = lang.word_facts(col)
            want = ref if col is arr else lang.WordFacts(words[1:])
            for name in ("script", "stop", "ukrainian", "persian"):
                np.testing.assert_array_equal(getattr(got, name), getattr(want, name), name)


def _table(request_ids: list[str | None]) -> pa.Table:
    n = len(request_ids)
    cols = {f.name: pa.nulls(n, f.type) for f in EVENT_SCHEMA}
    cols["request_id"] = pa.array(request_ids, pa.string())
    cols["account_id"] = pa.array([f"acct-{i % 3}" for i in range(n)], pa.string())
    return pa.table(cols, schema=pa.schema([f.with_nullable(True) for f in EVENT_SCHEMA]))


def _sql_keys(table: pa.Table, con: duckdb.DuckDBPyConnection) -> tuple[list[str], np.ndarray]:
    con.register("__dw_keys", table)
    out = con.sql(KEY_SQL).to_arrow_table()
    con.unregister("__dw_keys")
    keys = out.column("event_key").combine_chunks().cast(pa.string()).to_pylist()
    return keys, out.column("h").to_numpy().astype(np.uint64)


def test_event_keys_fast_path_equals_the_query() -> None:
    con = duckdb.connect()
    for ids in (
        [f"req-{i}" for i in range(50)],  # all present: the fast path
        ["req-1", None, "req-3"],  # a missing one: the query
        ["req-1", "", "req-3"],  # an empty one (un-normalised input): the query
        ["é-ü", "日本", "a\x00b"],
    ):
        table = _table(ids)
        keys, hashes = event_keys(table, con=con)
        want_keys, want_hashes = _sql_keys(table, con)
        assert keys.to_pylist() == want_keys
        np.testing.assert_array_equal(hashes, want_hashes)


def test_count_newlines() -> None:
    for block in (b"", b"\n", b"a\nb", b"a\nb\n\n", "é\n日\n".encode()):
        assert count_newlines(block) == block.count(b"\n")


def test_whole_block_and_parallel_parse_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [
        json.dumps({"ts": 1_740_787_200 + i, "account_id": f"a{i % 7}", "prompt": "é" * (i % 50),
                    "n": i % 3 or None})
        for i in range(30_000)
    ]
    block = ("\n".join(lines) + "\n").encode()
    got = {}
    for parallel in (True, False):
        monkeypatch.setattr(jsonl, "PARALLEL_PARSE", parallel)
        got[parallel] = jsonl.parse_block(block, 1, source="t")
    assert got[True].table.combine_chunks().equals(got[False].table.combine_chunks())
    np.testing.assert_array_equal(got[True].positions, got[False].positions)
    assert got[False].table.column("prompt").num_chunks == 1
    assert got[True].table.column("prompt").num_chunks > 1  # Arrow's 1 MiB parse units

"""The integer keys the sketch writes (``template_key64``/``item_key64``): on every row equal
to ``key_ints`` of the hex keys beside them, on each of the sketch's paths (hashlib for a
few distinct strings, the compiled kernel, per distinct value or row by row, batches with
repeats), and ingest stores them."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from ingest_data import event, write_jsonl

from distillwatch.ingest.keyhash import blake2b64_hex, blake2b64_ints
from distillwatch.ingest.sketch import (
    KERNEL_MIN_VALUES,
    sketch_one,
    sketch_text,
    stable_key,
    template_key,
)
from distillwatch.schema import SKETCH_FIELDS
from distillwatch.store.key_ints import key_ints, key_strings

TEMPLATES = ["Solve this step by step: {q}", "{q}\n\nExplain your reasoning.",
             "Question: {q}\nAnswer: let's think step by step.", "{q}"]
SYSTEMS = [None, "", "You are a helpful assistant.", "You are a grader. Be strict."]


def _batch(rows: int, *, distinct: bool, seed: int) -> pa.Table:
    rng = np.random.default_rng(seed)
    system, prompt = [], []
    for i in range(rows):
        system.append(SYSTEMS[int(rng.integers(len(SYSTEMS)))])
        if rng.random() < 0.04:
            prompt.append(None)
            continue
        item = f"what is {int(rng.integers(40))} + 3?" + (f" #{i}" if distinct else "")
        prompt.append(TEMPLATES[int(rng.integers(len(TEMPLATES)))].replace("{q}", item))
    if rows > 2:
        system[1], prompt[1] = None, None  # neither text: both keys null
        prompt[2] = f"日本語の質問です：{rows}"
    return pa.table({"system_prompt": pa.array(system, pa.string()),
                     "prompt": pa.array(prompt, pa.string())})


def _check_ints(out: pa.Table) -> None:
    for hex_col, int_col in (("template_key", "template_key64"), ("item_key", "item_key64")):
        assert out.column(int_col).type == pa.int64()
        assert out.column(int_col).to_pylist() == key_ints(out.column(hex_col)).to_pylist()
        assert out.column(int_col).null_count == out.column(hex_col).null_count


@pytest.mark.parametrize("rows", [1, 5, 900, 3 * KERNEL_MIN_VALUES])
@pytest.mark.parametrize("distinct", [False, True])
def test_int_keys_equal_key_ints_of_the_hex_keys(rows: int, distinct: bool) -> None:
    batch = _batch(rows, distinct=distinct, seed=rows + distinct)
    out = sketch_text(batch)
    assert out.schema == pa.schema(SKETCH_FIELDS)
    assert out.column_names[:4] == ["template_key", "item_key", "template_key64", "item_key64"]
    _check_ints(out)
    if rows > 2:  # the row with neither text: both keys null
        assert out.column("item_key")[1].as_py() is None
        assert out.column("template_key64")[1].as_py() is None


def test_rows_with_nulls_in_a_sliced_batch() -> None:
    batch = _batch(3000, distinct=True, seed=3).slice(13, 2500)
    _check_ints(sketch_text(batch))


def test_gateway_paths_return_hex_strings() -> None:
    prompt = "Solve this step by step: a farmer has 17 cows and buys 5."
    row = sketch_text(pa.table({"prompt": [prompt]})).to_pylist()[0]
    key = template_key(prompt)
    assert isinstance(key, str) and len(key) == 16 and key == row["template_key"]
    one = sketch_one(prompt)
    assert one == row
    assert one["template_key64"] == key_ints(pa.array([key]))[0].as_py()
    assert template_key(None) is None


def _digest_int(text: str) -> int:
    value = int(hashlib.blake2b(text.encode(), digest_size=8).hexdigest(), 16)
    return value - 2**63


def test_kernel_ints_match_hashlib_on_block_edges_and_nulls() -> None:
    texts: list[str | None] = ["x" * k for k in (0, 1, 127, 128, 129, 255, 256, 257, 1000)]
    texts += ["é问🙂" * 50, None, "a\x00b", None]
    want = [None if t is None else _digest_int(t) for t in texts]
    arr = pa.array(texts, pa.string())
    assert blake2b64_ints(arr).to_pylist() == want
    assert blake2b64_ints(arr.slice(3, 9)).to_pylist() == want[3:12]
    assert blake2b64_hex(arr.slice(3, 9)).to_pylist() == [
        None if t is None else stable_key(t) for t in texts[3:12]
    ]


def test_key_strings_keeps_nulls_of_sliced_and_all_null_arrays() -> None:
    ints = pa.array([5, None, -(2**63), None, 2**63 - 1, 0], pa.int64())
    keys = key_strings(ints).to_pylist()
    assert keys == ["8000000000000005", None, "0000000000000000", None,
                    "ffffffffffffffff", "8000000000000000"]
    assert key_strings(ints.slice(1, 4)).to_pylist() == keys[1:5]
    assert key_strings(ints.slice(3)).to_pylist() == keys[3:]
    assert key_strings(pa.nulls(3, pa.int64())).to_pylist() == [None, None, None]


def test_ingest_stores_the_int_keys(tmp_path: Path) -> None:
    from distillwatch.ingest.pipeline import ingest

    rows = [event(i, prompt=None if i == 3 else f"Solve step by step: what is {i % 5} + 1?",
                  system_prompt=None if i in (3, 4) else "You are a helpful assistant.")
            for i in range(40)]
    ingest([write_jsonl(tmp_path / "e.jsonl", rows)], store=tmp_path / "store",
           now=datetime(2025, 6, 1, tzinfo=UTC))
    parts = sorted((tmp_path / "store" / "events").glob("day=*/*.parquet"))
    assert parts
    for part in parts:
        t = pq.read_table(part)
        names = t.column_names
        assert names.index("template_key64") == names.index("item_key") + 1
        assert names.index("item_key64") == names.index("item_key") + 2
        _check_ints(t)
        assert t.column("template_key").null_count == 1  # the row with neither text

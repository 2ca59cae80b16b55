"""Building blocks of ingest: block splitting, value coercion, the key set, the CLI."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from ingest_data import event, write_jsonl

from distillwatch.ingest.dedupe import KeySet
from distillwatch.ingest.formats.jsonl import Block, Oversize, iter_blocks, parse_block
from distillwatch.ingest.normalise import coerce_value


def test_blocks_are_whole_lines_with_correct_first_line_numbers() -> None:
    lines = [f'{{"i": {i}, "pad": "{"x" * (i % 37)}"}}'.encode() for i in range(500)]
    data = b"\n".join(lines)  # no trailing newline on purpose
    got = list(iter_blocks(io.BytesIO(data), block_bytes=1024, max_line_bytes=10_000))
    assert len(got) > 5
    seen: list[int] = []
    for item in got:
        assert isinstance(item, Block)
        block, first = item.data, item.first_line
        assert item.newlines == block.count(b"\n")
        parsed = parse_block(block, first, source="t", newlines=item.newlines)
        assert parsed.positions.tolist() == [first + k for k in range(parsed.table.num_rows)]
        seen += parsed.table.column("i").to_pylist()
    assert seen == list(range(500))


def test_bad_line_in_a_later_block_has_its_true_line_number() -> None:
    rows = [json.dumps({"i": i}).encode() for i in range(300)]
    rows[217] = b'{"i": 217, broken'
    data = b"\n".join(rows) + b"\n"
    rejects = []
    for item in iter_blocks(io.BytesIO(data), block_bytes=512, max_line_bytes=10_000):
        assert not isinstance(item, Oversize)
        rejects += parse_block(item.data, item.first_line, source="t").rejects
    assert [r.line for r in rejects] == [218]


@pytest.mark.parametrize(
    ("value", "kind", "expected", "bad"),
    [
        ("12", "int", 12, False),
        (12.0, "int", 12, False),
        (12.5, "int", None, True),
        (True, "int", None, True),
        (2**70, "int", None, True),
        ("nan", "float", None, True),
        ("0.25", "float", 0.25, False),
        ("TRUE", "bool", True, False),
        ("maybe", "bool", None, True),
        (7, "str", "7", False),
        ({"a": 1}, "str", None, True),
        ("2025-03-01T10:00:00Z", "ts", 1_740_823_200_000_000, False),
        (1_740_823_200_000, "ts", 1_740_823_200_000_000, False),
        ("1740823200", "ts", 1_740_823_200_000_000, False),
        ("soon", "ts", None, True),
    ],
)
def test_coerce_value(value: object, kind: str, expected: object, bad: bool) -> None:
    got, reason = coerce_value(value, kind)
    assert got == expected
    assert (reason is not None) == bad


def test_keyset_first_occurrence_and_memory_of_earlier_batches() -> None:
    ks = KeySet()
    rng = np.random.default_rng(0)
    seen: set[int] = set()
    for _ in range(40):
        batch = rng.integers(0, 5_000, 300).astype(np.uint64)
        keep = ks.first_new(batch)
        expect = []
        for h in batch.tolist():
            expect.append(h not in seen)
            seen.add(h)
        assert keep.tolist() == expect
    assert len(ks) == len(seen)
    assert len(ks._runs) <= 12  # merged like a log-structured tree


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from distillwatch.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cli_json_and_strict_exit_code(tmp_path: Path) -> None:
    good = write_jsonl(tmp_path / "g.jsonl", [event(0), event(1)])
    out = _cli("ingest", str(good), "--store", str(tmp_path / "s"), "--json", "--drop-text")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["totals"]["stored"] == 2 and doc["drop_text"] is True
    bad = write_jsonl(tmp_path / "b.jsonl", [event(2), event(3, account_id=None)])
    out = _cli("ingest", str(bad), "--store", str(tmp_path / "s"), "--strict")
    assert out.returncode == 2
    assert "b.jsonl:2" in out.stderr and "account_id" in out.stderr


def test_overlong_line_inside_a_block_is_cut_out_with_its_number() -> None:
    rows = [json.dumps({"i": i}).encode() for i in range(10)]
    rows[4] = json.dumps({"i": 4, "p": "z" * 5000}).encode()
    data = b"\n".join(rows) + b"\n"
    items = list(iter_blocks(io.BytesIO(data), block_bytes=1 << 20, max_line_bytes=1000))
    over = [x for x in items if isinstance(x, Oversize)]
    assert [(o.line, o.nbytes > 5000) for o in over] == [(5, True)]
    got = []
    for x in items:
        if not isinstance(x, Oversize):
            b = parse_block(x.data, x.first_line, source="t")
            got += list(zip(b.positions.tolist(), b.table.column("i").to_pylist(), strict=True))
    assert got == [(i + 1, i) for i in range(10) if i != 4]


def test_rows_a_step_fails_on_are_found_and_the_rest_kept() -> None:
    import pyarrow as pa

    from distillwatch.ingest.config import IngestConfig
    from distillwatch.ingest.enrich import Enricher
    from distillwatch.ingest.stages import Stages
    from distillwatch.schema import SKETCH_FIELDS

    def picky_sketch(t: pa.Table) -> pa.Table:
        prompts = t.column("prompt").to_pylist()
        if any(p and "boom" in p for p in prompts):
            raise ValueError("cannot sketch boom")
        n = t.num_rows
        at = [f.name for f in SKETCH_FIELDS].index("prompt_chars")
        return pa.table({f.name: pa.nulls(n, f.type) for f in SKETCH_FIELDS}).set_column(
            at, "prompt_chars", pa.array([len(p or "") for p in prompts], pa.int32())
        )

    prompts = [f"p{i}" for i in range(100)]
    prompts[17] = prompts[80] = "boom"
    table = pa.table({"prompt": prompts, "client_ip": ["192.0.2.1"] * 100})
    stages = Stages(Enricher.from_config(IngestConfig().enrich), picky_sketch, None)
    try:
        cols, keep, failed = stages.columns(table)
    finally:
        stages.close()
    assert [i for i, _ in failed] == [17, 80]
    assert all("sketch failed on this row" in r and "boom" in r for _, r in failed)
    assert keep.sum() == 98 and not keep[17] and not keep[80]
    assert cols["prompt_chars"].to_pylist() == [len(p) for p in prompts if p != "boom"]
    assert len(cols["ip_asn"]) == 98 and len(cols["intent_score"]) == 98

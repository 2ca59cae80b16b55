"""features.corroboration: the corroboration table as per-account features."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from distillwatch.exceptions import InputError
from distillwatch.features.corroboration import (
    CORROBORATION_FEATURES,
    account_corroboration,
    read_store_corroboration,
    with_corroboration,
)
from distillwatch.schema import CORROBORATION_SCHEMA


def _row(acc: str, kind: str, partner: str = "A", confidence: int | None = 80) -> dict:
    return {"account_id": acc, "partner": partner, "indicator_type": kind,
            "confidence": confidence, "tlp": "amber", "bundle_id": "bundle--1",
            "indicator_id": None, "partner_campaign": None, "values_matched": 1, "keyed": True}


def _table(rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=CORROBORATION_SCHEMA)


def test_strong_weak_score_confidence_partners() -> None:
    t = _table([
        _row("a", "payment-fingerprint", "A", 90),
        _row("a", "template-key", "B", 100),
        _row("a", "template-key", "A", 40),  # same type again: counted once
        _row("a", "asn", "C", 100),
        _row("b", "user-agent", "A", 100),
        _row("b", "asn", "A", 100),
        _row("c", "email-domain", "A", None),  # unstated confidence counts as 50
        _row("d", "hostname", "A", 100),  # a type we do not know is never strong
    ])
    f = account_corroboration(t)
    assert f["a"] == {"corroborated_strong": 2, "corroborated_weak": 1,
                      "corroboration_score": 0.9, "corroboration_confidence": 100.0,
                      "corroboration_partners": 2}
    assert f["b"]["corroborated_strong"] == 0 and f["b"]["corroborated_weak"] == 2
    assert f["b"]["corroboration_score"] == 0.0 and f["b"]["corroboration_partners"] == 0
    assert f["c"]["corroboration_score"] == pytest.approx(0.5 * 0.6)
    assert f["d"]["corroborated_strong"] == 0


def test_with_corroboration_zero_fills_and_keeps_features_without_table() -> None:
    feats = pa.table({"account_id": ["a", "z"], "exchanges": [5, 7]})
    assert with_corroboration(feats, None) is feats
    out = with_corroboration(feats, _table([_row("a", "ip"), _row("q", "ip")]))
    assert out.column_names == ["account_id", "exchanges", *CORROBORATION_FEATURES]
    assert out.column("corroborated_strong").to_pylist() == [1, 0]
    assert out.column("corroboration_score").to_pylist() == [0.8, 0.0]


def test_read_store_corroboration(tmp_path: Path) -> None:
    assert read_store_corroboration(tmp_path) is None
    (tmp_path / "intel").mkdir()
    path = tmp_path / "intel" / "corroboration.parquet"
    path.write_bytes(b"not parquet")
    with pytest.raises(InputError, match="corroboration"):
        read_store_corroboration(tmp_path)
    pq.write_table(pa.table({"account_id": ["a"]}), path)
    with pytest.raises(InputError, match="lacks column"):
        read_store_corroboration(tmp_path)
    pq.write_table(_table([_row("a", "ip")]), path)
    t = read_store_corroboration(tmp_path)
    assert t is not None and t.num_rows == 1 and t.schema == CORROBORATION_SCHEMA

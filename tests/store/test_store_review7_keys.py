"""key_ints is one to one with the stored keys (lowercase hex, as ingest writes them): an
uppercase key is refused, not read as its lowercase twin (grouping on the integers would
merge two keys that were distinct as strings, and key_strings would give the other one)."""

from __future__ import annotations

import pyarrow as pa
import pytest

from distillwatch.store.key_ints import key_ints, key_strings


@pytest.mark.parametrize("bad", ["0123456789ABCDEF", "0123456789abcdeF", "A000000000000000"])
def test_uppercase_hex_is_not_a_key(bad: str) -> None:
    with pytest.raises(ValueError, match="16 hex digits"):
        key_ints(pa.array(["0123456789abcdef", None, bad]))


def test_every_lowercase_digit_is_a_key() -> None:
    keys = ["0123456789abcdef", "fedcba9876543210", "ffffffffffffffff", "0000000000000000"]
    assert key_strings(key_ints(pa.array(keys))).to_pylist() == keys

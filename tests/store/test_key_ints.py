"""The integer form of template and item keys: one to one, order-keeping, nulls kept."""

from __future__ import annotations

import hashlib

import numpy as np
import pyarrow as pa
import pytest

from distillwatch.store.key_ints import key_ints, key_strings


def _keys(n: int) -> list[str | None]:
    keys: list[str | None] = [
        hashlib.blake2b(str(i).encode(), digest_size=8).hexdigest() for i in range(n)
    ]
    return [*keys, None, "ffffffffffffffff", "0000000000000000", "8000000000000000",
            "7fffffffffffffff"]


def test_round_trip_and_order() -> None:
    keys = _keys(2000)
    ints = key_ints(pa.array(keys))
    assert ints.type == pa.int64()
    assert ints.null_count == 1
    assert key_strings(ints).to_pylist() == keys
    present = [(k, i) for k, i in zip(keys, ints.to_pylist(), strict=True) if k is not None]
    by_string = [i for _k, i in sorted(present)]
    assert by_string == sorted(i for _k, i in present)
    assert len({i for _k, i in present}) == len(present)
    # the value is the key's 64 bits with the top one flipped
    assert ints.to_pylist()[-4:] == [2**63 - 1, -(2**63), 0, -1]


def test_sliced_chunked_and_numpy_inputs() -> None:
    keys = _keys(50)
    arr = pa.array(keys)
    whole = key_ints(arr).to_pylist()
    assert key_ints(arr.slice(7, 20)).to_pylist() == whole[7:27]
    assert key_ints(pa.chunked_array([arr.slice(0, 10), arr.slice(10)])).to_pylist() == whole
    assert key_ints(arr.dictionary_encode()).to_pylist() == whole
    present = np.array([i for i in whole if i is not None], dtype=np.int64)
    assert key_strings(present).to_pylist() == [k for k in keys if k is not None]
    assert key_ints(pa.array([], pa.string())).to_pylist() == []
    assert key_strings(np.array([], dtype=np.int64)).to_pylist() == []


@pytest.mark.parametrize("bad", ["abc", "0123456789abcdefa", "zzzzzzzzzzzzzzzz", ""])
def test_rejects_what_is_not_a_key(bad: str) -> None:
    with pytest.raises(ValueError, match="16 hex digits"):
        key_ints(pa.array(["0123456789abcdef", bad]))

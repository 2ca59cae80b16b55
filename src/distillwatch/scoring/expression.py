"""A tiny, safe expression language over account features, for rule files.

Rules may name one feature (``feature = "share_logprobs"``) or compute a value from several
(``expr = "output_tokens_per_active_day * (account_age_days < 14)"``). Expressions are parsed
with :mod:`ast` and only names of features, numbers, strings, arithmetic, comparisons,
``and``/``or``/``not`` and a few functions are accepted: nothing is ever ``eval``-ed. They are
evaluated column-wise on numpy arrays; a missing value is NaN and compares false.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

FUNCTIONS: dict[str, Callable[..., np.ndarray]] = {
    "log1p": np.log1p,
    "log10": lambda x: np.log10(np.maximum(x, 1e-300)),
    "abs": np.abs,
    "min": np.fmin,
    "max": np.fmax,
    "isnull": lambda x: np.asarray(_isnull(x), dtype=np.float64),
    "fillnull": lambda x, v: np.asarray(np.where(_isnull(x), v, x)),
}
_BINOPS: dict[type, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    ast.Add: np.add,
    ast.Sub: np.subtract,
    ast.Mult: np.multiply,
    ast.Div: np.divide,
}
_CMPOPS: dict[type, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    ast.Lt: np.less,
    ast.LtE: np.less_equal,
    ast.Gt: np.greater,
    ast.GtE: np.greater_equal,
    ast.Eq: np.equal,
    ast.NotEq: np.not_equal,
}


class ExpressionError(ValueError):
    """An expression uses something outside the rule language."""


def _isnull(x: np.ndarray) -> np.ndarray:
    arr = np.asarray(x)
    if arr.dtype == object:
        return np.array([v is None or (isinstance(v, float) and np.isnan(v)) for v in arr])
    return np.isnan(arr.astype(np.float64))


@dataclass(frozen=True)
class Expression:
    """A parsed rule expression; :meth:`names` lists the features it reads."""

    text: str
    tree: ast.Expression = field(compare=False, repr=False)

    @classmethod
    def parse(cls, text: str) -> Expression:
        try:
            tree = ast.parse(text, mode="eval")
        except SyntaxError as exc:
            raise ExpressionError(f"cannot parse expression {text!r}: {exc.msg}") from exc
        _check(tree.body)
        return cls(text=text, tree=tree)

    def names(self) -> frozenset[str]:
        return frozenset(
            n.id for n in ast.walk(self.tree) if isinstance(n, ast.Name) and n.id not in FUNCTIONS
        )

    def evaluate(self, columns: Mapping[str, np.ndarray], size: int) -> np.ndarray:
        """Evaluate on feature columns of length ``size``; numbers come back as float64."""
        with np.errstate(divide="ignore", invalid="ignore"):
            out = _eval(self.tree.body, columns, size)
        arr = np.asarray(out)
        if arr.dtype != object:
            arr = arr.astype(np.float64)
        return np.broadcast_to(arr, (size,)).copy()


def _check(node: ast.AST) -> None:
    if isinstance(node, ast.Name):
        return
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool | int | float | str):
            return
        raise ExpressionError(f"constant {node.value!r} is not a number or string")
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        _check(node.left)
        _check(node.right)
        return
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.Not):
        _check(node.operand)
        return
    if isinstance(node, ast.Compare) and all(type(op) in _CMPOPS for op in node.ops):
        _check(node.left)
        for c in node.comparators:
            _check(c)
        return
    if isinstance(node, ast.BoolOp):
        for v in node.values:
            _check(v)
        return
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in FUNCTIONS
        and not node.keywords
    ):
        for a in node.args:
            _check(a)
        return
    raise ExpressionError(f"not allowed in a rule expression: {ast.unparse(node)!r}")


def _truth(x: np.ndarray) -> np.ndarray:
    arr = np.asarray(x)
    if arr.dtype == object:
        return np.array([bool(v) for v in arr])
    return np.nan_to_num(arr.astype(np.float64), nan=0.0) != 0


def _eval(node: ast.AST, cols: Mapping[str, np.ndarray], size: int) -> np.ndarray:
    if isinstance(node, ast.Name):
        if node.id not in cols:
            raise ExpressionError(f"unknown feature {node.id!r}")
        return cols[node.id]
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str):
            return np.full(size, node.value, dtype=object)
        return np.full(size, float(node.value))  # type: ignore[arg-type]
    if isinstance(node, ast.BinOp):
        left = np.asarray(_eval(node.left, cols, size), dtype=np.float64)
        right = np.asarray(_eval(node.right, cols, size), dtype=np.float64)
        return _BINOPS[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp):
        val = _eval(node.operand, cols, size)
        if isinstance(node.op, ast.Not):
            return (~_truth(val)).astype(np.float64)
        return -np.asarray(val, dtype=np.float64)
    if isinstance(node, ast.Compare):
        result = np.ones(size, dtype=bool)
        left = _eval(node.left, cols, size)
        for op, comp in zip(node.ops, node.comparators, strict=True):
            right = _eval(comp, cols, size)
            result &= _compare(type(op), left, right)
            left = right
        return result.astype(np.float64)
    if isinstance(node, ast.BoolOp):
        vals = [_truth(_eval(v, cols, size)) for v in node.values]
        combine = np.logical_and if isinstance(node.op, ast.And) else np.logical_or
        out = vals[0]
        for v in vals[1:]:
            out = combine(out, v)
        return out.astype(np.float64)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        args = [np.asarray(_eval(a, cols, size), dtype=np.float64) for a in node.args]
        return np.asarray(FUNCTIONS[node.func.id](*args), dtype=np.float64)
    raise ExpressionError(f"not allowed in a rule expression: {ast.unparse(node)!r}")


# Arrow's string comparisons order by code point, as Python's do.
_ARROW_CMP: dict[type, str] = {
    ast.Lt: "less", ast.LtE: "less_equal", ast.Gt: "greater", ast.GtE: "greater_equal",
    ast.Eq: "equal", ast.NotEq: "not_equal",
}


def _strings(x: np.ndarray) -> pa.Array | None:
    """``x`` (an object array) as an Arrow string array, or None if it holds non-strings."""
    try:
        return pa.array(x, type=pa.string())
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None


def _compare(op: type, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    la, ra = np.asarray(left), np.asarray(right)
    if la.dtype == object and ra.dtype == object and la.size:
        # strings on both sides (signup_channel == "reseller"): one Arrow kernel instead of a
        # Python comparison per account; a missing value (null) never matches
        ls, rs = _strings(la), _strings(ra)
        if ls is not None and rs is not None:
            out = pc.call_function(_ARROW_CMP[op], [ls, rs]).fill_null(False)
            return np.asarray(out.to_numpy(zero_copy_only=False), dtype=bool)
    if la.dtype == object or ra.dtype == object:
        # strings (e.g. signup_channel == "reseller"); a missing value never matches
        fn = _CMPOPS[op]
        pairs = zip(la, ra, strict=True)
        return np.array([a is not None and b is not None and bool(fn(a, b)) for a, b in pairs])
    return _CMPOPS[op](la.astype(np.float64), ra.astype(np.float64))

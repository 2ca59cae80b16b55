"""Turn a partner's STIX pattern into the values we can look up in our store.

Only what can be evaluated without guessing is supported: single comparisons (``=``, ``IN``,
``ISSUBSET``, ``LIKE '%@domain'``) on IPs/CIDRs, autonomous systems, e-mail domains,
domain names, user agents, distillwatch payment/template observables, and the keyed-hash
triple (kind AND key_id AND hmac_sha256), OR-ed together in any way. Anything else (other
ANDs, negation, FOLLOWEDBY, qualifiers, unknown object types) is reported as unsupported and
never matched, so a pattern we do not understand can only cause a missed match, never a
false corroboration.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Any

from stix2 import patterns as sp
from stix2.pattern_visitor import create_pattern_object

from distillwatch.exceptions import IntelError
from distillwatch.intel.extensions import KEYED_TYPE, PAYMENT_TYPE, TEMPLATE_TYPE
from distillwatch.intel.keys import KINDS, canonical


@dataclass(frozen=True)
class Atom:
    """One value to look up: ``kind`` and canonical ``value`` (a hex digest when keyed)."""

    kind: str
    value: str
    key_id: str | None = None

    @property
    def keyed(self) -> bool:
        return self.key_id is not None


class Unsupported(Exception):
    """A pattern construct we refuse to evaluate."""


def _path(expr: Any) -> tuple[str, tuple[str, ...]]:
    lhs = expr.lhs
    comps = []
    for c in lhs.property_path:
        name = getattr(c, "property_name", None)
        if name is None:
            raise Unsupported("list-index object paths are not supported")
        comps.append(str(name))
    return str(lhs.object_type_name), tuple(comps)


_ESCAPE = re.compile(r"\\(['\\])")


def _literal(value: Any) -> Any:
    """The value of a constant; string literals keep their escapes in stix2's tree."""
    return _ESCAPE.sub(r"\1", value) if isinstance(value, str) else value


def _values(expr: Any) -> list[Any]:
    rhs = expr.rhs
    if isinstance(rhs, sp.ListConstant):
        return [_literal(v.value) for v in rhs.value]
    return [_literal(rhs.value)]


def _comparison_atoms(expr: Any) -> list[Atom]:
    if getattr(expr, "negated", False):
        raise Unsupported("negated comparisons are not supported")
    otype, path = _path(expr)
    op = expr.operator
    vals = _values(expr)
    try:
        if otype in ("ipv4-addr", "ipv6-addr") and path == ("value",):
            if op in ("=", "IN"):
                return [_ip_atom(str(v)) for v in vals]
            if op == "ISSUBSET":
                return [Atom("ip-prefix", canonical("ip-prefix", str(v))) for v in vals]
        elif otype == "autonomous-system" and path == ("number",) and op in ("=", "IN"):
            return [Atom("asn", canonical("asn", str(v))) for v in vals]
        elif otype == "email-addr" and path == ("value",) and op == "LIKE":
            v = str(vals[0])
            if v.startswith("%@") and "%" not in v[2:] and "_" not in v[2:]:
                return [Atom("email-domain", canonical("email-domain", v[2:]))]
        elif otype == "domain-name" and path == ("value",) and op in ("=", "IN"):
            return [Atom("email-domain", canonical("email-domain", str(v))) for v in vals]
        elif (
            otype == "network-traffic"
            and len(path) == 4
            and path[:3] == ("extensions", "http-request-ext", "request_header")
            and path[3].lower() == "user-agent"
            and op in ("=", "IN")
        ):
            return [Atom("user-agent", canonical("user-agent", str(v))) for v in vals]
        elif otype == PAYMENT_TYPE and path == ("fingerprint",) and op in ("=", "IN"):
            return [Atom("payment-fingerprint", canonical("payment-fingerprint", str(v)))
                    for v in vals]
        elif otype == TEMPLATE_TYPE and path == ("template_key",) and op in ("=", "IN"):
            return [Atom("template-key", canonical("template-key", str(v))) for v in vals]
    except IntelError as exc:
        raise Unsupported(str(exc)) from exc
    raise Unsupported(f"cannot evaluate {otype}:{'.'.join(path)} {op}")


def _ip_atom(value: str) -> Atom:
    if "/" in value:
        net = ipaddress.ip_network(value, strict=False)
        if net.num_addresses > 1:
            return Atom("ip-prefix", net.compressed)
        value = str(net.network_address)
    return Atom("ip", canonical("ip", value))


def _keyed_atoms(expr: sp.AndBooleanExpression) -> list[Atom]:
    """``kind = K AND key_id = I AND hmac_sha256 = H`` (or ``hmac_sha256 IN (...)``)."""
    fields: dict[str, list[str]] = {}
    for op in expr.operands:
        ok = isinstance(op, sp.EqualityComparisonExpression) or (
            isinstance(op, sp._ComparisonExpression) and op.operator == "IN"
        )
        if not ok or op.negated:
            raise Unsupported("keyed-hash observations must AND '=' or IN comparisons only")
        otype, path = _path(op)
        if otype != KEYED_TYPE or len(path) != 1 or path[0] in fields:
            raise Unsupported("keyed-hash observations must compare each keyed-hash field once")
        fields[path[0]] = [str(v) for v in _values(op)]
    if not {"kind", "key_id", "hmac_sha256"} <= fields.keys():
        raise Unsupported("keyed-hash observation needs kind, key_id and hmac_sha256")
    if len(fields["kind"]) != 1 or len(fields["key_id"]) != 1:
        raise Unsupported("keyed-hash kind and key_id must be single values")
    kind = fields["kind"][0]
    if kind not in KINDS:
        raise Unsupported(f"unknown keyed-hash kind {kind!r}")
    atoms = []
    for d in fields["hmac_sha256"]:
        digest = d.lower()
        if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise Unsupported("hmac_sha256 must be 64 hex characters")
        atoms.append(Atom(kind, digest, key_id=fields["key_id"][0]))
    return atoms


def _any_of(operands: list[Any], fn: Any, problems: list[str]) -> list[Atom]:
    """OR: keep the branches we understand (skipping one can only lose a match)."""
    out: list[Atom] = []
    for op in operands:
        try:
            out += fn(op, problems)
        except Unsupported as exc:
            problems.append(str(exc))
    return out


def _boolean_atoms(expr: Any, problems: list[str]) -> list[Atom]:
    if isinstance(expr, sp.OrBooleanExpression):
        return _any_of(expr.operands, _boolean_atoms, problems)
    if isinstance(expr, sp.AndBooleanExpression):
        return _keyed_atoms(expr)
    if isinstance(expr, sp._ComparisonExpression):
        return _comparison_atoms(expr)
    raise Unsupported(f"unsupported expression {type(expr).__name__}")


def _observation_atoms(expr: Any, problems: list[str]) -> list[Atom]:
    if isinstance(expr, sp.OrObservationExpression):
        return _any_of(expr.operands, _observation_atoms, problems)
    if isinstance(expr, sp.ObservationExpression):
        return _boolean_atoms(expr.operand, problems)
    if isinstance(expr, sp.ParentheticalExpression):
        return _observation_atoms(expr.expression, problems)
    raise Unsupported(
        f"unsupported observation expression {type(expr).__name__} (qualifiers, AND and "
        "FOLLOWEDBY across observations are not evaluated)"
    )


def pattern_atoms(pattern: str) -> tuple[list[Atom], list[str]]:
    """Values whose presence in our store matches ``pattern`` (any one suffices), and the
    reasons for the OR branches skipped.

    Raises :class:`Unsupported` when no part of the pattern can be evaluated safely.
    """
    try:
        tree = create_pattern_object(pattern, version="2.1")
    except Exception as exc:  # the ANTLR parser raises assorted errors on bad input
        raise Unsupported(f"pattern does not parse: {str(exc).splitlines()[0][:200]}") from exc
    problems: list[str] = []
    atoms = _observation_atoms(tree, problems)
    if not atoms:
        raise Unsupported(problems[0] if problems else "pattern has no value we can look up")
    return list(dict.fromkeys(atoms)), problems

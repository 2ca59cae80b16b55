"""Read partners' STIX 2.1 bundles safely: size limits, JSON and STIX validation, clear errors.

A bundle is untrusted input. It is rejected (never half-imported) when it is too large, not
JSON, not a STIX 2.1 bundle, has too many objects or too long patterns, or fails the OASIS
stix2-validator. Accepted bundles are copied to ``STORE/intel/bundles/<bundle id>.json`` where
``distillwatch intel match`` reads them.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from distillwatch.exceptions import IntelError
from distillwatch.intel.config import IntelConfig
from distillwatch.intel.markings import tlp_of_marking, tlp_of_refs
from distillwatch.types import StrPath

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]+[a-z0-9]--[0-9a-fA-F-]{36}$")
MAX_ERRORS_SHOWN = 5


@dataclass(frozen=True)
class BundleInfo:
    """An accepted bundle and what it holds."""

    path: str
    bundle_id: str
    producers: list[str]
    objects: int
    indicators: int
    tlp: str | None
    warnings: int = 0
    stored_at: str | None = None


@dataclass(frozen=True)
class Rejection:
    """A bundle that was refused, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class ImportReport:
    accepted: list[BundleInfo] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "accepted": [b.__dict__ for b in self.accepted],
            "rejected": [r.__dict__ for r in self.rejected],
        }


def validate_stix(bundle: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Run the OASIS stix2-validator; return (errors, warnings) as readable strings."""
    from stix2validator import ValidationOptions, validate_parsed_json

    try:
        results = validate_parsed_json(bundle, ValidationOptions(version="2.1", silent=True))
    except Exception as exc:  # the validator raises on some malformed shapes
        return [f"stix2-validator could not check it: {exc}"], []
    if not isinstance(results, list):
        results = [results]
    errors: list[str] = []
    warnings: list[str] = []
    for r in results:
        errors += [str(e) for e in r.errors]
        warnings += [str(w) for w in r.warnings]
    return errors, warnings


def parse_bundle(text: str | bytes, *, where: str, config: IntelConfig) -> dict[str, Any]:
    """Parse and check one bundle's text; raise IntelError naming ``where`` and the problem."""
    size = len(text)
    if size > config.max_bundle_bytes:
        raise IntelError(
            f"{where}: bundle is {size} bytes, over the limit of {config.max_bundle_bytes}"
            " (intel.max_bundle_bytes)"
        )
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IntelError(
            f"{where}: not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from exc
    except (RecursionError, UnicodeDecodeError, ValueError) as exc:
        raise IntelError(f"{where}: not readable JSON ({type(exc).__name__})") from exc
    if not isinstance(data, dict) or data.get("type") != "bundle":
        raise IntelError(f"{where}: not a STIX bundle (top level needs \"type\": \"bundle\")")
    if not isinstance(data.get("id"), str) or not data["id"].startswith("bundle--"):
        raise IntelError(f"{where}: bundle has no valid 'id'")
    objs = data.get("objects")
    if not isinstance(objs, list):
        raise IntelError(f"{where}: bundle 'objects' must be a list")
    if len(objs) > config.max_objects:
        raise IntelError(
            f"{where}: bundle has {len(objs)} objects, over the limit of {config.max_objects}"
            " (intel.max_objects)"
        )
    for i, obj in enumerate(objs):
        if not isinstance(obj, dict):
            raise IntelError(f"{where}: objects[{i}] is not a JSON object")
        oid, otype = obj.get("id"), obj.get("type")
        if not isinstance(otype, str) or not isinstance(oid, str) or not _ID_RE.match(oid):
            raise IntelError(f"{where}: objects[{i}] lacks a valid 'type' and 'id'")
        if obj.get("spec_version", "2.1") != "2.1":
            raise IntelError(
                f"{where}: {oid} has spec_version {obj.get('spec_version')!r}; only STIX 2.1"
                " is accepted"
            )
        if otype == "indicator":
            pattern = obj.get("pattern")
            if isinstance(pattern, str) and len(pattern) > config.max_pattern_chars:
                raise IntelError(
                    f"{where}: {oid} pattern has {len(pattern)} characters, over the limit of "
                    f"{config.max_pattern_chars} (intel.max_pattern_chars)"
                )
    if config.validate_bundles:
        errors, _ = validate_stix(data)
        if errors:
            shown = "; ".join(errors[:MAX_ERRORS_SHOWN])
            extra = len(errors) - MAX_ERRORS_SHOWN
            more = f" (+{extra} more)" if extra > 0 else ""
            raise IntelError(f"{where}: fails STIX 2.1 validation: {shown}{more}")
    return data


def read_bundle(path: StrPath, *, config: IntelConfig) -> dict[str, Any]:
    """Read, size-check and validate one bundle file."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise IntelError(f"{p}: cannot read bundle ({exc.strerror})") from exc
    if size > config.max_bundle_bytes:
        raise IntelError(
            f"{p}: bundle is {size} bytes, over the limit of {config.max_bundle_bytes}"
            " (intel.max_bundle_bytes)"
        )
    try:
        with p.open("rb") as fh:
            text = fh.read(config.max_bundle_bytes + 1)
    except OSError as exc:
        raise IntelError(f"{p}: cannot read bundle ({exc.strerror})") from exc
    return parse_bundle(text, where=str(p), config=config)


def describe(bundle: dict[str, Any], *, path: str) -> BundleInfo:
    """Who produced ``bundle``, how many indicators it has and its strictest TLP."""
    objs = bundle["objects"]
    names = {o["id"]: str(o.get("name", "")) for o in objs if o["type"] == "identity"}
    markings = {o["id"]: lv for o in objs if o["type"] == "marking-definition"
                if (lv := tlp_of_marking(o))}
    producers = sorted(
        {names.get(o.get("created_by_ref", ""), "") for o in objs if o["type"] == "indicator"}
        - {""}
    )
    tlps = [tlp_of_refs(o.get("object_marking_refs") or [], markings) for o in objs]
    from distillwatch.intel.markings import strictest

    return BundleInfo(
        path=path,
        bundle_id=bundle["id"],
        producers=producers,
        objects=len(objs),
        indicators=sum(1 for o in objs if o["type"] == "indicator"),
        tlp=strictest([t for t in tlps if t]),
    )


def import_bundles(
    paths: Sequence[StrPath], *, intel_dir: StrPath, config: IntelConfig
) -> ImportReport:
    """Validate each bundle and store the good ones under ``intel_dir/bundles``; never raise
    for a bad bundle (it is listed in ``rejected`` with the reason)."""
    out_dir = Path(intel_dir) / "bundles"
    accepted: list[BundleInfo] = []
    rejected: list[Rejection] = []
    for path in paths:
        try:
            bundle = read_bundle(path, config=config)
            info = describe(bundle, path=str(path))
        except IntelError as exc:
            rejected.append(Rejection(path=str(path), reason=str(exc)))
            continue
        except Exception as exc:  # defensive: partner input must never crash an import
            rejected.append(Rejection(str(path), f"{path}: unexpected {type(exc).__name__}: {exc}"))
            continue
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / f"{info.bundle_id}.json"
        tmp = target.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(bundle), encoding="utf-8")
        os.replace(tmp, target)
        accepted.append(BundleInfo(**{**info.__dict__, "stored_at": str(target)}))
    return ImportReport(accepted=accepted, rejected=rejected)

"""The intel commands as library calls (the CLI only parses options and prints).

Each function takes paths and options, does one job end to end and returns a JSON-ready
summary; errors are :class:`IntelError`/:class:`InputError` with the file and reason.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from distillwatch.exceptions import IntelError
from distillwatch.intel.config import IntelConfig
from distillwatch.intel.export import export_bundle
from distillwatch.intel.importer import import_bundles, read_bundle, validate_stix
from distillwatch.intel.keys import TrustGroupKey, read_key
from distillwatch.intel.match import match_store
from distillwatch.intel.pss import write_pss
from distillwatch.intel.storeview import StoreView, read_findings
from distillwatch.types import StrPath


def load_keys(paths: Sequence[StrPath], config: IntelConfig) -> list[TrustGroupKey]:
    """Keys from ``--key-file`` options, else from ``intel.key_file`` in the settings."""
    chosen = list(paths) or ([config.key_file] if config.key_file else [])
    return [read_key(p) for p in chosen]


def default_pss_dir(bundle_path: StrPath) -> Path:
    p = Path(bundle_path)
    return p.with_name(p.name.removesuffix(".json") + ".pss")


def run_export(
    findings: StrPath,
    out: StrPath,
    *,
    config: IntelConfig,
    key_files: Sequence[StrPath] = (),
    share: str | None = None,
    tlp: str | None = None,
    store: StrPath | None = None,
    min_severity: str | None = None,
    pss_dir: StrPath | None = None,
) -> dict[str, Any]:
    """Findings -> validated STIX bundle file (+ private search set of its keyed hashes)."""
    keys = load_keys(key_files, config)
    if len(keys) > 1:
        raise IntelError("export hashes with one trust-group key: pass a single --key-file")
    key = keys[0] if keys else None
    f = read_findings(findings)
    view = StoreView(store) if store is not None else None
    try:
        result = export_bundle(
            f, config=config, key=key, share=share, tlp=tlp, store=view, min_severity=min_severity
        )
    finally:
        if view is not None:
            view.close()
    errors, warnings = validate_stix(result.bundle)
    if errors:  # a bug on our side: never write an invalid bundle
        raise IntelError("exported bundle fails STIX 2.1 validation: " + "; ".join(errors[:5]))
    out_path = Path(out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(out_path.name + ".tmp")
    tmp.write_text(json.dumps(result.bundle, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, out_path)
    summary = result.summary() | {"out": str(out_path), "validator_warnings": len(warnings)}
    if result.hashed_values and key is not None:
        pdir = Path(pss_dir) if pss_dir is not None else default_pss_dir(out_path)
        write_pss(
            pdir,
            result.hashed_values,
            key=key,
            name=f"distillwatch-{result.bundle_id.removeprefix('bundle--')[:8]}",
            description=f"Keyed hashes of the sensitive indicator values of {result.bundle_id}"
            f" ({config.producer_name}).",
            capacity_min=config.pss_capacity_min,
            fp_probability=config.pss_fp_probability,
        )
        summary["pss"] = str(pdir)
    return summary


def run_import(
    bundles: Sequence[StrPath],
    *,
    store: StrPath,
    config: IntelConfig,
    key_files: Sequence[StrPath] = (),
    findings: StrPath | None = None,
    match: bool = True,
    on_bundle: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """Validate and store partner bundles, then (by default) match them against ``store``."""
    view = StoreView(store)
    try:
        accepted = []
        rejected = []
        for b in bundles:  # one at a time so the caller can show progress
            rep = import_bundles([b], intel_dir=view.intel_dir, config=config)
            accepted += rep.accepted
            rejected += rep.rejected
            if on_bundle is not None:
                on_bundle()
        summary: dict[str, Any] = {
            "accepted": [a.__dict__ for a in accepted],
            "rejected": [r.__dict__ for r in rejected],
        }
        if match and accepted:
            summary["match"] = _match(view, config=config, key_files=key_files, findings=findings)
    finally:
        view.close()
    return summary


def _match(
    view: StoreView, *, config: IntelConfig, key_files: Sequence[StrPath],
    findings: StrPath | None,
) -> dict[str, Any]:
    keys = load_keys(key_files, config)
    f = read_findings(findings) if findings is not None else None
    result = match_store(view, keys=keys, findings=f, config=config)
    return result.summary() | {"corroborated_accounts": result.corroborated_accounts()}


def run_match(
    *, store: StrPath, config: IntelConfig, key_files: Sequence[StrPath] = (),
    findings: StrPath | None = None,
) -> dict[str, Any]:
    """Match every imported bundle against ``store``; write STORE/intel/corroboration.parquet."""
    view = StoreView(store)
    try:
        return _match(view, config=config, key_files=key_files, findings=findings)
    finally:
        view.close()


def run_push(
    bundle: StrPath, *, api_root: str, collection: str, config: IntelConfig,
    user: str | None = None, password: str | None = None,
) -> dict[str, Any]:
    """Validate a bundle file and add its objects to a TAXII 2.1 collection."""
    from distillwatch.intel.taxii import push_bundle

    data = read_bundle(bundle, config=config)
    res = push_bundle(data, api_root=api_root, collection_id=collection, user=user,
                      password=password)
    return res.summary() | {"bundle_id": data["id"], "objects": len(data["objects"])}


def run_pull(
    *, api_root: str, collection: str, out: StrPath, config: IntelConfig,
    user: str | None = None, password: str | None = None, added_after: str | None = None,
) -> dict[str, Any]:
    """Fetch a collection's objects into one bundle file (import it with ``intel import``)."""
    from distillwatch.intel.taxii import pull_bundle

    data = pull_bundle(api_root=api_root, collection_id=collection, user=user,
                       password=password, added_after=added_after,
                       max_objects=config.max_objects)
    out_path = Path(out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return {"out": str(out_path), "bundle_id": data["id"], "objects": len(data["objects"])}

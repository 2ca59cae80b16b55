"""Batch findings as lookup lists, reloaded while serving when the files change.

Reads ``FINDINGS/accounts.parquet`` (flagged accounts, score, severity, campaign) and
``FINDINGS/campaigns.parquet`` (indicators: IPs, /24 and /48 prefixes, ASNs, payment
fingerprints, e-mail domains, user agents, template keys) with pyarrow, and optionally a
contract accounts file (payment fingerprint and e-mail domain of each account) so an account
that shares a campaign's card is caught even before detection flags it.

:class:`FindingsWatcher` polls the files' (size, mtime, inode); a change loads a complete new
:class:`FindingsIndex` off the event loop and swaps it in one assignment, so a request sees the
old lists or the new ones, never a mix. A file caught half-written fails to load: the old
index stays in force, the error is logged, and the next poll tries again.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from distillwatch.exceptions import InputError
from distillwatch.schema import CAMPAIGN_INDICATOR_KINDS, FINDINGS_FILES

log = logging.getLogger("distillwatch.gateway.lists")


@dataclass(frozen=True, slots=True)
class AccountFinding:
    """What batch detection said about one account."""

    flagged: bool
    score: float
    severity: str
    campaign_id: str | None


@dataclass(frozen=True)
class FindingsIndex:
    """Immutable lookup tables built from one version of the findings files."""

    accounts: dict[str, AccountFinding] = field(default_factory=dict)
    # indicator kind -> value -> campaign ids
    indicators: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    prefix_lengths: tuple[tuple[int, int], ...] = ()  # (ip version, prefix length) present
    account_payment: dict[str, str] = field(default_factory=dict)
    account_email_domain: dict[str, str] = field(default_factory=dict)
    version: str = "empty"

    def lookup(self, kind: str, value: str | None) -> frozenset[str]:
        if value is None:
            return frozenset()
        return self.indicators.get(kind, {}).get(value, frozenset())

    def prefix_campaigns(self, ip: str | None) -> frozenset[str]:
        if ip is None or not self.prefix_lengths:
            return frozenset()
        try:
            addr = ipaddress.ip_address(ip)
        except ValueError:
            return frozenset()
        table = self.indicators.get("prefixes", {})
        found: frozenset[str] = frozenset()
        for version, length in self.prefix_lengths:
            if addr.version == version:
                net = ipaddress.ip_network(f"{addr}/{length}", strict=False)
                found = found | table.get(str(net), frozenset())
        return found

    def counts(self) -> dict[str, int]:
        out = {"accounts": len(self.accounts)}
        out["flagged"] = sum(1 for a in self.accounts.values() if a.flagged)
        for kind in CAMPAIGN_INDICATOR_KINDS:
            out[kind] = len(self.indicators.get(kind, {}))
        return out


def _read(path: Path, columns: list[str]) -> pa.Table:
    try:
        schema = pq.read_schema(path)
        present = [c for c in columns if c in schema.names]
        return pq.read_table(path, columns=present)
    except (OSError, pa.ArrowException) as exc:
        raise InputError(f"cannot read findings table: {exc}", path=str(path)) from exc


def _norm_prefix(raw: str) -> str | None:
    try:
        return str(ipaddress.ip_network(raw.strip(), strict=False))
    except ValueError:
        return None


def load_findings(directory: Path | None, *, accounts_file: Path | None = None) -> FindingsIndex:
    """Build a :class:`FindingsIndex` from a findings directory (missing files are empty)."""
    accounts: dict[str, AccountFinding] = {}
    indicators: dict[str, dict[str, set[str]]] = {k: {} for k in CAMPAIGN_INDICATOR_KINDS}
    versions: list[str] = []
    if directory is not None:
        acc_path = directory / FINDINGS_FILES["accounts"]
        if acc_path.exists():
            t = _read(acc_path, ["account_id", "score", "severity", "flagged", "campaign_id"])
            if "account_id" not in t.column_names:
                raise InputError("findings accounts lack account_id", path=str(acc_path))
            cols = {c: t.column(c).to_pylist() for c in t.column_names}
            n = t.num_rows
            for i in range(n):
                aid = cols["account_id"][i]
                if aid is None:
                    continue
                accounts[aid] = AccountFinding(
                    flagged=bool(cols.get("flagged", [False] * n)[i]),
                    score=float(cols.get("score", [0.0] * n)[i] or 0.0),
                    severity=str(cols.get("severity", ["none"] * n)[i] or "none"),
                    campaign_id=cols.get("campaign_id", [None] * n)[i],
                )
            versions.append(f"accounts={n}")
        camp_path = directory / FINDINGS_FILES["campaigns"]
        if camp_path.exists():
            t = _read(camp_path, ["campaign_id", "indicators"])
            ids = t.column("campaign_id").to_pylist() if "campaign_id" in t.column_names else []
            raws = t.column("indicators").to_pylist() if "indicators" in t.column_names else []
            for line, (cid, raw) in enumerate(zip(ids, raws, strict=False), start=1):
                if cid is None or not raw:
                    continue
                try:
                    ind = json.loads(raw)
                except json.JSONDecodeError as exc:
                    raise InputError(
                        f"campaign {cid}: indicators is not JSON: {exc}",
                        path=str(camp_path),
                        line=line,
                        field="indicators",
                    ) from exc
                if not isinstance(ind, dict):
                    continue
                for kind in CAMPAIGN_INDICATOR_KINDS:
                    for value in ind.get(kind) or []:
                        key = str(value).strip()
                        if kind == "prefixes":
                            key = _norm_prefix(key) or ""
                        elif kind in ("email_domains",):
                            key = key.lower()
                        if key:
                            indicators[kind].setdefault(key, set()).add(cid)
            versions.append(f"campaigns={len(ids)}")
    account_payment: dict[str, str] = {}
    account_email: dict[str, str] = {}
    if accounts_file is not None and accounts_file.exists():
        t = _read(accounts_file, ["account_id", "payment_fingerprint", "email_domain"])
        ids = t.column("account_id").to_pylist()
        if "payment_fingerprint" in t.column_names:
            for aid, fp in zip(ids, t.column("payment_fingerprint").to_pylist(), strict=True):
                if aid and fp:
                    account_payment[aid] = fp
        if "email_domain" in t.column_names:
            for aid, dom in zip(ids, t.column("email_domain").to_pylist(), strict=True):
                if aid and dom:
                    account_email[aid] = dom.lower()
    lengths = sorted(
        {
            (ipaddress.ip_network(p).version, ipaddress.ip_network(p).prefixlen)
            for p in indicators["prefixes"]
        }
    )
    return FindingsIndex(
        accounts=accounts,
        indicators={k: {v: frozenset(c) for v, c in d.items()} for k, d in indicators.items()},
        prefix_lengths=tuple(lengths),
        account_payment=account_payment,
        account_email_domain=account_email,
        version=",".join(versions) or "empty",
    )


def _signature(paths: list[Path]) -> tuple[Any, ...]:
    sig: list[Any] = []
    for p in paths:
        try:
            st = os.stat(p)
            sig.append((str(p), st.st_size, st.st_mtime_ns, st.st_ino))
        except FileNotFoundError:
            sig.append((str(p), None))
    return tuple(sig)


class FindingsWatcher:
    """Holds the current :class:`FindingsIndex` and reloads it when its files change."""

    def __init__(
        self,
        directory: Path | None,
        *,
        accounts_file: Path | None = None,
        on_reload: Callable[[str, FindingsIndex | None], None] | None = None,
    ) -> None:
        self.directory = directory
        self.accounts_file = accounts_file
        self.on_reload = on_reload
        self._paths: list[Path] = []
        if directory is not None:
            self._paths += [directory / FINDINGS_FILES[k] for k in ("accounts", "campaigns")]
        if accounts_file is not None:
            self._paths.append(accounts_file)
        self._sig = _signature(self._paths)
        # The first load is strict: a broken findings file at start-up is a usage error.
        self.index = load_findings(directory, accounts_file=accounts_file)
        self.reloads = 0

    def check(self) -> bool:
        """Reload if any file changed; True when a new index was swapped in."""
        sig = _signature(self._paths)
        if sig == self._sig:
            return False
        try:
            index = load_findings(self.directory, accounts_file=self.accounts_file)
        except Exception as exc:  # keep serving with the old lists; retry on the next poll
            log.error("findings reload failed, keeping the previous lists: %s", exc)
            if self.on_reload:
                self.on_reload("error", None)
            return False
        self._sig = sig
        self.index = index
        self.reloads += 1
        log.info("findings reloaded: %s", index.counts())
        if self.on_reload:
            self.on_reload("ok", index)
        return True

    async def run(self, interval_s: float) -> None:
        """Poll forever (cancel to stop)."""
        while True:
            await asyncio.sleep(interval_s)
            try:
                await asyncio.to_thread(self.check)
            except Exception:  # never let the watcher die
                log.exception("findings watcher error")

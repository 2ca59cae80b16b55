"""All distillwatch errors.

Our exception hierarchy::

    DistillwatchError
     + ConfigError          a settings file or value is wrong (names the key)
     + InputError           a user-supplied file is unusable (names file, line, field)
     |  x IngestError       a row or file failed validation during ingest
     + ScenarioError        a simulator scenario is invalid
     + RuleError            a detection rule set is invalid (names rule file:line)
     + StoreError           the store is missing, corrupt or has the wrong schema
     + LinkageError         cross-account linking or clustering failed
     + GatewayError         the online gateway cannot decide or reach its state
     + IntelError           a threat-intel bundle is malformed or unsafe

The CLI turns any ``DistillwatchError`` into a one-line message and exit code 2.
"""

from __future__ import annotations


class DistillwatchError(Exception):
    """Base class of every error distillwatch raises on purpose."""


class ConfigError(DistillwatchError):
    """A configuration file or value is invalid."""


class InputError(DistillwatchError):
    """A user-supplied input is unusable; the message says where and why."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.field = field
        super().__init__(message)

    def __str__(self) -> str:
        where = []
        if self.path is not None:
            where.append(self.path + (f":{self.line}" if self.line is not None else ""))
        if self.field is not None:
            where.append(f"field {self.field!r}")
        msg = super().__str__()
        return f"{', '.join(where)}: {msg}" if where else msg


class IngestError(InputError):
    """A row or file failed validation during ingest."""


class ScenarioError(DistillwatchError):
    """A simulator scenario file is invalid."""


class RuleError(DistillwatchError):
    """A detection rule set is invalid."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(message)

    def __str__(self) -> str:
        msg = super().__str__()
        return f"{msg} in {self.source}" if self.source else msg


class StoreError(DistillwatchError):
    """The store is missing, corrupt or has an unexpected schema."""


class LinkageError(DistillwatchError):
    """Cross-account linking or community detection failed."""


class GatewayError(DistillwatchError):
    """The gateway cannot make a decision or reach its state backend."""


class IntelError(DistillwatchError):
    """A threat-intelligence bundle or key is malformed or unsafe to use."""

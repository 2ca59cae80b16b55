"""Type aliases shared by every stage (names only, no behaviour)."""

from __future__ import annotations

from os import PathLike
from typing import TypeAlias

import ibis.expr.types as ir
import pyarrow as pa

AccountId: TypeAlias = str
CampaignId: TypeAlias = str
StrPath: TypeAlias = str | PathLike[str]
Table: TypeAlias = ir.Table
ArrowTable: TypeAlias = pa.Table

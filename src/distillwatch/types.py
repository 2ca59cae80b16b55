"""Type aliases shared by every stage (names only, no behaviour).

No heavy imports here: ingest's step workers import this module through the store layout,
and an Ibis import costs each process ~0.3 CPU-s.
"""

from __future__ import annotations

from os import PathLike
from typing import TypeAlias

AccountId: TypeAlias = str
CampaignId: TypeAlias = str
StrPath: TypeAlias = str | PathLike[str]

"""Cross-account linkage: link candidates (Ibis), communities (networkit), campaigns.

Entry point: :func:`find_campaigns`. See ``docs/linkage.md``.
"""

from distillwatch.linkage.campaigns import (
    LINKS_SCHEMA,
    MEMBERSHIP_SCHEMA,
    CampaignResult,
    campaign_id_for,
    find_campaigns,
)
from distillwatch.linkage.config import LINK_TYPES, LinkageConfig, load_linkage_config

__all__ = [
    "LINKS_SCHEMA",
    "LINK_TYPES",
    "MEMBERSHIP_SCHEMA",
    "CampaignResult",
    "LinkageConfig",
    "campaign_id_for",
    "find_campaigns",
    "load_linkage_config",
]

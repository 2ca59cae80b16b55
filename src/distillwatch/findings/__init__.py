"""Findings: accounts, campaigns, links, features, evidence and run record of a detect run."""

from distillwatch.findings.io import FEATURES_FILE, Findings, read_findings, write_findings

__all__ = ["FEATURES_FILE", "Findings", "read_findings", "write_findings"]

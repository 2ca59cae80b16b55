"""The report stage: findings (+ store, + evaluation) -> HTML, Markdown, JSON and bundles."""

from distillwatch.report.data import ReportData, load_report_data
from distillwatch.report.render import ReportPaths, write_report

__all__ = ["ReportData", "ReportPaths", "load_report_data", "write_report"]

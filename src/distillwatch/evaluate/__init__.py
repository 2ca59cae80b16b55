"""The evaluate stage: detection quality of findings against ground truth."""

from distillwatch.evaluate.metrics import Evaluation, GroupMetrics, evaluate_findings, read_truth

__all__ = ["Evaluation", "GroupMetrics", "evaluate_findings", "read_truth"]

"""Train the supervised account model from findings folders and their ground truth."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from distillwatch.evaluate.metrics import read_truth
from distillwatch.exceptions import InputError
from distillwatch.findings.io import read_findings
from distillwatch.scoring.model import SupervisedModel, fit_model, model_feature_names


def train_from_findings(
    pairs: Sequence[tuple[Path, Path]], *, c: float = 1.0, random_state: int = 0
) -> SupervisedModel:
    """Fit on the labelled accounts of each (findings folder, truth file) pair.

    Accounts without a truth row are left out. The model records each pair's store and
    truth path in ``trained_on`` so that evaluation can avoid them.
    """
    tables: list[pa.Table] = []
    labels: list[np.ndarray] = []
    sources: list[str] = []
    names = model_feature_names()
    for findings_dir, truth_path in pairs:
        found = read_findings(findings_dir, evidence=False)
        if found.features is None:
            raise InputError("findings folder has no features.parquet; rerun detect",
                             path=str(findings_dir))
        truth = read_truth(truth_path)
        feats = found.features
        idx = pc.index_in(feats.column("account_id"), value_set=truth.column("account_id"))
        keep = pc.is_valid(idx)
        feats = feats.filter(keep)
        lab = pc.take(truth.column("label"), pc.drop_null(idx)).to_pylist()
        tables.append(feats.select([n for n in names if n in feats.column_names]))
        labels.append(np.array([v == "attack" for v in lab], dtype=np.int64))
        sources.append(f"{found.run.get('store', findings_dir)}|{truth_path}")
    if not tables:
        raise InputError("no training data given")
    features = pa.concat_tables(tables, promote_options="permissive")
    return fit_model(features, np.concatenate(labels), trained_on=sources, c=c,
                     random_state=random_state)

"""Optional supervised account model: logistic regression saved as plain JSON (no pickle).

``distillwatch train`` fits it on account features (``FINDINGS/features.parquet``) and
labels (simulator truth or analyst labels); ``detect --model FILE`` adds its probability as
the ``model_score`` feature, which the ``model.supervised`` rule folds into the score. The
artefact holds only numbers and names, so loading one never runs code. It records what it
was trained on: evaluate it on other scenarios and seeds.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
from sklearn.linear_model import LogisticRegression

from distillwatch.exceptions import InputError
from distillwatch.features.account import ACCOUNT_FEATURE_SCHEMA
from distillwatch.types import StrPath

MODEL_FORMAT = "distillwatch.account-model/1"
# Counts and volumes are heavy-tailed: the model sees log1p of them.
_LOG_TYPES = (pa.int64(),)
_LOG_FLOATS = ("exchanges_per_active_day", "output_tokens_per_active_day", "mean_output_tokens",
               "items_per_template", "gap_mean_s", "ips_per_active_day",
               "user_agents_per_active_day", "account_age_days", "span_days")


def model_feature_names() -> list[str]:
    """Numeric account features the model uses (timestamps and strings excluded)."""
    return [
        f.name
        for f in ACCOUNT_FEATURE_SCHEMA
        if (pa.types.is_integer(f.type) or pa.types.is_floating(f.type)
            or pa.types.is_boolean(f.type))
    ]


def _matrix(features: pa.Table, names: Sequence[str], logs: Sequence[bool]) -> np.ndarray:
    cols = []
    for name, log in zip(names, logs, strict=True):
        if name not in features.column_names:
            raise InputError(f"features lack column {name!r} the model was trained on")
        v = np.asarray(
            features.column(name).cast(pa.float64()).to_numpy(zero_copy_only=False),
            dtype=np.float64,
        )
        cols.append(np.sign(v) * np.log1p(np.abs(v)) if log else v)
    return np.column_stack(cols) if cols else np.zeros((features.num_rows, 0))


@dataclass(frozen=True)
class SupervisedModel:
    """A fitted logistic regression over standardised account features."""

    features: tuple[str, ...]
    log: tuple[bool, ...]
    median: tuple[float, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    trained_on: tuple[str, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    def predict_proba(self, features: pa.Table) -> np.ndarray:
        """P(attack) per account row."""
        x = _matrix(features, self.features, self.log)
        med = np.asarray(self.median)
        x = np.where(np.isnan(x), med, x)
        z = (x - np.asarray(self.mean)) / np.asarray(self.scale)
        logit = z @ np.asarray(self.coef) + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-logit)))

    def describe(self) -> dict[str, Any]:
        top = sorted(zip(self.features, self.coef, strict=True), key=lambda kv: -abs(kv[1]))[:8]
        return {"format": MODEL_FORMAT, "trained_on": list(self.trained_on),
                "features": len(self.features),
                "top_coefficients": {k: round(v, 4) for k, v in top}, **self.meta}

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT,
            "features": list(self.features),
            "log": list(self.log),
            "median": list(self.median),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "coef": list(self.coef),
            "intercept": self.intercept,
            "trained_on": list(self.trained_on),
            "meta": self.meta,
        }

    def save(self, path: StrPath) -> Path:
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(json.dumps(self.to_dict(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return p

    @classmethod
    def load(cls, path: StrPath) -> SupervisedModel:
        p = Path(path)
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(f"cannot read model: {exc.strerror}", path=str(p)) from exc
        except json.JSONDecodeError as exc:
            raise InputError(f"not a model file (invalid JSON: {exc.msg})", path=str(p),
                             line=exc.lineno) from exc
        if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
            raise InputError(f"not a {MODEL_FORMAT} file", path=str(p), field="format")
        keys = ("features", "log", "median", "mean", "scale", "coef")
        try:
            arrays = {k: tuple(data[k]) for k in keys}
            n = len(arrays["features"])
            if any(len(v) != n for v in arrays.values()):
                raise ValueError("feature arrays differ in length")
            return cls(
                features=tuple(str(x) for x in arrays["features"]),
                log=tuple(bool(x) for x in arrays["log"]),
                median=tuple(float(x) for x in arrays["median"]),
                mean=tuple(float(x) for x in arrays["mean"]),
                scale=tuple(float(x) for x in arrays["scale"]),
                coef=tuple(float(x) for x in arrays["coef"]),
                intercept=float(data["intercept"]),
                trained_on=tuple(str(x) for x in data.get("trained_on", [])),
                meta=dict(data.get("meta", {})),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"malformed model: {exc}", path=str(p)) from exc


def fit_model(
    features: pa.Table,
    labels: np.ndarray,
    *,
    trained_on: Sequence[str] = (),
    c: float = 1.0,
    random_state: int = 0,
) -> SupervisedModel:
    """Fit on features with 0/1 labels (1 = attack); class-balanced, L2-regularised."""
    names = [n for n in model_feature_names() if n in features.column_names]
    logs = [
        ACCOUNT_FEATURE_SCHEMA.field(n).type in _LOG_TYPES or n in _LOG_FLOATS for n in names
    ]
    y = np.asarray(labels, dtype=np.int64)
    if len(set(y.tolist())) < 2:
        raise InputError("training needs both attack and benign accounts")
    x = _matrix(features, names, logs)
    med = np.nanmedian(np.where(np.isnan(x).all(axis=0), 0.0, x), axis=0)
    med = np.where(np.isnan(med), 0.0, med)
    x = np.where(np.isnan(x), med, x)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=2000,
                             random_state=random_state)
    clf.fit((x - mean) / scale, y)
    return SupervisedModel(
        features=tuple(names),
        log=tuple(logs),
        median=tuple(float(v) for v in med),
        mean=tuple(float(v) for v in mean),
        scale=tuple(float(v) for v in scale),
        coef=tuple(float(v) for v in clf.coef_[0]),
        intercept=float(clf.intercept_[0]),
        trained_on=tuple(trained_on),
        meta={"created": datetime.now(UTC).isoformat(), "accounts": len(y),
              "attack_accounts": int(y.sum()), "C": c},
    )

"""The distillation-intent classifier: a calibrated linear model over hashed n-grams.

The shipped model lives in ``signals/model/``: ``intent.npz`` (weights as float16, bias,
no pickles) and ``intent.json`` (classes, feature spec, temperature, the threshold picked on
held-out benign prompts, and how it was trained and evaluated). ``scripts/train_intent.py``
rebuilds both from data the repository can regenerate.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from distillwatch.exceptions import ConfigError
from distillwatch.schema import INTENT_CLASSES
from distillwatch.signals.features import FeatureSpec, linear_scores, request_text
from distillwatch.types import StrPath

MODEL_NAME = "intent"
FORMAT_VERSION = 1


@dataclass(frozen=True, eq=False)
class IntentClassifier:
    """Calibrated multinomial linear model; ``predict_proba`` returns one column per class.

    ``weights`` is ``(2**bits, len(classes))`` float32, ``bias`` ``(len(classes),)``;
    probabilities are ``softmax((x @ weights + bias) / temperature)``. ``threshold`` is the
    intent score (1 - P(benign)) that kept the false-positive rate on held-out real benign
    prompts within budget (see ``metadata["evaluation"]``).
    """

    weights: np.ndarray
    bias: np.ndarray
    spec: FeatureSpec
    classes: tuple[str, ...] = INTENT_CLASSES
    temperature: float = 1.0
    threshold: float = 0.5
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.weights.shape != (self.spec.n_features, len(self.classes)):
            raise ConfigError(
                f"intent model weights have shape {self.weights.shape}, expected "
                f"({self.spec.n_features}, {len(self.classes)})"
            )
        if "benign" not in self.classes:
            raise ConfigError("intent model classes must include 'benign'")

    @classmethod
    def load(cls, directory: StrPath, *, name: str = MODEL_NAME) -> IntentClassifier:
        """Load ``<name>.npz`` + ``<name>.json`` from ``directory``."""
        base = Path(directory)
        try:
            meta = json.loads((base / f"{name}.json").read_text(encoding="utf-8"))
            with np.load(base / f"{name}.npz", allow_pickle=False) as arrays:
                weights = arrays["weights"].astype(np.float32)
                bias = arrays["bias"].astype(np.float64)
        except (OSError, KeyError, ValueError) as exc:
            raise ConfigError(f"cannot load intent model from {base}: {exc}") from exc
        if meta.get("format_version") != FORMAT_VERSION:
            raise ConfigError(
                f"{base / (name + '.json')}: format_version {meta.get('format_version')!r}, "
                f"expected {FORMAT_VERSION}"
            )
        spec_raw = meta["feature_spec"]
        spec = FeatureSpec(
            bits=int(spec_raw["bits"]),
            clip_chars=int(spec_raw["clip_chars"]),
            char_ngrams=tuple(int(n) for n in spec_raw["char_ngrams"]),
            word_ngrams=bool(spec_raw["word_ngrams"]),
            norm_ref=int(spec_raw.get("norm_ref", 0)),
            cjk_split=bool(spec_raw.get("cjk_split", False)),
        )
        classes = tuple(meta["classes"])
        if classes != INTENT_CLASSES:
            raise ConfigError(f"intent model classes {classes} differ from {INTENT_CLASSES}")
        weights.flags.writeable = False
        bias.flags.writeable = False
        return cls(
            weights=weights,
            bias=bias,
            spec=spec,
            classes=classes,
            temperature=float(meta["temperature"]),
            threshold=float(meta["threshold"]),
            metadata=meta,
        )

    @classmethod
    def load_default(cls) -> IntentClassifier:
        """The model shipped with distillwatch (loaded once per process)."""
        return _load_default()

    def save(self, directory: StrPath, *, name: str = MODEL_NAME) -> None:
        """Write ``<name>.npz`` (float16 weights) and ``<name>.json`` to ``directory``."""
        base = Path(directory)
        base.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            base / f"{name}.npz",
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
        )
        meta = {
            **self.metadata,
            "format_version": FORMAT_VERSION,
            "classes": list(self.classes),
            "feature_spec": {
                "bits": self.spec.bits,
                "clip_chars": self.spec.clip_chars,
                "char_ngrams": list(self.spec.char_ngrams),
                "word_ngrams": self.spec.word_ngrams,
                "norm_ref": self.spec.norm_ref,
                "cjk_split": self.spec.cjk_split,
            },
            "temperature": self.temperature,
            "threshold": self.threshold,
        }
        (base / f"{name}.json").write_text(
            json.dumps(meta, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
            encoding="utf-8",
        )

    def texts(
        self, prompts: Sequence[str], system_prompts: Sequence[str | None] | None
    ) -> list[str]:
        """The text the model reads per request (clipped system prompt + clipped prompt)."""
        clip = self.spec.clip_chars
        if system_prompts is None:
            return [request_text(p, None, clip_chars=clip) for p in prompts]
        return [
            request_text(p, s, clip_chars=clip)
            for p, s in zip(prompts, system_prompts, strict=True)
        ]

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        """Uncalibrated class scores of already-assembled texts."""
        return linear_scores(texts, self.spec, self.weights, self.bias)

    def proba_from_logits(self, logits: np.ndarray) -> np.ndarray:
        z = logits / self.temperature
        z -= z.max(axis=1, keepdims=True)
        np.exp(z, out=z)
        z /= z.sum(axis=1, keepdims=True)
        return z

    def predict_proba(
        self, prompts: Sequence[str], system_prompts: Sequence[str | None] | None = None
    ) -> np.ndarray:
        """Calibrated probabilities, shape ``(len(prompts), len(classes))``."""
        if len(prompts) == 0:
            return np.zeros((0, len(self.classes)), dtype=np.float64)
        return self.proba_from_logits(self.logits(self.texts(prompts, system_prompts)))

    def intent_score(
        self, prompts: Sequence[str], system_prompts: Sequence[str | None] | None = None
    ) -> np.ndarray:
        """1 - P(benign) per request."""
        proba = self.predict_proba(prompts, system_prompts)
        return 1.0 - proba[:, self.classes.index("benign")]


@lru_cache(maxsize=1)
def _load_default() -> IntentClassifier:
    # The model is package data: resolved through importlib.resources, not a path guess.
    with resources.as_file(resources.files("distillwatch.signals") / "model") as path:
        return IntentClassifier.load(path)

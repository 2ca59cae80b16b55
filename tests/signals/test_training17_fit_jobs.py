"""``TrainOptions.n_jobs`` only spreads the one-vs-rest fits over threads: the weights are
the same for any value (scikit-learn draws each class's seed before dispatching), so the
leave-one-family-out figures of ``train_intent.py --jobs N`` do not depend on N."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from distillwatch.schema import INTENT_CLASSES
from distillwatch.signals.training.fit import TrainOptions, fit_linear


def _data() -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
    """Every intent class with its own informative columns plus shared noise."""
    rng = np.random.default_rng(7)
    n, noise = 600, 200
    y = rng.integers(0, len(INTENT_CLASSES), n)
    rows, cols = [], []
    for r, label in enumerate(y.tolist()):
        own = noise + label * 4 + int(rng.integers(0, 4))
        for c in (own, *rng.integers(0, noise, 6).tolist()):
            rows.append(r)
            cols.append(c)
    x = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)),
                      shape=(n, noise + 4 * len(INTENT_CLASSES)))
    return x, y, rng.uniform(0.5, 2.0, n)


def test_weights_do_not_depend_on_threads() -> None:
    x, y, w = _data()
    fits = [fit_linear(x, y, w, TrainOptions(epochs=4, hard_rounds=1, n_jobs=jobs))
            for jobs in (1, 2, 3)]
    coef, bias = fits[0]
    # a real fit: every class learnt its own columns
    assert coef.shape == (x.shape[1], len(INTENT_CLASSES))
    assert np.all(np.argmax(coef, axis=1)[200:] == np.repeat(np.arange(len(INTENT_CLASSES)), 4))
    for other_coef, other_bias in fits[1:]:
        assert np.array_equal(coef, other_coef)
        assert np.array_equal(bias, other_bias)

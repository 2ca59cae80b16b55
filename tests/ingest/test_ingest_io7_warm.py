"""Round 7: the step workers' fork server runs the default steps once (ingest/warm.py), so
the workers start with the compiled kernels and the intent model already loaded."""

from __future__ import annotations

import pyarrow.compute as pc

from distillwatch.ingest.config import IngestConfig
from distillwatch.ingest.stages import Stages, worker_factory
from distillwatch.ingest.workers import StepPool
from distillwatch.schema import EVENT_SCHEMA

# Evaluated in a worker (``eval`` pickles by reference): what the worker has loaded before
# it was sent any batch.
LOADED = (
    "(__import__('sys').modules.get('distillwatch.ingest.warm') is not None,"
    " len(__import__('distillwatch.ingest.asciiwords', fromlist=['_'])._sketch_rows.signatures),"
    " __import__('distillwatch.signals.intent', fromlist=['_'])"
    "._load_default.cache_info().currsize)"
)


def test_warm_batches_take_the_kernel_paths() -> None:
    from distillwatch.ingest.warm import ROWS, warm_batch

    for ascii_only, repeats in ((True, False), (True, True), (False, True)):
        t = warm_batch(ascii_only=ascii_only, repeats=repeats)
        assert t.schema == EVENT_SCHEMA
        prompts = t.column("prompt")
        distinct = len(pc.unique(prompts))
        assert t.num_rows == ROWS >= 1024
        assert distinct >= 1024  # over the sketch's thresholds for its kernels
        assert (distinct < ROWS) == repeats
        ascii_rows = sum(1 for p in prompts.to_pylist() if p.isascii())
        assert (ascii_rows == ROWS) == ascii_only


def test_warm_runs_the_default_steps_without_error() -> None:
    # The preload swallows a failure (it must not take the fork server down): this is where
    # a change that breaks the warm-up shows.
    from distillwatch.ingest.warm import warm

    warm()


def test_workers_of_the_default_steps_start_warm() -> None:
    pool = StepPool(IngestConfig(), workers=1, factory=worker_factory(Stages.load))
    try:
        warm, signatures, models = pool._pool.submit(eval, LOADED).result(timeout=300)
    finally:
        pool.close()
    assert warm
    assert signatures >= 1  # the ASCII sketch kernel, loaded before any batch
    assert models == 1  # the intent model


def test_workers_of_a_custom_factory_are_not_warmed() -> None:
    pool = StepPool(IngestConfig(), workers=1, factory=_custom)
    try:
        warm, signatures, models = pool._pool.submit(eval, LOADED).result(timeout=300)
    finally:
        pool.close()
    assert not warm
    assert signatures == 0 and models == 0


def _custom(config: IngestConfig) -> Stages:  # module-level: workers build it too
    return Stages(enricher=None, sketch=None, signals=None)

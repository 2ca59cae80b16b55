"""Round 7: the enricher keeps its cached facts as Arrow columns and takes a batch's columns
from them by row; the columns equal those built from the facts' Python values."""

from __future__ import annotations

import random

import pyarrow as pa
import pytest

from distillwatch.ingest.enrich import Enricher
from distillwatch.ingest.enrich_config import EnrichConfig


def _addresses(rng: random.Random, n: int) -> list[str | None]:
    pool = [f"{rng.randrange(1, 224)}.{rng.randrange(256)}.{rng.randrange(256)}.{i % 256}"
            for i in range(400)]
    pool += ["10.1.2.3", "192.168.0.9", "100.64.1.1", "8.8.8.8", "1.1.1.1", "::1",
             "2001:4860:4860::8888", "::ffff:8.8.4.4", "8.8.8.8:443", "not an ip", "",
             "2606:4700:4700::1111", "fe80::1%eth0"]
    return [None if rng.random() < 0.05 else rng.choice(pool) for _ in range(n)]


@pytest.mark.parametrize("cache_size", [200_000, 150])
def test_batches_equal_the_uncached_enricher(cache_size: int) -> None:
    rng = random.Random(cache_size)
    cfg = EnrichConfig()
    want = Enricher.from_config(cfg.model_copy(update={"ip_cache_size": 0}))
    got = Enricher.from_config(cfg.model_copy(update={"ip_cache_size": cache_size}))
    try:
        for size in (0, 1, 50, 700, 3000, 5, 700, 3000):
            batch = pa.table({"client_ip": pa.array(_addresses(rng, size), pa.string())})
            g, w = got.enrich_events(batch), want.enrich_events(batch)
            assert g.schema == w.schema
            assert g.equals(w), size
        assert got._cache and len(got._facts) == len(got._cache)  # the cached path ran
        assert not want._cache
        # the single-address path reads the same cache
        for ip in ("8.8.8.8", "::1", None, "not an ip"):
            assert got.lookup_ip(ip) == want.lookup_ip(ip)
    finally:
        got.close()
        want.close()


def test_all_null_and_closed() -> None:
    en = Enricher.from_config(EnrichConfig())
    batch = pa.table({"client_ip": pa.nulls(4, pa.string())})
    out = en.enrich_events(batch)
    assert out.num_rows == 4 and all(c.null_count == 4 for c in out.columns)
    en.close()
    with pytest.raises(ValueError, match="closed"):
        en.enrich_events(pa.table({"client_ip": pa.array(["8.8.8.8"])}))

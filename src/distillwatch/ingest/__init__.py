"""The ingest stage of distillwatch: logs in many formats -> a clean, enriched store.

``from distillwatch.ingest.pipeline import ingest`` (kept out of this module so that importing
``distillwatch.ingest.config`` stays light).
"""

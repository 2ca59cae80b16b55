"""The ingest stage of distillwatch."""

"""The provenance stage of distillwatch."""

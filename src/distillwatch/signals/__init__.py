"""The signals stage of distillwatch."""

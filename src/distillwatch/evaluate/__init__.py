"""The evaluate stage of distillwatch."""

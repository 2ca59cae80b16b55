"""The linkage stage of distillwatch."""

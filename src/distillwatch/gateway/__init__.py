"""The gateway stage of distillwatch."""

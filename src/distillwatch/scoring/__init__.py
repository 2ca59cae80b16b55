"""The scoring stage of distillwatch."""

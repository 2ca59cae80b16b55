"""The simulate stage of distillwatch."""

"""The report stage of distillwatch."""

"""The intel stage of distillwatch."""

"""The integrations stage of distillwatch."""

"""The findings stage of distillwatch."""

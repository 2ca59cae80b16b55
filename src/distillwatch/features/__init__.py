"""The features stage of distillwatch."""

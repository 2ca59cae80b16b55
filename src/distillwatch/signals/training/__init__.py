"""Labelled-example generation and training of the intent classifier (needs ../shared/data)."""

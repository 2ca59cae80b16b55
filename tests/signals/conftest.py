"""Fixtures of the signals tests."""

from __future__ import annotations

import pytest

from distillwatch.signals.intent import IntentClassifier


@pytest.fixture(scope="module")
def shipped() -> IntentClassifier:
    """The shipped intent model (package data)."""
    return IntentClassifier.load_default()

"""Per-request signals: the distillation-intent classifier and request-parameter flags.

``request_signals(batch)`` is called by ingest on every batch and ``score_request(request)``
by the gateway on each request; both run the same kernel. See ``docs/signals.md``.
"""

from distillwatch.signals.config import SignalConfig
from distillwatch.signals.intent import IntentClassifier
from distillwatch.signals.request import RequestSignals, request_signals, score_request

__all__ = [
    "IntentClassifier",
    "RequestSignals",
    "SignalConfig",
    "request_signals",
    "score_request",
]

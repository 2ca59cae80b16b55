"""Prometheus metrics of the gateway, on a registry owned by one app (no global state).

Labels stay low-cardinality: actions (5), rule ids (bounded by the policy file), API routes
(a fixed list), HTTP status classes (``2xx``...), state outcomes. Never accounts, keys or IPs.
"""

from __future__ import annotations

from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

ROUTES = ("chat", "completions", "responses", "models", "check", "other")
_LATENCY_BUCKETS = (
    0.0005,
    0.001,
    0.0025,
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1,
    2.5,
    5,
    10,
    30,
)
_DECISION_BUCKETS = (0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1)


class GatewayMetrics:
    """Every metric the gateway exports."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.decisions = Counter(
            "distillwatch_decisions", "Enforcement decisions by action", ["action"], registry=r
        )
        self.rule_hits = Counter(
            "distillwatch_rule_hits", "Policy rule matches by rule id", ["rule_id"], registry=r
        )
        self.requests = Counter(
            "distillwatch_requests",
            "Requests answered, by route and status class",
            ["route", "status_class"],
            registry=r,
        )
        self.latency = Histogram(
            "distillwatch_request_seconds",
            "Time from request to the end of the response, by route",
            ["route"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.decision_latency = Histogram(
            "distillwatch_decision_seconds",
            "Time to decide (signals + state + policy)",
            buckets=_DECISION_BUCKETS,
            registry=r,
        )
        self.upstream_errors = Counter(
            "distillwatch_upstream_errors",
            "Upstream failures by kind",
            ["kind"],  # timeout | connect | reset | other
            registry=r,
        )
        self.state_errors = Counter(
            "distillwatch_state_errors",
            "State backend failures by the fail mode applied",
            ["fail_mode"],
            registry=r,
        )
        self.findings_reloads = Counter(
            "distillwatch_findings_reloads",
            "Findings reloads by result",
            ["result"],
            registry=r,
        )
        self.findings_entries = Gauge(
            "distillwatch_findings_entries",
            "Entries in the loaded findings lists",
            ["kind"],
            registry=r,
        )
        self.canaries = Counter(
            "distillwatch_canaries_served", "Responses tagged with a canary", registry=r
        )
        self.log_lines_lost = Gauge(
            "distillwatch_log_lines_lost",
            "Decision log or canary ledger lines that could not be written (disk full, I/O error)",
            ["log"],  # decision | canary
            registry=r,
        )
        self.client_disconnects = Counter(
            "distillwatch_client_disconnects", "Clients gone before the response ended", registry=r
        )
        # Labelled children, looked up once: ``labels()`` takes a lock and builds tuples on
        # every call, and the hot path counts several things per request.
        self._children: dict[tuple[Any, ...], Any] = {}

    def _child(self, metric: Any, *labels: str) -> Any:
        key = (id(metric), *labels)
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = metric.labels(*labels)
        return child

    def count_request(self, route: str, status: int) -> None:
        """One answered request of ``route`` with HTTP ``status``."""
        self._child(self.requests, route, status_class(status)).inc()

    def observe_latency(self, route: str, seconds: float) -> None:
        self._child(self.latency, route).observe(seconds)

    def count_decision(self, action: str, rule_ids: tuple[str, ...], seconds: float) -> None:
        self._child(self.decisions, action).inc()
        for rid in rule_ids:
            self._child(self.rule_hits, rid).inc()
        self.decision_latency.observe(seconds)


def status_class(status: int) -> str:
    return f"{status // 100}xx"

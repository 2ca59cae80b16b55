"""Plotly figures for the report; each function takes small tables and returns a figure."""

from __future__ import annotations

import math
from typing import Any

import plotly.graph_objects as go
import pyarrow as pa

CAMPAIGN_COLOR = "#d62728"
POPULATION_COLOR = "#7f7f7f"
KIND_COLORS = {
    "account": "#d62728",
    "payment_fingerprints": "#9467bd",
    "email_domains": "#8c564b",
    "prefixes": "#1f77b4",
    "ips": "#17becf",
    "asns": "#2ca02c",
    "user_agents": "#ff7f0e",
}
_LAYOUT: dict[str, Any] = {
    "template": "plotly_white",
    "margin": {"l": 50, "r": 20, "t": 40, "b": 40},
    "height": 320,
}


def volume_over_time(daily: pa.Table, *, title: str = "Exchanges per day") -> go.Figure:
    """Daily exchanges (bars) and active accounts (line) of a campaign."""
    fig = go.Figure()
    if daily.num_rows:
        days = daily.column("day").to_pylist()
        fig.add_bar(
            x=days,
            y=daily.column("exchanges").to_pylist(),
            name="exchanges",
            marker_color=CAMPAIGN_COLOR,
        )
        fig.add_scatter(
            x=days,
            y=daily.column("active_accounts").to_pylist(),
            name="active accounts",
            yaxis="y2",
            mode="lines+markers",
            line_color="#333",
        )
    fig.update_layout(title=title, yaxis2={"overlaying": "y", "side": "right"}, **_LAYOUT)
    return fig


def signup_timeline(members: pa.Table) -> go.Figure:
    """When the campaign's accounts were created (sign-up bursts show as spikes)."""
    fig = go.Figure()
    if "created_at" in members.column_names:
        created = [t for t in members.column("created_at").to_pylist() if t is not None]
        if created:
            fig.add_histogram(x=created, nbinsx=60, marker_color=CAMPAIGN_COLOR, name="sign-ups")
    fig.update_layout(title="Account sign-ups", **_LAYOUT)
    return fig


def infrastructure_graph(
    infra: pa.Table, *, max_accounts: int = 150, max_values_per_kind: int = 4
) -> go.Figure:
    """Accounts (outer ring) joined to the shared indicators they used (inner ring)."""
    rows = infra.to_pylist()
    # the most shared values per kind: a graph of every value is an unreadable hairball
    uses: dict[tuple[str, str], int] = {}
    for r in rows:
        uses[(r["kind"], r["value"])] = uses.get((r["kind"], r["value"]), 0) + 1
    top: set[tuple[str, str]] = set()
    for kind in {k for k, _ in uses}:
        ranked = sorted((kv for kv in uses if kv[0] == kind), key=lambda kv: (-uses[kv], kv))
        top.update(ranked[:max_values_per_kind])
    rows = [r for r in rows if (r["kind"], r["value"]) in top]
    accounts = sorted({r["account_id"] for r in rows})[:max_accounts]
    keep = set(accounts)
    rows = [r for r in rows if r["account_id"] in keep]
    values = sorted({(r["kind"], r["value"]) for r in rows})
    pos: dict[tuple[str, str], tuple[float, float]] = {}
    for i, acct in enumerate(accounts):
        a = 2 * math.pi * i / max(len(accounts), 1)
        pos[("account", acct)] = (math.cos(a), math.sin(a))
    for i, kv in enumerate(values):
        a = 2 * math.pi * i / max(len(values), 1)
        pos[kv] = (0.45 * math.cos(a), 0.45 * math.sin(a))
    ex: list[float | None] = []
    ey: list[float | None] = []
    for r in rows:
        x0, y0 = pos[("account", r["account_id"])]
        x1, y1 = pos[(r["kind"], r["value"])]
        ex += [x0, x1, None]
        ey += [y0, y1, None]
    fig = go.Figure()
    fig.add_scatter(
        x=ex,
        y=ey,
        mode="lines",
        line={"width": 0.5, "color": "#bbb"},
        hoverinfo="skip",
        showlegend=False,
    )
    groups: dict[str, list[tuple[str, str]]] = {}
    for key in pos:
        groups.setdefault(key[0], []).append(key)
    for kind, keys in sorted(groups.items()):
        fig.add_scatter(
            x=[pos[k][0] for k in keys],
            y=[pos[k][1] for k in keys],
            mode="markers",
            name=kind,
            text=[k[1] for k in keys],
            hoverinfo="text+name",
            marker={"size": 7 if kind == "account" else 12, "color": KIND_COLORS.get(kind, "#444")},
        )
    fig.update_layout(
        title="Shared infrastructure",
        xaxis={"visible": False},
        yaxis={"visible": False, "scaleanchor": "x"},
        **{**_LAYOUT, "height": 480},
    )
    return fig


def feature_distribution(population: pa.Table, members: set[str], feature: str) -> go.Figure:
    """Histogram of one account feature: the population, with the campaign's members marked."""
    ids = population.column("account_id").to_pylist()
    vals = population.column(feature).to_pylist()
    pop = [v for v in vals if v is not None]
    mine = [v for a, v in zip(ids, vals, strict=True) if a in members and v is not None]
    fig = go.Figure()
    fig.add_histogram(
        x=pop,
        name="all accounts",
        marker_color=POPULATION_COLOR,
        opacity=0.6,
        histnorm="probability",
        nbinsx=50,
    )
    fig.add_histogram(
        x=mine,
        name="this campaign",
        marker_color=CAMPAIGN_COLOR,
        opacity=0.7,
        histnorm="probability",
        nbinsx=50,
    )
    fig.update_layout(title=feature, barmode="overlay", **{**_LAYOUT, "height": 260})
    return fig


def pr_curve(precision: list[float], recall: list[float]) -> go.Figure:
    """Account-level precision-recall curve."""
    fig = go.Figure()
    fig.add_scatter(x=recall, y=precision, mode="lines", line_color=CAMPAIGN_COLOR)
    fig.update_layout(
        title="Precision-recall (accounts)",
        xaxis_title="recall",
        yaxis_title="precision",
        xaxis_range=[0, 1.02],
        yaxis_range=[0, 1.02],
        **_LAYOUT,
    )
    return fig


def persona_bars(values: dict[str, float], *, title: str, axis: str) -> go.Figure:
    """One bar per persona (benign FPR or attack recall)."""
    names = sorted(values)
    fig = go.Figure()
    fig.add_bar(x=names, y=[values[n] for n in names], marker_color=CAMPAIGN_COLOR)
    fig.update_layout(title=title, yaxis_title=axis, **_LAYOUT)
    return fig


def to_div(fig: go.Figure) -> str:
    """An HTML fragment for ``fig`` that uses the page's shared plotly.js."""
    html: str = fig.to_html(
        full_html=False, include_plotlyjs=False, config={"displaylogo": False, "responsive": True}
    )
    return html

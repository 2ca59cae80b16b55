"""``simulate --describe DIR``: a per-persona summary and plots of simulated traffic.

Aggregates run in DuckDB over the files in place (bounded memory); plots are one
self-contained HTML file (plotly.js embedded, works offline).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from distillwatch.exceptions import InputError

SUMMARY_SQL = """
WITH acct AS (
    SELECT account_id, count(*) / count(DISTINCT CAST(ts AS DATE)) AS v FROM ev GROUP BY ALL
), vol AS (
    SELECT tr.persona, median(v) AS median_per_active_day,
           quantile_cont(v, 0.9) AS p90_per_active_day
    FROM acct JOIN tr USING (account_id) GROUP BY ALL
), main AS (
    SELECT t.persona, t.label,
           count(DISTINCT e.account_id) AS accounts,
           count(*) AS events,
           avg(e.input_tokens) AS mean_input_tokens,
           avg(e.output_tokens) AS mean_output_tokens,
           avg(e.temperature) AS mean_temperature,
           avg(CASE WHEN e.logprobs THEN 1 ELSE 0 END) AS logprobs_share,
           avg(CASE WHEN e.n > 1 THEN 1 ELSE 0 END) AS multi_choice_share,
           avg(CASE WHEN e.reasoning_effort IN ('high', 'xhigh', 'max') THEN 1 ELSE 0 END)
               AS high_effort_share,
           avg(CASE WHEN e.tool_count > 0 THEN 1 ELSE 0 END) AS tools_share,
           avg(CASE WHEN e.turn > 0 THEN 1 ELSE 0 END) AS multi_turn_share,
           count(DISTINCT e.client_ip) AS distinct_ips,
           avg(CASE WHEN e.status <> 200 THEN 1 ELSE 0 END) AS error_share
    FROM ev e JOIN tr t USING (account_id)
    GROUP BY ALL
)
SELECT main.persona, main.label, accounts, events, median_per_active_day, p90_per_active_day,
       mean_input_tokens, mean_output_tokens, mean_temperature, logprobs_share,
       multi_choice_share, high_effort_share, tools_share, multi_turn_share, distinct_ips,
       error_share
FROM main JOIN vol USING (persona) ORDER BY main.label DESC, events DESC
"""


@dataclass(frozen=True)
class Description:
    """Summary rows per persona and where the plots were written."""

    directory: str
    rows: list[dict[str, Any]]
    html: str | None
    manifest: dict[str, Any] = field(default_factory=dict)


def _sources(d: Path) -> tuple[str, str]:
    if (d / "events").is_dir():
        ev = f"read_parquet('{(d / 'events').as_posix()}/*.parquet')"
    elif (d / "events.jsonl.gz").is_file() or (d / "events.jsonl").is_file():
        name = "events.jsonl.gz" if (d / "events.jsonl.gz").is_file() else "events.jsonl"
        ev = f"read_json_auto('{(d / name).as_posix()}', format='newline_delimited')"
    else:
        raise InputError("no events/ or events.jsonl(.gz) here", path=str(d))
    if (d / "truth.parquet").is_file():
        tr = f"read_parquet('{(d / 'truth.parquet').as_posix()}')"
    elif (d / "truth.jsonl").is_file():
        tr = f"read_json_auto('{(d / 'truth.jsonl').as_posix()}')"
    else:
        raise InputError("no truth.parquet or truth.jsonl here", path=str(d))
    return ev, tr


def _query(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cur = con.execute(sql)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def describe(directory: Path | str, *, html: Path | str | None = None) -> Description:
    """Summarise a simulation directory and write ``describe.html`` (or ``html``) beside it."""
    d = Path(directory)
    if not d.is_dir():
        raise InputError("not a directory", path=str(d))
    if any(ch in str(d) for ch in "'\\"):
        raise InputError("directory names with quotes are not supported", path=str(d))
    ev, tr = _sources(d)
    con = duckdb.connect()
    con.execute(f"CREATE VIEW ev AS SELECT * FROM {ev}")
    con.execute(f"CREATE VIEW tr AS SELECT * FROM {tr}")
    rows = _query(con, SUMMARY_SQL)
    manifest = json.loads((d / "manifest.json").read_text()) if (d / "manifest.json").is_file() \
        else {}
    out = Path(html) if html is not None else d / "describe.html"
    _plots(con, out, title=f"distillwatch simulate: {manifest.get('scenario', d.name)}")
    return Description(directory=str(d), rows=rows, html=str(out), manifest=manifest)


def _plots(con: duckdb.DuckDBPyConnection, out: Path, *, title: str) -> None:
    import plotly.graph_objects as go

    figs: list[tuple[str, go.Figure]] = []
    # 1. per-account volume (events per active day), log scale, by persona
    vol = _query(con, """
        SELECT t.persona, e.account_id, count(*) / count(DISTINCT CAST(e.ts AS DATE)) AS v
        FROM ev e JOIN tr t USING (account_id) GROUP BY ALL""")
    fig = go.Figure()
    for p in sorted({r["persona"] for r in vol}):
        fig.add_trace(go.Box(y=[r["v"] for r in vol if r["persona"] == p], name=p,
                             boxpoints=False))
    fig.update_layout(title="Requests per account per active day", yaxis_type="log")
    figs.append(("volume", fig))
    # 2. hourly rhythm (UTC), share of each persona's events per hour
    hours = _query(con, """
        SELECT t.persona, hour(e.ts) AS h, count(*) AS k
        FROM ev e JOIN tr t USING (account_id) GROUP BY ALL ORDER BY 1, 2""")
    fig = go.Figure()
    for p in sorted({r["persona"] for r in hours}):
        rs = [r for r in hours if r["persona"] == p]
        tot = sum(r["k"] for r in rs) or 1
        fig.add_trace(go.Scatter(x=[r["h"] for r in rs], y=[r["k"] / tot for r in rs],
                                 mode="lines", name=p))
    fig.update_layout(title="Hourly rhythm (UTC, share of the persona's events)",
                      xaxis_title="hour", yaxis_title="share")
    figs.append(("hours", fig))
    # 3. parameter mixes: reasoning effort and log-probabilities by persona
    eff = _query(con, """
        SELECT t.persona, coalesce(e.reasoning_effort, 'unset') AS eff, count(*) AS k
        FROM ev e JOIN tr t USING (account_id) GROUP BY ALL""")
    fig = go.Figure()
    personas = sorted({r["persona"] for r in eff})
    totals = {p: sum(r["k"] for r in eff if r["persona"] == p) or 1 for p in personas}
    for e in ("unset", "none", "minimal", "low", "medium", "high", "xhigh", "max"):
        fig.add_trace(go.Bar(x=personas, name=e, y=[
            sum(r["k"] for r in eff if r["persona"] == p and r["eff"] == e) / totals[p]
            for p in personas]))
    fig.update_layout(title="Reasoning effort mix", barmode="stack")
    figs.append(("effort", fig))
    # 4. daily volume by label
    daily = _query(con, """
        SELECT CAST(e.ts AS DATE) AS d, t.label, count(*) AS k
        FROM ev e JOIN tr t USING (account_id) GROUP BY ALL ORDER BY 1""")
    fig = go.Figure()
    for lab in ("benign", "attack"):
        rs = [r for r in daily if r["label"] == lab]
        fig.add_trace(go.Bar(x=[str(r["d"]) for r in rs], y=[r["k"] for r in rs], name=lab))
    fig.update_layout(title="Exchanges per day", barmode="stack")
    figs.append(("daily", fig))
    parts = [f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>",
             f"<h1>{title}</h1>"]
    for i, (_, f) in enumerate(figs):
        parts.append(f.to_html(full_html=False, include_plotlyjs=(i == 0)))
    parts.append("</body></html>")
    out.write_text("\n".join(parts), encoding="utf-8")

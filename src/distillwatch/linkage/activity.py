"""Per-account activity aggregates used to score campaigns (one Ibis aggregation)."""

from __future__ import annotations

import ibis.expr.types as ir

from distillwatch.features.expressions import exact_sum
from distillwatch.schema import INTENT_COLUMNS

# Intent column -> tactic name reported on a campaign when its share is high.
INTENT_TACTICS: dict[str, str] = {
    "intent_cot": "cot_elicitation",
    "intent_reveal": "reasoning_exposure",
    "intent_rationale": "posthoc_rationale",
    "intent_rubric": "rubric_grading",
    "intent_synth": "synthetic_data",
}
# Boolean request signal -> tactic name.
SIGNAL_TACTICS: dict[str, str] = {
    "sig_logprobs": "logprob_harvest",
    "sig_multi_choice": "multi_choice",
    "sig_max_effort": "max_reasoning_effort",
    "sig_long_output": "long_outputs",
}


def account_activity(events: ir.Table, *, distinct_ips: bool = True) -> ir.Table:
    """One row per account: exchanges, first/last seen, sums of request signals.

    Sums rather than means, so campaign-level figures are exchange-weighted when pooled.
    ``ips`` (distinct client IPs) only with ``distinct_ips``: the ``ip`` link type's
    memberships hold the same count without another distinct aggregate over the events.
    """
    e = events
    aggs: dict[str, ir.Value] = {
        "exchanges": e.count(),
        "first_seen": e.ts.min(),
        "last_seen": e.ts.max(),
        "request_score_sum": exact_sum(e.request_score.cast("float64").fill_null(0.0)),
        "hosting_n": e.ip_is_hosting.fill_null(False).cast("int64").sum(),
        "vpn_n": e.ip_is_vpn.fill_null(False).cast("int64").sum(),
    }
    if distinct_ips:
        aggs["ips"] = e.client_ip.nunique()
    for col in INTENT_COLUMNS.values():
        aggs[f"{col}_sum"] = exact_sum(e[col].cast("float64").fill_null(0.0))
    for col in SIGNAL_TACTICS:
        aggs[f"{col}_n"] = e[col].fill_null(False).cast("int64").sum()
    return e.group_by(e.account_id).agg(**aggs)

"""Resolve a scenario: apply scale and days, fill every behaviour field from the personas."""

from __future__ import annotations

from typing import Any

from distillwatch.exceptions import ScenarioError
from distillwatch.simulate.personas import ATTACK_PERSONAS, BENIGN_PERSONAS
from distillwatch.simulate.scenario import Behaviour, BenignGroup, Campaign, Scenario

# Fields a low-and-slow campaign copies from the benign persona it mimics: everything a
# per-account anomaly detector sees about volume, timing and tokens.
MIMIC_FIELDS: tuple[str, ...] = (
    "requests_per_day", "active_day_prob", "weekend_factor", "rhythm", "cadence",
    "utc_offsets", "conversation_turns", "turn_gap_s", "input_tokens", "output_tokens",
    "account_age_days", "stream_rate", "user_agents", "ips_per_account", "reasoning_effort",
    "max_tokens", "n", "tools", "temperature", "top_p", "models",
)


def overlay(base: Behaviour, over: Behaviour) -> Behaviour:
    """``base`` with every field ``over`` sets."""
    update = {k: v for k, v in over if v is not None}
    return base.model_copy(update=update)


def _scaled(n: int, scale: float) -> int:
    return 0 if n == 0 else max(1, round(n * scale))


def _default_models(scenario: Scenario) -> dict[str, float]:
    out = {m.name: m.share for m in scenario.models
           if (m.released_day is None or m.released_day <= 0) and m.share > 0}
    if not out:
        raise ScenarioError("models: no model is available at the start with share > 0")
    return out


def resolve(scenario: Scenario, *, scale: float = 1.0, days: int | None = None) -> Scenario:
    """A copy with counts scaled, ``days`` applied and every behaviour complete."""
    if not scale > 0:
        raise ScenarioError(f"scale must be > 0, got {scale}")
    n_days = days if days is not None else scenario.days
    if n_days < 1:
        raise ScenarioError(f"days must be >= 1, got {n_days}")
    models = _default_models(scenario)
    benign: list[BenignGroup] = []
    for i, g in enumerate(scenario.benign):
        beh = overlay(BENIGN_PERSONAS[g.persona], g.behaviour)
        if beh.models is None:
            beh = beh.model_copy(update={"models": models})
        benign.append(g.model_copy(update={
            "accounts": _scaled(g.accounts, scale), "behaviour": beh,
            "name": g.name or f"{g.persona}-{i}"}))
    campaigns: list[Campaign] = []
    for c in scenario.campaigns:
        if c.start_day >= n_days:
            continue
        end = min(c.end_day if c.end_day is not None else scenario.days, n_days)
        old_span = (c.end_day if c.end_day is not None else scenario.days) - c.start_day
        beh = ATTACK_PERSONAS[c.persona]
        if c.mimic:
            src = BENIGN_PERSONAS[c.mimic]
            beh = beh.model_copy(update={f: getattr(src, f) for f in MIMIC_FIELDS})
        infra = c.infrastructure
        beh = beh.model_copy(update={"countries": infra.countries, "network": infra.network,
                                     "email": infra.email,
                                     "ips_per_account": infra.ips_per_account})
        beh = overlay(beh, c.behaviour)
        if beh.models is None:
            beh = beh.model_copy(update={"models": models})
        update: dict[str, Any] = {
            "accounts": _scaled(c.accounts, scale), "behaviour": beh, "end_day": float(end),
        }
        if c.exchanges is not None:
            update["exchanges"] = round(c.exchanges * scale * (end - c.start_day)
                                            / max(old_span, 1e-9))
        campaigns.append(c.model_copy(update=update))
    return scenario.model_copy(update={"days": n_days, "benign": benign,
                                       "campaigns": campaigns})

"""Attack personas and the request parameters each harvesting tactic forces.

An attack persona is the default behaviour of a campaign's accounts (a scheduler with long
chain-of-thought requests, a log-probability harvester, a low-and-slow operator...). A
campaign with ``mimic`` copies a benign persona's volume, timing, token and network habits
instead, so only cross-account and content signals give it away.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from distillwatch.simulate.scenario import Behaviour, LogNormal

_HARVEST = Behaviour(
    requests_per_day=LogNormal(median=26, sigma=0.6),
    active_day_prob=0.95,
    weekend_factor=1.0,
    rhythm="flat",
    cadence="machine",
    utc_offsets={8: 0.6, 0: 0.2, -5: 0.2},
    conversation_turns=1.0,
    turn_gap_s=LogNormal(median=5, sigma=0.5),
    input_tokens=LogNormal(median=260, sigma=0.6),
    output_tokens=LogNormal(median=2500, sigma=0.7),
    models=None,
    temperature={0.0: 0.3, 0.7: 0.3, 1.0: 0.4},
    top_p={1.0: 1.0},
    max_tokens={8192: 0.4, 16384: 0.4, 32768: 0.2},
    n={1: 1.0},
    logprobs_rate=0.0,
    top_logprobs={20: 1.0},
    reasoning_effort={"high": 0.5, "xhigh": 0.2, "max": 0.3},
    stream_rate=0.2,
    tools={0: 1.0},
    param_stickiness=0.95,
    prompt_pool="chat",
    end_users=LogNormal(median=0.1, sigma=0),
    network={"datacenter": 0.5, "residential": 0.4, "vpn": 0.1},
    ips_per_account=LogNormal(median=4, sigma=0.7),
    accounts_per_ip=LogNormal(median=1, sigma=0),
    ipv6_rate=0.03,
    user_agents={"openai-python": 0.4, "requests": 0.2, "httpx": 0.2, "aiohttp": 0.1,
                 "curl": 0.1},
    signup_channels={"self_serve": 1.0},
    account_age_days=LogNormal(median=3, sigma=1.0),
    verified_rate=0.05,
    countries={"US": 1.0},
    email={"free": 0.5, "disposable": 0.3, "custom": 0.2},
    error_rate=0.02,
)

ATTACK_PERSONAS: dict[str, Behaviour] = {
    "hydra_cot_harvest": _HARVEST,
    "logprob_harvest": _HARVEST.model_copy(update={
        "output_tokens": LogNormal(median=60, sigma=1.2), "temperature": {1.0: 1.0},
        "reasoning_effort": {"none": 0.6, "low": 0.4}}),
    "agentic_harvest": _HARVEST.model_copy(update={
        "tools": {8: 0.4, 12: 0.4, 20: 0.2}, "input_tokens": LogNormal(median=3000, sigma=0.7),
        "conversation_turns": 6.0}),
    # Human-like cadence by default; scenarios usually add ``mimic`` too.
    "lowslow_harvest": _HARVEST.model_copy(update={
        "cadence": "human", "rhythm": "developer", "requests_per_day": LogNormal(median=10,
                                                                                 sigma=1.2),
        "active_day_prob": 0.6, "weekend_factor": 0.6, "account_age_days": LogNormal(
            median=120, sigma=1.0)}),
    # Reseller accounts that mix harvesting into real end-user traffic (see ``cover``).
    "reseller_mixed": _HARVEST.model_copy(update={
        "cadence": "human", "rhythm": "consumer", "end_users": LogNormal(median=3000, sigma=1.0),
        "signup_channels": {"reseller": 1.0}, "account_age_days": LogNormal(median=200,
                                                                             sigma=0.8),
        "verified_rate": 0.7, "ips_per_account": LogNormal(median=150, sigma=0.8)}),
}


@dataclass(frozen=True)
class TacticParams:
    """Request parameters a tactic forces (``None``: keep the account's habit)."""

    temperature: dict[float, float] | None = None
    max_tokens: dict[int, float] | None = None
    n: dict[int, float] | None = None
    logprobs: bool | None = None
    top_logprobs: dict[int, float] | None = None
    reasoning_effort: dict[str, float] | None = None
    tools: dict[int, float] | None = None
    output_scale: float = 1.0  # multiplies output tokens
    intent: str = "cot_elicitation"
    response_kind: str = "attack"
    pools: tuple[str, ...] = field(default=())  # restrict task pools (empty: campaign's)


TACTICS: dict[str, TacticParams] = {
    "cot": TacticParams(reasoning_effort={"high": 0.5, "xhigh": 0.2, "max": 0.3}),
    "rationale": TacticParams(output_scale=0.7, intent="posthoc_rationale"),
    "rubric": TacticParams(temperature={0.0: 1.0}, max_tokens={1024: 0.5, 2048: 0.5},
                           output_scale=0.3, intent="rubric_grading"),
    "logprob": TacticParams(temperature={1.0: 1.0}, max_tokens={1: 0.3, 16: 0.3, 512: 0.4},
                            n={1: 0.3, 4: 0.3, 8: 0.4}, logprobs=True,
                            top_logprobs={20: 0.8, 10: 0.2}, output_scale=0.05,
                            reasoning_effort={"none": 1.0}, intent="benign"),
    "reveal": TacticParams(reasoning_effort={"max": 0.7, "xhigh": 0.3},
                           intent="reasoning_exposure"),
    "synth": TacticParams(temperature={1.0: 1.0}, max_tokens={8192: 1.0}, output_scale=1.3,
                          intent="synthetic_data"),
    "agentic": TacticParams(tools={8: 0.4, 12: 0.4, 20: 0.2}, pools=("agentic", "coding")),
}

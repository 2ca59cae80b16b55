"""Benign personas, including every hard negative of the design.

Token lengths of chat and coding traffic start from the Azure trace fits in
:mod:`distillwatch.simulate.arrivals`; volumes are lognormal (heavy-tailed) per account.
``models: None`` means "the scenario's models by their ``share``".
"""

from __future__ import annotations

from distillwatch.simulate.arrivals import AZURE_CODE_INPUT, AZURE_CONV_INPUT, AZURE_CONV_OUTPUT
from distillwatch.simulate.scenario import Behaviour, LogNormal

WORLD = {"US": 0.42, "GB": 0.07, "DE": 0.07, "FR": 0.05, "IN": 0.09, "BR": 0.05, "JP": 0.06,
         "KR": 0.04, "IT": 0.03, "ZA": 0.02, "SG": 0.03, "CN": 0.02, "RU": 0.02, "HK": 0.03}
TZ_WORLD = {-8: 0.2, -5: 0.22, 0: 0.12, 1: 0.16, 3: 0.03, 5: 0.09, 8: 0.08, 9: 0.1}

_BASE = Behaviour(
    requests_per_day=LogNormal(median=10, sigma=1.2),
    active_day_prob=0.6,
    weekend_factor=0.6,
    rhythm="developer",
    cadence="human",
    utc_offsets=TZ_WORLD,
    conversation_turns=2.0,
    turn_gap_s=LogNormal(median=40, sigma=0.9),
    input_tokens=LogNormal(median=AZURE_CONV_INPUT[0], sigma=AZURE_CONV_INPUT[1]),
    output_tokens=LogNormal(median=AZURE_CONV_OUTPUT[0], sigma=AZURE_CONV_OUTPUT[1]),
    models=None,
    temperature={0.7: 0.5, 1.0: 0.3, 0.2: 0.2},
    top_p={1.0: 0.9, 0.95: 0.1},
    max_tokens={1024: 0.4, 2048: 0.3, 4096: 0.3},
    n={1: 1.0},
    logprobs_rate=0.01,
    top_logprobs={5: 1.0},
    reasoning_effort={"none": 0.4, "low": 0.3, "medium": 0.3},
    stream_rate=0.6,
    tools={0: 1.0},
    param_stickiness=0.92,
    prompt_pool="chat",
    end_users=LogNormal(median=0.1, sigma=0),
    network={"residential": 0.8, "mobile": 0.2},
    ips_per_account=LogNormal(median=2, sigma=0.5),
    accounts_per_ip=LogNormal(median=1, sigma=0),
    ipv6_rate=0.1,
    user_agents={"openai-python": 0.5, "openai-node": 0.25, "requests": 0.15, "curl": 0.1},
    signup_channels={"self_serve": 1.0},
    account_age_days=LogNormal(median=200, sigma=1.0),
    verified_rate=0.4,
    countries=WORLD,
    email={"free": 0.5, "work": 0.5},
    error_rate=0.01,
)


def _p(**kw: object) -> Behaviour:
    return _BASE.model_copy(update=kw)


BENIGN_PERSONAS: dict[str, Behaviour] = {
    # App backends with many end users behind one account: big, diurnal, multi-turn.
    "chat_app": _p(
        requests_per_day=LogNormal(median=400, sigma=1.5), active_day_prob=0.97,
        weekend_factor=1.1, rhythm="consumer", conversation_turns=3.0,
        temperature={0.7: 0.5, 1.0: 0.3, 0.5: 0.2}, stream_rate=0.9,
        tools={0: 0.8, 2: 0.15, 5: 0.05}, end_users=LogNormal(median=300, sigma=1.2),
        network={"cloud": 1.0}, ips_per_account=LogNormal(median=3, sigma=0.6), ipv6_rate=0.05,
        user_agents={"openai-node": 0.5, "openai-python": 0.3, "httpx": 0.1, "go": 0.1},
        signup_channels={"self_serve": 0.7, "startup_program": 0.2, "enterprise": 0.1},
        account_age_days=LogNormal(median=400, sigma=0.8), verified_rate=0.6,
        email={"work": 0.8, "free": 0.2}, reasoning_effort={"none": 0.6, "low": 0.3,
                                                            "medium": 0.1},
    ),
    "support_bot": _p(
        requests_per_day=LogNormal(median=250, sigma=1.3), active_day_prob=0.95,
        weekend_factor=0.7, rhythm="office", conversation_turns=4.0, prompt_pool="support",
        temperature={0.2: 0.6, 0.5: 0.4}, max_tokens={512: 0.6, 1024: 0.4},
        output_tokens=LogNormal(median=110, sigma=0.6), tools={0: 0.5, 3: 0.5},
        end_users=LogNormal(median=200, sigma=1.0), network={"cloud": 1.0},
        ips_per_account=LogNormal(median=2, sigma=0.5), user_agents={"openai-python": 0.6,
                                                                     "java": 0.2, "go": 0.2},
        signup_channels={"self_serve": 0.5, "enterprise": 0.5},
        account_age_days=LogNormal(median=500, sigma=0.7), verified_rate=0.8,
        email={"work": 1.0}, reasoning_effort={"none": 0.8, "low": 0.2}, stream_rate=0.7,
    ),
    # IDE assistants and agent frameworks: long contexts, tools, long loops, fast turns.
    "coding_agent": _p(
        requests_per_day=LogNormal(median=150, sigma=1.3), active_day_prob=0.8,
        weekend_factor=0.35, rhythm="developer", conversation_turns=12.0,
        turn_gap_s=LogNormal(median=8, sigma=0.9),
        input_tokens=LogNormal(median=AZURE_CODE_INPUT[0] * 4, sigma=0.9),
        output_tokens=LogNormal(median=350, sigma=0.9),
        temperature={0.0: 0.4, 0.2: 0.3, 1.0: 0.3}, max_tokens={4096: 0.2, 8192: 0.5,
                                                                16384: 0.3},
        reasoning_effort={"low": 0.2, "medium": 0.4, "high": 0.4}, stream_rate=0.8,
        tools={6: 0.3, 12: 0.4, 20: 0.3}, prompt_pool="agent",
        network={"residential": 0.5, "cloud": 0.4, "mobile": 0.1},
        ips_per_account=LogNormal(median=3, sigma=0.6),
        user_agents={"openai-python": 0.4, "openai-node": 0.3, "langchain": 0.1, "litellm": 0.2},
        signup_channels={"self_serve": 0.8, "startup_program": 0.2},
        verified_rate=0.5, email={"work": 0.6, "free": 0.4},
    ),
    # One template over many documents, at night, on a schedule.
    "enterprise_batch": _p(
        requests_per_day=LogNormal(median=3000, sigma=1.2), active_day_prob=0.6,
        weekend_factor=0.3, rhythm="overnight_batch", cadence="machine",
        conversation_turns=1.0, input_tokens=LogNormal(median=700, sigma=0.6),
        output_tokens=LogNormal(median=120, sigma=0.7), temperature={0.0: 0.8, 0.2: 0.2},
        max_tokens={512: 0.5, 1024: 0.5}, reasoning_effort={"none": 0.6, "low": 0.4},
        stream_rate=0.0, prompt_pool="batch_doc", network={"cloud": 1.0},
        ips_per_account=LogNormal(median=2, sigma=0.3), ipv6_rate=0.02,
        user_agents={"openai-python": 0.5, "java": 0.3, "go": 0.2},
        signup_channels={"enterprise": 0.8, "self_serve": 0.2},
        account_age_days=LogNormal(median=700, sigma=0.6), verified_rate=0.95,
        email={"work": 1.0}, param_stickiness=0.99,
    ),
    # Benchmark sweeps (GSM8K/ARC/HumanEval-style), sometimes with logprobs: the hardest
    # negative, because the requests look like harvesting.
    "eval_harness": _p(
        requests_per_day=LogNormal(median=1500, sigma=1.3), active_day_prob=0.35,
        weekend_factor=0.5, rhythm="sweep", cadence="machine", conversation_turns=1.0,
        input_tokens=LogNormal(median=400, sigma=0.6),
        output_tokens=LogNormal(median=300, sigma=1.0),
        temperature={0.0: 0.85, 1.0: 0.15}, max_tokens={512: 0.3, 1024: 0.3, 2048: 0.2,
                                                        4096: 0.2},
        n={1: 0.85, 5: 0.1, 10: 0.05}, logprobs_rate=0.3, top_logprobs={1: 0.2, 5: 0.5,
                                                                         20: 0.3},
        reasoning_effort={"none": 0.3, "medium": 0.3, "high": 0.4}, stream_rate=0.0,
        prompt_pool="eval", network={"university": 0.4, "cloud": 0.5, "residential": 0.1},
        ips_per_account=LogNormal(median=2, sigma=0.5),
        user_agents={"openai-python": 0.6, "httpx": 0.2, "aiohttp": 0.2},
        signup_channels={"research_program": 0.3, "education": 0.2, "self_serve": 0.3,
                         "enterprise": 0.2},
        account_age_days=LogNormal(median=300, sigma=1.0), verified_rate=0.7,
        email={"edu": 0.4, "work": 0.5, "free": 0.1}, param_stickiness=0.98,
    ),
    # Classrooms and companies behind one NAT: many small accounts share an address and
    # signed up together.
    "shared_nat": _p(
        requests_per_day=LogNormal(median=15, sigma=1.0), active_day_prob=0.7,
        weekend_factor=0.2, rhythm="office", conversation_turns=4.0, prompt_pool="dev_mix",
        network={"university": 1.0}, ips_per_account=LogNormal(median=1, sigma=0),
        accounts_per_ip=LogNormal(median=30, sigma=1.2), ipv6_rate=0.0,
        user_agents={"browser": 0.4, "browser-mac": 0.2, "openai-python": 0.3, "requests": 0.1},
        signup_channels={"education": 0.7, "self_serve": 0.3},
        account_age_days=LogNormal(median=60, sigma=1.2), verified_rate=0.2,
        email={"edu": 0.9, "free": 0.1},
    ),
    # Gateways: one account, many end users and many client addresses.
    "reseller": _p(
        requests_per_day=LogNormal(median=5000, sigma=1.0), active_day_prob=0.99,
        weekend_factor=0.95, rhythm="consumer", conversation_turns=2.5,
        end_users=LogNormal(median=5000, sigma=1.0),
        network={"cloud": 0.6, "residential": 0.4}, ips_per_account=LogNormal(median=200,
                                                                              sigma=0.8),
        user_agents={"openai-python": 0.2, "openai-node": 0.2, "litellm": 0.2, "httpx": 0.1,
                     "go": 0.1, "axios": 0.1, "okhttp": 0.1},
        signup_channels={"reseller": 0.8, "enterprise": 0.2},
        account_age_days=LogNormal(median=300, sigma=0.8), verified_rate=0.8,
        email={"work": 1.0}, param_stickiness=0.6, stream_rate=0.8,
        tools={0: 0.8, 4: 0.2},
    ),
    # Policy allows them: long outputs, synthetic-data prompts; told apart by account facts.
    "synthetic_data_customer": _p(
        requests_per_day=LogNormal(median=2000, sigma=1.0), active_day_prob=0.5,
        weekend_factor=0.6, rhythm="flat", cadence="machine", conversation_turns=1.0,
        input_tokens=LogNormal(median=300, sigma=0.5),
        output_tokens=LogNormal(median=1500, sigma=0.6),
        temperature={1.0: 0.6, 0.9: 0.4}, max_tokens={4096: 0.5, 8192: 0.5},
        n={1: 0.7, 4: 0.3}, reasoning_effort={"none": 0.5, "low": 0.3, "medium": 0.2},
        stream_rate=0.0, prompt_pool="synth_data", network={"cloud": 1.0},
        ips_per_account=LogNormal(median=2, sigma=0.3),
        user_agents={"openai-python": 0.8, "httpx": 0.2},
        signup_channels={"enterprise": 0.9, "research_program": 0.1},
        account_age_days=LogNormal(median=900, sigma=0.5), verified_rate=1.0,
        email={"work": 1.0}, param_stickiness=0.98,
    ),
    # The long tail: small developers trying things.
    "small_developer": _p(
        requests_per_day=LogNormal(median=8, sigma=1.3), active_day_prob=0.4,
        weekend_factor=0.6, rhythm="developer", conversation_turns=3.0,
        prompt_pool="dev_mix", network={"residential": 0.8, "mobile": 0.1, "cloud": 0.1},
        user_agents={"openai-python": 0.5, "requests": 0.2, "curl": 0.15, "openai-node": 0.15},
        signup_channels={"self_serve": 0.95, "startup_program": 0.05},
        account_age_days=LogNormal(median=120, sigma=1.3), verified_rate=0.3,
        email={"free": 0.6, "work": 0.4},
    ),
}

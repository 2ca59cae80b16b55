"""Arrow schemas of every table that crosses a stage boundary.

The traffic contract (``../shared/SCHEMA.md``) is ``EVENT_SCHEMA``, ``ACCOUNT_SCHEMA`` and
``TRUTH_SCHEMA``: column names there are final. The store adds enrichment, sketch and signal
columns (``STORE_EVENT_SCHEMA``); detection writes the findings tables. A stage checks the
schema of what it reads with :func:`require_columns`.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from distillwatch.exceptions import StoreError

TS = pa.timestamp("us", tz="UTC")

# 1. Events: one row per API exchange (SCHEMA.md section 1), in contract order.
EVENT_SCHEMA = pa.schema(
    [
        pa.field("ts", TS, nullable=False),
        pa.field("account_id", pa.string(), nullable=False),
        pa.field("request_id", pa.string()),
        pa.field("api_key_id", pa.string()),
        pa.field("end_user", pa.string()),
        pa.field("client_ip", pa.string()),
        pa.field("user_agent", pa.string()),
        pa.field("model", pa.string()),
        pa.field("operation", pa.string()),
        pa.field("input_tokens", pa.int64()),
        pa.field("output_tokens", pa.int64()),
        pa.field("reasoning_tokens", pa.int64()),
        pa.field("temperature", pa.float64()),
        pa.field("top_p", pa.float64()),
        pa.field("max_tokens", pa.int64()),
        pa.field("n", pa.int64()),
        pa.field("logprobs", pa.bool_()),
        pa.field("top_logprobs", pa.int64()),
        pa.field("reasoning_effort", pa.string()),
        pa.field("stream", pa.bool_()),
        pa.field("tool_count", pa.int64()),
        pa.field("conversation_id", pa.string()),
        pa.field("turn", pa.int64()),
        pa.field("system_prompt", pa.string()),
        pa.field("prompt", pa.string()),
        pa.field("response", pa.string()),
        pa.field("finish_reason", pa.string()),
        pa.field("status", pa.int64()),
    ]
)
REQUIRED_EVENT_COLUMNS: tuple[str, ...] = ("ts", "account_id")
TEXT_COLUMNS: tuple[str, ...] = ("system_prompt", "prompt", "response")
REASONING_EFFORTS: tuple[str, ...] = ("none", "minimal", "low", "medium", "high", "xhigh", "max")

# 2. Accounts: one row per account (optional input).
SIGNUP_CHANNELS: tuple[str, ...] = (
    "self_serve",
    "education",
    "startup_program",
    "research_program",
    "enterprise",
    "reseller",
)
ACCOUNT_SCHEMA = pa.schema(
    [
        pa.field("account_id", pa.string(), nullable=False),
        pa.field("created_at", TS),
        pa.field("email_domain", pa.string()),
        pa.field("payment_fingerprint", pa.string()),
        pa.field("country", pa.string()),
        pa.field("signup_channel", pa.string()),
        pa.field("verified", pa.bool_()),
        pa.field("org_name", pa.string()),
    ]
)

# 3. Ground truth (simulated or labelled data only; read by evaluation alone).
TRUTH_SCHEMA = pa.schema(
    [
        pa.field("account_id", pa.string(), nullable=False),
        pa.field("label", pa.string(), nullable=False),  # "benign" | "attack"
        pa.field("campaign_id", pa.string()),
        pa.field("persona", pa.string()),
    ]
)

# --- Store additions (written by ingest) -------------------------------------------------
# Intent classes of the request classifier (signals.intent); "benign" is the rest.
INTENT_CLASSES: tuple[str, ...] = (
    "cot_elicitation",
    "reasoning_exposure",
    "posthoc_rationale",
    "rubric_grading",
    "synthetic_data",
    "benign",
)
# Column per non-benign class: intent_<short> holds its calibrated probability.
INTENT_COLUMNS: dict[str, str] = {
    "cot_elicitation": "intent_cot",
    "reasoning_exposure": "intent_reveal",
    "posthoc_rationale": "intent_rationale",
    "rubric_grading": "intent_rubric",
    "synthetic_data": "intent_synth",
}

ENRICH_FIELDS: list[pa.Field] = [
    pa.field("ip_version", pa.int8()),
    pa.field("ip_prefix", pa.string()),  # /24 for IPv4, /48 for IPv6
    pa.field("ip_asn", pa.int64()),
    pa.field("ip_as_org", pa.string()),
    pa.field("ip_country", pa.string()),
    pa.field("ip_is_hosting", pa.bool_()),
    pa.field("ip_is_vpn", pa.bool_()),
    pa.field("ip_is_tor", pa.bool_()),
]
MINHASH_PERMUTATIONS = 64
SKETCH_FIELDS: list[pa.Field] = [
    pa.field("template_key", pa.string()),  # hash of the prompt with variable parts masked
    pa.field("item_key", pa.string()),  # hash of the masked-out slot values (the task item)
    # the two keys as int64: int(key, 16) - 2**63, one to one and in the same order
    # (store/key_ints.py); detect groups and joins on these
    pa.field("template_key64", pa.int64()),
    pa.field("item_key64", pa.int64()),
    # the low 16 bits of the 64 MinHash values as uint16 little-endian, permutation order:
    # 128 bytes (b-bit MinHash, b = 16: half the bytes, LSH bands of 4 still 64-bit keys);
    # older stores: 256 bytes of uint32, or a list; readers take the low 16 bits of any
    # (store/minhash_column.py)
    pa.field("minhash", pa.binary()),
    pa.field("prompt_chars", pa.int32()),
    pa.field("system_chars", pa.int32()),
    pa.field("response_chars", pa.int32()),
    pa.field("lang", pa.string()),
]
SIGNAL_FIELDS: list[pa.Field] = [
    *(pa.field(col, pa.float32()) for col in INTENT_COLUMNS.values()),
    pa.field("intent_label", pa.string()),
    pa.field("intent_score", pa.float32()),  # 1 - P(benign)
    pa.field("sig_logprobs", pa.bool_()),
    pa.field("sig_multi_choice", pa.bool_()),
    pa.field("sig_long_output", pa.bool_()),
    pa.field("sig_max_effort", pa.bool_()),
    pa.field("sig_single_turn", pa.bool_()),
    pa.field("sig_tools", pa.bool_()),
    pa.field("request_score", pa.float32()),
]
STORE_META_FIELDS: list[pa.Field] = [
    pa.field("event_key", pa.string(), nullable=False),  # request_id, else a content hash
    pa.field("extra", pa.string()),  # JSON object of unknown input columns (passed through)
]
STORE_EVENT_SCHEMA = pa.schema(
    [*EVENT_SCHEMA, *STORE_META_FIELDS, *ENRICH_FIELDS, *SKETCH_FIELDS, *SIGNAL_FIELDS]
)
STORE_ACCOUNT_SCHEMA = pa.schema(
    [*ACCOUNT_SCHEMA, pa.field("email_domain_class", pa.string())]  # disposable|free|other
)

# --- Findings (written by detect) ----------------------------------------------------------
SEVERITIES: tuple[str, ...] = ("none", "low", "medium", "high", "critical")
FINDINGS_ACCOUNT_SCHEMA = pa.schema(
    [
        pa.field("account_id", pa.string(), nullable=False),
        pa.field("score", pa.float64(), nullable=False),
        pa.field("severity", pa.string(), nullable=False),
        pa.field("flagged", pa.bool_(), nullable=False),
        pa.field("reasons", pa.list_(pa.string())),  # rule ids, strongest first
        pa.field("summary", pa.string()),  # one readable sentence
        pa.field("campaign_id", pa.string()),
        pa.field("exchanges", pa.int64()),
        pa.field("first_seen", TS),
        pa.field("last_seen", TS),
    ]
)
FINDINGS_CAMPAIGN_SCHEMA = pa.schema(
    [
        pa.field("campaign_id", pa.string(), nullable=False),
        pa.field("score", pa.float64(), nullable=False),
        pa.field("severity", pa.string(), nullable=False),
        pa.field("accounts", pa.int64()),
        pa.field("exchanges", pa.int64()),
        pa.field("first_seen", TS),
        pa.field("last_seen", TS),
        pa.field("tactics", pa.list_(pa.string())),
        pa.field("link_types", pa.list_(pa.string())),
        # JSON object: one list of values per CAMPAIGN_INDICATOR_KINDS key
        pa.field("indicators", pa.string()),
        pa.field("summary", pa.string()),
    ]
)
# --- Corroboration (written by intel match, read by detect as a signal) --------------------
# STORE/intel/corroboration.parquet: one row per (our account, partner, indicator type, bundle).
CORROBORATION_SCHEMA = pa.schema(
    [
        pa.field("account_id", pa.string(), nullable=False),
        pa.field("partner", pa.string(), nullable=False),  # producer identity name
        pa.field("indicator_type", pa.string(), nullable=False),  # ip, ip-prefix, asn, ...
        pa.field("confidence", pa.int64()),  # partner's STIX confidence 0-100 (null: unstated)
        pa.field("tlp", pa.string()),  # clear|green|amber|amber+strict|red (null: unmarked)
        pa.field("bundle_id", pa.string(), nullable=False),
        pa.field("indicator_id", pa.string()),  # strongest matching indicator
        pa.field("partner_campaign", pa.string()),  # name of the campaign it indicates
        pa.field("values_matched", pa.int64()),  # distinct values of the account that matched
        pa.field("keyed", pa.bool_()),  # matched through keyed hashes
    ]
)
# The keys of FINDINGS_CAMPAIGN_SCHEMA.indicators (each a list of values shared by a campaign).
CAMPAIGN_INDICATOR_KINDS: tuple[str, ...] = (
    "ips",
    "prefixes",
    "asns",
    "payment_fingerprints",
    "email_domains",
    "user_agents",
    "template_keys",
)
FINDINGS_FILES = {
    "accounts": "accounts.parquet",
    "campaigns": "campaigns.parquet",
    "links": "links.parquet",
    "evidence": "evidence.jsonl",
    "run": "run.json",
}


def require_columns(schema: pa.Schema, required: Iterable[str], *, what: str) -> None:
    """Raise StoreError naming the missing columns when ``schema`` lacks any of ``required``."""
    missing = [c for c in required if c not in schema.names]
    if missing:
        raise StoreError(f"{what} lacks required column(s): {', '.join(missing)}")

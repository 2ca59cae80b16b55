"""STIX 2.1 extension definitions for what distillwatch shares beyond the core types.

Three new cyber-observable types carry values STIX has no object for, and one property
extension carries campaign volume and producer metadata. Ids are fixed so every
distillwatch user emits and recognises the same types; the schema text lives in docs/intel.md.

- ``distillwatch-payment-instrument``: ``fingerprint`` (opaque, provider-comparable id)
- ``distillwatch-prompt-template``: ``template_key`` (hash of a prompt with slots masked)
- ``distillwatch-keyed-hash``: ``kind``, ``key_id``, ``hmac_sha256`` (a keyed hash of any
  sensitive value: e-mail domain, payment fingerprint, template key, residential IP/prefix)
"""

from __future__ import annotations

import stix2

SCHEMA_URL = "https://github.com/distillwatch/distillwatch/blob/main/docs/intel.md"
# The identity that owns the extension definitions (not the producer of a bundle).
PROJECT_IDENTITY = stix2.Identity(
    id="identity--6c1f0f0e-4b1a-4d7e-9b2c-2f6d8c2a9e41",
    created="2026-01-01T00:00:00.000Z",
    modified="2026-01-01T00:00:00.000Z",
    name="distillwatch",
    description="Open-source detection of distillation attacks on LLM APIs (extension owner).",
    identity_class="system",
)

PAYMENT_TYPE = "distillwatch-payment-instrument"
TEMPLATE_TYPE = "distillwatch-prompt-template"
KEYED_TYPE = "distillwatch-keyed-hash"
SCO_TYPES: tuple[str, ...] = (PAYMENT_TYPE, TEMPLATE_TYPE, KEYED_TYPE)

_SCO_IDS = {
    PAYMENT_TYPE: "extension-definition--2f8f3c56-0c1d-4b55-9a9e-5d0f6c7a1b01",
    TEMPLATE_TYPE: "extension-definition--2f8f3c56-0c1d-4b55-9a9e-5d0f6c7a1b02",
    KEYED_TYPE: "extension-definition--2f8f3c56-0c1d-4b55-9a9e-5d0f6c7a1b03",
}
_SCO_DESCRIPTIONS = {
    PAYMENT_TYPE: "Payment instrument seen paying for accounts of a campaign. Property "
    "'fingerprint': an opaque id that is equal for the same card or wallet.",
    TEMPLATE_TYPE: "Prompt template used by a campaign. Property 'template_key': hash of the "
    "prompt with its variable slots masked (distillwatch sketch).",
    KEYED_TYPE: "Keyed hash of a sensitive indicator value. Properties 'kind', 'key_id' "
    "(names the trust-group key) and 'hmac_sha256' (hex HMAC-SHA-256 of '<kind>:<canonical "
    "value>').",
}
VOLUME_EXTENSION_ID = "extension-definition--2f8f3c56-0c1d-4b55-9a9e-5d0f6c7a1b10"


def _definition(ext_id: str, name: str, description: str, kind: str) -> stix2.ExtensionDefinition:
    return stix2.ExtensionDefinition(
        id=ext_id,
        created_by_ref=PROJECT_IDENTITY.id,
        created="2026-01-01T00:00:00.000Z",
        modified="2026-01-01T00:00:00.000Z",
        name=name,
        description=description,
        schema=SCHEMA_URL,
        version="1.0.0",
        extension_types=[kind],
    )


def extension_definitions() -> list[stix2.ExtensionDefinition]:
    """The extension-definition objects every exported bundle carries."""
    defs = [_definition(_SCO_IDS[t], t, _SCO_DESCRIPTIONS[t], "new-sco") for t in SCO_TYPES]
    defs.append(
        _definition(
            VOLUME_EXTENSION_ID,
            "distillwatch-campaign-volume",
            "Volume of a campaign as seen by the producer: 'accounts', 'exchanges', 'score', "
            "'severity', 'tactics', 'link_types'.",
            "property-extension",
        )
    )
    return defs

"""TLP 2.0 marking definitions (OASIS), which the ``stix2`` library does not ship.

Ids are the ones OASIS published in cti-stix-common-objects (extension
``extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d``). TLP 1.0 ids that stix2 ships
are understood on import too, so older partners' bundles keep their marking.
"""

from __future__ import annotations

from typing import Any

import stix2

TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
TLP2_IDS: dict[str, str] = {
    "clear": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "green": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "amber": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "amber+strict": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    "red": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}
TLP1_IDS: dict[str, str] = {
    "clear": stix2.TLP_WHITE.id,
    "green": stix2.TLP_GREEN.id,
    "amber": stix2.TLP_AMBER.id,
    "red": stix2.TLP_RED.id,
}
# Most restrictive last: when an object carries several markings the strictest one wins.
TLP_ORDER: tuple[str, ...] = ("clear", "green", "amber", "amber+strict", "red")
_BY_ID: dict[str, str] = {v: k for k, v in TLP2_IDS.items()} | {v: k for k, v in TLP1_IDS.items()}


def tlp_marking(level: str) -> stix2.MarkingDefinition:
    """The OASIS TLP 2.0 marking-definition object for ``level`` (e.g. ``amber+strict``)."""
    level = level.lower().removeprefix("tlp:")
    if level not in TLP2_IDS:
        raise ValueError(f"unknown TLP level {level!r}; use one of {', '.join(TLP_ORDER)}")
    return stix2.MarkingDefinition(
        id=TLP2_IDS[level],
        created="2022-10-01T00:00:00.000Z",
        name=f"TLP:{level.upper()}",
        extensions={TLP2_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": level}},
    )


def tlp_of_marking(obj: dict[str, Any]) -> str | None:
    """TLP level of a marking-definition object (TLP 2.0 extension or TLP 1.0), else None."""
    if obj.get("id") in _BY_ID:
        return _BY_ID[obj["id"]]
    ext = (obj.get("extensions") or {}).get(TLP2_EXTENSION) or {}
    level = ext.get("tlp_2_0")
    if isinstance(level, str) and level.lower() in TLP2_IDS:
        return level.lower()
    if obj.get("definition_type") == "tlp":
        tlp = (obj.get("definition") or {}).get("tlp")
        if isinstance(tlp, str):
            return "clear" if tlp.lower() == "white" else tlp.lower()
    return None


def strictest(levels: list[str]) -> str | None:
    """The most restrictive of ``levels`` (None when empty)."""
    known = [lv for lv in levels if lv in TLP_ORDER]
    return max(known, key=TLP_ORDER.index) if known else None


def tlp_of_refs(refs: list[str], markings: dict[str, str]) -> str | None:
    """The strictest TLP level among marking ``refs`` (ids resolved through ``markings``)."""
    return strictest([markings.get(r) or _BY_ID.get(r, "") for r in refs])

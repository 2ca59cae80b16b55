"""Personas: default behaviour of each kind of customer and attacker.

``BENIGN_PERSONAS`` and ``ATTACK_PERSONAS`` map a persona name to a complete
:class:`~distillwatch.simulate.scenario.Behaviour`; a scenario overrides any field per group.
``TACTICS`` holds the request parameters each harvesting tactic forces.
"""

from __future__ import annotations

from distillwatch.simulate.personas.attack import ATTACK_PERSONAS, TACTICS, TacticParams
from distillwatch.simulate.personas.benign import BENIGN_PERSONAS

__all__ = ["ATTACK_PERSONAS", "BENIGN_PERSONAS", "TACTICS", "TacticParams"]

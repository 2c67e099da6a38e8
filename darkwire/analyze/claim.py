"""Claim type (taxonomy.yaml `claim_types`) from cue words in many languages."""

from __future__ import annotations

from darkwire.analyze.text import Doc, Found


def classify_claim(doc: Doc, has_price: bool, has_actor_source: bool) -> Found[str] | None:
    return None

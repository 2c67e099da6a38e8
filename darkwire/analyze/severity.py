"""Severity v1 of one analysis: a level, a score and the factors behind it (docs/severity.md)."""

from __future__ import annotations

from darkwire.model import Analysis, Severity


def score_severity(a: Analysis) -> Severity | None:
    return None

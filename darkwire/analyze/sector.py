"""The victim's sector (taxonomy.yaml `sectors`) from its name and the words around it."""

from __future__ import annotations

from darkwire.analyze.text import Doc, Found


class SectorFinder:
    def find(self, doc: Doc, victim_name: str | None) -> Found[str] | None:
        return None

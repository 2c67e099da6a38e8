"""Data types claimed in a post (taxonomy.yaml `data_types`), from lexicons in many languages.

PLACEHOLDER interface (being implemented).
"""

from __future__ import annotations

from darkwire.analyze.text import Doc, Found


class DataTypeFinder:
    def find(self, doc: Doc) -> list[Found[str]]:
        """Every data type claimed, one `Found` per type (its first or best supporting span)."""
        return []

"""Countries: names and demonyms in many languages, subdivisions, cities, domains, phones, currencies.

PLACEHOLDER interface (being implemented).
"""

from __future__ import annotations

from darkwire.analyze.text import Doc, Found


class Geo:
    def mentions(self, doc: Doc) -> list[Found[str]]:
        """Every country mention in `doc.full` as an ISO alpha-2 code, weighted by how telling it is."""
        return []

    def country_of_domain(self, domain: str) -> str | None:
        """The country a domain's suffix implies (`imss.gob.mx` -> MX), or None for generic ones."""
        return None

    def best_country(self, doc: Doc) -> Found[str] | None:
        """The victim's most likely country, or None."""
        return None

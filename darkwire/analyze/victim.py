"""The victim organisation: its name as written, canonical form, aliases and domain."""

from __future__ import annotations

from darkwire.analyze.geo import Geo
from darkwire.analyze.text import Doc, Found
from darkwire.model import Victim


class VictimFinder:
    def __init__(self, geo: Geo) -> None:
        self.geo = geo

    def find(self, doc: Doc, actor: str | None) -> Found[Victim] | None:
        return None

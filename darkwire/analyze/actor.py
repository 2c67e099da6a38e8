"""Actors: the group or handle that makes a claim, resolved against known groups.

PLACEHOLDER interface (being implemented).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from darkwire.analyze.text import Doc, Found


@dataclass(frozen=True)
class ActorRef:
    name: str
    aliases: tuple[str, ...] = field(default=())


class ActorFinder:
    def find(self, doc: Doc) -> Found[ActorRef] | None:
        """The claiming actor, from the text or from `doc.source` ("LockBit 3.0 leak site")."""
        return None

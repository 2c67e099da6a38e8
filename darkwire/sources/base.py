"""One small interface for every kind of source: `fetch(state) -> (state, posts)`.

A source reads from where it is told (a folder, a feed, an API, an export, a forum) and returns the posts that
are new since `state`, with its next state. It never writes anywhere: the pipeline stores the posts and the new
state in one transaction, so a source whose run dies mid-way simply starts again from its old state.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from darkwire.model import Post

MAX_RAW = 1_000_000  # characters of an unreadable item kept in its dead letter


class Source(ABC):
    """A configured source. `seen`, after a successful fetch: how many items the source parsed this run (all
    of them, new or not), or None when it cannot tell (a 304 Not Modified, a folder with nothing new). The
    store raises an alarm when a source that used to parse items suddenly parses none."""

    kind: str = ""

    def __init__(self, name: str, label: str | None = None) -> None:
        self.name = name
        self.label = label
        self.seen: int | None = None

    @abstractmethod
    def fetch(self, state: dict[str, Any]) -> tuple[dict[str, Any], list[Post]]:
        """The posts new since `state` and the state to save once they are stored. Never mutates `state`.
        Raises SourceError when the whole source cannot be read; an item that cannot be read becomes a post
        with `parse_error` set (see `unreadable`)."""


def unreadable(raw: str, where: str, why: str, source: str | None = None, item_id: str | None = None) -> Post:
    """The stand-in for an item that could not be read: kept as a dead letter with its raw text and the reason."""
    return Post(id=item_id, text=raw[:MAX_RAW], parse_error=f"{where}: {why}"[:2000], source=source)

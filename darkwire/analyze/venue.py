"""The venue named in a post: forum, market, leak site, Telegram or Discord channel."""

from __future__ import annotations

from darkwire.analyze.text import Doc, Found


class VenueFinder:
    def find(self, doc: Doc) -> Found[str] | None:
        return None

"""`rss`: an RSS or Atom feed, fetched with a conditional GET (ETag, Last-Modified) and read with feedparser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from darkwire.config import RssSource
from darkwire.model import Post
from darkwire.sources.base import Source
from darkwire.sources.formats import read_feed
from darkwire.sources.net import Fetcher, is_local

SEEN_KEEP = 5000  # entry ids remembered, newest last: feeds show their latest items, never thousands


class RssReader(Source):
    kind = "rss"

    def __init__(self, cfg: RssSource, base_dir: Path, transport: Any = None) -> None:
        super().__init__(cfg.name, cfg.label)
        self.cfg = cfg
        self.fetcher = Fetcher(cfg, base_dir, transport)

    def fetch(self, state: dict[str, Any]) -> tuple[dict[str, Any], list[Post]]:
        headers = {}
        if state.get("etag"):
            headers["If-None-Match"] = state["etag"]
        if state.get("modified"):
            headers["If-Modified-Since"] = state["modified"]
        try:
            response = self.fetcher.get(self.cfg.url, headers)
        finally:
            self.fetcher.close()
        if response.status == 304:
            self.seen = None
            return dict(state), []
        posts, entries = read_feed(
            response.content, self.cfg.url if is_local(self.cfg.url) else response.url, self.label
        )
        self.seen = entries
        seen_ids: list[str] = list(state.get("seen") or [])
        known = set(seen_ids)
        new = [p for p in posts if p.parse_error or p.id is None or p.id not in known]
        seen_ids += [p.id for p in new if p.id and not p.parse_error]
        out = {**state, "seen": seen_ids[-SEEN_KEEP:]}
        for header, key in (("etag", "etag"), ("last-modified", "modified")):
            if response.headers.get(header):
                out[key] = response.headers[header]
        return out, new

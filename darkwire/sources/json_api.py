"""`json_api`: HTTP JSON APIs of leak-site trackers, with profiles for the public ones and a generic mapping.

Profiles map each API's own field names to a post: the victim's name is the title, the group names the source
("Akira leak site", which the analyser reads as the actor), and what the tracker knows besides (description,
website, country, sector) becomes the text.
- ransomware_live: ransomware.live's victims API (v2 `victim`, `group`, `attackdate`/`discovered`, `description`,
  `domain`, `country`, `activity`, `claim_url`/`url`; v1 `post_title`, `group_name`, `published`, `website`, `post_url`)
- ransomwatch: ransomwatch's `posts.json` (`post_title`, `group_name`, `discovered`)
- ransomlook: RansomLook's recent posts (`post_title`, `group_name`, `discovered`, `description`, `link`)
- generic: `items` (dotted path to the list) and `fields` (post field -> dotted path in an item)
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from darkwire.config import JsonApiSource
from darkwire.errors import SourceError
from darkwire.model import Post
from darkwire.sources.base import Source, unreadable
from darkwire.sources.formats import post_from_item
from darkwire.sources.net import Fetcher

SEEN_KEEP = 20_000


class JsonApiReader(Source):
    kind = "json_api"

    def __init__(self, cfg: JsonApiSource, base_dir: Path, transport: Any = None) -> None:
        super().__init__(cfg.name, cfg.label)
        self.cfg = cfg
        self.fetcher = Fetcher(cfg, base_dir, transport)

    def fetch(self, state: dict[str, Any]) -> tuple[dict[str, Any], list[Post]]:
        try:
            response = self.fetcher.get(self.cfg.url, {"Accept": "application/json"})
        finally:
            self.fetcher.close()
        try:
            data = json.loads(response.text())
        except ValueError as e:
            raise SourceError(f"source {self.name}: the API did not answer JSON ({e})") from e
        items = dig(data, self.cfg.items) if self.cfg.items else data
        if isinstance(items, dict) and self.cfg.profile != "generic":
            items = next(
                (v for k, v in items.items() if k in ("victims", "posts", "data", "items") and isinstance(v, list)),
                items,
            )
        if not isinstance(items, list):
            raise SourceError(f"source {self.name}: expected a list of items at {self.cfg.items or 'the top level'}")
        self.seen = len(items)
        posts = [self._post(item, i) for i, item in enumerate(items)]
        known = set(state.get("seen") or [])
        new = [p for p in posts if p.parse_error or p.id not in known]
        seen_ids = [*(state.get("seen") or []), *(p.id for p in new if p.id and not p.parse_error)]
        return {**state, "seen": seen_ids[-SEEN_KEEP:]}, new

    def _post(self, item: Any, i: int) -> Post:
        where = f"{self.cfg.url} item {i + 1}"
        if not isinstance(item, dict):
            return unreadable(json.dumps(item, default=str)[:10_000], where, "expected a JSON object")
        if self.cfg.profile == "generic":
            mapped = {f: dig(item, path) for f, path in self.cfg.fields.items()}
            return post_from_item({k: v for k, v in mapped.items() if v is not None}, where, self.label)
        return self._leak_post(item, where)

    def _leak_post(self, item: dict[str, Any], where: str) -> Post:
        def first(*keys: str) -> Any:
            return next((item[k] for k in keys if item.get(k) not in (None, "", [])), None)

        victim = first("victim", "post_title", "title", "name")
        group = first("group", "group_name")
        if not victim:
            return unreadable(json.dumps(item, default=str)[:10_000], where, "no victim or post_title")
        posted = first("attackdate", "published", "discovered", "date")
        lines = [str(first("description", "summary") or "")]
        for label, keys in (
            ("Website", ("domain", "website")),
            ("Country", ("country",)),
            ("Sector", ("activity", "sector")),
        ):
            value = first(*keys)
            if value:
                lines.append(f"{label}: {value}")
        text = "\n".join(line for line in lines if line) or str(victim)
        return Post(
            id=str(first("id", "_id") or f"{group}:{victim}:{first('discovered', 'attackdate', 'published') or ''}"),
            title=str(victim),
            text=text,
            posted_at=_date(posted),
            source=self.label or (f"{group} leak site" if group else None),
            url=first("claim_url", "post_url", "link", "url"),
            author=str(group) if group else None,
        )


def dig(data: Any, path: str) -> Any:
    """The value at a dotted path ("data.items", "post.0.title"); None when any step is missing."""
    for step in [s for s in path.split(".") if s]:
        if isinstance(data, dict):
            data = data.get(step)
        elif isinstance(data, list) and step.lstrip("-").isdigit() and -len(data) <= int(step) < len(data):
            data = data[int(step)]
        else:
            return None
    return data


def _date(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace(" ", "T", 1)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)

"""`telegram_export`: Telegram Desktop exports (`result.json`) of the channels where actors announce."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from darkwire.config import TelegramExportSource
from darkwire.errors import SourceError
from darkwire.model import Post
from darkwire.sources.base import Source, unreadable
from darkwire.sources.formats import read_telegram
from darkwire.sources.net import decode


class TelegramExportReader(Source):
    kind = "telegram_export"

    def __init__(self, cfg: TelegramExportSource, base_dir: Path) -> None:
        super().__init__(cfg.name, cfg.label)
        self.cfg = cfg
        path = Path(cfg.path).expanduser()
        self.root = (path if path.is_absolute() else base_dir / path).resolve()

    def fetch(self, state: dict[str, Any]) -> tuple[dict[str, Any], list[Post]]:
        files = (
            [self.root] if self.root.is_file() else sorted(self.root.rglob("result.json")) if self.root.is_dir() else []
        )
        if not files:
            raise SourceError(f"source {self.name}: no Telegram export (result.json) at {self.root}")
        done: dict[str, Any] = dict(state.get("files") or {})
        posts: list[Post] = []
        seen = 0
        for path in files:
            where = str(path.relative_to(self.root)) if path != self.root else path.name
            try:
                stat = path.stat()
                if stat.st_size > self.cfg.max_bytes:
                    posts.append(
                        unreadable("", where, f"{stat.st_size} bytes is over max_bytes ({self.cfg.max_bytes})")
                    )
                    continue
                data = path.read_bytes()
            except OSError as e:
                raise SourceError(f"source {self.name}: cannot read {path} ({e.strerror or e})") from e
            try:
                export = json.loads(decode(data, where))
            except (ValueError, SourceError) as e:
                posts.append(
                    unreadable(data[:100_000].decode("utf-8", "replace"), where, f"not a Telegram export ({e})")
                )
                continue
            if not isinstance(export, dict) or not isinstance(export.get("messages"), list):
                posts.append(
                    unreadable(
                        data[:100_000].decode("utf-8", "replace"), where, 'not a Telegram export: no "messages" list'
                    )
                )
                continue
            messages = read_telegram(export, where, self.label, self.cfg.channel_url)
            seen += len(messages)
            last = int(done.get(str(path), {}).get("last_id", -1))
            for post in messages:
                mid = _message_id(post)
                if post.parse_error or mid is None or mid > last:
                    posts.append(post)
            ids = [m for m in map(_message_id, messages) if m is not None]
            done[str(path)] = {"last_id": max([last, *ids])}
        self.seen = seen
        return {**state, "files": done}, posts


def _message_id(post: Post) -> int | None:
    tail = (post.id or "").rsplit(":", 1)[-1]
    return int(tail) if tail.lstrip("-").isdigit() else None

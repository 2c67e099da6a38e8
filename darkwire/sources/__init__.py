"""The kinds of sources: files, rss, json_api, telegram_export and html_forum (push is the API's)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from darkwire.config import FilesSource, HtmlForumSource, JsonApiSource, RssSource, TelegramExportSource
from darkwire.sources.base import Source

KINDS = ("files", "rss", "json_api", "telegram_export", "html_forum")


def build(cfg: Any, base_dir: Path, transport: Any = None) -> Source:
    """The source for one validated source config (`transport`: an httpx transport for tests)."""
    from darkwire.sources.files import FilesSourceReader
    from darkwire.sources.forum import ForumReader
    from darkwire.sources.json_api import JsonApiReader
    from darkwire.sources.rss import RssReader
    from darkwire.sources.telegram import TelegramExportReader

    if isinstance(cfg, FilesSource):
        return FilesSourceReader(cfg, base_dir)
    if isinstance(cfg, RssSource):
        return RssReader(cfg, base_dir, transport)
    if isinstance(cfg, JsonApiSource):
        return JsonApiReader(cfg, base_dir, transport)
    if isinstance(cfg, TelegramExportSource):
        return TelegramExportReader(cfg, base_dir)
    if isinstance(cfg, HtmlForumSource):
        return ForumReader(cfg, base_dir, transport)
    raise TypeError(f"no source kind for {type(cfg).__name__}")


__all__ = ["KINDS", "Source", "build"]

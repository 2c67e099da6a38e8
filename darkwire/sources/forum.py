"""`html_forum`: the thread listing of a forum section and the opening post of each new thread, from XenForo,
MyBB and phpBB pages or any layout described by CSS selectors; parsed with selectolax (lexbor), which reads the
broken, hostile HTML of such forums without executing anything.

Only the opening post of a thread is the claim: replies ("bump", "pm sent", "scam!") are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from darkwire.config import ForumSelectors, HtmlForumSource
from darkwire.errors import SourceError
from darkwire.model import Post
from darkwire.sources.base import Source, unreadable
from darkwire.sources.formats import html_text, parse_html
from darkwire.sources.net import Fetcher, is_local, join

SEEN_KEEP = 20_000


@dataclass(frozen=True)
class Layout:
    thread_link: str
    post: str  # one post of a thread page; the first is the opening post
    body: str
    author: str
    date: str
    title: str
    next_page: str
    author_attr: str | None = None


LAYOUTS = {
    "xenforo": Layout(
        thread_link="div.structItem--thread div.structItem-title a[href]",
        post="article.message",
        body="div.message-body div.bbWrapper, div.bbWrapper",
        author="h4.message-name, .message-name",
        date="time.u-dt, time[datetime]",
        title="h1.p-title-value, h1",
        next_page="a.pageNav-jump--next[href]",
        author_attr="data-author",
    ),
    "mybb": Layout(
        thread_link="tr.inline_row span.subject_new a[href], tr.inline_row span.subject_old a[href], a[id^=tid_]",
        post="div.post",
        body="div.post_body",
        author="div.author_information .largetext a, span.largetext a",
        date="span.post_date",
        title="td.thead strong, title",
        next_page="a.pagination_next[href]",
    ),
    "phpbb": Layout(
        thread_link="a.topictitle[href]",
        post="div.post",
        body="div.postbody div.content, div.content",
        author="p.author a.username, p.author a.username-coloured, a.username, a.username-coloured",
        date="p.author time[datetime], time[datetime]",
        title="h2.topic-title a, h2.topic-title, title",
        next_page="li.next a[href]",
    ),
}
_MYBB_DATES = ("%m-%d-%Y, %I:%M %p", "%d-%m-%Y, %H:%M", "%Y-%m-%d, %H:%M", "%d.%m.%Y, %H:%M", "%m-%d-%Y %I:%M %p")


def custom_layout(s: ForumSelectors) -> Layout:
    return Layout(
        thread_link=s.thread_link,
        post=":root",
        body=s.body,
        author=s.author or "",
        date=s.date or "",
        title=s.title or "title",
        next_page=s.next_page or "",
    )


class ForumReader(Source):
    kind = "html_forum"

    def __init__(self, cfg: HtmlForumSource, base_dir: Path, transport: Any = None) -> None:
        super().__init__(cfg.name, cfg.label)
        self.cfg = cfg
        self.base_dir = base_dir
        self.layout = custom_layout(cfg.selectors) if cfg.selectors else LAYOUTS[cfg.layout]
        self.fetcher = Fetcher(cfg, base_dir, transport)
        url = cfg.url
        self.start = (
            str((base_dir / url).resolve())
            if is_local(url) and not Path(url).is_absolute() and not url.startswith("file:")
            else url
        )

    def fetch(self, state: dict[str, Any]) -> tuple[dict[str, Any], list[Post]]:
        try:
            threads, forum_title = self._listing()
            self.seen = len(threads)
            seen_list: list[str] = list(state.get("seen") or [])
            known = set(seen_list)
            posts: list[Post] = []
            for url in [u for u in threads if _thread_key(u) not in known][: self.cfg.max_threads]:
                post = self._thread(url, forum_title)
                posts.append(post)
                if not post.parse_error:
                    seen_list.append(_thread_key(url))
        finally:
            self.fetcher.close()
        return {**state, "seen": seen_list[-SEEN_KEEP:]}, posts

    def _listing(self) -> tuple[list[str], str | None]:
        threads: list[str] = []
        page_url: str | None = self.start
        title: str | None = None
        for _ in range(self.cfg.max_pages):
            if not page_url:
                break
            tree = parse_html(self.fetcher.get(page_url).text())
            if title is None:
                node = tree.css_first("title")
                title = node.text(strip=True) if node else None
            for a in tree.css(self.layout.thread_link):
                href = (a.attributes.get("href") or "").strip()
                if href and not href.lower().startswith(("javascript:", "data:", "#", "mailto:")):
                    link = join(page_url, href)
                    if link not in threads:
                        threads.append(link)
            nxt = first_match(tree, self.layout.next_page) if self.layout.next_page else None
            href = (nxt.attributes.get("href") or "").strip() if nxt else ""
            page_url = join(page_url, href) if href and not href.lower().startswith("javascript:") else None
        if not threads and title is None:
            raise SourceError(f"source {self.name}: {self.start} is not a forum listing page")
        return threads, title

    def _thread(self, url: str, forum_title: str | None) -> Post:
        try:
            markup = self.fetcher.get(url).text()
        except SourceError as e:
            return unreadable("", url, str(e), item_id=_thread_key(url))
        tree = parse_html(markup)
        first = first_match(tree, self.layout.post) if self.layout.post != ":root" else tree.root
        if first is None:
            return unreadable(
                markup[:100_000], url, f"no post ({self.layout.post}) on the thread page", item_id=_thread_key(url)
            )
        body_node = first_match(first, self.layout.body)
        title_node = first_match(tree, self.layout.title)
        title = title_node.text(strip=True) if title_node else None
        text = html_text(body_node)
        if not text:
            return unreadable(markup[:100_000], url, "the opening post has no text", item_id=_thread_key(url))
        author = first.attributes.get(self.layout.author_attr) if self.layout.author_attr else None
        if not author and self.layout.author:
            node = first_match(first, self.layout.author) or first_match(tree, self.layout.author)
            author = node.text(strip=True) if node else None
        return Post(
            id=_thread_key(url),
            title=title or None,
            text=text,
            author=author or None,
            posted_at=self._date(first, tree),
            url=None if is_local(url) else url,
            source=self.label or _forum_label(forum_title, url),
        )

    def _date(self, first: Any, tree: Any) -> datetime | None:
        if not self.layout.date:
            return None
        node = first_match(first, self.layout.date) or first_match(tree, self.layout.date)
        if node is None:
            return None
        titled = node.css_first("span[title]")
        for raw in (
            node.attributes.get("datetime"),
            node.attributes.get("title"),
            titled.attributes.get("title") if titled else None,
            node.text(strip=True),
        ):
            if raw and (parsed := _parse_date(raw)):
                return parsed
        return None


def first_match(node: Any, selectors: str) -> Any:
    """The first node matching the first selector of a comma-separated list that matches anything: the
    selectors are tried in their order of preference, not in document order."""
    for selector in selectors.split(","):
        if selector.strip() and (found := node.css_first(selector.strip())) is not None:
            return found
    return None


def _parse_date(raw: str) -> datetime | None:
    raw = raw.strip()
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except ValueError:
        pass
    for fmt in _MYBB_DATES:
        try:
            return datetime.strptime(raw, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def _thread_key(url: str) -> str:
    """A thread's identity: its address without the fragment, the session id or the page-of-thread suffix."""
    if is_local(url):
        return Path(url).name if not url.startswith("file:") else urlsplit(url).path.rsplit("/", 1)[-1]
    parts = urlsplit(url)
    query = "&".join(q for q in parts.query.split("&") if q and not re.match(r"(sid|s|PHPSESSID)=", q))
    return f"{parts.netloc}{parts.path}" + (f"?{query}" if query else "")


def _forum_label(title: str | None, url: str) -> str:
    if title:
        return f"{title} forum" if "forum" not in title.lower() else title
    host = urlsplit(url).hostname
    return f"{host} forum" if host else "forum"

"""Readers of the formats posts come in, shared by the sources: JSON Lines, JSON, CSV, plain text, HTML pages,
RSS/Atom feeds and Telegram Desktop exports. Each turns bytes into posts; an item that cannot be read becomes an
`unreadable` post (a dead letter with its raw text and the reason), never an exception that loses the others.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from selectolax.lexbor import LexborHTMLParser, LexborNode

from darkwire.model import Post
from darkwire.sources.base import unreadable

POST_FIELDS = ("id", "text", "title", "posted_at", "source", "url", "author")
_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "section",
    "article",
    "table",
    "ul",
    "ol",
    "hr",
    "dd",
    "dt",
    "header",
    "footer",
}
_DROP = "script, style, noscript, template, iframe, object, embed, svg, head > meta, link"
_WHITESPACE = re.compile(r"[ \t\r\n\f]+")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_NEWLINES = re.compile(r"\n\s*\n+")
csv.field_size_limit(10_000_000)


class _StrictExcel(csv.excel):
    strict = True


class _StrictTab(csv.excel_tab):
    strict = True


# --- posts from JSON objects


def post_from_item(item: Any, where: str, label: str | None) -> Post:
    """A post from one JSON object in the analysis contract's input shape (unknown keys ignored)."""
    if not isinstance(item, dict):
        return unreadable(
            json.dumps(item, ensure_ascii=False)[:10_000], where, f"expected a JSON object, got {_kind(item)}"
        )
    try:
        post = Post.model_validate(item)
    except ValidationError as e:
        first = e.errors()[0]
        field = ".".join(str(x) for x in first["loc"])
        return unreadable(json.dumps(item, ensure_ascii=False, default=str), where, f"{field}: {first['msg']}")
    post.parse_error = None  # an input cannot declare itself a dead letter
    if not (post.text or post.title):
        return unreadable(
            json.dumps(item, ensure_ascii=False, default=str), where, 'no "text" nor "title"', item_id=post.id
        )
    if post.source is None and label:
        post.source = label
    return post


def read_jsonl(text: str, where: str, label: str | None) -> list[Post]:
    posts = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError as e:
            posts.append(unreadable(line, f"{where} line {n}", f"not JSON ({e})"))
            continue
        posts.append(post_from_item(item, f"{where} line {n}", label))
    return posts


def read_json(text: str, where: str, label: str | None) -> list[Post]:
    """A JSON array of posts, an object holding one under posts/items/data, one post, or a Telegram export."""
    try:
        data = json.loads(text)
    except ValueError as e:
        return [unreadable(text, where, f"not JSON ({e})")]
    if isinstance(data, dict) and isinstance(data.get("messages"), list):
        return read_telegram(data, where, None)
    if isinstance(data, dict):
        for key in ("posts", "items", "data", "results"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            return [post_from_item(data, where, label)]
    if not isinstance(data, list):
        return [unreadable(text, where, f"expected a list of posts, got {_kind(data)}")]
    return [post_from_item(item, f"{where} item {i + 1}", label) for i, item in enumerate(data)]


def read_csv(text: str, where: str, label: str | None, columns: dict[str, str], tab: bool = False) -> list[Post]:
    """CSV (or TSV) with a header row; `columns` maps post fields to column names (default: the same names)."""
    dialect: Any
    if tab:
        dialect = _StrictTab
    else:
        try:
            dialect = csv.Sniffer().sniff(text[:20_000], delimiters=",;\t|")
        except csv.Error:
            dialect = _StrictExcel
        dialect.strict = True  # an unclosed quote is an error, not a field that swallows the rest of the file
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except StopIteration:
        return []
    except csv.Error as e:
        return [unreadable(text[:10_000], f"{where} line 1", f"not CSV ({e})")]
    # the mapped column where the file has it, else a column named like the field (one mapping, many layouts)
    mapping = {f: columns[f] if columns.get(f) in header else f for f in POST_FIELDS}
    if mapping["text"] not in header and mapping["title"] not in header:
        return [
            unreadable(
                text[:10_000],
                f"{where} line 1",
                f"no column {mapping['text']!r} for the text (columns: "
                f"{', '.join(header)}); map one with columns: {{text: <column>}}",
            )
        ]
    index = {f: header.index(c) for f, c in mapping.items() if c in header}
    posts: list[Post] = []
    lines = text.splitlines()
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            raw = "\n".join(lines[start - 1 : reader.line_num])
            posts.append(unreadable(raw, f"{where} line {start}", f"not CSV ({e})"))
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            posts.append(
                unreadable(
                    "\n".join(lines[start - 1 : reader.line_num]),
                    f"{where} line {start}",
                    f"{len(row)} fields where the header has {len(header)} (a broken quote?)",
                )
            )
            continue
        item = {f: row[i] for f, i in index.items() if row[i].strip()}
        posts.append(post_from_item(item, f"{where} line {start}", label))
    return posts


def read_text(text: str, item_id: str, label: str | None, where: str) -> list[Post]:
    """A plain-text file is one post, its id the file's name (relative to the source's folder)."""
    if not text.strip():
        return []
    return [Post(id=item_id, text=text, source=label)]


# --- HTML


def html_text(node: LexborNode | None) -> str:
    """The readable text of an HTML node: scripts and styles dropped, paragraphs and line breaks kept."""
    if node is None:
        return ""
    for bad in node.css(_DROP):
        bad.decompose()
    parts: list[str] = []
    for n in node.traverse(include_text=True):
        if n.tag == "-text":  # HTML whitespace (newlines included) is one space; only tags break lines
            parts.append(_WHITESPACE.sub(" ", n.text_content or ""))
        elif n.tag in _BLOCKS:
            parts.append("\n")
    text = _SPACES.sub(" ", "".join(parts))
    lines = [line.strip() for line in text.split("\n")]
    return _NEWLINES.sub("\n\n", "\n".join(lines)).strip()


def parse_html(markup: str) -> LexborHTMLParser:
    return LexborHTMLParser(markup)


def read_html(markup: str, item_id: str, label: str | None, where: str) -> list[Post]:
    """An HTML page saved to disk is one post: its <title> (or first <h1>) and its body's text."""
    tree = parse_html(markup)
    title_node = tree.css_first("title") or tree.css_first("h1")
    title = title_node.text(strip=True) if title_node else None
    body = html_text(tree.body)
    if not body and not title:
        return [unreadable(markup, where, "an HTML page without text")]
    return [Post(id=item_id, title=title or None, text=body, source=label)]


# --- feeds


def read_feed(data: bytes, where: str, label: str | None) -> tuple[list[Post], int]:
    """The entries of an RSS or Atom feed as posts (guid as id, HTML reduced to text), and how many there were."""
    import feedparser

    feed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if feed.bozo and not feed.entries:
        return [
            unreadable(
                data[:MAX_FEED_RAW].decode("utf-8", "replace"),
                where,
                f"not an RSS or Atom feed ({feed.get('bozo_exception')})",
            )
        ], 0
    title = (feed.feed.get("title") or "").strip() or None
    posts: list[Post] = []
    for i, entry in enumerate(feed.entries):
        item_where = f"{where} entry {i + 1}"
        content = ""
        if entry.get("content"):
            content = " ".join(c.get("value", "") for c in entry["content"])
        content = content or entry.get("summary", "") or entry.get("description", "")
        text = html_text(parse_html(content).body) if "<" in content else content.strip()
        entry_title = html_text(parse_html(entry.get("title", "")).body) if entry.get("title") else None
        ident = entry.get("id") or entry.get("guid") or entry.get("link")
        if not (text or entry_title):
            posts.append(
                unreadable(
                    json.dumps(dict(entry), default=str)[:10_000], item_where, "an entry without text", item_id=ident
                )
            )
            continue
        posted = entry.get("published_parsed") or entry.get("updated_parsed")
        posts.append(
            Post(
                id=ident,
                title=entry_title,
                text=text or entry_title or "",
                url=entry.get("link"),
                author=entry.get("author"),
                source=label or title,
                posted_at=datetime(*posted[:6]).replace(tzinfo=UTC) if posted else None,
            )
        )
    return posts, len(feed.entries)


MAX_FEED_RAW = 100_000


# --- Telegram Desktop exports


def read_telegram(export: dict[str, Any], where: str, label: str | None, channel_url: str | None = None) -> list[Post]:
    """The messages of a Telegram Desktop export (`result.json`): service messages and empty ones skipped; the
    id is "<chat id>:<message id>"."""
    chat = export.get("id")
    name = export.get("name") or "Telegram channel"
    source = label or f"Telegram: {name}"
    posts: list[Post] = []
    for i, msg in enumerate(export.get("messages") or []):
        if not isinstance(msg, dict):
            posts.append(unreadable(json.dumps(msg)[:10_000], f"{where} message {i + 1}", "not a message object"))
            continue
        if msg.get("type", "message") != "message":
            continue
        text = telegram_text(msg.get("text"))
        if not text.strip():
            continue
        mid = msg.get("id")
        posted = _telegram_date(msg)
        url = f"{channel_url.rstrip('/')}/{mid}" if channel_url and mid is not None else None
        posts.append(
            Post(
                id=f"{chat}:{mid}" if chat is not None else str(mid),
                text=text,
                posted_at=posted,
                author=msg.get("from") or msg.get("author") or name,
                source=source,
                url=url,
            )
        )
    return posts


def telegram_text(value: Any) -> str:
    """A message's text: a string, or a list of strings and entity objects ({"type": "bold", "text": ...})."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(v if isinstance(v, str) else str(v.get("text", "")) for v in value if isinstance(v, str | dict))
    return ""


def _telegram_date(msg: dict[str, Any]) -> datetime | None:
    unix = msg.get("date_unixtime")
    if isinstance(unix, str | int) and str(unix).isdigit():
        return datetime.fromtimestamp(int(unix), UTC)
    date = msg.get("date")
    if isinstance(date, str):
        try:
            parsed = datetime.fromisoformat(date)
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", type(None): "null"}.get(
        type(value), type(value).__name__
    )

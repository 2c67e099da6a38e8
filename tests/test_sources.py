"""Every source kind against realistic fixtures served from 127.0.0.1, and the network rules: retries with
backoff, Retry-After, no retry on 4xx, the size cap, timeouts, a proxy per source, no ambient proxies, and Tor
through a local SOCKS5 server."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from darkwire.config import parse_config
from darkwire.errors import SourceError
from darkwire.model import Post
from darkwire.sources import build
from darkwire.sources.base import Source
from tests.netfixtures import Relay, Site

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def source(tmp_path: Path, **cfg: Any) -> Source:
    cfg.setdefault("name", "t")
    config = parse_config({"sources": [cfg]})
    src = build(config.sources[0], tmp_path)
    fetcher = getattr(src, "fetcher", None)
    if fetcher is not None:
        fetcher.sleep = lambda s: None  # backoff is tested by recording, not by waiting
    return src


def ok(body: bytes | str, ctype: str = "application/json", **headers: str) -> tuple[int, dict[str, str], bytes]:
    data = body.encode() if isinstance(body, str) else body
    return 200, {"Content-Type": ctype, **headers}, data


def good(posts: list[Post]) -> list[Post]:
    return [p for p in posts if not p.parse_error]


# --- rss


def test_rss_reads_items_and_uses_conditional_get(site: Site, tmp_path: Path) -> None:
    body = (FIXTURES / "feed.rss").read_bytes()

    def feed(headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if headers.get("if-none-match") == '"v1"':
            return 304, {}, b""
        return ok(body, "application/rss+xml", ETag='"v1"', **{"Last-Modified": "Tue, 03 Nov 2026 10:00:00 GMT"})

    site.routes["/feed.xml"] = feed
    src = source(tmp_path, kind="rss", url=site.url("/feed.xml"))
    state, posts = src.fetch({})
    assert [p.id for p in posts] == ["cm-0002", "cm-0001"] and src.seen == 2
    first = posts[0]
    assert first.title == "Actor sells data of Ribera Water Utility (Chile)" and first.author == "Monitor desk"
    assert "210,000 customer records" in first.text and "alert" not in first.text and "<" not in first.text
    assert first.url == "https://monitor.test/p/2" and first.posted_at is not None and first.posted_at.day == 3
    assert first.source == "Claim Monitor (test)"
    assert state["etag"] == '"v1"' and state["modified"].startswith("Tue")
    again_state, again = src.fetch(state)
    assert again == [] and src.seen is None and again_state == state
    assert site.requests[-1][1]["if-none-match"] == '"v1"'
    assert site.requests[-1][1]["if-modified-since"].startswith("Tue")


def test_rss_returns_only_new_entries_without_validators(site: Site, tmp_path: Path) -> None:
    site.routes["/feed.xml"] = ok((FIXTURES / "feed.rss").read_bytes(), "application/rss+xml")
    src = source(tmp_path, kind="rss", url=site.url("/feed.xml"))
    state, posts = src.fetch({})
    assert len(posts) == 2
    assert src.fetch(state)[1] == [] and src.seen == 2


def test_atom_and_local_feed_files(tmp_path: Path) -> None:
    (tmp_path / "f.atom").write_bytes((FIXTURES / "feed.atom").read_bytes())
    src = source(tmp_path, kind="rss", url="f.atom", label="Tracker")
    _, [post] = src.fetch({})
    assert post.id == "urn:test:qilin:orvieto" and post.author == "Tracker bot" and post.source == "Tracker"
    assert post.text == "Qilin added Orvieto Ceramiche, an Italian tile maker, claiming 400 GB."


def test_a_feed_that_is_not_a_feed_is_a_dead_letter(site: Site, tmp_path: Path) -> None:
    site.routes["/feed.xml"] = ok("<html><body>maintenance</body", "text/html")
    _, posts = source(tmp_path, kind="rss", url=site.url("/feed.xml")).fetch({})
    assert len(posts) == 1 and posts[0].parse_error and "not an RSS or Atom feed" in posts[0].parse_error


# --- json_api


RANSOMWARE_LIVE = [
    {
        "victim": "Calloway Freight",
        "group": "akira",
        "attackdate": "2026-11-01 10:00:00.000000",
        "discovered": "2026-11-02 08:00:00",
        "description": "Trucking company, 90 GB.",
        "domain": "callowayfreight.com",
        "country": "US",
        "activity": "Transportation",
        "claim_url": "http://akira.onion/x",
    },
    {
        "post_title": "Old Shape Item",
        "group_name": "play",
        "published": "2026-10-30 01:00:00",
        "website": "oldshape.example",
        "post_url": "http://play.onion/y",
    },
]


def test_ransomware_live_profile_and_api_key_from_the_environment(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RL_KEY", "s3cret-key")
    site.routes["/v2/recentvictims"] = ok(json.dumps(RANSOMWARE_LIVE))
    src = source(
        tmp_path,
        kind="json_api",
        url=site.url("/v2/recentvictims"),
        profile="ransomware_live",
        api_key={"$env": "RL_KEY"},
    )
    state, posts = src.fetch({})
    assert site.requests[0][1]["x-api-key"] == "s3cret-key"
    first, second = posts
    assert first.title == "Calloway Freight" and first.source == "akira leak site" and first.author == "akira"
    assert "Trucking company, 90 GB." in first.text and "Website: callowayfreight.com" in first.text
    assert "Country: US" in first.text and first.url == "http://akira.onion/x"
    assert first.posted_at is not None and first.posted_at.day == 1
    assert (
        second.title == "Old Shape Item" and second.source == "play leak site" and second.url == "http://play.onion/y"
    )
    assert src.fetch(state)[1] == [] and src.seen == 2


def test_ransomwatch_and_ransomlook_profiles(site: Site, tmp_path: Path) -> None:
    site.routes["/posts.json"] = ok(
        json.dumps(
            [
                {
                    "post_title": "Veldhoven Dakwerken",
                    "group_name": "lockbit3",
                    "discovered": "2026-10-11 04:12:00.123456",
                },
            ]
        )
    )
    site.routes["/api/recent"] = ok(
        json.dumps(
            [
                {
                    "post_title": "Saronno Tessile",
                    "group_name": "medusa",
                    "discovered": "2026-10-12 05:00:00",
                    "description": "Italian textile maker",
                    "link": "/group/medusa",
                },
            ]
        )
    )
    _, [watch] = source(tmp_path, kind="json_api", url=site.url("/posts.json"), profile="ransomwatch").fetch({})
    assert watch.title == "Veldhoven Dakwerken" and watch.source == "lockbit3 leak site" and watch.id
    _, [look] = source(tmp_path, kind="json_api", url=site.url("/api/recent"), profile="ransomlook").fetch({})
    assert (
        look.title == "Saronno Tessile" and look.text == "Italian textile maker" and look.source == "medusa leak site"
    )


def test_generic_json_mapping_and_bad_items(site: Site, tmp_path: Path) -> None:
    payload = {
        "data": {
            "results": [
                {"uid": 7, "headline": "Selling 9k rows of Cobalt Dental", "body": {"html": "full text here"}},
                "not an object",
                {"uid": 8},
            ]
        }
    }
    site.routes["/api"] = ok(json.dumps(payload))
    src = source(
        tmp_path,
        kind="json_api",
        url=site.url("/api"),
        items="data.results",
        fields={"id": "uid", "title": "headline", "text": "body.html"},
    )
    _, posts = src.fetch({})
    assert good(posts)[0].id == "7" and good(posts)[0].text == "full text here"
    assert len([p for p in posts if p.parse_error]) == 2 and src.seen == 3


def test_an_api_that_does_not_answer_json_fails_the_source(site: Site, tmp_path: Path) -> None:
    site.routes["/api"] = ok("<html>login</html>", "text/html")
    with pytest.raises(SourceError, match="did not answer JSON"):
        source(tmp_path, kind="json_api", url=site.url("/api"), profile="ransomwatch").fetch({})


# --- telegram_export


def test_telegram_export(tmp_path: Path) -> None:
    export = {
        "name": "Test Leaks",
        "type": "public_channel",
        "id": 4242,
        "messages": [
            {"id": 1, "type": "service", "action": "create_channel", "text": ""},
            {
                "id": 2,
                "type": "message",
                "date": "2026-10-01T10:00:00",
                "date_unixtime": "1790848800",
                "from": "Test Leaks",
                "text": [{"type": "bold", "text": "Valmont Hotels"}, " — 80k guests, 500$"],
            },
            {"id": 3, "type": "message", "date": "2026-10-02T11:00:00", "text": "plain text claim"},
            {"id": 4, "type": "message", "date": "2026-10-02T11:05:00", "text": ""},
        ],
    }
    folder = tmp_path / "exports" / "testleaks"
    folder.mkdir(parents=True)
    (folder / "result.json").write_text(json.dumps(export), encoding="utf-8")
    src = source(tmp_path, kind="telegram_export", path="exports", channel_url="https://t.me/testleaks")
    state, posts = src.fetch({})
    assert [p.id for p in posts] == ["4242:2", "4242:3"] and src.seen == 2
    assert posts[0].text == "Valmont Hotels — 80k guests, 500$" and posts[0].url == "https://t.me/testleaks/2"
    assert posts[0].source == "Telegram: Test Leaks" and posts[0].posted_at is not None
    messages: list[dict[str, Any]] = export["messages"]  # type: ignore[assignment]
    messages.append({"id": 5, "type": "message", "date": "2026-10-03T12:00:00", "text": "new one"})
    (folder / "result.json").write_text(json.dumps(export), encoding="utf-8")
    _, new = src.fetch(state)
    assert [p.id for p in new] == ["4242:5"]


def test_a_broken_export_is_a_dead_letter_and_a_missing_one_an_error(tmp_path: Path) -> None:
    (tmp_path / "result.json").write_text('{"name": "x", "messages": [', encoding="utf-8")
    _, posts = source(tmp_path, kind="telegram_export", path="result.json").fetch({})
    assert len(posts) == 1 and posts[0].parse_error and "not a Telegram export" in posts[0].parse_error
    with pytest.raises(SourceError, match="no Telegram export"):
        source(tmp_path, kind="telegram_export", path="nowhere").fetch({})


# --- html_forum

XF_LISTING = """<html><head><title>Test Market</title></head><body>
<div class="structItem structItem--thread"><div class="structItem-title"><a href="/threads/a.1/">Selling Delta Clinic DB</a></div></div>
<div class="structItem structItem--thread"><div class="structItem-title"><a href="javascript:alert(1)">evil</a></div></div>
<div class="structItem structItem--thread"><div class="structItem-title"><a href="/threads/b.2/">Access to a Polish retailer</a></div></div>
<a class="pageNav-jump pageNav-jump--next" href="/forums/db/page-2">Next</a>
</body></html>"""
XF_LISTING_2 = """<html><head><title>Test Market</title></head><body>
<div class="structItem structItem--thread"><div class="structItem-title"><a href="/threads/c.3/">Page two thread</a></div></div>
</body></html>"""


def xf_thread(title: str, body: str, author: str = "s3ller") -> str:
    return f"""<html><head><title>{title} | Test Market</title><script>steal()</script></head><body>
<h1 class="p-title-value">{title}</h1>
<article class="message" data-author="{author}"><h4 class="message-name">{author}</h4>
<time class="u-dt" datetime="2026-11-01T10:00:00+0000">Nov 1</time>
<div class="message-body"><div class="bbWrapper">{body}<script>alert('x')</script><style>.a{{}}</style></div></div></article>
<article class="message" data-author="replier"><div class="message-body"><div class="bbWrapper">bump</div></div></article>
</body></html>"""


def test_xenforo_listing_pagination_threads_and_state(site: Site, tmp_path: Path) -> None:
    site.routes["/forums/db/"] = ok(XF_LISTING, "text/html")
    site.routes["/forums/db/page-2"] = ok(XF_LISTING_2, "text/html")
    site.routes["/threads/a.1/"] = ok(
        xf_thread("Selling Delta Clinic DB", "Delta Clinic<br>40k patients<p>600$</p>"), "text/html"
    )
    site.routes["/threads/b.2/"] = ok(
        xf_thread("Access to a Polish retailer", "RDP, DA, 3k USD", "broker"), "text/html"
    )
    site.routes["/threads/c.3/"] = ok(xf_thread("Page two thread", "second page claim"), "text/html")
    src = source(tmp_path, kind="html_forum", url=site.url("/forums/db/"), layout="xenforo", max_pages=2)
    state, posts = src.fetch({})
    assert [p.title for p in posts] == ["Selling Delta Clinic DB", "Access to a Polish retailer", "Page two thread"]
    first = posts[0]
    assert first.text == "Delta Clinic\n40k patients\n600$" and first.author == "s3ller"
    assert first.posted_at is not None and first.posted_at.day == 1 and first.source == "Test Market forum"
    assert first.url == site.url("/threads/a.1/") and "bump" not in first.text and src.seen == 3
    assert all("alert" not in p.text and "steal" not in p.text for p in posts)
    site.routes["/forums/db/"] = ok(XF_LISTING.replace("/threads/b.2/", "/threads/d.4/"), "text/html")
    site.routes["/threads/d.4/"] = ok(xf_thread("New one", "fresh claim"), "text/html")
    _, new = src.fetch(state)
    assert [p.title for p in new] == ["New one"]


def test_mybb_and_phpbb_layouts(site: Site, tmp_path: Path) -> None:
    site.routes["/forumdisplay.php?fid=2"] = ok(
        """<html><title>Null Forum</title><table>
<tr class="inline_row"><td><span class="subject_new"><a href="showthread.php?tid=11">Base clients</a></span></td></tr>
</table></html>""",
        "text/html",
    )
    site.routes["/showthread.php?tid=11"] = ok(
        """<html><head><title>Base clients</title></head><body>
<table><tr><td class="thead"><strong>Base clients Mutuelle Horizon</strong></td></tr></table>
<div class="post"><div class="author_information"><span class="largetext"><a>Corvid</a></span></div>
<span class="post_date">11-03-2026, 09:14 PM</span><div class="post_body">Mutuelle Horizon, 90 000 adhérents.</div></div>
<div class="post"><div class="post_body">reply</div></div></body></html>""",
        "text/html",
    )
    _, [mybb] = source(tmp_path, kind="html_forum", url=site.url("/forumdisplay.php?fid=2"), layout="mybb").fetch({})
    assert mybb.title == "Base clients Mutuelle Horizon" and mybb.author == "Corvid"
    assert mybb.text == "Mutuelle Horizon, 90 000 adhérents." and mybb.posted_at is not None
    assert (mybb.posted_at.month, mybb.posted_at.day, mybb.posted_at.hour) == (11, 3, 21)

    site.routes["/viewforum.php?f=5"] = ok(
        """<html><title>Bazar</title>
<a href="./viewtopic.php?t=77&amp;sid=abc123" class="topictitle">Fuite Lycée Jean Moulin</a></html>""",
        "text/html",
    )
    site.routes["/viewtopic.php?t=77&sid=abc123"] = ok(
        """<html><head><title>Fuite - Bazar</title></head><body>
<h2 class="topic-title"><a href="#">Fuite Lycée Jean Moulin</a></h2>
<div class="post"><div class="postbody"><p class="author"><a class="username">Pie</a> <time datetime="2026-10-09T08:00:00+00:00">x</time></p>
<div class="content">1 200 élèves, notes et adresses.</div></div></div></body></html>""",
        "text/html",
    )
    _, [phpbb] = source(tmp_path, kind="html_forum", url=site.url("/viewforum.php?f=5"), layout="phpbb").fetch({})
    assert phpbb.title == "Fuite Lycée Jean Moulin" and phpbb.author == "Pie" and phpbb.posted_at is not None
    assert phpbb.id is not None and "sid=" not in phpbb.id  # the session id is not part of a thread's identity


def test_custom_selectors(site: Site, tmp_path: Path) -> None:
    site.routes["/board"] = ok(
        '<html><title>Board</title><ul><li class="t"><a href="/t/9">x</a></li></ul></html>', "text/html"
    )
    site.routes["/t/9"] = ok(
        '<html><h2 class="subj">Selling Halden Bank</h2><div class="msg"><div class="txt">3k cards</div>'
        '<span class="who">cc_king</span></div><div class="msg"><div class="txt">no</div></div></html>',
        "text/html",
    )
    src = source(
        tmp_path,
        kind="html_forum",
        url=site.url("/board"),
        layout="custom",
        selectors={"thread_link": "li.t a", "title": "h2.subj", "body": "div.msg div.txt", "author": "span.who"},
    )
    _, [post] = src.fetch({})
    assert (post.title, post.text, post.author) == ("Selling Halden Bank", "3k cards", "cc_king")


def test_hostile_forum_html(site: Site, tmp_path: Path) -> None:
    junk = "<div " + 'data-x="' + "A" * 200_000 + '"' + ">"
    site.routes["/f"] = ok(
        f'<html><title>F</title>{junk}<div class="structItem--thread"><div class="structItem-title">'
        '<a href="/t1">t</a></div></div></html>',
        "text/html",
    )
    site.routes["/t1"] = ok(
        '<article class="message"><div class="bbWrapper"><b>unclosed <i>tags <table><tr><td>cell'
        "</div><img src=x onerror=alert(1)>&lt;script&gt;",
        "text/html",
    )
    _, [post] = source(tmp_path, kind="html_forum", url=site.url("/f"), layout="xenforo").fetch({})
    assert "unclosed" in post.text and "onerror" not in post.text


def test_a_forum_layout_change_raises_the_alarm_signal(site: Site, tmp_path: Path) -> None:
    site.routes["/f"] = ok("<html><title>F</title><p>new theme, no threads</p></html>", "text/html")
    src = source(tmp_path, kind="html_forum", url=site.url("/f"), layout="xenforo")
    assert src.fetch({})[1] == [] and src.seen == 0


def test_a_missing_thread_page_is_a_dead_letter_not_a_failed_run(site: Site, tmp_path: Path) -> None:
    site.routes["/f"] = ok(
        '<html><title>F</title><div class="structItem--thread"><div class="structItem-title">'
        '<a href="/gone">t</a></div></div></html>',
        "text/html",
    )
    state, posts = source(tmp_path, kind="html_forum", url=site.url("/f"), layout="xenforo", retries=0).fetch({})
    assert len(posts) == 1 and posts[0].parse_error and "404" in posts[0].parse_error
    assert state["seen"] == []  # tried again next run


# --- the network rules


def flaky(fails: int, status: int = 503, **headers: str) -> Any:
    calls = {"n": 0}

    def handler(_: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        calls["n"] += 1
        if calls["n"] <= fails:
            return status, headers, b"busy"
        return ok((FIXTURES / "feed.rss").read_bytes(), "application/rss+xml")

    return handler


def test_retries_with_backoff_then_success(site: Site, tmp_path: Path) -> None:
    site.routes["/feed"] = flaky(2)
    src = source(tmp_path, kind="rss", url=site.url("/feed"), retries=3)
    waits: list[float] = []
    src.fetcher.sleep = waits.append  # type: ignore[attr-defined]
    _, posts = src.fetch({})
    assert len(posts) == 2 and site.hits("/feed") == 3 and waits == [0.5, 1.0]


def test_retry_after_is_honoured(site: Site, tmp_path: Path) -> None:
    site.routes["/feed"] = flaky(1, 429, **{"Retry-After": "7"})
    src = source(tmp_path, kind="rss", url=site.url("/feed"))
    waits: list[float] = []
    src.fetcher.sleep = waits.append  # type: ignore[attr-defined]
    src.fetch({})
    assert waits == [7.0]


def test_client_errors_are_not_retried_and_give_up_after_the_retries(site: Site, tmp_path: Path) -> None:
    site.routes["/feed"] = (403, {}, b"no")
    with pytest.raises(SourceError, match="HTTP 403"):
        source(tmp_path, kind="rss", url=site.url("/feed"), retries=3).fetch({})
    assert site.hits("/feed") == 1
    site.routes["/down"] = (503, {}, b"")
    with pytest.raises(SourceError, match=r"HTTP 503 \(after 3 tries\)"):
        source(tmp_path, kind="rss", url=site.url("/down"), retries=2).fetch({})


def test_size_cap(site: Site, tmp_path: Path) -> None:
    site.routes["/big"] = ok(b"x" * 5000, "application/rss+xml")
    with pytest.raises(SourceError, match="max_bytes"):
        source(tmp_path, kind="rss", url=site.url("/big"), max_bytes=1000).fetch({})

    def chunked(_: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        return 200, {"Content-Length": "10"}, b"y" * 10  # honest header, but the cap is smaller

    site.routes["/small"] = chunked
    with pytest.raises(SourceError, match="max_bytes"):
        source(tmp_path, kind="rss", url=site.url("/small"), max_bytes=5).fetch({})


def test_timeouts_are_source_errors(site: Site, tmp_path: Path) -> None:
    def slow(_: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        time.sleep(1.5)
        return ok(b"late")

    site.routes["/slow"] = slow
    with pytest.raises(SourceError, match="timed out"):
        source(tmp_path, kind="rss", url=site.url("/slow"), timeout=0.3, retries=0).fetch({})


def test_unreachable_host(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot connect"):
        source(tmp_path, kind="rss", url="http://127.0.0.1:9/feed", retries=1).fetch({})


def test_rate_limit_spaces_requests(site: Site, tmp_path: Path) -> None:
    site.routes["/f"] = ok(
        '<html><title>F</title><div class="structItem--thread"><div class="structItem-title">'
        '<a href="/t1">t</a></div></div></html>',
        "text/html",
    )
    site.routes["/t1"] = ok(xf_thread("T", "claim"), "text/html")
    src = source(tmp_path, kind="html_forum", url=site.url("/f"), layout="xenforo", rate_limit=0.4)
    src.fetcher.sleep = time.sleep  # type: ignore[attr-defined]
    start = time.monotonic()
    src.fetch({})
    assert time.monotonic() - start >= 0.35


def test_a_proxy_per_source_and_no_ambient_proxy(
    site: Site, http_proxy: Relay, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.routes["/feed.xml"] = ok((FIXTURES / "feed.rss").read_bytes(), "application/rss+xml")
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # would break every request if it were obeyed
    monkeypatch.setenv("ALL_PROXY", "http://127.0.0.1:9")
    _, posts = source(tmp_path, kind="rss", url=site.url("/feed.xml")).fetch({})
    assert len(posts) == 2 and http_proxy.seen == []
    _, posts = source(tmp_path, kind="rss", url=site.url("/feed.xml"), proxy=http_proxy.url).fetch({})
    assert len(posts) == 2 and http_proxy.seen == [site.url("/feed.xml")]


def test_tor_goes_through_socks5h_with_the_name_unresolved(site: Site, socks5: Relay, tmp_path: Path) -> None:
    site.routes["/feed.xml"] = ok((FIXTURES / "feed.rss").read_bytes(), "application/rss+xml")
    onion = "http://claimsxyzabcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopq.onion/feed.xml"
    src = source(tmp_path, kind="rss", url=onion, via_tor=True, tor_proxy=socks5.url)
    _, posts = src.fetch({})
    assert len(posts) == 2
    [(atyp, host, port)] = socks5.seen
    assert atyp == 3 and host.endswith(".onion") and port == 80  # a domain name, resolved by "Tor", not locally


def test_tor_proxy_defaults_to_the_local_tor_port(tmp_path: Path) -> None:
    src = source(tmp_path, kind="rss", url="http://x.onion/", via_tor=True)
    assert src.fetcher.proxy == "socks5h://127.0.0.1:9050"  # type: ignore[attr-defined]


def test_secrets_never_appear_in_errors(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOKEN", "tok-SECRET-123")
    site.routes["/api?key=abc"] = (500, {}, b"")
    src = source(
        tmp_path,
        kind="json_api",
        url=site.url("/api?key=abc"),
        profile="ransomwatch",
        retries=0,
        headers={"Authorization": {"$env": "TOKEN"}},
    )
    with pytest.raises(SourceError) as e:
        src.fetch({})
    assert "SECRET" not in str(e.value) and "key=abc" not in str(e.value)
    assert site.requests[0][1]["authorization"] == "tok-SECRET-123"


def test_sources_never_mutate_the_state_they_are_given(site: Site, tmp_path: Path) -> None:
    site.routes["/feed.xml"] = ok((FIXTURES / "feed.rss").read_bytes(), "application/rss+xml", ETag='"e"')
    state: dict[str, Any] = {"seen": ["old"]}
    frozen = json.dumps(state)
    source(tmp_path, kind="rss", url=site.url("/feed.xml")).fetch(state)
    assert json.dumps(state) == frozen


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_files_source_unreadable_folder(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="neither a file nor a folder"):
        source(tmp_path, kind="files", path="missing").fetch({})

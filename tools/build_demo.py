"""Build the bundled demo corpus (darkwire/demo/) from the posts in demo_posts_1.py and demo_posts_2.py.

    python tools/build_demo.py        # rewrites darkwire/demo/{files,feeds,telegram,forum}/ and incidents.yaml

The posts are written once, here, and delivered through the real source kinds: a folder of files (JSON Lines,
CSV, text), an RSS and an Atom feed, two Telegram Desktop exports and three forums' HTML pages. A test checks
that the files in the package are what this script writes.
"""

from __future__ import annotations

import csv
import html
import io
import json
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).parent))
from demo_posts_1 import INCIDENT_POSTS
from demo_posts_2 import HOSTILE_POSTS, SINGLE_POSTS

DEMO = Path(__file__).resolve().parent.parent / "darkwire" / "demo"
ALL = INCIDENT_POSTS + SINGLE_POSTS + HOSTILE_POSTS  # a post with "inc" is a claim of that incident
CHANNELS = {
    "leakbazaar": {"name": "Leak Bazaar", "id": 1789012345},
    "datadrops": {"name": "DataDrops 💧", "id": 1655512001},
}
INCIDENTS = {
    "I01": "Sale of the Valdeluna state pension institute (IEPV, Mexico) database, re-posted on Telegram",
    "I02": "Akira's listing of Nordvik Logistik AS (Norway) and its part 2",
    "I03": "Patient database of Hospital São Lucas do Vale (Brazil), Portuguese sale and English re-post",
    "I04": "Customer logins of Banca Alpina del Lario (Italy)",
    "I05": "Stadtwerke Auenfeld (Germany): VPN access sold, then listed by LockBit",
    "I06": "Student data of Université de Montclair-sur-Loire (France) shared for free",
    "I07": "Subscriber database of SeverTransKom (Russia)",
    "I08": "Population registry of Sukamaju City (Indonesia)",
    "I09": "Pixelmart (India) users, leaked free then sold with orders",
    "I10": "BlackSuit's listing of Greystone Family Dental (US)",
    "I11": "Cervecería Andina del Sur (Chile) customers, recycled as fresh three months later",
    "I12": "MetroFit Gyms (UK) members, recycled as new three months later",
    "I13": "NoName057(16) DDoS on the Valmora port authority (Italy)",
    "I14": "Defacement of the San Ignacio del Monte municipality (Peru)",
    "I15": "Ege Kargo (Turkey) customer database, Turkish and English posts",
    "I16": "Rhysida's auction of Escola Técnica Ribeira Alta (Portugal), and the tracker's entry",
    "I17": "LockBit's listing of Château Mirabel Vins (France), and the tracker's entry",
    "I18": "8Base's listing of Gruppo Ristorazione Tramonti (Italy), and the tracker's entry",
}
RECYCLED = {"I11", "I12"}
FORUMS = {
    "xf": ("xenforo", "Darkside Market — Databases"),
    "mybb": ("mybb", "NullHub Forum - Access & Leaks"),
    "phpbb": ("phpbb", "Le Bazar Noir • Fuites de données"),
}


def main() -> None:
    by_channel: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for post in ALL:
        by_channel[post["ch"]].append(post)
    truth: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for post in ALL:
        if "inc" in post:
            truth[post["inc"]].append(claim_key(post))
    hostile = [p for p in by_channel["forum"] if p in HOSTILE_POSTS]
    write(DEMO / "files" / "claims-forums.jsonl", jsonl([p for p in by_channel["forum"] if p not in hostile]))
    write(DEMO / "files" / "claims-hostile.jsonl", jsonl(hostile, broken_after=None))
    write(DEMO / "files" / "leaksite_export.csv", leak_csv(by_channel["leak"]))
    for post in by_channel["note"]:
        write(DEMO / "files" / "notes" / f"{post['id']}.txt", post["text"] + "\n")
    write(DEMO / "feeds" / "darkfeed.xml", rss(by_channel["rss"]))
    write(DEMO / "feeds" / "leakwatch.atom", atom(by_channel["atom"]))
    for key, meta in CHANNELS.items():
        write(DEMO / "telegram" / key / "result.json", telegram(meta, by_channel[f"tg:{key}"]))
    for ch, (layout, title) in FORUMS.items():
        forum(DEMO / "forum" / layout, layout, title, by_channel[ch])
    write(DEMO / "incidents.yaml", incidents_yaml(truth))


def write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8", newline="\n")


def thread_file(post: dict[str, Any]) -> str:
    name = post["id"].replace("threads/", "").replace("viewtopic.php?t=", "viewtopic-")
    return name if name.endswith(".html") else f"{name}.html"


def claim_key(post: dict[str, Any]) -> tuple[str, str]:
    """(source name, external id) of a post, as darkwire's sources will store it."""
    ch = post["ch"]
    if ch in ("forum", "leak"):
        return "demo-files", post["id"]
    if ch == "note":
        return "demo-files", f"notes/{post['id']}.txt"
    if ch == "rss":
        return "demo-darkfeed", post["id"]
    if ch == "atom":
        return "demo-leakwatch", post["id"]
    if ch.startswith("tg:"):
        return "demo-telegram", f"{CHANNELS[ch[3:]]['id']}:{post['id']}"
    return f"demo-{FORUMS[ch][0]}", thread_file(post)


# --- files


def jsonl(posts: list[dict[str, Any]], broken_after: int | None = 5) -> str:
    lines = []
    for i, p in enumerate(posts):
        item = {
            "id": p["id"],
            "title": p.get("title"),
            "text": p["text"],
            "posted_at": p["date"],
            "source": p.get("source"),
            "author": p.get("author"),
            "url": f"http://breachmarket-demo.onion/threads/{p['id']}",
        }
        lines.append(json.dumps({k: v for k, v in item.items() if v is not None}, ensure_ascii=False))
        if i == broken_after:  # a line cut off by a crashed scraper: kept as a dead letter, the rest still read
            lines.append('{"id": "bf-broken", "title": "Selling DB of Orchard Valley Schools", "text": "row')
    return "\n".join(lines) + "\n"


def leak_csv(posts: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["post_id", "victim", "body", "date", "group", "link"])
    for p in posts:
        slug = p["id"].split("-", 1)[0]
        writer.writerow([p["id"], p["title"], p["text"], p["date"], p["source"], f"http://{slug}-demo.onion/{p['id']}"])
    # a last row whose quote was never closed, as a bad export writes them: kept as a dead letter
    out.write('broken-row,"Unclosed Quote Industries,this body never ends\n')
    out.write("still,part,of,the,broken,row\n")
    return out.getvalue()


# --- feeds


def rfc822(date: str) -> str:
    return datetime.fromisoformat(date.replace("Z", "+00:00")).strftime("%a, %d %b %Y %H:%M:%S +0000")


def rss(posts: list[dict[str, Any]]) -> str:
    items = "".join(
        f"""  <item>
    <title>{escape(p["title"])}</title>
    <link>https://darkfeed-demo.example/posts/{p["id"]}</link>
    <guid isPermaLink="false">{p["id"]}</guid>
    <pubDate>{rfc822(p["date"])}</pubDate>
    <dc:creator>{escape(p["author"])}</dc:creator>
    <description>{escape(p["text"])}</description>
  </item>
"""
        for p in sorted(posts, key=lambda p: p["date"], reverse=True)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>DarkFeed (demo)</title>
  <link>https://darkfeed-demo.example/</link>
  <description>Fictional dark-web claim monitoring feed bundled with darkwire's demo.</description>
  <language>en</language>
{items}</channel>
</rss>
"""


def atom(posts: list[dict[str, Any]]) -> str:
    entries = "".join(
        f"""  <entry>
    <title>{escape(p["title"])}</title>
    <id>{p["id"]}</id>
    <link href="https://leakwatch-demo.example/{p["id"].rsplit(":", 1)[-1]}"/>
    <updated>{p["date"]}</updated>
    <published>{p["date"]}</published>
    <author><name>{escape(p["author"])}</name></author>
    <summary type="text">{escape(p["text"])}</summary>
  </entry>
"""
        for p in sorted(posts, key=lambda p: p["date"], reverse=True)
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>LeakWatch (demo)</title>
  <id>urn:leakwatch:demo</id>
  <updated>2026-11-20T00:00:00Z</updated>
  <link href="https://leakwatch-demo.example/"/>
{entries}</feed>
"""


# --- Telegram


def telegram(meta: dict[str, Any], posts: list[dict[str, Any]]) -> str:
    messages: list[dict[str, Any]] = [
        {
            "id": 1,
            "type": "service",
            "date": "2026-08-01T00:00:00",
            "date_unixtime": "1785542400",
            "actor": meta["name"],
            "actor_id": f"channel{meta['id']}",
            "action": "create_channel",
            "title": meta["name"],
            "text": "",
            "text_entities": [],
        }
    ]
    for i, p in enumerate(sorted(posts, key=lambda p: int(p["id"]))):
        when = datetime.fromisoformat(p["date"].replace("Z", "+00:00"))
        text: Any = p["text"]
        entities = [{"type": "plain", "text": text}]
        if i % 2 == 0 and "\n" not in text and " — " in text:  # some messages carry formatting entities
            head, tail = text.split(" — ", 1)
            text = [{"type": "bold", "text": head}, " — " + tail]
            entities = [{"type": "bold", "text": head}, {"type": "plain", "text": " — " + tail}]
        messages.append(
            {
                "id": int(p["id"]),
                "type": "message",
                "date": when.strftime("%Y-%m-%dT%H:%M:%S"),
                "date_unixtime": str(int(when.timestamp())),
                "from": meta["name"],
                "from_id": f"channel{meta['id']}",
                "text": text,
                "text_entities": entities,
            }
        )
        if i == 2:
            messages.append(
                {
                    "id": int(p["id"]) + 1,
                    "type": "service",
                    "date": when.strftime("%Y-%m-%dT%H:%M:%S"),
                    "date_unixtime": str(int(when.timestamp())),
                    "actor": meta["name"],
                    "action": "pin_message",
                    "message_id": int(p["id"]),
                    "text": "",
                    "text_entities": [],
                }
            )
    export = {"name": meta["name"], "type": "public_channel", "id": meta["id"], "messages": messages}
    return json.dumps(export, ensure_ascii=False, indent=1) + "\n"


# --- forums

REPLIES = ["pm sent", "vouch, legit seller", "sample checks out", "price too high lol", "bump", "scam? any vouches?"]


def body_html(text: str) -> str:
    return "<br>\n".join(html.escape(line) for line in text.split("\n"))


def forum(folder: Path, layout: str, title: str, posts: list[dict[str, Any]]) -> None:
    posts = sorted(posts, key=lambda p: p["date"], reverse=True)
    write(folder / "index.html", LISTINGS[layout](title, posts))
    for n, p in enumerate(posts):
        reply = REPLIES[n % len(REPLIES)]
        write(folder / thread_file(p), THREADS[layout](title, p, reply))


def xenforo_listing(title: str, posts: list[dict[str, Any]]) -> str:
    rows = "".join(
        f"""<div class="structItem structItem--thread js-inlineModContainer" data-author="{html.escape(p["author"])}">
  <div class="structItem-cell structItem-cell--main">
    <div class="structItem-title"><a href="{thread_file(p)}" data-tp-primary="on">{html.escape(p["title"])}</a></div>
    <div class="structItem-minor"><ul class="structItem-parts"><li><a class="username" href="#">{html.escape(p["author"])}</a></li>
    <li class="structItem-startDate"><time class="u-dt" datetime="{p["date"]}">{p["date"][:10]}</time></li></ul></div>
  </div>
</div>
"""
        for p in posts
    )
    return f"""<!DOCTYPE html>
<html lang="en" data-app="public" data-template="forum_view"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<script>window.XF = {{}};</script></head>
<body><div class="p-body"><h1 class="p-title-value">{html.escape(title)}</h1>
<div class="structItemContainer"><div class="structItemContainer-group js-threadList">
{rows}</div></div></div></body></html>
"""


def xenforo_thread(forum_title: str, p: dict[str, Any], reply: str) -> str:
    def message(author: str, date: str, body: str, n: int) -> str:
        return f"""<article class="message message--post js-post" data-author="{html.escape(author)}" id="js-post-{n}">
  <div class="message-inner"><div class="message-cell message-cell--user"><h4 class="message-name"><a class="username" href="#">{html.escape(author)}</a></h4></div>
  <div class="message-cell message-cell--main"><header class="message-attribution"><time class="u-dt" datetime="{date}">{date[:10]}</time></header>
  <div class="message-content"><div class="message-body"><div class="bbWrapper">{body}</div></div></div></div></div>
</article>
"""

    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(p["title"])} | {html.escape(forum_title)}</title></head>
<body><div class="p-body"><div class="p-title"><h1 class="p-title-value">{html.escape(p["title"])}</h1></div>
<div class="block-body js-replyNewMessageContainer">
{message(p["author"], p["date"], body_html(p["text"]), 1)}{message("lurker42", p["date"], html.escape(reply), 2)}</div></div></body></html>
"""


def mybb_listing(title: str, posts: list[dict[str, Any]]) -> str:
    rows = "".join(
        f"""<tr class="inline_row">
  <td class="trow1 forumdisplay_regular"><span class="{"subject_new" if i % 2 == 0 else "subject_old"}" id="tid_{i + 100}"><a href="{thread_file(p)}">{html.escape(p["title"])}</a></span>
  <div class="author smalltext"><a href="#">{html.escape(p["author"])}</a></div></td>
  <td class="trow1" align="center">{i + 2}</td>
</tr>
"""
        for i, p in enumerate(posts)
    )
    return f"""<!DOCTYPE html>
<html><head><title>{html.escape(title)}</title></head>
<body><div id="container"><table border="0" cellspacing="0" cellpadding="5" class="tborder clear">
<tr><td class="thead" colspan="2"><strong>{html.escape(title)}</strong></td></tr>
{rows}</table></div></body></html>
"""


def mybb_date(date: str) -> str:
    return datetime.fromisoformat(date.replace("Z", "+00:00")).strftime("%m-%d-%Y, %I:%M %p")


def mybb_thread(forum_title: str, p: dict[str, Any], reply: str) -> str:
    def post(author: str, date: str, body: str, n: int) -> str:
        return f"""<div class="post classic" style="" id="post_{n}">
  <div class="post_author scaleimages"><div class="author_information"><strong><span class="largetext"><a href="#">{html.escape(author)}</a></span></strong></div></div>
  <div class="post_content"><div class="post_head"><span class="post_date">{mybb_date(date)}</span></div>
  <div class="post_body scaleimages" id="pid_{n}">{body}</div></div>
</div>
"""

    return f"""<!DOCTYPE html>
<html><head><title>{html.escape(p["title"])}</title></head>
<body><div id="container"><table class="tborder tfixed clear"><tr><td class="thead"><strong>{html.escape(p["title"])}</strong></td></tr></table>
<div id="posts">
{post(p["author"], p["date"], body_html(p["text"]), 1)}{post("lurker42", p["date"], html.escape(reply), 2)}</div></div></body></html>
"""


def phpbb_listing(title: str, posts: list[dict[str, Any]]) -> str:
    rows = "".join(
        f"""<li class="row bg{1 + i % 2}"><dl class="row-item topic_read"><dt><div class="list-inner">
  <a href="{thread_file(p)}" class="topictitle">{html.escape(p["title"])}</a>
  <div class="topic-poster responsive-hide left-box">by <a href="#" class="username">{html.escape(p["author"])}</a> »
  <time datetime="{p["date"]}">{p["date"][:10]}</time></div></div></dt></dl></li>
"""
        for i, p in enumerate(posts)
    )
    return f"""<!DOCTYPE html>
<html dir="ltr" lang="fr"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>
<body id="phpbb" class="section-viewforum"><div id="wrap"><h2 class="forum-title">{html.escape(title)}</h2>
<div class="forumbg"><ul class="topiclist topics">
{rows}</ul></div></div></body></html>
"""


def phpbb_thread(forum_title: str, p: dict[str, Any], reply: str) -> str:
    def post(author: str, date: str, body: str, n: int) -> str:
        return f"""<div id="p{n}" class="post has-profile bg2"><div class="inner">
  <div class="postbody"><div id="post_content{n}">
    <p class="author"><span class="responsive-hide">par <strong><a href="#" class="username">{html.escape(author)}</a></strong> » </span><time datetime="{date}">{date[:10]}</time></p>
    <div class="content">{body}</div>
  </div></div>
</div></div>
"""

    return f"""<!DOCTYPE html>
<html dir="ltr" lang="fr"><head><meta charset="utf-8"><title>{html.escape(p["title"])} - {html.escape(forum_title)}</title></head>
<body id="phpbb" class="section-viewtopic"><div id="wrap"><h2 class="topic-title"><a href="#">{html.escape(p["title"])}</a></h2>
{post(p["author"], p["date"], body_html(p["text"]), 1)}{post("lurker42", p["date"], html.escape(reply), 2)}</div></body></html>
"""


LISTINGS = {"xenforo": xenforo_listing, "mybb": mybb_listing, "phpbb": phpbb_listing}
THREADS = {"xenforo": xenforo_thread, "mybb": mybb_thread, "phpbb": phpbb_thread}


def incidents_yaml(truth: dict[str, list[tuple[str, str]]]) -> str:
    lines = [
        "# The demo's ground truth: which claims are about the same breach (one incident each).",
        "# Claims are (source, external id) as darkwire stores them. Written by tools/build_demo.py.",
        "# recycled: the later claims re-offer an old leak as new (the posts do not say so).",
        "incidents:",
    ]
    for key in sorted(truth):
        lines.append(f"  - key: {key}")
        lines.append(f"    description: {json.dumps(INCIDENTS[key], ensure_ascii=False)}")
        if key in RECYCLED:
            lines.append("    recycled: true")
        lines.append("    claims:")
        for source, ext in truth[key]:
            lines.append(f"      - {{source: {source}, id: {json.dumps(ext, ensure_ascii=False)}}}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()

"""Atom and RSS feeds of briefs (`/feeds/briefs.atom`, `/feeds/briefs.rss`), with the incident list's filters.
Built with ElementTree, which escapes every text: a post's words never become markup of the feed."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from darkwire import __version__
from darkwire.brief.render import html_fragment
from darkwire.export.stix import NAMESPACE

ATOM = "http://www.w3.org/2005/Atom"


def _when(value: str | None) -> datetime:
    return datetime.fromisoformat(value) if value else datetime(2026, 1, 1, tzinfo=UTC)


def _entry_id(inc: dict[str, Any]) -> str:
    key = "incident:" + str(inc["id"])
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, key)}"


def atom(incidents: list[dict[str, Any]], base: str, self_url: str, title: str) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"urn:uuid:{uuid.uuid5(NAMESPACE, 'feed:' + self_url)}"
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=f"{base}/incidents")
    updated = max((_when(i["last_seen"]) for i in incidents), default=datetime(2026, 1, 1, tzinfo=UTC))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = updated.isoformat()
    ET.SubElement(feed, f"{{{ATOM}}}generator", version=__version__).text = "darkwire"
    for inc in incidents:
        b = inc["brief"]
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = b["headline"]
        ET.SubElement(entry, f"{{{ATOM}}}id").text = _entry_id(inc)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=f"{base}/incidents/{inc['id']}")
        ET.SubElement(entry, f"{{{ATOM}}}published").text = _when(inc["first_seen"]).isoformat()
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _when(inc["last_seen"]).isoformat()
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        ET.SubElement(author, f"{{{ATOM}}}name").text = "darkwire"
        for scheme, term in (
            ("severity", inc["severity"]),
            ("country", inc["country"]),
            ("sector", inc["sector"]),
            ("claim_type", inc["claim_type"]),
            ("verification", inc["verification"]),
        ):
            if term:
                ET.SubElement(entry, f"{{{ATOM}}}category", scheme=f"{base}/taxonomy/{scheme}", term=str(term))
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = " ".join(b["summary"])
        ET.SubElement(entry, f"{{{ATOM}}}content", type="html").text = html_fragment(b)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + bytes(ET.tostring(feed, encoding="utf-8"))


def rss(incidents: list[dict[str, Any]], base: str, self_url: str, title: str) -> bytes:
    root = ET.Element("rss", version="2.0")
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = title
    ET.SubElement(channel, "link").text = f"{base}/incidents"
    ET.SubElement(channel, "description").text = "Briefs of dark-web breach claims, written by darkwire"
    ET.SubElement(channel, "generator").text = f"darkwire {__version__}"
    if incidents:
        ET.SubElement(channel, "lastBuildDate").text = format_datetime(max(_when(i["last_seen"]) for i in incidents))
    for inc in incidents:
        b = inc["brief"]
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = b["headline"]
        ET.SubElement(item, "link").text = f"{base}/incidents/{inc['id']}"
        ET.SubElement(item, "guid", isPermaLink="false").text = _entry_id(inc)
        ET.SubElement(item, "pubDate").text = format_datetime(_when(inc["last_seen"]))
        for term in (inc["severity"], inc["country"], inc["sector"], inc["claim_type"]):
            if term:
                ET.SubElement(item, "category").text = str(term)
        ET.SubElement(item, "description").text = html_fragment(b)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + bytes(ET.tostring(root, encoding="utf-8"))

"""A brief as Markdown, HTML or JSON. Nothing from a post reaches the output unescaped: Markdown escapes the
characters that would make links, images, HTML or emphasis; HTML is rendered by Jinja2 with autoescaping; links
are made only of http(s) addresses."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import jinja2

FORMATS = ("md", "html", "json")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#!{}])")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85]+")


def md_escape(text: Any) -> str:
    """A value as Markdown text that renders as itself (on one line): `<`, `>` and `&` as entities, so that no
    renderer, however lax, takes them for HTML; the rest of Markdown's syntax escaped with a backslash."""
    text = _LINE_BREAKS.sub(" ", str(text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_url(url: str) -> str:
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")


def render(brief: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(brief, ensure_ascii=False, indent=2, sort_keys=True)
    if fmt == "html":
        return _html().render(b=brief)
    return _markdown(brief)


def html_fragment(brief: dict[str, Any]) -> str:
    """The brief as an HTML <article> (escaped like the whole document), to place in a page."""
    return _env().get_template("_article.html").render(b=brief)


def _markdown(b: dict[str, Any]) -> str:
    e = md_escape
    lab = b["labels"]
    out = [f"# {e(b['headline'])}", ""]
    out += [f"*{e(lab['incident'])} {b['incident_id']} · {e(lab['generated'])}*", ""]
    out += [f"## {e(lab['summary'])}", ""]
    for para in b["summary"]:
        out += [e(para), ""]
    if b["inferred"]:
        out += [f"**{e(lab['inferred'])}:** {e(b['inferred'])}", ""]
    out += [f"**{e(lab['verification'])}:** {e(b['verification'])}", ""]
    out += [f"## {e(lab['severity'])}: {e(b['severity']['label'])} ({e(b['severity']['score_text'])}/10)", ""]
    out += [e(" ".join(b["severity"]["statement"])), ""]
    out += [f"## {e(lab['legal'])}", ""]
    out += [e(" ".join(b["legal"])), ""]
    for key in ("insights", "mitigations"):
        out += [f"## {e(lab[key])}", ""]
        out += [f"- **{e(i['title'])}:** {e(i['text'])}" for i in b[key]]
        out.append("")
    out += [f"## {e(lab['evidence'])}", ""]
    for ev in b["evidence"]:
        title = e(ev["title"] or ev["external_id"] or f"post {ev['post_id']}")
        link = f"[{title}]({md_url(ev['url'])})" if ev["url"] else title
        out.append(f"- {e((ev['seen_at'] or '')[:10])} · {e(ev['source'])} · {link}")
        if ev["quote"]:
            out.append(f"  > {e(ev['quote'])}")
    out += ["", f"## {e(lab['disclaimer'])}", "", e(b["disclaimer"]), ""]
    if b.get("polish", {}).get("used"):
        out += [f"*{e(b['polish']['note'])}*", ""]
    return "\n".join(out)


def _html() -> jinja2.Template:
    return _env().get_template("brief.html")


@cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("darkwire.brief", "templates"),
        autoescape=True,  # every value, whatever the file's name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )

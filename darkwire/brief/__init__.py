"""The analyst brief of an incident (docs/brief.md): facts collected from the store, written in a language from
its templates and knowledge base, optionally rephrased by a language model under a fact check, and rendered as
Markdown, HTML or JSON.

A brief is never stale: it is written from the incident as it is now, and its `digest` (the hash of the facts)
changes exactly when the incident does. A polished brief is kept per digest, so the model is asked again only
after the incident changed.
"""

from __future__ import annotations

from typing import Any

from darkwire.brief.facts import Contents, collect, digest
from darkwire.brief.render import FORMATS, render
from darkwire.brief.write import Writer, languages
from darkwire.store import Store

__all__ = ["FORMATS", "brief", "languages", "render"]


def brief(
    store: Store,
    incident_id: int,
    lang: str = "en",
    polish: Any = None,
    inc: dict[str, Any] | None = None,
    contents: Contents | None = None,
) -> dict[str, Any]:
    """The brief of one incident as a dict (the JSON form). `polish`: a `darkwire.brief.polish.Polisher` to let a
    language model rephrase it (its result is used only when it passes the fact check). `inc`, `contents`: the
    incident and its claims' contents when the caller has read them already (see `facts.collect`)."""
    writer = Writer(lang)  # an unknown language fails before any reading
    facts = collect(store, incident_id, inc, contents)
    out = writer.write(facts)
    out["digest"] = digest(facts)
    out["facts"] = {k: v for k, v in facts.items() if k != "evidence"}
    out["polish"] = {"used": False, "reason": "not asked for"}
    if polish is not None:
        out = polish.apply(store, out)
    return out

"""The claim analyser: one post in, one `Analysis` out.

Each concern is a pure function or a finder object in its own module (language, quantities, data types,
geo, actor, victim, sector, claim type, venue, severity); `Analyzer` loads their vocabularies once and
puts their findings together, with the evidence span of every field.
"""

from __future__ import annotations

from typing import Any

from darkwire import __version__
from darkwire.analyze.actor import ActorFinder
from darkwire.analyze.claim import classify_claim, from_leak_site
from darkwire.analyze.datatypes import DataTypeFinder
from darkwire.analyze.geo import Geo
from darkwire.analyze.language import detect_language
from darkwire.analyze.quantities import find_price, find_records, find_size
from darkwire.analyze.sector import SectorFinder
from darkwire.analyze.severity import score_severity
from darkwire.analyze.text import Doc, Found
from darkwire.analyze.venue import VenueFinder
from darkwire.analyze.victim import VictimFinder
from darkwire.model import Actor, Analysis, Post, Price, Victim

ANALYZER_VERSION = f"{__version__}+a1"
MAX_CHARS = 100_000  # longer posts are analysed on their first 100,000 characters (offsets stay valid)


class Analyzer:
    """Holds the gazetteers (built once, on construction) and analyses posts with them."""

    def __init__(self) -> None:
        self.geo = Geo()
        self.datatypes = DataTypeFinder()
        self.actors = ActorFinder()
        self.sectors = SectorFinder()
        self.venues = VenueFinder()
        self.victims = VictimFinder(self.geo, self.datatypes.is_term)

    def analyze_safely(self, post: Post) -> Analysis:
        """`analyze`, except that a failure gives an analysis carrying the error instead of raising."""
        try:
            return self.analyze(post)
        except Exception as e:  # one bad post must never stop a run: it is kept, with its error
            return Analysis(id=post.id, analyzer_version=ANALYZER_VERSION, error=f"{type(e).__name__}: {e}")

    def analyze(self, post: Post) -> Analysis:
        text = (post.text or "")[:MAX_CHARS]
        doc = Doc(text, (post.title or "")[:1000], post.source or "")
        out = Analysis(id=post.id, analyzer_version=ANALYZER_VERSION)
        ev = _Evidence(doc, out)
        out.language = detect_language(doc.text or doc.title)

        actor = self.actors.find(doc)
        if actor:
            out.actor = Actor(name=actor.value.name, aliases=list(actor.value.aliases))
            ev.put("actor.name", actor)
        venue = self.venues.find(doc, actor.value.name if actor else None)
        if venue:
            out.venue = venue.value
            ev.put("venue", venue)
        types = self.datatypes.find(doc)
        out.data_types = sorted({t.value for t in types})
        for t in types:
            ev.put(f"data_types.{t.value}", t)
        for name, found in (("records", find_records(doc)), ("data_size_bytes", find_size(doc))):
            if found:
                setattr(out, name, found.value)
                ev.put(name, found)
        price = find_price(doc)
        if price:
            out.price = Price(amount=price.value[0], currency=price.value[1])
            ev.put("price", price)

        claim = classify_claim(doc, bool(price and price.value[0]))
        if claim:
            out.claim_type = claim.value
            ev.put("claim_type", claim)
        actor_names = (actor.value.name, *actor.value.aliases) if actor else ()
        out.victim = self._victim(doc, ev, actor_names)
        out.severity = score_severity(out)
        return out

    def _victim(self, doc: Doc, ev: _Evidence, actor_names: tuple[str, ...]) -> Victim | None:
        listing = bool(doc.source) and from_leak_site(doc.source)
        found = self.victims.find(doc, actor_names, listing=listing)
        country = self.geo.best_country(doc)
        sector = self.sectors.find(doc, found.value.name if found else None)
        if not (found or country or sector):
            return None
        victim = found.value if found else Victim()
        if found:
            ev.put("victim.name", found)
        if victim.country is None and country:
            victim.country = country.value
            ev.put("victim.country", country)
        if victim.domain and victim.country is None:
            victim.country = self.geo.country_of_domain(victim.domain)
            if victim.country:
                ev.inferred("victim.country")
        if victim.sector is None and sector:
            victim.sector = sector.value
            ev.put("victim.sector", sector)
        return victim


class _Evidence:
    """Writes the span of each field into `evidence` (text) or `evidence_title`, and `inferred`."""

    def __init__(self, doc: Doc, out: Analysis) -> None:
        self.doc, self.out = doc, out

    def put(self, path: str, found: Found[Any]) -> None:
        if found.inferred:
            self.inferred(path)
        if found.end <= found.start:
            return
        if self.doc.in_title(found.start):
            off = self.doc.title_start
            self.out.evidence_title[path] = (found.start - off, found.end - off)
        elif found.end <= len(self.doc.text):
            self.out.evidence[path] = (found.start, found.end)

    def inferred(self, path: str) -> None:
        if path not in self.out.inferred:
            self.out.inferred.append(path)


__all__ = ["ANALYZER_VERSION", "Analyzer"]

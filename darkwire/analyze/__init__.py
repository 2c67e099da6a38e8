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

ANALYZER_VERSION = f"{__version__}+a5"  # bump when analyses change: stored posts are analysed again
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
        """The analysis of one post; raises only on a bug (see `analyze_safely`)."""
        doc = Doc((post.text or "")[:MAX_CHARS], (post.title or "")[:1000], post.source or "")
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
        self._data(doc, out, ev)
        claim = classify_claim(doc, bool(out.price and out.price.amount))
        if claim:
            out.claim_type = claim.value
            ev.put("claim_type", claim)
        actor_names = (actor.value.name, *actor.value.aliases) if actor else ()
        out.victim = self._victim(doc, ev, actor_names, bool(out.price and out.price.currency == "USD"))
        out.severity = score_severity(out, doc.low)
        return out

    def _data(self, doc: Doc, out: Analysis, ev: _Evidence) -> None:
        """Data types, record count, data size and price."""
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

    def _victim(
        self, doc: Doc, ev: _Evidence, actor_names: tuple[str, ...], priced_in_dollars: bool = False
    ) -> Victim | None:
        """The victim with its country and sector. A known organisation's own country and sector come first
        (said to be inferred unless the text states the same), then the country of the victim's domain or of
        its name's legal form, then the country and sector the text points to."""
        listing = bool(doc.source) and from_leak_site(doc.source)
        found = self.victims.find(doc, actor_names, listing=listing, venue=ev.out.venue)
        country = self.geo.best_country(doc, priced_in_dollars)
        sector = self.sectors.find(doc, found.value.name if found else None)
        if not (found or country or sector or self._country_of_known_orgs(doc, ev.out.venue)):
            return None
        victim = found.value if found else Victim()
        if found:
            ev.put("victim.name", found)
        self._victim_country(victim, country, ev, doc, ev.out.venue)
        by_domain = sector_of_domain(victim.domain) if victim.domain else None
        if by_domain and victim.sector is None and not (sector and not sector.inferred):
            victim.sector = by_domain  # a public body's or a school's own domain (.gob.mx, .gov.uk, .edu, .ac.jp)
            ev.inferred("victim.sector")
        elif victim.sector is None and sector:
            victim.sector = sector.value
            ev.put("victim.sector", sector)
        elif victim.sector is not None and not (sector and sector.value == victim.sector and not sector.inferred):
            ev.inferred("victim.sector")
        return victim

    def _country_of_known_orgs(self, doc: Doc, venue: str | None) -> str | None:
        """The one country of the known organisations the text names (not the venue), if they share one."""
        skip = (venue or "").casefold()
        orgs = self.victims.orgs_named(doc)
        countries = {
            o.country for o in orgs if o.country and skip not in (o.name.casefold(), *map(str.casefold, o.aliases))
        }
        return countries.pop() if len(countries) == 1 else None

    def _victim_country(
        self, victim: Victim, country: Found[str] | None, ev: _Evidence, doc: Doc, venue: str | None
    ) -> None:
        # what is known of the victim itself comes first: its record in the gazetteer, the country of its own
        # domain, the legal form of its name ("Pinnacle Foods LLC"), each outranking places its post mentions
        own = victim.country
        if own is None and victim.domain:
            own = self.geo.country_of_domain(victim.domain)
        if own is None and victim.name:
            own = self.geo.country_of_legal_form(
                victim.name, country.value if country and not country.inferred else None
            )
        if own is not None:
            victim.country = own
            if country and country.value == own:
                ev.put("victim.country", country)  # the text says it too
            else:
                ev.inferred("victim.country")
        elif country:
            victim.country = country.value
            ev.put("victim.country", country)
        elif victim.name and (by_name := self.geo.country_of_name(victim.name)):
            victim.country = by_name  # "Salt Lake City Police Department"
            ev.inferred("victim.country")
        elif (by_orgs := self._country_of_known_orgs(doc, venue)) is not None:
            victim.country = by_orgs  # the organisations the text names are all of one country
            ev.inferred("victim.country")


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


_PUBLIC_LABELS = {"gov", "gob", "gouv", "govt", "gv", "go", "mil", "government", "guv"}
_SCHOOL_LABELS = {"edu", "ac", "sch", "school"}


def sector_of_domain(domain: str) -> str | None:
    """The sector a domain's own suffix gives: government (.gov, .gob.mx, .gouv.fr, .go.id, .mil) or education
    (.edu, .ac.uk, .edu.br); None for any other domain."""
    labels = domain.lower().rstrip(".").split(".")
    if len(labels) < 2:
        return None
    suffix = labels[-2:] if len(labels[-1]) == 2 else labels[-1:]  # "gob.mx" or "gov"
    if any(label in _PUBLIC_LABELS for label in suffix):
        return "government"
    if any(label in _SCHOOL_LABELS for label in suffix):
        return "education"
    return None

"""Does an incident concern a watchlist, and why? Every match says which term matched which text.

A watchlist names who it cares about (organisations with their aliases and domains, vendors, keywords or
regular expressions, actors) and may narrow by scope (countries, sectors, data types) and a minimum severity:
- any "who" term matching is enough; with no "who" term, the scope alone selects incidents ("every critical
  healthcare incident in Mexico");
- scope terms, when given, must all match (each is a list of allowed values);
- the incident's severity must reach the minimum.

Names match exactly (case, accents, punctuation and legal forms aside), as an alias, or fuzzily (a close
spelling of a long enough name); domains match the victim's domain or its subdomains, or a mention in a post.
A vendor that is the victim, or is named in a post, makes a supply-chain match. A "not us" suppression (term,
victim) stops the same false match from coming back.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from darkwire.errors import InputError
from darkwire.incidents.keys import victim_key

LEVELS = {"low": 0, "medium": 1, "high": 2, "critical": 3}
FUZZY = 92  # rapidfuzz ratio of two names' keys, 0-100
FUZZY_MIN_LEN = 6  # shorter names match only exactly: "Acme" is not "Acne"
MAX_TEXT = 50_000  # characters of an incident's posts read for mentions
MAX_TERM = 200


@dataclass
class Watch:
    orgs: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    vendors: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)  # "re:..." is a regular expression
    actors: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    data_types: list[str] = field(default_factory=list)
    min_severity: str | None = None

    def __post_init__(self) -> None:
        for name in ("orgs", "aliases", "domains", "vendors", "keywords", "actors"):
            values = [str(v).strip() for v in getattr(self, name) if str(v).strip()]
            if any(len(v) > MAX_TERM for v in values):
                raise InputError(f"a watchlist {name[:-1]} is at most {MAX_TERM} characters")
            setattr(self, name, values)
        self.domains = [d.lower().removeprefix("www.").strip(".") for d in self.domains]
        self.countries = [c.upper() for c in self.countries]
        for k in self.keywords:
            if k.startswith("re:"):
                try:
                    re.compile(k[3:])
                except re.error as e:
                    raise InputError(f"keyword {k!r} is not a valid regular expression: {e}") from e
        if self.min_severity is not None and self.min_severity not in LEVELS:
            raise InputError(f"min severity is one of {', '.join(LEVELS)}, not {self.min_severity!r}")

    @property
    def who(self) -> bool:
        return bool(self.orgs or self.aliases or self.domains or self.vendors or self.keywords or self.actors)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Watch:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass
class Subject:
    """What of an incident a watchlist is matched against."""

    victim: str | None
    aliases: list[str]
    domain: str | None
    actor: str | None
    country: str | None
    sector: str | None
    data_types: list[str]
    severity: str | None
    text: str  # its posts' titles and texts

    @property
    def victim_key(self) -> str:
        return victim_key(self.victim) if self.victim else ""


def match(w: Watch, s: Subject, suppressed: frozenset[tuple[str, str]] = frozenset()) -> list[dict[str, Any]]:
    """The reasons the incident concerns the watchlist (empty: it does not)."""
    if w.min_severity and LEVELS.get(s.severity or "", -1) < LEVELS[w.min_severity]:
        return []
    scope: list[dict[str, Any]] = []
    for values, value, what in (
        (w.countries, s.country, "country"),
        (w.sectors, s.sector, "sector"),
    ):
        if values:
            if value not in values:
                return []
            scope.append({"kind": what, "term": value, "field": what, "text": value})
    if w.data_types:
        hit = sorted(set(w.data_types) & set(s.data_types))
        if not hit:
            return []
        scope.append({"kind": "data_type", "term": ", ".join(hit), "field": "data_types", "text": ", ".join(hit)})
    if not w.who:
        return scope or []  # a scope-only watchlist; with no scope at all it matches nothing
    who = [r for r in _who(w, s) if (r["term"].casefold(), s.victim_key) not in suppressed]
    return who + scope if who else []


def _who(w: Watch, s: Subject) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    names = [n for n in [s.victim, *s.aliases] if n]
    text = s.text[:MAX_TEXT]
    for term in w.orgs + w.aliases:
        kind = "org" if term in w.orgs else "alias"
        found = _name_match(term, names)
        if found:
            out.append({"kind": kind, "term": term, "field": "victim", "text": found[0], "score": found[1]})
        elif (excerpt := _mention(term, text)) is not None:
            out.append({"kind": kind, "term": term, "field": "text", "text": excerpt, "score": 100})
    for domain in w.domains:
        if s.domain and (s.domain == domain or s.domain.endswith("." + domain)):
            out.append({"kind": "domain", "term": domain, "field": "victim.domain", "text": s.domain, "score": 100})
        elif (excerpt := _mention(domain, text)) is not None:
            out.append({"kind": "domain", "term": domain, "field": "text", "text": excerpt, "score": 100})
    for vendor in w.vendors:
        found = _name_match(vendor, names)
        if found:
            why = f"your vendor {vendor} is named as the victim"
            out.append(
                {"kind": "vendor", "term": vendor, "field": "victim", "text": found[0], "score": found[1], "why": why}
            )
        elif (excerpt := _mention(vendor, text)) is not None:
            why = f"your vendor {vendor} is named in the claim"
            out.append({"kind": "vendor", "term": vendor, "field": "text", "text": excerpt, "score": 100, "why": why})
    for keyword in w.keywords:
        excerpt = _regex(keyword[3:], text) if keyword.startswith("re:") else _mention(keyword, text)
        if excerpt is not None:
            out.append({"kind": "keyword", "term": keyword, "field": "text", "text": excerpt, "score": 100})
    for actor in w.actors:
        if s.actor and (s.actor.casefold() == actor.casefold() or _fuzzy(actor, s.actor) >= FUZZY):
            out.append({"kind": "actor", "term": actor, "field": "actor", "text": s.actor, "score": 100})
    return out


def _name_match(term: str, names: list[str]) -> tuple[str, int] | None:
    """The victim name the term names: the same key, or (long names only) a close spelling."""
    key = victim_key(term)
    if not key:
        return None
    best: tuple[str, int] | None = None
    for name in names:
        other = victim_key(name)
        if not other:
            continue
        if other == key:
            return name, 100
        if min(len(key), len(other)) >= FUZZY_MIN_LEN:
            score = int(fuzz.ratio(key, other))
            if score >= FUZZY and (best is None or score > best[1]):
                best = (name, score)
    return best


def _fuzzy(a: str, b: str) -> int:
    ka, kb = victim_key(a), victim_key(b)
    if min(len(ka), len(kb)) < FUZZY_MIN_LEN:
        return 100 if ka == kb and ka else 0
    return int(fuzz.ratio(ka, kb))


@lru_cache(maxsize=4096)
def _word_pattern(term: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _user_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _mention(term: str, text: str) -> str | None:
    m = _word_pattern(term).search(text)
    return _excerpt(text, m.start(), m.end()) if m else None


def _regex(pattern: str, text: str) -> str | None:
    m = _user_pattern(pattern).search(text)
    return _excerpt(text, m.start(), m.end()) if m else None


def _excerpt(text: str, start: int, end: int, around: int = 60) -> str:
    lo, hi = max(0, start - around), min(len(text), end + around)
    return ("…" if lo else "") + " ".join(text[lo:hi].split()) + ("…" if hi < len(text) else "")

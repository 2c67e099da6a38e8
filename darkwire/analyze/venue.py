"""The venue named in a post: forum, market, leak site, Telegram or Discord channel.

Venues are data (`taxonomy/data/venues/venues.yaml`). A name that is also a word ("Exploit", "Cracked")
counts only in its domain form, before "forum"/"market"/..., or after "posted on"/"sold on"/...
A group's leak site is named as "<group> leak site", from the input's `source` ("LockBit 3.0 leak site")
or from the text ("the Medusa ransomware group's leak site"). Generic places ("a hacker forum",
"the dark web") are not venues.

When a post names several venues, the one where the claim is made wins: a venue after "posted on",
"sold on", ... first, then a leak site, forum or market before a channel (often only the contact).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from darkwire.analyze.terms import Hit, TermMatcher, shared_matcher
from darkwire.analyze.text import Doc, Found
from darkwire.taxonomy import load_data

KIND_WEIGHT = {"leak_site": 3.0, "forum": 2.0, "market": 2.0, "paste": 1.5, "channel": 1.0}
LEAK_WORDS = ("leak site", "leak sites", "leak blog", "leak page", "leaks site", "shame site", "leak portal")
ITS_SITE_WORDS = tuple(
    f"{who} {what}"
    for who in ("its", "their", "its own", "their own")
    for what in ("site", "website", "blog", "leak site", "data leak site", "dark web site", "leak blog")
)

_SOURCE_LEAK = re.compile(r"^\s*(?P<name>.{2,60}?)\s+(?:data\s+)?(?:leak\s*site|leaks?\s*blog|dls)\s*$", re.I)
_CLAIMED_ON = re.compile(
    r"(?:post(?:ed|s|ing)?|sold|sell(?:s|ing)?|sale|list(?:ed|s|ing)?|advertis(?:ed|es|ing)|offer(?:ed|s|ing)?|"
    r"shar(?:ed|es|ing)|leak(?:ed|s)?|publish(?:ed|es|ing)?|dump(?:ed|s)?|upload(?:ed|s)?|appeared|surfaced|"
    r"announced|claimed|auction(?:ed|ing)?|circulat(?:ed|ing)|publicad[oa]s?|vendid[oa]s?|à vendre|publiée?s?|"
    r"mis en vente|veröffentlicht|angeboten|опубликова\w*|выставил\w*|продаж\w*)"
    r"[\w\s,’'-]{0,40}?\b(?:on|in|at|to|via|through|en|sur|auf|em|no|na|su|в|на)\s+"
    r"(?:(?:the|a|an|its|their|le|la|el|o|a|die|der|den|dem)\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
_VENUE_WORD = re.compile(
    r"[\s-]*(?:forums?|market(?:place)?s?|board|channel|chat|server|community|shop|store|foro|fórum|"
    r"marché|mercado|kanal|форум\w*|канал\w*|маркет\w*)\b",
    re.I,
)
_VENUE_WORD_BEFORE = re.compile(r"\b(?:forums?|foro|fórum|market(?:place)?|marché|mercado|форум\w*|канал\w*)\s+$", re.I)
_GROUP_BEFORE = re.compile(
    r"(?P<name>[A-Z0-9][\w.$-]*(?: [A-Z0-9][\w.$-]*)?)(?: (?i:ransomware|extortion))?"
    r"(?: (?i:gang|group|operators?|team|crew))?(?:['’]s)? (?i:(?:data|dark web|extortion|tor|onion) )?$"
)
_GROUP_IN_SENTENCE = re.compile(
    r"(?P<name>[A-Z0-9][\w.$-]+) (?i:ransomware |extortion |hacking |hacker )?(?i:group|gang|crew)\b[^.!?\n]*$"
)
_VICTIM_AFTER = re.compile(
    r"[\"”’'\s,]*(?:itself,?\s+|was\s+)*(?:suffered|breached|hacked|database|users? data|data breach)", re.I
)
_NOT_A_GROUP = frozenset({"the", "this", "that", "its", "their", "a", "an", "our", "his", "her", "new", "ransomware"})


@dataclass(frozen=True, slots=True)
class Venue:
    name: str
    kind: str = "forum"
    ambiguous: bool = False


_LEAK = Venue("", "leak_site")
_ITS = Venue("", "own_site")


@cache
def venue_matcher() -> TermMatcher[Venue]:
    """The venue names and aliases, the leak-site words and "its site" words (read through `shared_matcher`)."""
    raw = load_data("venues/venues.yaml") or {}
    terms = [(w, _LEAK) for w in LEAK_WORDS] + [(w, _ITS) for w in ITS_SITE_WORDS]
    for entry in raw.get("venues", []):
        venue = Venue(str(entry["name"]), str(entry.get("kind", "forum")), bool(entry.get("ambiguous")))
        for name in [entry["name"], *entry.get("aliases", [])]:
            terms.append((str(name), venue))
    return TermMatcher(terms)


class VenueFinder:
    """Holds the venue vocabulary (read once) and finds the venue a post names."""

    def __init__(self) -> None:
        self.matcher = venue_matcher()

    def find(self, doc: Doc, actor: str | None = None) -> Found[str] | None:
        """The venue where the claim is made; `actor` names the group behind "its leak site"."""
        from_source = _SOURCE_LEAK.match((doc.source or "")[:200])
        if from_source:
            return Found(f"{from_source.group('name').strip()} leak site", 0, 0)
        best: tuple[float, int, Found[str]] | None = None
        its: Hit[Venue] | None = None
        hits: list[Hit[Venue]] = shared_matcher().find(doc.low, "venue")
        for i, hit in enumerate(hits):
            if i >= 200:
                break
            if hit.payload is _ITS:
                its = its or hit
                continue
            found = self._leak_site(doc, hit) if hit.payload is _LEAK else self._named(doc, hit)
            if found is None:
                continue
            score = found.weight + (0.5 if doc.in_title(found.start) else 0.0)
            if best is None or score > best[0]:
                best = (score, i, found)
        if best is None:
            return self._its_site(doc, its, actor) if its else None
        return best[2]

    @staticmethod
    def _its_site(doc: Doc, its: Hit[Venue], actor: str | None) -> Found[str] | None:
        """ "The X group said on its website": the group's own site, named after the group."""
        if actor:
            return Found(f"{actor} leak site", its.start, its.end, weight=0.5)
        sentence = doc.full[max(0, its.start - 120) : its.start]
        matches = list(_GROUP_IN_SENTENCE.finditer(sentence))
        m = matches[-1] if matches else None
        if m is None or m.group("name").lower() in _NOT_A_GROUP:
            return None
        start = its.start - len(sentence) + m.start("name")
        return Found(f"{m.group('name')} leak site", start, start + len(m.group("name")), weight=0.5)

    def _named(self, doc: Doc, hit: Hit[Venue]) -> Found[str] | None:
        venue = hit.payload
        written = doc.full[hit.start : hit.end]
        domain = "." in written
        venue_word = bool(
            _VENUE_WORD.match(doc.full, hit.end, min(len(doc.full), hit.end + 20))
            or _VENUE_WORD_BEFORE.search(doc.full, max(0, hit.start - 20), hit.start)
        )
        claimed_on = bool(_CLAIMED_ON.search(doc.full, max(0, hit.start - 70), hit.start))
        if not domain and not _proper(written):
            return None  # "a telegram from 1938", "exploit the flaw"
        if venue.ambiguous and not (domain or venue_word or claimed_on):
            return None
        if _VICTIM_AFTER.match(doc.full, hit.end, min(len(doc.full), hit.end + 40)):
            return None  # "BreachForums suffered a data breach": the venue is the victim here
        weight = KIND_WEIGHT.get(venue.kind, 1.0) + (2.0 if claimed_on else 0.0) + (0.5 if venue_word else 0.0)
        return Found(venue.name, hit.start, hit.end, weight=weight)

    def _leak_site(self, doc: Doc, hit: Hit[Venue]) -> Found[str] | None:
        """ "the Medusa ransomware group's leak site" -> "Medusa leak site"."""
        window = doc.full[max(0, hit.start - 60) : hit.start]
        m = _GROUP_BEFORE.search(window)
        if not m or m.group("name").lower() in _NOT_A_GROUP:
            return None
        start = hit.start - len(window) + m.start("name")
        name = m.group("name")
        return Found(f"{name} leak site", start, start + len(name), weight=KIND_WEIGHT["leak_site"])


def _proper(written: str) -> bool:
    """Written as a name: capitalised or in capitals ("Exploit", "XSS"), not as a word ("exploit")."""
    return written[:1].isupper() or written[:1].isdigit()

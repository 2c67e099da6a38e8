"""The victim's sector (taxonomy.yaml `sectors`) from its name and the words around it.

Each sector term found (see `sector_lexicon`) votes for its sectors with a weight that says how
telling it is where it stands:

    in the victim's name ("St Mary's Hospital", "X Credit Union")     decisive
    a name word inside a proper name of the text ("Mercy Hospital")   strong
    a phrase stating the sector ("a healthcare provider")             strong, and not inferred
    a strong context word ("patients", "a retailer")                  strong
    a weak hint ("medical", "shopping")                               weak

A vote counts more in the title, near a mention of the victim and at the start of the text, and less
each time the same term repeats. It counts little after a clients cue ("software to hospitals"), or
for a name word that only qualifies the next one ("University | Hospital"). Media words next to a
reporting cue ("according to the Herald", "X News reported") are the outlet, not the victim, and do
not vote. The sector with the most votes wins if it has enough of them.
"""

from __future__ import annotations

from typing import NamedTuple

from darkwire.analyze.sector_lexicon import CLIENTS, REPORTING, Hit, SectorLexicon, Sense
from darkwire.analyze.text import Doc, Found

W_IN_VICTIM_NAME = 14.0
W_WEAK_IN_VICTIM_NAME = 3.0
W_PROPER_NAME = 3.5
W_STATED = 3.0
W_STRONG = 2.0
W_CAPITALISED = 1.2
W_WEAK = 0.5
TITLE_BOOST = 1.5
NEAR_BOOST = 1.5
EARLY_BOOST = 1.5
EARLY_CHARS = 250
NEAR_CHARS = 120
REPEAT_FACTOR = 0.3
MAX_REPEATS = 3
MIN_SCORE = 0.5
CUE_BEFORE, CUE_AFTER = 40, 25
CLIENT_WINDOW, CLIENT_FACTOR = 60, 0.25
MODIFIER_FACTOR = 0.3
HEAD_BOOST = 1.5
MAX_VICTIM_MENTIONS = 8
# Small words inside organisation names ("Bank of X", "Hospital de Y", "Ministerium für Z").
_NAME_LINKS = frozenset(["of", "for", "de", "do", "da", "del", "di", "du", "des", "der", "für", "van", "per"])
_SENTENCE_ENDS = (".", "!", "?", ":", '"', "»", "”")


class Vote(NamedTuple):
    weight: float
    sector: str
    term: str
    start: int
    end: int
    stated: bool


class SectorFinder:
    """Finds the victim's sector; the lexicons are built once, on construction."""

    def __init__(self, lexicon: SectorLexicon | None = None) -> None:
        self.lexicon = lexicon or SectorLexicon()

    def find(self, doc: Doc, victim_name: str | None) -> Found[str] | None:
        try:
            return self._find(doc, victim_name)
        except (ValueError, IndexError, TypeError):  # defensive: never fail a post over its sector
            return None

    def _find(self, doc: Doc, victim_name: str | None) -> Found[str] | None:
        name = (victim_name or "").strip()
        mentions = _mentions(doc.low, name.lower()) if name else []
        votes = self._name_votes(name, mentions) + self._text_votes(doc, mentions)
        if not votes:
            return None
        scores = _tally(votes)
        sector = max(scores, key=scores.__getitem__)
        if scores[sector] < MIN_SCORE:
            return None
        best = max((v for v in votes if v.sector == sector), key=lambda v: (v.weight, -v.start))
        weight = min(1.0, scores[sector] / 5)
        return Found(sector, best.start, best.end, weight=weight, inferred=not best.stated)

    def _name_votes(self, name: str, mentions: list[int]) -> list[Vote]:
        """Votes of the words in the victim's name; their span is the name's first mention, if any.
        Of several, the head counts most: the word before "of" ("Ministry of Fisheries"), else the
        last word in a head-final language ("Upstate University Hospital")."""
        if not name:
            return []
        start = mentions[0] if mentions else 0
        end = start + len(name) if mentions else 0
        hits = [h for h in self.lexicon.scan(name.lower()) if h.entry.senses]
        votes = []
        for i, hit in enumerate(hits):
            factor = _head_factor(name, hit, hits[i + 1] if i + 1 < len(hits) else None)
            for s in hit.entry.senses:
                weight = W_IN_VICTIM_NAME if s.name or s.stated or s.strong else W_WEAK_IN_VICTIM_NAME
                votes.append(Vote(weight * factor, s.sector, hit.entry.term, start, end, s.stated))
        return votes

    def _text_votes(self, doc: Doc, mentions: list[int]) -> list[Vote]:
        hits = self._text_hits(doc)
        reporting = [h for h in hits if h.entry.cue == REPORTING]
        clients = [h.end for h in hits if h.entry.cue == CLIENTS]
        full, votes = doc.full, []
        for i, hit in enumerate(hits):
            entry = hit.entry
            if not entry.senses:
                continue
            boost = _position_boost(doc, hit.start, mentions)
            of_clients = bool(clients) and any(0 <= hit.start - end <= CLIENT_WINDOW for end in clients)
            if of_clients:
                boost *= CLIENT_FACTOR
            form = _form(full, hit) if entry.named else 0
            if form == 2 and i + 1 < len(hits) and _modifies(full, hit, hits[i + 1]):
                boost *= MODIFIER_FACTOR
            for s in entry.senses:
                if s.sector == "media" and reporting and _near_cue(hit, reporting):
                    continue
                weight = _weight(s, form)
                if weight:
                    stated = s.stated and not of_clients
                    votes.append(Vote(weight * boost, s.sector, entry.term, hit.start, hit.end, stated))
        return votes

    def _text_hits(self, doc: Doc) -> list[Hit]:
        """Sector words of the head of the text (a victim is described early, `Doc.head_end`) and the title."""
        head = doc.head_end
        if head == len(doc.text):
            return self.lexicon.scan(doc.low)
        hits = self.lexicon.scan(doc.low[:head])
        if doc.title:
            off = doc.title_start
            hits += [Hit(h.start + off, h.end + off, h.entry) for h in self.lexicon.scan(doc.low[off:])]
        return hits


def _weight(s: Sense, form: int) -> float:
    """How much one term of the text says, from how it is listed and how it is written (`_form`)."""
    if s.name and form == 2:
        return W_PROPER_NAME
    if s.stated:
        return W_STATED
    if s.strong:
        return W_STRONG
    if s.name and form == 1:
        return W_CAPITALISED
    return W_WEAK if s.weak else 0.0


def _form(full: str, hit: Hit) -> int:
    """2 if the word of `hit` stands in a proper name ("Mercy Hospital"), 1 if only capitalised, else 0."""
    start = hit.start
    while start > 0 and full[start - 1].isalnum():
        start -= 1  # the start of the word a compound's head is in
    if not full[start : start + 1].isupper():
        return 0
    before = full[max(0, start - 40) : start].split()
    prev = before[-1] if before else ""
    sentence_start = not prev or prev.endswith(_SENTENCE_ENDS)
    if not sentence_start and prev[:1].isupper():
        return 2
    after = full[hit.end : hit.end + 40].split()
    if after and not sentence_start and after[0] in _NAME_LINKS:
        after = after[1:]
    return 2 if after and after[0][:1].isupper() else 1


def _head_factor(name: str, hit: Hit, following: Hit | None) -> float:
    """How much a word of the victim's name counts against the other sector words of the name."""
    if following is None:
        return 1.0
    link = name[hit.end : following.start].split()
    if hit.entry.term.rsplit(" ", 1)[-1] in _NAME_LINKS or (link and link[0].lower() in _NAME_LINKS):
        return HEAD_BOOST
    return MODIFIER_FACTOR if following.entry.head_final else 1.0


def _modifies(full: str, hit: Hit, following: Hit) -> bool:
    """Whether `hit` qualifies the name word right after it ("University | Hospital", "Hospital | Authority")."""
    return (
        following.entry.head_final
        and 0 < following.start - hit.end <= 2
        and full[following.start : following.start + 1].isupper()
        and not full[hit.end : following.start].strip(" -")
        and following.entry.senses != hit.entry.senses
        and following.entry.cue is None
    )


def _position_boost(doc: Doc, start: int, mentions: list[int]) -> float:
    boost = 1.0
    if start >= doc.title_start:
        boost = TITLE_BOOST
    elif start < EARLY_CHARS:
        boost = EARLY_BOOST
    if mentions and any(abs(start - m) <= NEAR_CHARS for m in mentions):
        boost *= NEAR_BOOST
    return boost


def _near_cue(hit: Hit, cues: list[Hit]) -> bool:
    """Whether a reporting cue stands just before or just after `hit` ("according to X", "X reported")."""
    return any(0 <= hit.start - c.end <= CUE_BEFORE or 0 <= c.start - hit.end <= CUE_AFTER for c in cues)


def _mentions(low: str, name: str) -> list[int]:
    """Where the victim's name occurs in the lower-cased text (at most a few times)."""
    out: list[int] = []
    if len(name) < 2:
        return out
    pos = low.find(name)
    while pos >= 0 and len(out) < MAX_VICTIM_MENTIONS:
        out.append(pos)
        pos = low.find(name, pos + len(name))
    return out


def _tally(votes: list[Vote]) -> dict[str, float]:
    """Each sector's score: a term's strongest vote, plus a little for each repeat."""
    by_term: dict[tuple[str, str], list[float]] = {}
    for v in votes:
        by_term.setdefault((v.sector, v.term), []).append(v.weight)
    scores: dict[str, float] = {}
    for (sector, _), weights in by_term.items():
        if len(weights) > 1:
            weights.sort(reverse=True)
        score = weights[0] + REPEAT_FACTOR * sum(weights[1:MAX_REPEATS])
        scores[sector] = scores.get(sector, 0.0) + score
    return scores

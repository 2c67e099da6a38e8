"""The victim's sector (taxonomy.yaml `sectors`) from its name and the words around it.

Each sector term found (see `sector_lexicon`) votes for its sectors with a weight that says how
telling it is where it stands:

    in the victim's name ("St Mary's Hospital", "X Credit Union")     decisive
    a name word inside a proper name of the text ("Mercy Hospital")   strong
    a phrase stating the sector ("a healthcare provider")             strong, and not inferred
    a strong context word ("patients", "a retailer")                  strong
    a weak hint ("medical", "shopping")                               weak

A vote counts more in the title, near a mention of the victim and at the start of the text, and less
each time the same term repeats. Media words next to a reporting cue ("according to the Herald",
"X News reported") are the outlet, not the victim, and do not vote. The sector with the most votes
wins if it has enough of them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from darkwire.analyze.sector_lexicon import REPORTING, Hit, SectorLexicon
from darkwire.analyze.text import Doc, Found

W_IN_VICTIM_NAME = 10.0
W_WEAK_IN_VICTIM_NAME = 3.0
W_PROPER_NAME = 3.5
W_STATED = 2.5
W_STRONG = 2.0
W_CAPITALISED = 1.2
W_WEAK = 0.5
W_NAME_LOWER = 0.3
TITLE_BOOST = 1.5
NEAR_BOOST = 1.5
EARLY_BOOST = 1.25
EARLY_CHARS = 250
NEAR_CHARS = 120
REPEAT_FACTOR = 0.3
MAX_REPEATS = 3
MIN_SCORE = 1.0
CUE_BEFORE, CUE_AFTER = 40, 25
MAX_VICTIM_MENTIONS = 8
# Small words inside organisation names ("Bank of X", "Hospital de Y", "Ministerium für Z").
_NAME_LINKS = frozenset(["of", "for", "de", "do", "da", "del", "di", "du", "des", "der", "für", "van", "per"])


@dataclass(frozen=True, slots=True)
class Vote:
    sector: str
    weight: float
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
        votes = self._name_votes(doc, name, mentions) + self._text_votes(doc, mentions)
        if not votes:
            return None
        scores = _tally(votes)
        sector, score = max(scores.items(), key=lambda kv: kv[1])
        if score < MIN_SCORE:
            return None
        best = max((v for v in votes if v.sector == sector), key=lambda v: (v.weight, -v.start))
        return Found(sector, best.start, best.end, weight=min(1.0, score / 5), inferred=not best.stated)

    def _name_votes(self, doc: Doc, name: str, mentions: list[int]) -> list[Vote]:
        """Votes of the words in the victim's name; their span is the name's first mention, if any."""
        if not name:
            return []
        start = mentions[0] if mentions else 0
        end = start + len(name) if mentions else 0
        votes = []
        for hit in self.lexicon.scan(name.lower()):
            for sector, kinds in hit.entry.senses:
                if sector == REPORTING:
                    continue
                weak = kinds == {"weak"}
                weight = W_WEAK_IN_VICTIM_NAME if weak else W_IN_VICTIM_NAME
                votes.append(Vote(sector, weight, hit.entry.term, start, end, "stated" in kinds))
        return votes

    def _text_votes(self, doc: Doc, mentions: list[int]) -> list[Vote]:
        hits = self.lexicon.scan(doc.low)
        cues = [h for h in hits if any(s == REPORTING for s, _ in h.entry.senses)]
        votes = []
        for hit in hits:
            boost = _position_boost(doc, hit.start, mentions)
            for sector, kinds in hit.entry.senses:
                if sector == REPORTING or (sector == "media" and _near_cue(hit, cues)):
                    continue
                weight = _weight(doc.full, hit, kinds)
                if weight:
                    votes.append(
                        Vote(sector, weight * boost, hit.entry.term, hit.start, hit.end, _stated(kinds))
                    )
        return votes


def _stated(kinds: frozenset[str]) -> bool:
    return "stated" in kinds


def _weight(full: str, hit: Hit, kinds: frozenset[str]) -> float:
    """How much one term of the text says, from how it is listed and how it is written."""
    if "name" in kinds and _in_proper_name(full, hit.start, hit.end):
        return W_PROPER_NAME
    if "stated" in kinds:
        return W_STATED
    if "strong" in kinds:
        return W_STRONG
    if "name" in kinds and full[hit.start : hit.start + 1].isupper():
        return W_CAPITALISED
    if "weak" in kinds:
        return W_WEAK
    return W_NAME_LOWER if "name" in kinds else 0.0


def _in_proper_name(full: str, start: int, end: int) -> bool:
    """Whether full[start:end] is capitalised and stands in a run of capitalised words."""
    if not full[start : start + 1].isupper():
        return False
    before = full[max(0, start - 40) : start].split()
    prev = before[-1] if before else ""
    sentence_start = not prev or prev.endswith((".", "!", "?", ":", '"'))
    if not sentence_start and prev[:1].isupper():
        return True
    after = full[end : end + 40].split()
    if after and not sentence_start and after[0] in _NAME_LINKS:
        after = after[1:]
    return bool(after) and after[0][:1].isupper()


def _position_boost(doc: Doc, start: int, mentions: list[int]) -> float:
    boost = 1.0
    if doc.in_title(start):
        boost *= TITLE_BOOST
    elif start < EARLY_CHARS:
        boost *= EARLY_BOOST
    if any(abs(start - m) <= NEAR_CHARS for m in mentions):
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
    by_term: dict[tuple[str, str], list[float]] = defaultdict(list)
    for v in votes:
        by_term[(v.sector, v.term)].append(v.weight)
    scores: dict[str, float] = defaultdict(float)
    for (sector, _), weights in by_term.items():
        weights.sort(reverse=True)
        scores[sector] += weights[0] + REPEAT_FACTOR * sum(weights[1:MAX_REPEATS])
    return scores

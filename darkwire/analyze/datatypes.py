"""Data types claimed in a post (taxonomy.yaml `data_types`), from lexicons in many languages.

One automaton pass over the post finds every data-type term and every cue (see `datatypes_lexicon`);
overlapping matches keep the longest. Then, left to right:

- a term after a negation cue in the same clause ("does not include passwords", "sin contraseñas") or
  before an after-negation cue ("SSNs were not affected") is not claimed;
- a term after a speculation or advice cue in the same clause ("could be used for credit card fraud",
  "users should change their passwords") is not claimed;
- a weak term ("name", "ip", "rfc") is claimed only next to another claimed term, as in a list of fields;
- words that claim personal data of no named kind ("personal information", "PII", `generic.yaml`) give
  `name`, marked inferred, when no specific personal type is claimed.

A clause ends at a sentence mark, a semicolon, a line break or a reset word ("but", "pero", "aber").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from darkwire.analyze.datatypes_lexicon import GENERIC_PERSONAL, SEPARATOR, Entry, Lexicon, normalize
from darkwire.analyze.text import Doc, Found
from darkwire.taxonomy import taxonomy

CUE_REACH = 120  # a cue covers the terms at most this many characters after it (and in its clause)
HOLDER_REACH = 30  # a holder cue ("records of") vouches for a weak term at most this far after it
AFTER_REACH = 50  # an after-negation cue covers the terms ending at most this far before it
NEIGHBOUR_GAP = 40  # a weak term needs another term listed at most this many characters away
_CLAUSE_END = re.compile(r"[.!?;](?=\s|$)|\n|[。！？；]")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|[。！？]")
_WORD = re.compile(r"[^\W\d_]+")
_COUNT_BEFORE = re.compile(r"\d[\d,.]*\s*(?:[km]|[^\W\d_]*illion|thousand|hundred|mil|млн|тыс)?\s+$")
_BYTE_SEPARATORS = bytes(32 if i < 128 and SEPARATOR.match(chr(i)) else i for i in range(256))
_NON_ASCII_SEPARATOR = re.compile(r"[^\x00-\x7f\w]")
_LIST_MARK = re.compile(r"[,;/|&\n\t、，；]")
# words that join the items of a list, in the lexicon languages
_CONNECTORS = frozenset(
    "and or as well plus also y e o ou et und oder sowie ed и или а также ve veya dan atau serta".split()
)


_VERIS = taxonomy().data_types


class _Hit(NamedTuple):
    start: int
    end: int
    entry: Entry


class DataTypeFinder:
    """Builds the multilingual data-type automaton once; `find` reads one post with it."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or Lexicon()

    def find(self, doc: Doc) -> list[Found[str]]:
        """Every data type claimed, one `Found` per type (its first supporting span)."""
        hits = self._hits(doc.low)
        if not hits:
            return []
        terms = _claimed_terms(doc.low, hits)
        firsts: dict[str, Found[str]] = {}
        for hit in terms:
            for dtype in hit.entry.types:
                if dtype not in firsts:
                    firsts[dtype] = Found(dtype, hit.start, hit.end, 1.0 if not hit.entry.weak else 0.7)
        generic = firsts.pop(GENERIC_PERSONAL, None) or self._generic_holder(doc.low, hits)
        if generic is not None and not any(_VERIS.get(t) == "Personal" for t in firsts):
            # "personal information of 3,000 customers": their names at least, said to be inferred
            firsts["name"] = Found("name", generic.start, generic.end, 0.5, inferred=True)
        return sorted(firsts.values(), key=lambda f: f.start)

    def is_term(self, phrase: str) -> bool:
        """Whether `phrase` is a data-type term of the lexicons ("bank account numbers", "Full Names")."""
        entry = self.lexicon.entries.get(normalize(phrase.lower()))
        return entry is not None and entry.kind == "type"

    def _generic_holder(self, low: str, hits: list[_Hit]) -> Found[str] | None:
        """A holder cue that starts with words of unnamed personal data ("personal information of")."""
        for hit in hits:
            if hit.entry.kind == "holder":
                head = _head(low[hit.start : hit.end])
                entry = self.lexicon.entries.get(head)
                if entry is not None and GENERIC_PERSONAL in entry.types:
                    return Found(GENERIC_PERSONAL, hit.start, hit.start + len(head) - 2)
        return None

    def _hits(self, low: str) -> list[_Hit]:
        """Leftmost-longest non-overlapping matches of terms and cues, in text order."""
        padded = " " + _spaced(low) + " "
        # The automaton reports matches by end offset, so of those starting at one offset the last is the
        # longest, and only the longest of them can be kept. The key is " words ": its first word char is
        # at padded[last - size + 2] = low[last - size + 1], its last at low[last - 2].
        longest = {last - size + 1: (last - 1, entry) for last, (size, entry) in self.lexicon.automaton.iter(padded)}
        kept: list[_Hit] = []
        reach = -1
        for start in sorted(longest):
            if start >= reach:
                reach, entry = longest[start]
                kept.append(_Hit(start, reach, entry))
        return kept


@dataclass
class _Scope:
    """Where the last cue of each kind ended (-1: none in force)."""

    negation: int = -1
    speculation: int = -1
    holder: int = -1


def _claimed_terms(low: str, hits: list[_Hit]) -> list[_Hit]:
    """The type hits that survive negation and speculation, and (weak terms) stand in a list or
    after a holder cue ("records of 300 patients")."""
    scope = _Scope()
    candidates: list[tuple[_Hit, bool]] = []
    after: list[int] = []
    for hit in hits:
        kind = hit.entry.kind
        if kind == "type":
            if not (_covers(low, scope.negation, hit.start) or _covers(low, scope.speculation, hit.start)):
                # only a weak term needs a holder cue or a count before it
                held = hit.entry.weak and (
                    _covers(low, scope.holder, hit.start, HOLDER_REACH) or _counted(low, hit.start)
                )
                candidates.append((hit, held))
        elif kind == "reset":
            scope.negation = scope.speculation = -1
        elif kind == "after_negation":
            after.append(hit.start)
        elif kind in ("negation", "speculation", "holder"):
            setattr(scope, kind, hit.end)
    if after:
        candidates = [(h, held) for h, held in candidates if not _negated_after(low, h, after)]
    terms = [h for h, _ in candidates]
    return [h for i, (h, held) in enumerate(candidates) if not h.entry.weak or held or _has_neighbour(low, terms, i)]


@lru_cache(maxsize=1024)
def _head(cue: str) -> str:
    """The normalized words of a holder cue before its last ("personal information" of "personal information of")."""
    return normalize(cue.rsplit(None, 1)[0])


def _spaced(low: str) -> str:
    """`SEPARATOR.sub(" ", low)`, faster: ASCII separators by a byte table over the UTF-8 text (bytes of
    multi-byte characters are never ASCII), then the rare non-ASCII ones by a regex."""
    if low.isascii():
        return low.encode().translate(_BYTE_SEPARATORS).decode()
    text = low.encode("utf-8", "surrogatepass").translate(_BYTE_SEPARATORS).decode("utf-8", "surrogatepass")
    return _NON_ASCII_SEPARATOR.sub(" ", text)


def _covers(low: str, cue_end: int, start: int, reach: int = CUE_REACH) -> bool:
    """Whether a cue ending at `cue_end` reaches a term starting at `start` (near, same clause)."""
    if cue_end < 0 or start - cue_end > reach:
        return False
    return _CLAUSE_END.search(low, cue_end, start) is None


def _counted(low: str, start: int) -> bool:
    """Whether a count comes right before `start` ("3,000 patients", "1.2 million patients")."""
    return _COUNT_BEFORE.search(low, max(0, start - 30), start) is not None


def _negated_after(low: str, hit: _Hit, after: list[int]) -> bool:
    for cue in after:
        if hit.end <= cue <= hit.end + AFTER_REACH and _CLAUSE_END.search(low, hit.end, cue) is None:
            return True
    return False


def _has_neighbour(low: str, candidates: list[_Hit], i: int) -> bool:
    """Whether the weak term `candidates[i]` stands in a list with the term before or after it."""
    hit = candidates[i]
    if i > 0 and _listed(low, candidates[i - 1].end, hit.start):
        return True
    return i + 1 < len(candidates) and _listed(low, hit.end, candidates[i + 1].start)


def _listed(low: str, end: int, start: int) -> bool:
    """Whether `low[end:start]`, between two terms, joins items of a list: a comma, slash, tab, line
    break, "and", "or"... with at most two other words ("names, home and work phone numbers")."""
    if start - end > NEIGHBOUR_GAP or _SENTENCE_END.search(low, end, start):
        return False
    words = _WORD.findall(low, end, start)
    joined = _LIST_MARK.search(low, end, start) or any(w in _CONNECTORS for w in words)
    return bool(joined) and sum(w not in _CONNECTORS for w in words) <= 2

"""`TermMatcher`: many literal terms found at once in a lower-cased text, on word boundaries.

Built on `scan.Scanner` (an Aho-Corasick automaton). A term ending in `*` is a prefix ("leak*" finds "leaked", "leaks");
any other term must end on a word boundary. Terms always start on a word boundary, except in scripts
written without spaces (CJK), where there are none to check.

`JointMatcher` puts the terms of several matchers in one automaton: one pass over a text finds the hits
of them all, each matcher's in the order its own `find` gives them. A pass costs about the same whatever
the automaton, so finders that read the same text share one (`shared_matcher`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any, Generic, NamedTuple, TypeVar

from darkwire.analyze.scan import Scanner
from darkwire.analyze.text import is_word_char, spaceless

P = TypeVar("P")


class Hit(NamedTuple, Generic[P]):
    start: int
    end: int
    term: str
    payload: P


def _edges(term: str) -> tuple[bool, bool]:
    """Whether the term's start and end need a word-boundary check (word characters outside spaceless scripts)."""
    return is_word_char(term[0]) and not spaceless(term[0]), is_word_char(term[-1]) and not spaceless(term[-1])


class TermMatcher(Generic[P]):
    """Finds terms (given lower-cased) in a lower-cased text; several payloads may share a term."""

    def __init__(self, terms: Iterable[tuple[str, P]]) -> None:
        table: dict[str, list[tuple[bool, P]]] = {}
        for term, payload in terms:
            term = term.strip().lower()
            prefix = term.endswith("*")
            term = term.rstrip("*").strip()
            if term:
                table.setdefault(term, []).append((prefix, payload))
        # term -> (payloads of the whole term, payloads of the prefix term)
        self.table: dict[str, tuple[tuple[P, ...], tuple[P, ...]]] = {
            term: (tuple(p for prefix, p in entries if not prefix), tuple(p for prefix, p in entries if prefix))
            for term, entries in table.items()
        }
        self._joint: JointMatcher | None = None  # built on first use: one read only jointly needs none

    def __bool__(self) -> bool:
        return bool(self.table)

    def find(self, low: str, start: int = 0, end: int | None = None) -> Iterator[Hit[P]]:
        """Hits in `low[start:end]`, in order of their end offset."""
        if not self.table:
            return
        if self._joint is None:
            self._joint = JointMatcher({"": self})
        yield from self._joint.scan(low, start, end)[0]


class JointMatcher:
    """The terms of several named `TermMatcher`s in one automaton: one pass over a text serves them all."""

    def __init__(self, parts: Mapping[str, TermMatcher[Any]]) -> None:
        self.parts = tuple(parts)
        table: dict[str, list[tuple[int, tuple[Any, ...], tuple[Any, ...]]]] = {}
        for i, matcher in enumerate(parts.values()):
            for term, (whole, prefixed) in matcher.table.items():
                table.setdefault(term, []).append((i, whole, prefixed))
        items = []
        for term, listed in table.items():
            left, right = _edges(term)
            # (part, payload) pairs where the term ends a word, and where it goes on (prefix terms only)
            ended = tuple((i, p) for i, whole, prefixed in listed for p in (*whole, *prefixed))
            inside = tuple((i, p) for i, _, prefixed in listed for p in prefixed)
            items.append((term, (term, len(term), left, right, ended, inside)))
        self._auto = Scanner(items)
        self._empty = not table
        self._last: tuple[str, tuple[list[Hit[Any]], ...]] = ("", tuple([] for _ in self.parts))

    def find(self, low: str, part: str) -> list[Hit[Any]]:
        """The hits of matcher `part` in `low`, in the order its own `find` gives them (do not change the list).

        The hits of every part are kept for the last text read, so the finders that read the same
        `doc.low` one after the other pay for one pass."""
        last = self._last
        if last[0] is not low:
            last = self._last = (low, self.scan(low))
        return last[1][self.parts.index(part)]

    def scan(self, low: str, start: int = 0, end: int | None = None) -> tuple[list[Hit[Any]], ...]:
        """The hits of each part in `low[start:end]`, each part's in order of their end offset."""
        out: tuple[list[Hit[Any]], ...] = tuple([] for _ in self.parts)
        if self._empty:
            return out
        size = len(low)
        for last, (term, n, left, right, ended, inside) in self._auto.iter(low, start, end):
            first = last - n + 1
            if left and first > 0:
                c = low[first - 1]
                if c.isalnum() or c == "_":
                    continue
            pairs = ended
            if right and last + 1 < size:
                c = low[last + 1]
                if c.isalnum() or c == "_":
                    pairs = inside
            for i, payload in pairs:
                out[i].append(Hit(first, last + 1, term, payload))
        return out


@cache
def shared_matcher() -> JointMatcher:
    """The default vocabularies every post is read for: actor cues and group names ("actor"), claim cues
    ("claim"), venue names ("venue"), number words ("numbers") and the words that describe a victim named in
    lower case ("victim"), found in one pass over `doc.low`."""
    from darkwire.analyze.actor import actor_matcher
    from darkwire.analyze.claim import claim_matcher
    from darkwire.analyze.quantities_numbers import number_anchors
    from darkwire.analyze.venue import venue_matcher
    from darkwire.analyze.victim import descriptor_matcher

    parts: dict[str, TermMatcher[Any]] = {
        "actor": actor_matcher(),
        "claim": claim_matcher(),
        "venue": venue_matcher(),
        "numbers": number_anchors(),
        "victim": descriptor_matcher(),
    }
    return JointMatcher(parts)

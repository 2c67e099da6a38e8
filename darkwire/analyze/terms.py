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

P = TypeVar("P")


class Hit(NamedTuple, Generic[P]):
    start: int
    end: int
    term: str
    payload: P


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def _spaceless(c: str) -> bool:
    return "\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af"


def _edges(term: str) -> tuple[bool, bool]:
    """Whether the term's start and end need a word-boundary check (word characters outside spaceless scripts)."""
    return _is_word(term[0]) and not _spaceless(term[0]), _is_word(term[-1]) and not _spaceless(term[-1])


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
        self._auto: Any = None  # built on first use: a matcher read only through a JointMatcher needs none

    def __bool__(self) -> bool:
        return bool(self.table)

    def _automaton(self) -> Any:
        auto = Scanner(
            (term, (term, len(term), *_edges(term), whole, prefixed)) for term, (whole, prefixed) in self.table.items()
        )
        self._auto = auto
        return auto

    def find(self, low: str, start: int = 0, end: int | None = None) -> Iterator[Hit[P]]:
        """Hits in `low[start:end]`, in order of their end offset."""
        if not self.table:
            return
        auto = self._auto or self._automaton()
        stop = len(low) if end is None else end
        size = len(low)
        for last, (term, n, left, right, whole, prefixed) in auto.iter(low, start, stop):
            first = last - n + 1
            if left and first > 0:
                c = low[first - 1]
                if c.isalnum() or c == "_":
                    continue
            payloads = prefixed
            if whole:
                after = low[last + 1] if last + 1 < size else " "
                if not (right and (after.isalnum() or after == "_")):
                    payloads = whole + prefixed if prefixed else whole
            for payload in payloads:
                yield Hit(first, last + 1, term, payload)


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
            last = self._last = (low, self._scan(low))
        return last[1][self.parts.index(part)]

    def _scan(self, low: str) -> tuple[list[Hit[Any]], ...]:
        out: tuple[list[Hit[Any]], ...] = tuple([] for _ in self.parts)
        if self._empty:
            return out
        size = len(low)
        for last, (term, n, left, right, ended, inside) in self._auto.iter(low):
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

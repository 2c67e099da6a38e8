"""`TermMatcher`: many literal terms found at once in a lower-cased text, on word boundaries.

Built on a pyahocorasick automaton. A term ending in `*` is a prefix ("leak*" finds "leaked", "leaks");
any other term must end on a word boundary. Terms always start on a word boundary, except in scripts
written without spaces (CJK), where there are none to check.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

P = TypeVar("P")


@dataclass(frozen=True, slots=True)
class Hit(Generic[P]):
    start: int
    end: int
    term: str
    payload: P


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def _spaceless(c: str) -> bool:
    return "\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af"


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
        self._auto = ahocorasick.Automaton()
        for term, entries in table.items():
            # boundary checks are needed only on edges that are word characters outside spaceless scripts
            left = _is_word(term[0]) and not _spaceless(term[0])
            right = _is_word(term[-1]) and not _spaceless(term[-1])
            whole = tuple(p for prefix, p in entries if not prefix)
            prefixed = tuple(p for prefix, p in entries if prefix)
            self._auto.add_word(term, (term, len(term), left, right, whole, prefixed))
        self._empty = not table
        if not self._empty:
            self._auto.make_automaton()

    def __bool__(self) -> bool:
        return not self._empty

    def find(self, low: str, start: int = 0, end: int | None = None) -> Iterator[Hit[P]]:
        """Hits in `low[start:end]`, in order of their end offset."""
        if self._empty:
            return
        stop = len(low) if end is None else end
        size = len(low)
        for last, (term, n, left, right, whole, prefixed) in self._auto.iter(low, start, stop):
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

"""`Scanner`: many literal keys found at once in a text, every occurrence (overlapping ones too).

Backed by ahocorasick-rs, whose Rust automaton reads a text several times faster than pyahocorasick's
(measured ~7x on the country gazetteer). Its answers are those of `pyahocorasick.Automaton.iter`: every
match as (offset of its last character, value), in order of that offset, character offsets in the
Python string.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

import ahocorasick_rs

V = TypeVar("V")


class Scanner(Generic[V]):
    """Keys mapped to values, found in texts. Keys are matched as given (case and all)."""

    def __init__(self, items: Iterable[tuple[str, V]]) -> None:
        self._by_key: dict[str, V] = {}
        for key, value in items:
            if key:
                self._by_key[key] = value  # a later value replaces an earlier one, as add_word does
        self._keys = list(self._by_key)
        self._values = [self._by_key[k] for k in self._keys]
        self._ac = (
            ahocorasick_rs.AhoCorasick(self._keys, matchkind=ahocorasick_rs.MATCHKIND_STANDARD) if self._keys else None
        )

    def __len__(self) -> int:
        return len(self._keys)

    def get(self, key: str, default: V | None = None) -> V | None:
        return self._by_key.get(key, default)

    def iter(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, V]]:
        """(offset of the last character, value) of every match in `text[start:end]`."""
        if self._ac is None:
            return
        part = text if start == 0 and end is None else text[start:end]
        values = self._values
        for index, _, stop in self._ac.find_matches_as_indexes(part, overlapping=True):
            yield start + stop - 1, values[index]

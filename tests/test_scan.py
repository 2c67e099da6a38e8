"""The Scanner finds what pyahocorasick's `iter` finds, in the same order, with character offsets."""

from __future__ import annotations

import ahocorasick
from hypothesis import given, settings
from hypothesis import strategies as st

from darkwire.analyze.scan import Scanner

KEYS = ["méxico", "us", "united states", "states", "日本", "ß", "straße", "a", "aa"]


def _reference(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    auto = ahocorasick.Automaton()
    for k in KEYS:
        auto.add_word(k, k)
    auto.make_automaton()
    return list(auto.iter(text, start, len(text) if end is None else end))


def test_same_matches_as_pyahocorasick() -> None:
    scanner = Scanner((k, k) for k in KEYS)
    text = "visit méxico and the united states; 日本 and straße. us aaa"
    assert list(scanner.iter(text)) == _reference(text)
    assert list(scanner.iter(text, 10, 40)) == _reference(text, 10, 40)
    assert scanner.get("us") == "us" and scanner.get("nope") is None and len(scanner) == len(KEYS)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aubsnitedmxéioß日本 .", max_size=80))
def test_same_matches_on_any_text(text: str) -> None:
    assert list(Scanner((k, k) for k in KEYS).iter(text)) == _reference(text)


def test_an_empty_scanner_finds_nothing() -> None:
    assert list(Scanner([]).iter("anything")) == []

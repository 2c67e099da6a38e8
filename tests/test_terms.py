from __future__ import annotations

from darkwire.analyze.terms import TermMatcher


def test_word_boundaries_and_prefixes() -> None:
    m = TermMatcher([("leak*", "L"), ("sale", "S"), ("数据", "D")])
    hits = [(h.term, h.start) for h in m.find("leaked data wholesale sale 数据库")]
    assert hits == [("leak", 0), ("sale", 22), ("数据", 27)]


def test_empty_matcher_finds_nothing() -> None:
    m: TermMatcher[str] = TermMatcher([])
    assert not m and list(m.find("anything")) == []


def test_shared_term_keeps_every_payload() -> None:
    m = TermMatcher([("vpn", "a"), ("VPN", "b")])
    assert sorted(h.payload for h in m.find("vpn access")) == ["a", "b"]

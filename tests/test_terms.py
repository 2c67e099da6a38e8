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


def test_a_joint_matcher_gives_each_part_the_hits_of_its_own_matcher() -> None:
    from darkwire.analyze.terms import JointMatcher

    claims = TermMatcher([("for sale", "sale"), ("leak*", "leak"), ("sale", "s")])
    venues = TermMatcher([("breachforums", "BF"), ("telegram", "TG"), ("sale", "venue-word")])
    joint = JointMatcher({"claims": claims, "venues": venues})
    text = "leaked db for sale on breachforums and telegram; wholesale prices"
    for part, matcher in (("claims", claims), ("venues", venues)):
        assert joint.find(text, part) == list(matcher.find(text))
    assert joint.find(text, "claims") == joint.find(text, "claims")  # the cached scan gives the same

"""The venue finder: named forums, markets, channels and leak sites; generic places are not venues."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from darkwire.analyze.text import Doc
from darkwire.analyze.venue import VenueFinder


@pytest.fixture(scope="module")
def finder() -> VenueFinder:
    return VenueFinder()


def venue(finder: VenueFinder, text: str, title: str = "", source: str = "", actor: str | None = None) -> str | None:
    found = finder.find(Doc(text, title, source), actor=actor)
    return found.value if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The seller posted the database on BreachForums yesterday.", "BreachForums"),
        ("A sample was shared in a private Telegram channel.", "Telegram"),
        ("The listing appeared on the XSS forum with a price of $4,000.", "XSS"),
        ("Access to the network is auctioned on Exploit.in.", "Exploit"),
        ("Un usuario publicó la base de datos en el foro DarkForums.", "DarkForums"),
        ("La base a été mise en vente sur LeakBase.", "LeakBase"),
        ("Die Daten wurden auf RaidForums angeboten.", "RaidForums"),
        ("Продавец разместил объявление на форуме XSS.", "XSS"),
        ("The victim appeared on the Akira ransomware gang's leak site.", "Akira leak site"),
        ("The Quartz group said on its website that it holds 30 GB.", "Quartz leak site"),
    ],
)
def test_named_venues(finder: VenueFinder, text: str, expected: str) -> None:
    assert venue(finder, text) == expected


def test_where_the_claim_is_made_wins_over_the_contact(finder: VenueFinder) -> None:
    text = "Contact me on Telegram. The full dump is for sale on BreachForums."
    assert venue(finder, text) == "BreachForums"


def test_source_leak_site(finder: VenueFinder) -> None:
    assert venue(finder, "Acme Corp. 120 GB.", source="LockBit 3.0 leak site") == "LockBit 3.0 leak site"


def test_its_site_uses_the_actor_when_given(finder: VenueFinder) -> None:
    assert venue(finder, "The gang listed the city on its leak site.", actor="Rhysida") == "Rhysida leak site"


@pytest.mark.parametrize(
    "text",
    [
        "A threat actor on a hacker forum is selling the data on the dark web.",
        "Attackers exploit the flaw to run code; XSS bugs were also fixed.",
        "The dread of another breach worries the bank.",
        "A telegram from 1938 was among the stolen papers.",
        "The files were cracked within hours.",
        "In 2022 the forum BreachForums suffered a data breach itself.",
    ],
)
def test_generic_places_and_ordinary_words_are_no_venue(finder: VenueFinder, text: str) -> None:
    assert venue(finder, text) is None


def test_span_points_at_the_name(finder: VenueFinder) -> None:
    doc = Doc("Samples were posted on BreachForums.")
    found = finder.find(doc)
    assert found is not None and doc.full[found.start : found.end] == "BreachForums"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.text(max_size=40), st.text(max_size=40))
def test_fuzz_never_raises(text: str, title: str, source: str) -> None:
    doc = Doc("posted on " + text + " leak site", title, source)
    found = _shared().find(doc, actor="X")
    if found:
        assert 0 <= found.start <= found.end <= len(doc.full)


_FINDER: list[VenueFinder] = []


def _shared() -> VenueFinder:
    if not _FINDER:
        _FINDER.append(VenueFinder())
    return _FINDER[0]

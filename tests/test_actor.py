"""The actor finder: cues in several languages, the leak-site source, the gazetteer, and precision."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from darkwire.analyze.actor import ActorFinder
from darkwire.analyze.actor_gazetteer import Gazetteer, clean_galaxy_name, name_key
from darkwire.analyze.text import Doc


@pytest.fixture(scope="module")
def finder() -> ActorFinder:
    return ActorFinder()


def actor(finder: ActorFinder, text: str, title: str = "", source: str = "") -> str | None:
    found = finder.find(Doc(text, title, source))
    return found.value.name if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A crew calling itself “QuietOwls” says it holds the payroll files.", "QuietOwls"),
        ("The dump was posted by a threat actor known as PaperLantern on Sunday.", "PaperLantern"),
        ("Researchers tied the intrusion to the Velvet Harbor hacking group.", "Velvet Harbor"),
        ("A hacker using the alias glasswing_77 shared a sample of the table.", "glasswing_77"),
        ("The seller, who goes by the name of Marrowgate, asks for $2,000.", "Marrowgate"),
        ("Los datos fueron publicados por el grupo de hackers Nube Roja el martes.", "Nube Roja"),
        ("O grupo de hackers Lobo Cinzento assumiu a autoria do ataque.", "Lobo Cinzento"),
        ("Le groupe de hackers Brume Noire affirme avoir volé 40 Go.", "Brume Noire"),
        ("Die Hackergruppe Nebelkrähe hat die Daten veröffentlicht.", "Nebelkrähe"),
        ("Хакерская группировка KiberVolk заявила о взломе базы.", "KiberVolk"),
        ("Cobalt Meadow, as the group calls itself, released the files.", "Cobalt Meadow"),
    ],
)
def test_cues_name_an_actor_kept_as_written(finder: ActorFinder, text: str, expected: str) -> None:
    assert actor(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The LockBit ransomware gang listed the insurer on Friday.", "LockBit"),
        ("BlackCat affiliates demanded a ransom from the clinic.", "ALPHV"),
        ("Le célèbre groupe de cybercriminels Lockbit a publié les données.", "LockBit"),
        ("According to ALPHV, a ransomware group, the deadline is three days.", "ALPHV"),
        ("The pro-Russian hacker group NoName057(16) claimed the outage.", "NoName057(16)"),
        ("Files appeared on a site run by the Play ransomware gang.", "Play"),
        ("El grupo Royal reivindicó el ataque contra la empresa.", "Royal"),
        ("Sodinokibi operators leaked the contracts.", "REvil"),
    ],
)
def test_known_groups_resolve_to_their_canonical_name(finder: ActorFinder, text: str, expected: str) -> None:
    assert actor(finder, text) == expected


def test_aliases_come_with_the_canonical_name(finder: ActorFinder) -> None:
    found = finder.find(Doc("The BlackCat ransomware gang posted the data."))
    assert found is not None
    assert found.value.name == "ALPHV"
    assert "BlackCat" in found.value.aliases
    assert found.start < found.end


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("LockBit 3.0 leak site", "LockBit"),
        ("ALPHV leak site", "ALPHV"),
        ("Black Basta leak site", "Black Basta"),
        ("Medusa leak site", "Medusa"),
        ("Vice Society leak site", "Vice Society"),
        ("Quiet Meadow leak site", "Quiet Meadow"),
    ],
)
def test_source_leak_site_names_the_group(finder: ActorFinder, source: str, expected: str) -> None:
    found = finder.find(Doc("Acme Tooling GmbH. All files will be published in 5 days.", "Acme Tooling", source))
    assert found is not None and found.value.name == expected
    assert 0 <= found.start <= found.end <= len("Acme Tooling GmbH. All files will be published in 5 days.") + 14


def test_source_that_is_no_leak_site_names_no_actor(finder: ActorFinder) -> None:
    assert actor(finder, "A database was leaked.", source="Example security news") is None


@pytest.mark.parametrize(
    "text",
    [
        "Hackers stole the records of 2 million customers, the company said.",
        "A threat actor on a hacker forum is selling the database.",
        "Russian hackers are suspected of the attack on the ministry.",
        "Royal Mail said its overseas deliveries were disrupted.",
        "Customers can play the demo before the hive of activity at the Everest base camp.",
        "The Medusa exhibition in Cuba drew crowds.",
        "The vendor's server didn't have proper protection.",
        "DuPage Medical Group said it notified patients.",
        "Our staff handle complicated matters for clients.",
        "The user IDs may have been leaked, the company said.",
    ],
)
def test_no_actor_from_generic_or_ordinary_words(finder: ActorFinder, text: str) -> None:
    assert actor(finder, text) is None


def test_title_mention_outweighs_a_passing_one(finder: ActorFinder) -> None:
    text = "The tools came from the Equation Group, experts said. The Equation Group is tied to an agency."
    assert actor(finder, text, title="Shadow Brokers leak more hacking tools") == "The Shadow Brokers"


def test_bare_coined_name_counts_but_not_an_ordinary_one(finder: ActorFinder) -> None:
    assert actor(finder, "Data from the retailer was later posted by ShinyHunters.") == "ShinyHunters"
    assert actor(finder, "The play at the theatre was cancelled.") is None


def test_gazetteer_keys_and_cleaning() -> None:
    assert name_key("Black Basta") == name_key("BlackBasta") == "blackbasta"
    assert clean_galaxy_name("Ryuk ransomware") == "Ryuk"
    assert clean_galaxy_name("Hive0081 (IBM)") == "Hive0081"
    assert clean_galaxy_name("Ocelot Ransomware (FAKE RANSOMWARE)") is None
    gaz = Gazetteer(clusters=[["Example Spider", "Akira"], ["Quietfox", "QF Team"]])
    akira = gaz.resolve("Akira")
    assert akira is not None and akira.name == "Akira" and "Example Spider" in akira.aliases
    assert gaz.resolve("LockBit 3.0") is not None and gaz.resolve("LockBit 3.0").name == "LockBit"  # type: ignore[union-attr]
    quiet = gaz.resolve("qf team")
    assert quiet is not None and quiet.name == "Quietfox"


@pytest.mark.parametrize("text", ["", "\x00\x01\xff" * 50, "A" * 200_000, "группировка " * 500, "@" * 100, "“" * 99])
def test_never_raises_and_spans_stay_inside(finder: ActorFinder, text: str) -> None:
    doc = Doc(text, "threat actor ", "leak site")
    found = finder.find(doc)
    if found:
        assert 0 <= found.start <= found.end <= len(doc.full)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.text(max_size=40), st.text(max_size=40))
def test_fuzz_never_raises(text: str, title: str, source: str) -> None:
    finder = _shared()
    doc = Doc("threat actor " + text, title, source)
    found = finder.find(doc)
    if found:
        assert 0 <= found.start <= found.end <= len(doc.full)


_FINDER: list[ActorFinder] = []


def _shared() -> ActorFinder:
    if not _FINDER:
        _FINDER.append(ActorFinder())
    return _FINDER[0]

"""The victim: listing titles, scored name candidates, acronyms, known organisations, and what is no victim."""

from __future__ import annotations

from typing import Any

import pytest

from darkwire.analyze.geo import Geo
from darkwire.analyze.text import Doc
from darkwire.analyze.victim import VictimFinder, clean_title


@pytest.fixture(scope="module")
def finder() -> VictimFinder:
    return VictimFinder(Geo())


def name(
    finder: VictimFinder, text: str, title: str = "", listing: bool = False, actors: tuple[str, ...] = ()
) -> str | None:
    found = finder.find(Doc(text, title), actors, listing=listing)
    return found.value.name if found else None


@pytest.mark.parametrize(
    ("title", "want"),
    [
        ("Harlow Plastics was hacked. A lot of confidential files were stolen.", "Harlow Plastics"),
        ("ridgeway-foods.com [part 2]", "ridgeway-foods.com"),
        ("Ennis Brothers, Inc. (UPDATE)", "Ennis Brothers, Inc"),
        ("Barrow Realty FULL LEAK!", "Barrow Realty"),
        ("KESTREL MARINE WAS HACKED", "KESTREL MARINE"),
    ],
)
def test_clean_listing_titles(title: str, want: str) -> None:
    assert clean_title(title) == want


def test_listing_title_is_the_victim_with_domain(finder: VictimFinder) -> None:
    found = finder.find(Doc("We own all their files.", "ridgeway-foods.com"), (), listing=True)
    assert found is not None
    assert found.value.name == "ridgeway-foods.com" and found.value.domain == "ridgeway-foods.com"


def test_acronym_and_canonical_name(finder: VictimFinder) -> None:
    text = "A seller offers records stolen from the Mexican Social Security Institute (IMSS). IMSS has not replied."
    found = finder.find(Doc(text), ())
    assert found is not None
    v = found.value
    assert v.name == "Instituto Mexicano del Seguro Social"
    assert "IMSS" in v.aliases and "Mexican Social Security Institute" in v.aliases
    assert v.country == "MX" and v.sector == "government" and v.domain == "imss.gob.mx"
    assert text[found.start : found.end] == "Mexican Social Security Institute"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "In March, the online furniture store Oakbarrow suffered a data breach exposing 80k accounts.",
            "Oakbarrow",
        ),
        (
            "Hospital Santa Lucía de Valencia fue víctima de un ataque y sus datos se venden en un foro.",
            "Hospital Santa Lucía de Valencia",
        ),
        ("O Banco Regional do Sul teve seus dados vazados por hackers.", "Banco Regional do Sul"),
        (
            "Hackers claim a breach at Pemberton County Council, leaking staff records.",
            "Pemberton County Council",
        ),
        (
            "Brightpath Learning, an education platform, has confirmed that attackers stole user data.",
            "Brightpath Learning",
        ),
        (
            'In 2021, the gaming community known as "pixelhaven" was hacked and its users exposed.',
            "pixelhaven",
        ),
    ],
)
def test_victim_in_running_text(finder: VictimFinder, text: str, want: str) -> None:
    assert name(finder, text) == want


@pytest.mark.parametrize(
    "text",
    [
        "A threat actor is selling data of 500,000 British citizens on a hacker forum.",
        "Dark Web News Analysis\nKey Cybersecurity Insights\nMitigation Strategies",
        "The seller claims the database of a Chinese telecom company holds 10M rows.",
        "Data from American Insurance Companies is on sale, the post says.",
        "Buyers should check the IBANs and NIFs in the sample; GDPR applies.",
    ],
)
def test_no_named_victim(finder: VictimFinder, text: str) -> None:
    assert name(finder, text) is None


def test_actor_is_not_the_victim(finder: VictimFinder) -> None:
    text = "The Nightfall group claims it hacked Corvid Analytics and stole 40 GB."
    assert name(finder, text, actors=("Nightfall",)) == "Corvid Analytics"


def test_headline_words_are_not_names(finder: VictimFinder) -> None:
    title = "Alleged Database Of Sanlorenzo Clinic Is On Sale"
    text = "A threat actor posted an alleged database for sale; the post names the clinic."
    assert name(finder, text, title) == "Sanlorenzo Clinic"


def test_people_are_not_victims(finder: VictimFinder) -> None:
    text = (
        "Marla Quinlan, 44, of Dayton was charged with stealing patient files from Riverbend Family Clinic. "
        "Quinlan worked there for two years."
    )
    assert name(finder, text) == "Riverbend Family Clinic"


def test_those_who_report_and_malware_are_not_victims(finder: VictimFinder) -> None:
    text = (
        "According to Brightline Security, the Zorvex ransomware hit Calloway Foods last week. "
        "Calloway Foods said its stores stayed open."
    )
    assert name(finder, text) == "Calloway Foods"


def test_a_researcher_named_often_is_still_not_the_victim(finder: VictimFinder) -> None:
    text = (
        "A clinic's booking site served malware to visitors, the security firm Quillmark warns. "
        "Harbourside Family Clinic says no records were taken. Quillmark found the script on Monday; "
        "Quillmark traced it to a known kit, and Quillmark has told other clinics to check their sites."
    )
    assert name(finder, text) == "Harbourside Family Clinic"


def test_the_victim_quoted_with_according_to_is_still_the_victim(finder: VictimFinder) -> None:
    text = "Streamflix says hackers leaked twelve unreleased episodes. According to Streamflix, a vendor was hit."
    assert name(finder, text) == "Streamflix"


def test_a_headline_title_is_not_taken_as_the_name(finder: VictimFinder) -> None:
    title = "Insurer Exposes Records Of Members"
    text = "The insurer Pellham Mutual exposes records of members through a misconfigured server."
    assert name(finder, text, title) == "Pellham Mutual"


def test_a_strong_name_is_not_folded_into_a_longer_phrase(finder: VictimFinder) -> None:
    text = (
        "Quillfeather, a password manager, says it suffered a breach. Quillfeather notified users. "
        "Quillfeather Secure Notes were not affected, Quillfeather said."
    )
    assert name(finder, text) == "Quillfeather"


def test_known_name_is_not_trimmed_of_its_common_words(finder: VictimFinder) -> None:
    # "Global" alone is a stop word; "Global Payments" as a whole is a known organisation
    found = finder.find(Doc("Intruders got into Global Payments and copied card numbers."), ())
    assert found is not None and found.value.name == "Global Payments" and found.value.country == "US"


def test_a_camel_case_name_is_known_when_written_flat(finder: VictimFinder) -> None:
    found = finder.find(Doc("Someone phished a Sendgrid engineer and took the customer list."), ())
    assert found is not None and found.value.name == "Twilio" and "Sendgrid" in found.value.aliases


@pytest.mark.parametrize(
    "text",
    [
        "Last month T-Mobile quietly reset passwords after staff saw odd logins.",
        "T-Mobile Investigating Reports Of Customer Records Sold Online",
    ],
)
def test_known_organisation_named_early_is_the_victim_when_nothing_else_is(finder: VictimFinder, text: str) -> None:
    found = finder.find(Doc(text), ())
    assert found is not None and found.value.name == "T-Mobile"
    assert text[found.start : found.end] == "T-Mobile"


@pytest.mark.parametrize(
    "text",
    [
        "Someone left a MongoDB database open with 40,000 rows of shoppers' addresses.",  # the tool, not the victim
        "Wallet data tied to projects such as Coinbase and Kraken was posted for sale.",  # several named together
        "A First National Bank of Southern Ohio tape went missing in transit.",  # a longer name
    ],
)
def test_known_organisation_in_passing_is_no_victim(finder: VictimFinder, text: str) -> None:
    found = finder.find(Doc(text), ())
    assert found is None or found.value.name not in ("MongoDB", "Coinbase", "Kraken", "FirstRand")


def test_a_ticker_after_an_amount_is_the_price_not_the_victim(analyze: Any) -> None:
    a = analyze("DIJUAL data pelanggan, 400 ribu baris: nama, NIK, alamat. Harga 1500 USDT, kontak di Telegram.")
    assert a.victim is None or a.victim.name != "USDT"
    assert analyze("Fresh drop, 2 million rows for 900 USDT only").victim is None


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("Продам базу клиентов ООО «ВолгаТелеком» (Самара), 900 тыс. строк", None),
        ("Vendo base de datos de la Clínica Norte (Chile), 40 mil registros", "Clínica Norte"),
        ("Dijual data pelanggan Toko Maju Jaya, 200 ribu baris", None),
        ("Satılık: Anadolu Sigorta müşteri verisi, 1 milyon kayıt", None),
    ],
)
def test_a_sale_verb_or_a_legal_form_opening_a_post_is_never_the_victim(
    analyze: Any, text: str, victim: str | None
) -> None:
    got = analyze(text).victim
    name = got.name if got else None
    assert name not in ("Продам", "ООО", "Vendo", "Dijual", "Satılık")
    if victim:
        assert name == victim


@pytest.mark.parametrize(
    ("title", "text", "domain"),
    [
        (None, "Selling the customer base of Harbor Tools Ltd (harbortools.co.uk), 80k rows.", "harbortools.co.uk"),
        (None, "Selling the internal files of Brennan Stahl GmbH [www.brennanstahl.de], 30 GB.", "brennanstahl.de"),
        (
            "Clínica Santa Luzia",
            "Clínica Santa Luzia (santaluzia.com.br) added to the blog, 90 GB.",
            "santaluzia.com.br",
        ),
        (None, "Selling Harbor Tools Ltd dump (harbor_tools.sql) with 80k rows.", None),
    ],
)
def test_a_domain_written_right_after_the_victims_name_is_its_domain(
    analyze: Any, title: str | None, text: str, domain: str | None
) -> None:
    victim = analyze(text, title=title).victim
    assert victim is not None
    assert victim.domain == domain


def test_a_public_bodys_or_a_schools_domain_gives_its_sector_as_inferred(analyze: Any) -> None:
    from darkwire.analyze import sector_of_domain

    assert (
        sector_of_domain("ipev.gob.mx") == sector_of_domain("tax.gov") == sector_of_domain("x.gouv.fr") == "government"
    )
    assert sector_of_domain("lib.ox.ac.uk") == sector_of_domain("usp.edu.br") == "education"
    assert sector_of_domain("govtech.com") is None and sector_of_domain("gobble.mx") is None
    a = analyze("Selling the payroll of Instituto Estatal de Pensiones Rurales (iepr.gob.mx): 90k employees.")
    assert a.victim is not None and a.victim.domain == "iepr.gob.mx"
    assert a.victim.sector == "government" and "victim.sector" in a.inferred
    assert a.victim.country == "MX"


def test_escrow_is_the_forums_escrow_not_a_real_estate_victim(analyze: Any) -> None:
    a = analyze("Pension fund of Lower Arvia (LAPF) database, 1.2M members. 5000 USD, escrow ok.")
    assert a.victim is None or a.victim.sector != "real_estate"

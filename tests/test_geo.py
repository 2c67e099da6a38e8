"""Geography: country mentions in many languages, the country of a domain, the victim's country."""

from __future__ import annotations

import pytest

from darkwire.analyze.geo import Geo
from darkwire.analyze.text import Doc


@pytest.fixture(scope="module")
def geo() -> Geo:
    return Geo()


def best(geo: Geo, text: str, title: str = "") -> str | None:
    found = geo.best_country(Doc(text, title))
    return found.value if found else None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Se filtraron los datos de una aseguradora de México.", "MX"),
        ("Un pirate vend la base de données d'une banque en Allemagne.", "DE"),
        ("Der Angreifer veröffentlichte Kundendaten aus Deutschland.", "DE"),
        ("Хакеры выставили на продажу базу клиентов из Германии.", "DE"),
        ("Vazaram dados de clientes de uma loja no Brasil.", "BR"),
        ("Peretas membocorkan data warga Indonesia.", "ID"),
        ("据称一家中国公司的数据库正在出售。", "CN"),
        ("A database of 3 million Malaysian citizens is for sale.", "MY"),
        ("Una empresa mexicana confirmó el incidente.", "MX"),
        ("Le ransomware a frappé une entreprise brésilienne.", "BR"),
        ("Злоумышленники атаковали российскую компанию.", "RU"),
    ],
)
def test_names_and_demonyms_in_many_languages(geo: Geo, text: str, code: str) -> None:
    assert best(geo, text) == code


def test_mentions_carry_spans_inside_the_document(geo: Geo) -> None:
    doc = Doc("Records of Canadian patients were posted.", "Leak hits Ontario clinic")
    found = geo.mentions(doc)
    assert {f.value for f in found} == {"CA"}
    for f in found:
        assert 0 <= f.start < f.end <= len(doc.full)
    assert doc.full[found[0].start : found[0].end] == "Canadian"


def test_inferred_from_places_domains_phones_and_currency(geo: Geo) -> None:
    cases = {
        "A laptop went missing from a clinic in Scranton, PA.": "US",
        "The portal salud.gob.mx was defaced.": "MX",
        "Contact the seller at +55 11 91234 5678 for the dump.": "BR",
        "Price: R$ 20.000 for the full database.": "BR",
        "The hospital in Sydney notified patients.": "AU",
    }
    for text, code in cases.items():
        found = geo.best_country(Doc(text))
        assert found is not None and found.value == code, text
        assert found.inferred, text


def test_a_named_country_is_not_inferred(geo: Geo) -> None:
    found = geo.best_country(Doc("Hackers leaked files of the government of Peru."))
    assert found is not None and found.value == "PE" and not found.inferred


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Pro-Russian hackers took down the websites of Italy's airports.", "IT"),
        ("A Chinese APT breached a telecom operator in Vietnam.", "VN"),
        ("North Korean hackers stole funds from a bank in Chile.", "CL"),
        ("Hackers rusos atacaron a un hospital en España.", "ES"),
        ("The site of a clinic in Ohio was defaced by Black Crescent, a group from Turkey.", "US"),
        ("A Chinese national who worked for a lab in Maryland copied its research files.", "US"),
    ],
)
def test_an_actors_nationality_is_not_the_victims(geo: Geo, text: str, code: str) -> None:
    assert best(geo, text) == code


def test_the_headline_country_beats_a_list(geo: Geo) -> None:
    text = "The seller also offers data from France, Germany, Italy and Spain."
    assert best(geo, text, "Database of Brazilian insurer on sale") == "BR"


def test_ambiguous_places_follow_the_rest_of_the_post(geo: Geo) -> None:
    assert best(geo, "A clinic in Atlanta, Georgia was hit by ransomware.") == "US"
    assert best(geo, "Georgia's tax service was breached, officials in Tbilisi said.") == "GE"


def test_common_words_are_not_countries(geo: Geo) -> None:
    for text in ("We ate turkey and chile peppers.", "Tell us what you think.", "Add the jersey number."):
        assert best(geo, text) is None, text


def test_languages_are_not_countries(geo: Geo) -> None:
    assert best(geo, "The post was written in Russian on a Russian-speaking forum.") is None


def test_nothing_points_to_a_country(geo: Geo) -> None:
    assert best(geo, "A database was leaked on a forum.") is None
    assert geo.best_country(Doc("")) is None


@pytest.mark.parametrize(
    ("domain", "code"),
    [
        ("imss.gob.mx", "MX"),
        ("nhs.co.uk", "GB"),
        ("example.de", "DE"),
        ("shop.com.br", "BR"),
        ("agency.gov", "US"),
        ("example.com", None),
        ("startup.io", None),
        ("startup.ai", None),
        ("", None),
        ("not a domain", None),
    ],
)
def test_country_of_domain(geo: Geo, domain: str, code: str | None) -> None:
    assert geo.country_of_domain(domain) == code


def test_file_names_are_not_domains(geo: Geo) -> None:
    assert best(geo, "Run exploit.py then upload shell.sh and config.pl") is None


@pytest.mark.parametrize(
    "text",
    ["", "\x00\x01\x02" * 100, "İİİ" * 50, "🙂" * 1000, "+" * 5000, "a." * 20000, "$" * 3000, "\ud800x"],
)
def test_never_raises(geo: Geo, text: str) -> None:
    doc = Doc(text, text[:100])
    for f in geo.mentions(doc):
        assert 0 <= f.start <= f.end <= len(doc.full)
    geo.best_country(doc)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Patient files were left behind at a dental office in Tewksbury last spring.", "US"),
        ("A Wenatchee pharmacy told customers that a backup drive had gone missing.", "US"),
        ("Staff at the Mechanicsburg branch found a card skimmer on the ATM.", "US"),
        ("Records of the Willmar clinic were thrown into a dumpster.", "US"),
    ],
)
def test_a_town_in_a_place_context_gives_its_country(geo: Geo, text: str, code: str) -> None:
    found = geo.best_country(Doc(text))
    assert found is not None and found.value == code and found.inferred


@pytest.mark.parametrize(
    "text",
    [
        "Paychecks were sent out by Stanley Black & Decker last week.",  # part of a company's name
        "Cars were parked along Springlands Way when the pump was tampered with.",  # a street
        "The nurse at Queen Elizabeth Hospital looked at the files.",  # a town inside a longer name
        "Jackson said the files were safe.",  # a surname, not in a place's context
    ],
)
def test_a_town_name_out_of_a_place_context_is_not_read(geo: Geo, text: str) -> None:
    assert not [m for m in geo.mentions(Doc(text)) if m.weight == 0.5 and m.value in ("US", "GB", "NZ")]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("A Norwich man got a letter saying his Social Security number had been exposed.", "US"),
        ("A Norwich man got a letter from his NHS trust about lost records.", "GB"),
        ("A clinic in Sudbury lost paper files, Suffolk Police said.", "GB"),
        ("A hospital in Pictou County, N.S. reported the snooping.", "CA"),
        ("The Oakdale County sheriff said the laptop was stolen.", "US"),
    ],
)
def test_ambiguous_places_follow_the_other_signals(geo: Geo, text: str, code: str) -> None:
    assert best(geo, text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("A broker from a N.J. firm stole client files.", "US"),
        ("Thousands of Staten Islanders were warned about ATM skimmers.", "US"),
        ("Medical data of 20,000 British Columbians was accessed.", "CA"),
        ("Qld Health said the breach was contained.", "AU"),
        ("The Clinical Commissioning Group lost archived case notes.", "GB"),
        ("Garda are investigating the theft of the laptop.", "IE"),
        ("Customers were asked to replace their Medicare card after the Centrelink leak.", "AU"),
        ("A South Jersey clinic mailed lab results to the wrong patients.", "US"),
        ("The payroll file held account and routing numbers for direct deposit.", "US"),
        ("Staff at a Teesside care home lost a box of resident files.", "GB"),
    ],
)
def test_regional_words_and_national_institutions(geo: Geo, text: str, code: str) -> None:
    assert best(geo, text) == code


def test_weak_hints_give_a_country_alone_but_lose_to_evidence(geo: Geo) -> None:
    alone = geo.best_country(Doc("Records of Acme Center were exposed."))
    assert alone is not None and alone.value == "US" and alone.inferred
    assert best(geo, "Records of Acme Center in Lyon were exposed.") == "FR"


def test_us_in_a_line_of_capitals_is_a_pronoun(geo: Geo) -> None:
    assert best(geo, "HAVE YOU BEEN AFFECTED? TELL US IN THE COMMENTS") is None
    assert best(geo, "The breach was reported to the US NSA.") == "US"


def test_an_indian_college_in_america_is_not_india(geo: Geo) -> None:
    assert best(geo, "The Northwest Indian College was hit by ransomware.") is None


def test_state_code_before_a_zip_code(geo: Geo) -> None:
    found = geo.best_country(Doc("Mail the form to 12 Main St, Springfield IL 62701."))
    assert found is not None and found.value == "US"
    assert best(geo, "Order ABC 12345 was shipped.") is None


def test_a_dollar_price_says_nothing_of_the_victims_country() -> None:
    from darkwire.analyze import Analyzer
    from darkwire.model import Post

    a = Analyzer().analyze(Post(id="p", text="Selling the customer database of Corvane Ltd, 80k rows. Price: $900."))
    assert a.victim is not None and a.victim.country is None


def test_country_of_an_organisations_name() -> None:
    geo = Geo()
    assert geo.country_of_name("Salt Lake City Police Department") == "US"
    assert geo.country_of_name("University of Florida") == "US"
    assert geo.country_of_name("Acme Widgets") is None


def test_a_currency_prefix_is_not_a_country_mention() -> None:
    doc = Doc("The dump is sold for US$1,200 on a forum.")
    assert not [m for m in Geo().mentions(doc) if doc.full[m.start : m.end] == "US"]


def test_a_clue_said_again_is_no_new_evidence(geo: Geo) -> None:
    # one named city outweighs a weak clue, however often the clue recurs
    text = (
        "A laptop was stolen from a Dublin-based credit union. The credit union said the credit union's "
        "members were told; the credit union has apologised."
    )
    assert best(geo, text) == "IE"


def test_a_town_before_valley_is_a_place(geo: Geo) -> None:
    assert best(geo, "Thieves broke into Bright Eyes Optometry of the San Ramon Valley overnight.") == "US"


@pytest.mark.parametrize(
    ("name", "named", "code"),
    [
        ("Pinecrest Foods Group LLC", None, "US"),
        ("Pinecrest Foods Group LLC", "MX", "US"),  # Mexico has no LLC: the form wins
        ("Sibirskaya Logistika LLC", "RU", "RU"),  # Russia's OOO is written LLC in English
        ("Bergmann Maschinenbau GmbH", None, "DE"),
        ("Bergmann Maschinenbau GmbH", "AT", "AT"),
        ("Koala Freight Pty Ltd", None, "AU"),
        ("Servicios Nova S.A. de C.V.", None, "MX"),
        ("PT Sinar Data", None, "ID"),
        ("Harbour Foods Ltd", None, None),  # Ltd is too widespread to tell
        ("LLC", None, None),  # a form alone is no name
    ],
)
def test_country_of_legal_form(geo: Geo, name: str, named: str | None, code: str | None) -> None:
    assert geo.country_of_legal_form(name, named) == code

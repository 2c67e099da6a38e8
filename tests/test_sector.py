"""The sector finder: the victim's sector from its name and the words around it, in many languages.

Every sentence here is written for these tests.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from darkwire.analyze.sector import SectorFinder
from darkwire.analyze.sector_lexicon import SectorLexicon, _read_file, lexicon_files
from darkwire.analyze.text import Doc, Found
from darkwire.errors import VocabularyError
from darkwire.taxonomy import load_data, taxonomy


@pytest.fixture(scope="module")
def finder() -> SectorFinder:
    return SectorFinder()


def sector(finder: SectorFinder, text: str, title: str = "", victim: str | None = None) -> str | None:
    found = finder.find(Doc(text, title), victim)
    return found.value if found else None


@pytest.mark.parametrize(
    ("victim", "expected"),
    [
        ("Banco Comercial do Huambo", "finance"),
        ("St Mary's Hospital", "healthcare"),
        ("Universidad de Valdeverde", "education"),
        ("Ministry of Fisheries", "government"),
        ("Norland Telecom", "telecommunications"),
        ("Blue Heron Airlines", "transportation"),
        ("Stadtwerke Oberfeld", "energy"),
        ("Harlan & Price Law Group", "professional_services"),
        ("City of Millbrook", "government"),
        ("Dunmore County", "government"),
        ("Riverside Federal Credit Union", "finance"),
        ("Eastvale Unified School District", "education"),
        ("Hotel Miramar", "hospitality"),
        ("Klinikum Nordheide", "healthcare"),
        ("Prefeitura de Rio Claro", "government"),
    ],
)
def test_the_victims_name_says_the_sector(finder: SectorFinder, victim: str, expected: str) -> None:
    text = f"A threat actor claims to have stolen data from {victim} and posted a sample."
    assert sector(finder, text, victim=victim) == expected


def test_a_name_word_beats_context_words(finder: SectorFinder) -> None:
    text = "Orchard Savings Bank lost a file with loan data of doctors, nurses and their patients."
    assert sector(finder, text, victim="Orchard Savings Bank") == "finance"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The attackers encrypted the servers of a regional hospital and took patient records.", "healthcare"),
        ("Hackers dumped the grades and home addresses of 4,000 students online.", "education"),
        ("A seller offers the customer database of an online store with 80k orders.", "retail"),
        ("The breach at the telecom operator exposed SIM card owners and call records.", "telecommunications"),
        ("A ransomware gang hit a mid-sized law firm and leaked client case files.", "professional_services"),
        ("The airline told passengers that frequent flyer accounts were accessed.", "transportation"),
        ("Guests of the hotel chain had their reservations and card data exposed.", "hospitality"),
        ("A government agency confirmed that citizens' records were taken.", "government"),
        ("The online casino admitted that players' betting histories were leaked.", "entertainment"),
        ("Un hacker vende la base de datos de los clientes del banco con sus saldos.", "finance"),
        ("Los datos de los pacientes de la clínica aparecieron en un foro.", "healthcare"),
        ("Vazaram os dados de alunos e professores da universidade estadual.", "education"),
        ("Le fournisseur d'accès à internet a confirmé la fuite des données de ses abonnés.", "telecommunications"),
        ("Die Patientendaten des Kreiskrankenhauses wurden veröffentlicht.", "healthcare"),
        ("Die Daten der Mandanten einer Anwaltskanzlei tauchten im Netz auf.", "professional_services"),
        ("I dati dei pazienti dell'ospedale sono stati pubblicati dagli attaccanti.", "healthcare"),
        ("Сотовый оператор подтвердил утечку данных абонентов.", "telecommunications"),
        ("В сети появились данные клиентов крупного банка.", "finance"),
    ],
)
def test_the_words_around_the_victim_say_the_sector(finder: SectorFinder, text: str, expected: str) -> None:
    assert sector(finder, text) == expected


def test_a_proper_name_in_the_text_counts_without_a_victim_name(finder: SectorFinder) -> None:
    text = "Records taken from Mercy Valley Hospital were offered for sale on Tuesday."
    assert sector(finder, text) == "healthcare"


def test_the_head_of_a_name_decides(finder: SectorFinder) -> None:
    text = "Files stolen from Lakeshore University Hospital include discharge letters."
    assert sector(finder, text) == "healthcare"


def test_the_reporting_outlet_is_not_the_victim(finder: SectorFinder) -> None:
    text = (
        "According to the Daily Courier newspaper, hackers broke into the county hospital and took "
        "patient records. A cybersecurity company said the data was on a forum."
    )
    assert sector(finder, text) == "healthcare"


def test_advice_and_data_words_do_not_make_a_bank(finder: SectorFinder) -> None:
    text = (
        "Students of the college were told to watch their bank accounts and credit card statements, "
        "as the leak raises the risk of financial fraud."
    )
    assert sector(finder, text) == "education"


def test_the_victims_clients_are_not_its_sector(finder: SectorFinder) -> None:
    text = "Hackers breached a software company that provides billing software to hospitals and clinics."
    assert sector(finder, text) == "technology"


def test_a_stated_sector_is_not_inferred(finder: SectorFinder) -> None:
    found = finder.find(Doc("Data of a healthcare provider in Ohio was published."), None)
    assert found is not None and found.value == "healthcare" and not found.inferred


def test_a_sector_from_a_name_is_inferred(finder: SectorFinder) -> None:
    doc = Doc("Norland Telecom confirmed the incident.")
    found = finder.find(doc, "Norland Telecom")
    assert found is not None and found.inferred
    assert doc.full[found.start : found.end] == "Norland Telecom"


def test_the_evidence_is_the_word_that_decided(finder: SectorFinder) -> None:
    doc = Doc("A file of 2,000 patients leaked.", "Clinic data for sale")
    found = finder.find(doc, None)
    assert found is not None and found.value == "healthcare"
    assert doc.full[found.start : found.end].lower() in {"patients", "clinic"}


def test_nothing_to_say_gives_none(finder: SectorFinder) -> None:
    assert sector(finder, "Someone posted a link. Download it before it is gone.") is None
    assert sector(finder, "") is None


@pytest.mark.parametrize(
    "text",
    ["", " ", "\x00\x01\xff" * 50, "🏥" * 1000, "İstanbul Hastanesi" * 3, "a" * 200_000, "bank " * 20_000],
)
def test_it_never_raises_and_spans_stay_in_the_text(finder: SectorFinder, text: str) -> None:
    doc = Doc(text, "Ünïcödé títle")
    found = finder.find(doc, "İ")
    assert found is None or 0 <= found.start <= found.end <= len(doc.full)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300), title=st.text(max_size=40), victim=st.none() | st.text(max_size=30))
def test_any_input_gives_a_valid_sector_or_none(text: str, title: str, victim: str | None) -> None:
    finder = _shared_finder()
    doc = Doc(text, title)
    found = finder.find(doc, victim)
    if found is not None:
        assert isinstance(found, Found)
        assert found.value in taxonomy().sectors
        assert 0 <= found.start <= found.end <= len(doc.full)


_FINDER: list[SectorFinder] = []


def _shared_finder() -> SectorFinder:
    if not _FINDER:
        _FINDER.append(SectorFinder())
    return _FINDER[0]


def test_every_lexicon_file_names_taxonomy_sectors_only() -> None:
    files = lexicon_files()
    assert {f.rsplit("/", 1)[-1] for f in files} >= {f"{lang}.yaml" for lang in "en es pt fr de it ru".split()}
    for name in files:
        raw = load_data(name)
        assert set(raw["sectors"]) <= set(taxonomy().sectors), name


def test_a_misspelt_sector_or_kind_is_a_vocabulary_error() -> None:
    known = set(taxonomy().sectors)
    with pytest.raises(VocabularyError, match="unknown sector"):
        _read_file("x.yaml", {"sectors": {"helthcare": {"name": ["clinic"]}}}, known, {}, set())
    with pytest.raises(VocabularyError, match="is not one of"):
        _read_file("x.yaml", {"sectors": {"healthcare": {"strongest": ["clinic"]}}}, known, {}, set())
    with pytest.raises(VocabularyError, match="must map"):
        _read_file("x.yaml", ["clinic"], known, {}, set())


def test_scan_reads_wildcards_compounds_and_ignore_phrases() -> None:
    lexicon = SectorLexicon()

    def terms(text: str) -> list[tuple[str, list[str]]]:
        return [(text[h.start : h.end], [s.sector for s in h.entry.senses]) for h in lexicon.scan(text.lower())]

    assert terms("Universitätsklinikum") == [("klinikum", ["healthcare"])]
    assert terms("Сотовые операторы") == [("Сотовые операторы", ["telecommunications"])]
    assert all(senses == [] for _, senses in terms("check her bank account"))
    assert terms("the banks") == [("banks", ["finance"])]
    assert terms("embankment") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("De patiëntgegevens van het ziekenhuis zijn op een forum gezet.", "healthcare"),
        ("Data nasabah sebuah bank swasta dijual di forum peretas.", "finance"),
        ("Data pasien rumah sakit daerah bocor ke internet.", "healthcare"),
        ("Bir hastanenin hasta kayıtları internete sızdırıldı.", "healthcare"),
        ("Üniversite öğrencilerinin bilgileri satışa çıkarıldı.", "education"),
    ],
)
def test_more_languages(finder: SectorFinder, text: str, expected: str) -> None:
    assert sector(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Vendo base del Instituto Federal de Seguridad Social (México), 20 millones de registros", "government"),
        ("Vendo base de alumnos del Instituto Tecnológico de Sonora, 40 mil registros", "education"),
        ("Dados do Instituto Federal de Educação do Ceará, 30 mil alunos", "education"),
    ],
)
def test_instituto_alone_does_not_make_a_school(analyze: Any, text: str, sector: str) -> None:
    victim = analyze(text).victim
    assert victim is not None and victim.sector == sector
    assert not victim.name.startswith("Dados")  # "data of": not part of the name
    assert "México" not in victim.aliases  # where it is, not another name

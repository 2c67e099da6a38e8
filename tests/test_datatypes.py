"""Data types claimed in a post: lexicons, list and cue rules, column names, many languages.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from darkwire.analyze.datatypes import DataTypeFinder
from darkwire.analyze.datatypes_lexicon import Lexicon, normalize
from darkwire.analyze.text import Doc
from darkwire.errors import VocabularyError
from darkwire.taxonomy import taxonomy


@pytest.fixture(scope="module")
def finder() -> DataTypeFinder:
    return DataTypeFinder()


def types(finder: DataTypeFinder, text: str, title: str = "") -> set[str]:
    return {f.value for f in finder.find(Doc(text, title))}


# --- plain claims ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Selling the full customer table: names, email addresses, phone numbers, home addresses and "
            "bcrypt password hashes.",
            {"name", "email", "phone", "address", "password"},
        ),
        (
            "Dump has usernames, IP addresses, dates of birth, genders and social security numbers.",
            {"username", "ip_address", "date_of_birth", "demographics", "national_id"},
        ),
        (
            "Leaked: payroll records, salaries, IBANs and credit card numbers with CVV.",
            {"employment", "bank_account", "payment_card"},
        ),
        (
            "The archive holds source code, API keys, internal documents and network diagrams.",
            {"source_code", "secrets", "internal_documents", "system"},
        ),
        (
            "The clinic's patient records include diagnoses and prescriptions.",
            {"health"},
        ),
        (
            "Wallet addresses and seed phrases of exchange users were posted together with passport scans.",
            {"crypto_wallet", "passport"},
        ),
        ("The intruder took the login details of 40,000 shoppers.", {"password"}),
        ("A rival obtained the chain's daily sales data and other corporate information.", {"internal_documents"}),
    ],
)
def test_english_claims(finder: DataTypeFinder, text: str, expected: set[str]) -> None:
    assert types(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "La base incluye nombres completos, correos electrónicos, teléfonos y CURP de los afiliados.",
            {"name", "email", "phone", "national_id"},
        ),
        (
            "O vazamento contém CPF, nomes, endereços, senhas e dados bancários dos clientes.",
            {"national_id", "name", "address", "password", "bank_account"},
        ),
        (
            "Le fichier contient les noms, adresses e-mail, numéros de téléphone et dates de naissance.",
            {"name", "email", "phone", "date_of_birth"},
        ),
        (
            "Die Datenbank enthält Namen, E-Mail-Adressen, Passwörter und Kontonummern der Kunden.",
            {"name", "email", "password", "bank_account"},
        ),
        (
            "Il database contiene nomi, codici fiscali, numeri di telefono e cartelle cliniche.",
            {"name", "tax_id", "phone", "health"},
        ),
        (
            "В базе ФИО, номера телефонов, паспортные данные и адреса доставки клиентов.",
            {"name", "phone", "national_id", "address"},
        ),
        (
            "Data yang bocor berisi nama lengkap, NIK, nomor telepon dan alamat email.",
            {"name", "national_id", "phone", "email"},
        ),
        (
            "Sızdırılan veriler arasında TC kimlik numaraları, telefon numaraları ve adresler var.",
            {"national_id", "phone", "address"},
        ),
    ],
)
def test_other_languages(finder: DataTypeFinder, text: str, expected: set[str]) -> None:
    assert types(finder, text) == expected


# --- column names --------------------------------------------------------------------------------------


def test_column_names_in_a_sample(finder: DataTypeFinder) -> None:
    sample = "Sample:\nid,curp,nss,rfc,fecha_nacimiento,first_name,last_name,email,pwd_hash\n1,XXXX,..."
    assert types(finder, sample) == {"national_id", "tax_id", "date_of_birth", "name", "email", "password"}


def test_camel_case_and_pipe_columns(finder: DataTypeFinder) -> None:
    header = "userId | firstName | lastName | passport_no | cvv | iban | dob | ssn | last_ip"
    assert types(finder, header) == {
        "username",
        "name",
        "passport",
        "payment_card",
        "bank_account",
        "date_of_birth",
        "national_id",
        "ip_address",
    }


def test_weak_column_name_alone_in_prose_is_not_a_claim(finder: DataTypeFinder) -> None:
    assert types(finder, "The RFC describes how the protocol negotiates a session.") == set()
    assert types(finder, "The company changed its name last year.") == set()


# --- words that are not claims -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The leak does not include passwords or credit card numbers.",
        "No financial data was taken, the company said.",
        "The seller excludes phone numbers from the sample.",
        "Passwords were not affected by the incident.",
        "Base de datos sin contraseñas ni tarjetas de crédito.",
        "O arquivo não contém senhas.",
        "Die Datei enthält keine Passwörter.",
        "Il file non contiene password.",
    ],
)
def test_negation(finder: DataTypeFinder, text: str) -> None:
    assert types(finder, text) == set()


def test_negation_ends_at_but(finder: DataTypeFinder) -> None:
    text = "The dump has no passwords, but it does list email addresses and phone numbers."
    assert types(finder, text) == {"email", "phone"}


@pytest.mark.parametrize(
    "text",
    [
        "Criminals could use the stolen details for credit card fraud.",
        "A database of this kind would likely include passwords.",
        "Users should change their passwords and enable two-factor authentication.",
        "There is a risk of identity theft and phishing for the customers.",
        "The hospital operates in the health sector.",
        "The attackers took over the account of an administrator.",
        "Please confirm your ID at the front desk.",
    ],
)
def test_not_claims(finder: DataTypeFinder, text: str) -> None:
    assert types(finder, text) == set()


def test_email_address_is_email_not_address(finder: DataTypeFinder) -> None:
    assert types(finder, "Only email addresses were exposed.") == {"email"}


def test_user_name_is_username_not_name(finder: DataTypeFinder) -> None:
    assert types(finder, "The table stores user names and hashed passwords.") == {"username", "password"}


def test_weak_terms_need_a_list(finder: DataTypeFinder) -> None:
    assert types(finder, "He searched the phone and found nothing.") == set()
    assert types(finder, "Fields: name, phone, email.") == {"name", "phone", "email"}


def test_holder_cue_vouches_for_patients(finder: DataTypeFinder) -> None:
    assert types(finder, "A laptop holding the records of 3,000 patients was stolen.") == {"health"}
    assert types(finder, "The hospital treats patients from three counties.") == set()


# --- spans and robustness ----------------------------------------------------------------------------


def test_one_found_per_type_with_its_first_span(finder: DataTypeFinder) -> None:
    doc = Doc("Emails and more emails, then passwords.", "Forum dump: emails")
    found = finder.find(doc)
    assert [f.value for f in found] == ["email", "password"]
    email = found[0]
    assert doc.full[email.start : email.end] == "Emails"


def test_title_spans_point_into_the_title(finder: DataTypeFinder) -> None:
    doc = Doc("Nothing specific in the body.", "Selling passport numbers")
    (found,) = finder.find(doc)
    assert found.value == "passport"
    assert doc.in_title(found.start)
    assert doc.full[found.start : found.end] == "passport numbers"


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00\x01\x02\xff" * 50,
        "İSTANBUL ŞİFRELER İÇİNDE",  # characters whose lower case is longer
        "e\u200bmail pass\u200dwords \u202ename\u202c",  # zero-width and bidi controls
        "🔥" * 300 + " emails " + "💀" * 300,
        "names, " * 20_000,
        "a" * 100_000,
        "email" + "-" * 5000 + "password",
        "ﬁrst name ＥＭＡＩＬ ⅰⅱ passwords",
    ],
)
def test_never_raises_and_spans_stay_inside(finder: DataTypeFinder, text: str) -> None:
    doc = Doc(text, text[:200])
    for f in finder.find(doc):
        assert 0 <= f.start < f.end <= len(doc.full)
        assert f.value in taxonomy().data_types


# --- the vocabulary itself -----------------------------------------------------------------------------


def test_every_taxonomy_type_has_vocabulary(finder: DataTypeFinder) -> None:
    assert set(taxonomy().data_types) <= finder.lexicon.types_covered()


def test_normalize_keeps_one_space_per_mark() -> None:
    assert normalize("First_Name") == " first name "
    assert normalize("patients' records") == " patients  records "
    assert normalize("  e-mail  ") == " e mail "
    assert normalize("--") == ""


def test_lexicon_refuses_unknown_types_and_clashes() -> None:
    with pytest.raises(VocabularyError, match="not a data type"):
        Lexicon({"x.yaml": {"types": {"shoe_size": ["shoe sizes"]}}})
    with pytest.raises(VocabularyError, match="both"):
        Lexicon({"x.yaml": {"types": {"email": ["emails"]}, "negation": ["emails"]}})
    with pytest.raises(VocabularyError, match="list of strings"):
        Lexicon({"x.yaml": {"negation": [False]}})
    with pytest.raises(VocabularyError, match="unknown keys"):
        Lexicon({"x.yaml": {"typos": {}}})


def test_a_term_under_two_types_claims_both() -> None:
    lexicon = Lexicon({"x.yaml": {"types": {"name": ["patient names"], "health": ["patient names"]}}})
    found = DataTypeFinder(lexicon).find(Doc("Patient names were exposed."))
    assert {f.value for f in found} == {"name", "health"}


def test_a_count_vouches_for_patients_not_for_places(finder: DataTypeFinder) -> None:
    assert types(finder, "The clinic notified 1,600 patients of the incident.") == {"health"}
    assert types(finder, "The chain has stores in 20 locations.") == set()


def test_unnamed_personal_data_gives_inferred_names_only_as_a_fallback() -> None:
    finder = DataTypeFinder()
    found = finder.find(Doc("A stolen laptop held personal information of 900 clients."))
    assert [(f.value, f.inferred) for f in found] == [("name", True)]
    found = finder.find(Doc("The database contains personal information, PII and other data of the customers."))
    assert [(f.value, f.inferred) for f in found] == [("name", True)]
    found = finder.find(Doc("The dump has personal information: emails and phone numbers."))
    assert {f.value for f in found} == {"email", "phone"}


def test_information_about_patients_is_health_data() -> None:
    found = DataTypeFinder().find(Doc("Patient records of a dental clinic were left in a dumpster."))
    assert "health" in {f.value for f in found}

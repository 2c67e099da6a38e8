"""Records, data size and price found in posts (sentences written for these tests)."""

from __future__ import annotations

import random

import pytest

from darkwire.analyze.quantities import find_price, find_records, find_size
from darkwire.analyze.quantities_numbers import parse_number
from darkwire.analyze.text import Doc


def records(text: str, title: str = "") -> int | None:
    found = find_records(Doc(text, title))
    return found.value if found else None


def size(text: str) -> int | None:
    found = find_size(Doc(text))
    return found.value if found else None


def price(text: str, title: str = "") -> tuple[float | None, str | None] | None:
    found = find_price(Doc(text, title))
    return found.value if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234,567", 1234567),
        ("1.234.567", 1234567),
        ("1 234 567", 1234567),
        ("1'234'567", 1234567),
        ("1,5", 1.5),
        ("34.9", 34.9),
        ("19.200", 19200),
        ("1.234,56", 1234.56),
        ("0.500", 0.5),
    ],
)
def test_numbers_in_any_locale(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Selling a dump of 1.2M users from an online shop.", 1_200_000),
        ("The archive holds 34.9 million citizen records.", 34_900_000),
        ("We got 500k rows of customer data.", 500_000),
        ("Base de datos con 2 millones de registros de clientes.", 2_000_000),
        ("Base com 10 mil registros de clientes à venda.", 10_000),
        ("Продаю базу: 1,2 млн пользователей сервиса.", 1_200_000),
        ("Слив базы, 5 тыс. клиентов с телефонами.", 5_000),
        ("Datenbank mit 1,5 Mio. Datensätze eines Versandhändlers.", 1_500_000),
        ("Près de 2 millions d'enregistrements de patients sont en vente.", 2_000_000),
        ("Leaked KYC data of 3 lakh customers of a lender.", 300_000),
        ("Aadhaar-linked records of 2 crore citizens were exposed.", 20_000_000),
        ("泄露 1亿条 用户数据", 100_000_000),
        ("The breach exposed two million accounts.", 2_000_000),
        ("The personal data of 143 million Americans was exposed.", 143_000_000),
        ("The incident affected 55,447 patients of the clinic.", 55_447),
        ("Records: 12,500", 12_500),
        ("Record count - ~4.5M", 4_500_000),
        ("A misdirected mailing, affecting 2,300.", 2_300),
        ("The clinic said 3,857 were affected by the incident.", 3_857),
        ("The dump has 10M records with 2M unique emails.", 10_000_000),
        ("Leaked: HR files with data of 1,800 employees.", 1_800),
    ],
)
def test_records(text: str, expected: int) -> None:
    assert records(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Selling a 50GB database of a retailer.",
        "Price is $5,000 for the full dump.",
        "The forum was hacked in 2023 and the data posted online.",
        "Call +1 555 123 4567 for details.",
        "About 30% of users reused their passwords.",
        "The victim is a company with 5,000 employees and offices in 12 countries.",
        "Passwords were stored as MD5 hashes.",
        "The company lost 200,000 pounds for data protection failures.",
        "The utility serves more than 3 million people in the region.",
        "It employs 101-250 people. Phone: (555) 278-6262 Email: info@example.com",
        "The group leaked 170 GB of their data.",
        "Almost 3,000 data breaches were reported last year.",
        "A hacker claims to have breached a university and leaked internal mail.",
        "",
    ],
)
def test_no_records_claimed(text: str) -> None:
    assert records(text) is None


def test_records_span_covers_number_and_noun() -> None:
    doc = Doc("Selling 2.5 million records of a shop, fresh.")
    found = find_records(doc)
    assert found is not None
    assert doc.full[found.start : found.end] == "2.5 million records"


def test_records_in_title() -> None:
    doc = Doc("Details inside.", "Database of 7 million users leaked")
    found = find_records(doc)
    assert found is not None and found.value == 7_000_000
    assert doc.in_title(found.start)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Total size: 50GB compressed.", 50 * 10**9),
        ("Archive of 1.5 TB of documents.", 1_500_000_000_000),
        ("300 Go de données volées.", 300 * 10**9),
        ("Объём: 2 ТБ.", 2 * 10**12),
        ("Two files of 700 MB and 1,2 To.", 1_200_000_000_000),
        ("Exactly 4 GiB of logs.", 4 * 2**30),
    ],
)
def test_size(text: str, expected: int) -> None:
    assert size(text) == expected


@pytest.mark.parametrize(
    "text", ["We will go from 5 to 10 servers.", "Attacks of 50 Gbps hit the site.", "No size given."]
)
def test_no_size(text: str) -> None:
    assert size(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Price: $5,000 for the whole database.", (5000, "USD")),
        ("Selling for 5k USD, escrow accepted.", (5000, "USD")),
        ("Asking USD 5000, no bargaining.", (5000, "USD")),
        ("Price 0.5 BTC.", (0.5, "BTC")),
        ("Selling access for 500 USDT.", (500, "USDT")),
        ("Prix de vente : €2.000.", (2000, "EUR")),
        ("Le prix est de 2 000 € pour la base.", (2000, "EUR")),
        ("Vendo a base por R$ 10.000.", (10000, "BRL")),
        ("Asking price ₹50,000 for the leads.", (50000, "INR")),
        ("Цена 50 000 руб за базу.", (50000, "RUB")),
        ("The attackers demanded 5 bitcoins to restore the files.", (5, "BTC")),
        ("The ransom note demanded four bitcoins.", (4, "BTC")),
        ("A ransom of NZ$7352 was demanded.", (7352, "NZD")),
        ("The seller asks S$67,000 for the files.", (67000, "SGD")),
        ("They want US$50,000 as ransom.", (50000, "USD")),
        ("Hackers demand $2.5M from the city.", (2_500_000, "USD")),
        ("La rançon de 220000$ doit être payée.", (220000, "USD")),
    ],
)
def test_price(text: str, expected: tuple[float, str]) -> None:
    got = price(text)
    assert got is not None and got[0] == pytest.approx(expected[0]) and got[1] == expected[1]


@pytest.mark.parametrize(
    "text",
    [
        "Price: negotiable, DM for price.",
        "Make an offer. Escrow accepted.",
        "A company with $2B revenue was breached.",
        "The breach cost the company $4 million in recovery.",
        "The regulator fined the bank £20m over the leak.",
        "Leads are sold at $0.05 per record.",
        "Website www.example.comRevenue $70M. Files for sale soon.",
        "A manufacturer with annual sales exceeding £40 million.",
        "",
    ],
)
def test_no_price(text: str) -> None:
    assert price(text) is None


def test_title_price_comes_first() -> None:
    text = "Each machine was asked for 0.1 BTC; a total is demanded for all of them."
    assert price(text, "Gang demands $40,000 from a hospital") == (40000, "USD")


@pytest.mark.parametrize(
    "text",
    [
        "\x00\x01\x02 garbage \ufffd\ud7ff 1,2,3,4,5 $$$ €€ 9" * 50,
        "1" * 5000,
        "1.2.3.4.5.6.7.8.9 " * 300,
        "İİİ 5 МЛН ПОЛЬЗОВАТЕЛЕЙ İİİ",
        "$" * 1000 + "5",
        "5 " * 3000 + "users",
    ],
)
def test_never_raises_and_spans_stay_inside(text: str) -> None:
    doc = Doc(text, "title 5M users $5")
    for finder in (find_records, find_size, find_price):
        found = finder(doc)
        if found is not None:
            assert 0 <= found.start < found.end <= len(doc.full)


def test_random_text_never_raises() -> None:
    rng = random.Random(7)
    alphabet = "0123456789 ,.'$€kKmMbB%:-\n usersrecordsGBTo млн万"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))
        doc = Doc(text)
        for finder in (find_records, find_size, find_price):
            found = finder(doc)
            if found is not None:
                assert 0 <= found.start <= found.end <= len(doc.full)

"""The post's language, offline."""

from __future__ import annotations

import pytest

from darkwire.analyze.language import detect_language


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Selling a fresh database of an online shop with emails and phone numbers.", "en"),
        ("Vendo base de datos de clientes de una aseguradora con nombres y teléfonos.", "es"),
        ("Vendo banco de dados de clientes de uma operadora com CPF e endereço.", "pt"),
        ("Je vends une base de données de clients avec les adresses et les numéros.", "fr"),
        ("Ich verkaufe eine Kundendatenbank mit Namen, Adressen und Telefonnummern.", "de"),
        ("Vendo un database di clienti con nomi, indirizzi e numeri di telefono.", "it"),
        ("Продаю базу данных клиентов интернет-магазина с телефонами и адресами.", "ru"),
    ],
)
def test_languages(text: str, want: str) -> None:
    assert detect_language(text) == want


@pytest.mark.parametrize("text", ["", "1234 5678", "$$$ :: 99", "https://example.com/a/b"])
def test_too_little_text_is_none(text: str) -> None:
    assert detect_language(text) is None

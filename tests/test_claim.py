"""Claim type from cue words, in several languages."""

from __future__ import annotations

import pytest

from darkwire.analyze.claim import classify_claim
from darkwire.analyze.text import Doc


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Selling fresh DB of a retail chain, 300k rows, price in DM", "data_sale"),
        ("Se vende base de datos de clientes de una aseguradora", "data_sale"),
        ("Продаю базу данных интернет-магазина", "data_sale"),
        ("Full dump of the forum leaked for free, download link below", "data_leak"),
        ("Vazamento expõe dados de clientes de uma operadora", "data_leak"),
        ("Selling RDP access with domain admin to a logistics firm", "access_sale"),
        ("We launched a DDoS attack and took down the ministry portal", "ddos"),
        ("Le site de la mairie a été défiguré par des pirates", "defacement"),
        ("New combolist 2M email:pass private", "combolist"),
        ("Fresh stealer logs from Redline, cookies and passwords", "stealer_logs"),
        ("Leaking the full source code of their mobile app", "source_code"),
        ("Looking for insiders at telecom operators, good pay", "insider"),
        ("They demand a ransom of 50 BTC or the files will be published", "extortion"),
        ("Ransomware gang encrypted the hospital's servers", "ransomware"),
        ("Happy new year to all members of the board", None),
    ],
)
def test_cues(text: str, want: str | None) -> None:
    found = classify_claim(Doc(text))
    assert (found.value if found else None) == want


def test_leak_site_source_means_ransomware() -> None:
    found = classify_claim(Doc("Acme Corp is a manufacturer of widgets.", "acme.com", "Play leak site"))
    assert found is not None and found.value == "ransomware"


def test_title_cue_weighs_more_and_has_a_span() -> None:
    doc = Doc("Contact me on the forum. Samples available.", "Database for sale")
    found = classify_claim(doc)
    assert found is not None and found.value == "data_sale"
    assert doc.in_title(found.start) and doc.full[found.start : found.end].lower() == "for sale"

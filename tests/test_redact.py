"""Redaction of the samples in posts: values masked, lengths and words kept, contacts left alone."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from darkwire.model import Post
from darkwire.redact import redact, redact_post


def test_a_sample_of_emails_is_masked_but_domains_stay() -> None:
    text = "Sample:\nana.ruiz@correo-valdeluna.mx\npedro77@correo-valdeluna.mx\nlucia.m@correo-valdeluna.mx\n"
    out = redact(text)
    assert len(out) == len(text)
    assert "ana.ruiz" not in out and "pedro77" not in out and out.count("@correo-valdeluna.mx") == 3
    assert "a*******@correo-valdeluna.mx" in out


def test_a_single_contact_address_is_kept() -> None:
    text = "Selling 40k rows of a Lisbon clinic. Contact: sellerx@onionmail.org, escrow ok."
    assert redact(text) == text


def test_combolist_passwords_are_masked_even_alone() -> None:
    out = redact("fresh combo: jdoe@mailbox.de:Sommer2024! enjoy")
    assert "Sommer2024!" not in out and "jdoe" not in out and "@mailbox.de:" in out


def test_cards_ssn_cpf_iban_keep_their_last_digits() -> None:
    text = "cc 4111 1111 1111 1111 | ssn 123-45-6789 | cpf 123.456.789-09 | iban DE89 3704 0044 0532 0130 00"
    out = redact(text)
    assert len(out) == len(text)
    assert "**** **** **** 1111" in out and "***-**-6789" in out and "***.***.***-09" in out
    assert "DE89" in out and "3704" not in out and out.endswith("30 00")


def test_numbers_that_are_not_pii_stay() -> None:
    text = "12 000 000 records, 45 GB, price 5,000 USD, order 1234567890123 (not Luhn-valid: 1234567890124)"
    assert redact(text).replace("*", "") != "" and "12 000 000" in redact(text) and "5,000" in redact(text)
    assert "1234567890124" in redact(text)


def test_phone_lists_are_masked() -> None:
    text = "tel: +52 55 1234 5678, +52 33 9876 5432, +52 81 2222 3344"
    out = redact(text)
    assert "1234" not in out and out.count("+") == 3 and len(out) == len(text)


def test_redact_post_copies_only_when_needed() -> None:
    post = Post(id="1", text="nothing personal here", title="t")
    assert redact_post(post) is post
    red = redact_post(Post(id="2", text="ssn 123-45-6789", title="ssn 987-65-4321"))
    assert red.text == "ssn ***-**-6789" and red.title == "ssn ***-**-4321"


@given(st.text())
def test_redaction_never_changes_length(text: str) -> None:
    assert len(redact(text)) == len(text)

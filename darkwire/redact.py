"""Redact the personal data in the samples that posts carry, before a post is stored.

Sale posts often paste a few rows of the stolen data as proof: e-mail addresses, passwords, card numbers,
national identity numbers, phone numbers. darkwire needs to know *that* a sample holds them (the analyser reads
column names and words), never the values themselves, so the values are masked before storage.

Two rules keep the masking useful:
- **The length never changes.** Every masked character becomes `*` (or keeps its separator), so the character
  spans of the analysis (its evidence) stay valid on the stored text, and the analysis reads the same words.
- **A sample is a list.** An e-mail address or a phone number alone is usually the seller's contact, which an
  analyst needs; several of them, or one inside an `email:password` row, are a sample. Card numbers (Luhn-valid),
  US social security numbers, IBANs and Brazilian CPFs are masked wherever they are: no post needs them in clear.

What is kept of a masked value: an e-mail's first character and its domain (the domain often names the victim),
the last four digits of a card or an IBAN (with the IBAN's country), the last two of other numbers.
"""

from __future__ import annotations

import re

from darkwire.model import Post

SAMPLE_MIN = 3  # this many distinct e-mail addresses (or phone numbers) in a post make a sample

_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]{1,64})@((?:[\w-]{1,63}\.)+[a-z]{2,24})(?![\w-])", re.IGNORECASE)
# email:password (or ; | tab) rows of combolists: the secret after the address
_COMBO = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@(?:[\w-]{1,63}\.)+[a-z]{2,24}[:;|\t]([^\s:;|]{3,128})", re.IGNORECASE)
_CARD = re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")
_SSN = re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")
_CPF = re.compile(r"(?<![\d.])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\d-])")
_IBAN = re.compile(r"\b([A-Z]{2}\d{2})((?:[ ]?[A-Z0-9]){11,30})\b")
_PHONE = re.compile(r"(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?![\w])")


def redact(text: str) -> str:
    """`text` with the personal data of its samples masked; same length, same words."""
    if not text or not any(c in text for c in "@0123456789"):
        return text
    chars = list(text)
    emails = {m.group(0).lower() for m in _EMAIL.finditer(text)}
    if len(emails) >= SAMPLE_MIN:
        for m in _EMAIL.finditer(text):
            _mask(chars, m.start(1) + 1, m.end(1))
    for m in _COMBO.finditer(text):
        _mask(chars, m.start(1), m.end(1))
        _mask(chars, m.start() + 1, text.index("@", m.start()))
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if 13 <= len(digits) <= 19 and _luhn(digits):
            _mask_digits(chars, m.start(), m.end(), keep=4)
    for pattern in (_SSN, _CPF):
        for m in pattern.finditer(text):
            _mask_digits(chars, m.start(), m.end(), keep=4 if pattern is _SSN else 2)
    for m in _IBAN.finditer(text):
        if sum(c.isdigit() for c in m.group(2)) >= 8:
            _mask_alnum(chars, m.start(2), m.end(2), keep=4)
    phones = {re.sub(r"\D", "", m.group(0)) for m in _PHONE.finditer(text)}
    if len(phones) >= SAMPLE_MIN:
        for m in _PHONE.finditer(text):
            _mask_digits(chars, m.start() + 1, m.end(), keep=2)
    return "".join(chars)


def redact_post(post: Post) -> Post:
    """The post with its title and text redacted (a copy when anything changed)."""
    text = redact(post.text)
    title = redact(post.title) if post.title else post.title
    if text == post.text and title == post.title:
        return post
    return post.model_copy(update={"text": text, "title": title})


def _mask(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        chars[i] = "*"


def _mask_digits(chars: list[str], start: int, end: int, keep: int) -> None:
    positions = [i for i in range(start, end) if chars[i].isdigit()]
    for i in positions[: max(0, len(positions) - keep)]:
        chars[i] = "*"


def _mask_alnum(chars: list[str], start: int, end: int, keep: int) -> None:
    positions = [i for i in range(start, end) if chars[i].isalnum()]
    for i in positions[: max(0, len(positions) - keep)]:
        chars[i] = "*"


def _luhn(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0

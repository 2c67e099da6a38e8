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

# Addresses are found from their "@" (a literal the engine jumps to), the local part read backwards in code:
# a pattern that starts with the local part would be tried at every character of every word.
_DOMAIN = re.compile(r"@((?:[\w-]{1,63}\.)+[a-z]{2,24})(?![\w-])([:;|\t][^\s:;|]{3,128})?", re.IGNORECASE)
_LOCAL = re.compile(r"[\w.+-]{1,64}$")
_CARD = re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")
_SSN = re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")
_CPF = re.compile(r"(?<![\d.])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\d-])")
_IBAN = re.compile(r"\b([A-Z]{2}\d{2})((?:[ ]?[A-Z0-9]){11,30})\b")
_NUMBER_RUN = re.compile(r"\+?\d[\d .()-]*\d")
_PHONE = re.compile(r"(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?![\w])")


def redact(text: str) -> str:
    """`text` with the personal data of its samples masked; same length, same words."""
    if not text or not any(c in text for c in "@0123456789"):
        return text
    chars = list(text)
    # Each pattern runs only where its tell-tale character is: most posts carry none of these values, and
    # skipping a scan is what keeps redaction cheap beside the analysis.
    if "@" in text:
        emails = [(local, m) for m in _DOMAIN.finditer(text) if (local := _local_start(text, m.start())) is not None]
        if len({text[local : m.end(1)].lower() for local, m in emails}) >= SAMPLE_MIN:
            for local, m in emails:
                _mask(chars, local + 1, m.start())
        for local, m in emails:
            if m.group(2):  # email:password, a combolist's row: the password and the address both go
                _mask(chars, m.start(2) + 1, m.end(2))
                _mask(chars, local + 1, m.start())
    # One scan finds every run of digits (with the separators numbers are written with); the patterns for
    # cards, identity numbers, IBANs and phones then only look inside the long ones.
    runs = [m.span() for m in _NUMBER_RUN.finditer(text) if m.end() - m.start() >= 9]
    phones: list[tuple[int, int]] = []
    for start, end in runs:
        for m in _CARD.finditer(text, start, end):
            digits = re.sub(r"\D", "", m.group(0))
            if 13 <= len(digits) <= 19 and _luhn(digits):
                _mask_digits(chars, m.start(), m.end(), keep=4)
        for pattern, keep in ((_SSN, 4), (_CPF, 2)):
            for m in pattern.finditer(text, start, end):
                _mask_digits(chars, m.start(), m.end(), keep=keep)
        if end - start >= 12:
            for m in _IBAN.finditer(text, max(0, start - 12), end):
                if sum(c.isdigit() for c in m.group(2)) >= 8:
                    _mask_alnum(chars, m.start(2), m.end(2), keep=4)
        if text[start] == "+":
            phones += [m.span() for m in _PHONE.finditer(text, start, end)]
    if len({re.sub(r"\D", "", text[a:b]) for a, b in phones}) >= SAMPLE_MIN:
        for a, b in phones:
            _mask_digits(chars, a + 1, b, keep=2)
    return "".join(chars)


def _local_start(text: str, at: int) -> int | None:
    """Where the local part of the address whose "@" is at `at` starts, or None when there is none."""
    m = _LOCAL.search(text, max(0, at - 64), at)
    if m is None or (m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "._+-")):
        return None
    return m.start()


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

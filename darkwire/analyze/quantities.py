"""Quantities claimed in a post: number of records, volume of data, asking price.

PLACEHOLDER interface (being implemented): each finder returns the best `Found` or None.
"""

from __future__ import annotations

from darkwire.analyze.text import Doc, Found

PriceValue = tuple[float | None, str | None]  # (amount or None for "negotiable", ISO 4217 / crypto code)


def find_records(doc: Doc) -> Found[int] | None:
    return None


def find_size(doc: Doc) -> Found[int] | None:
    return None


def find_price(doc: Doc) -> Found[PriceValue] | None:
    return None

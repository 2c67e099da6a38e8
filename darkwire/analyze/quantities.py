"""Quantities claimed in a post: number of records, volume of data, asking price.

Each finder returns the best `Found` (value and span of the number with its unit in `doc.full`) or None
when the post claims no such quantity. They read `doc.low`, so offsets hold in `doc.full`.

- records: see `quantities_records`.
- size: see `quantities_size`.
- price: see `quantities_price`.

The vocabularies are in taxonomy/data/lexicon/quantities/; patterns are compiled once, on first use.
"""

from __future__ import annotations

from darkwire.analyze.quantities_price import PriceValue, find_price
from darkwire.analyze.quantities_records import find_records
from darkwire.analyze.quantities_size import find_size

__all__ = ["PriceValue", "find_price", "find_records", "find_size"]

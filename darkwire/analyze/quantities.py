"""Quantities claimed in a post: number of records, volume of data, asking price.

Each finder returns the best `Found` (value and span of the number with its unit in `doc.full`) or None
when the post claims no such quantity. They read `doc.low`, so offsets hold in `doc.full`.

- records: a number followed by a records noun ("1.2M users", "34.9 million Malaysian citizens",
  "2 millones de registros", "10万条") or after a label ("Records: 500k"); the headline count is the
  largest one. Sizes, prices, years and percentages never count: only a records noun makes a count.
- size: a number with a unit of data volume ("50GB", "300 Go", "2 ТБ"), the largest one.
- price: see `quantities_price`.

The vocabularies are in taxonomy/data/lexicon/quantities/; patterns are compiled once, on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from darkwire.analyze.quantities_numbers import (
    LETTER_AFTER,
    alternation,
    is_year,
    quantity_pattern,
    quantity_value,
)
from darkwire.analyze.quantities_price import PriceValue, find_price
from darkwire.analyze.text import Doc, Found
from darkwire.taxonomy import load_data

_BLANK = r"[ \t\u00a0]"
# A word between a number and its noun: "34.9 million [Malaysian] citizens", "1.7 million [Snapchat] users".
_FILLER = r"(?:[^\W\d_]|['’&.-]){1,25}"
_CURRENCY_BEFORE = set("$€£¥₹₽")
_MIN_RECORDS = 2
_MIN_LOOSE = 1000


@dataclass(frozen=True)
class _RecordRules:
    count: re.Pattern[str]
    label: re.Pattern[str]
    data_word: re.Pattern[str]


@cache
def _record_rules() -> _RecordRules:
    raw = load_data("lexicon/quantities/records.yaml")
    nouns = [w for words in raw["nouns"].values() for w in words]
    qty = quantity_pattern()
    count = (
        rf"{qty}(?:{_BLANK}*\+)?(?:(?:{_BLANK}+{_FILLER}){{0,3}}?{_BLANK}*(?:[dl]['’])?"
        rf"(?:(?P<strong>{alternation(nouns)})|(?P<weak>{alternation(raw['weak_nouns'])})"
        rf"|(?P<loose>{alternation(raw['loose_nouns'])})){LETTER_AFTER}"
        rf"|{_BLANK}*(?P<cjk_noun>{alternation(raw['cjk_nouns'])}))"
    )
    label = (
        rf"(?<![^\W\d_])(?:{alternation(raw['labels'])})(?:{_BLANK}+[^\W\d_]+){{0,2}}{_BLANK}*[:：=\-–—]"
        rf"{_BLANK}*(?:[~≈>+]|approx\.?|about|over|more than|около|более)?{_BLANK}*{qty}"
    )
    data_word = rf"(?<![^\W\d_])(?:{alternation(raw['data_words'])}){LETTER_AFTER}"
    return _RecordRules(re.compile(count), re.compile(label), re.compile(data_word))


@dataclass(frozen=True, slots=True)
class _Count:
    value: int
    start: int
    end: int
    weak: bool


def find_records(doc: Doc) -> Found[int] | None:
    """The claimed number of records, rows, users, customers or people affected, or None."""
    if not any(c.isdigit() for c in doc.low) and not _has_number_word(doc.low):
        return None
    counts = _record_counts(doc)
    strong = [c for c in counts if not c.weak]
    best = max(strong or counts, key=lambda c: (c.value, -c.start), default=None)
    if best is None:
        return None
    return Found(best.value, best.start, best.end, weight=0.6 if best.weak else 0.9)


def _has_number_word(low: str) -> bool:
    return "million" in low or "billion" in low or "millon" in low or "миллион" in low


def _record_counts(doc: Doc) -> list[_Count]:
    rules = _record_rules()
    out: list[_Count] = []
    for m in rules.count.finditer(doc.low):
        count = _read_count(doc, m, loose=bool(m.group("loose")))
        if count is None:
            continue
        if m.group("weak"):
            before = doc.low[max(0, m.start() - 50) : m.start()]
            if not rules.data_word.search(before):
                continue
        out.append(_Count(count, m.start(), m.end(), weak=bool(m.group("weak"))))
    for m in rules.label.finditer(doc.low):
        count = _read_count(doc, m, loose=False)
        if count is not None:
            out.append(_Count(count, m.start("num") if m.group("num") else m.start(), m.end(), weak=False))
    return out


def _read_count(doc: Doc, m: re.Match[str], loose: bool) -> int | None:
    start = m.start("num") if m.group("num") else m.start("word")
    if (start > 0 and doc.low[start - 1] in _CURRENCY_BEFORE) or is_year(m):
        return None
    value = quantity_value(m)
    if value is None or value < _MIN_RECORDS or value > 1e11:
        return None
    if loose and value < _MIN_LOOSE:
        return None
    return round(value)


@dataclass(frozen=True)
class _SizeRules:
    pattern: re.Pattern[str]
    units: dict[str, int]
    case_sensitive: frozenset[str]


@cache
def _size_rules() -> _SizeRules:
    raw = load_data("lexicon/quantities/sizes.yaml")
    units = {str(u).lower(): int(v) for v, us in raw["units"].items() for u in us}
    pattern = rf"{quantity_pattern()}{_BLANK}?(?P<unit>{alternation(units)}){LETTER_AFTER}"
    sensitive = frozenset(str(u).lower() for u in raw.get("case_sensitive", []))
    return _SizeRules(re.compile(pattern), units, sensitive)


def find_size(doc: Doc) -> Found[int] | None:
    """The claimed volume of data in bytes ("50GB", "1,2 To"), the largest one stated, or None."""
    if not any(c.isdigit() for c in doc.low):
        return None
    rules = _size_rules()
    best: Found[int] | None = None
    for m in rules.pattern.finditer(doc.low):
        unit = m.group("unit")
        if unit in rules.case_sensitive and _looks_like_a_word(doc, m):
            continue
        value = quantity_value(m)
        if value is None or value <= 0:
            continue
        size = round(value * rules.units[unit])
        if best is None or size > best.value:
            start = m.start("num") if m.group("num") else m.start("word")
            best = Found(size, start, m.end(), weight=0.9)
    return best


def _looks_like_a_word(doc: Doc, m: re.Match[str]) -> bool:
    """ "5 to 10", "let it go": a French unit ("To", "Go") in lower case or followed by a number."""
    return (
        doc.full[m.start("unit")].islower() or re.match(r"\s*\d", doc.low[m.end() : m.end() + 4]) is not None
    )


__all__ = ["PriceValue", "find_price", "find_records", "find_size"]

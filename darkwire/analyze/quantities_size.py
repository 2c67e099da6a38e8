"""The claimed volume of data, in bytes: "50GB", "1.5 TB", "300 Go", "2 ТБ", "4 GiB".

Decimal multiples (1 GB = 10^9) unless the unit is binary (GiB = 2^30); the largest volume stated wins.
The units are in taxonomy/data/lexicon/quantities/sizes.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from darkwire.analyze.quantities_numbers import BLANK, LETTER_AFTER, alternation, scan_quantities
from darkwire.analyze.text import Doc, Found
from darkwire.taxonomy import load_data

_NUMBER_NEXT = re.compile(r"\s*\d")


@dataclass(frozen=True)
class _SizeRules:
    unit: re.Pattern[str]  # a unit of volume, matched where a number ends
    units: dict[str, int]
    case_sensitive: frozenset[str]


@cache
def _size_rules() -> _SizeRules:
    raw = load_data("lexicon/quantities/sizes.yaml")
    units = {str(u).lower(): int(v) for v, us in raw["units"].items() for u in us}
    sensitive = frozenset(str(u).lower() for u in raw.get("case_sensitive", []))
    return _SizeRules(re.compile(rf"{BLANK}?(?P<unit>{alternation(units)}){LETTER_AFTER}"), units, sensitive)


def find_size(doc: Doc) -> Found[int] | None:
    """The claimed volume of data in bytes ("50GB", "1,2 To"), the largest one stated, or None."""
    rules = _size_rules()
    best: Found[int] | None = None
    for q in scan_quantities(doc.low):
        m = rules.unit.match(doc.low, q.end)
        if m is None or not q.digits or (q.start and doc.low[q.start - 1].isalpha()):
            continue
        unit = m.group("unit")
        if unit in rules.case_sensitive and _looks_like_a_word(doc, m):
            continue
        size = round(q.value * rules.units[unit])
        if size > 0 and (best is None or size > best.value):
            best = Found(size, q.start, m.end(), weight=0.9)
    return best


def _looks_like_a_word(doc: Doc, m: re.Match[str]) -> bool:
    """ "5 to 10", "let it go": a French unit ("To", "Go") in lower case or followed by a number."""
    return doc.full[m.start("unit")].islower() or _NUMBER_NEXT.match(doc.low[m.end() : m.end() + 4]) is not None


def size_unit_at(low: str, pos: int) -> bool:
    """Whether a unit of data volume is written at `pos` ("GB" after "50 "), whatever its case."""
    return _size_rules().unit.match(low, pos) is not None

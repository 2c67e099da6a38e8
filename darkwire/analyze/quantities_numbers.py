"""Numbers as posts write them: "1,234,567", "1.234.567", "1 234 567", "34.9 million", "500k", "2 crore".

`quantity_pattern()` gives the regex source of one quantity (a number, then an optional multiplier) with
the named groups `num`, `word`, `mult`, `glued` and `cjk`; `quantity_value(match)` reads its value. The
vocabulary (multipliers, number words) is in taxonomy/data/lexicon/quantities/numbers.yaml.

Separators: a space, apostrophe or a separator repeated is a thousands separator; when both "," and "."
appear, the last one is the decimal mark; a single "," or "." followed by exactly three digits is a
thousands separator ("19.200", "1,234"), except before a multiplier ("1.234 million" reads 1.234), after a
lone 0 ("0.500"), or in a crypto amount ("1.250 BTC").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from darkwire.taxonomy import load_data

# One number in digits, not part of a longer run of digits, a version ("1.2.3") or a decimal.
_DIGITS = (
    r"(?<![\d.,])(?<!\d[.,])"
    r"(?:\d{1,3}(?:(?:[,.'’]|[ \u00a0\u202f\u2009])\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?![.,]?\d)"
)
LETTER_AFTER = r"(?![^\W\d_])"  # the word ends here (no letter follows)
_LETTER_BEFORE = r"(?<![^\W\d_])"  # a word starts here


@dataclass(frozen=True)
class NumberWords:
    multipliers: dict[str, float]
    glued: dict[str, float]
    cjk: dict[str, float]
    words: dict[str, float]


@cache
def number_words() -> NumberWords:
    raw = load_data("lexicon/quantities/numbers.yaml")
    mult = {str(w).lower(): float(v) for v, ws in raw["multipliers"].items() for w in ws}
    return NumberWords(
        multipliers=mult,
        glued={str(k).lower(): float(v) for k, v in raw["glued_multipliers"].items()},
        cjk={str(k): float(v) for k, v in raw["cjk_multipliers"].items()},
        words={str(k).lower(): float(v) for k, v in raw["words"].items()},
    )


def alternation(words: Iterable[object]) -> str:
    """A regex alternation of `words`, longest first, spaces matching any run of blanks."""
    items = sorted({str(w) for w in words if str(w)}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"[ \t\u00a0]+") for w in items)


@cache
def quantity_pattern(words_allowed_alone: bool = False) -> str:
    """Regex source of a quantity; number words need a multiplier unless `words_allowed_alone`."""
    nw = number_words()
    multiplier = (
        rf"(?:(?P<glued>{alternation(nw.glued)}){LETTER_AFTER}"
        rf"|[ \u00a0]?(?P<mult>{alternation(nw.multipliers)}){LETTER_AFTER}"
        rf"|[ \u00a0]?(?P<cjk>{alternation(nw.cjk)}))"
    )
    word = rf"{_LETTER_BEFORE}(?P<word>{alternation(nw.words)})"
    word_part = rf"{word}{LETTER_AFTER}(?=[ \u00a0]?(?:{alternation(nw.multipliers)}|{alternation(nw.cjk)}))"
    if words_allowed_alone:
        word_part = rf"{word}{LETTER_AFTER}"
    return rf"(?:(?P<num>{_DIGITS})|{word_part}){multiplier}?"


def multiplier_of(m: re.Match[str]) -> float | None:
    nw = number_words()
    if m.group("glued"):
        return nw.glued.get(m.group("glued"))
    if m.group("mult"):
        return nw.multipliers.get(re.sub(r"\s+", " ", m.group("mult")))
    if m.group("cjk"):
        return nw.cjk.get(m.group("cjk"))
    return None


def quantity_value(m: re.Match[str], crypto: bool = False) -> float | None:
    """The value of a match of `quantity_pattern`, or None when it cannot be read."""
    mult = multiplier_of(m)
    if m.group("num"):
        base = parse_number(m.group("num"), has_multiplier=mult is not None, crypto=crypto)
    else:
        base = number_words().words.get(re.sub(r"\s+", " ", m.group("word") or ""))
    if base is None:
        return None
    return base * mult if mult else base


def parse_number(s: str, has_multiplier: bool = False, crypto: bool = False) -> float | None:
    """Read digits written with any locale's separators ("1.234.567", "1,5", "1 234,5")."""
    s = re.sub(r"[ '’\u00a0\u202f\u2009]", "", s)
    commas, dots = s.count(","), s.count(".")
    if commas and dots:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if dec == "," else ",", "").replace(dec, ".")
    elif commas + dots > 1:
        s = s.replace(",", "").replace(".", "")
    elif commas + dots == 1:
        sep = "," if commas else "."
        whole, frac = s.split(sep)
        decimal = len(frac) != 3 or has_multiplier or whole == "0" or (crypto and sep == ".")
        s = f"{whole}.{frac}" if decimal else whole + frac
    try:
        return float(s)
    except ValueError:
        return None


def is_year(m: re.Match[str]) -> bool:
    """A bare four-digit number that reads as a year (1950-2039), with no multiplier."""
    num = m.group("num")
    return bool(num) and multiplier_of(m) is None and re.fullmatch(r"(?:19[5-9]|20[0-3])\d", num) is not None

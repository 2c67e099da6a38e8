"""The asking price or ransom demand of a post: "$5,000", "0.5 BTC", "2 000 €", "R$ 10.000", "5 bitcoins".

An amount is a number with a currency before it (symbol or ISO code) or after it (symbol, code or word).
It is a price when the nearest cue word in its sentence says so ("price", "selling", "ransom",
"demanded", "prix", "цена"…), and not when the nearest cue says it is something else (revenue, losses,
fines, worth, salary…) or when a unit follows it ("$0.5 per record"). Amounts in the title come first,
then the first one in the text. A post with only "Price: negotiable" gives None.

The vocabulary is in taxonomy/data/lexicon/quantities/prices.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from darkwire.analyze.quantities_numbers import (
    BLANK,
    LETTER_AFTER,
    Quantity,
    alternation,
    scan_quantities,
)
from darkwire.analyze.text import Doc, Found
from darkwire.taxonomy import load_data

PriceValue = tuple[float | None, str | None]  # (amount or None for "negotiable", ISO 4217 / crypto code)

_WORD_START = r"(?<![^\W\d_])"
_NO_BOUNDARY = re.compile(r"[\u3000-\u9fff\uac00-\ud7af]$")  # CJK and Hangul words need no word end
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)|\n")
_WINDOW_BEFORE, _WINDOW_AFTER = 100, 60
_GLUED_CUE = 6
_SPACE_RUN = re.compile(r"\s+")


@dataclass(frozen=True)
class _PriceRules:
    prefixes: dict[str, str]  # symbol, letter prefix or code (lower case) written before -> ISO code
    suffix: re.Pattern[str]  # a currency written after the amount, matched where the amount ends
    currency: dict[str, str]  # suffix or code (lower case) -> ISO code
    crypto: frozenset[str]
    positive: re.Pattern[str]
    negative: re.Pattern[str]
    negative_after: re.Pattern[str]


def _ended(words: list[str]) -> str:
    """An alternation of currency words, each ending at a word end unless it is a symbol or CJK."""
    ended = [w for w in words if w[-1].isalpha() and not _NO_BOUNDARY.search(w)]
    rest = [w for w in words if w not in ended]
    return f"(?:{alternation(ended)}){LETTER_AFTER}|{alternation(rest)}"


@cache
def _price_rules() -> _PriceRules:
    raw = load_data("lexicon/quantities/prices.yaml")
    codes = {str(c).lower(): str(c).upper() for c in raw["codes"]}
    prefixes = codes | {str(k).lower(): str(v) for k, v in raw["prefixes"].items()}
    suffixes = codes | {str(k).lower(): str(v) for k, v in raw["suffixes"].items()}
    suffix = rf"{BLANK}?(?:(?:de|of|di|d['’])(?:{BLANK}+|(?<=['’])))?(?P<cur>{_ended(list(suffixes))})"
    cues = raw["cues"]
    # Long words of other figures are also found glued to the word before ("www.x.caRevenue $70M").
    long = [w for w in cues["negative"] if len(w) >= _GLUED_CUE]
    short = [w for w in cues["negative"] if len(w) < _GLUED_CUE]
    negative_after = rf"{BLANK}*\)?{BLANK}*(?:/|(?:{alternation(cues['negative_after'])}){LETTER_AFTER})"
    return _PriceRules(
        prefixes=prefixes,
        suffix=re.compile(suffix),
        currency=suffixes,
        crypto=frozenset(str(c) for c in raw["crypto"]),
        positive=re.compile(rf"{_WORD_START}(?:{alternation(cues['positive'])})"),
        negative=re.compile(rf"{_WORD_START}(?:{alternation(short)})|{alternation(long)}"),
        negative_after=re.compile(negative_after),
    )


@dataclass(frozen=True, slots=True)
class _Amount:
    amount: float
    currency: str
    start: int
    end: int
    cue: int  # 1: a price cue is nearest, 0: no cue, -1: another kind of figure is nearest


def find_price(doc: Doc) -> Found[PriceValue] | None:
    """The asking price or ransom demand as (amount, currency), or None when no amount is claimed."""
    amounts = [a for q in scan_quantities(doc.low) if (a := _amount(doc.low, q)) and a.cue >= 0]
    priced = [a for a in amounts if a.cue > 0]
    if not priced and amounts and _price_rules().positive.search(doc.low):
        priced = amounts  # a sale or ransom post whose amount stands alone ("1M rows - $500")
    if not priced:
        return None
    best = min(priced, key=lambda a: (not doc.in_title(a.start), a.start))
    return Found((best.amount, best.currency), best.start, best.end, weight=0.9 if best.cue else 0.5)


def _amount(low: str, q: Quantity) -> _Amount | None:
    rules = _price_rules()
    start, end = q.start, q.end
    prefix = _prefix(low, q.start, rules) if q.digits else None
    if prefix:
        code, start = prefix
    else:
        m = rules.suffix.match(low, q.end)
        if m is None:
            return None
        code, end = rules.currency.get(_SPACE_RUN.sub(" ", m.group("cur")), ""), m.end()
    if not code:
        return None
    value = q.crypto_value() if code in rules.crypto else q.value
    if value <= 0:
        return None
    return _Amount(value, code, start, end, _cue(low, start, end))


def _prefix(low: str, start: int, rules: _PriceRules) -> tuple[str, int] | None:
    """The currency written right before a number, and where it starts: "$", "US$", "USD ", "Rs. "."""
    i = start - 1 if start and low[start - 1] in " \u00a0" else start
    if not i:
        return None
    j = i
    while j and (low[j - 1].isalpha() or low[j - 1] == "."):
        j -= 1
    if j < i:  # a code or a letter prefix: "usd 5000", "rm25", "rs. 500"
        code = rules.prefixes.get(low[j:i])
        return (code, j) if code else None
    symbol = low[i - 1]
    if symbol not in rules.prefixes:
        return None
    k = i - 1
    while k and low[k - 1].isalpha():
        k -= 1
    if k < i - 1 and low[k:i] in rules.prefixes:  # "us$", "nz$", "r$"
        return rules.prefixes[low[k:i]], k
    return rules.prefixes[symbol], i - 1


def _cue(low: str, start: int, end: int) -> int:
    """+1 when the nearest cue word around [start, end) is a price cue, -1 for another figure, else 0."""
    rules = _price_rules()
    before = low[max(0, start - _WINDOW_BEFORE) : start]
    cut = [m.end() for m in _SENTENCE_END.finditer(before)]
    before = before[cut[-1] :] if cut else before
    after = low[end : end + _WINDOW_AFTER]
    if rules.negative_after.match(after):
        return -1
    stop = _SENTENCE_END.search(after)
    after = after[: stop.start()] if stop else after
    best, best_dist = 0, _WINDOW_BEFORE + _WINDOW_AFTER
    for sign, pattern in ((1, rules.positive), (-1, rules.negative)):
        for m in pattern.finditer(before):
            if len(before) - m.end() < best_dist or (sign > 0 and len(before) - m.end() == best_dist):
                best, best_dist = sign, len(before) - m.end()
        m2 = pattern.search(after)
        if m2 and (m2.start() < best_dist or (sign > 0 and m2.start() == best_dist)):
            best, best_dist = sign, m2.start()
    return best

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

from darkwire.analyze.quantities_numbers import LETTER_AFTER, alternation, quantity_pattern, quantity_value
from darkwire.analyze.text import Doc, Found
from darkwire.taxonomy import load_data

PriceValue = tuple[float | None, str | None]  # (amount or None for "negotiable", ISO 4217 / crypto code)

_BLANK = r"[ \t\u00a0]"
_WORD_START = r"(?<![^\W\d_])"
_NO_BOUNDARY = re.compile(r"[\u3000-\u9fff\uac00-\ud7af]$")  # CJK and Hangul words need no word end
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)|\n")
_WINDOW_BEFORE, _WINDOW_AFTER = 100, 60
_ARTICLES = frozenset({"a", "an", "un", "una", "um", "ein", "eine", "half a"})


@dataclass(frozen=True)
class _PriceRules:
    prefixed: re.Pattern[str]
    suffixed: re.Pattern[str]
    currency: dict[str, str]  # prefix, suffix or code (lower case) -> ISO code
    crypto: frozenset[str]
    positive: re.Pattern[str]
    negative: re.Pattern[str]
    negative_after: re.Pattern[str]


def _ended(words: list[str]) -> str:
    """An alternation of currency words, each ending at a word end unless it is a symbol or CJK."""
    parts = []
    for w in sorted(words, key=len, reverse=True):
        esc = re.escape(w).replace(r"\ ", _BLANK + "+")
        ends_in_letter = w[-1].isalpha() and not _NO_BOUNDARY.search(w)
        parts.append(esc + LETTER_AFTER if ends_in_letter else esc)
    return "|".join(parts)


@cache
def _price_rules() -> _PriceRules:
    raw = load_data("lexicon/quantities/prices.yaml")
    codes = [str(c).lower() for c in raw["codes"]]
    prefixes = {str(k).lower(): str(v) for k, v in raw["prefixes"].items()}
    suffixes = {str(k).lower(): str(v) for k, v in raw["suffixes"].items()}
    currency = {c: c.upper() for c in codes} | prefixes | suffixes
    before = _ended([*prefixes, *codes])
    after = _ended([*suffixes, *codes])
    prefixed = rf"(?<![^\W\d_$])(?P<cur>{before}){_BLANK}?{quantity_pattern()}"
    suffixed = (
        rf"{quantity_pattern(words_allowed_alone=True)}{_BLANK}?"
        rf"(?:(?:de|of|in|di|d['’])(?:{_BLANK}+|(?<=['’])))?(?P<cur>{after})"
    )
    cues = raw["cues"]
    return _PriceRules(
        prefixed=re.compile(prefixed),
        suffixed=re.compile(suffixed),
        currency=currency,
        crypto=frozenset(str(c) for c in raw["crypto"]),
        positive=re.compile(rf"{_WORD_START}(?:{alternation(cues['positive'])})"),
        negative=re.compile(rf"{_WORD_START}(?:{alternation(cues['negative'])})"),
        negative_after=re.compile(
            rf"{_BLANK}*\)?{_BLANK}*(?:/|(?:{alternation(cues['negative_after'])}){LETTER_AFTER})"
        ),
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
    if not any(c.isdigit() for c in doc.low) and "bitcoin" not in doc.low:
        return None
    amounts = [a for a in _amounts(doc) if a.cue >= 0]
    priced = [a for a in amounts if a.cue > 0]
    if not priced and amounts and _price_rules().positive.search(doc.low):
        priced = amounts  # a sale or ransom post whose amount stands alone ("1M rows - $500")
    if not priced:
        return None
    best = min(priced, key=lambda a: (not doc.in_title(a.start), a.start))
    return Found((best.amount, best.currency), best.start, best.end, weight=0.9 if best.cue else 0.5)


def _amounts(doc: Doc) -> list[_Amount]:
    rules = _price_rules()
    out: list[_Amount] = []
    taken: list[tuple[int, int]] = []
    for pattern in (rules.prefixed, rules.suffixed):
        for m in pattern.finditer(doc.low):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            amount = _read_amount(m, rules)
            if amount is None:
                continue
            taken.append((m.start(), m.end()))
            out.append(_Amount(amount[0], amount[1], m.start(), m.end(), _cue(doc.low, m.start(), m.end())))
    return out


def _read_amount(m: re.Match[str], rules: _PriceRules) -> tuple[float, str] | None:
    code = rules.currency.get(re.sub(r"\s+", " ", m.group("cur")))
    if code is None:
        return None
    word = m.group("word")
    if word and word in _ARTICLES and not m.group("mult"):
        return None
    value = quantity_value(m, crypto=code in rules.crypto)
    if value is None or value <= 0:
        return None
    return value, code


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

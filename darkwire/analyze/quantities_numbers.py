"""Numbers as posts write them: "1,234,567", "1.234.567", "1 234 567", "34.9 million", "500k", "2 crore".

`scan_quantities(low)` finds every quantity of a lower-cased text once: a number in digits or words, with
its multiplier. The finders of records, sizes and prices then only look at what surrounds each quantity,
which keeps them fast (a regex tried at every position of a text is slow in Python; a scan for digits is
not). The vocabulary (multipliers, number words) is in taxonomy/data/lexicon/quantities/numbers.yaml.

Separators: a space, apostrophe or a separator repeated is a thousands separator; when both "," and "."
appear, the last one is the decimal mark; a single "," or "." followed by exactly three digits is a
thousands separator ("19.200", "1,234"), except before a multiplier ("1.234 million" reads 1.234), after a
lone 0 ("0.500"), or in a crypto amount ("1.250 BTC").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from darkwire.analyze.terms import Hit, TermMatcher, shared_matcher
from darkwire.taxonomy import load_data

# One number in digits (found from its first digit; a digit right before is checked by the scan).
_DIGITS = r"\d(?:\d{0,2}(?:(?:[,.'’]|[ \u00a0\u202f\u2009])\d{3})+(?:[.,]\d+)?|\d*(?:[.,]\d+)?)(?![.,]?\d)"
LETTER_AFTER = r"(?![^\W\d_])"  # the word ends here (no letter follows)
BLANK = r"[ \t\u00a0]"
_YEAR = re.compile(r"(?:19[5-9]|20[0-3])\d")
_SPACE_RUN = re.compile(r"\s+")
_GROUPING = re.compile(r"[ '’\u00a0\u202f\u2009]")


@dataclass(frozen=True)
class _NumberRules:
    multipliers: dict[str, float]  # spaced ("2 millones") or glued ("500k") multiplier -> factor
    glued: dict[str, float]
    cjk: dict[str, float]
    words: dict[str, float]
    digits: re.Pattern[str]  # a number in digits and its multiplier
    word: re.Pattern[str]  # a number word and its multiplier, matched where `anchors` found one
    anchors: TermMatcher[None]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in the text: `low[start:end]` holds it with its multiplier."""

    start: int
    end: int
    digits: str  # the digits as written ("" for a number word)
    base: float  # the number before its multiplier, read without a crypto context
    mult: float | None

    @property
    def value(self) -> float:
        return self.base * self.mult if self.mult else self.base

    def crypto_value(self) -> float:
        """The value read as a crypto amount, where "1.250" is a decimal."""
        base = parse_number(self.digits, self.mult is not None, crypto=True) if self.digits else self.base
        base = self.base if base is None else base
        return base * self.mult if self.mult else base

    @property
    def is_year(self) -> bool:
        """A bare four-digit number that reads as a year (1950-2039)."""
        return self.mult is None and _YEAR.fullmatch(self.digits) is not None


@cache
def _number_rules() -> _NumberRules:
    raw = load_data("lexicon/quantities/numbers.yaml")
    mult = {str(w).lower(): float(v) for v, ws in raw["multipliers"].items() for w in ws}
    glued = {str(k).lower(): float(v) for k, v in raw["glued_multipliers"].items()}
    cjk = {str(k): float(v) for k, v in raw["cjk_multipliers"].items()}
    words = {str(k).lower(): float(v) for k, v in raw["words"].items()}
    multiplier = (
        rf"(?:(?P<glued>{alternation(glued)}){LETTER_AFTER}"
        rf"|[ \u00a0]?(?P<mult>{alternation(mult)}){LETTER_AFTER}|[ \u00a0]?(?P<cjk>{alternation(cjk)}))"
    )
    alone = [str(w).lower() for w in raw["words_alone_before"]]
    anchors = [f"{w} {m}" for w in words for m in [*mult, *alone]]
    return _NumberRules(
        multipliers=mult,
        glued=glued,
        cjk=cjk,
        words=words,
        digits=re.compile(rf"(?P<num>{_DIGITS}){multiplier}?"),
        word=re.compile(rf"(?P<word>{alternation(words)}){LETTER_AFTER}{multiplier}?"),
        anchors=TermMatcher((a, None) for a in anchors),
    )


def number_anchors() -> TermMatcher[None]:
    """Where a number word may start a quantity ("two million"; read through `shared_matcher`)."""
    return _number_rules().anchors


def alternation(words: Iterable[object]) -> str:
    """A regex matching any of `words` (longest first), as a trie so that a failed try costs one step.

    A space in a word matches any run of blanks. `re` tries a plain "a|b|c" alternation branch by
    branch; the trie form keeps a match fast with hundreds of words.
    """
    trie: dict[str, Any] = {}
    for w in {str(w) for w in words if str(w)}:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, Any]) -> str:
    branches = [_char(ch) + _trie_regex(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _char(ch: str) -> str:
    return BLANK + "+" if ch == " " else re.escape(ch)


@lru_cache(maxsize=8)
def scan_quantities(low: str) -> tuple[Quantity, ...]:
    """Every quantity of a lower-cased text, in order; cached, as the three finders read the same doc."""
    rules = _number_rules()
    out: list[Quantity] = []
    for m in rules.digits.finditer(low):
        s = m.start()
        if s and (low[s - 1].isdigit() or (s > 1 and low[s - 1] in ".," and low[s - 2].isdigit())):
            continue  # inside a longer number, a version or a decimal
        q = _quantity(m, rules)
        if q is not None:
            out.append(q)
    if rules.anchors:
        seen = -1
        hits: list[Hit[None]] = shared_matcher().find(low, "numbers")
        for hit in hits:
            wm = rules.word.match(low, hit.start)
            if wm is None or hit.start <= seen:
                continue
            q = _quantity(wm, rules)
            if q is not None:
                out.append(q)
                seen = q.end
        if seen >= 0:  # numbers in words were added after those in digits
            out.sort(key=lambda q: q.start)
    return tuple(out)


def _quantity(m: re.Match[str], rules: _NumberRules) -> Quantity | None:
    mult = _multiplier(m, rules)
    digits = (m.group("num") or "") if m.re is rules.digits else ""
    if digits:
        base = parse_number(digits, has_multiplier=mult is not None)
    else:
        base = rules.words.get(_SPACE_RUN.sub(" ", m.group("word")))
    if base is None:
        return None
    return Quantity(m.start(), m.end(), digits, base, mult)


def _multiplier(m: re.Match[str], rules: _NumberRules) -> float | None:
    if m.group("glued"):
        return rules.glued.get(m.group("glued"))
    if m.group("mult"):
        return rules.multipliers.get(_SPACE_RUN.sub(" ", m.group("mult")))
    if m.group("cjk"):
        return rules.cjk.get(m.group("cjk"))
    return None


def parse_number(s: str, has_multiplier: bool = False, crypto: bool = False) -> float | None:
    """Read digits written with any locale's separators ("1.234.567", "1,5", "1 234,5")."""
    if s.isascii() and s.isdigit():
        return float(s)  # the common case: digits alone
    s = _GROUPING.sub("", s)
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

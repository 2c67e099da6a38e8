"""The claimed number of records: "1.2M users", "34.9 million Malaysian citizens", "Records: 500k".

A quantity counts as records when
- a records noun follows it, up to four words later ("2 millones de registros", "10万条", "60M current
  and former CC numbers"), or a capitalised people word does ("143 million Americans");
- a label comes before it ("Records: 1.2M", "Количество записей: 1 000 000");
- a verb of harm ties it to people ("affecting 2,300", "3,857 were affected").
Nouns for employees are weak: they count only near a data word ("data of 5,000 employees", not "a company
with 5,000 employees"), and only when no other count is found. Sizes, prices, years and percentages never
count. The headline count is the largest one ("X records with Y unique emails" gives X).

The vocabulary is in taxonomy/data/lexicon/quantities/records.yaml and numbers.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from darkwire.analyze.quantities_numbers import BLANK, LETTER_AFTER, Quantity, alternation, scan_quantities
from darkwire.analyze.quantities_size import size_unit_at
from darkwire.analyze.text import Doc, Found
from darkwire.taxonomy import load_data

# A word between a number and its noun ("34.9 million [Malaysian] citizens"); dots only inside ("U.S.").
_FILLER = r"(?:[^\W\d_]|['’&-])+(?:(?:\.[^\W\d_]+)+\.?)?"
_NOT_FILLER = (
    r"(?!(?:for|from|with|by|at|in|on|to|per|than|between|into|after|before|during|via|was|were|is|are|has"
    r"|have|had|pounds|dollars|euros|years|months|days|hours|percent)(?![^\W\d_]))"
)
_FILLERS = rf"(?:{BLANK}{{1,2}}{_NOT_FILLER}{_FILLER}){{0,4}}?"
# A people word written with a capital ("Americans", "Malaysians", "Chinese"); checked against doc.full.
_DEMONYM = r"[^\W\d_]{3,}(?:ans|ese)"
_HEDGES = frozenset({"over", "about", "around", "nearly", "almost", "approximately", "some", "roughly", "~"})
_HEDGES_2 = frozenset({("more", "than"), ("up", "to"), ("at", "least")})
_LABEL_MARKS = ":：=-–—"
_PHRASE_END = re.compile(rf"\+?(?:{BLANK}*(?:[,.;:)]|$)|{BLANK}+(?:in|and|of|who|whose|from|at|across)\b)")
_NOT_BEFORE = frozenset("$€£¥₹₽")
# "3,000 data breaches", "5 data centres": a loose noun ("data") that names something else.
_LOOSE_NOT_FOLLOWED = re.compile(
    rf"{BLANK}+(?:breach|center|centre|set|point|broker|field|type|protection|leak|incident)", re.ASCII
)
_MIN_RECORDS, _MIN_LOOSE, _MAX_RECORDS = 2, 1000, 1e11
_DATA_BEFORE, _DATA_AFTER, _HEAD = 50, 60, 50


@dataclass(frozen=True)
class _Rules:
    noun_after: re.Pattern[str]
    verb_after: re.Pattern[str]
    data_word: re.Pattern[str]
    business: re.Pattern[str]
    labels: frozenset[str]
    verbs_before: frozenset[str]


@cache
def _rules() -> _Rules:
    raw = load_data("lexicon/quantities/records.yaml")
    nouns = [w for words in raw["nouns"].values() for w in words]
    noun_after = (
        rf"\)?(?:{BLANK}*\+)?(?:{_FILLERS}{BLANK}*(?:[dl]['’])?"
        rf"(?:(?P<strong>{alternation(nouns)})|(?P<weak>{alternation(raw['weak_nouns'])})"
        rf"|(?P<loose>{alternation(raw['loose_nouns'])})|(?P<demonym>{_DEMONYM})){LETTER_AFTER}"
        rf"|{BLANK}*(?P<cjk_noun>{alternation(raw['cjk_nouns'])}))"
    )
    verb_after = rf"\+?{BLANK}+(?:{alternation(raw['verbs_after'])}){LETTER_AFTER}"
    data_word = rf"(?<![^\W\d_])(?:{alternation(raw['data_words'])}){LETTER_AFTER}"
    return _Rules(
        noun_after=re.compile(noun_after),
        verb_after=re.compile(verb_after),
        data_word=re.compile(data_word),
        business=re.compile(rf"(?<![^\W\d_])(?:{alternation(raw['business_size_words'])}){LETTER_AFTER}"),
        labels=frozenset(str(w).lower() for w in raw["labels"]),
        verbs_before=frozenset(str(w).lower() for w in raw["verbs_before"]),
    )


@dataclass(frozen=True, slots=True)
class _Count:
    value: int
    start: int
    end: int
    weak: bool


def find_records(doc: Doc) -> Found[int] | None:
    """The claimed number of records, rows, users, customers or people affected, or None."""
    counts = [c for q in scan_quantities(doc.low) if (c := _count(doc, q)) is not None]
    strong = [c for c in counts if not c.weak]
    best = max(strong or counts, key=lambda c: (c.value, -c.start), default=None)
    if best is None:
        return None
    return Found(best.value, best.start, best.end, weight=0.6 if best.weak else 0.9)


def _count(doc: Doc, q: Quantity) -> _Count | None:
    """The count `q` claims, or None when it counts nothing (a year, an amount, "MD5", a size...)."""
    low = doc.low
    before = low[q.start - 1] if q.start else " "
    if before in _NOT_BEFORE or before.isalpha() or q.is_year or not (q.digits or q.mult):
        return None
    value = q.value
    if not _MIN_RECORDS <= value <= _MAX_RECORDS:
        return None
    if _in_range_or_phone(low, q.start) or size_unit_at(low, q.end):
        return None
    count = _counted(doc, q, value)
    if count is None or _describes_business(low, q.start):  # the costlier test last
        return None
    return count


def _counted(doc: Doc, q: Quantity, value: float) -> _Count | None:
    """The count when a record noun, a verb or a label goes with the number."""
    low, rules = doc.low, _rules()
    m = rules.noun_after.match(low, q.end)
    if m:
        loose = m.group("loose") and (value < _MIN_LOOSE or _LOOSE_NOT_FOLLOWED.match(low, m.end()))
        if loose or (m.group("demonym") and not _capital(doc, m)):
            return None
        weak = bool(m.group("weak"))
        if weak and not _near_data_word(low, q.start, m.end()):
            return None
        return _Count(round(value), q.start, m.end(), weak)
    m = rules.verb_after.match(low, q.end)
    if m or _after_label(low, q.start) or _after_verb(low, q):
        return _Count(round(value), q.start, m.end() if m else q.end, weak=False)
    return None


def _in_range_or_phone(low: str, start: int) -> bool:
    """ "101-250 people", "278-6262": a number after a hyphen that follows a digit."""
    return start >= 2 and low[start - 1] in "-–" and low[start - 2].isdigit()


def _describes_business(low: str, start: int) -> bool:
    """ "serving 3 million people", "a city of 88,000 residents": the size of the victim, not of a leak."""
    rules = _rules()
    head = low[max(0, start - _HEAD) : start]
    cut = max(head.rfind(". "), head.rfind("\n"))
    head = head[cut + 1 :]
    ends = [m.end() for m in rules.business.finditer(head)]
    return bool(ends) and not rules.data_word.search(head, ends[-1])


def _capital(doc: Doc, m: re.Match[str]) -> bool:
    return doc.full[m.start("demonym")].isupper()


def _near_data_word(low: str, start: int, end: int) -> bool:
    data_word = _rules().data_word
    return bool(
        data_word.search(low, max(0, start - _DATA_BEFORE), start) or data_word.search(low, end, end + _DATA_AFTER)
    )


def _after_label(low: str, start: int) -> bool:
    """ "Records: 1.2M", "Total rows - 500k", "Количество записей: ~1 000 000"."""
    head = low[max(0, start - _HEAD) : start].rstrip(" \t\u00a0~≈>+")
    head = " ".join(_strip_hedges(head.split()))
    if not head or head[-1] not in _LABEL_MARKS:
        return False
    words = head[:-1].split()[-3:]
    labels = _rules().labels
    return any(" ".join(words[i:]) in labels for i in range(len(words)))


def _after_verb(low: str, q: Quantity) -> bool:
    """ "affecting 2,300.", "exposed more than 1,500 in ..." (the number ends its phrase)."""
    words = _strip_hedges(low[max(0, q.start - _HEAD) : q.start].split())
    return bool(words) and words[-1] in _rules().verbs_before and _PHRASE_END.match(low, q.end) is not None


def _strip_hedges(words: list[str]) -> list[str]:
    """The words before a number without its hedge ("more than", "about")."""
    while True:
        if words and words[-1] in _HEDGES:
            words = words[:-1]
        elif len(words) >= 2 and (words[-2], words[-1]) in _HEDGES_2:
            words = words[:-2]
        else:
            return words

"""The document an extractor reads, and the `Found` value it returns.

A post's text and title are read as one string, `doc.full` = text + "\\n\\n" + title, so that one
scan sees both; offsets below `len(doc.text)` are offsets in the text, the rest are in the title.
`doc.low` is a lower-cased copy of `doc.full` with the same length, so offsets found in one hold in
the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")

# Characters that hide or fake text: zero-width, bidi controls, soft hyphen. Replaced by a space of
# the same length, never removed, so that offsets stay those of the original text.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069]")


def same_length_lower(s: str) -> str:
    """`s.lower()`, except characters whose lower case is longer (İ) stay as they are."""
    low = s.lower()
    if len(low) == len(s):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in s)


HEAD_CHARS = 3000  # a post names its victim, country and sector early: those finders read this much text


def is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def spaceless(c: str) -> bool:
    """A character of a script written without spaces between words (CJK, Hangul): no word boundaries."""
    return "\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af"


@dataclass
class Doc:
    text: str
    title: str = ""
    source: str = ""
    full: str = field(init=False)
    low: str = field(init=False)
    title_start: int = field(init=False)
    memo: dict[str, Any] = field(init=False, default_factory=dict, repr=False)  # per-post results shared by finders

    def __post_init__(self) -> None:
        self.text = self.text or ""
        self.title = self.title or ""
        self.title_start = len(self.text) + 2
        full = self.text + "\n\n" + self.title
        self.full = _INVISIBLE.sub(" ", full) if _INVISIBLE.search(full) else full
        self.low = same_length_lower(self.full)

    @property
    def head_end(self) -> int:
        """The end of the part of the text read for names, countries and sectors (`HEAD_CHARS`)."""
        return min(len(self.text), HEAD_CHARS)

    def in_title(self, pos: int) -> bool:
        return pos >= self.title_start


_DOT = re.compile(r"[A-Za-z0-9]\.[A-Za-z]")


def around_dots(pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """The matches of a domain-like `pattern`, tried only where a word has a dot inside it. A domain regex
    run over the whole text tries every position and is slow; dots inside words are rare."""
    stop = len(text) if end is None else end
    out: list[re.Match[str]] = []
    last_end = start
    for dot in _DOT.finditer(text, start, stop):
        if dot.start() < last_end:
            continue
        first = dot.start()
        while first > start and (text[first - 1].isalnum() or text[first - 1] in ".-"):
            first -= 1
        m = pattern.match(text, first, stop)
        if m:
            out.append(m)
            last_end = m.end()
    return out


@dataclass(frozen=True, slots=True)
class Found(Generic[T]):
    """A value found in `doc.full` between `start` and `end`, with how sure the finder is."""

    value: T
    start: int
    end: int
    weight: float = 1.0
    inferred: bool = False

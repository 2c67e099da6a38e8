"""The sector lexicons (taxonomy/data/lexicon/sectors/<lang>.yaml) as one automaton, and the scan of a text.

Every file lists, per sector, terms of four kinds (`name`, `strong`, `weak`, `stated`), plus `ignore`
phrases that describe the attacker, the data or the advice rather than the victim, and `reporting`
cues that introduce a news outlet ("according to", "reported"). All languages go
into one Aho-Corasick automaton, built once. A scan returns each term found at a word start, longest
match first, with ignore phrases hiding the terms inside them ("bank account" hides "bank").

Terms are matched on a copy of the lower-cased text whose non-word characters are spaces (same length,
so offsets hold); a term key starts with a space, so it can only match at a word start. A term with a
trailing * matches longer words too; a leading * matches inside a compound (German "*klinik*").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import ahocorasick

from darkwire.errors import VocabularyError
from darkwire.taxonomy import load_data, taxonomy

KINDS = ("name", "strong", "weak", "stated")
REPORTING = "_reporting"  # pseudo-sector of the cues that introduce a reporting outlet
LEXICON_DIR = "lexicon/sectors"
_NON_WORD = re.compile(r"[\W_]")
_PLURALS = ("s", "es")


@dataclass(frozen=True, slots=True)
class Entry:
    """What a term says: for each sector, the kinds of use it is listed under (empty for ignore)."""

    term: str
    senses: tuple[tuple[str, frozenset[str]], ...]
    prefix: bool = False  # trailing *: also matches longer words


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    entry: Entry


def normalise(low: str) -> str:
    """`low` with every non-word character a space, the same length (so offsets hold)."""
    return _NON_WORD.sub(" ", low)


def lexicon_files() -> list[str]:
    """The YAML files of the sector lexicon, one per language, sorted."""
    folder = resources.files("darkwire.taxonomy").joinpath("data", *LEXICON_DIR.split("/"))
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith((".yaml", ".yml")))
    return [f"{LEXICON_DIR}/{n}" for n in names]


class SectorLexicon:
    """All sector terms of all languages, in one automaton."""

    def __init__(self, files: list[str] | None = None) -> None:
        known = set(taxonomy().sectors)
        senses: dict[str, dict[str, set[str]]] = {}
        ignore: set[str] = set()
        for name in files if files is not None else lexicon_files():
            _read_file(name, load_data(name), known, senses, ignore)
        self.automaton = ahocorasick.Automaton()
        for term, by_sector in senses.items():
            if term not in ignore:
                self._add(term, tuple((s, frozenset(k)) for s, k in sorted(by_sector.items())))
        for term in ignore:
            self._add(term, ())
        if len(self.automaton):
            self.automaton.make_automaton()

    def _add(self, term: str, senses: tuple[tuple[str, frozenset[str]], ...]) -> None:
        prefix, infix = term.endswith("*"), term.startswith("*")
        word = normalise(term.strip("*"))
        if not word.strip():
            return
        key = word if infix else " " + word
        self.automaton.add_word(key, (len(key), Entry(term.strip("*"), senses, prefix)))

    def scan(self, low: str) -> list[Hit]:
        """The terms found in `low` (a lower-cased text), leftmost-longest, without overlaps."""
        if not len(self.automaton) or not low:
            return []
        padded = " " + normalise(low)
        found: list[Hit] = []
        for last, (length, entry) in self.automaton.iter(padded):
            end = _word_end(padded, last + 1, entry.prefix)
            if end < 0:
                continue
            start = last + 1 - length
            if padded[start] == " ":
                start += 1  # the key's leading space
            found.append(Hit(start - 1, end - 1, entry))  # offsets in `low`, without the pad
        return _leftmost_longest(found)


def _word_end(padded: str, end: int, prefix: bool) -> int:
    """Where the word matched up to `end` ends: at a word boundary, maybe after a plural; -1 if not."""
    n = len(padded)
    if end >= n or padded[end] == " ":
        return end
    if prefix:
        while end < n and padded[end] != " ":
            end += 1
        return end
    for suffix in _PLURALS:
        stop = end + len(suffix)
        if padded.startswith(suffix, end) and (stop >= n or padded[stop] == " "):
            return stop
    return -1


def _leftmost_longest(hits: list[Hit]) -> list[Hit]:
    hits.sort(key=lambda h: (h.start, h.start - h.end))
    out: list[Hit] = []
    last_end = -1
    for h in hits:
        if h.start >= last_end:
            out.append(h)
            last_end = h.end
    return out


def _read_file(
    name: str, raw: Any, known: set[str], senses: dict[str, dict[str, set[str]]], ignore: set[str]
) -> None:
    if not isinstance(raw, dict):
        raise VocabularyError(
            f"{name} must be a mapping with `sectors` and `ignore`: see lexicon/sectors/en.yaml"
        )
    for sector, kinds in (raw.get("sectors") or {}).items():
        if sector not in known:
            raise VocabularyError(f"{name}: unknown sector {sector!r}; use one of taxonomy.yaml `sectors`")
        for kind, terms in (kinds or {}).items():
            if kind not in KINDS:
                raise VocabularyError(f"{name}: {sector}.{kind} is not one of {', '.join(KINDS)}")
            for term in terms or ():
                key = str(term).strip().lower()
                if key:
                    senses.setdefault(key, {}).setdefault(sector, set()).add(kind)
    ignore.update(str(t).strip().lower() for t in raw.get("ignore") or () if str(t).strip())
    for cue in raw.get("reporting") or ():
        senses.setdefault(str(cue).strip().lower(), {}).setdefault(REPORTING, set()).add("cue")

"""The sector lexicons (taxonomy/data/lexicon/sectors/<lang>.yaml) as one automaton, and the scan of a text.

Every file lists, per sector, terms of four kinds (`name`, `strong`, `weak`, `stated`), plus `ignore`
phrases that describe the attacker, the data or the advice rather than the victim, `reporting`
cues that introduce a news outlet ("according to", "reported") and `clients` cues after which sector
words are the victim's clients ("software to hospitals").

All languages go into one Aho-Corasick automaton, built once, whose keys are " " + term: they only
match at a word start. The text scanned is the lower-cased text with brackets, quotes, dashes and line
breaks made spaces (the same length, so offsets hold; the terms are read the same way). A scan keeps
the terms that end at a word end (or after a plural "s"), longest first, and ignore phrases hide the
terms inside them ("bank account" hides "bank"). A term with
a trailing * matches longer words too; a leading * matches inside a compound (German "*klinikum"); an
inner * lets a word of a phrase take any ending (Russian "сотов* оператор*").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any, NamedTuple

import ahocorasick

from darkwire.errors import VocabularyError
from darkwire.taxonomy import load_data, taxonomy

KINDS = ("name", "strong", "weak", "stated")
REPORTING = "reporting"  # cues that introduce a reporting outlet
CLIENTS = "clients"  # cues after which sector words are the victim's clients
LEXICON_DIR = "lexicon/sectors"
_SPACES = ".,;:\n\t\r([{<\"'«»“”‘’„/-–—*#|_"  # read as spaces, in texts and terms alike
_PLURALS = ("s", "es")


class Sense(NamedTuple):
    """How one term is listed for one sector: under which kinds."""

    sector: str
    name: bool = False
    stated: bool = False
    strong: bool = False
    weak: bool = False

    def merged(self, other: Sense) -> Sense:
        return Sense(self.sector, *(a or b for a, b in zip(self[1:], other[1:], strict=True)))


Senses = tuple[Sense, ...]


@dataclass(frozen=True, slots=True)
class Entry:
    """What a term says: the sectors it points at, with the kinds of use it is listed under."""

    term: str
    senses: Senses = ()
    cue: str | None = None  # REPORTING or CLIENTS for a cue phrase; no senses and no cue: ignore
    prefix: bool = False  # trailing *: also matches longer words
    tail: re.Pattern[str] | None = None  # the rest of a term with an inner *
    infix: bool = False  # leading *: matches inside a compound, whose head it then is
    head_final: bool = False  # listed for a language whose names end in their head noun ("X Hospital")
    named: bool = False  # listed as a name word for some sector

    @property
    def whole(self) -> bool:
        """Whether the term matches whole words only (no wildcard)."""
        return self.tail is None and not self.prefix

    @property
    def ignored(self) -> bool:
        return not self.senses and self.cue is None


class Hit(NamedTuple):
    start: int
    end: int
    entry: Entry


def lexicon_files() -> list[str]:
    """The YAML files of the sector lexicon, one per language, sorted."""
    folder = resources.files("darkwire.taxonomy").joinpath("data", *LEXICON_DIR.split("/"))
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith((".yaml", ".yml")))
    return [f"{LEXICON_DIR}/{n}" for n in names]


class SectorLexicon:
    """All sector terms of all languages, in one automaton."""

    def __init__(self, files: list[str] | None = None) -> None:
        known = set(taxonomy().sectors)
        entries: dict[str, Entry] = {}
        ignore: set[str] = set()
        for name in files if files is not None else lexicon_files():
            _read_file(name, load_data(name), known, entries, ignore)
        for term in list(ignore):
            if term in entries and entries[term].cue:  # a cue stays a cue, but names no sector
                entries[term] = replace(entries[term], senses=(), named=False)
                ignore.discard(term)
            else:
                entries.pop(term, None)
        self.heads: Any = None
        self.automaton = _automaton(entries.values())
        # An ignore phrase is only worth scanning for if it hides a term ("bank account", not "hackers").
        useful = [_entry(t) for t in ignore if self._scan(" " + spaced(t) + " ")]
        self.automaton = _automaton([*entries.values(), *useful])
        heads = [e for e in entries.values() if e.infix]
        self.heads = _automaton(heads) if heads else None

    def scan(self, low: str) -> list[Hit]:
        """The terms found in `low` (a lower-cased text), leftmost-longest, without overlaps."""
        return self._scan(" " + spaced(low)) if low else []

    def _scan(self, padded: str) -> list[Hit]:
        if not len(self.automaton):
            return []
        found: list[Hit] = []
        n, covered = len(padded), -1
        for last, (length, entries, whole) in self.automaton.iter_long(padded):
            end = last + 1
            start = end - length - 1  # in the unpadded text
            if start < covered:
                continue  # inside the end of a longer word or phrase already found
            if whole is not None and (end >= n or not padded[end].isalnum()):
                found.append(Hit(start, last, whole))  # the common case: a whole word
                continue
            hit = self._hit(padded, start, end, entries)
            if hit:
                found.append(hit)
                covered = hit.end
        return found

    def _hit(self, padded: str, start: int, end: int, entries: tuple[Entry, ...]) -> Hit | None:
        """The hit of the entries filed under one key that match here: the longest, pooled if several."""
        best: Hit | None = None
        for entry in entries:
            stop = _term_end(padded, end, entry) - 1
            if stop < 0 or (best and stop < best.end):
                continue
            if best and stop == best.end:
                best = Hit(start, stop, _pooled(best.entry, entry))
            else:
                best = Hit(start, stop, entry)
        if best and best.entry.prefix and best.end > end - 1 and self.heads is not None:
            return self._compound_head(padded, best, end)
        return best

    def _compound_head(self, padded: str, hit: Hit, end: int) -> Hit:
        """The head of a compound whose first part `hit` matched ("Universitäts|klinikum")."""
        word = padded[end : hit.end + 1]
        for last, (length, entries, _) in self.heads.iter_long(word):
            if last == len(word) - 1 and entries[0].tail is None:
                return Hit(end + last - length, hit.end, entries[0])
        return hit


def spaced(text: str) -> str:
    """`text` with brackets, quotes, dashes and line breaks made spaces (the same length)."""
    for c in _SPACES:
        if c in text:
            text = text.replace(c, " ")
    return text


def _automaton(entries: Any) -> Any:
    by_key: dict[str, list[Entry]] = {}
    for entry in entries:
        head = spaced(entry.term.split("*", 1)[0] if entry.tail else entry.term)
        by_key.setdefault(head if entry.infix else " " + head, []).append(entry)
    automaton = ahocorasick.Automaton()
    for key, listed in by_key.items():
        # the stored length is that of the word, so that start = end - length is the word's start
        # and the entry alone under its key if it matches whole words only (the common case, decided here)
        whole = listed[0] if len(listed) == 1 and listed[0].whole else None
        automaton.add_word(key, (len(key) - (0 if listed[0].infix else 1), tuple(listed), whole))
    if len(automaton):
        automaton.make_automaton()
    return automaton


def _entry(term: str, senses: Senses = (), cue: str | None = None, head_final: bool = False) -> Entry:
    """The entry of a lexicon term, with its wildcards read."""
    infix, prefix = term.startswith("*"), term.endswith("*") and len(term) > 1
    core = term[1 if infix else 0 : -1 if prefix else None]
    _, star, rest = core.partition("*")
    tail = _tail_pattern(rest, prefix) if star else None
    named = any(x.name for x in senses)
    return Entry(core, senses, cue, prefix, tail, infix, head_final, named)


def _tail_pattern(rest: str, prefix: bool) -> re.Pattern[str]:
    """What must follow the stem of a term with an inner * ("сотов* оператор*": any ending, then "оператор")."""
    parts = [r"[\W_]+".join(re.escape(w) for w in spaced(p).split()) for p in rest.split("*")]
    glue = [r"[\W_]+" + p if p else "" for p in parts]
    end = r"\w*" if prefix else r"(?:s|es)?(?!\w)"
    return re.compile(r"\w*" + r"\w*".join(glue) + end)


def _term_end(padded: str, end: int, entry: Entry) -> int:
    if entry.tail is None:
        return _word_end(padded, end, entry.prefix)
    m = entry.tail.match(padded, end)
    return m.end() if m else -1


def _word_end(padded: str, end: int, prefix: bool) -> int:
    """Where the word matched up to `end` ends: at a word boundary, maybe after a plural; -1 if not."""
    n = len(padded)
    if end >= n or not padded[end].isalnum():
        return end
    if prefix:
        while end < n and padded[end].isalnum():
            end += 1
        return end
    for suffix in _PLURALS:
        stop = end + len(suffix)
        if padded.startswith(suffix, end) and (stop >= n or not padded[stop].isalnum()):
            return stop
    return -1


def _pooled(a: Entry, b: Entry) -> Entry:
    by_sector: dict[str, Sense] = {}
    for x in a.senses + b.senses:
        by_sector[x.sector] = by_sector[x.sector].merged(x) if x.sector in by_sector else x
    pooled = tuple(by_sector[k] for k in sorted(by_sector))
    return replace(
        a,
        senses=pooled,
        cue=a.cue or b.cue,
        head_final=a.head_final or b.head_final,
        named=a.named or b.named,
    )


def _read_file(name: str, raw: Any, known: set[str], entries: dict[str, Entry], ignore: set[str]) -> None:
    """Add the terms of one lexicon file to `entries` (pooling the senses of a term listed twice)."""
    if not isinstance(raw, dict):
        raise VocabularyError(f"{name} must map `sectors`, `ignore`, `reporting`, `clients`: see sectors/en.yaml")
    head_final = bool(raw.get("head_final"))
    for sector, kinds in (raw.get("sectors") or {}).items():
        if sector not in known:
            raise VocabularyError(f"{name}: unknown sector {sector!r}; use one of taxonomy.yaml `sectors`")
        for kind, terms in (kinds or {}).items():
            if kind not in KINDS:
                raise VocabularyError(f"{name}: {sector}.{kind} is not one of {', '.join(KINDS)}")
            for term in _terms(terms):
                new = _entry(term, (Sense(sector, **{kind: True}),), head_final=head_final)
                entries[term] = _pooled(entries[term], new) if term in entries else new
    for cue_kind in (REPORTING, CLIENTS):
        for term in _terms(raw.get(cue_kind)):
            entries[term] = replace(entries[term], cue=cue_kind) if term in entries else _entry(term, cue=cue_kind)
    ignore.update(_terms(raw.get("ignore")))


def _terms(raw: Any) -> list[str]:
    return [t for t in (str(x).strip().lower() for x in raw or ()) if t.strip("*")]

"""The data-type vocabulary: YAML lexicons (one per language, plus column names) built into one automaton.

Each file in `taxonomy/data/lexicon/data_types/` has the same shape:

    types:        {data type: [term, ...]}   # a term starting with "~" is weak (see below)
    ignore:       [phrase, ...]               # contains a type word but claims no data ("email server")
    negation:     [cue, ...]                  # "not", "without", "sin": the terms after it are not claimed
    after_negation: [cue, ...]                # "were not affected": the terms before it are not claimed
    speculation:  [cue, ...]                  # "could", "potentially", "should": hedges and advice
    reset:        [cue, ...]                  # "but", "however": a cue's scope ends here
    holder:       [cue, ...]                  # "records of": a weak term right after it is claimed

Terms are matched on whole words, case-insensitively, with every non-letter, non-digit character (and
`_`) read as a space: "e-mail" finds "e-mail" and "e mail", "first_name" finds "first name", "First_Name"
and "first-name". Where terms overlap the longest wins, so "email address" hides "address" and "user
name" hides "name". A weak term ("~name", "~ip") counts only next to another data-type term, as in a
list or a schema; alone in prose it is too ambiguous. A term listed under two types claims both
("patient names": name and health).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from darkwire.analyze.scan import Scanner
from darkwire.errors import VocabularyError
from darkwire.taxonomy import load_data, taxonomy

FOLDER = "lexicon/data_types"
CUE_KINDS = ("ignore", "negation", "after_negation", "speculation", "reset", "holder")

# One non-word character (or `_`) becomes one space: same length, so offsets hold. Spaces are left
# out of the class only because replacing them by themselves would cost time.
SEPARATOR = re.compile(r"[^\w ]|_")


@dataclass(frozen=True, slots=True)
class Entry:
    """What a matched key means: a cue kind, or "type" with the data types it claims."""

    kind: str
    types: tuple[str, ...] = ()
    weak: bool = False


def normalize(term: str) -> str:
    """A term as the automaton stores it: lower case, each separator a space, padded with one space.

    Runs of spaces in the term collapse, but each punctuation mark stays a space of its own, as in the
    scanned text: "patients' records" is stored as "patients  records" and so matches that text.
    """
    key = SEPARATOR.sub(" ", " ".join(term.lower().split())).strip(" ")
    return " " + key + " " if key else ""


GENERIC_PERSONAL = "personal_data"  # lexicon-only type: personal data of no named kind (see generic.yaml)


def lexicon_files() -> list[str]:
    """The names of every YAML file in the data-types lexicon folder, sorted (for load_data)."""
    folder = resources.files("darkwire.taxonomy").joinpath("data", *FOLDER.split("/"))
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".yaml"))
    if not names:
        raise VocabularyError(f"no data-type lexicon in taxonomy/data/{FOLDER}: reinstall darkwire")
    return [f"{FOLDER}/{name}" for name in names]


class Lexicon:
    """Every term and cue of every lexicon file, keyed by its normalized form, in one automaton."""

    def __init__(self, sources: Mapping[str, Any] | None = None) -> None:
        """Builds from `sources` (file name -> parsed YAML), by default every file of the folder."""
        self.entries: dict[str, Entry] = {}
        self._known = set(taxonomy().data_types) | {GENERIC_PERSONAL}
        if sources is None:
            sources = {name: load_data(name) for name in lexicon_files()}
        for name, raw in sources.items():
            self._add_file(name, raw)
        self.automaton = Scanner((key, (len(key), entry)) for key, entry in self.entries.items())

    def types_covered(self) -> set[str]:
        return {t for e in self.entries.values() for t in e.types}

    def _add_file(self, name: str, raw: Any) -> None:
        if not isinstance(raw, dict):
            raise VocabularyError(f"{name} must map `types` and cue lists: see {FOLDER}/en.yaml")
        unknown = set(raw) - {"types", "language", *CUE_KINDS}
        if unknown:
            raise VocabularyError(f"{name} has unknown keys {sorted(unknown)}: use types, {CUE_KINDS}")
        for dtype, terms in (raw.get("types") or {}).items():
            if dtype not in self._known:
                raise VocabularyError(f"{name}: `{dtype}` is not a data type of taxonomy.yaml")
            for term in _as_list(name, dtype, terms):
                weak = term.startswith("~")
                self._add(name, term.lstrip("~"), Entry("type", (dtype,), weak))
        for kind in CUE_KINDS:
            for term in _as_list(name, kind, raw.get(kind)):
                self._add(name, term, Entry(kind))

    def _add(self, name: str, term: str, entry: Entry) -> None:
        key = normalize(term)
        if not key:
            return
        old = self.entries.get(key)
        if old is None:
            self.entries[key] = entry
        elif old.kind == entry.kind == "type":
            types = old.types + tuple(t for t in entry.types if t not in old.types)
            self.entries[key] = Entry("type", types, old.weak and entry.weak)
        elif old.kind != entry.kind:
            raise VocabularyError(f"{name}: `{term}` is both {old.kind} and {entry.kind}: keep it in one list only")


def _as_list(name: str, what: str, terms: Any) -> list[str]:
    if terms is None:
        return []
    if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
        raise VocabularyError(
            f"{name}: `{what}` must be a list of strings (quote what YAML reads otherwise: 'no', 'on')"
        )
    return terms

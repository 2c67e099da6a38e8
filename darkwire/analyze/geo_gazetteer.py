"""The country gazetteer: every name, demonym, place and cue of a country, in one Aho-Corasick automaton.

Built once from the data files in `darkwire/taxonomy/data/geo/`: `names.json` (generated from pycountry
by tools/gen_geo_names.py), `towns.json` (generated from GeoNames by the same tool), and the hand-written
`names.yaml`, `demonyms.yaml`, `places.yaml`, `cues.yaml` and `ambiguous.yaml`. Keys are lower-cased and
matched in `doc.low`; an entry written "=US" must match the original text exactly, an entry ending in "*"
matches any word starting with it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from darkwire.analyze.scan import Scanner
from darkwire.analyze.text import same_length_lower
from darkwire.taxonomy import load_data

# kind -> weight of one mention of that kind; kinds that name no country give an inferred country
WEIGHTS = {
    "name": 1.0,
    "demonym": 0.8,
    "subdivision": 0.7,
    "city": 0.6,
    "state_code": 0.9,
    "domain": 0.6,
    "phone": 0.4,
    "town": 0.5,
    "cue": 0.35,
    "hint": 0.15,
    "county": 0.5,
    "dollar": 0.1,
}
NAMED_KINDS = frozenset({"name", "demonym"})
PRIORITY = {"name": 0, "demonym": 1, "subdivision": 2, "city": 3, "cue": 4, "town": 5, "hint": 6}
_SHORT_NEEDS_CAPITAL = 5  # Latin-script names this short are read only with a capital ("Peru", not "peru")
_LATIN = re.compile(r"[a-z\u00c0-\u024f' .\-]+")


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer key: the countries it points to (several when ambiguous) and how to read it."""

    codes: tuple[str, ...]  # empty: a blocker ("Latin American") that names no country
    kind: str
    exact: str | None = None  # the original spelling that must match, for case-sensitive entries
    capital: bool = False  # the original must start with a capital letter
    prefix: bool = False  # matches any word that starts with the key


def _read_json(name: str) -> Any:
    path = resources.files("darkwire.taxonomy").joinpath("data", "geo", name)
    with path.open("r", encoding="utf-8") as f:
        return json.load(f)


def _parse(raw: str) -> tuple[str, str | None, bool]:
    """A written entry -> (lower-cased key, exact spelling or None, prefix?)."""
    exact = raw.startswith("=")
    text = raw[1:] if exact else raw
    prefix = text.endswith("*")
    text = text.rstrip("*")
    return same_length_lower(text), (text if exact else None), prefix


class Gazetteer:
    """Maps keys to `Entry` values; `automaton` finds them all in one pass over `doc.low`."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        amb = load_data("geo/ambiguous.yaml") or {}
        self._capital = {str(x).lower() for x in amb.get("needs_capital", [])}
        self._drop = {str(x).lower() for x in amb.get("drop", [])}
        self._town_drop = {str(x).lower() for x in amb.get("not_towns", [])}
        generated = _read_json("names.json")
        for key, code in generated["countries"].items():
            self._add_key(key, (code,), "name")
        for key, codes in generated["subdivisions"].items():
            self._add_key(key, tuple(codes), "subdivision")
        self._add_lists(load_data("geo/names.yaml"), "name")
        self._add_lists(load_data("geo/demonyms.yaml"), "demonym")
        places = load_data("geo/places.yaml")
        self._add_lists(places["cities"], "city")
        self._add_lists(places.get("regions") or {}, "subdivision")
        cues = load_data("geo/cues.yaml")
        self._add_lists(cues["institutions"], "cue")
        self._add_lists(cues.get("hints") or {}, "hint")
        # towns come last: a town that shares a listed city's name ("Norwich") makes that city ambiguous
        for key, codes in _read_json("towns.json").items():
            if key not in self._town_drop:
                self._add_key(key, tuple(codes.split()), "town")
        self.legal_suffixes = {str(k): tuple(v) for k, v in (cues.get("legal_suffixes") or {}).items()}
        self.legal_prefixes = {str(k): tuple(v) for k, v in (cues.get("legal_prefixes") or {}).items()}
        self.state_codes: dict[str, str] = {c: code for code, items in places["state_codes"].items() for c in items}
        self.automaton = _automaton({k: e for k, e in self.entries.items() if e.exact is None})
        # case-sensitive entries ("US", "NHS") are found in the original text, by their own automaton
        self.exact_automaton = _automaton({e.exact: e for e in self.entries.values() if e.exact})

    def _add_lists(self, data: dict[str, list[str]], kind: str) -> None:
        for code, items in data.items():
            codes = () if code == "-" else (str(code),)
            for raw in items or []:
                key, exact, prefix = _parse(str(raw))
                self._add_key(key + ("*" if prefix else ""), codes, kind, exact)

    def _add_key(self, key: str, codes: tuple[str, ...], kind: str, exact: str | None = None) -> None:
        prefix = key.endswith("*")
        bare = key.rstrip("*")
        if not bare or (bare in self._drop and kind == "name"):
            return
        latin = bool(_LATIN.fullmatch(bare))
        capital = kind in ("city", "subdivision", "town") or bare in self._capital
        capital = capital or (latin and len(bare) <= _SHORT_NEEDS_CAPITAL and kind == "name")
        new = Entry(codes, kind, exact, capital and exact is None, prefix)
        old = self.entries.get(bare)
        if old is None or PRIORITY.get(kind, 9) < PRIORITY.get(old.kind, 9):
            self.entries[bare] = new
        elif (old.kind == kind or (old.kind, kind) == ("city", "town")) and codes and old.codes:
            more = tuple(c for c in codes if c not in old.codes)
            if more:
                self.entries[bare] = Entry(old.codes + more, old.kind, old.exact, old.capital, old.prefix)


def _automaton(entries: dict[str, Entry]) -> Scanner[tuple[str, Entry]]:
    return Scanner((key, (key, entry)) for key, entry in entries.items())

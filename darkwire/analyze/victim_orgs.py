"""Known organisations (`taxonomy/data/orgs/*.yaml`): canonical name, aliases in several languages,
domain, country and sector, so that "Mexican Social Security Institute (IMSS)" and "Instituto Mexicano del
Seguro Social" are one organisation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

from darkwire.analyze.scan import Scanner
from darkwire.errors import VocabularyError
from darkwire.model import Victim
from darkwire.taxonomy import load_data


@dataclass(frozen=True)
class Org:
    name: str
    aliases: tuple[str, ...]
    domain: str | None
    country: str | None
    sector: str | None

    def merged_into(self, found: Victim) -> Victim:
        aliases = [a for a in (found.name, *found.aliases, *self.aliases) if a and a != self.name]
        return Victim(
            name=self.name,
            aliases=list(dict.fromkeys(aliases)),
            domain=found.domain or self.domain,
            country=found.country or self.country,
            sector=found.sector or self.sector,
        )


_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=16384)
def name_key(name: str) -> str:
    """A name's comparison key: lower case, punctuation as spaces ("St. Mary's" -> "st mary s")."""
    return _NON_WORD.sub(" ", name.lower()).strip()


_INNER_CAPITAL = re.compile(r"[A-Z][a-z]+[A-Z][A-Za-z]*")
_TWO_WORDS = re.compile(r"([a-z]{3,})([A-Z][a-z]{2,})")  # "easyJet", not "UnionBank" ("Union Bank" is many)


def _spellings(name: str) -> tuple[str, ...]:
    """A name as the gazetteer writes it, and a one-word name with inner capitals as writers often flatten
    it ("SendGrid" -> "Sendgrid"), or split it when it starts in lower case ("easyJet" -> "Easy Jet")."""
    out = [name]
    if len(name) >= 6 and _INNER_CAPITAL.fullmatch(name):
        out.append(name[0] + name[1:].lower())
    if two := _TWO_WORDS.fullmatch(name):
        out.append(f"{two[1][0].upper()}{two[1][1:]} {two[2]}")
    return tuple(out)


class OrgIndex:
    """Known organisations by every normalised name and alias."""

    def __init__(self) -> None:
        self._by_key: dict[str, Org] = {}
        self.conflicts: list[tuple[str, str, str]] = []  # (name, organisation kept, organisation shadowed)
        folder = resources.files("darkwire.taxonomy").joinpath("data", "orgs")
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            if entry.name.endswith(".yaml"):
                for raw in load_data(f"orgs/{entry.name}") or []:
                    self._add(raw)

    def _add(self, raw: dict[str, Any]) -> None:
        try:
            org = Org(
                name=str(raw["name"]),
                aliases=tuple(str(a) for a in raw.get("aliases") or []),  # YAML reads 3M or 1&1 as it likes
                domain=str(raw["domain"]).lower() if raw.get("domain") else None,
                country=str(raw["country"]).upper() if raw.get("country") else None,
                sector=raw.get("sector"),
            )
        except (KeyError, TypeError, AttributeError) as e:
            raise VocabularyError(f"a known organisation lacks or misshapes {e}: {raw!r}") from e
        for n in (org.name, *org.aliases, *([org.domain] if org.domain else [])):
            known = self._by_key.setdefault(name_key(n), org)
            if known.name != org.name:
                self.conflicts.append((n, known.name, org.name))  # the first file read keeps the name

    @cached_property
    def _automaton(self) -> Any:
        """Every name and alias as written (case matters), for finding known organisations in a text."""
        orgs = {id(o): o for o in self._by_key.values()}.values()
        return Scanner(
            (written, (written, org))
            for org in orgs
            for n in (org.name, *org.aliases)
            if len(n) >= 4 or (len(n) == 3 and n.isupper())
            for written in _spellings(n)
        )

    def mentions(self, text: str) -> list[tuple[Org, int, int]]:
        """Each naming of a known organisation in `text` (as written, on word boundaries): the organisation
        and the span, in order of where the name ends."""
        found: list[tuple[Org, int, int]] = []
        if not len(self._automaton):
            return found
        for end, (name, org) in self._automaton.iter(text):
            start = end - len(name) + 1
            before = text[start - 1] if start > 0 else " "
            after = text[end + 1] if end + 1 < len(text) else " "
            if not (before.isalnum() or after.isalnum()):
                found.append((org, start, end + 1))
        return found

    def lookup(self, name: str, aliases: list[str] | tuple[str, ...] = ()) -> Org | None:
        for n in (name, *aliases):
            org = self._by_key.get(name_key(n))
            if org is not None:
                return org
        return None

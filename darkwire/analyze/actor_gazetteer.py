"""The gazetteer of known threat actors and ransomware groups, and how a written name resolves to one.

Two sources, read once when the gazetteer is built:

- the curated groups in `taxonomy/data/actors/groups.yaml`: the canonical spelling analysts use
  ("LockBit", not "Lockbit3"; "ALPHV" with "BlackCat"), extra aliases, and which names are also
  ordinary words (`ambiguous`), so that a bare mention of them is not taken for the group;
- the MISP galaxy clusters `threat-actor.json` and `ransomware.json` shipped with pymispgalaxies
  (each cluster's `value` and `meta.synonyms`), read as plain JSON files.

A galaxy cluster that shares a name with a curated group is folded into it (its other names become
aliases). Names are compared by `name_key`: case, accents, spaces and punctuation do not count.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

from darkwire.taxonomy import load_data

GALAXY_FILES = ("ransomware.json", "threat-actor.json")
_DROP = re.compile(r"fake|not an official|related to|formerly|[\[\]{}\"<>]", re.I)
_PAREN = re.compile(r"\s*\([^)]*\)\s*$")
_PREFIX = re.compile(r"^(?:subgroup|of ransomware)\s*:\s*", re.I)
_SUFFIX = re.compile(r"[\s_-]+(?:ransom(?:e?ware)?|group|gang|team|crew|apt)$", re.I)
_VERSION = re.compile(r"[\s_-]*v?\d+(?:\.\d+)*$|\s+(?:black|green|red|blue|supp)$", re.I)


def name_key(name: str) -> str:
    """`name` without case, accents, spaces or punctuation: "Black Basta" and "BlackBasta" meet."""
    text = unicodedata.normalize("NFKD", name).casefold()
    return "".join(c for c in text if c.isalnum())


def name_keys(name: str) -> list[str]:
    """The key of `name`, then that of `name` without a suffix such as "ransomware" or "group"."""
    keys = [name_key(name)]
    bare = _SUFFIX.sub("", name.strip())
    if bare != name.strip():
        keys.append(name_key(bare))
    return [k for k in keys if len(k) >= 3]


@dataclass(frozen=True, slots=True)
class Group:
    """A known actor: its canonical name, other names, and whether the name is also a common word."""

    name: str
    aliases: tuple[str, ...] = ()
    ambiguous: bool = False
    curated: bool = False

    def names(self) -> Iterator[str]:
        yield self.name
        yield from self.aliases


def clean_galaxy_name(raw: str) -> str | None:
    """A galaxy name fit to show and to match ("Ryuk ransomware" -> "Ryuk"), or None for junk."""
    if not raw or _DROP.search(raw):
        return None
    name = _PREFIX.sub("", _PAREN.sub("", raw.strip())).strip()
    bare = re.sub(r"\s+ransome?ware$", "", name, flags=re.I).strip()
    name = bare or name
    return name if len(name_key(name)) >= 3 else None


class Gazetteer:
    """Resolves a written name to a `Group`; lists every known name for scanning a text."""

    def __init__(self, clusters: Iterable[list[str]] | None = None) -> None:
        self._by_key: dict[str, Group] = {}
        self._cache: dict[str, Group | None] = {}
        curated = _curated_groups()
        curated_by_key = {k: g for g in curated for n in g.names() for k in name_keys(n)}
        extra: dict[str, list[str]] = {g.name: [] for g in curated}
        rest: list[list[str]] = []
        for names in galaxy_clusters() if clusters is None else clusters:
            owner = next((curated_by_key[k] for n in names for k in name_keys(n) if k in curated_by_key), None)
            if owner is None:
                rest.append(names)
            else:
                extra[owner.name].extend(names)
        for g in curated:
            more = [n for n in extra[g.name] if name_key(n) not in {name_key(x) for x in g.names()}]
            self._add(Group(g.name, _unique([*g.aliases, *more]), g.ambiguous, curated=True), force=True)
        for names in rest:
            self._add(Group(names[0], _unique(names[1:])))

    def _add(self, group: Group, force: bool = False) -> None:
        for n in group.names():
            for k in name_keys(n):
                if force or k not in self._by_key:
                    self._by_key[k] = group

    def resolve(self, written: str) -> Group | None:
        """The group `written` names: as it is, without a suffix ("group"), or without a version."""
        if written in self._cache:
            return self._cache[written]
        if len(self._cache) > 50_000:
            self._cache.clear()
        found = self._cache[written] = self._resolve(written)
        return found

    def _resolve(self, written: str) -> Group | None:
        for k in name_keys(written):
            if k in self._by_key:
                return self._by_key[k]
        bare = _VERSION.sub("", _SUFFIX.sub("", written.strip()))
        if bare and bare != written.strip():
            return self._by_key.get(name_key(bare)) if len(name_key(bare)) >= 3 else None
        return None

    def bare_names(self) -> Iterator[tuple[str, Group]]:
        """The names that may stand alone in a text and still mean their group, lower-cased.

        Never those of ambiguous groups; of a curated group, its name and its coined aliases
        ("BlackCat"); of a galaxy cluster, only its primary name when coined ("ShinyHunters") or of
        several words ("Fancy Bear").
        """
        groups = {id(g): g for g in self._by_key.values()}
        for group in groups.values():
            if group.ambiguous:
                continue
            names = group.names() if group.curated else iter((group.name,))
            for n in names:
                primary = n == group.name and group.curated
                if len(name_key(n)) >= 4 and (primary or _coined(n) or len(n.split()) > 1):
                    yield n.lower(), group


def _coined(name: str) -> bool:
    """Digits, inner capitals or $ in a name: no ordinary word looks like it ("LockBit", "APT28")."""
    return bool(re.search(r"\d|[a-z][A-Z]|[A-Z]{2,}[a-z]|\$", name))


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    out: dict[str, str] = {}
    for n in names:
        out.setdefault(name_key(n), n)
    return tuple(out.values())


def _curated_groups() -> list[Group]:
    raw = load_data("actors/groups.yaml") or {}
    groups = []
    for entry in raw.get("groups", []):
        groups.append(
            Group(
                name=str(entry["name"]),
                aliases=tuple(str(a) for a in entry.get("aliases", [])),
                ambiguous=bool(entry.get("ambiguous", False)),
                curated=True,
            )
        )
    return groups


def galaxy_clusters() -> Iterator[list[str]]:
    """The cleaned names of each cluster of the MISP galaxies, primary name first.

    Of the ransomware galaxy only the clusters with leak-site links are groups; the others are
    malware families, often named after what they imitate ("Netflix", "WeChat").
    """
    root = resources.files("pymispgalaxies").joinpath("data", "misp-galaxy", "clusters")
    for fname in GALAXY_FILES:
        try:
            with root.joinpath(fname).open("r", encoding="utf-8") as f:
                data: dict[str, Any] = json.load(f)
        except (FileNotFoundError, OSError, ValueError):
            continue  # the curated groups still work without the galaxies
        for cluster in data.get("values", []):
            meta = cluster.get("meta") or {}
            if fname == "ransomware.json" and not meta.get("links"):
                continue  # a malware family ("Netflix Ransomware"), not a group with a leak site
            raw = [cluster.get("value", ""), *(meta.get("synonyms") or [])]
            names = [n for n in (clean_galaxy_name(str(r)) for r in raw) if n]
            if names and clean_galaxy_name(str(cluster.get("value", ""))):
                yield list(_unique(names))

"""Actors: the group or handle that makes a claim, resolved against known groups.

Where the actor comes from, strongest first:

1. the input's `source`, when it names a leak site ("LockBit 3.0 leak site" -> LockBit): the group
   that runs the site is the one making the claim;
2. a cue in the text that says a name is an actor ("a group calling itself X", "threat actor X",
   "the X ransomware gang", "el grupo X", "группировка X"; see `actor_cues`);
3. a bare mention of a known group whose name cannot be an ordinary word ("LockBit", "ShinyHunters").

A name is resolved against the gazetteer (`actor_gazetteer`) to its canonical name and aliases, or kept
as written when it is no known group. Several names in one text are weighed: cue mentions count more
than bare ones, and a mention in the title counts a little more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from darkwire.analyze.actor_cues import Cue, Cues, Name, handle_shaped
from darkwire.analyze.actor_gazetteer import Gazetteer, Group, name_key
from darkwire.analyze.terms import Hit, TermMatcher, shared_matcher
from darkwire.analyze.text import Doc, Found

_LEAK_SITE = re.compile(
    r"^\s*(?P<name>.+?)[\s'’s]*(?:ransomware\s+|extortion\s+)?(?:data\s+)?"
    r"(?:leak\s*site|leaks?\s*blog|leak\s*page|dls|blog|onion(?:\s+site)?|shame\s+site|portal)\s*$",
    re.I,
)
_HANDLE_WORD = re.compile(r"handle|alias|moniker|nick|user ?name|pseudo|apodo|apelido|ник|псевдоним", re.I)
_GROUP_WORD = re.compile(r"\s+(?:ransomware|group|gang|team)$", re.I)
TITLE_BONUS = 2.0  # a title names the story's actor more surely than a passing mention in the text
MAX_HITS = 300  # a post with more cue words and names than this is read on its first ones


@dataclass(frozen=True)
class ActorRef:
    name: str
    aliases: tuple[str, ...] = field(default=())


@dataclass
class _Tally:
    ref: ActorRef
    score: float
    start: int
    end: int


def _matcher(gazetteer: Gazetteer, cues: Cues) -> TermMatcher[Cue | Group]:
    terms: list[tuple[str, Cue | Group]] = [*cues.terms, *gazetteer.bare_names()]
    return TermMatcher(terms)


@cache
def _default_vocabulary() -> tuple[Gazetteer, Cues, TermMatcher[Cue | Group]]:
    """The gazetteer and cues every default `ActorFinder` shares, built once."""
    gazetteer, cues = Gazetteer(), Cues()
    return gazetteer, cues, _matcher(gazetteer, cues)


def actor_matcher() -> TermMatcher[Cue | Group]:
    """The cue words and bare group names of the default vocabularies (read through `shared_matcher`)."""
    return _default_vocabulary()[2]


class ActorFinder:
    """Holds the gazetteer and the cue lexicon (built once) and finds the claiming actor of a post.

    With the default vocabularies, the text is read in the pass of `shared_matcher`, with the other
    vocabularies of `doc.low`."""

    def __init__(self, gazetteer: Gazetteer | None = None, cues: Cues | None = None) -> None:
        self.shared = gazetteer is None and cues is None
        if self.shared:
            self.gazetteer, self.cues, self.matcher = _default_vocabulary()
        else:
            self.gazetteer = gazetteer or Gazetteer()
            self.cues = cues or Cues()
            self.matcher = _matcher(self.gazetteer, self.cues)

    def find(self, doc: Doc) -> Found[ActorRef] | None:
        """The claiming actor, from the text or from `doc.source` ("LockBit 3.0 leak site")."""
        from_source = self.from_source(doc.source)
        tallies = self._tally(doc)
        if from_source is not None:
            same = tallies.get(name_key(from_source.name))
            if same:
                return Found(from_source, same.start, same.end)
            return Found(from_source, 0, 0)
        if not tallies:
            return None
        best = max(tallies.values(), key=lambda t: (t.score, -t.start))
        return Found(best.ref, best.start, best.end, weight=min(1.0, best.score / 3))

    def from_source(self, source: str) -> ActorRef | None:
        """The group whose leak site `source` names ("ALPHV leak site" -> ALPHV), or None."""
        source = (source or "").strip()[:200]
        m = _LEAK_SITE.match(source)
        if m:
            written = _GROUP_WORD.sub("", m.group("name").strip(" -:|")).strip()
            if len(name_key(written)) >= 2:
                group = self.gazetteer.resolve(written)
                return self._ref(group, written) if group else ActorRef(written)
        group = self.gazetteer.resolve(source) if source else None
        if group and group.curated:
            return self._ref(group, source)
        return None

    def _tally(self, doc: Doc) -> dict[str, _Tally]:
        """Every actor the text names, with the weight of its mentions."""
        tallies: dict[str, _Tally] = {}
        bare: list[Hit[Cue | Group]] = []
        named_after: set[tuple[int, int]] = set()
        hits = shared_matcher().find(doc.low, "actor") if self.shared else self.matcher.find(doc.low)
        for i, hit in enumerate(hits):
            if i >= MAX_HITS:
                break
            if isinstance(hit.payload, Group):
                bare.append(hit)
                continue
            name = self._cue_name(doc, hit, hit.payload, named_after)
            if name:
                self._count(tallies, doc, *self._part_of_name(doc, name, hit), via_cue=True)
        for hit in bare:
            group = hit.payload
            assert isinstance(group, Group)
            name = Name(doc.full[hit.start : hit.end], hit.start, hit.end)
            if self._bare_ok(name.text, group) and not self._inside(tallies, hit):
                self._count(tallies, doc, name, 1.0, via_cue=False, group=group)
        return tallies

    def _cue_name(self, doc: Doc, hit: Hit[Cue | Group], cue: Cue, named_after: set[tuple[int, int]]) -> Name | None:
        """The name a cue points at, if the cue's strength lets it count."""
        span = (hit.start, hit.end)
        if cue.side == "before":
            if cue.strength != "handle" and self.cues.nothing_after(doc.full, hit.end):
                return None
            name = self._after_cue(doc, hit.end, cue)
            if name:
                named_after.add(span)
        elif span in named_after or self.cues.nothing_before(doc.full, hit.start):
            return None  # "... the ransomware group LockBit": the name follows, not precedes
        else:
            name = self.cues.name_before(doc.full, hit.start)
            if name and cue.strength == "weak" and self._resolve(name.text) is None:
                return None  # "DuPage Medical Group": after a name, a weak cue is the name's own word
        return name if name and self._cue_ok(name, cue) else None

    def _part_of_name(self, doc: Doc, name: Name, hit: Hit[Cue | Group]) -> tuple[Name, float]:
        """A cue that belongs to the name ("Equation Group", "Daixin Team") makes a bare mention."""
        if hit.start > name.start and self.gazetteer.resolve(doc.full[name.start : hit.end]):
            return Name(doc.full[name.start : hit.end], name.start, hit.end), 1.0
        return name, 3.0

    def _after_cue(self, doc: Doc, pos: int, cue: Cue) -> Name | None:
        link = self.cues.linker.match(doc.full, pos, min(len(doc.full), pos + 60))
        at = link.end() if link else pos
        linked = bool(link and link.group("link"))
        lower_ok = cue.strength == "handle" or bool(linked and link and _HANDLE_WORD.search(link.group("link")))
        name = self.cues.name_after(doc.full, at, lower_ok=lower_ok)
        return Name(name.text, name.start, name.end, quoted=True) if name and linked else name

    def _cue_ok(self, name: Name, cue: Cue) -> bool:
        """Whether the cue vouches for the name; "a group called X" and a quoted "X" count as strong."""
        if cue.strength in ("strong", "handle") or (cue.strength == "weak" and name.quoted):
            return True
        if cue.strength == "weak" and handle_shaped(name.text):
            return True
        return self._resolve(name.text) is not None

    @staticmethod
    def _bare_ok(written: str, group: Group) -> bool:
        """A bare mention counts when, as written, it cannot be an ordinary word."""
        if written.islower():
            return False
        if handle_shaped(written):
            return True
        words = written.split()
        if len(words) > 1:
            return all(w[:1].isupper() or w[:1].isdigit() for w in words)
        return group.curated and written[:1].isupper() and name_key(written) == name_key(group.name)

    @staticmethod
    def _inside(tallies: dict[str, _Tally], hit: Hit[Cue | Group]) -> bool:
        return any(t.start <= hit.start and hit.end <= t.end for t in tallies.values())

    def _resolve(self, written: str) -> Group | None:
        """The known group `written` names; "Notorious LockBit" and "LockBit Team" name LockBit too."""
        group = self.gazetteer.resolve(written)
        if group is not None or " " not in written:
            return _long_enough(group, written)
        words = written.split()
        for n in range(len(words) - 1, 0, -1):
            group = self.gazetteer.resolve(" ".join(words[-n:]))
            if group is None and self.cues.all_generic(" ".join(words[n:])):
                group = self.gazetteer.resolve(" ".join(words[:n]))
            if group:
                return _long_enough(group, written)
        return None

    def _count(
        self,
        tallies: dict[str, _Tally],
        doc: Doc,
        name: Name,
        score: float,
        via_cue: bool,
        group: Group | None = None,
    ) -> None:
        group = group or self._resolve(name.text)
        if group is None and not via_cue:
            return
        ref = self._ref(group, name.text) if group else ActorRef(name.text)
        if doc.in_title(name.start):
            score += TITLE_BONUS
        key = name_key(ref.name)
        tally = tallies.get(key)
        if tally is None:
            tallies[key] = _Tally(ref, score, name.start, name.end)
        else:
            tally.score += score
            if score > 1.0 and tally.score - score <= 1.5:  # first cue mention: its span is the evidence
                tally.start, tally.end = name.start, name.end

    @staticmethod
    def _ref(group: Group, written: str) -> ActorRef:
        """The canonical name and aliases; a lower-case galaxy name ("cyclops") shows as written."""
        name = written if group.name.islower() and not written.islower() else group.name
        aliases = tuple(a for a in (group.name, *group.aliases) if a != name)
        return ActorRef(name, aliases)


def _long_enough(group: Group | None, written: str) -> Group | None:
    """No three-letter match ("Inc", "TSB") unless written with a digit or as the group's own name."""
    if group is None or len(name_key(written)) >= 4 or any(c.isdigit() for c in written):
        return group
    return group if written == group.name else None

"""Scoring the victim's name candidates: the words around each mention, the name's own words, and folding
mentions of one name (acronyms, shorter forms) together. The vocabularies come from `lexicon/victim.yaml`
and `lexicon/victim_words.yaml`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from darkwire.analyze.text import Doc
from darkwire.analyze.victim_cues import CueBook
from darkwire.analyze.victim_names import Candidate
from darkwire.analyze.victim_orgs import name_key
from darkwire.taxonomy import load_data


@dataclass
class Scored:
    """A name's candidate (its first mention) with the score of all its mentions."""

    cand: Candidate
    score: float
    mentions: int


@dataclass(frozen=True)
class VictimLexicon:
    """The cue words around victims' names and the word lists of `lexicon/victim_words.yaml`."""

    cues: CueBook
    org_words: frozenset[str]
    stop: frozenset[str]
    breakers: frozenset[str]
    generic_heads: frozenset[str]
    reporters: frozenset[str]


_WORD_LISTS = ("org_words", "stop", "breakers", "generic_heads", "reporters")


@cache
def lexicon() -> VictimLexicon:
    words: dict[str, list[str]] = load_data("lexicon/victim_words.yaml")
    lists = [frozenset(w.lower() for w in words[k]) for k in _WORD_LISTS]
    return VictimLexicon(CueBook(), *lists)


def score_mention(doc: Doc, c: Candidate, lex: VictimLexicon) -> float:
    s = 1.0
    if doc.in_title(c.start):
        s += 2.5
    elif c.start < 300:
        s += 1.5
    s += lex.cues.before(doc.low, c.start)
    direct = lex.cues.after(doc.low, _skip_aside(doc.low, c.end))
    if not direct and doc.full.startswith(",", c.end):  # "Acme, a chain of stores, has reported a breach"
        stop = doc.full.find(".", c.end, c.end + 120)
        direct = lex.cues.after_within(doc.low, c.end, stop if stop > 0 else c.end + 120) / 2
    s += direct
    if doc.full.startswith((", a ", ", an ", ", the ", ", one of"), c.end):
        s += 2.0  # an apposition introduces the subject: "Acme, a retailer based in ..."
    s += _name_score(c.text)
    if c.domain:
        s += 1.0
    return s


@lru_cache(maxsize=8192)
def _name_score(text: str) -> float:
    """What a name's own words say: an organisation word (+2, or -2 alone), a reporter's word (-3), a short
    acronym (-1)."""
    lex = lexicon()
    words = {w.strip(".,").lower().replace("’", "'") for w in text.split()}
    s = 0.0
    if words & lex.org_words:
        s += 2.0 if len(words) > 1 else -2.0  # "Bank of Foo" is a name, "Federal" alone is not
    if words & lex.reporters:
        s -= 3.0
    if " " not in text and text.isupper() and len(text) <= 3:
        s -= 1.0
    return s


def _skip_aside(low: str, pos: int) -> int:
    """The offset of the next word after `pos`, past spaces, commas and a bracketed aside."""
    while pos < len(low) and low[pos] in " ,":
        pos += 1
    if pos < len(low) and low[pos] == "(":
        close = low.find(")", pos, pos + 100)
        if close > 0:
            pos = close + 1
            while pos < len(low) and low[pos] in " ,":
                pos += 1
    return pos


def fold_prefixes(scored: dict[str, Scored]) -> None:
    """A name and a longer one it starts ("Hancock" and "Hancock Health", "OneLogin" and "OneLogin's Secure
    Notes") are one candidate: the weaker's mentions count for the stronger (at most 2 points)."""
    keys = sorted(scored, key=len)
    for i, short in enumerate(keys):
        longer = [k for k in keys[i + 1 :] if k.startswith(short + " ") and k in scored]
        if not longer or short not in scored:
            continue
        weak, strong = (short, longer[0]) if scored[short].score <= scored[longer[0]].score else (longer[0], short)
        entry = scored.pop(weak)
        scored[strong].score += min(entry.score, 2.0)
        scored[strong].mentions += entry.mentions


def fold_acronyms(scored: dict[str, Scored]) -> None:
    """Mentions of a candidate's bracketed acronym count for the candidate, not for themselves."""
    for entry in list(scored.values()):
        for alias in entry.cand.aliases:
            other = scored.pop(name_key(alias), None)
            if other is not None and other is not entry:
                entry.score += other.score
                entry.mentions += other.mentions

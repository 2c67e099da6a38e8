"""The words around an actor's name ("threat actor X", "the X ransomware gang"), and reading the name.

The cues are data, one file per language in `taxonomy/data/actors/cues/`. A cue found in the lower-cased
text points at the name: after it for a `before` cue, before it for an `after` cue. The name is then
read from the original text as a run of up to four name-like tokens ("NetworkBrokers", "Bolsonaro Cyber
Mafia", "NoName057(16)", "@kiber_phant0m"), or a quoted string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from darkwire.taxonomy import load_data

LANGUAGES = ("en", "es", "pt", "fr", "de", "it", "ru")
Strength = Literal["strong", "weak", "claim", "handle"]
MAX_TOKENS = 4

_TOKEN = re.compile(r"[@#$]?[\w][\w@#$.&()'’+\-]*[$]?")
_QUOTED = re.compile(r"[\"“”«„‘'‹]\s*([^\"“”«»„‘’'‹›\n]{2,40}?)\s*[\"“”»’'›](?!\w)")
_TRAIL = re.compile(r"(?:['’]s|['’])$|[.\-'’&+]+$")
_WORD = re.compile(r"[^\W_]+")
_CONNECTORS = frozenset({"of", "de", "del", "da", "do", "du", "des", "von", "der"})
_ARTICLES = r"(?:the|an?|el|la|los|las|o|os|as|le|les|die|der|das|il|lo|un|una|une|um|uma|ein|eine)"
_APPOSITION = re.compile(rf"[ \t]*,[ \t]*(?:{_ARTICLES}[ \t]+)?$", re.I)


@dataclass(frozen=True, slots=True)
class Cue:
    side: Literal["before", "after"]
    strength: Strength


@dataclass(frozen=True, slots=True)
class Name:
    text: str
    start: int
    end: int
    quoted: bool = False


class Cues:
    """Every language's cues in one matcher, with the words that can and cannot make up a name."""

    def __init__(self, languages: tuple[str, ...] = LANGUAGES) -> None:
        terms: list[tuple[str, Cue]] = []
        linkers: set[str] = set()
        self.stop: set[str] = set()
        self.generic: set[str] = set()
        for lang in languages:
            raw = load_data(f"actors/cues/{lang}.yaml") or {}
            for side in ("before", "after"):
                for strength, words in (raw.get(side) or {}).items():
                    terms += [(str(w), Cue(side, strength)) for w in words or []]
            linkers.update(str(w).lower() for w in raw.get("linkers") or [])
            self.stop.update(str(w).lower() for w in raw.get("stop") or [])
            self.generic.update(str(w).lower() for w in raw.get("generic") or [])
        self.terms = terms
        self.link_starts = {w.split()[0] for w in linkers} | {"the", "who", "which", "that", "que", "qui", "der", "die"}
        alternatives = "|".join(re.escape(w) for w in sorted(linkers, key=len, reverse=True))
        self.linker = re.compile(
            r"[ \t]*[,:]?[ \t]*(?:(?:who|which|that|que|qui|der|die)\s+)?"
            rf"(?P<link>(?:(?:{alternatives})\b[ \t]*[:,]?[ \t]*){{1,2}})?"
            r"(?:(?:the|el|la|le|o|die|der|das|il)[ \t]+(?-i:(?=[\"“«„'‘A-Z0-9])))?",
            re.I,
        )

    def nothing_after(self, low: str, pos: int) -> bool:
        """True when a plain lower-case word, no linker, follows `pos` ("ransomware attack")."""
        if pos >= len(low) or low[pos] != " ":
            return pos < len(low) and low[pos].isalnum()
        m = _WORD.match(low, pos + 1, pos + 40)
        if m is None:
            return False
        word = m.group()
        return word.isalpha() and word.islower() and word not in self.link_starts

    @staticmethod
    def nothing_before(full: str, pos: int) -> bool:
        """True when no name can end just before `pos`: a lower-case word or a line break precedes."""
        j = pos - 1
        if j < 1 or full[j] != " ":
            return j >= 0 and full[j].isalnum()
        c = full[j - 1]
        if c in ",":
            return False
        k = j - 1
        while k > 0 and full[k - 1].isalnum():
            k -= 1
        first = full[k]
        return first.islower() and not any(ch.isdigit() or ch.isupper() for ch in full[k + 1 : j])

    def all_generic(self, name: str) -> bool:
        words = [w for w in re.split(r"[\s\-]+", name.lower()) if w]
        return all(w in self.generic or w in self.stop for w in words)

    def name_after(self, full: str, pos: int, lower_ok: bool) -> Name | None:
        """The name that starts at `pos` (after a cue and its linker), or None."""
        if pos > 0 and full[pos - 1].isalnum():
            return None  # "vendor's", "group’s": a possessive, not a name
        quoted = _QUOTED.match(full, pos, min(len(full), pos + 50))
        if quoted:
            return self._quoted(quoted, lower_ok)
        tokens: list[re.Match[str]] = []
        at = pos
        while len(tokens) < MAX_TOKENS:
            m = _TOKEN.match(full, at, min(len(full), at + 60))
            if m and tokens and m.group().lower() in _CONNECTORS:  # "Cutting Sword of Justice"
                nxt = _TOKEN.match(full, m.end() + 1, min(len(full), m.end() + 60))
                if not (nxt and full[m.end()] == " " and nxt.group()[:1].isupper()):
                    break
                tokens.append(m)
                m = nxt
            if not m or not self._fits(m.group(), lower_ok=lower_ok and not tokens):
                break
            tokens.append(m)
            if _TRAIL.search(m.group()) or m.end() >= len(full) or full[m.end()] not in " \t":
                break
            at = m.end() + 1
        while tokens and tokens[-1].group().lower() in _CONNECTORS:
            tokens.pop()
        return self._name(full, tokens)

    def _quoted(self, m: re.Match[str], lower_ok: bool) -> Name | None:
        """A quoted name: short, and starting like a name ("TOoDA", not "a well-meaning volunteer")."""
        text = m.group(1).rstrip(" .,;:!?")
        words = text.split()
        if not words or len(words) > MAX_TOKENS or not self._fits(words[0], lower_ok):
            return None
        if self.all_generic(text):
            return None
        return Name(text, m.start(1), m.start(1) + len(text), quoted=True)

    def name_before(self, full: str, pos: int) -> Name | None:
        """The name that ends just before `pos` (an `after` cue), allowing "X, a ..." appositions."""
        start = max(0, pos - 100)
        window = full[start:pos]
        if "," in window[-6:]:
            window = _APPOSITION.sub("", window)
        window = window.rstrip(" \t")
        if not window or not self._fits(window[max(window.rfind(" "), window.rfind("\n")) + 1 :], False):
            return None  # the usual case, checked cheaply: no name-like word just before the cue
        tokens: list[re.Match[str]] = []
        edge = len(window)
        for m in reversed(list(_TOKEN.finditer(window, max(0, len(window) - 70)))):
            if m.end() != edge or len(tokens) == MAX_TOKENS or not self._fits(m.group(), lower_ok=False):
                break
            tokens.append(m)
            if m.start() == 0 or window[m.start() - 1] not in " \t":
                break
            edge = m.start() - 1
        tokens.reverse()
        return self._name(window, tokens, offset=start)

    def _fits(self, token: str, lower_ok: bool) -> bool:
        """Whether `token` may be part of a name: capitalised, a handle, or (if `lower_ok`) any word."""
        if token[-1:] in (".", "-", "'", "’", "&", "+") or token[-2:-1] in ("'", "’"):
            token = _TRAIL.sub("", token)
        if not token or token.lower() in self.stop:
            return False
        c = token[0]
        if c.isupper() or c.isdigit() or c in "@#$":
            return True
        if any(ch.isdigit() or ch == "_" or ch.isupper() for ch in token[1:]):
            return True  # handles: "kiber_phant0m", "dEsorden"
        return lower_ok and len(token) >= 3

    def _name(self, text: str, tokens: list[re.Match[str]], offset: int = 0) -> Name | None:
        if not tokens:
            return None
        begin, end = tokens[0].start(), tokens[-1].end()
        raw = text[begin:end]
        cleaned = _TRAIL.sub("", raw).rstrip("(")
        if cleaned.count("(") > cleaned.count(")"):
            cleaned = cleaned[: cleaned.rfind("(")]
        cleaned = cleaned.strip(" .,-'’")
        if len(cleaned) < 2 or self.all_generic(cleaned):
            return None
        return Name(cleaned, offset + begin, offset + begin + len(cleaned))


def handle_shaped(name: str) -> bool:
    """A word with digits and letters, inner capitals, @ or _: a handle or coined name ("ByteToBreach")."""
    return any(_HANDLE.search(w) for w in name.split())


_HANDLE = re.compile(r"^[@#]|_|[^\W\d_].*\d|\d.*[^\W\d_]|[a-z][A-Z]|[A-Z]{2,}[a-z]")

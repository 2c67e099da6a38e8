"""The words around a name that say it is the victim: "stolen from X", "X suffered a breach".

Looked up only around each candidate (a few dictionary probes), not by scanning the whole post.
Cue phrases come from `lexicon/victim.yaml`: `before` cues end right before the name (an article such as
"the" may stand between), `after` cues start right after it, `descriptor` nouns stand before it
("the retailer X") and weigh half a point less than their listed weight; `against` cues stand before the name
of someone who reports or researches a breach ("according to X") and count against it; `third_party` cues
("researchers at X") do too, and mark the name as no victim wherever else it stands.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from darkwire.taxonomy import load_data

_SUBJECTS = frozenset(
    "customer customers client clients user users member members patient patients student students employee "
    "employees staff passenger passengers subscriber subscribers account accounts".split(" ")
)
_ARTICLE_WORDS = frozenset(["the", "a", "an", "la", "el", "le", "les", "los", "las", "o", "os", "der", "die", "das"])
_WORD = re.compile(r"[\w'’]+")


class CueBook:
    def __init__(self) -> None:
        raw: dict[str, dict[int, list[str]]] = load_data("lexicon/victim.yaml")
        self._before: dict[str, list[tuple[str, float]]] = defaultdict(list)
        self._after: dict[str, list[tuple[str, float]]] = defaultdict(list)
        self._after_prefixes: dict[str, list[tuple[str, float]]] = defaultdict(list)  # by first 3 letters
        self._against: dict[str, list[tuple[str, float]]] = defaultdict(list)
        self._third_party: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for kind, by_weight in raw.items():
            for weight, terms in by_weight.items():
                w = float(weight) - (0.5 if kind == "descriptor" else 0.0)
                for term in terms:
                    self._add(kind, term.strip().lower(), w)

    def _add(self, kind: str, term: str, weight: float) -> None:
        if kind == "after":
            if term.endswith("*"):
                self._after_prefixes[term[:3]].append((term[:-1], weight))
            else:
                self._after[term.split()[0]].append((term, weight))
        elif kind in ("against", "third_party"):
            self._against[term.split()[-1]].append((term, weight))
            if kind == "third_party":
                self._third_party[term.split()[-1]].append((term, weight))
        else:
            self._before[term.split()[-1]].append((term, weight))

    def before(self, low: str, start: int) -> float:
        """The weight of the strongest cue ending right before `start` ("from the X" counts for "from")."""
        window, last = _words_before(low, start)
        if not last:
            return 0.0
        return _ending(window, self._before.get(last, ())) - _ending(window, self._against.get(last, ()))

    def reporter_before(self, low: str, start: int) -> bool:
        """Whether the words before `start` introduce a third party that found or reported a breach
        ("researchers at X", "the security firm X")."""
        window, last = _words_before(low, start)
        return bool(last) and _ending(window, self._third_party.get(last, ())) > 0

    def after(self, low: str, pos: int) -> float:
        """The weight of the strongest cue starting at `pos`, or after one word naming whose data it is
        ("X customer database", "X patients' records")."""
        m = _WORD.match(low, pos)
        if not m:
            return 0.0
        weight = self._after_at(low, pos, m)
        if not weight and m.group().rstrip("'’s") in _SUBJECTS:
            pos = m.end()
            while pos < len(low) and low[pos] in " '’":
                pos += 1
            nxt = _WORD.match(low, pos)
            if nxt:
                weight = self._after_at(low, pos, nxt)
        return weight

    def _after_at(self, low: str, pos: int, m: re.Match[str]) -> float:
        best = 0.0
        for phrase, w in self._after.get(m.group(), ()):
            end = pos + len(phrase)
            if w > best and low.startswith(phrase, pos) and (end >= len(low) or not low[end].isalnum()):
                best = w
        for prefix, w in self._after_prefixes.get(low[pos : pos + 3], ()):
            if w > best and low.startswith(prefix, pos):
                best = w
        return best

    def after_within(self, low: str, start: int, stop: int) -> float:
        """The strongest after-cue at any word start in `low[start:stop]`."""
        return max((self.after(low, m.start()) for m in _WORD.finditer(low, start, stop)), default=0.0)


def _words_before(low: str, start: int) -> tuple[str, str]:
    """The text before `start`, past an article ("from the X" is read as "from X"), and its last word."""
    window = low[max(0, start - 48) : start].rstrip(" \t\n\"'“”«»‘’(")
    words = window.rsplit(None, 1)
    if len(words) == 2 and words[1] in _ARTICLE_WORDS:
        window = words[0].rstrip()
        words = window.rsplit(None, 1)
    return window, (words[-1] if words else "")


def _ending(window: str, phrases: Iterable[tuple[str, float]]) -> float:
    """The weight of the strongest phrase `window` ends with (on a word boundary), or 0."""
    best = 0.0
    for phrase, w in phrases:
        if (
            w > best
            and window.endswith(phrase)
            and (len(window) == len(phrase) or not window[-len(phrase) - 1].isalnum())
        ):
            best = w
    return best

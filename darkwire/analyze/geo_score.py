"""Weighing country mentions into the victim's country.

A mention counts by its kind's weight (from the gazetteer), and by where it stands: in the title it
counts most, early in the text more than late, the first mention of a country more than the next ones.
A demonym or name attached to the victim ("Malaysian citizens", "the government of Peru") counts
more; one in a list of countries ("France, Germany and Italy") less; one that gives an actor's
nationality ("pro-Russian hackers", "a Chinese APT") or a language ("in Spanish") not at all.
"""

from __future__ import annotations

import re
from collections import defaultdict

from darkwire.analyze.text import Doc, Found

TITLE_FACTOR = 2.5
MIN_SCORE = 0.1

_ACTOR_AFTER = re.compile(
    r"[\s-]*(?:(?:state|government)[- ](?:sponsored|backed|linked)[\s-]+|speaking[\s-]+|based[\s-]+|linked[\s-]+"
    r"|backed[\s-]+|nexus[\s-]+|aligned[\s-]+|affiliated[\s-]+|nation[- ]state[\s-]+|military[\s-]+)?"
    r"(?:[\w-]+ ){0,2}?(?:hack(?:er|ing|tivist|3r)|haxor|apt\b|threat[ -]actor|threat group|cyber ?criminal"
    r"|cybercrim|criminals\b"
    r"|ransomware gang|gang|crew\b|team\b|cyber ?army|spies|spy\b|operatives|attackers|adversar|actors?\b"
    r"|pirate|pirati"
    r"|piratas|ciberdelincuent|cibercriminos|cybercriminel|хакер|киберпреступ|группировк|peretas)"
)
_ACTOR_BEFORE = re.compile(
    r"\bpro[- ]$|\b(?:hackers?|hacktivists?|hacker group|hacking group|gang|crew|threat actors?|attackers?"
    r"|cyber ?criminals?|criminals|intruders|spies|\ba group)\s+(?:from|in|based in|out of)\s+(?:the\s+)?$"
)
_PERSON = re.compile(r"\s+(?:national|man|woman|citizen|student|engineer|hacker)\b")  # "a Chinese national"
_ACTOR_NOUN_BEFORE = re.compile(  # "hackers rusos", "pirates russes": the demonym after the noun
    r"(?:hackers?|hacktivistas?|piratas?|pirates?|pirati|хакеры|хакерами|хакеров|peretas|gang|grupo hacker)\s+$"
)
_LANGUAGE = re.compile(r"[\s-]*(?:speaking|language|speakers|translation|subtitles|writing|text)\b")
_IN_LANGUAGE = re.compile(r"\b(?:in|into|from|en|em|auf|на)\s+$")
_LANGUAGES = frozenset(
    "english spanish french german russian chinese mandarin portuguese italian arabic japanese korean turkish "
    "dutch polish ukrainian persian farsi hindi urdu vietnamese thai indonesian malay hebrew greek swedish "
    "español inglés francés alemán ruso português inglês français anglais espagnol allemand russe".split()
)
_VICTIM_AFTER = re.compile(
    r"[\s'’s-]*(?:\w+ )?(?:citizens?|residents?|users?|customers?|clients?|government|ministry|bank|banks|company"
    r"|companies|firm|hospitals?|patients|universit|police|nationals|people|population|voters|agenc|authorit"
    r"|telecom|retailer|insurer|operator|airline|ciudadan|cidadã|citoyen|gobierno|governo|gouvernement|minist"
    r"|banco|banque|empresa|entreprise|société|bürger|unternehmen|граждан|пользовател|клиент|компани|банк"
    r"|penduduk|warga|rakyat)"
)
_VICTIM_BEFORE = re.compile(
    r"(?:citizens|residents|users|customers|clients|people|data|database|government|ministry|bank|company"
    r"|ciudadanos|cidadãos|citoyens|gobierno|governo|gouvernement|ministerio|ministério|ministère|banco|banque"
    r"|datos|dados|données|daten|данные|граждан\w*|warga|penduduk)\s+(?:of|in|from|de|do|da|du|des|del|der|aus|в|из)"
    r"\s+(?:the\s+|la\s+|l'|el\s+)?$"
)
_LIST_GAP = re.compile(
    r"\s*(?:,|;|/|&|\band\b|\bor\b|\by\b|\be\b|\bet\b|\bund\b|\bи\b|\bdan\b)\s*(?:and\s|et\s|y\s|e\s)?\s*"
)


def best_of(doc: Doc, mentions: list[Found[str]]) -> Found[str] | None:
    """The country the weighed mentions point to most, with the span of its most telling mention."""
    if not mentions:
        return None
    weighed = _resolve(_weigh(doc, mentions))
    scores: dict[str, float] = defaultdict(float)
    for found, w in weighed:
        scores[found.value] += w
    if not scores:
        return None
    code = max(scores, key=lambda c: scores[c])
    if scores[code] < MIN_SCORE:
        return None
    mine = [(f, w) for f, w in weighed if f.value == code]
    named = [(f, w) for f, w in mine if not f.inferred]
    best, _ = max(named or mine, key=lambda fw: fw[1])
    confidence = scores[code] / sum(scores.values())
    return Found(code, best.start, best.end, round(confidence, 3), inferred=not named)


def _weigh(doc: Doc, mentions: list[Found[str]]) -> list[tuple[Found[str], float]]:
    seen: dict[str, int] = defaultdict(int)
    cues_seen: set[tuple[str, str]] = set()
    in_list = _list_members(doc, mentions)
    out: list[tuple[Found[str], float]] = []
    rank, last = -1, (-1, -1)
    for i, m in enumerate(mentions):
        if m.inferred:  # a clue ("credit union", "$") said again is no new evidence: it counts once
            cue = (m.value, doc.low[m.start : m.end])
            if cue in cues_seen:
                continue
            cues_seen.add(cue)
        if (m.start, m.end) != last:  # the readings of one ambiguous place share its rank
            rank, last = rank + 1, (m.start, m.end)
        factor = _context(doc, m) / (1.0 + 0.1 * min(rank, 10))
        if factor == 0.0:
            continue
        if doc.in_title(m.start):
            factor *= TITLE_FACTOR
        else:
            factor *= 1.0 if m.start < 500 else 0.75 if m.start < 2000 else 0.5
            factor *= 0.8 ** min(seen[m.value], 6)
            seen[m.value] += 1
        factor *= in_list.get(i, 1.0)
        out.append((m, m.weight * factor))
    return out


def _context(doc: Doc, m: Found[str]) -> float:
    """0 for an actor's nationality or a language, more for a mention attached to a victim, else 1."""
    if not m.inferred or m.end - m.start > 2:
        after = doc.low[m.end : m.end + 40]
        before = doc.low[max(0, m.start - 30) : m.start]
        if _ACTOR_AFTER.match(after) or _ACTOR_BEFORE.search(before):
            return 0.0
        if _ACTOR_NOUN_BEFORE.search(before) and _is_demonym_like(doc, m):
            return 0.0
        if not m.inferred and (before.endswith((" a ", " an ")) or before in ("a ", "an ")) and _PERSON.match(after):
            return 0.0
        word = doc.low[m.start : m.end]
        if word in _LANGUAGES and (_LANGUAGE.match(after) or _IN_LANGUAGE.search(before)):
            return 0.0
        if _VICTIM_AFTER.match(after) or _VICTIM_BEFORE.search(before) or before.endswith("anti-"):
            return 1.5
    return 1.0


def _is_demonym_like(doc: Doc, m: Found[str]) -> bool:
    word = doc.low[m.start : m.end]
    return word.endswith(("ish", "ese", "ian", "an", "ch", "ol", "ais", "ano", "ês", "és"))


def _list_members(doc: Doc, mentions: list[Found[str]]) -> dict[int, float]:
    """Index of each mention in a run of countries joined by commas or "and" -> its weight factor."""
    out: dict[int, float] = {}
    run = [0]
    for i in range(1, len(mentions) + 1):
        joined = i < len(mentions) and _LIST_GAP.fullmatch(doc.low[mentions[i - 1].end : mentions[i].start])
        if joined:
            run.append(i)
            continue
        codes = {mentions[j].value for j in run}
        if len(codes) >= 3:
            out.update(dict.fromkeys(run, 0.4))
        elif len(codes) == 2:
            out.update(dict.fromkeys(run, 0.8))
        run = [i]
    return out


def _resolve(weighed: list[tuple[Found[str], float]]) -> list[tuple[Found[str], float]]:
    """Give each ambiguous span ("Georgia": US or GE) to the country the rest of the post favours.

    The unambiguous mentions decide first; where they say nothing, the country that the other ambiguous
    places share ("Sudbury" and "Suffolk": GB), and last the place's first, most likely, reading."""
    spans: dict[tuple[int, int], list[tuple[Found[str], float]]] = defaultdict(list)
    for fw in weighed:
        spans[(fw[0].start, fw[0].end)].append(fw)
    plain: dict[str, float] = defaultdict(float)
    shared: dict[str, int] = defaultdict(int)
    for group in spans.values():
        if len(group) == 1:
            plain[group[0][0].value] += group[0][1]
        else:
            for code in {f.value for f, _ in group}:
                shared[code] += 1
    out: list[tuple[Found[str], float]] = []
    for group in spans.values():
        if len(group) == 1:
            out.append(group[0])
            continue
        total = sum(w for _, w in group)
        chosen = max(group, key=lambda fw: plain.get(fw[0].value, 0.0))
        if plain.get(chosen[0].value, 0.0) == 0.0:
            chosen = max(group, key=lambda fw: shared[fw[0].value])  # the first of equals: max keeps it
        out.append((chosen[0], total))
    return out

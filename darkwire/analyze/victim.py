"""The victim organisation: its name as written, canonical form, aliases and domain.

Two ways in. A leak-site listing (or a post whose title is just a name) names its victim in the title:
the title is cleaned of markers ("[part 2]", "FULL LEAK", "X was hacked. ...") and kept. Otherwise the
candidates of `victim_names` are scored (`victim_score`): where they stand (title, opening), what stands
before and after them ("stolen from X", "X suffered a breach"), whether they look like an organisation (Bank, Hospital,
Inc...), how often they recur (with their acronyms), and never when they are the actor, a venue, a place
or a stop word. The best candidate above a threshold is the victim; a known organisation in
`orgs/*.yaml` gives its canonical name, aliases, domain, country and sector.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from darkwire.analyze.geo import Geo
from darkwire.analyze.terms import TermMatcher, shared_matcher
from darkwire.analyze.text import Doc, Found
from darkwire.analyze.victim_names import CONNECTORS, Candidate, find_candidates, title_case
from darkwire.analyze.victim_orgs import Org, OrgIndex, name_key
from darkwire.analyze.victim_score import (
    Scored,
    VictimLexicon,
    fold_acronyms,
    fold_prefixes,
    lexicon,
    score_mention,
)
from darkwire.model import Victim

MIN_SCORE = 4.0
NAME_SHAPED_MIN_SCORE = 3.0  # enough for a candidate shaped like an organisation's name
KNOWN_MENTION_CHARS = 600  # a known organisation named only in passing later on is not taken for the victim
KNOWN_BONUS = 1.0  # a name of the known-organisations gazetteer is likely a name, not a common word
_MARKERS = re.compile(
    r"\s*(?:[\[(](?:part|pt\.?|update|updated|new|full leak|leak|data|published|sample)[^\])]*[\])]|"
    r"\bfull\s+leak\b!?|\bleak(?:ed)?!|\bdata\s+leak\b|\bpart\s*\d+\b|\(\s*\)|\bupdate[ds]?\b)\s*",
    re.IGNORECASE,
)
_SENTENCE_CUT = re.compile(
    r"(?:\.\s+|!\s*|\s+(?:was|were|is|has been|have been|got)\s+(?:hack|haked|breach|compromis|attack|pwn|"
    r"encrypt|leak|stolen|hit)\w*).*$",
    re.IGNORECASE | re.DOTALL,
)
_NAME_LIKE = re.compile(r"^[\w&.,'’()\-|/ ]{2,80}$")


_AMOUNT_BEFORE = re.compile(r"\d[\d.,]*\s*[kKmM]?\s*$")
_TOOL_AFTER = re.compile(
    r"[\s\-]+(?:database|db|server|instance|bucket|cluster|cloud|storage|api|repository|repo|drive|"
    r"account|accounts|channel|group|chat|bot|link|links|page)s?\b"
)
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&.-]{1,7}")
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")  # IBANs, SSNs: data, not names
_MALWARE_AFTER = re.compile(r"\s+(?:ransomware|malware|trojan|botnet|worm|stealer|loader|backdoor|variant)\b")
_COMMON_NOUNS = frozenset(
    "website site forum database server platform app service data system systems network portal account accounts "
    "users customers members breach company store shop page".split(" ")
)
_INDEFINITE = frozenset(["a", "an", "un", "una", "une", "um", "uma", "ein", "eine", "einer", "uno"])
_NUMBERISH = re.compile(r"[\d.,]+\s*(?:[kmb]|mln|mio|million|billion|bn)?", re.IGNORECASE)
LOWER_NAME_DESCRIPTORS = (
    "site website service platform forum app retailer store shop company marketplace game community chatroom "
    "network brand startup exchange provider"
).split(" ")
# after a descriptor word: the lower-case name, then what it did ("the platform bigbasket suffered")
_LOWER_NAME_TAIL = re.compile(
    r"\s+(?:known as\s+|called\s+|named\s+)?[\"“']?"
    r"([a-z0-9][\w.\-]{1,40})[\"”']?(?=[\s,]+(?:suffered|was|had|has|left|exposed|discovered))"
)


def clean_title(title: str) -> str:
    """A listing title without update markers and without the sentence that follows the name."""
    t = _SENTENCE_CUT.sub("", title.strip())
    t = _MARKERS.sub(" ", t)
    return t.strip(" -–—:|!.,\t").strip()


def looks_like_name(title: str, breakers: frozenset[str]) -> bool:
    words = title.split()
    if not words or len(words) > 8 or not _NAME_LIKE.match(title):
        return False
    lower = [w.lower().strip(",.") for w in words]
    return sum(w in breakers for w in lower) <= (1 if len(words) > 3 else 0)


def _title_is_a_name(doc: Doc, lex: VictimLexicon) -> bool:
    """A short title that is only a name ("Harlow Plastics", "acme.com"), not a headline: no word of it is one
    the text uses in lower case, except the words organisations are named with."""
    title = clean_title(doc.title)
    if not looks_like_name(title, lex.breakers) or len(title.split()) > 5 or any(c.isdigit() for c in title):
        return False
    body = doc.low[: doc.head_end]
    for word in title.split():
        w = word.lower().strip(",.()")
        if w not in lex.org_words and re.search(rf"(?<![\w']){re.escape(w)}(?![\w'])", body) and word[:1].isupper():
            lowered = re.search(rf"(?<![\w']){re.escape(word[:1].lower() + word[1:])}(?![\w'])", doc.full[: len(body)])
            if lowered:
                return False
    return True


class VictimFinder:
    """`data_term` tells whether a phrase names a kind of data ("Bank Account Numbers"): such a phrase,
    capitalised or not, is never a victim."""

    def __init__(self, geo: Geo, data_term: Callable[[str], bool] = lambda phrase: False) -> None:
        self.geo = geo
        self.orgs = OrgIndex()
        self.data_term = data_term
        self._data_memo: dict[str, bool] = {}

    def find(
        self, doc: Doc, actor_names: tuple[str, ...] = (), listing: bool = False, venue: str | None = None
    ) -> Found[Victim] | None:
        """The victim named in `doc`, or None. `listing`: the title names the victim (leak-site posts)."""
        lex = lexicon()
        if doc.title and (listing or _title_is_a_name(doc, lex)):
            name = clean_title(doc.title)
            if name and name.lower() not in lex.stop and not _is_actor(name, actor_names):
                return self._victim_from_title(doc, name)
        best = self._best_candidate(doc, lex, actor_names)
        if best is None:
            return self._known_mention(doc, (*actor_names, *([venue] if venue else [])))
        return self._victim(best.cand, doc)

    def _known_mention(self, doc: Doc, skip: tuple[str, ...]) -> Found[Victim] | None:
        """With no name candidate strong enough, the first known organisation the opening names, unless it
        is the actor or the venue, a tool the data sat in ("a MongoDB database", "an AWS bucket"), or one of
        several named together ("projects such as FTX, Celsius and BlockFi"): a known name is an
        organisation's, whatever words stand around it."""
        mentions = self.orgs.mentions(doc.full[: min(doc.head_end, KNOWN_MENTION_CHARS)])
        for org, start, end in mentions:
            if any(_is_actor(n, skip) for n in (org.name, *org.aliases)):
                continue
            if _incidental(doc, start, end) or (_in_run(doc.full, start, end) and not _headline(doc.full, start)):
                continue
            sentence = _sentence_span(doc.full, start)
            if any(o is not org and sentence[0] <= s < sentence[1] for o, s, _ in mentions):
                continue
            return Found(org.merged_into(Victim(name=doc.full[start:end])), start, end)
        return None

    def orgs_named(self, doc: Doc) -> list[Org]:
        """The known organisations the opening names, but for tools the data sat in ("an Elasticsearch
        server", "a GitLab repository") and currencies a price is in ("900 USDT"). Computed once per post."""
        named: list[Org] | None = doc.memo.get("victim.orgs_named")
        if named is None:
            mentions = self.orgs.mentions(doc.full[: doc.head_end])
            named = list(dict.fromkeys(org for org, start, end in mentions if not _incidental(doc, start, end)))
            doc.memo["victim.orgs_named"] = named
        return named

    def _victim_from_title(self, doc: Doc, name: str) -> Found[Victim]:
        start = doc.title_start + doc.title.find(name)
        cand = Candidate(name, start, start + len(name), len(name.split()), domain=_is_domain(name))
        return self._victim(cand, doc)

    def _victim(self, cand: Candidate, doc: Doc) -> Found[Victim]:
        # "(Mexico)" after a name says where it is, not what else it is called
        aliases = [a for a in dict.fromkeys(cand.aliases) if not self._is_data(a)]
        victim = Victim(name=cand.text, aliases=aliases)
        if cand.domain:
            victim.domain = cand.text.lower()
        else:  # "Riverside Clinic (riverside.com)", "Acme Corp [acme.io]", "Acme - acme.io": its own domain
            victim.domain = _domain_after(doc.full, cand)
        known = self.orgs.lookup(cand.text, _telling_aliases(cand))
        if known is not None:
            victim = known.merged_into(victim)
        return Found(victim, cand.start, cand.end)

    def _best_candidate(self, doc: Doc, lex: VictimLexicon, actor_names: tuple[str, ...]) -> Scored | None:
        head = doc.head_end  # a post names its victim early; the title is always read
        cands = find_candidates(doc.full, 0, head, lex.breakers, lex.org_words, skip=lex.stop)
        if doc.title:
            title_end = len(doc.full)
            cands += find_candidates(
                doc.full, doc.title_start, title_end, lex.breakers, lex.org_words, (0, head), skip=lex.stop
            )
        cands += _lowercase_names(doc)
        cands = [
            c
            for c in cands
            if (self._known_whole(c) or _trim(c, lex.stop)) and not self._data(c) and not _generic(doc, c, lex)
        ]
        cands = [
            c
            for c in _dedupe(cands)
            if not _is_actor(c.text, actor_names) and not _unit_of_amount(doc, c.text, c.start)
        ]
        people = _people(doc, cands, lex)
        cands = [c for c in cands if name_key(c.text) not in people]
        if not cands:
            return None
        places = [(m.start, m.end) for m in self.geo.mentions(doc) if not m.inferred or m.weight >= 0.5]
        scored: dict[str, Scored] = {}
        known: dict[str, float] = {}
        reporters: set[str] = set()  # a name introduced once as the one who reports ("security firm X") is no victim
        for c in cands:
            if not _is_domain(c.text) and any(p0 <= c.start and c.end <= p1 for p0, p1 in places):
                continue  # a place ("New Jersey", "Quebec"), not an organisation
            key = name_key(c.text)
            if key not in known:
                known[key] = KNOWN_BONUS if self.orgs.lookup(c.text, _telling_aliases(c)) else 0.0
            if lex.cues.reporter_before(doc.low, c.start):
                reporters.add(key)
            s = score_mention(doc, c, lex) + known[key]
            entry = scored.get(key)
            if entry is None:
                scored[key] = Scored(c, s, 1)
            else:
                entry.score += min(s, 2.0)
                entry.mentions += 1
                entry.cand.aliases.extend(a for a in c.aliases if a not in entry.cand.aliases)
        for key in reporters & scored.keys():
            scored[key].score = min(scored[key].score, 0.0)
        fold_acronyms(scored)
        fold_prefixes(scored)
        best = max(scored.values(), key=lambda e: e.score, default=None)
        if best is None:
            return None
        floor = NAME_SHAPED_MIN_SCORE if self._name_shaped(best.cand, lex) else MIN_SCORE
        return best if best.score >= floor else None

    def _known_whole(self, c: Candidate) -> bool:
        """A known organisation's name as a whole, kept untrimmed ("Global Payments", "The Home Depot")."""
        return c.tokens > 1 and self.orgs.lookup(c.text) is not None

    def _data(self, c: Candidate) -> bool:
        """A data-type phrase ("Bank Account Numbers"), or a place or nationality word ("Spanish")."""
        known = self._data_memo.get(c.text)
        if known is None:
            if len(self._data_memo) > 50_000:
                self._data_memo.clear()
            known = self._data_memo[c.text] = self._is_data(c.text)
        return known

    def _is_data(self, text: str) -> bool:
        words = text.split(" ")
        if len(words) == 1:
            found = self.geo.gazetteer.automaton.get(text.lower(), None)
            return found is not None and found[1].kind in ("name", "demonym", "subdivision")
        return self.data_term(text) or self.data_term(" ".join(words[:-1]))

    def _name_shaped(self, c: Candidate, lex: VictimLexicon) -> bool:
        """Shaped like an organisation's name: a domain, a known name, an acronym, camel case, or several
        words with one that names organisations ("Blue Chip Dental Center")."""
        words = c.text.split(" ")
        if c.domain or _is_domain(c.text) or self.orgs.lookup(c.text, _telling_aliases(c)) is not None:
            return True
        if len(words) == 1:
            w = words[0]
            return (w.isupper() and len(w) >= 3) or any(ch.isupper() for ch in w[1:])
        return any(w.lower() in lex.org_words for w in words)


def _incidental(doc: Doc, start: int, end: int) -> bool:
    """Whether a known name at `start:end` names a tool the data sat in ("a MongoDB database") or the
    currency of a price ("900 USDT"), not an organisation the post is about."""
    return bool(_TOOL_AFTER.match(doc.low, end)) or _unit_of_amount(doc, doc.full[start:end], start)


def _unit_of_amount(doc: Doc, text: str, start: int) -> bool:
    """A ticker right after an amount is a price's currency ("900 USDT", "2,5 ETH"), not an organisation."""
    return text.isupper() and _AMOUNT_BEFORE.search(doc.full, max(0, start - 16), start) is not None


_AGE_AFTER = re.compile(r",\s*\d{2},")  # "Linda Smith, 61, of Butler"
_HONORIFIC = re.compile(r"(?:\b(?:mr|mrs|ms|dr|sir|lt|sgt|det|judge|officer|nurse)\.?\s+)$", re.IGNORECASE)


def _people(doc: Doc, cands: list[Candidate], lex: VictimLexicon) -> set[str]:
    """Keys of the names that are people, not organisations: a two- or three-word name with no organisation
    word that is followed by an age or preceded by a title, or whose last word stands alone elsewhere
    ("Colby Anderson ... Anderson said"); that surname alone is a person too."""
    singles = {name_key(c.text) for c in cands if c.tokens == 1}
    people: set[str] = set()
    for c in cands:
        words = c.text.split(" ")
        if not 2 <= len(words) <= 3 or any(w.lower() in lex.org_words for w in words) or c.domain:
            continue
        if not all(w[:1].isupper() and w[1:].islower() for w in words if w.lower() not in CONNECTORS):
            continue
        surname = name_key(words[-1])
        titled = bool(_HONORIFIC.search(doc.full, max(0, c.start - 12), c.start))
        if _AGE_AFTER.match(doc.full, c.end) or titled or surname in singles:
            people.update((name_key(c.text), surname))
    return people


def descriptor_matcher() -> TermMatcher[str]:
    """The descriptor words that may stand before a lower-case name, for the shared scan."""
    return TermMatcher((w, w) for w in LOWER_NAME_DESCRIPTORS)


def _lowercase_names(doc: Doc) -> list[Candidate]:
    """Names in lower case, found by what describes them ("the grocery platform bigbasket suffered")."""
    return [
        Candidate(m.group(1), m.start(1), m.end(1), 1)
        for hit in shared_matcher().find(doc.low, "victim")
        if (m := _LOWER_NAME_TAIL.match(doc.full, hit.end))
        and m.group(1) not in _COMMON_NOUNS
        and m.group(1) not in lexicon().stop
        and m.group(1) not in lexicon().breakers
    ]


def _generic(doc: Doc, c: Candidate, lex: VictimLexicon) -> bool:
    """A number, a description of many ("Insurance Companies") or of one unnamed ("a Telecom Company")."""
    if _NUMBERISH.fullmatch(c.text):
        return True
    words = c.text.split(" ")
    last = words[-1]
    if last.lower() in lex.generic_heads or _PLURAL_ACRONYM.fullmatch(last):
        return True
    if len(words) == 1 and last.lower() in lex.org_words:
        return True  # "Healthcare", "Bank": a sector word, not a name
    if any(w.lower() in lex.stop and w.lower() not in CONNECTORS for w in words[1:-1]):
        return True  # "Full PII and National ID": data words inside, not a name
    if _in_heading(doc.full, c.start):
        return True
    if _MALWARE_AFTER.match(doc.low, c.end):
        return True  # "the Samsam ransomware": a malware or a group, not the victim
    before = doc.low[max(0, c.start - 6) : c.start].split()
    return bool(before) and before[-1] in _INDEFINITE


def _telling_aliases(cand: Candidate) -> list[str]:
    """The aliases that can identify a known organisation: not the acronym of a longer name the gazetteer
    does not know ("Nefesh B'Nefesh (NBN)" is not NBN Co), since many organisations share an acronym."""
    if " " not in cand.text:
        return cand.aliases
    return [a for a in cand.aliases if not _ACRONYM.fullmatch(a)]


def _in_run(full: str, start: int, end: int) -> bool:
    """Whether a name is part of a longer capitalised name ("First National Bank of Southern California")."""
    after = full[end : end + 40].split(maxsplit=2)
    if after and after[0][:1].isupper():
        return True
    if len(after) >= 2 and after[0] in CONNECTORS and after[1][:1].isupper():
        return True
    before = full[max(0, start - 30) : start].split()
    return bool(before) and before[-1][:1].isupper() and not before[-1].endswith((".", ":", "!", "?"))


def _headline(full: str, pos: int) -> bool:
    """Whether `pos` lies in a headline-cased line, where every word is capitalised anyway."""
    line_start = full.rfind("\n", 0, pos) + 1
    line_end = full.find("\n", pos)
    return title_case(full[line_start : line_end if line_end >= 0 else len(full)][:300])


def _sentence_span(full: str, pos: int) -> tuple[int, int]:
    start = max(full.rfind(". ", 0, pos), full.rfind("\n", 0, pos)) + 1
    ends = [i for i in (full.find(". ", pos), full.find("\n", pos)) if i >= 0]
    return start, min(ends) if ends else len(full)


def _in_heading(full: str, pos: int) -> bool:
    """Whether `pos` is in the heading of a bullet ("- Bank Impersonation: criminals may ...")."""
    line_start = full.rfind("\n", 0, pos) + 1
    if not full.startswith(("- ", "• ", "* ", "– "), line_start):
        return False
    colon = full.find(":", line_start, line_start + 120)
    return colon > pos


# A domain in brackets, or after a dash, right after the victim's name (or its acronym in brackets first).
_DOMAIN_AFTER = re.compile(
    r"(?:\s*\([^()\n]{1,20}\))?\s*(?:[(\[]\s*|[-–—]\s+)(?:https?://)?((?:www\.)?(?:[a-z0-9][a-z0-9-]*\.)+[a-z]{2,})"
    r"/?\s*(?:[)\],;]|\s|$)",
    re.IGNORECASE,
)
_FILE_SUFFIX = re.compile(r"\.(?:sql|csv|txt|zip|rar|7z|gz|tar|json|xlsx?|docx?|pdf|bak|db|log|dump)$", re.IGNORECASE)


def _domain_after(full: str, cand: Candidate) -> str | None:
    """The domain written right after the victim's name, where it stands or (a name from the title) where the
    text repeats it."""
    ends = [cand.end]
    at = full.find(cand.text)
    while at >= 0 and len(ends) < 4:
        ends.append(at + len(cand.text))
        at = full.find(cand.text, at + 1)
    for end in ends:
        m = _DOMAIN_AFTER.match(full, end)
        if m and not _is_file_name(m.group(1)):
            return m.group(1).lower().removeprefix("www.")
    return None


def _is_file_name(name: str) -> bool:
    return bool(_FILE_SUFFIX.search(name))


@lru_cache(maxsize=8192)
def _is_domain(name: str) -> bool:
    return bool(re.fullmatch(r"(?:[\w\-]+\.)+[a-z]{2,}", name.strip().lower()))


def _is_actor(name: str, actor_names: tuple[str, ...]) -> bool:
    key = name_key(name)
    return any(key == name_key(a) for a in actor_names if a)


def _trim(c: Candidate, stop: frozenset[str]) -> bool:
    """Drop leading stop words and numbers ("In June 2020" -> "", "O Banco" -> "Banco"); False if empty."""
    words = c.text.split(" ")
    first, last = words[0], words[-1]
    if first[0].isalpha() and last[0].isalpha() and first.lower().strip(".,") not in stop and last.lower() not in stop:
        return len(c.text) > 1 and c.text.lower() not in stop  # nothing to trim
    while words and (words[0].lower().strip(".,") in stop or words[0] in CONNECTORS or _NUMBERISH.fullmatch(words[0])):
        c.start += len(words[0]) + 1
        words.pop(0)
    while words and (words[-1].lower() in stop or _NUMBERISH.fullmatch(words[-1])):
        words.pop()
    c.text = " ".join(words)
    c.end = c.start + len(c.text)
    c.tokens = len(words)
    return bool(words) and c.text.lower() not in stop and len(c.text) > 1


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """Drop a candidate lying inside another one's span (the domain inside a run, "Inc" of "Ennis, Inc.")."""
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        if out and c.start >= out[-1].start and c.end <= out[-1].end:
            if c.domain and not out[-1].domain:
                out[-1].domain = _is_domain(out[-1].text)
            continue
        out.append(c)
    return out

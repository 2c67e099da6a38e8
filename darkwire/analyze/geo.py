"""Countries: names and demonyms in many languages, subdivisions, cities, domains, phones, currencies.

`Geo.mentions` lists every country mention in a post as an ISO 3166-1 alpha-2 code with a weight by
kind (a name counts more than a city, a city more than a currency sign); `Geo.best_country` weighs them
(see `geo_score`) to pick the victim's country. The gazetteer is built once, on first use.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

import phonenumbers
import tldextract

from darkwire.analyze.geo_gazetteer import PRIORITY, WEIGHTS, Entry, Gazetteer
from darkwire.analyze.geo_score import best_of
from darkwire.analyze.text import Doc, Found, around_dots, is_word_char, spaceless

# ccTLDs used as generic names (.io, .ai, .tv) or that look like file extensions (.py, .pl, .sh):
# the latter count only in a URL, after "www." or "@", or under a second level (.com.py)
_GENERIC_CC = frozenset("io ai co me tv cc ly gg to ws fm am la so sx nu tk ac bz gs st vc fo eu".split())
_FILE_LIKE = frozenset("py pl rs md sh ps cs js ts do in it is as at be no ms mk ml mp sc sk".split())
_TLD_COUNTRY = {"uk": "GB", "su": "RU", "gov": "US", "mil": "US", "edu": "US"}
_DOMAIN = re.compile(r"(?<![\w.@-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,6}))(?![\w-])")
_PHONE = re.compile(r"(?<![\w+])\+\s?\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}(?!\d)")
_NOT_DIGIT = re.compile(r"[^\d+]")
_PLACE_KINDS = frozenset(["name", "subdivision", "city", "town"])
_DOLLAR = re.compile(r"(?<![A-Za-z$])\$\s?\d")
_MAX_PHONES = 20
_DOMAIN_CACHE = 50_000
# "Dayton, OH" (after a place name) and "TX 75001": two patterns, each with a cheap literal or digit start
_STATE_CODE = re.compile(r", ([A-Z][A-Za-z.]{1,5})(?![\w])")
_ZIP = re.compile(r" \d{5}(?!\w)")  # the state code is the two letters before it, checked by hand (faster)
# "Suffolk County", "Cherry Hill Township": the American (and Canadian) way of naming counties and townships
_US_COUNTY = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)? (County|Township|Parish)\b(?! Council| of\b)")
_PLACE_BEFORE = re.compile(r"[A-Z][A-Za-z'.-]*$")
# a town is read only where the words around it make it a place: "in Tewksbury", "a Waterbury man",
# "the Groveland Police Department", "Wenatchee-based"
_TOWN_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|from|outside|around|across|throughout|of|suburban|downtown)|[a-z]+ of)"
    r"\s+(?:the\s+|nearby\s+)?$"
)
_TOWN_AFTER = re.compile(
    r"(?:'s|’s)?(?:-based\b|\s+(?:area|man|woman|men|women|boy|girl|residents?|couple|teen(?:ager)?s?|natives?|police"
    r"|sheriff|county|city|town|township|borough|village|school|schools|public schools|high school|hospital|clinic"
    r"|council|mayor|fire department|library|school district|campus"
    r"|(?:community|memorial|regional|general|medical) (?:hospital|clinic|center|centre))\b)",
    re.IGNORECASE,
)
# a lower-case noun after the name describes something there: "the Wenatchee medical group", "an Ashland pharmacy"
_TOWN_NOUN_AFTER = re.compile(
    r"(?:'s|’s)?\s+(?:medical|health|dental|community|pharmacist|pharmacy|bank|store|branch|office|company|firm"
    r"|business|restaurant|hotel|church|dentist|doctor|practice|nursing home|facility|plant|factory|newspaper"
    r"|teacher|officers?|attorney|lawyer|law firm|family|families|home|house|neighbou?rhood|location|site"
    r"|government|officials?|employees?|workers?|patients?|customers?|hospitals?|clinics?|schools?|college"
    r"|university|campus|library|council|police|area|resident)\b"
)
# after "of" or "from" a town followed by another name is likely part of that name ("from Stanley Black & Decker"),
# and a town after a name is part of it ("Queen Elizabeth Hospital")
_TOWN_WEAK_BEFORE = re.compile(r"\b(?:of|from)\s+(?:the\s+)?$")
_NEXT_NAME = re.compile(r"\s+(?!(?:Valley|Bay|Area|Region|Peninsula|Coast|Hills)\b)[A-Z][a-z]")
_NAME_BEFORE = re.compile(
    r"(?:(?<![.!?:;\n] )\b(?!(?:The|A|An|In|At|Of|From|Near|Outside|And)\b)[A-Z][a-z]+|\b[A-Z]\.(?:[A-Z]\.)*)\s+$"
)
_STREET = re.compile(
    r"\s+(?:Way|Road|Rd|Street|St|Avenue|Ave|Drive|Dr|Lane|Ln|Boulevard|Blvd|Close|Court|Place|Square|Parkway|Pike"
    r"|Highway|Hwy|Terrace|Crescent|Circle|Mall|Plaza)\b"
)
_TOWN_SMALL_WORDS = frozenset(
    "on upon in de la le les du del des di da do dos das y e et and of the sur am an der".split()
)


def _after_place(full: str, pos: int) -> bool:
    """Whether a capitalised word ends just before the ", " at `pos` ("Dayton, OH")."""
    return bool(_PLACE_BEFORE.search(full, max(0, pos - 30), pos))


class Geo:
    """Finds country mentions; the gazetteer and the domain parser are built on first use."""

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer()

    @cached_property
    def _tlds(self) -> tldextract.TLDExtract:
        return tldextract.TLDExtract(suffix_list_urls=())

    def mentions(self, doc: Doc) -> list[Found[str]]:
        """Every country mention in `doc.full` as an ISO alpha-2 code, weighted by how telling it is.

        An ambiguous place ("Georgia", "Victoria") gives one mention per country it may be, each with
        its weight divided among them. Computed once per post (kept in `doc.memo`).
        """
        memo: list[Found[str]] | None = doc.memo.get("geo.mentions")
        if memo is None:
            memo = doc.memo["geo.mentions"] = self._mentions(doc)
        return memo

    def _mentions(self, doc: Doc) -> list[Found[str]]:
        try:
            # "US$1,200", "NZ$500": a currency's prefix, not a mention of the country
            found = [f for f in self._gazetteer_mentions(doc) if doc.full[f.end : f.end + 1] != "$"]
            found += self._domain_mentions(doc)
            found += self._code_mentions(doc)
        except Exception:  # an extractor never raises: a bad post gives what was found before
            return []
        return sorted(found, key=lambda f: (f.start, -f.weight))

    def country_of_domain(self, domain: str) -> str | None:
        """The country a domain's suffix implies (`imss.gob.mx` -> MX), or None for generic ones."""
        key = domain.strip().lower().rstrip(".")
        if key not in self._domain_cache:
            if len(self._domain_cache) > _DOMAIN_CACHE:
                self._domain_cache.clear()
            self._domain_cache[key] = self._country_of_domain(key)
        return self._domain_cache[key]

    @cached_property
    def _domain_cache(self) -> dict[str, str | None]:
        return {}

    def _country_of_domain(self, domain: str) -> str | None:
        try:
            suffix = self._tlds(domain).suffix
        except Exception:
            return None
        return _country_of_suffix(suffix) if suffix else None

    def country_of_legal_form(self, name: str, named: str | None = None) -> str | None:
        """The country an organisation's legal form places it in ("Acme Foods LLC" -> US, "PT Bank X" -> ID),
        or None when its name ends with no telling form. `named`: a country the text names, taken instead of
        the form's usual country when that country has the form too ("Yandex LLC" in a post about Russia)."""
        gaz = self.gazetteer
        words = name.strip().rstrip(",").split()
        codes: tuple[str, ...] = ()
        for n in (4, 3, 2, 1):  # the longest form first: "S.A. de C.V." before a bare "C.V."
            if len(words) > n and (form := " ".join(words[-n:]).lstrip(",")) in gaz.legal_suffixes:
                codes = gaz.legal_suffixes[form]
                break
        if not codes and len(words) > 1:
            codes = gaz.legal_prefixes.get(words[0], ())
        if not codes:
            return None
        return named if named in codes else codes[0]

    def country_of_name(self, name: str) -> str | None:
        """The country an organisation's name places it in ("Salt Lake City Police Department" -> US,
        "University of Florida" -> US), when its place words agree on one; None when none or ambiguous."""
        words = [w.strip(".,'’()") for w in name.split()]
        codes: set[str] = set()
        for n in range(min(4, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                phrase = " ".join(words[i : i + n])
                if not phrase[:1].isupper():
                    continue
                found = self.gazetteer.automaton.get(phrase.lower(), None)
                if found is not None and found[1].kind in _PLACE_KINDS and len(found[1].codes) == 1:
                    codes.add(found[1].codes[0])
        return codes.pop() if len(codes) == 1 else None

    def best_country(self, doc: Doc, priced_in_dollars: bool = False) -> Found[str] | None:
        """The victim's most likely country, or None when nothing points to one. `priced_in_dollars`: the post
        asks a price or ransom in dollars, so its "$" amounts are the trade's currency, not a hint of the US."""
        try:
            mentions = self.mentions(doc)
            if priced_in_dollars:
                mentions = [m for m in mentions if doc.full[m.start : m.end] != "$"]
            return best_of(doc, mentions)
        except Exception:
            return None

    # --- the gazetteer: names, demonyms, subdivisions, cities, cues

    def _gazetteer_mentions(self, doc: Doc) -> list[Found[str]]:
        hits: list[tuple[int, int, Entry]] = []
        gaz = self.gazetteer
        # the victim's country is told early: the head of the text (HEAD_CHARS) and the title are read
        ranges = [(0, doc.head_end)]
        if doc.title:
            ranges.append((doc.title_start, len(doc.full)))
        for text, automaton in ((doc.low, gaz.automaton), (doc.full, gaz.exact_automaton)):
            for first, last in ranges:
                for end, (key, entry) in automaton.iter(text, first, last):
                    span = _accept(doc, end + 1 - len(key), end + 1, entry)
                    if span:
                        hits.append((span[0], span[1], entry))
        out: list[Found[str]] = []
        for start, end, entry in _longest_leftmost(hits):
            for code in entry.codes:
                weight = WEIGHTS[entry.kind] / len(entry.codes)
                out.append(Found(code, start, end, weight, entry.kind not in ("name", "demonym")))
        return out

    # --- domains, phone numbers, state abbreviations and dollar amounts

    def _domain_mentions(self, doc: Doc) -> list[Found[str]]:
        out: list[Found[str]] = []
        if "." not in doc.low:
            return out
        for m in around_dots(_DOMAIN, doc.low):
            if m.group(2) in _FILE_LIKE and not _url_like(doc.low, m.start(), m.group(1)):
                continue
            code = self.country_of_domain(m.group(1))
            if code:
                out.append(Found(code, m.start(1), m.end(1), WEIGHTS["domain"], True))
        return out

    def _code_mentions(self, doc: Doc) -> list[Found[str]]:
        out: list[Found[str]] = []
        states = self.gazetteer.state_codes
        seen: set[int] = set()
        for m in _STATE_CODE.finditer(doc.full) if ", " in doc.full else ():
            code = states.get(m.group(1)) or states.get(m.group(1).rstrip("."))
            if code and _after_place(doc.full, m.start()):
                out.append(Found(code, m.start(1), m.end(1), WEIGHTS["state_code"], True))
                seen.add(m.start(1))
        full = doc.full
        for m in _ZIP.finditer(full):
            at = m.start() - 2
            two = full[max(0, at) : m.start()]
            if len(two) == 2 and two.isupper() and two.isalpha() and (at == 0 or not is_word_char(full[at - 1])):
                code = states.get(two)
                if code and at not in seen:
                    out.append(Found(code, at, at + 2, WEIGHTS["state_code"], True))
        if "+" in doc.full:
            for m in list(_PHONE.finditer(doc.full))[:_MAX_PHONES]:
                region = _phone_region(m.group())
                if region:
                    out.append(Found(region, m.start(), m.end(), WEIGHTS["phone"], True))
        if "County" in doc.full or "Township" in doc.full or "Parish" in doc.full:
            for m in _US_COUNTY.finditer(doc.full):  # Canada has counties and townships too: the post decides
                codes = ("US",) if m.group(1) == "Parish" else ("US", "CA")
                out += [Found(c, m.start(1), m.end(1), WEIGHTS["county"] / len(codes), True) for c in codes]
        if "$" in doc.full:
            out += [Found("US", m.start(), m.start() + 1, WEIGHTS["dollar"], True) for m in _DOLLAR.finditer(doc.full)]
        return out


def _accept(doc: Doc, start: int, end: int, entry: Entry) -> tuple[int, int] | None:
    """The span of a gazetteer hit if its boundaries, case and spelling fit the entry, else None."""
    low, full = doc.low, doc.full
    first, last = low[start], low[end - 1]
    if start > 0 and is_word_char(first) and not spaceless(first) and is_word_char(low[start - 1]):
        return None
    if entry.prefix:
        while end < len(low) and is_word_char(low[end]) and not spaceless(low[end]):
            end += 1
    elif end < len(low) and is_word_char(last) and not spaceless(last) and is_word_char(low[end]):
        return None
    if entry.capital and full[start].islower() and " " not in low[start:end]:
        return None
    if entry.kind == "town" and not _town_at(full, low, start, end):
        return None
    if entry.exact and len(entry.exact) <= 3 and entry.exact.isupper() and _in_capitals(full, start, end):
        return None
    return start, end


def _town_at(full: str, low: str, start: int, end: int) -> bool:
    """Whether a town's name is written as a name ("Lago Vista", "Stoke-on-Trent") and read as a place."""
    for word in full[start:end].replace("-", " ").split():
        if word[0].islower() and word not in _TOWN_SMALL_WORDS:
            return False
    if _STREET.match(full, end, end + 16) or (start > 1 and _NAME_BEFORE.search(full, max(0, start - 20), start)):
        return False
    if _TOWN_AFTER.match(full, end, end + 40) or _TOWN_NOUN_AFTER.match(full, end, end + 24):
        return True
    if not _TOWN_BEFORE.search(low, max(0, start - 24), start):
        return False
    return not (_NEXT_NAME.match(full, end, end + 16) and _TOWN_WEAK_BEFORE.search(low, max(0, start - 12), start))


def _in_capitals(full: str, start: int, end: int) -> bool:
    """Whether a short capitalised word ("US") stands between two words in capitals ("TELL US IN")."""
    before = full[max(0, start - 12) : start].split()
    after = full[end : end + 12].split()
    return bool(before and after) and all(
        len(w) >= 2 and w.isalpha() and w.isupper() for w in (before[-1].strip("\"'"), after[0].strip("\"'.,!?"))
    )


def _longest_leftmost(hits: list[tuple[int, int, Entry]]) -> list[tuple[int, int, Entry]]:
    """The hits that no longer overlapping hit covers, left to right."""
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0]), PRIORITY.get(h[2].kind, 9)))
    out: list[tuple[int, int, Entry]] = []
    reach = -1
    for h in hits:
        if h[0] >= reach:
            out.append(h)
            reach = h[1]
    return [h for h in out if h[2].codes]


def _url_like(low: str, start: int, domain: str) -> bool:
    before = low[max(0, start - 8) : start]
    return "://" in before or before.endswith("@") or domain.startswith("www.") or domain.count(".") >= 2


def _country_of_suffix(suffix: str) -> str | None:
    last = suffix.rsplit(".", 1)[-1]
    if last in _TLD_COUNTRY:
        return _TLD_COUNTRY[last]
    if len(last) != 2 or (last in _GENERIC_CC and "." not in suffix):
        return None
    return last.upper()


def _phone_region(text: str) -> str | None:
    return _region_of_digits(_NOT_DIGIT.sub("", text))


@lru_cache(maxsize=4096)
def _region_of_digits(digits: str) -> str | None:
    """The region of an international number (parsing one takes phonenumbers ~60 µs: remembered)."""
    try:
        number = phonenumbers.parse(digits, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    region = phonenumbers.region_code_for_number(number)
    return region if region and region != "ZZ" else None

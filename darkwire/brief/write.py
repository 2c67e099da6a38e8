"""The brief written from an incident's facts, in one language: every sentence comes from that language's
templates (`taxonomy/data/brief/<lang>/templates.yaml`), every insight and mitigation from its knowledge base
(`kb.yaml`), and every value from the facts. What the claims state and what darkwire inferred are kept apart."""

from __future__ import annotations

import gettext
import math
from functools import cache
from importlib import resources
from typing import Any

from darkwire.errors import InputError
from darkwire.taxonomy import load_data

AUDIENCES = ("victim", "people", "sector")  # mitigations: first the victim, then the people in the data, then peers
KB_MIN, KB_MAX = 3, 4


def languages() -> list[str]:
    """The languages briefs can be written in: one folder of templates each."""
    root = resources.files("darkwire.taxonomy").joinpath("data", "brief")
    return sorted(p.name for p in root.iterdir() if p.is_dir() and p.joinpath("templates.yaml").is_file())


class Writer:
    """Writes briefs in one language."""

    def __init__(self, lang: str = "en") -> None:
        if lang not in languages():
            raise InputError(f"briefs are written in {', '.join(languages())}, not {lang!r}")
        self.lang = lang
        self.t: dict[str, Any] = load_data(f"brief/{lang}/templates.yaml")
        self.names: dict[str, Any] = load_data(f"brief/{lang}/names.yaml")
        self.kb: dict[str, Any] = load_data(f"brief/{lang}/kb.yaml")

    # --- small words

    def number(self, n: int | float) -> str:
        sep = self.t.get("thousands", ",")
        return f"{int(n):,}".replace(",", sep)

    def size(self, n: int) -> str:
        units = ["B", "KB", "MB", "GB", "TB", "PB"]
        i = min(len(units) - 1, int(math.log(max(n, 1), 1000)))
        value = n / 1000**i
        text = f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"
        return text.replace(".", self.t.get("decimal", ".")) + " " + units[i]

    def listing(self, items: list[str], most: int = 5) -> str:
        if len(items) > most:
            items = [*items[: most - 1], self.t["list_more"].format(n=len(items) - most + 1)]
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + f" {self.t['and']} " + items[-1]

    def country(self, code: str | None) -> str | None:
        """A country's name as running text says it ("the United States")."""
        if not code:
            return None
        name = country_name(code, self.lang)
        if code in self.t.get("the_countries", ()):
            return str(self.t["country_with_the"].format(country=name))
        return name

    def sector(self, sector: str | None) -> str | None:
        return self.names["sectors"].get(sector, sector) if sector else None

    def data_type(self, d: str) -> str:
        return str(self.names["data_types"].get(d, d.replace("_", " ")))

    def price(self, price: dict[str, Any]) -> str | None:
        if price.get("amount") is None:
            return None
        amount = price["amount"]
        text = (
            self.number(amount)
            if float(amount).is_integer()
            else f"{amount:g}".replace(".", self.t.get("decimal", "."))
        )
        return f"{text} {price.get('currency') or ''}".strip()

    # --- the brief

    def write(self, f: dict[str, Any]) -> dict[str, Any]:
        t = self.t
        victim = self._victim_name(f)
        brief: dict[str, Any] = {
            "incident_id": f["incident_id"],
            "language": self.lang,
            "headline": self._headline(f, victim),
            "summary": self._summary(f, victim),
            "inferred": self._inferred(f),
            "verification": t["verification"].get(f["verification"], f["verification"]),
            "verification_status": f["verification"],
            "verification_reason": f["verification_reason"],
            "severity": {
                "level": f["severity"]["level"],
                "score": f["severity"]["score"],
                "label": t["levels"].get(f["severity"]["level"], f["severity"]["level"]),
                "score_text": _score(f["severity"]["score"], t.get("decimal", ".")),
                "statement": self._severity(f),
            },
            "legal": self._legal(f, victim),
            "insights": self._choose(self.kb["insights"], f),
            "mitigations": self._choose(self.kb["mitigations"], f, by_audience=True),
            "evidence": f["evidence"],
            "disclaimer": t["disclaimer"],
            "labels": t["labels"],
        }
        return brief

    def _victim_name(self, f: dict[str, Any]) -> str:
        """The victim's name; with none, what is known of it: "people in Norway" for a population's data, else
        "an unnamed retail organisation in Kazakhstan"."""
        t, v = self.t, f["victim"]
        if v["name"]:
            return str(v["name"])
        country, sector = self.country(v["country"]), self.sector(v["sector"])
        population = f["claim_type"] in (None, "data_sale", "data_leak", "combolist", "stealer_logs")
        if country and population and (sector is None or v["sector"] == "government"):
            return str(t["victim_population"].format(country=country))
        if sector and country:
            return str(t["victim_unnamed_sector_where"].format(sector=sector, country=country))
        if sector:
            return str(t["victim_unnamed_sector"].format(sector=sector))
        if country:
            return str(t["victim_unnamed_where"].format(country=country))
        return str(t["victim_unnamed"])

    def _asset(self, f: dict[str, Any], short: bool = False) -> str:
        t = self.t["asset_short" if short else "asset"]
        if f["size_bytes"] and not short:
            return str(t["archive"].format(size=self.size(f["size_bytes"])))
        database = f["claim_type"] in ("data_sale", "data_leak") and bool(f["records"] or f["data_types"])
        return str(t["database" if database else "data"])

    def _headline(self, f: dict[str, Any], victim: str) -> str:
        kind = f["claim_type"] if f["claim_type"] in self.t["headline"] else "other"
        head = str(self.t["headline"][kind].format(asset=self._asset(f, short=True), victim=victim))
        head = head[0].upper() + head[1:]
        hooks = [self.data_type(d) for d in _by_sensitivity(f["data_types"])[:2]]
        if f["records"]:
            hooks.append(f"{self.number(f['records'])} {self.t['records_word']}")
        return head + (": " + ", ".join(hooks) if hooks else "")

    def _summary(self, f: dict[str, Any], victim: str) -> list[str]:
        t = self.t
        v = f["victim"]
        who = t["actor_unnamed"]
        if f["actor"]:
            who = (t["group_named"] if f["claim_type"] == "ransomware" else t["actor_named"]).format(actor=f["actor"])
        if f["venues"]:
            where = t["where_venue"].format(venue=self.listing(f["venues"]))
        else:
            kinds = [s["kind"] for s in f["sources"]]
            where = t["where_kind"].get(kinds[0], t["where_unknown"]) if len(set(kinds)) == 1 else t["where_unknown"]
        described = victim
        if v["name"] and v["domain"] and v["domain"].casefold() != str(v["name"]).casefold():
            described = t["victim_with_domain"].format(victim=victim, domain=v["domain"])
        country, sector = self.country(v["country"]), self.sector(v["sector"])
        if v["name"]:  # where and what the victim is, stated or inferred (the inferred line says which)
            a = t["article"]["vowel" if sector and sector[0].lower() in "aeiou" else "other"]
            if country and sector:
                described = t["victim_where_sector"].format(victim=described, a=a, sector=sector, country=country)
            elif country:
                described = t["victim_where"].format(victim=described, country=country)
            elif sector:
                described = t["victim_sector"].format(victim=described, a=a, sector=sector)
        kind = f["claim_type"] if f["claim_type"] in t["claim"] else "other"
        claims = t["claim"]
        if not v["name"] and described == t["victim_population"].format(country=country):
            claims = {**claims, **t["claim_population"]}
        what = claims[kind].format(asset=self._asset(f), victim=described)
        first = t["claim_sentence"].format(who=who, where=where, what=what)
        data: list[str] = []
        if f["data_types"]:
            types = [self.data_type(d) for d in _by_sensitivity(f["data_types"])]
            data.append(t["data_sentence"].format(types=self.listing(types, most=8)))
        elif f["claim_type"] not in ("ddos", "defacement", "access_sale", "ransomware", "extortion"):
            data.append(t["no_data_types"])
        if f["records"]:
            data.append(t["records_sentence"].format(records=self.number(f["records"])))
        if f["size_bytes"]:
            data.append(t["size_sentence"].format(size=self.size(f["size_bytes"])))
        if f["data_year"]:
            data.append(t["data_year_sentence"].format(year=f["data_year"]))
        if f["price"]:
            price = self.price(f["price"])
            data.append(t["price_sentence"].format(price=price) if price else t["price_unstated"])
        if f["sale_signal"] == "credible":
            data.append(t["sale_credible"])
        elif f["sale_signal"] == "cheap":
            data.append(t["sale_cheap"])
        sources = [s["name"] for s in f["sources"]]
        first_day, last_day = (f["first_seen"] or "")[:10], (f["last_seen"] or "")[:10]
        if f["claims"] == 1:
            seen = t["seen_once"].format(date=first_day, source=sources[0] if sources else "?")
        else:
            seen = t["seen_many"].format(
                claims=f["claims"], sources=self.listing(sources), first=first_day, last=last_day
            )
        return [first + (" " + " ".join(data) if data else ""), seen]

    def _inferred(self, f: dict[str, Any]) -> str | None:
        t = self.t
        items = []
        v = f["victim"]
        if "victim.country" in f["inferred"]:
            items.append(t["inferred_country"].format(country=self.country(v["country"])))
        if "victim.sector" in f["inferred"]:
            items.append(t["inferred_sector"].format(sector=self.sector(v["sector"])))
        if f["data_types_inferred"]:
            types = self.listing([self.data_type(d) for d in f["data_types_inferred"]])
            items.append(t["inferred_types"].format(types=types))
        return t["inferred_sentence"].format(items=self.listing(items)) if items else None

    def _severity(self, f: dict[str, Any]) -> list[str]:
        t = self.t
        sev = f["severity"]
        factors: dict[str, Any] = sev["factors"] or {}
        level = t["levels"].get(sev["level"], sev["level"])
        out = [t["severity_sentence"].format(level=level, score=_score(sev["score"], t.get("decimal", ".")))]
        weighted = [(k, v) for k, v in factors.items() if "weight" in v]
        weighted.sort(key=lambda kv: -kv[1]["weight"] * kv[1]["value"])
        drivers = [t["driver"][k].format(detail=self._driver_detail(k, f)) for k, _ in weighted[:3]]
        if drivers:
            out.append(t["severity_drivers"].format(drivers=self.listing(drivers)))
        up: list[str] = []
        down: list[str] = []
        for name, v in factors.items():
            points = v.get("points") or 0
            if not points:
                continue
            key = f"{name}_{'up' if points > 0 else 'down'}"
            if key in t["adjust"]:
                text = t["adjust"][key].format(
                    status=t["verification"].get(f["verification"], f["verification"]).split(":")[0].lower(),
                    detail=self._fresh_detail(f),
                )
                (up if points > 0 else down).append(text)
        if up:
            out.append(t["severity_adjust_up"].format(items=self.listing(up)))
        if down:
            out.append(t["severity_adjust_down"].format(items=self.listing(down)))
        out.append(t["if_true"].format(harm=self._harm(f)))
        return out

    def _driver_detail(self, key: str, f: dict[str, Any]) -> str:
        t = self.t
        if key == "data_sensitivity":
            if f["claim_type"] in ("ddos", "defacement") and not f["data_types"]:
                return str(t["sensitivity_none"])
            top = _by_sensitivity(f["data_types"])[:2]
            return self.listing([self.data_type(d) for d in top]) if top else t["sensitivity_unstated"]
        if key == "volume":
            if f["records"]:
                return f"{self.number(f['records'])} {t['records_word']}"
            return self.size(f["size_bytes"]) if f["size_bytes"] else t["volume_unstated"]
        if key == "victim_criticality":
            return self.sector(f["victim"]["sector"]) or t["criticality_unknown"]
        return str(self.names["claim_types"].get(f["claim_type"], f["claim_type"] or "?"))

    def _fresh_detail(self, f: dict[str, Any]) -> str:
        if f["data_year"]:
            return str(self.t["fresh_year"].format(year=f["data_year"]))
        from datetime import datetime

        try:
            days = (datetime.fromisoformat(f["last_seen"]) - datetime.fromisoformat(f["first_seen"])).days
        except (TypeError, ValueError):
            days = 0
        return str(self.t["fresh_days"].format(days=days))

    def _harm(self, f: dict[str, Any]) -> str:
        harms: dict[str, str] = self.names["harms"]
        if f["claim_type"] in ("ddos", "defacement") and not f["data_types"]:
            return harms["no_data"]
        for d in _by_sensitivity(f["data_types"]):
            if d in harms:
                return harms[d]
        return harms["default"]

    def _legal(self, f: dict[str, Any], victim: str) -> list[str]:
        t = self.t
        code = f["victim"]["country"]
        out: list[str] = []
        if not code:
            out.append(t["legal_unknown"])
        else:
            legal: dict[str, Any] = load_data("brief/legal.yaml")
            entry = legal["countries"].get(code)
            if entry is None and code in legal["gdpr_countries"]:
                entry = {"laws": ["GDPR"], "authority": None, "notice": "gdpr"}
            if entry is None:
                out.append(t["legal_none"].format(country=self.country(code)))
            else:
                laws = [self._local(law) for law in entry["laws"]]
                kind = "legal_sentence" if f["victim"]["name"] else "legal_population"
                template = t[f"{kind}_one"] if len(laws) == 1 else t[kind]
                out.append(template.format(victim=victim, country=self.country(code), laws=self.listing(laws)))
                notice = t["notice"].get(entry.get("notice") or "asap", t["notice"]["asap"])
                if entry.get("authority"):
                    out.append(t["legal_authority"].format(authority=self._local(entry["authority"]), notice=notice))
        if "payment_card" in f["data_types"]:
            out.append(t["legal_cards"])
        if code == "US" and (f["victim"]["sector"] == "healthcare" or "health" in f["data_types"]):
            out.append(t["legal_health_us"])
        return out

    def _local(self, value: Any) -> str:
        """A name of the legal data: the same in every language, or given per language."""
        return str(value.get(self.lang) or value["en"]) if isinstance(value, dict) else str(value)

    def _choose(
        self, entries: list[dict[str, Any]], f: dict[str, Any], by_audience: bool = False
    ) -> list[dict[str, str]]:
        """The KB_MIN to KB_MAX entries that fit the incident best: the most specific (most keys matched) first."""
        scored = []
        for i, e in enumerate(entries):
            when: dict[str, Any] = e.get("when") or {}
            if all(_matches(key, want, f) for key, want in when.items()):
                scored.append((0 if e.get("general") else -len(when), -int(e.get("rank", 0)), i, e))
        scored.sort(key=lambda s: s[:3])
        specific = [s for s in scored if s[0] < 0][:KB_MAX]
        general = [s for s in scored if s[0] == 0]
        chosen = specific + general[: max(0, KB_MIN - len(specific))]
        if by_audience:
            chosen.sort(key=lambda s: (AUDIENCES.index(s[3].get("audience", "victim")), s[:3]))
        context = self._context(f)
        return [
            {"id": e["id"], "title": e["title"], "text": " ".join(str(e["text"]).format(**context).split())}
            for *_, e in chosen
        ]

    def _context(self, f: dict[str, Any]) -> dict[str, str]:
        v = f["victim"]
        return {
            "victim": self._victim_name(f) if v["name"] else str(self.t.get("the_victim", "the victim")),
            "country": self.country(v["country"]) or "",
            "sector": self.sector(v["sector"]) or "",
            "actor": f["actor"] or "",
        }


def _matches(key: str, want: Any, f: dict[str, Any]) -> bool:
    if key == "sectors":
        return f["victim"]["sector"] in want
    if key == "data_types":
        return bool(set(want) & set(f["data_types"]))
    if key == "claim_types":
        return f["claim_type"] in want
    if key == "vectors":
        return bool(set(want) & set(f["vectors"]))
    if key == "verification":
        return f["verification"] in want
    if key == "min_records":
        return bool(f["records"]) and f["records"] >= int(want)
    raise InputError(f"the brief knowledge base has an unknown condition {key!r}")


def _by_sensitivity(types: list[str]) -> list[str]:
    table: dict[str, float] = load_data("severity.yaml")["data_sensitivity"]
    return sorted(types, key=lambda d: (-table.get(d, 0.3), d))


def _score(score: float | None, decimal: str) -> str:
    return f"{score if score is not None else 0:.1f}".replace(".", decimal)


@cache
def country_name(code: str, lang: str) -> str:
    """A country's everyday name in a language (pycountry's names and their translations)."""
    import pycountry

    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    common = getattr(c, "common_name", None)
    names = [n for n in (common, c.name) if n]
    if lang != "en":
        try:
            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            tr = None
        if tr is not None:
            translated = [tr.gettext(n) for n in names]
            names = [t for t, n in zip(translated, names, strict=True) if t != n] or names
    return names[0].split(", ")[0]

"""Candidate organisation names in a post: runs of capitalised words, domains, and bracketed acronyms.

"Mexican Social Security Institute (IMSS)" gives one candidate with the alias IMSS; "Bank of America",
"Banco Comercial do Huambo" and "St. Peter's Health Partners" are one run each, because connectors
(of, de, do, der, ...) may join capitalised words. In Title Case text ("The Alleged Database Of Acme Is
On Sale") breaker words end a run, so the name left is "Acme".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from darkwire.analyze.text import around_dots

CONNECTORS = frozenset(
    (
        "of de do da dos das del della delle dei degli di du des la le les el für fur and & y e et und "
        "van von der den zu am im for och og i the на и"
    ).split(" ")
)
_TOKEN = re.compile(r"[^\W_][\w'’&.\-]*[\w&]|[^\W_]|&", re.UNICODE)
_DOMAIN = re.compile(
    r"((?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+(?:com|net|org|edu|gov|mil|int|info|biz|io|co|ag|ai|app|"
    r"shop|store|online|site|tech|me|tv|us|uk|ca|au|de|fr|es|it|pt|br|mx|ar|cl|co|pe|in|id|my|sg|ph|th|vn|cn|"
    r"jp|kr|ru|ua|pl|nl|be|ch|at|se|no|dk|fi|ie|gr|tr|il|sa|ae|za|ng|ke|eg|ma|nz|ly|sy|rocks|gg|to|cc|ws|club)"
    r"(?:\.[a-z]{2})?)\b",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"\s*[(\[]\s*([A-ZÀ-Þ][A-Za-zÀ-ÿ0-9&.\-]{1,11})\s*[)\]]")
_SUFFIX_AFTER_COMMA = re.compile(r",\s*(Inc|Ltd|LLC|L\.L\.C|P\.A|P\.C|S\.A|Corp|Co|GmbH|PLC|LLP)\b\.?")


@dataclass
class Candidate:
    text: str
    start: int
    end: int
    tokens: int
    aliases: list[str] = field(default_factory=list)
    domain: bool = False


def _is_cap(tok: str) -> bool:
    """Capitalised, a number-led name (7-Eleven, 2fast4u) or camel case (eBay, digiDirect)."""
    return tok[0].isupper() or tok[0].isdigit() or any(c.isupper() for c in tok[1:])


_WORD_INITIAL = re.compile(r"(?<!\S)[^\W\d_]")


def title_case(s: str) -> bool:
    """Most words capitalised, as in a headline."""
    initials = _WORD_INITIAL.findall(s)
    return len(initials) >= 4 and sum(map(str.isupper, initials)) >= 0.7 * len(initials)


_ABBREV = frozenset(["st", "mt", "ft", "ste", "sta", "sto", "no", "nr"])


_UPPER = "".join(sorted({c for c in map(chr, range(0x2FF)) if c.isupper()} | set("ĀĂĄĆČĎĐĒĘĚĞĪİŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŸŹŻŽ")))
_UPPER += "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩА-ЯЁЄІЇҐ"
_CAP_TOKEN = re.compile(rf"(?<![\w'’&.\-])(?:[{_UPPER}\d][\w'’&.\-]*|[^\W\d_]+[{_UPPER}][\w'’&.\-]*)", re.UNICODE)


def name_runs(
    full: str,
    start: int,
    end: int,
    breakers: Callable[[], frozenset[str]],
    skip: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """Runs of capitalised tokens in `full[start:end]`, in text order: one regex over the sentence-cased
    lines, word by word on headline-cased lines (ended by the words `breakers()` gives)."""
    headlines: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = full.find("\n", pos, end)
        stop = end if nl < 0 else nl
        if stop > pos and full[pos].isupper() and title_case(full[pos : min(stop, pos + 300)]):
            headlines.append((pos, stop))
        pos = stop + 1
    out = _fast_runs(full, start, end, skip)
    if headlines:
        out = [c for c in out if not any(a <= c.start < b for a, b in headlines)]
        for a, b in headlines:
            out.extend(_line_runs(full, a, b, breakers()))
        out.sort(key=lambda c: c.start)
    return out


_CAP = rf"(?:[{_UPPER}\d][\w'’&.\-]*[\w&]|[{_UPPER}])"
_CONN = "|".join(re.escape(c) for c in sorted(CONNECTORS, key=len, reverse=True))
_JOIN = rf"(?: {{1,2}}|(?<=\bSt)\. |(?<=\bMt)\. |(?<=\bFt)\. | (?:{_CONN})(?: (?:{_CONN}))? )"
_RUN = re.compile(rf"\b(?=[{_UPPER}\d]){_CAP}(?:{_JOIN}{_CAP})*(?![\w])")
_CAMEL_GATE = re.compile(r"[a-z][A-Z]")
_CAMEL = re.compile(rf"\b[a-z]{{1,6}}[{_UPPER}][\w'’&.\-]*[\w&]")


def _fast_runs(full: str, start: int, end: int, skip: frozenset[str] = frozenset()) -> list[Candidate]:
    """Runs of capitalised tokens in a sentence-cased line: capitalised words joined by single spaces or by
    connectors ("Bank of the West", "Banco Comercial do Huambo", "St. Mary's Hospital"), one regex."""
    out = []
    for m in _RUN.finditer(full, start, end):
        text = m.group()
        if " " not in text and text.lower() in skip:
            continue  # a lone stop word ("The", "In") starting a sentence
        out.append(Candidate(text, m.start(), m.end(), text.count(" ") + 1))
    if _CAMEL_GATE.search(full, start, end):  # camel-cased names: eBay, mSpy, digiDirect
        out += [Candidate(m.group(), m.start(), m.end(), 1) for m in _CAMEL.finditer(full, start, end)]
    return out


def _line_runs(full: str, start: int, end: int, breakers: frozenset[str]) -> list[Candidate]:
    """Runs of capitalised tokens in one line, joined by connectors and single spaces."""
    out: list[Candidate] = []
    run: list[re.Match[str]] = []
    pending: list[re.Match[str]] = []
    headline = title_case(full[start : min(end, start + 300)])

    def close() -> None:
        if run:
            out.append(Candidate(full[run[0].start() : run[-1].end()], run[0].start(), run[-1].end(), len(run)))
        run.clear()
        pending.clear()

    prev_end = start
    for m in _TOKEN.finditer(full, start, end):
        tok = m.group()
        gap = full[prev_end : m.start()]
        prev_end = m.end()
        abbrev = bool(run) and run[-1].group().lower() in _ABBREV and gap == ". "
        if run and not abbrev and (len(gap) > 2 or any(c in gap for c in ',;:!?()[]"“”|/.')):
            close()
        low = tok.lower()
        if low in CONNECTORS:
            if run:
                pending.append(m)
            continue
        if _is_cap(tok) and not (headline and low in breakers and not tok.isupper()):
            if run and run[-1].group().endswith(".") and len(run[-1].group()) > 3 and not pending:
                close()
            run.extend(pending)
            pending.clear()
            run.append(m)
        else:
            close()
    close()
    return out


_LOWER_WORD = re.compile(r"(?<!\w)[a-zß-ÿа-яё][\w'’\-]*")


def find_candidates(
    full: str,
    start: int,
    end: int,
    breakers: frozenset[str],
    keep: frozenset[str] = frozenset(),
    vocabulary: tuple[int, int] | None = None,
    skip: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """Name runs and domains in `full[start:end]`. In headline-cased lines, a word that the text (the span
    `vocabulary`, by default the same) also uses in lower case ("Clinic Hit By Ransomware") is a common
    word, not part of a name, unless it is one of the `keep` words that make names (clinic, bank, ...)."""
    extended: list[frozenset[str]] = []

    def headline_breakers() -> frozenset[str]:
        if not extended:
            v_start, v_end = vocabulary or (start, end)
            words = {*_LOWER_WORD.findall(full, v_start, v_end), *_LOWER_WORD.findall(full, start, end)}
            extended.append(breakers | (words - keep))
        return extended[0]

    cands = name_runs(full, start, end, headline_breakers, skip)
    for c in cands:
        if c.text.endswith(("'s", "’s")):
            c.text = c.text[:-2]
            c.end -= 2
        m = _SUFFIX_AFTER_COMMA.match(full, c.end)
        if m:
            c.end = m.end()
            c.text = full[c.start : c.end]
        a = _ACRONYM.match(full, c.end)
        if a and a.group(1) != c.text:
            c.aliases.append(a.group(1).rstrip("."))
    for m in around_dots(_DOMAIN, full, start, end):
        before = full[max(0, m.start() - 1) : m.start()]
        if before in ("@", "/", ".", "-") or full[m.end() : m.end() + 1] in ("/", "@"):
            continue  # part of an e-mail address or a URL, not a name
        first = m.start(1) + (4 if m.group(1).lower().startswith("www.") else 0)
        cands.append(Candidate(full[first : m.end(1)], first, m.end(1), 1, domain=True))
    return cands

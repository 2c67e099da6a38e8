"""Property tests: the analyser never raises, and every evidence span lies inside the text it points into."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from darkwire.analyze import Analyzer
from darkwire.model import Post

ANALYZER = Analyzer()
WORDS = st.sampled_from(
    [
        "selling",
        "database",
        "1.2M",
        "records",
        "$5,000",
        "BTC",
        "LockBit",
        "leak",
        "Bank",
        "of",
        "Mexico",
        "CURP",
        "passwords",
        "(IMSS)",
        "Instituto",
        "Mexicano",
        "млн",
        "продаю",
        "50GB",
        "\u200b",
        "\u202e",
        "İ",
        "ß",
        "💀",
        "\x00",
        "\n",
        ".gob.mx",
        "+52 55 1234 5678",
        "élève",
        "日本",
        "price:",
        "k",
        ",",
        ".",
    ]
)
TEXTS = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=60).map(" ".join))


def _check(text: str, title: str | None, source: str | None) -> None:
    a = ANALYZER.analyze(Post(id="h", text=text, title=title, source=source))
    for path, (start, end) in a.evidence.items():
        assert 0 <= start <= end <= len(text), (path, start, end)
    for path, (start, end) in a.evidence_title.items():
        assert 0 <= start <= end <= len(title or ""), (path, start, end)
    assert a.error is None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.one_of(st.none(), TEXTS), st.one_of(st.none(), st.text(max_size=40)))
def test_never_raises_and_spans_inside(text: str, title: str | None, source: str | None) -> None:
    _check(text, title, source)


def test_huge_and_binary_input() -> None:
    _check("A" * 300_000 + " selling 5M records", None, None)
    _check(bytes(range(256)).decode("latin-1") * 50, "\x00\x01", None)

"""Severity v1: levels land where an analyst would put them, and every factor says why."""

from __future__ import annotations

from darkwire.analyze.severity import score_severity
from darkwire.model import Analysis, Victim


def test_national_social_security_database_is_critical() -> None:
    a = Analysis(
        id="x",
        claim_type="data_sale",
        victim=Victim(name="Instituto Mexicano del Seguro Social", country="MX", sector="government"),
        data_types=["employment", "name", "national_id"],
        records=20_000_000,
    )
    sev = score_severity(a)
    assert sev.level == "critical"
    assert set(sev.factors) == {"data_sensitivity", "volume", "victim_criticality", "claim_type"}
    assert "national_id" in sev.factors["data_sensitivity"]["reason"]


def test_small_forum_usernames_and_emails_are_low_or_medium() -> None:
    a = Analysis(
        id="y",
        claim_type="data_leak",
        victim=Victim(name="Tiny Gardening Forum", sector="other_services"),
        data_types=["email", "username"],
        records=3_000,
    )
    assert score_severity(a).level in ("low", "medium")


def test_defacement_is_low() -> None:
    a = Analysis(id="z", claim_type="defacement", victim=Victim(name="Town of Springfield", sector="government"))
    assert score_severity(a).level == "low"


def test_score_grows_with_volume() -> None:
    base = {"id": "v", "claim_type": "data_leak", "data_types": ["email", "password"]}
    small = score_severity(Analysis(**base, records=1_000)).score  # type: ignore[arg-type]
    large = score_severity(Analysis(**base, records=50_000_000)).score  # type: ignore[arg-type]
    assert large > small


def test_a_very_cheap_price_lowers_and_escrow_raises_the_score() -> None:
    from darkwire.model import Price

    base = {"id": "s", "claim_type": "data_sale", "data_types": ["name", "email"], "records": 200_000}
    plain = score_severity(Analysis(**base))  # type: ignore[arg-type]
    cheap = score_severity(Analysis(**base, price=Price(amount=40, currency="USD")))  # type: ignore[arg-type]
    escrow = score_severity(Analysis(**base), "escrow accepted, sample on request")  # type: ignore[arg-type]
    assert cheap.score < plain.score < escrow.score
    assert "low for real data" in cheap.factors["sale_signal"]["reason"]


def test_a_post_that_claims_nothing_is_low() -> None:
    assert score_severity(Analysis(id="n")).level == "low"

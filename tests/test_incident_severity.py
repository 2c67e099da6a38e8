"""Severity v2 of incidents: the levels land where an analyst would put them, every adjustment has its reason,
and the stored severity follows the incident (new claims, corroboration, an analyst's verification)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from darkwire.incidents.keys import data_year
from darkwire.incidents.severity import IncidentFacts, TrackRecord, incident_severity
from darkwire.model import Post
from darkwire.pipeline import Pipeline
from darkwire.store import Store

T0 = datetime(2026, 9, 1, 12, tzinfo=UTC)

SOCIAL_SECURITY = IncidentFacts(
    claim_type="data_sale",
    data_types=("national_id", "employment", "name"),
    records=20_000_000,
    size=None,
    sector="government",
    country="MX",
    victim="Instituto Federal de Seguridad Social",
    verification="unverified",
    first_seen=T0,
    last_seen=T0,
)
SMALL_FORUM = IncidentFacts(
    claim_type="data_leak",
    data_types=("username", "email"),
    records=3_000,
    size=None,
    sector=None,
    country=None,
    victim="tinyforum.example",
    verification="unverified",
    first_seen=T0,
    last_seen=T0,
)


def test_a_national_social_security_database_is_critical_and_a_small_forum_is_not() -> None:
    critical = incident_severity(SOCIAL_SECURITY)
    assert critical.level == "critical" and critical.score >= 8.5
    small = incident_severity(SMALL_FORUM)
    assert small.level in ("low", "medium") and small.score < 4.5
    for sev in (critical, small):
        assert set(sev.factors) >= {"data_sensitivity", "volume", "victim_criticality", "claim_type"}
        assert set(sev.factors) >= {"verification", "actor_record", "freshness"}
        assert all(f["reason"] for f in sev.factors.values())


def test_a_defacement_and_a_ddos_are_low() -> None:
    for kind in ("defacement", "ddos"):
        facts = replace(SMALL_FORUM, claim_type=kind, data_types=(), records=None, sector="government")
        assert incident_severity(facts).level == "low"


@pytest.mark.parametrize(
    ("verification", "direction"),
    [("confirmed", 1), ("corroborated", 1), ("plausible", 1), ("unverified", 0), ("recycled", -1), ("disputed", -1)],
)
def test_verification_moves_the_score(verification: str, direction: int) -> None:
    base = replace(SOCIAL_SECURITY, records=50_000, sector="retail")
    before = incident_severity(base).score
    after = incident_severity(replace(base, verification=verification))
    assert (after.score > before) - (after.score < before) == direction
    assert after.factors["verification"]["reason"] == f"verification: {verification}"


def test_the_actors_track_record_counts_only_with_enough_incidents() -> None:
    base = replace(SOCIAL_SECURITY, records=50_000, sector="retail")
    plain = incident_severity(base).score
    reliable = TrackRecord("KnownCrew", incidents=6, corroborated=4)
    liar = TrackRecord("Bragger", incidents=5, recycled=2, disputed=2)
    newcomer = TrackRecord("Fresh", incidents=2, corroborated=2)
    assert incident_severity(replace(base, track=reliable)).score > plain
    low = incident_severity(replace(base, track=liar))
    assert low.score < plain and "of 5 other incidents" in low.factors["actor_record"]["reason"]
    assert incident_severity(replace(base, track=newcomer)).score == plain
    assert incident_severity(replace(base, track=liar)).factors["actor_record"]["points"] >= -1.0


def test_old_data_is_less_severe_and_freshness_never_reads_the_clock() -> None:
    base = replace(SOCIAL_SECURITY, records=50_000, sector="retail")
    fresh = incident_severity(base)
    assert fresh.factors["freshness"]["points"] == 0
    year_old = incident_severity(replace(base, first_seen=T0 - timedelta(days=400)))
    assert year_old.factors["freshness"]["points"] == -1.0
    said_old = incident_severity(replace(base, data_year=2019))
    assert said_old.factors["freshness"]["points"] == -1.5
    assert "from 2019" in said_old.factors["freshness"]["reason"]
    assert said_old.score < year_old.score < fresh.score
    assert data_year("Selling the 2019 database of a clinic", T0) == 2019
    assert data_year("datos de 2021, actualizados", T0) == 2021
    assert data_year("Company founded in 1998 sells nothing", T0) is None
    assert data_year("data from 2031", T0) is None  # never after the post


@pytest.fixture
def pipe(store: Store) -> Any:
    with Pipeline(store, workers=1) as p:
        yield p


def _post(pid: str, text: str, at: datetime) -> Post:
    return Post(id=pid, text=text, posted_at=at)


def test_the_stored_severity_follows_the_incident(pipe: Pipeline) -> None:
    text = (
        "Selling the database of Instituto Federal de Seguridad Social (ifss.gob.mx), Mexico: 20,000,000 "
        "records with CURP numbers, full names and employee contracts. Price 6000 USD."
    )
    pipe.commit("forum-x", "files", {}, [_post("p1", text, T0)])
    pipe.analyse_pending()
    pipe.correlate_pending()
    [inc] = pipe.store.incidents.recent()
    assert inc["severity"] == "critical"
    assert inc["severity_factors"]["verification"]["points"] == 0
    first = inc["severity_score"]
    repost = "Instituto Federal de Seguridad Social (Mexico) DB: 20,000,000 records, CURP, names, contracts. 6000$"
    pipe.commit("telegram-y", "files", {}, [_post("p2", repost, T0 + timedelta(days=1))])
    pipe.analyse_pending()
    pipe.correlate_pending()
    [inc] = pipe.store.incidents.recent()
    assert inc["verification"] == "corroborated" and len(inc["claims"]) == 2
    assert inc["severity_score"] > first and inc["severity_factors"]["verification"]["points"] == 0.5
    pipe.store.incidents.verify(inc["id"], "disputed", by="ana", rationale="the institute showed the rows are fake")
    disputed = pipe.store.incidents.get(inc["id"])
    assert disputed is not None and disputed["severity_score"] < first
    assert disputed["severity_factors"]["verification"]["reason"] == "verification: disputed"


def test_an_actors_disputed_claims_lower_its_next_incident(pipe: Pipeline) -> None:
    victims = ["Harrow Dental Group", "Quenby Freight Lines", "Ostler Mutual Insurance"]
    for n, victim in enumerate(victims):
        text = f"Selling the customer database of {victim} (USA): {40 + n},000 rows with emails. Posted by Bragger."
        pipe.commit("forum-x", "files", {}, [_post(f"d{n}", text, T0 + timedelta(days=n))])
    pipe.analyse_pending()
    pipe.correlate_pending()
    found = pipe.store.incidents.recent()
    assert len(found) == 3 and {i["actor"] for i in found} == {"Bragger"}
    for inc in found:
        pipe.store.incidents.verify(inc["id"], "disputed", by="ana", rationale="the samples were fabricated")
    text = "Selling the customer database of Pellam Garden Centres (USA): 52,000 rows with emails. Posted by Bragger."
    pipe.commit("forum-x", "files", {}, [_post("d9", text, T0 + timedelta(days=9))])
    pipe.analyse_pending()
    pipe.correlate_pending()
    newest = pipe.store.incidents.recent(limit=1)[0]
    record = newest["severity_factors"]["actor_record"]
    assert record["points"] == -1.0 and "of 3 other incidents" in record["reason"] and "3 disputed" in record["reason"]

"""The package's vocabulary covers the shared contract, and every lexicon names only taxonomy values."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from darkwire.taxonomy import load_data, taxonomy

SHARED = Path(__file__).resolve().parents[2] / "shared" / "contract" / "taxonomy.yaml"


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/contract/taxonomy.yaml is not beside this checkout")
def test_package_taxonomy_covers_the_shared_contract() -> None:
    shared = yaml.safe_load(SHARED.read_text(encoding="utf-8"))
    ours = load_data("taxonomy.yaml")
    for section in ("claim_types", "sectors", "data_types", "verification"):
        assert set(shared[section]) <= set(ours[section]), section
    assert shared["severity_levels"] == ours["severity_levels"]
    for name, spec in shared["data_types"].items():
        assert set(spec.get("hibp", [])) <= set(ours["data_types"][name].get("hibp", [])), name
    for name, spec in shared["sectors"].items():
        assert set(spec["naics"]) <= set(ours["sectors"][name]["naics"]), name


def test_longest_naics_prefix_wins() -> None:
    t = taxonomy()
    assert t.sector_for_naics("541511") == "technology"
    assert t.sector_for_naics("541110") == "professional_services"
    assert t.sector_for_naics("622110") == "healthcare"
    assert t.sector_for_naics("999") is None


def test_claim_lexicon_names_only_taxonomy_claim_types() -> None:
    assert set(load_data("lexicon/claim_types.yaml")) <= set(taxonomy().claim_types)


def test_severity_tables_name_only_taxonomy_values() -> None:
    cfg = load_data("severity.yaml")
    t = taxonomy()
    assert set(cfg["data_sensitivity"]) == set(t.data_types)
    assert set(cfg["victim_criticality"]) == set(t.sectors)
    assert set(cfg["claim_type"]) == set(t.claim_types)
    assert list(cfg["levels"]) == list(reversed(t.severity_levels))


def test_known_organisations_use_taxonomy_values() -> None:
    from darkwire.analyze.victim_orgs import OrgIndex

    index = OrgIndex()
    orgs = {id(o): o for o in index._by_key.values()}.values()
    assert orgs
    for org in orgs:
        assert org.sector is None or org.sector in taxonomy().sectors, org
        assert org.country is None or len(org.country) == 2, org


def test_no_name_belongs_to_two_known_organisations() -> None:
    from darkwire.analyze.victim_orgs import OrgIndex

    assert OrgIndex().conflicts == []

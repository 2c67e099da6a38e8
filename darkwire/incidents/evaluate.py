"""Clustering quality against labelled incidents: pairwise precision, recall and F1.

A pair is two claims in one incident. Predicted pairs come from darkwire's incidents, true pairs from the
labels (the demo's `incidents.yaml`: claims as (source, external id)); claims outside any labelled incident are
single-claim incidents, so grouping them with anything is a wrong pair.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

ClaimKey = tuple[str, str]  # (source name, external id)


@dataclass
class Scores:
    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    correct: int
    wrong: set[frozenset[ClaimKey]]
    missed: set[frozenset[ClaimKey]]


def pairs(groups: Iterable[Iterable[ClaimKey]]) -> set[frozenset[ClaimKey]]:
    return {frozenset(p) for g in groups for p in itertools.combinations(sorted(set(g)), 2)}


def pairwise(truth: Iterable[Iterable[ClaimKey]], predicted: Iterable[Iterable[ClaimKey]]) -> Scores:
    want, got = pairs(truth), pairs(predicted)
    correct = len(want & got)
    precision = correct / len(got) if got else 1.0
    recall = correct / len(want) if want else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, len(want), len(got), correct, got - want, want - got)


def demo_truth() -> list[dict[str, Any]]:
    """The demo corpus's labelled incidents."""
    text = resources.files("darkwire.demo").joinpath("incidents.yaml").read_text(encoding="utf-8")
    incidents: list[dict[str, Any]] = yaml.safe_load(text)["incidents"]
    return incidents


def groups_of(incidents: Iterable[dict[str, Any]]) -> list[set[ClaimKey]]:
    """(source, external id) groups of incidents as `Incidents.recent` lists them."""
    return [{(c["source"], str(c["external_id"])) for c in inc["claims"]} for inc in incidents]

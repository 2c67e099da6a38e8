"""Vocabularies as data: the taxonomy and the lexicons the analyser uses, loaded from YAML in `data/`.

Files are read on first use and cached; nothing is read at import time. An analyst extends a lexicon by
editing its YAML file, never Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from darkwire.errors import VocabularyError

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_data(name: str) -> Any:
    """The parsed YAML file `darkwire/taxonomy/data/<name>` (for example "lexicon/data_types.yaml")."""
    return _load_cached(name)


@cache
def _load_cached(name: str) -> Any:
    path = resources.files("darkwire.taxonomy").joinpath("data", *name.split("/"))
    try:
        with path.open("r", encoding="utf-8") as f:
            return yaml.load(f, Loader=_LOADER)  # the safe loader, in C where libyaml is there
    except FileNotFoundError as e:
        raise VocabularyError(f"vocabulary file {name} is missing from the darkwire package: reinstall it") from e
    except yaml.YAMLError as e:
        raise VocabularyError(f"vocabulary file {name} is not valid YAML: {e}") from e


@dataclass(frozen=True)
class Taxonomy:
    claim_types: tuple[str, ...]
    sectors: dict[str, tuple[str, ...]]  # sector -> NAICS prefixes
    data_types: dict[str, str | None]  # data type -> VERIS variety
    hibp: dict[str, str]  # HIBP data class -> data type
    severity_levels: tuple[str, ...]
    verification: tuple[str, ...]

    def sector_for_naics(self, code: str) -> str | None:
        """The sector whose NAICS prefix is the longest prefix of `code` (5415 -> technology)."""
        best, best_len = None, 0
        for sector, prefixes in self.sectors.items():
            for p in prefixes:
                if code.startswith(p) and len(p) > best_len:
                    best, best_len = sector, len(p)
        return best


@cache
def taxonomy() -> Taxonomy:
    raw = load_data("taxonomy.yaml")
    try:
        types = raw["data_types"]
        return Taxonomy(
            claim_types=tuple(raw["claim_types"]),
            sectors={k: tuple(str(p) for p in v["naics"]) for k, v in raw["sectors"].items()},
            data_types={k: (v or {}).get("veris") for k, v in types.items()},
            hibp={cls: k for k, v in types.items() for cls in (v or {}).get("hibp", [])},
            severity_levels=tuple(raw["severity_levels"]),
            verification=tuple(raw["verification"]),
        )
    except (KeyError, TypeError, AttributeError) as e:
        raise VocabularyError(f"taxonomy.yaml lacks or misshapes {e}: compare it with shared/contract") from e

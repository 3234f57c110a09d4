"""The curated language data of the assistant (`vocabulary.yaml` and the other YAML files
next to its modules), each read once."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def curated(name: str) -> dict[str, Any]:
    """The parsed YAML file `name` of the search.assistant package ("conditions.yaml")."""
    text = resources.files("search.assistant").joinpath(name).read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def vocabulary() -> dict[str, Any]:
    """The parsed vocabulary.yaml."""
    return curated("vocabulary.yaml")


def stopwords(group: str) -> frozenset[str]:
    """The function words plus the words of one `stopwords` group of vocabulary.yaml."""
    groups = vocabulary()["stopwords"]
    return frozenset(groups["function"].split()) | frozenset(groups[group].split())

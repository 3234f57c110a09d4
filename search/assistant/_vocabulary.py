"""The curated language data of the assistant (`vocabulary.yaml`), read once."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def vocabulary() -> dict[str, Any]:
    """The parsed vocabulary.yaml."""
    text = resources.files("search.assistant").joinpath("vocabulary.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def stopwords(group: str) -> frozenset[str]:
    """The function words plus the words of one `stopwords` group of vocabulary.yaml."""
    groups = vocabulary()["stopwords"]
    return frozenset(groups["function"].split()) | frozenset(groups[group].split())

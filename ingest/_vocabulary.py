"""Loads `vocabulary.yaml`: architecture labels, licenses, size units, language names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest._data import load_yaml


@dataclass(frozen=True)
class Vocabulary:
    architectures: tuple[tuple[str, re.Pattern[str]], ...]
    licenses: tuple[tuple[str, re.Pattern[str]], ...]
    size_units: tuple[str, ...]
    languages: frozenset[str]
    connectors: tuple[tuple[str, re.Pattern[str]], ...]
    model_units: tuple[tuple[str, str], ...]
    training_stages: re.Pattern[str]
    not_parameter_words: re.Pattern[str]
    part_nouns: str
    part_subject: re.Pattern[str]


@cache
def vocabulary() -> Vocabulary:
    """The parsed vocabulary file (cached)."""
    data = load_yaml("vocabulary.yaml")
    return Vocabulary(
        architectures=tuple((k, re.compile(v)) for k, v in data["architectures"].items()),
        licenses=tuple((k, re.compile(v)) for k, v in data["licenses"].items()),
        size_units=tuple(sorted(data["size_units"], key=len, reverse=True)),
        languages=frozenset(data["languages"]),
        connectors=tuple((k, re.compile(v)) for k, v in data["connectors"].items()),
        model_units=tuple(data["model_units"].items()),
        training_stages=re.compile(data["training_stages"], re.I),
        not_parameter_words=re.compile(data["not_parameter_words"], re.I),
        part_nouns=data["part_nouns"],
        part_subject=re.compile(data["part_subject"], re.I),
    )

"""Reads the curated YAML data files that live next to this package's code."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

# The C loader is ~10x faster; the pure-Python one is the fallback when libyaml is absent.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(name: str) -> Any:
    """The parsed content of `ingest/<name>`."""
    text = resources.files("ingest").joinpath(name).read_text("utf-8")
    return yaml.load(text, Loader=_LOADER)


@cache
def _cue_lists() -> dict[str, str]:
    cues = load_yaml("mentions.yaml")["negation_cues"]
    return {name: "|".join(map(str, words)) for name, words in cues.items()}


def with_cues(pattern: str) -> str:
    """`pattern` with each `{{name}}` replaced by that list of mentions.yaml's
    `negation_cues` as a regex alternation, so every negation pattern shares one cue list."""
    return re.sub(r"\{\{(\w+)\}\}", lambda m: _cue_lists()[m[1]], pattern)

"""Reads the curated YAML data files that live next to this package's code."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

# The C loader is ~10x faster; the pure-Python one is the fallback when libyaml is absent.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(name: str) -> Any:
    """The parsed content of `ingest/<name>`."""
    text = resources.files("ingest").joinpath(name).read_text("utf-8")
    return yaml.load(text, Loader=_LOADER)

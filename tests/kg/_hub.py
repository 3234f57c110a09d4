"""The bundled hub read and built once per test session (shared by the kg tests)."""

from __future__ import annotations

from functools import cache

from rdflib import Graph

import ingest
from ingest.records import Record
from kg.build import build
from vlmkg.config import bundled_hub


@cache
def bundled_records() -> tuple[Record, ...]:
    """The records of the bundled hub."""
    return tuple(ingest.read_hubs([bundled_hub()]))


@cache
def bundled_graph() -> Graph:
    """The graph of the bundled hub (do not modify it)."""
    return build(bundled_records())

"""Ingestion: hub markdown -> typed records (`ingest.records`). No RDF here."""

from __future__ import annotations

from ingest.extract import extract
from ingest.files import read_hub, read_hubs
from ingest.gazetteer import resolve_component
from ingest.markdown import Document, parse
from ingest.names import entity_key, slug

__all__ = [
    "Document",
    "entity_key",
    "extract",
    "parse",
    "read_hub",
    "read_hubs",
    "resolve_component",
    "slug",
]

"""Ingestion: hub markdown -> typed records (`ingest.records`). No RDF here.

Pipeline: `parse(text, file)` builds a section tree (`ingest.markdown`), `extract(document)`
classifies headings by meaning and reads records out of bullets, tables and prose
(`ingest.extract`), `read_hubs(paths)` does both for files with actionable errors.

Curated knowledge is data, next to the code that reads it:
- `gazetteer.yaml`: component families, aliases and version naming (`resolve_component`)
- `sections.yaml`: what headings mean (models, datasets, research directions, ...)
- `tables.yaml`: what table columns mean, and what plain tables hold
- `vocabulary.yaml`: architecture labels, licenses, size units, language names
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ingest.extract import extract
    from ingest.files import read_hub, read_hubs
    from ingest.gazetteer import resolve_component
    from ingest.markdown import Document, parse
    from ingest.names import entity_key, slug

# The public names and the module each lives in, imported on first use: every command
# imports some `ingest.*` module (records, names), and only a build needs the extractor.
_HOMES = {
    "Document": "ingest.markdown",
    "entity_key": "ingest.names",
    "extract": "ingest.extract",
    "parse": "ingest.markdown",
    "read_hub": "ingest.files",
    "read_hubs": "ingest.files",
    "resolve_component": "ingest.gazetteer",
    "slug": "ingest.names",
}

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


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'ingest' has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name]), name)
    globals()[name] = value
    return value

"""Records to an RDF graph on disk, checked against SHACL shapes, queried with SPARQL.

`build(records) -> Graph`, `validate(graph)`, `write_build(records, home, sources) -> Path`
(atomic build directories), `open_current(home) -> OxigraphStore`; `checked_graph(records,
strict=...)` repairs or drops the records that cannot become valid RDF (docs/sources.md).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["OxigraphStore", "build", "checked_graph", "open_current", "validate", "write_build"]

# Imported on first use: `vlmkg sparql`, `stats` and `export` need none of the build stack.
_HOMES = {
    "OxigraphStore": "kg.oxigraph_store",
    "build": "kg.build",
    "checked_graph": "kg.checks",
    "open_current": "kg.builds",
    "validate": "kg.shacl",
    "write_build": "kg.builds",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)

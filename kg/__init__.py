"""Records to an RDF graph on disk, checked against SHACL shapes, queried with SPARQL.

`build(records) -> Graph`, `validate(graph)`, `write_build(records, home, sources) -> Path`
(atomic build directories), `open_current(home) -> OxigraphStore`.
"""

from __future__ import annotations

from kg.build import build
from kg.builds import open_current, write_build
from kg.oxigraph_store import OxigraphStore
from kg.shacl import validate

__all__ = ["OxigraphStore", "build", "open_current", "validate", "write_build"]

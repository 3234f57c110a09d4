"""Exports as downloads: the formats of `kg.export`, rendered in memory per request.

The rdflib graph of the current build is loaded once and kept until the build changes.
"""

from __future__ import annotations

import io
import threading
import zipfile
from typing import Any

from kg.export import FORMATS, RDF_FORMATS, load_graph, render
from kg.oxigraph_store import OxigraphStore
from vlmkg.config import current_build
from vlmkg.errors import ExportError

MEDIA_TYPES = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "trig": "application/trig",
    "nquads": "application/n-quads",
    "gexf": "application/gexf+xml",
    "graphml": "application/graphml+xml",
    "csv": "application/zip",
    "bibtex": "application/x-bibtex",
    "ris": "application/x-research-info-systems",
    "csljson": "application/vnd.citationstyles.csl+json",
}
SUFFIXES = {
    **{name: suffix for name, (_, suffix) in RDF_FORMATS.items()},
    "gexf": ".gexf",
    "graphml": ".graphml",
    "csv": ".csv.zip",
    "bibtex": ".bib",
    "ris": ".ris",
    "csljson": ".json",
}
EXPORT_FORMATS = tuple(FORMATS)

_cache: dict[str, Any] = {}
_lock = threading.Lock()


def export_bytes(runtime: Any, fmt: str, view: str | None = None) -> tuple[str, str, bytes]:
    """(file name, media type, contents) of the export `fmt` of the current graph.

    CSV (nodes + edges) comes as one zip. Raises ExportError for an unknown format or view.
    """
    if fmt not in MEDIA_TYPES:
        raise ExportError(f"unknown format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}")
    parts = render(_graph(runtime), fmt, view)
    name = f"vlmkg{'-' + view if view else ''}{SUFFIXES[fmt]}"
    if fmt != "csv":
        return name, MEDIA_TYPES[fmt], parts[""]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(f"{part}.csv", data)
    return name, MEDIA_TYPES[fmt], buffer.getvalue()


def _graph(runtime: Any) -> Any:
    build = current_build(runtime.settings.home)
    with _lock:
        if _cache.get("build") != build:
            with OxigraphStore(build / "store", read_only=True) as store:
                _cache["graph"] = load_graph(store)
            _cache["build"] = build
        return _cache["graph"]

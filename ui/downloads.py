"""Exports as downloads: the formats of `kg.export`, rendered in memory per request.

The rdflib graph of the current build (or of the remote store's current graph version)
is loaded once and kept until the build changes.
"""

from __future__ import annotations

import io
import threading
import zipfile
from typing import Any

from kg.export import FORMATS, VIEWS, load_graph, render
from kg.store_config import open_store
from vlmkg.errors import ExportError, NoGraphError

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
    "turtle": ".ttl",
    "ntriples": ".nt",
    "jsonld": ".jsonld",
    "rdfxml": ".rdf",
    "trig": ".trig",
    "nquads": ".nq",
    "gexf": ".gexf",
    "graphml": ".graphml",
    "csv": ".csv.zip",
    "bibtex": ".bib",
    "ris": ".ris",
    "csljson": ".json",
}
EXPORT_FORMATS = tuple(FORMATS)
__all__ = ["EXPORT_FORMATS", "VIEWS", "export_bytes"]

_cache: dict[str, Any] = {}
_lock = threading.Lock()


def export_bytes(runtime: Any, fmt: str, view: str | None = None) -> tuple[str, str, bytes]:
    """(file name, media type, contents) of the export `fmt` of the current graph.

    CSV (nodes + edges) comes as one zip. Raises ExportError for an unknown format or view.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}")
    parts = render(_graph(runtime), fmt, view)
    name = f"vlmkg{'-' + view if view else ''}{SUFFIXES.get(fmt, '.' + fmt)}"
    media_type = MEDIA_TYPES.get(fmt, "application/octet-stream")
    if fmt != "csv":
        return name, media_type, parts[""]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(f"{part}.csv", data)
    return name, media_type, buffer.getvalue()


def _graph(runtime: Any) -> Any:
    build = runtime.build_id()
    if build is None:
        raise NoGraphError("the graph is not ready yet: try again when the server has loaded it")
    settings = runtime.settings
    with _lock:
        if _cache.get("build") != (settings.home, build):
            store = open_store(settings.store_spec, settings.home, graph=settings.graph)
            try:
                _cache["graph"] = load_graph(store)
            finally:
                store.close()
            _cache["build"] = (settings.home, build)
        return _cache["graph"]
